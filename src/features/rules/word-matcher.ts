import { type NormalizedText, SPACED, TOKEN_END, TOKEN_START, WORD } from './text-normalize.js';

/** A banned word or phrase and who banned it (a number the caller gives meaning to). */
export interface WordEntry {
  term: string;
  owner: number;
}

/** Receives matches; return true to stop scanning. Kept as an object so a scan allocates no closure. */
export interface WordVisitor {
  onWord(owner: number, term: string, first: number, last: number): boolean;
}

const NONE = -1;
// Few children: a linear scan beats a binary search.
const LINEAR_CHILDREN = 8;

interface Pattern {
  units: Uint16Array;
  /** Offsets where the term had a space between two English words ("earn money" → [4]). */
  gaps: number[];
  startsWord: boolean;
  endsWord: boolean;
  owners: number[];
  terms: string[];
}

/**
 * One Aho–Corasick automaton over every banned word and preset list of a rule set, run on
 * {@link NormalizedText} (so separators are already skipped and evasions folded), built once per rule
 * change. A candidate match also has to respect English word boundaries:
 * - a term that starts (ends) with a Latin letter or digit must start (end) an English word, so
 *   "class" does not hit "ass" and "scampi" does not hit "scam";
 * - inside a match, two English words may only meet where the term itself had a space, or inside a
 *   spaced-out run ("f u c k"), so "pen is" does not hit "penis" and "this hit" does not hit "shit".
 * Chinese has no boundaries: "要加微信吗" hits 加微信, "加班微信群" does not (班 is not skipped).
 */
export class WordMatcher {
  /** Terms that normalize to nothing ("!!!", an emoji) and so can never match. */
  readonly unmatchable: readonly WordEntry[];
  readonly patternCount: number;
  private readonly symbolOf: Uint16Array;
  private readonly rootNext: Int32Array;
  private readonly childStart: Int32Array;
  private readonly childSymbol: Uint16Array;
  private readonly childState: Int32Array;
  private readonly fail: Int32Array;
  /** First pattern ending at a state, or NONE. */
  private readonly stateOutput: Int32Array;
  /** The nearest state down the failure chain that has an output, or NONE. */
  private readonly outputLink: Int32Array;
  /** Next pattern ending at the same state. */
  private readonly samePattern: Int32Array;
  private readonly patterns: Pattern[];

  constructor(entries: readonly WordEntry[], normalized: NormalizedText) {
    const unmatchable: WordEntry[] = [];
    const byKey = new Map<string, Pattern>();
    for (const entry of entries) {
      normalized.read(entry.term);
      if (normalized.length === 0) {
        unmatchable.push(entry);
        continue;
      }
      const units = normalized.units.slice(0, normalized.length);
      const gaps: number[] = [];
      for (let k = 1; k < units.length; k++) {
        const before = normalized.flags[k - 1] as number;
        const after = normalized.flags[k] as number;
        if (before & TOKEN_END && before & WORD && after & WORD) gaps.push(k);
      }
      const key = `${normalized.toString()}\u0000${gaps.join(',')}`;
      let pattern = byKey.get(key);
      if (!pattern) {
        pattern = {
          units,
          gaps,
          startsWord: ((normalized.flags[0] as number) & WORD) !== 0,
          endsWord: ((normalized.flags[units.length - 1] as number) & WORD) !== 0,
          owners: [],
          terms: [],
        };
        byKey.set(key, pattern);
      }
      pattern.owners.push(entry.owner);
      pattern.terms.push(entry.term);
    }
    this.unmatchable = unmatchable;
    this.patterns = [...byKey.values()];
    this.patternCount = this.patterns.length;

    // Symbols: only units that occur in some pattern; any other unit sends the automaton home.
    this.symbolOf = new Uint16Array(0x10000);
    let symbols = 0;
    for (const p of this.patterns) {
      for (const u of p.units) if (this.symbolOf[u] === 0) this.symbolOf[u] = ++symbols;
    }

    // The trie, with children kept in lists while building.
    const children: Map<number, number>[] = [new Map()];
    const patternAt: number[][] = [[]];
    this.patterns.forEach((p, index) => {
      let state = 0;
      for (const u of p.units) {
        const symbol = this.symbolOf[u] as number;
        const here = children[state] as Map<number, number>;
        let next = here.get(symbol);
        if (next === undefined) {
          next = children.length;
          here.set(symbol, next);
          children.push(new Map());
          patternAt.push([]);
        }
        state = next;
      }
      (patternAt[state] as number[]).push(index);
    });
    const states = children.length;

    this.rootNext = new Int32Array(symbols + 1);
    this.childStart = new Int32Array(states + 1);
    let edges = 0;
    for (let s = 1; s < states; s++) edges += (children[s] as Map<number, number>).size;
    this.childSymbol = new Uint16Array(edges);
    this.childState = new Int32Array(edges);
    for (const [symbol, next] of children[0] as Map<number, number>) this.rootNext[symbol] = next;
    let at = 0;
    for (let s = 0; s < states; s++) {
      this.childStart[s] = at;
      if (s === 0) continue;
      const sorted = [...(children[s] as Map<number, number>)].sort((a, b) => a[0] - b[0]);
      for (const [symbol, next] of sorted) {
        this.childSymbol[at] = symbol;
        this.childState[at] = next;
        at++;
      }
    }
    this.childStart[states] = at;

    this.stateOutput = new Int32Array(states).fill(NONE);
    this.samePattern = new Int32Array(this.patterns.length).fill(NONE);
    for (let s = 0; s < states; s++) {
      for (const p of patternAt[s] as number[]) {
        this.samePattern[p] = this.stateOutput[s] as number;
        this.stateOutput[s] = p;
      }
    }

    // Failure and output links, breadth first.
    this.fail = new Int32Array(states);
    this.outputLink = new Int32Array(states).fill(NONE);
    const queue: number[] = [...(children[0] as Map<number, number>).values()];
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head] as number;
      const failed = this.fail[state] as number;
      this.outputLink[state] =
        this.stateOutput[failed] !== NONE ? failed : (this.outputLink[failed] as number);
      for (const [symbol, child] of children[state] as Map<number, number>) {
        this.fail[child] = this.step(failed, symbol);
        queue.push(child);
      }
    }
  }

  /**
   * Reports every match in `text` (already read into a {@link NormalizedText}) that respects word
   * boundaries, in order of where it ends, until the visitor says stop.
   */
  scan(text: NormalizedText, visitor: WordVisitor): void {
    const units = text.units;
    const symbolOf = this.symbolOf;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const symbol = symbolOf[units[i] as number] as number;
      if (symbol === 0) {
        state = 0;
        continue;
      }
      state = this.step(state, symbol);
      let out = this.stateOutput[state] !== NONE ? state : (this.outputLink[state] as number);
      while (out !== NONE) {
        for (let p = this.stateOutput[out] as number; p !== NONE; p = this.samePattern[p] as number) {
          const pattern = this.patterns[p] as Pattern;
          const first = i - pattern.units.length + 1;
          if (!fitsWords(pattern, text.flags, first, i)) continue;
          for (let o = 0; o < pattern.owners.length; o++) {
            if (visitor.onWord(pattern.owners[o] as number, pattern.terms[o] as string, first, i)) return;
          }
        }
        out = this.outputLink[out] as number;
      }
    }
  }

  /** The goto function with failure transitions folded in. */
  private step(from: number, symbol: number): number {
    let state = from;
    for (;;) {
      if (state === 0) return this.rootNext[symbol] as number;
      const next = this.child(state, symbol);
      if (next !== NONE) return next;
      state = this.fail[state] as number;
    }
  }

  private child(state: number, symbol: number): number {
    let lo = this.childStart[state] as number;
    let hi = this.childStart[state + 1] as number;
    if (hi - lo <= LINEAR_CHILDREN) {
      for (; lo < hi; lo++) if (this.childSymbol[lo] === symbol) return this.childState[lo] as number;
      return NONE;
    }
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const s = this.childSymbol[mid] as number;
      if (s === symbol) return this.childState[mid] as number;
      if (s < symbol) lo = mid + 1;
      else hi = mid;
    }
    return NONE;
  }
}

function fitsWords(pattern: Pattern, flags: Uint8Array, first: number, last: number): boolean {
  if (pattern.startsWord && !((flags[first] as number) & TOKEN_START)) return false;
  if (pattern.endsWord && !((flags[last] as number) & TOKEN_END)) return false;
  for (let k = first; k < last; k++) {
    const here = flags[k] as number;
    const next = flags[k + 1] as number;
    if (!(here & TOKEN_END) || !(here & WORD) || !(next & WORD)) continue;
    if (here & SPACED && next & SPACED) continue;
    if (!pattern.gaps.includes(k + 1 - first)) return false;
  }
  return true;
}
