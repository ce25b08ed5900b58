import { catalogs } from '../i18n/catalog.js';
import type { WorkspaceRef } from '../platform/ids.js';
import type { CommandSpec, SubcommandSpec } from './define-command.js';
import { type FieldRules, isMention, readFields } from './fields.js';
import { type ArgProblem, type ArgValue, matchChoice, type OptionSpec, parseValue } from './options.js';
import { findSubcommand } from './registry.js';
import { foldKeyword, type Token, tokenize } from './tokenize.js';

export type ParseResult =
  | { ok: true; sub: SubcommandSpec; args: Record<string, ArgValue | undefined> }
  | { ok: false; reason: 'unknown_subcommand'; word: string }
  | { ok: false; reason: 'bad_arguments'; sub: SubcommandSpec; problem: ArgProblem };

/** The option's name as the usage line shows it, in each language: `开始日期`, `from (date)` → `from`. */
function shownNames(spec: OptionSpec): string[] {
  return Object.values(catalogs).map((catalog) => foldKeyword(catalog[spec.label].replace(/[（(].*$/su, '')));
}

function keyedOption(options: [string, OptionSpec][], key: string): [string, OptionSpec] | undefined {
  const folded = foldKeyword(key);
  return options.find(
    ([name, spec]) =>
      name.toLowerCase() === folded ||
      spec.aliases?.some((a) => foldKeyword(a) === folded) ||
      shownNames(spec).includes(folded),
  );
}

/**
 * How far a `name: value` runs. Text runs to the next key, spaces included (`customer: Acme
 * Trading Co. id: 42`), but stops at a mention when a person or channel is also asked for, and a
 * one-word text before free text keeps to one word (`date: 12-24 Christmas Eve`); a number, a
 * choice, a person or a channel is one word.
 */
function fieldRules(options: [string, OptionSpec][]): FieldRules {
  const spec = (name: string) => options.find(([n]) => n === name)?.[1];
  const asksForPeople = options.some(([, s]) => s.kind === 'user' || s.kind === 'channel');
  const hasRest = options.some(([, s]) => isRest(s));
  return {
    keyOf: (key) => keyedOption(options, key)?.[0],
    endsBefore: (name, token, taken) => {
      const option = spec(name);
      if (option?.kind !== 'string') return taken >= 1;
      if (asksForPeople && isMention(token)) return true;
      return !option.rest && hasRest && taken >= 1;
    },
  };
}

/**
 * `时区：Asia/Shanghai` or `timezone:UTC` typed as one word: when the part before the colon is a
 * choice of this option, it is the choice and the rest is the next word.
 */
function splitChoicePrefix(spec: OptionSpec, positional: Token[], index: number): void {
  const token = positional[index];
  if (spec.kind !== 'choice' || !token || token.quoted) return;
  const m = /^([^:：]+)[:：](.+)$/su.exec(token.text);
  if (!m || !matchChoice(spec.choices, m[1] as string)) return;
  const cut = token.start + (m[1] as string).length + 1;
  positional.splice(
    index,
    1,
    { text: m[1] as string, start: token.start, end: cut - 1, quoted: false },
    { text: m[2] as string, start: cut, end: token.end, quoted: false },
  );
}

/** The original text of the remaining words, spacing and line breaks kept. */
function restOf(text: string, tokens: Token[]): string {
  const [first] = tokens;
  const last = tokens[tokens.length - 1];
  if (!first || !last) return '';
  return tokens.length === 1 ? first.text : text.slice(first.start, last.end).trim();
}

/**
 * Parses the words after a slash command against its declaration: the subcommand first, then
 * `name:value` words (full-width colon too), then the remaining words in declaration order.
 * @example parseInvocation(roleCommand, 'add <@U1> pm', ws) → { ok: true, sub: add, args: { member: {…U1}, role: 'pm' } }
 */
export function parseInvocation(command: CommandSpec, text: string, workspace: WorkspaceRef): ParseResult {
  const tokens = tokenize(text);
  const first = tokens[0];
  let sub: SubcommandSpec | undefined;
  if (!first) {
    sub = command.defaultSubcommand ? findSubcommand(command, command.defaultSubcommand) : undefined;
  } else {
    sub = findSubcommand(command, first.text);
    if (sub) tokens.shift();
    // `/standup yesterday: …` is an answer, not a typo of a subcommand: the whole text goes to it.
    else if (command.textSubcommand) sub = findSubcommand(command, command.textSubcommand);
    if (!sub) return { ok: false, reason: 'unknown_subcommand', word: first.text };
  }
  if (!sub) return { ok: false, reason: 'unknown_subcommand', word: '' };

  const options = Object.entries(sub.options);
  const args: Record<string, ArgValue | undefined> = {};
  const fail = (problem: ArgProblem): ParseResult => ({
    ok: false,
    reason: 'bad_arguments',
    sub: sub,
    problem,
  });

  const positional: Token[] = [];
  for (const piece of readFields(text, tokens, fieldRules(options))) {
    if (piece.kind === 'word') {
      positional.push(piece.token);
      continue;
    }
    const spec = sub.options[piece.name] as OptionSpec;
    // `from: last monday today`: the day is two words, and `today` is the next option's.
    const words = piece.value.split(' ');
    const spare = phraseOf(spec) && !piece.quoted ? words.length - spanOf(spec, words) : 0;
    if (spare > 0) positional.push(...piece.tokens.slice(-spare));
    const parsed = parseValue(spec, words.slice(0, words.length - spare).join(' '), workspace);
    if ('problem' in parsed) return fail({ ...parsed.problem, label: spec.label });
    args[piece.name] = parsed.value;
  }

  const crowd = tooManyPeople(options, positional, args);
  if (crowd) return fail(crowd);
  const crowdAfterRest = takeMentionsAfterRest(options, positional, args, workspace);
  if (crowdAfterRest) return fail(crowdAfterRest);
  let next = 0;
  for (const [at, [name, spec]] of options.entries()) {
    if (args[name] !== undefined) continue;
    if (next >= positional.length) {
      if (spec.required) return fail({ key: 'arg.missing', params: {}, label: spec.label });
      continue;
    }
    const rest = spec.kind === 'string' && spec.rest;
    splitChoicePrefix(spec, positional, next);
    const span = spanOf(
      spec,
      positional.slice(next).map((t) => t.text),
    );
    const raw = rest
      ? restOf(text, positional.slice(next))
      : positional
          .slice(next, next + span)
          .map((t) => t.text)
          .join(' ');
    const parsed = parseValue(spec, raw, workspace);
    // An optional number the word is not, just before free text, was left out: `/members prune 30 Acme`.
    if ('problem' in parsed && !spec.required && spec.kind === 'integer' && isRest(options[at + 1]?.[1]))
      continue;
    // An optional person the word does not name, before other options, was left out: `/rules log 2026-12-01`.
    if ('problem' in parsed && !spec.required && spec.kind === 'user' && at + 1 < options.length) continue;
    next = rest ? positional.length : next + span;
    if ('problem' in parsed) return fail({ ...parsed.problem, label: spec.label });
    args[name] = parsed.value;
  }
  const extra = positional[next];
  if (extra) return fail({ key: 'arg.unexpected', params: { value: extra.text } });
  return { ok: true, sub, args };
}

/**
 * `/role add @bob @carol pm`: where a command takes one person, naming two is said to be so, rather
 * than @carol being read as the role or quietly left out.
 */
function tooManyPeople(
  options: [string, OptionSpec][],
  positional: Token[],
  args: Record<string, ArgValue | undefined>,
): ArgProblem | undefined {
  // Free text may well mention people: only the words before it are counted.
  const restAt = options.findIndex(([, spec]) => isRest(spec));
  const slots = (restAt < 0 ? options : options.slice(0, restAt)).filter(
    ([name]) => args[name] === undefined,
  );
  const open = slots.filter(([, spec]) => spec.kind === 'user');
  const words = restAt < 0 ? positional : positional.slice(0, slots.length);
  const mentions = words.filter((t) => !t.quoted && /^<@[^>]+>$/u.test(t.text)).length;
  const [first] = open;
  if (!first || mentions <= open.length) return undefined;
  return { key: 'arg.onePerson', params: { count: mentions }, label: first[1].label };
}

const phraseOf = (spec: OptionSpec) => (spec.kind === 'string' ? spec.phrase : undefined);

/**
 * How many words an option's value takes: one, as many as its phrase (`last monday`) has, or two
 * for a choice people write as two words (`account manager`).
 */
function spanOf(spec: OptionSpec, words: readonly string[]): number {
  const phrase = phraseOf(spec);
  if (phrase) return Math.max(1, phrase(words));
  const [first = '', second] = words;
  const twoWords =
    spec.kind === 'choice' &&
    second !== undefined &&
    !matchChoice(spec.choices, first) &&
    matchChoice(spec.choices, `${first} ${second}`) !== undefined;
  return twoWords ? 2 : 1;
}

function isRest(spec: OptionSpec | undefined): boolean {
  return spec?.kind === 'string' && spec.rest === true;
}

/**
 * Free text swallows every word after it, so a person or channel declared after it could never be
 * given: `/standup away 12-10 @bob`. A mention at either end of the free text goes to that option.
 */
function takeMentionsAfterRest(
  options: [string, OptionSpec][],
  positional: Token[],
  args: Record<string, ArgValue | undefined>,
  workspace: WorkspaceRef,
): ArgProblem | undefined {
  const restAt = options.findIndex(([, spec]) => spec.kind === 'string' && spec.rest);
  if (restAt < 0) return undefined;
  for (const [name, spec] of options.slice(restAt + 1)) {
    if (args[name] !== undefined || (spec.kind !== 'user' && spec.kind !== 'channel')) continue;
    for (const at of [positional.length - 1, 0]) {
      const token = positional[at];
      const parsed = token && !token.quoted ? parseValue(spec, token.text, workspace) : undefined;
      if (!parsed || 'problem' in parsed) continue;
      args[name] = parsed.value;
      positional.splice(at, 1);
      // `/standup away 12-10 @bob @carol`: a second person where one is taken is said, not read as a date.
      const names = (t: Token | undefined) =>
        t && !t.quoted && 'value' in parseValue(spec, t.text, workspace);
      if (spec.kind === 'user' && names(positional[at === 0 ? 0 : positional.length - 1]))
        return {
          key: 'arg.onePerson',
          params: { count: 1 + positional.filter(names).length },
          label: spec.label,
        };
      break;
    }
  }
  return undefined;
}

/**
 * Reads options a platform has already typed (Discord application commands) against the same
 * declaration, so both paths give handlers identical arguments and identical errors.
 * @example parseStructured(roleCommand, { subcommand: 'add', values: { member: '42', role: 'pm' } }, ws)
 */
export function parseStructured(
  command: CommandSpec,
  options: { subcommand?: string | undefined; values: Record<string, string | number | boolean> },
  workspace: WorkspaceRef,
): ParseResult {
  const name = options.subcommand ?? command.defaultSubcommand ?? '';
  const sub = findSubcommand(command, name);
  if (!sub) return { ok: false, reason: 'unknown_subcommand', word: name };
  const args: Record<string, ArgValue | undefined> = {};
  for (const [optionName, spec] of Object.entries(sub.options)) {
    const raw = options.values[optionName];
    if (raw === undefined || raw === '') {
      if (spec.required)
        return {
          ok: false,
          reason: 'bad_arguments',
          sub,
          problem: { key: 'arg.missing', params: {}, label: spec.label },
        };
      continue;
    }
    const text = spec.kind === 'user' ? `<@${raw}>` : spec.kind === 'channel' ? `<#${raw}>` : String(raw);
    const parsed = parseValue(spec, text, workspace);
    if ('problem' in parsed)
      return { ok: false, reason: 'bad_arguments', sub, problem: { ...parsed.problem, label: spec.label } };
    args[optionName] = parsed.value;
  }
  return { ok: true, sub, args };
}
