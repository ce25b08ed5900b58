import type { Clock } from '../../core/clock.js';

/**
 * The console's simulated time. In a terminal it keeps flowing from wherever `:at`/`:advance` put it;
 * for scripts it stands still between commands, so a transcript is the same on every run.
 */
export class ConsoleClock implements Clock {
  #offsetMs = 0;
  #frozenAt: number | undefined;

  constructor(
    private readonly real: Clock,
    flowing: boolean,
  ) {
    if (!flowing) this.#frozenAt = real.now().getTime();
  }

  now(): Date {
    return new Date(this.#frozenAt ?? this.real.now().getTime() + this.#offsetMs);
  }

  set(to: Date): void {
    if (this.#frozenAt !== undefined) this.#frozenAt = to.getTime();
    else this.#offsetMs = to.getTime() - this.real.now().getTime();
  }

  advance(ms: number): void {
    this.set(new Date(this.now().getTime() + ms));
  }
}
