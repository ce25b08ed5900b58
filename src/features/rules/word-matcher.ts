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

/**
 * A computation cut into slices: each `yield` is a point where the caller may let other work run.
 * {@link runToEnd} runs it at once; the rules service runs it between messages.
 */
export type Slices<T> = Generator<void, T, void>;

/** Runs every slice now and returns the result. */
export function runToEnd<T>(slices: Slices<T>): T {
  for (;;) {
    const step = slices.next();
    if (step.done) return step.value;
  }
}

const NONE = -1;
// Few children: a linear scan beats a binary search.
const LINEAR_CHILDREN = 8;
// Work between two yields of a sliced build: a few milliseconds each, so a message waits at most that.
export const TERMS_PER_SLICE = 1000;
const STATES_PER_SLICE = 20_000;
/** {@link MatcherTables.patternBounds} bits. */
const STARTS_WORD = 1;
const ENDS_WORD = 2;

/**
 * The automaton as flat typed arrays: a few bytes per trie state and per term, where objects, maps
 * and arrays per state cost hundreds (with 100,000 terms that was the difference between ~10 MB and
 * several hundred MB while building).
 */
interface MatcherTables {
  unmatchable: WordEntry[];
  symbolOf: Uint16Array;
  rootNext: Int32Array;
  /**
   * The children of state s hang by childSymbol[childStart[s] .. childStart[s + 1]), sorted. States
   * are numbered breadth first, so the child at position i is state i + 1.
   */
  childStart: Int32Array;
  childSymbol: Uint16Array;
  fail: Int32Array;
  /** First pattern ending at a state, or NONE. */
  stateOutput: Int32Array;
  /** The nearest state down the failure chain that has an output, or NONE. */
  outputLink: Int32Array;
  /** Next pattern ending at the same state. */
  samePattern: Int32Array;
  /** Normalized length of each pattern. */
  patternLength: Int32Array;
  /** {@link STARTS_WORD} and {@link ENDS_WORD} of each pattern. */
  patternBounds: Uint8Array;
  /** Offsets where a pattern had a space between two English words ("earn money" → [4]); few have any. */
  gaps: Map<number, readonly number[]>;
  /** The entries of pattern p are owners/terms[ownerStart[p] .. ownerStart[p + 1]). */
  ownerStart: Int32Array;
  owners: Int32Array;
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
 * Build it with {@link buildWordMatcher}, or {@link buildWordMatcherInSlices} to build between messages.
 */
export class WordMatcher {
  /** Terms that normalize to nothing ("!!!", an emoji) and so can never match. */
  readonly unmatchable: readonly WordEntry[];
  readonly patternCount: number;

  constructor(private readonly t: MatcherTables) {
    this.unmatchable = t.unmatchable;
    this.patternCount = t.patternLength.length;
  }

  /**
   * Reports every match in `text` (already read into a {@link NormalizedText}) that respects word
   * boundaries, in order of where it ends, until the visitor says stop.
   */
  scan(text: NormalizedText, visitor: WordVisitor): void {
    const t = this.t;
    const { symbolOf, stateOutput, outputLink, samePattern, patternLength, ownerStart, owners, terms } = t;
    const units = text.units;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const symbol = symbolOf[units[i] as number] as number;
      if (symbol === 0) {
        state = 0;
        continue;
      }
      state = step(t, state, symbol);
      let out = stateOutput[state] !== NONE ? state : (outputLink[state] as number);
      while (out !== NONE) {
        for (let p = stateOutput[out] as number; p !== NONE; p = samePattern[p] as number) {
          const first = i - (patternLength[p] as number) + 1;
          if (!fitsWords(t, p, text.flags, first, i)) continue;
          const end = ownerStart[p + 1] as number;
          for (let o = ownerStart[p] as number; o < end; o++) {
            if (visitor.onWord(owners[o] as number, terms[o] as string, first, i)) return;
          }
        }
        out = outputLink[out] as number;
      }
    }
  }
}

function fitsWords(t: MatcherTables, p: number, flags: Uint8Array, first: number, last: number): boolean {
  const bounds = t.patternBounds[p] as number;
  if (bounds & STARTS_WORD && !((flags[first] as number) & TOKEN_START)) return false;
  if (bounds & ENDS_WORD && !((flags[last] as number) & TOKEN_END)) return false;
  for (let k = first; k < last; k++) {
    const here = flags[k] as number;
    const next = flags[k + 1] as number;
    if (!(here & TOKEN_END) || !(here & WORD) || !(next & WORD)) continue;
    if (here & SPACED && next & SPACED) continue;
    if (!t.gaps.get(p)?.includes(k + 1 - first)) return false;
  }
  return true;
}

/** The goto function with failure transitions folded in. */
function step(m: MatcherTables, from: number, symbol: number): number {
  let state = from;
  for (;;) {
    if (state === 0) return m.rootNext[symbol] as number;
    let lo = m.childStart[state] as number;
    let hi = m.childStart[state + 1] as number;
    if (hi - lo <= LINEAR_CHILDREN) {
      for (; lo < hi; lo++) if (m.childSymbol[lo] === symbol) return lo + 1;
    } else {
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const s = m.childSymbol[mid] as number;
        if (s === symbol) return mid + 1;
        if (s < symbol) lo = mid + 1;
        else hi = mid;
      }
    }
    state = m.fail[state] as number;
  }
}

/** Builds the automaton at once. */
export function buildWordMatcher(entries: readonly WordEntry[], normalized: NormalizedText): WordMatcher {
  return runToEnd(buildWordMatcherInSlices(entries, normalized));
}

/**
 * Builds the automaton in slices of a few milliseconds; `normalized` is used as scratch space, so it
 * must not be read by anyone else until the build is done.
 */
export function* buildWordMatcherInSlices(
  entries: readonly WordEntry[],
  normalized: NormalizedText,
): Slices<WordMatcher> {
  const trie = yield* buildTrie(entries, normalized);
  const tables: MatcherTables = {
    ...trie.patterns,
    ...(yield* breadthFirst(trie, yield* childLists(trie))),
    symbolOf: trie.symbolOf,
    fail: new Int32Array(trie.states),
    outputLink: new Int32Array(trie.states).fill(NONE),
  };
  yield* failureLinks(tables);
  return new WordMatcher(tables);
}

interface Trie {
  states: number;
  symbolOf: Uint16Array;
  symbols: number;
  /** The state each state hangs from, and by which symbol: a trie state has exactly one parent. */
  parent: Int32Array;
  via: Uint16Array;
  patterns: Pick<
    MatcherTables,
    | 'unmatchable'
    | 'stateOutput'
    | 'samePattern'
    | 'patternLength'
    | 'patternBounds'
    | 'gaps'
    | 'ownerStart'
    | 'owners'
    | 'terms'
  >;
}

/**
 * Inserts every term. Terms that normalize the same with the same word gaps share a pattern (and so
 * one trie path): "Scam" and "scam" in two rules cost one pattern with two owners.
 */
function* buildTrie(entries: readonly WordEntry[], normalized: NormalizedText): Slices<Trie> {
  // A term never normalizes longer than it is written: the states it can add are bounded by its length.
  let bound = 1;
  for (const entry of entries) bound += entry.term.length;
  const symbolOf = new Uint16Array(0x10000);
  let symbols = 0;
  const parent = new Int32Array(bound);
  const via = new Uint16Array(bound);
  const edges = new EdgeTable(bound);
  const stateOutput = new Int32Array(bound).fill(NONE);
  const samePattern = new Int32Array(entries.length).fill(NONE);
  const patternLength = new Int32Array(entries.length);
  const patternBounds = new Uint8Array(entries.length);
  const gaps = new Map<number, readonly number[]>();
  const patternOf = new Int32Array(entries.length).fill(NONE);
  const unmatchable: WordEntry[] = [];
  let states = 1;
  let patterns = 0;
  for (let e = 0; e < entries.length; e++) {
    if (e % TERMS_PER_SLICE === TERMS_PER_SLICE - 1) yield;
    const entry = entries[e] as WordEntry;
    normalized.read(entry.term);
    if (normalized.length === 0) {
      unmatchable.push(entry);
      continue;
    }
    let state = 0;
    for (let k = 0; k < normalized.length; k++) {
      const unit = normalized.units[k] as number;
      if (symbolOf[unit] === 0) symbolOf[unit] = ++symbols;
      const symbol = symbolOf[unit] as number;
      let next = edges.get(state, symbol);
      if (next === 0) {
        next = states++;
        edges.set(state, symbol, next);
        parent[next] = state;
        via[next] = symbol;
      }
      state = next;
    }
    const termGaps = gapsOf(normalized);
    let p = stateOutput[state] as number;
    while (p !== NONE && !sameGaps(gaps.get(p), termGaps)) p = samePattern[p] as number;
    if (p === NONE) {
      p = patterns++;
      samePattern[p] = stateOutput[state] as number;
      stateOutput[state] = p;
      patternLength[p] = normalized.length;
      patternBounds[p] =
        ((normalized.flags[0] as number) & WORD ? STARTS_WORD : 0) |
        ((normalized.flags[normalized.length - 1] as number) & WORD ? ENDS_WORD : 0);
      if (termGaps) gaps.set(p, termGaps);
    }
    patternOf[e] = p;
  }
  return {
    states,
    symbolOf,
    symbols,
    parent,
    via,
    patterns: {
      unmatchable,
      stateOutput: stateOutput.slice(0, states),
      samePattern: samePattern.slice(0, patterns),
      patternLength: patternLength.slice(0, patterns),
      patternBounds: patternBounds.slice(0, patterns),
      gaps,
      ...ownersByPattern(entries, patternOf, patterns),
    },
  };
}

/** Where the term had a space between two English words, or undefined (most terms). */
function gapsOf(normalized: NormalizedText): number[] | undefined {
  let gaps: number[] | undefined;
  for (let k = 1; k < normalized.length; k++) {
    const before = normalized.flags[k - 1] as number;
    const after = normalized.flags[k] as number;
    if (before & TOKEN_END && before & WORD && after & WORD) {
      gaps ??= [];
      gaps.push(k);
    }
  }
  return gaps;
}

function sameGaps(a: readonly number[] | undefined, b: readonly number[] | undefined): boolean {
  if (!a || !b) return a === b;
  return a.length === b.length && a.every((g, i) => g === b[i]);
}

/** Entries grouped by pattern (a counting sort), each pattern's in the order they were given. */
function ownersByPattern(
  entries: readonly WordEntry[],
  patternOf: Int32Array,
  patterns: number,
): Pick<MatcherTables, 'ownerStart' | 'owners' | 'terms'> {
  const ownerStart = new Int32Array(patterns + 1);
  for (const p of patternOf) if (p !== NONE) ownerStart[p + 1] = (ownerStart[p + 1] as number) + 1;
  for (let p = 0; p < patterns; p++)
    ownerStart[p + 1] = (ownerStart[p + 1] as number) + (ownerStart[p] as number);
  const total = ownerStart[patterns] as number;
  const owners = new Int32Array(total);
  const terms = new Array<string>(total);
  const at = ownerStart.slice(0, patterns);
  patternOf.forEach((p, e) => {
    if (p === NONE) return;
    const entry = entries[e] as WordEntry;
    const o = at[p] as number;
    at[p] = o + 1;
    owners[o] = entry.owner;
    terms[o] = entry.term;
  });
  return { ownerStart, owners, terms };
}

/**
 * Each state's children as one contiguous run sorted by symbol: two stable counting sorts of the
 * states, by the symbol they hang from and then by their parent.
 */
function* childLists(trie: Trie): Slices<ChildLists> {
  const { states, parent, via, symbols } = trie;
  const bySymbol = yield* countingSort(states, symbols + 1, via);
  const childStart = new Int32Array(states + 1);
  for (let s = 1; s < states; s++) {
    if (s % STATES_PER_SLICE === STATES_PER_SLICE - 1) yield;
    const from = (parent[s] as number) + 1;
    childStart[from] = (childStart[from] as number) + 1;
  }
  for (let s = 0; s < states; s++)
    childStart[s + 1] = (childStart[s + 1] as number) + (childStart[s] as number);
  const at = childStart.slice(0, states);
  const childSymbol = new Uint16Array(states - 1);
  const childState = new Int32Array(states - 1);
  for (let k = 0; k < states; k++) {
    if (k % STATES_PER_SLICE === STATES_PER_SLICE - 1) yield;
    const s = bySymbol[k] as number;
    if (s === 0) continue;
    const from = parent[s] as number;
    const i = at[from] as number;
    at[from] = i + 1;
    childSymbol[i] = via[s] as number;
    childState[i] = s;
  }
  return { childStart, childSymbol, childState };
}

/** Each state's children in the order the trie was built: childState[i] hangs by childSymbol[i]. */
interface ChildLists {
  childStart: Int32Array;
  childSymbol: Uint16Array;
  childState: Int32Array;
}

/**
 * Numbers the states breadth first and lays the child lists out in that order: the shallow states
 * every scan and failure link goes through sit together in memory, and a child's number is its
 * position in the lists plus one, so the lists need no state numbers.
 */
function* breadthFirst(
  trie: Trie,
  built: ChildLists,
): Slices<Pick<MatcherTables, 'rootNext' | 'childStart' | 'childSymbol' | 'stateOutput'>> {
  const { states, symbols } = trie;
  const { childStart, childSymbol, childState } = built;
  const stateOutput = trie.patterns.stateOutput;
  // order[new number] = number as built.
  const order = new Int32Array(states);
  let tail = 1;
  const start = new Int32Array(states + 1);
  const symbol = new Uint16Array(states - 1);
  const output = new Int32Array(states);
  const rootNext = new Int32Array(symbols + 1);
  for (let state = 0; state < states; state++) {
    if (state % STATES_PER_SLICE === STATES_PER_SLICE - 1) yield;
    const old = order[state] as number;
    output[state] = stateOutput[old] as number;
    start[state] = tail - 1;
    for (let i = childStart[old] as number; i < (childStart[old + 1] as number); i++) {
      symbol[tail - 1] = childSymbol[i] as number;
      if (state === 0) rootNext[childSymbol[i] as number] = tail;
      order[tail++] = childState[i] as number;
    }
  }
  start[states] = tail - 1;
  return { rootNext, childStart: start, childSymbol: symbol, stateOutput: output };
}

/** The numbers 0..n-1 ordered by key[i] (0..keys-1), ties in order. */
function* countingSort(n: number, keys: number, key: Uint16Array): Slices<Int32Array> {
  const start = new Int32Array(keys + 1);
  for (let i = 0; i < n; i++) {
    const k = (key[i] as number) + 1;
    start[k] = (start[k] as number) + 1;
  }
  for (let k = 0; k < keys; k++) start[k + 1] = (start[k + 1] as number) + (start[k] as number);
  const sorted = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (i % STATES_PER_SLICE === STATES_PER_SLICE - 1) yield;
    const k = key[i] as number;
    sorted[start[k] as number] = i;
    start[k] = (start[k] as number) + 1;
  }
  return sorted;
}

/** Fills in the failure and output links: states in number order are breadth first. */
function* failureLinks(t: MatcherTables): Slices<void> {
  const { childStart, childSymbol, fail, outputLink, stateOutput } = t;
  for (let state = 1; state < fail.length; state++) {
    if (state % STATES_PER_SLICE === STATES_PER_SLICE - 1) yield;
    const failed = fail[state] as number;
    outputLink[state] = stateOutput[failed] !== NONE ? failed : (outputLink[failed] as number);
    for (let i = childStart[state] as number; i < (childStart[state + 1] as number); i++) {
      fail[i + 1] = step(t, failed, childSymbol[i] as number);
    }
  }
}

/**
 * The trie's edges while building, in an open-addressing hash table of typed arrays keyed by
 * (state, symbol), sized once for the most states the terms can make; dropped after the build.
 */
class EdgeTable {
  private readonly fromState: Int32Array;
  private readonly symbol: Uint16Array;
  /** The child, or 0 for an empty slot (the root is nobody's child). */
  private readonly child: Int32Array;
  private readonly mask: number;

  constructor(bound: number) {
    let size = 16;
    while (size < bound * 1.5) size *= 2;
    this.fromState = new Int32Array(size);
    this.symbol = new Uint16Array(size);
    this.child = new Int32Array(size);
    this.mask = size - 1;
  }

  get(state: number, symbol: number): number {
    for (let i = this.slot(state, symbol); ; i = (i + 1) & this.mask) {
      const child = this.child[i] as number;
      if (child === 0 || (this.fromState[i] === state && this.symbol[i] === symbol)) return child;
    }
  }

  set(state: number, symbol: number, child: number): void {
    let i = this.slot(state, symbol);
    while (this.child[i] !== 0) i = (i + 1) & this.mask;
    this.fromState[i] = state;
    this.symbol[i] = symbol;
    this.child[i] = child;
  }

  private slot(state: number, symbol: number): number {
    let h = Math.imul(state, 0x9e3779b1) ^ symbol;
    h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
    return (h ^ (h >>> 13)) & this.mask;
  }
}
