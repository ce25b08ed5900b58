import { z } from 'zod';
import type { MessageKey, Params } from '../../core/i18n/catalog.js';
import { MAX_TRACKED } from './flood-tracker.js';
import { normalizeDomain } from './link-finder.js';
import { PRESET_NAMES, type PresetName } from './presets.js';
import { MAX_PATTERN_LENGTH, validateRegex } from './regex-check.js';

/** What a group rule looks at. */
export type RuleKind = 'words' | 'presets' | 'links' | 'contacts' | 'flood' | 'mentions' | 'caps' | 'regex';
export const RULE_KINDS: readonly RuleKind[] = [
  'words',
  'presets',
  'links',
  'contacts',
  'flood',
  'mentions',
  'caps',
  'regex',
];

export const MAX_WORDS = 20_000;
export const MAX_WORD_LENGTH = 100;
export const MAX_DOMAINS = 200;
const MAX_WINDOW_SECONDS = 3600;
const MAX_MENTIONS = 100;

/** Banned words and phrases, in any mix of Chinese and English. */
export interface WordsConfig {
  words: string[];
}

/** Ready-made lists: profanity, ads and spam, gambling (all three by default). */
export interface PresetsConfig {
  lists: PresetName[];
}

/**
 * `all`: no links at all. `allow`: only links to `domains` (and their subdomains). `deny`: no links
 * to `domains`. `none`: ordinary links are fine; only `invites` is checked. `invites`: no links
 * inviting people into another Discord, Slack, Telegram or WhatsApp group, whatever the mode.
 */
export interface LinksConfig {
  mode: 'all' | 'allow' | 'deny' | 'none';
  domains: string[];
  invites: boolean;
}

/** Contact details people post to take a conversation elsewhere. */
export interface ContactsConfig {
  phones: boolean;
  /** WeChat and QQ IDs. */
  chatIds: boolean;
  emails: boolean;
}

/**
 * Fires when one member posts more than `maxMessages` messages within `seconds`, or the same text
 * (normalized) for the `repeats`-th time within `repeatSeconds`, in any channel. 0 turns a check off.
 */
export interface FloodConfig {
  maxMessages: number;
  seconds: number;
  repeats: number;
  repeatSeconds: number;
}

/**
 * Fires on more than `maxMentions` mentions in one message (0: no limit), and, with `broadcasts`,
 * on @channel, @here or @everyone from a member who may not broadcast.
 */
export interface MentionsConfig {
  maxMentions: number;
  broadcasts: boolean;
}

/** Fires when more than `percent`% of the letters are capitals, in a message of more than `minLetters` letters. */
export interface CapsConfig {
  percent: number;
  minLetters: number;
}

/** An admin's pattern, run by RE2 on the original text. */
export interface RegexConfig {
  pattern: string;
  ignoreCase: boolean;
}

interface RuleConfigs {
  words: WordsConfig;
  presets: PresetsConfig;
  links: LinksConfig;
  contacts: ContactsConfig;
  flood: FloodConfig;
  mentions: MentionsConfig;
  caps: CapsConfig;
  regex: RegexConfig;
}
export type RuleConfig<K extends RuleKind> = RuleConfigs[K];

const count = (min: number, max: number, fallback: number) =>
  z.number().int().min(min).max(max).default(fallback);
const seconds = (fallback: number) => count(1, MAX_WINDOW_SECONDS, fallback);

/**
 * Validates stored or typed configs; defaults make `{}` valid for every kind but `words` and
 * `regex`. @example ruleConfigSchemas.flood.parse({}) → { maxMessages: 5, seconds: 10, repeats: 3, repeatSeconds: 60 }
 */
export const ruleConfigSchemas: { [K in RuleKind]: z.ZodType<RuleConfig<K>> } = {
  words: z.object({
    words: z.array(z.string().trim().min(1).max(MAX_WORD_LENGTH)).min(1).max(MAX_WORDS),
  }),
  presets: z.object({
    lists: z
      .array(z.enum(PRESET_NAMES))
      .min(1)
      .default([...PRESET_NAMES]),
  }),
  links: z
    .object({
      mode: z.enum(['all', 'allow', 'deny', 'none']).default('all'),
      domains: z
        .array(z.string().refine((d) => normalizeDomain(d) === d, 'not a normalized domain'))
        .max(MAX_DOMAINS)
        .default([]),
      invites: z.boolean().default(true),
    })
    .refine(
      (c) => (c.mode === 'allow' || c.mode === 'deny') === c.domains.length > 0,
      'domains go with allow or deny',
    )
    .refine((c) => c.mode !== 'none' || c.invites, 'nothing to check'),
  contacts: z
    .object({
      phones: z.boolean().default(true),
      chatIds: z.boolean().default(true),
      emails: z.boolean().default(true),
    })
    .refine((c) => c.phones || c.chatIds || c.emails, 'nothing to check'),
  flood: z
    .object({
      maxMessages: count(0, MAX_TRACKED - 4, 5),
      seconds: seconds(10),
      repeats: count(0, MAX_TRACKED - 4, 3),
      repeatSeconds: seconds(60),
    })
    .refine((c) => c.repeats !== 1, 'one post is not a repeat')
    .refine((c) => c.maxMessages > 0 || c.repeats > 0, 'nothing to check'),
  mentions: z
    .object({
      maxMentions: count(0, MAX_MENTIONS, 5),
      broadcasts: z.boolean().default(true),
    })
    .refine((c) => c.maxMentions > 0 || c.broadcasts, 'nothing to check'),
  caps: z.object({
    percent: count(1, 100, 70),
    minLetters: count(1, 1000, 10),
  }),
  regex: z.object({
    pattern: z
      .string()
      .max(MAX_PATTERN_LENGTH)
      .refine((p) => validateRegex(p).ok, 'not a pattern RE2 can run'),
    ignoreCase: z.boolean().default(true),
  }),
};

/** A rule as stored: `config` is validated by `ruleConfigSchemas[kind]` when compiled. */
export interface RuleDefinition {
  id: number;
  kind: RuleKind;
  config: unknown;
}

/** A message to check, as the service sees it. */
export interface MessageInput {
  text: string;
  /** Encoded member key ("slack:T1:U2"): flood history is per member, across channels. */
  authorKey: string;
  channelKey: string;
  /** When it was posted, in ms since the epoch: the only clock the engine uses. */
  at: number;
  /** Whether the author may use @channel/@here/@everyone (admins, or whoever the service decides). */
  authorMayBroadcast: boolean;
}

/** A rule a message broke. */
export interface RuleHit {
  ruleId: number;
  kind: RuleKind;
  /** Why, as a short noun phrase to put after "Muster deleted a message: ". */
  reason: { key: MessageKey; params: Params };
  /**
   * The matched fragment of the ORIGINAL text, for excerpts: the word as written ("f u c k"), the
   * link, the phone number, the broadcast mention; the whole text for flood, caps and mention counts.
   */
  evidence: string;
}
