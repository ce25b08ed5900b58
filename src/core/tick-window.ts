/**
 * The span a minute job covers on each tick: from the last tick that went through to now. The
 * first tick looks back `lookbackMs` from the start, so work missed while the process was down is
 * found (and then run or skipped by the job's catch-up rule). A tick that stopped (the database was
 * busy) is not `covered`: the next one spans its time again, so nothing due in it is passed over.
 * @example const span = window.advance(now, claims.earliestUnfinished(jobs, since)); if (span) { dueBetween(span.from, span.to, …); window.covered(span) }
 */
export class TickWindow {
  #last: Date;

  constructor(startedAt: Date, lookbackMs: number) {
    this.#last = new Date(startedAt.getTime() - lookbackMs);
  }

  /**
   * The (from, to] span to look at now, or undefined when the clock did not move forward.
   * `reachBack` (a slot left unfinished) makes it start just before that instant when that is earlier.
   */
  advance(now: Date, reachBack?: Date): { from: Date; to: Date } | undefined {
    const last = this.#last;
    if (now <= last) {
      // The clock went back (the console's `:at`, a corrected host clock): carry on from here.
      if (last.getTime() - now.getTime() > 60_000) this.#last = now;
      return undefined;
    }
    const from = reachBack && reachBack <= last ? new Date(reachBack.getTime() - 1) : last;
    return { from, to: now };
  }

  /** The span's work is done (run, failed for good, or skipped): the next span starts at its end. */
  covered(span: { to: Date }): void {
    if (span.to > this.#last) this.#last = span.to;
  }
}
