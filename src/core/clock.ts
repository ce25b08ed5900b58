/**
 * Every "now" in Muster comes from a Clock, so tests and the console can move time by hand.
 * @example const clock = new FixedClock(new Date('2026-12-01T09:00:00Z')); clock.advance(60_000);
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to. */
export class FixedClock implements Clock {
  #ms: number;
  constructor(start: Date) {
    this.#ms = start.getTime();
  }
  now(): Date {
    return new Date(this.#ms);
  }
  set(to: Date): void {
    this.#ms = to.getTime();
  }
  advance(ms: number): void {
    this.#ms += ms;
  }
}
