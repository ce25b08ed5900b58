/**
 * Typography rules for Chinese messages, checked by the catalog test. Code spans (`/standup`),
 * URLs, clock times (09:00) and console commands (:help) are literal text a person types or reads
 * as written, so they are masked before checking.
 */

const HAN = '\\p{Script=Han}';
const FULL_WIDTH = '：，。；（）！？、“”';

/**
 * Placeholders whose value is itself a Chinese word in a Chinese message (a role, a level, a
 * weekday, an option's label), so it joins the words around it without a space. Any other
 * placeholder (names, numbers, ids, products) is spaced like Latin text.
 */
const CHINESE_WORD_PLACEHOLDERS = new Set([
  'level',
  'role',
  'language',
  'period',
  'previous',
  'cadence',
  'preset',
  'audience',
  'action',
  'setting',
  'choices',
  'current',
  'trend',
  'day',
  'rule',
]);
/** Per key: an option's label (`{name}` in the arg.* messages) is a Chinese word too. */
const chineseWordIn = (key: string, name: string) =>
  CHINESE_WORD_PLACEHOLDERS.has(name) || (key.startsWith('arg.') && name === 'name');

function mask(value: string): string {
  return value
    .replace(/`[^`]*`/gu, 'C')
    .replace(/https?:\/\/[^\s，。；）]+/gu, 'U')
    .replace(/\b\d{1,2}:\d{2}\b/gu, 'T')
    .replace(/(^|[\s（(：])(:[\p{L}]+)/gu, '$1C');
}

const HALF_WIDTH = new RegExp(
  `(?:${HAN}|[${FULL_WIDTH}])[ \\t]*[:,;()!?]|[:,;()!?][ \\t]*(?:${HAN}|[${FULL_WIDTH}])`,
  'u',
);
/**
 * A space between a word and full-width punctuation after it, or one space after full-width punctuation
 * (a line's indent and a table's aligned columns are several).
 */
const SPACED = new RegExp(`(?<=\\S)[ \\t][${FULL_WIDTH}]|[：，。；（！？、“][ \\t](?! )`, 'u');
const LATIN_NEXT_TO_HAN = new RegExp(
  `${HAN}(?=[A-Za-z0-9C]|\\{(\\w+)[^}]*\\})|(?:[A-Za-z0-9C%]|\\{(\\w+)[^}]*\\})(?=${HAN})`,
  'gu',
);
/** Dates are written together in Chinese: 2026年12月24日. */
const DATE = /\d(?=[年月日号])|[年月](?=\d)/u;

/** What is wrong with one zh-CN message's punctuation and spacing; empty when nothing. */
export function typographyProblems(key: string, value: string): string[] {
  const text = mask(value);
  const problems: string[] = [];
  if (HALF_WIDTH.test(text)) problems.push('half-width punctuation next to Chinese');
  if (SPACED.test(text)) problems.push('a space next to full-width punctuation');
  for (const m of text.matchAll(LATIN_NEXT_TO_HAN)) {
    const at = m.index ?? 0;
    const pair = text.slice(at, at + 2);
    const placeholder = m[1] ?? m[2];
    if (placeholder !== undefined && chineseWordIn(key, placeholder)) continue;
    if (placeholder === undefined && DATE.test(pair)) continue;
    problems.push(`no space between Chinese and “${placeholder ? `{${placeholder}}` : pair}”`);
  }
  return problems;
}
