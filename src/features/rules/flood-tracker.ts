export interface FloodTrackerOptions {
  /** Members remembered at once; the least recently active are forgotten first. */
  maxMembers?: number;
  /** Longest window any rule may ask about; older timestamps are dropped. */
  horizonMs?: number;
}

/** Timestamps kept per member or text: enough for the largest count a flood rule allows. */
export const MAX_TRACKED = 64;
/** Distinct recent texts kept per member; a spammer repeats one text, not dozens. */
export const MAX_TEXTS_PER_MEMBER = 8;
// Stale members are swept every this many records, so sweeping costs nothing per message.
const SWEEP_EVERY = 256;

interface History {
  stamps: number[];
  /** Normalized-text hash → when the member posted it. */
  texts: Map<number, number[]>;
}

/**
 * Who posted what recently, for flood rules: in memory, bounded (at most `maxMembers` members, the
 * least recently active evicted first; {@link MAX_TRACKED} timestamps and
 * {@link MAX_TEXTS_PER_MEMBER} texts per member; nothing older than the horizon), and clock-free:
 * every call takes the message time in milliseconds. Members are opaque keys (encoded member keys);
 * texts are hashes of the normalized text (`NormalizedText.hash()`), so "Buy NOW!" repeats "buy now".
 *
 * Counting never changes anything; only {@link record} does. So `/rules test` can ask "would this
 * message flood?" without the test message counting towards a real member's history.
 * @example const flood = new FloodTracker(); flood.record('slack:T1:U1', 42, 1000);
 *          flood.countMessages('slack:T1:U1', 2000, 10_000) === 1
 */
export class FloodTracker {
  private readonly members = new Map<string, History>();
  private readonly maxMembers: number;
  private readonly horizonMs: number;
  private records = 0;

  constructor(options: FloodTrackerOptions = {}) {
    this.maxMembers = options.maxMembers ?? 10_000;
    this.horizonMs = options.horizonMs ?? 3_600_000;
  }

  /** Messages the member posted in the `windowMs` up to `at` (not counting one not yet recorded). */
  countMessages(member: string, at: number, windowMs: number): number {
    return countWithin(this.members.get(member)?.stamps, at, windowMs);
  }

  /** Times the member posted this text (by hash) in the `windowMs` up to `at`. */
  countRepeats(member: string, text: number, at: number, windowMs: number): number {
    return countWithin(this.members.get(member)?.texts.get(text), at, windowMs);
  }

  /**
   * When the member's current burst began: the earliest of their messages up to `at` that a chain of
   * messages, each within `windowMs` of the one before, links to `at`. A burst stays one burst while
   * the messages keep coming, however long it lasts.
   * @example after messages at 0, 8 000 and 16 000 ms, burstStart(member, 16_000, 10_000) === 0
   */
  burstStart(member: string, at: number, windowMs: number): number {
    const stamps = this.members.get(member)?.stamps ?? [];
    let start = at;
    for (let i = stamps.length - 1; i >= 0; i--) {
      const stamp = stamps[i] as number;
      if (stamp > start) continue;
      if (start - stamp > windowMs) break;
      start = stamp;
    }
    return start;
  }

  /** Takes one message (by its time) out of the history: a deleted message no longer counts as posted. */
  forget(member: string, at: number): void {
    const history = this.members.get(member);
    if (!history) return;
    removeStamp(history.stamps, at);
    for (const stamps of history.texts.values()) removeStamp(stamps, at);
  }

  /** Adds a message to the history; `text` undefined for messages too short to count as repeats. */
  record(member: string, text: number | undefined, at: number): void {
    let history = this.members.get(member);
    if (history) {
      // Re-inserting moves the member to the end: the map's order is least recently active first.
      this.members.delete(member);
    } else {
      history = { stamps: [], texts: new Map() };
    }
    this.members.set(member, history);
    const cutoff = at - this.horizonMs;
    addStamp(history.stamps, at, cutoff);
    if (text !== undefined) {
      let stamps = history.texts.get(text);
      if (!stamps) {
        if (history.texts.size >= MAX_TEXTS_PER_MEMBER) dropOldestText(history.texts);
        stamps = [];
        history.texts.set(text, stamps);
      }
      addStamp(stamps, at, cutoff);
    }
    if (this.members.size > this.maxMembers || ++this.records % SWEEP_EVERY === 0) this.sweep(member, cutoff);
  }

  /** How much is remembered, for tests and metrics. */
  get size(): { members: number; texts: number } {
    let texts = 0;
    for (const history of this.members.values()) texts += history.texts.size;
    return { members: this.members.size, texts };
  }

  /** Forgets the least recently active members while over the limit or silent past the horizon. */
  private sweep(keep: string, cutoff: number): void {
    for (const [member, history] of this.members) {
      const silent = (history.stamps[history.stamps.length - 1] ?? Number.NEGATIVE_INFINITY) <= cutoff;
      if (member === keep || (this.members.size <= this.maxMembers && !silent)) return;
      this.members.delete(member);
    }
  }
}

/** Timestamps in (at - windowMs, at]; stamps are kept sorted. */
function countWithin(stamps: readonly number[] | undefined, at: number, windowMs: number): number {
  if (!stamps) return 0;
  let i = stamps.length - 1;
  while (i >= 0 && (stamps[i] as number) > at) i--;
  let n = 0;
  for (; i >= 0 && (stamps[i] as number) > at - windowMs; i--) n++;
  return n;
}

function addStamp(stamps: number[], at: number, cutoff: number): void {
  if (stamps.length === 0 || (stamps[stamps.length - 1] as number) <= at) stamps.push(at);
  else {
    // Out of order (a late event): keep the list sorted.
    let i = stamps.length;
    while (i > 0 && (stamps[i - 1] as number) > at) i--;
    stamps.splice(i, 0, at);
  }
  let stale = 0;
  while (stale < stamps.length && (stamps[stale] as number) <= cutoff) stale++;
  if (stamps.length - stale > MAX_TRACKED) stale = stamps.length - MAX_TRACKED;
  if (stale) stamps.splice(0, stale);
}

function removeStamp(stamps: number[], at: number): void {
  const i = stamps.lastIndexOf(at);
  if (i >= 0) stamps.splice(i, 1);
}

function dropOldestText(texts: Map<number, number[]>): void {
  let oldest: number | undefined;
  let oldestAt = Number.POSITIVE_INFINITY;
  for (const [text, stamps] of texts) {
    const last = stamps[stamps.length - 1] ?? Number.NEGATIVE_INFINITY;
    if (last < oldestAt) {
      oldestAt = last;
      oldest = text;
    }
  }
  if (oldest !== undefined) texts.delete(oldest);
}
