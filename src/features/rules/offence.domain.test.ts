import { describe, expect, it } from 'vitest';
import { decideOffence, type OffenceMark } from './offence.domain.js';

const MINUTE = 60_000;
const NOW = 100 * MINUTE;
const mark = (ruleId: number, minutesAgo: number, count = 1, pardoned = false): OffenceMark => ({
  ruleId,
  count,
  at: new Date(NOW - minutesAgo * MINUTE),
  pardoned,
});

describe('one offence, one strike', () => {
  it('a message breaking two rules strikes once, as its heaviest rule', () => {
    expect(
      decideOffence(
        [
          { ruleId: 1, strikes: 1 },
          { ruleId: 2, strikes: 2 },
        ],
        [],
        NOW,
        10 * MINUTE,
      ),
    ).toEqual({ acting: [1, 2], struck: 2, weight: 2 });
  });

  it('within a rule’s cool-down the rule acts without a strike; after it, or after a pardon, it strikes', () => {
    const hit = [{ ruleId: 1, strikes: 1 }];
    expect(decideOffence(hit, [mark(1, 5)], NOW, 10 * MINUTE)).toEqual({
      acting: [1],
      struck: undefined,
      weight: 0,
    });
    expect(decideOffence(hit, [mark(1, 11)], NOW, 10 * MINUTE).weight).toBe(1);
    expect(decideOffence(hit, [mark(1, 5, 1, true)], NOW, 10 * MINUTE).weight).toBe(1);
    // A time the rule acted without a strike does not start a new cool-down.
    expect(decideOffence(hit, [mark(1, 2, 0), mark(1, 11)], NOW, 10 * MINUTE).weight).toBe(1);
  });

  it('a rule in its cool-down leaves the strike to another rule the message breaks', () => {
    const hits = [
      { ruleId: 1, strikes: 3 },
      { ruleId: 2, strikes: 1 },
    ];
    expect(decideOffence(hits, [mark(1, 1)], NOW, 10 * MINUTE)).toEqual({
      acting: [1, 2],
      struck: 2,
      weight: 1,
    });
  });

  it('a flood acts once per burst: not again once it acted since the burst began', () => {
    const flood = { ruleId: 4, strikes: 1, burstStart: NOW - 30_000 };
    expect(decideOffence([flood], [mark(4, 0.25, 0)], NOW, 10 * MINUTE).acting).toEqual([]);
    expect(decideOffence([flood], [mark(4, 1)], NOW, 10 * MINUTE)).toEqual({
      acting: [4],
      struck: undefined,
      weight: 0,
    });
  });
});
