import type { MessageKey, Params } from '../../core/i18n/catalog.js';
import { wordTable } from '../../core/word-table.js';
import { normalizeDomain } from './link-finder.js';
import type { PresetName } from './presets.js';
import { validateRegex } from './regex-check.js';
import { isActionWord } from './rule-admin.domain.js';
import {
  type ContactsConfig,
  type FloodConfig,
  type LinksConfig,
  MAX_DOMAINS,
  MAX_WORD_LENGTH,
  MAX_WORDS,
  type RuleKind,
  ruleConfigSchemas,
} from './rule-kinds.js';
import { normalizeForMatching } from './text-normalize.js';

export type RuleInput = { ok: true; config: unknown } | { ok: false; key: MessageKey; params: Params };

const problem = (key: MessageKey, params: Params = {}): RuleInput => ({ ok: false, key, params });

/**
 * Parses what an admin typed after `/rules add <kind>` into a config that `ruleConfigSchemas[kind]`
 * accepts, or a localized problem. Both languages, full-width punctuation, no spaces needed in
 * Chinese. Empty text gives the defaults where the kind has them.
 * @example parseRuleInput('words', '加微信，代购、scam') → { ok: true, config: { words: ['加微信', '代购', 'scam'] } }
 *          parseRuleInput('links', '只允许example.com') → { ok: true, config: { mode: 'allow', domains: ['example.com'] } }
 *          parseRuleInput('flood', '10秒内最多5条') → { ok: true, config: { maxMessages: 5, seconds: 10 } }
 */
export function parseRuleInput(kind: RuleKind, text: string): RuleInput {
  // Regex patterns are taken as written: folding "，" to "," would change what they match.
  if (kind === 'regex') return parseRegex(text.trim());
  const input = text.normalize('NFKC').trim();
  switch (kind) {
    case 'words':
      return parseWords(input);
    case 'presets':
      return parsePresets(input);
    case 'links':
      return parseLinks(input);
    case 'contacts':
      return parseContacts(input);
    case 'flood':
      return parseFlood(input);
    case 'mentions':
      return parseMentions(input);
    case 'caps':
      return parseCaps(input);
  }
}

/** Validates a parsed config with its kind's schema; a failure here means a range problem. */
function accept(kind: RuleKind, config: unknown, range: MessageKey): RuleInput {
  return ruleConfigSchemas[kind].safeParse(config).success ? { ok: true, config } : problem(range);
}

const QUOTES = /^["'“”‘’「」『』]+|["'“”‘’「」『』]+$/g;

/** `禁言:9999` or `timeout: 60` typed as a words rule's settings: an action with a value, not a word to catch. */
function looksLikeSetting(word: string): boolean {
  const [, key] = /^([^:]+?)\s*:\s*\S/u.exec(word) ?? [];
  return key !== undefined && isActionWord(key);
}

function parseWords(input: string): RuleInput {
  const words: string[] = [];
  const seen = new Set<string>();
  // NFKC has already turned "，" and "；" into "," and ";"; "、" stays itself.
  for (const raw of input.split(/[,;、\n]+/)) {
    const word = raw.trim().replace(QUOTES, '').trim();
    if (!word) continue;
    if (word.length > MAX_WORD_LENGTH)
      return problem('rules.input.wordTooLong', { word, max: MAX_WORD_LENGTH });
    const normalized = normalizeForMatching(word);
    if (!normalized) return problem('rules.input.wordUnmatchable', { word });
    if (looksLikeSetting(word)) return problem('rules.input.wordIsSetting', { word });
    if (seen.has(normalized)) continue;
    seen.add(normalized);
    words.push(word);
  }
  if (words.length === 0) return problem('rules.input.noWords');
  if (words.length > MAX_WORDS) return problem('rules.input.tooManyWords', { max: MAX_WORDS });
  return { ok: true, config: { words } };
}

/**
 * Splits typed settings into words, putting spaces around known Chinese keywords first, so
 * "只允许example.com和foo.com" reads as 只允许 / example.com / 和 / foo.com.
 */
function tokenize(input: string, keywords: Iterable<string>): string[] {
  const chinese = [...keywords].filter((k) => /\p{Script=Han}/u.test(k)).sort((a, b) => b.length - a.length);
  let text = input.toLowerCase();
  if (chinese.length) text = text.replace(new RegExp(chinese.join('|'), 'g'), ' $& ');
  return text.split(/[\s,;、]+/).filter(Boolean);
}

const PRESET_WORDS: Record<string, PresetName | 'all'> = {
  profanity: 'profanity',
  swearing: 'profanity',
  swear: 'profanity',
  curses: 'profanity',
  脏话: 'profanity',
  粗口: 'profanity',
  辱骂: 'profanity',
  ads: 'ads',
  ad: 'ads',
  spam: 'ads',
  广告: 'ads',
  引流: 'ads',
  垃圾广告: 'ads',
  gambling: 'gambling',
  gamble: 'gambling',
  casino: 'gambling',
  赌博: 'gambling',
  博彩: 'gambling',
  all: 'all',
  全部: 'all',
  所有: 'all',
};

function parsePresets(input: string): RuleInput {
  const lists = new Set<PresetName>();
  for (const token of tokenize(input, Object.keys(PRESET_WORDS))) {
    const preset = PRESET_WORDS[token];
    if (!preset) return problem('rules.input.unknownPreset', { name: token });
    if (preset === 'all') return { ok: true, config: {} };
    lists.add(preset);
  }
  return { ok: true, config: lists.size ? { lists: [...lists] } : {} };
}

type LinkWord = 'all' | 'allow' | 'deny' | 'invites' | 'noInvites' | 'filler';
const LINK_WORDS = wordTable<LinkWord>({
  all: 'all',
  any: 'all',
  every: 'all',
  全部: 'all',
  所有: 'all',
  一切: 'all',
  任何: 'all',
  allow: 'allow',
  only: 'allow',
  allowlist: 'allow',
  whitelist: 'allow',
  只允许: 'allow',
  仅允许: 'allow',
  允许: 'allow',
  只能: 'allow',
  白名单: 'allow',
  deny: 'deny',
  block: 'deny',
  ban: 'deny',
  denylist: 'deny',
  blacklist: 'deny',
  no: 'deny',
  禁止: 'deny',
  不允许: 'deny',
  不准: 'deny',
  屏蔽: 'deny',
  黑名单: 'deny',
  invites: 'invites',
  invite: 'invites',
  群邀请: 'invites',
  邀请链接: 'invites',
  邀请: 'invites',
  'no-invites': 'noInvites',
  'allow-invites': 'noInvites',
  不管邀请: 'noInvites',
  links: 'filler',
  link: 'filler',
  urls: 'filler',
  domains: 'filler',
  to: 'filler',
  and: 'filler',
  链接: 'filler',
  网址: 'filler',
  域名: 'filler',
  和: 'filler',
  及: 'filler',
  与: 'filler',
  的: 'filler',
});

function parseLinks(input: string): RuleInput {
  const said = new Set<LinkWord>();
  const domains: string[] = [];
  for (const token of tokenize(input, Object.keys(LINK_WORDS))) {
    const word = LINK_WORDS[token];
    if (word) {
      said.add(word);
      continue;
    }
    const domain = normalizeDomain(token);
    if (!domain) return problem('rules.input.badDomain', { domain: token });
    if (!domains.includes(domain)) domains.push(domain);
  }
  if (domains.length > MAX_DOMAINS) return problem('rules.input.tooManyDomains', { max: MAX_DOMAINS });
  const invites = !said.has('noInvites');
  let config: LinksConfig;
  if (domains.length) {
    config = { mode: said.has('allow') ? 'allow' : 'deny', domains, invites };
  } else if (said.has('allow')) {
    return problem('rules.input.noDomains');
  } else if (said.has('invites') && !said.has('all') && !said.has('deny')) {
    config = { mode: 'none', domains: [], invites: true };
  } else {
    // "禁止链接", "all", or nothing: no links at all.
    config = { mode: 'all', domains: [], invites };
  }
  return { ok: true, config };
}

type ContactWord = 'phones' | 'chatIds' | 'emails' | 'all' | 'filler';
const CONTACT_WORDS = wordTable<ContactWord>({
  phone: 'phones',
  phones: 'phones',
  mobile: 'phones',
  手机号: 'phones',
  手机: 'phones',
  电话: 'phones',
  wechat: 'chatIds',
  weixin: 'chatIds',
  qq: 'chatIds',
  im: 'chatIds',
  ids: 'chatIds',
  微信号: 'chatIds',
  微信: 'chatIds',
  qq号: 'chatIds',
  email: 'emails',
  emails: 'emails',
  mail: 'emails',
  邮箱: 'emails',
  邮件: 'emails',
  all: 'all',
  全部: 'all',
  所有: 'all',
  and: 'filler',
  和: 'filler',
  号码: 'filler',
});

function parseContacts(input: string): RuleInput {
  const said = new Set<ContactWord>();
  for (const token of tokenize(input, Object.keys(CONTACT_WORDS))) {
    const word = CONTACT_WORDS[token];
    if (!word) return problem('rules.input.unknownContact', { name: token });
    said.add(word);
  }
  said.delete('filler');
  if (said.size === 0 || said.has('all')) return { ok: true, config: {} };
  const config: ContactsConfig = {
    phones: said.has('phones'),
    chatIds: said.has('chatIds'),
    emails: said.has('emails'),
  };
  return { ok: true, config };
}

/** A number and what its unit makes it: a count, seconds, a percentage, or nothing said. */
interface Amount {
  value: number;
  unit: 'count' | 'seconds' | 'percent' | 'letters' | undefined;
}

const UNITS: readonly [RegExp, Amount['unit'], number][] = [
  [/^(?:seconds?|secs?|s|秒钟|秒)$/, 'seconds', 1],
  [/^(?:minutes?|mins?|m|分钟|分)$/, 'seconds', 60],
  [/^(?:messages?|msgs?|posts?|条消息|条|times?|次|x|mentions?|people|个人|人)$/, 'count', 1],
  [/^%$/, 'percent', 1],
  [/^(?:letters?|chars?|characters?|个字母|字母|个字符|字符)$/, 'letters', 1],
];
const AMOUNT =
  /(\d+)\s*(seconds?|secs?|minutes?|mins?|messages?|msgs?|posts?|times?|mentions?|people|letters?|characters?|chars?|秒钟|秒|分钟|分|条消息|条|次|个人|人|个字母|字母|个字符|字符|%|s|m|x)?(?![a-z])/g;

/**
 * Takes the numbers (with their units) out of a clause; what is left must be filler words, or the
 * clause is not understood (returns undefined).
 */
function amounts(clause: string, filler: RegExp): Amount[] | undefined {
  const found: Amount[] = [];
  const rest = clause.replace(AMOUNT, (_m, digits: string, unitWord: string | undefined) => {
    const unit = unitWord ? UNITS.find(([re]) => re.test(unitWord)) : undefined;
    found.push({ value: Number(digits) * (unit?.[2] ?? 1), unit: unit?.[1] });
    return ' ';
  });
  return rest.replace(filler, ' ').replace(/[\s\p{P}\p{S}]+/gu, '') === '' ? found : undefined;
}

/** The first amount with this unit, else the next one given without a unit. */
function take(found: Amount[], unit: Amount['unit']): number | undefined {
  let i = found.findIndex((a) => a.unit === unit);
  if (i < 0) i = found.findIndex((a) => a.unit === undefined);
  if (i < 0) return undefined;
  const [amount] = found.splice(i, 1);
  return amount?.value;
}

const FLOOD_FILLER =
  /max(?:imum)?|at most|more than|over|in|within|per|every|each|messages?|msgs?|repeats?|same|duplicates?|text|off|no|最多|不超过|超过|以内|之内|内|每|条消息|消息|频率|刷屏|速度|条数|发|重复|相同|一样|内容|关闭|关|不/g;
const OFF = /\boff\b|\bno\b|关闭|关|不查|不检查/;
const REPEAT = /repeat|same|duplicate|重复|相同|一样/;

function parseFlood(input: string): RuleInput {
  const config: Partial<FloodConfig> = {};
  for (const clause of input.toLowerCase().split(/[,;\n]|、|\band\b|并且|或者|\bor\b/)) {
    if (!clause.trim()) continue;
    const found = amounts(clause, FLOOD_FILLER);
    if (!found) return problem('rules.input.flood');
    const repeat = REPEAT.test(clause);
    if (found.length === 0) {
      if (!OFF.test(clause)) return problem('rules.input.flood');
      if (repeat) config.repeats = 0;
      else config.maxMessages = 0;
      continue;
    }
    const count = take(found, 'count');
    const seconds = take(found, 'seconds');
    if (count === undefined || found.length > 0) return problem('rules.input.flood');
    if (repeat) {
      config.repeats = count;
      if (seconds !== undefined) config.repeatSeconds = seconds;
    } else {
      config.maxMessages = count;
      if (seconds !== undefined) config.seconds = seconds;
    }
  }
  return accept('flood', config, 'rules.input.floodRange');
}

const MENTION_FILLER =
  /max(?:imum)?|at most|more than|over|mentions?|per|message|people|@|最多|超过|不超过|一条消息|消息|提及|艾特|个人|人|次/g;
const BROADCAST_WORD = /broadcasts?|@?everyone|@?here|@?channel|全员|全体成员|全体|所有人/;
const BROADCAST_OFF = /\boff\b|\bno\b|allow|允许|不限|不管/;

function parseMentions(input: string): RuleInput {
  const text = input.toLowerCase();
  const broadcast = BROADCAST_WORD.test(text);
  const off = BROADCAST_OFF.test(text);
  const rest = text
    .replace(new RegExp(BROADCAST_WORD, 'g'), ' ')
    .replace(new RegExp(BROADCAST_OFF, 'g'), ' ');
  const found = amounts(rest, MENTION_FILLER);
  if (!found || found.length > 1 || (off && !broadcast)) return problem('rules.input.mentions');
  const max = found[0]?.value;
  if (max === undefined) {
    if (!broadcast) return text ? problem('rules.input.mentions') : { ok: true, config: {} };
    return off ? problem('rules.input.mentions') : { ok: true, config: { maxMentions: 0, broadcasts: true } };
  }
  return accept(
    'mentions',
    { maxMentions: max, broadcasts: !(broadcast && off) },
    'rules.input.mentionsRange',
  );
}

const CAPS_FILLER =
  /max(?:imum)?|more than|over|at least|min(?:imum)?|caps|capitals?|upper ?case|in|messages?|longer than|and|大写字母|大写|占比|超过|至少|以上|消息|长度|并且|且|时|个/g;

function parseCaps(input: string): RuleInput {
  const found = amounts(input.toLowerCase(), CAPS_FILLER);
  if (!found || found.length > 2) return problem('rules.input.caps');
  const percent = take(found, 'percent');
  const minLetters = take(found, 'letters');
  if (found.length) return problem('rules.input.caps');
  const config: { percent?: number; minLetters?: number } = {};
  if (percent !== undefined) config.percent = percent;
  if (minLetters !== undefined) config.minLetters = minLetters;
  return accept('caps', config, 'rules.input.capsRange');
}

function parseRegex(input: string): RuleInput {
  let pattern = input;
  let ignoreCase = true;
  const literal = /^\/(.+)\/([a-z]*)$/s.exec(input);
  if (literal) {
    const flags = literal[2] ?? '';
    if (flags.replace('i', '') !== '') return problem('rules.input.regexFlags', { flags });
    pattern = literal[1] ?? '';
    ignoreCase = flags.includes('i');
  }
  const check = validateRegex(pattern, ignoreCase);
  if (!check.ok) return problem(check.key, check.params);
  return { ok: true, config: { pattern: pattern.trim(), ignoreCase } };
}
