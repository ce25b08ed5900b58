import { distance } from 'fastest-levenshtein';

/**
 * Words that say how a blocker stands rather than what it is ("still waiting for", "blocked on"), and
 * English function words: two reports of one problem differ mostly in these.
 */
const EN_GENERIC = new Set([
  'a',
  'an',
  'the',
  'on',
  'for',
  'from',
  'to',
  'of',
  'by',
  'with',
  'in',
  'at',
  'is',
  'are',
  'am',
  'be',
  'been',
  'was',
  'i',
  'we',
  'me',
  'us',
  'my',
  'our',
  'their',
  'still',
  'yet',
  'again',
  'wait',
  'need',
  'block',
  'blocker',
  'stuck',
  'pend',
  'pending',
  'and',
  'not',
]);

/** How a Chinese blocker starts when it says how it stands: 还在等…, 一直等待…, 仍然…. */
const ZH_LEAD = /^(?:还在|仍在|正在|依然|仍然|一直|继续|目前|还是|还|仍)*(?:等待|等着|等)?/u;
/**
 * Status words and particles anywhere in a Chinese blocker. Single characters are only particles
 * (的/了/着), so a content word such as 在线 is left whole.
 */
const ZH_GENERIC =
  /还在|仍在|正在|依然|仍然|一直|继续|目前|还是|需要|提供|还没有?(?:给|解决|搞定|到|回复)?|没有?给|的|了|着/gu;

/**
 * English words cut to a rough stem, so "keys"/"key" and "waiting"/"wait" match. A few suffixes are
 * enough here: both texts are cut the same way, the stem need not be a word.
 * @example stem('waiting') === 'wait'; stem('keys') === 'key'; stem('access') === 'access'
 */
export function stem(word: string): string {
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/**
 * What a blocker is about: English words (stemmed, generic ones left out) and bigrams of its Chinese
 * (status words left out); a lone Chinese character counts as itself.
 * @example blockerFeatures("Still waiting for Acme's API key") → ['acme', 'api', 'key']
 * @example blockerFeatures('还在等客户的测试账号') → ['^客', '客户', '户测', '测试', '试账', '账号', '号$']
 */
export function blockerFeatures(text: string): string[] {
  const folded = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['’]s\b/gu, '');
  const words = (folded.match(/[a-z0-9]+/gu) ?? []).map(stem).filter((w) => !EN_GENERIC.has(w));
  const bigrams = (folded.match(/\p{Script=Han}+/gu) ?? []).flatMap((run) => {
    const content = run.replace(ZH_LEAD, '').replace(ZH_GENERIC, '');
    if (content.length <= 1) return content ? [content] : [];
    // The ends count on their own, so a change in the first or last character (在线/离线) weighs as
    // much as one in the middle.
    const padded = `^${content}$`;
    return Array.from({ length: padded.length - 1 }, (_, i) => padded.slice(i, i + 2));
  });
  return [...new Set([...words, ...bigrams])];
}

/** Two features are one when equal, or when longer words differ by a typo ("acmee", "credentails"). */
function sameFeature(a: string, b: string): boolean {
  if (a === b) return true;
  const shorter = Math.min(a.length, b.length);
  return shorter >= 5 && distance(a, b) <= (shorter >= 9 ? 2 : 1);
}

/**
 * How alike two blockers are, from 0 to 1: the Dice coefficient of their features (twice the shared
 * ones over all of them), so extra words on one side lower it less than a replaced word does.
 * @example blockerSimilarity('waiting on API keys from Acme', "still waiting for Acme's API key") === 1
 */
export function blockerSimilarity(a: string, b: string): number {
  const left = blockerFeatures(a);
  const right = blockerFeatures(b);
  if (left.length === 0 || right.length === 0) return 0;
  const unmatched = [...right];
  let shared = 0;
  for (const feature of left) {
    const at = unmatched.findIndex((other) => sameFeature(feature, other));
    if (at >= 0) {
      shared++;
      unmatched.splice(at, 1);
    }
  }
  return (2 * shared) / (left.length + right.length);
}

/**
 * At 0.8: one word added to a three-word blocker keeps it (3 of 3 + 4 → 0.86), one word replaced in a
 * four-word one does not (3 of 4 + 4 → 0.75): "API keys from Acme" and "from Globex" are two blockers,
 * and so are 测试账号 and 测试数据. Status words are left out first, so they never count.
 */
export const SAME_BLOCKER = 0.8;

/** Case, width, punctuation and spacing folded away: the same words are the same blocker. */
function fold(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

/**
 * Whether two blockers are one problem told in other words.
 * @example sameBlocker('等客户提供测试账号', '还在等客户的测试账号') === true
 * @example sameBlocker('等客户提供测试账号', '等客户提供测试数据') === false
 */
export function sameBlocker(a: string, b: string): boolean {
  return fold(a) === fold(b) || blockerSimilarity(a, b) >= SAME_BLOCKER;
}
