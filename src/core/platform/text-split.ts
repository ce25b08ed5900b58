/**
 * Cuts text to a limit, marking the cut.
 * @example truncate('abcdef', 4) === 'abc…'
 */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Splits text into pieces of at most `max` characters, at line breaks where possible, never
 * inside a line unless the line alone is too long, and then between words (see `wordCut`). Every platform has a length limit; all adapters
 * split the same way so a long reply reads the same everywhere.
 * @example splitLines('a\nb\nc', 3) → ['a\nb', 'c']
 */
export function splitLines(text: string, max: number): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    const candidate = current ? `${current}\n${line}` : line;
    if (candidate.length <= max) {
      current = candidate;
      continue;
    }
    if (current) pieces.push(current);
    let rest = line;
    while (rest.length > max) {
      const cut = wordCut(rest, max);
      pieces.push(rest.slice(0, cut).trimEnd());
      rest = rest.slice(cut).trimStart();
    }
    current = rest;
  }
  if (current || pieces.length === 0) pieces.push(current);
  return pieces;
}

/** Han, kana and Hangul: text written without spaces, where a break between two characters is fine. */
const NO_SPACE_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;

/**
 * Where to cut a line that is longer than `max`: after the last space that fits, else between two
 * characters of a script written without spaces (Chinese), else (one word longer than the limit)
 * at `max`, moved back so a surrogate pair stays whole.
 */
function wordCut(line: string, max: number): number {
  const space = line.lastIndexOf(' ', max);
  if (space > 0) return space + 1;
  for (let i = max; i > 0; i--) {
    const before = line.charAt(i - 1);
    const after = line.charAt(i);
    if (NO_SPACE_SCRIPT.test(before) || NO_SPACE_SCRIPT.test(after)) return i;
  }
  const code = line.charCodeAt(max - 1);
  return code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
}

/**
 * Packs sections (each a few lines that belong together) into as few messages as fit: a message
 * holds at most `max` characters, sections joined by a blank line, and at most `maxSections`
 * sections (Slack's 50 blocks). A section is never split across messages unless it alone is too
 * long; then it is split like `splitLines`.
 * @example packSections(['a\nb', 'c'], 4) → [['a\nb'], ['c']]
 */
export function packSections(sections: readonly string[], max: number, maxSections = 50): string[][] {
  const messages: string[][] = [];
  let current: string[] = [];
  let length = 0;
  for (const section of sections.flatMap((s) => (s.length > max ? splitLines(s, max) : [s]))) {
    const added = current.length ? length + 2 + section.length : section.length;
    if (current.length && (added > max || current.length >= maxSections)) {
      messages.push(current);
      current = [section];
      length = section.length;
    } else {
      current.push(section);
      length = added;
    }
  }
  if (current.length) messages.push(current);
  return messages;
}
