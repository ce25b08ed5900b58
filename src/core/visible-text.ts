/**
 * Characters that take no space and show nothing: format characters (zero-width space and joiners,
 * bidi marks and overrides, the BOM, soft hyphen…), controls, and the blank "filler" letters
 * (Hangul fillers, the braille blank, the Mongolian vowel separator). A zero-width joiner inside an
 * emoji sequence is kept: it draws one emoji out of several.
 */
const INVISIBLE =
  /(\u200D(?=\p{Extended_Pictographic}))|[\p{Cf}\p{Cc}\u115F\u1160\u3164\uFFA0\u2800\u180E]/gu;

/**
 * A name as a person sees it: invisible characters removed, spaces trimmed and collapsed. Empty
 * when nothing visible is left (callers refuse it or fall back to an id).
 * @example visibleName('\u200BAcme\u200B  Ltd\u202E') === 'Acme Ltd'
 */
export function visibleName(text: string): string {
  return text
    .replace(INVISIBLE, (_match, joiner: string | undefined) => joiner ?? '')
    .replace(/\s+/gu, ' ')
    .trim();
}
