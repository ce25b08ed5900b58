import { distance } from 'fastest-levenshtein';
import { visibleName } from '../../core/visible-text.js';
import { foldCode } from '../rules/text-normalize.js';

const HAN = /\p{Script=Han}/u;

/**
 * Traditional characters folded to simplified, so a name typed in Hong Kong or Taiwan (騰訊科技)
 * finds the customer typed on the mainland (腾讯科技). Reuses the rules' table (built once from
 * OpenCC at load): a converter call per name cost a millisecond of every capture.
 */
function toSimplified(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.charCodeAt(0);
    out += char.length === 1 && HAN.test(char) ? String.fromCharCode(foldCode(code)) : char;
  }
  return out;
}

/**
 * One customer however it is typed: case, width (Ａｃｍｅ), spacing, punctuation and symbols
 * (“（）”, "Ltd."), and traditional vs simplified Chinese are folded away. Company-form words stay,
 * so "Acme Ltd" and "Acme Inc" are two customers. A name of only punctuation folds to ''.
 * @example customerKey(' ACME  ltd. ') === customerKey('Ａｃｍｅ Ltd') // 'acmeltd'
 * @example customerKey('阿里巴巴（中国）有限公司') === customerKey('阿里巴巴(中國)有限公司') // '阿里巴巴中国有限公司'
 */
export function customerKey(name: string): string {
  return toSimplified(visibleName(name.normalize('NFKC')))
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

/**
 * The name to show and store the first time a customer is seen, as it was typed: invisible
 * characters removed, trimmed, inner spaces collapsed. Width, case and punctuation are kept
 * (北京星辰科技（中国） keeps its full-width brackets); the key is what folds them.
 * @example customerDisplayName('  北京星辰科技（中国）\u200B ') === '北京星辰科技（中国）'
 */
export function customerDisplayName(name: string): string {
  return visibleName(name);
}

/** At most this many near matches are offered. */
const NEAR_MAX = 5;

/**
 * Known customers whose name is close to a typed one that matches none exactly: one name inside the
 * other (北京星辰科技 and 北京星辰科技有限公司), or a few typing slips apart (one per four
 * characters of the key, at least one). Compared on the folded keys, so width, brackets, case,
 * spaces and traditional characters never count as differences. Closest first.
 * @example nearCustomers('acmelogistic', [{ key: 'acmelogistics', … }, { key: 'globex', … }]) → [{ key: 'acmelogistics', … }]
 */
export function nearCustomers<C extends { key: string }>(key: string, customers: readonly C[]): C[] {
  if (key === '') return [];
  const allowed = Math.max(1, Math.floor(key.length / 4));
  const scored: { customer: C; score: number }[] = [];
  for (const customer of customers) {
    const other = customer.key;
    if (other === '' || other === key) continue;
    const inside = other.length >= 2 && key.length >= 2 && (other.includes(key) || key.includes(other));
    const slips = inside ? 0 : distance(key, other);
    if (!inside && slips > allowed) continue;
    // Containment ranks by how much is left over; slips rank after it, fewest first.
    scored.push({ customer, score: inside ? Math.abs(other.length - key.length) / 1000 : slips });
  }
  return scored
    .sort((a, b) => a.score - b.score || (a.customer.key < b.customer.key ? -1 : 1))
    .slice(0, NEAR_MAX)
    .map((s) => s.customer);
}
