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
 * The name to show and store the first time a customer is seen: NFKC, invisible characters removed,
 * trimmed, inner spaces collapsed.
 * Case and punctuation are kept as typed.
 * @example customerDisplayName('  Ａｃｍｅ   Ltd. ') === 'Acme Ltd.'
 */
export function customerDisplayName(name: string): string {
  return visibleName(name.normalize('NFKC'));
}
