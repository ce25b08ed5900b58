import RE2 from 're2';
import type { MessageKey, Params } from '../../core/i18n/catalog.js';

export const MAX_PATTERN_LENGTH = 500;

export type RegexCheck = { ok: true } | { ok: false; key: MessageKey; params: Params };

/** RE2 flags for an admin's pattern: Unicode always, case-insensitive unless asked otherwise. */
export function regexFlags(ignoreCase: boolean): string {
  return ignoreCase ? 'iu' : 'u';
}

/**
 * Whether an admin's pattern can run in the rule engine. Patterns run on RE2, which guarantees
 * linear time (no catastrophic backtracking from `(a+)+$`) and therefore has no look-around and no
 * back-references; those are refused here, when the rule is saved, with a reason and what to write
 * instead, rather than failing later on a message.
 * @example validateRegex('(?<=a)b') → { ok: false, key: 'rules.regex.lookaround', params: { fragment: '(?<=' } }
 */
export function validateRegex(source: string, ignoreCase = true): RegexCheck {
  const pattern = source.trim();
  if (!pattern) return { ok: false, key: 'rules.regex.empty', params: {} };
  if (pattern.length > MAX_PATTERN_LENGTH) {
    return { ok: false, key: 'rules.regex.tooLong', params: { max: MAX_PATTERN_LENGTH } };
  }
  const unsupported = findUnsupported(pattern);
  if (unsupported) return { ok: false, key: unsupported.key, params: { fragment: unsupported.fragment } };
  let re: InstanceType<typeof RE2>;
  try {
    re = new RE2(pattern, regexFlags(ignoreCase));
  } catch (err) {
    return { ok: false, key: 'rules.regex.invalid', params: { error: (err as Error).message } };
  }
  // A pattern that matches nothing at all would flag every message.
  if (re.test('')) return { ok: false, key: 'rules.regex.matchesEverything', params: {} };
  return { ok: true };
}

/** Look-around, back-references and atomic groups, outside character classes. */
function findUnsupported(pattern: string): { key: MessageKey; fragment: string } | undefined {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') {
      const next = pattern[i + 1] ?? '';
      if (!inClass && /[1-9]/.test(next)) {
        return { key: 'rules.regex.backreference', fragment: `\\${/^\d+/.exec(pattern.slice(i + 1))?.[0]}` };
      }
      if (!inClass && next === 'k' && pattern[i + 2] === '<') {
        const end = pattern.indexOf('>', i);
        return { key: 'rules.regex.backreference', fragment: pattern.slice(i, end < 0 ? i + 3 : end + 1) };
      }
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      // "[]" and "[^]" open with a literal "]".
      if (pattern[i + 1] === '^') i++;
      if (pattern[i + 1] === ']') i++;
      continue;
    }
    if (ch !== '(' || pattern[i + 1] !== '?') continue;
    const head = /^\(\?(<=|<!|=|!|>)/.exec(pattern.slice(i));
    if (head) {
      return {
        key: head[1] === '>' ? 'rules.regex.atomic' : 'rules.regex.lookaround',
        fragment: head[0],
      };
    }
  }
  return undefined;
}
