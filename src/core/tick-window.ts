/**
 * The span a minute job covers on each tick: from the previous tick to now. The first tick looks
 * back `lookbackMs` from the start, so work missed while the process was down is found (and then
 * run or skipped by the job's catch-up rule).
 * @example const window = new TickWindow(clock.now(), DAY_MS); const span = window.advance(now); if (span) dueBetween(span.from, span.to, …)
 */
export class TickWindow {
  #last: Date;

  constructor(startedAt: Date, lookbackMs: number) {
    this.#last = new Date(startedAt.getTime() - lookbackMs);
  }

  /** The (from, to] span since the last tick, or undefined when the clock did not move forward. */
  advance(now: Date): { from: Date; to: Date } | undefined {
    const from = this.#last;
    if (now <= from) {
      // The clock went back (the console's `:at`, a corrected host clock): carry on from here.
      if (from.getTime() - now.getTime() > 60_000) this.#last = now;
      return undefined;
    }
    this.#last = now;
    return { from, to: now };
  }
}
