import { describe, expect, it } from 'vitest';
import { TierPacer, tierOf } from './rate-tier.js';

/** Reserves `n` calls one after another, each made when the pacer says; returns the call times. */
function schedule(pacer: TierPacer, method: string, n: number, start = 0): number[] {
  const times: number[] = [];
  let now = start;
  for (let i = 0; i < n; i++) {
    now += pacer.reserve(method, now);
    times.push(now);
  }
  return times;
}

/** The most calls in any 60 s window (Slack's minute), the window open at its start. */
function busiestMinute(times: readonly number[]): number {
  let most = 0;
  for (const [i, t] of times.entries())
    most = Math.max(most, times.filter((u, j) => j >= i && u < t + 60_000).length);
  return most;
}

describe('TierPacer', () => {
  it('knows the tiers of the methods the member sync calls', () => {
    expect(tierOf('conversations.members')).toBe(4);
    expect(tierOf('users.list')).toBe(2);
    expect(tierOf('users.info')).toBe(4);
    expect(tierOf('team.info')).toBe(3);
    expect(tierOf('something.new')).toBe(3);
  });

  it('lets a small burst go at once, then paces: Tier 2 never goes over 20 calls in any minute', () => {
    const pacer = new TierPacer();
    const times = schedule(pacer, 'users.list', 100);
    expect(times.slice(0, 2)).toEqual([0, 0]);
    expect(times[2]).toBe(pacer.interval('users.list'));
    expect(busiestMinute(times)).toBeLessThanOrEqual(20);
    // …and is not needlessly slow: 100 calls take about five minutes.
    expect(times.at(-1)).toBeLessThan(6 * 60_000);
  });

  it('holds Tier 4 to 100 a minute and Tier 3 to 50, each method on its own', () => {
    const pacer = new TierPacer();
    expect(busiestMinute(schedule(pacer, 'conversations.members', 500))).toBeLessThanOrEqual(100);
    expect(busiestMinute(schedule(pacer, 'team.info', 200))).toBeLessThanOrEqual(50);
    // users.list has its own budget: the calls above did not use it.
    expect(pacer.reserve('users.list', 0)).toBe(0);
  });

  it('callers that reserve at the same moment queue up rather than all go', () => {
    const pacer = new TierPacer();
    const waits = Array.from({ length: 5 }, () => pacer.reserve('users.list', 1_000));
    const interval = pacer.interval('users.list');
    expect(waits).toEqual([0, 0, interval, 2 * interval, 3 * interval]);
  });

  it('after a 429 waits Retry-After, then goes on paced, without a burst', () => {
    const pacer = new TierPacer();
    expect(pacer.reserve('users.list', 0)).toBe(0);
    pacer.blocked('users.list', 0, 30_000);
    expect(pacer.reserve('users.list', 0)).toBe(30_000);
    expect(pacer.reserve('users.list', 30_000)).toBe(pacer.interval('users.list'));
    // A later call, long after, is free again.
    expect(pacer.reserve('users.list', 10 * 60_000)).toBe(0);
  });

  it('a rest refills the burst, but never beyond it', () => {
    const pacer = new TierPacer();
    schedule(pacer, 'conversations.members', 50);
    const later = 60 * 60_000;
    const waits = Array.from({ length: 12 }, () => pacer.reserve('conversations.members', later));
    expect(waits.filter((w) => w === 0)).toHaveLength(pacer.burst('conversations.members'));
  });
});
