import { dayPhraseLength } from '../dates.js';
import type { MessageKey, Params } from '../i18n/catalog.js';
import type { ConversationRef, UserRef, WorkspaceRef } from '../platform/ids.js';
import { foldKeyword } from './tokenize.js';

/** A choice a user can type, with the words that also mean it (Chinese names, short forms). */
export interface Choice<V extends string = string> {
  value: V;
  aliases?: readonly string[];
  label: MessageKey;
}

interface OptionBase {
  /** Localized name shown in usage lines, e.g. `<member>` / `<成员>`. */
  label: MessageKey;
  required: boolean;
  /** Other names accepted in `name:value` form. */
  aliases?: readonly string[];
}

export interface StringOption extends OptionBase {
  kind: 'string';
  /** Takes the rest of the line, spaces included. */
  rest: boolean;
  /** How many of the next words the value takes, when it may be several (`last monday`); one without. */
  phrase?: (words: readonly string[]) => number;
}
export interface IntegerOption extends OptionBase {
  kind: 'integer';
  min?: number;
  max?: number;
}
export interface UserOption extends OptionBase {
  kind: 'user';
}
export interface ChannelOption extends OptionBase {
  kind: 'channel';
}
export interface ChoiceOption<V extends string = string> extends OptionBase {
  kind: 'choice';
  choices: readonly Choice<V>[];
}

export type OptionSpec = StringOption | IntegerOption | UserOption | ChannelOption | ChoiceOption;

type Value<O> = O extends UserOption
  ? UserRef
  : O extends ChannelOption
    ? ConversationRef
    : O extends IntegerOption
      ? number
      : O extends ChoiceOption<infer V>
        ? V
        : string;

/** The typed arguments a handler receives for an options declaration. */
export type ArgsOf<O extends Record<string, OptionSpec>> = {
  [K in keyof O]: O[K]['required'] extends true ? Value<O[K]> : Value<O[K]> | undefined;
};

export type ArgValue = string | number | UserRef | ConversationRef;

type Flags<R extends boolean> = { required: R; aliases?: readonly string[] };

/**
 * Option builders. Declarations are data: the same spec parses console and Slack text and becomes
 * Discord's typed options.
 * @example { member: opt.user('opt.member', { required: true }), days: opt.integer('opt.days', { required: false, min: 1, max: 365 }) }
 */
export const opt = {
  string<const R extends boolean>(label: MessageKey, flags: Flags<R> & { rest?: boolean }) {
    return { kind: 'string', label, rest: flags.rest ?? false, ...flags } as StringOption & { required: R };
  },
  /** A day as people write it, one word or several: `2026-12-01`, `last monday`, `上周一`. */
  day<const R extends boolean>(label: MessageKey, flags: Flags<R>) {
    return { kind: 'string', label, rest: false, phrase: dayPhraseLength, ...flags } as StringOption & {
      required: R;
    };
  },
  integer<const R extends boolean>(label: MessageKey, flags: Flags<R> & { min?: number; max?: number }) {
    return { kind: 'integer', label, ...flags } as IntegerOption & { required: R };
  },
  user<const R extends boolean>(label: MessageKey, flags: Flags<R>) {
    return { kind: 'user', label, ...flags } as UserOption & { required: R };
  },
  channel<const R extends boolean>(label: MessageKey, flags: Flags<R>) {
    return { kind: 'channel', label, ...flags } as ChannelOption & { required: R };
  },
  choice<V extends string, const R extends boolean>(
    label: MessageKey,
    choices: readonly Choice<V>[],
    flags: Flags<R>,
  ) {
    return { kind: 'choice', label, choices, ...flags } as ChoiceOption<V> & { required: R };
  },
};

/** Why a value does not fit its option; the dispatcher turns it into a usage reply. */
export interface ArgProblem {
  key: MessageKey;
  params: Params;
  /** The option the problem is about, shown as `<label>`. */
  label?: MessageKey;
  /** The choices the value had to be one of, listed in the reader's words. */
  choices?: readonly Choice[];
}

/** Finds the choice a typed word means, by value or alias, ignoring case and full-width forms. */
export function matchChoice<V extends string>(
  choices: readonly Choice<V>[],
  raw: string,
): Choice<V> | undefined {
  const word = foldKeyword(raw);
  // `account manager` and `account-manager` are how people write the value `account_manager`.
  const joined = word.replace(/[\s-]+/gu, '_');
  return choices.find(
    (c) =>
      c.value.toLowerCase() === word ||
      c.value.toLowerCase() === joined ||
      c.aliases?.some((a) => foldKeyword(a) === word),
  );
}

/**
 * Converts one typed word to the option's value, or says what is wrong with it.
 * Mentions arrive in the canonical `<@id>` / `<#id>` form; adapters rewrite their own syntax to it.
 */
export function parseValue(
  spec: OptionSpec,
  raw: string,
  workspace: WorkspaceRef,
): { value: ArgValue } | { problem: ArgProblem } {
  switch (spec.kind) {
    case 'string':
      return { value: raw };
    case 'integer': {
      const folded = raw.normalize('NFKC').trim();
      if (!/^[-+]?\d+$/.test(folded)) return { problem: { key: 'arg.notInteger', params: { value: raw } } };
      const n = Number.parseInt(folded, 10);
      if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) {
        return {
          problem: {
            key: 'arg.outOfRange',
            params: {
              value: raw,
              min: spec.min ?? Number.MIN_SAFE_INTEGER,
              max: spec.max ?? Number.MAX_SAFE_INTEGER,
            },
          },
        };
      }
      return { value: n };
    }
    case 'user': {
      const m = /^<@!?([\w.-]+)(?:\|[^>]*)?>$/u.exec(raw.trim());
      if (!m) return { problem: { key: 'arg.notUser', params: { value: raw } } };
      return { value: { ...workspace, userId: m[1] as string } };
    }
    case 'channel': {
      const m = /^<#([\w.-]+)(?:\|[^>]*)?>$/u.exec(raw.trim());
      if (!m) return { problem: { key: 'arg.notChannel', params: { value: raw } } };
      return { value: { ...workspace, channelId: m[1] as string } };
    }
    case 'choice': {
      const choice = matchChoice(spec.choices, raw);
      if (!choice) {
        return {
          problem: {
            key: 'arg.notChoice',
            params: { value: raw },
            choices: spec.choices,
          },
        };
      }
      return { value: choice.value };
    }
  }
}
