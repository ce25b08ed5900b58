/**
 * Cuts text to a limit, marking the cut.
 * @example truncate('abcdef', 4) === 'abc…'
 */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Splits text into pieces of at most `max` characters, at line breaks where possible, never
 * inside a line unless the line alone is too long. Every platform has a length limit; all adapters
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
      pieces.push(rest.slice(0, max));
      rest = rest.slice(max);
    }
    current = rest;
  }
  if (current || pieces.length === 0) pieces.push(current);
  return pieces;
}
