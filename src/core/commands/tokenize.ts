import { simplified } from '../simplified.js';
import { wordTable } from '../word-table.js';
/** One word of a command line, with where it sat in the original text. */
export interface Token {
  text: string;
  start: number;
  end: number;
  quoted: boolean;
}

// Chinese keyboards produce “” ‘’ 「」 『』 as readily as ASCII quotes.
const QUOTE_PAIRS = wordTable<string>({
  '"': '"',
  "'": "'",
  '“': '”',
  '‘': '’',
  '「': '」',
  '『': '』',
});

/**
 * Splits a command line into words. Whitespace includes the ideographic space (U+3000); quotes of
 * either alphabet group words; `<@U1|Ann Lee>` mentions stay one word.
 * @example tokenize('add "Acme Ltd" 「新 客户」').map((t) => t.text) → ['add', 'Acme Ltd', '新 客户']
 */
export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    while (i < input.length && /\s/u.test(input[i] as string)) i++;
    if (i >= input.length) break;
    const start = i;
    let text = '';
    let quoted = false;
    while (i < input.length && !/\s/u.test(input[i] as string)) {
      const ch = input[i] as string;
      const close = QUOTE_PAIRS[ch];
      if (close !== undefined) {
        const end = input.indexOf(close, i + 1);
        if (end !== -1) {
          text += input.slice(i + 1, end);
          quoted = true;
          i = end + 1;
          continue;
        }
      }
      if (ch === '<' && (input[i + 1] === '@' || input[i + 1] === '#')) {
        const end = input.indexOf('>', i);
        if (end !== -1) {
          text += input.slice(i, end + 1);
          i = end + 1;
          continue;
        }
      }
      text += ch;
      i++;
    }
    tokens.push({ text, start, end: i, quoted });
  }
  return tokens;
}

/**
 * Folds full-width letters, digits and punctuation to ASCII, lower-cases and reads traditional Chinese
 * as simplified, for matching keywords.
 * @example foldKeyword('ＨＥＬＰ') === 'help'; foldKeyword('时区：') === '时区:'; foldKeyword('站會') === '站会'
 */
export function foldKeyword(text: string): string {
  return simplified(text.normalize('NFKC').toLowerCase().trim());
}
