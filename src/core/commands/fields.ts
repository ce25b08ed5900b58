import type { Token } from './tokenize.js';

/** A word as typed, or a `key: value` field whose value may span several words. */
export type Piece =
  | { kind: 'word'; token: Token }
  | { kind: 'field'; name: string; value: string; quoted: boolean; tokens: Token[] };

export interface FieldRules {
  /** The field a typed key names (`客户`, `customer`, `Due`), or undefined for an ordinary word. */
  keyOf(key: string): string | undefined;
  /**
   * Whether a field ends at this word, though no other key starts there: a mention, or any word
   * once a one-word value (a number, a choice) has its word. `taken` counts the value's words so far.
   */
  endsBefore?(name: string, token: Token, taken: number): boolean;
}

const KEY = /^([\p{L}\p{N}_-]+)[:：=]/u;
const MENTION = /^<[@#][^>]+>$/u;

/** `<@U1>` or `<#C1>`, the canonical form adapters give mentions. */
export const isMention = (token: Token): boolean => !token.quoted && MENTION.test(token.text);

/**
 * The key a word starts with, read from the original text so a colon inside quotes is not one:
 * `customer:"Acme Ltd"` has a key, `"note: call back"` has none.
 */
function keyAt(text: string, token: Token, rules: FieldRules): { name: string; length: number } | undefined {
  const m = KEY.exec(text.slice(token.start, token.end));
  const name = m ? rules.keyOf(m[1] as string) : undefined;
  return m && name ? { name, length: (m[1] as string).length + 1 } : undefined;
}

/**
 * Splits words into plain words and `key: value` fields. A value runs from its key to the next
 * known key, spaces included, quoted or not (`customer: Acme Trading Co. owner: …`); a quoted value
 * is whole by itself, and a value may be given after a space (`客户： 北京 星辰 科技`).
 * @example readFields('Call customer: Acme Co. due: friday', tokenize(…), rules)
 *   → [word Call, field customer 'Acme Co.', field due 'friday']
 */
export function readFields(text: string, tokens: readonly Token[], rules: FieldRules): Piece[] {
  const pieces: Piece[] = [];
  let open: Extract<Piece, { kind: 'field' }> | undefined;
  let words: string[] = [];
  const close = () => {
    if (open) open.value = words.join(' ').trim();
    open = undefined;
  };
  for (const token of tokens) {
    const key = keyAt(text, token, rules);
    if (key) {
      close();
      const first = token.text.slice(key.length).trim();
      open = { kind: 'field', name: key.name, value: '', quoted: token.quoted, tokens: [token] };
      words = first ? [first] : [];
      pieces.push(open);
      // `customer:"Acme Ltd"` is the whole value; `customer:` alone waits for the next words.
      if (token.quoted) close();
      continue;
    }
    if (open && !rules.endsBefore?.(open.name, token, words.length)) {
      const wholeQuoted = token.quoted && words.length === 0;
      open.tokens.push(token);
      words.push(token.text);
      if (wholeQuoted) {
        open.quoted = true;
        close();
      }
      continue;
    }
    close();
    pieces.push({ kind: 'word', token });
  }
  close();
  return pieces;
}
