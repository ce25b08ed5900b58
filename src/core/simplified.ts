import { Converter } from 'opencc-js/t2cn';

// Taiwan's standard forms (the widest traditional set people type) to mainland simplified, character
// by character: phrase conversion (開啟 → 打开) would turn one command word into another.
const toSimplified = Converter({ from: 'tw', to: 'cn' });

/**
 * A word as simplified Chinese, so traditional and simplified spellings of a command or a choice are
 * the same word. Text with no character outside ASCII is returned as it is, without a conversion.
 * @example simplified('項目經理') === '项目经理'; simplified('站會') === '站会'; simplified('help') === 'help'
 */
export function simplified(text: string): string {
  return /\P{ASCII}/u.test(text) ? toSimplified(text) : text;
}
