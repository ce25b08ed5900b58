/**
 * Slack's Web API rate tiers, per method and per workspace: how many calls a minute Slack allows.
 * https://api.slack.com/apis/rate-limits — Tier 1: 1+, Tier 2: 20+, Tier 3: 50+, Tier 4: 100+ a minute.
 */
export const TIER_PER_MINUTE = { 1: 1, 2: 20, 3: 50, 4: 100 } as const;
export type Tier = keyof typeof TIER_PER_MINUTE;

/** The tier of each method the member sync calls. */
export const METHOD_TIER: Readonly<Record<string, Tier>> = {
  'conversations.members': 4,
  'users.list': 2,
  'users.info': 4,
  'users.conversations': 3,
  'team.info': 3,
  'auth.test': 4,
};

/** Methods Muster does not know the tier of are paced as Tier 3. */
export function tierOf(method: string): Tier {
  return METHOD_TIER[method] ?? 3;
}

const MINUTE = 60_000;

interface Schedule {
  /** The theoretical time of the next call once any burst is spent (GCRA's "TAT"). */
  next: number;
}

/**
 * A token bucket per method, kept as a schedule (the generic cell rate algorithm): it never exceeds
 * the tier in any 60 s window, because the burst plus a minute of paced calls add up to the tier's
 * limit (e.g. Tier 2: a burst of 2, then one call every 3.33 s). Pure: time comes in as numbers,
 * waiting is the caller's.
 * @example const wait = pacer.reserve('users.list', now()); if (wait > 0) await sleep(wait);
 */
export class TierPacer {
  readonly #schedules = new Map<string, Schedule>();

  constructor(private readonly tierOfMethod: (method: string) => Tier = tierOf) {}

  /** Calls a minute allowed for the method. */
  limit(method: string): number {
    return TIER_PER_MINUTE[this.tierOfMethod(method)];
  }

  /** Calls that may go at once before pacing starts: a tenth of the limit, at least one. */
  burst(method: string): number {
    return Math.max(1, Math.floor(this.limit(method) / 10));
  }

  /** Milliseconds between calls once the burst is spent (rounded up: never faster than the tier). */
  interval(method: string): number {
    const limit = this.limit(method);
    return Math.ceil(MINUTE / Math.max(1, limit - this.burst(method)));
  }

  /**
   * Takes a slot for one call and returns how long to wait before making it (0: go now). Slots are
   * handed out in order, so concurrent callers of the same method queue up rather than all go.
   */
  reserve(method: string, now: number): number {
    const schedule = this.#schedule(method, now);
    const interval = this.interval(method);
    const tolerance = (this.burst(method) - 1) * interval;
    const at = Math.max(now, schedule.next - tolerance);
    schedule.next = Math.max(schedule.next, at) + interval;
    return at - now;
  }

  /**
   * Slack answered 429 with Retry-After: nothing for this method until then, and no burst after it
   * (Slack's window is full), only paced calls.
   */
  blocked(method: string, now: number, retryAfterMs: number): void {
    const schedule = this.#schedule(method, now);
    const tolerance = (this.burst(method) - 1) * this.interval(method);
    schedule.next = Math.max(schedule.next, now + retryAfterMs + tolerance);
  }

  #schedule(method: string, now: number): Schedule {
    let schedule = this.#schedules.get(method);
    if (!schedule) {
      schedule = { next: now };
      this.#schedules.set(method, schedule);
    }
    return schedule;
  }
}
