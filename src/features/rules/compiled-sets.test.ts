import { describe, expect, it } from 'vitest';
import { CompiledSets } from './compiled-sets.js';
import type { RuleDefinition } from './rule-set.js';

const silent = { debug() {}, info() {}, warn() {}, error() {} };

/** The slices waiting to run, run by hand: no timing involved. */
function manual() {
  const waiting: (() => void)[] = [];
  return {
    later: (run: () => void) => void waiting.push(run),
    /** Runs the next waiting slice; false when none is waiting. */
    next: () => {
      const run = waiting.shift();
      run?.();
      return run !== undefined;
    },
    get waiting() {
      return waiting.length;
    },
  };
}

const big = (id: number, prefix: string): RuleDefinition[] => [
  { id, kind: 'words', config: { words: Array.from({ length: 10_000 }, (_, i) => `${prefix}${i}x`) } },
];
const small: RuleDefinition[] = [{ id: 1, kind: 'words', config: { words: ['加微信'] } }];
const text = (t: string) => ({ text: t, authorKey: 'a', channelKey: 'c', at: 0, authorMayBroadcast: false });

describe('CompiledSets', () => {
  it('gives a small set at once, and the same set for the same rules', () => {
    const sets = new CompiledSets(silent, manual().later);
    const key = CompiledSets.keyOf(small);
    const first = sets.get(key, small);
    expect(first.set?.evaluate(text('加 微 信')).map((h) => h.ruleId)).toEqual([1]);
    expect(sets.get(CompiledSets.keyOf([...small]), small).set).toBe(first.set);
    expect(CompiledSets.keyOf([{ ...small[0], config: { words: ['代购'] } } as RuleDefinition])).not.toBe(
      key,
    );
  });

  it('compiles big sets between other work, one at a time', async () => {
    const clock = manual();
    const sets = new CompiledSets(silent, clock.later);
    const a = big(1, 'qa');
    const b = big(2, 'qb');
    const gotA = sets.get(CompiledSets.keyOf(a), a);
    const gotB = sets.get(CompiledSets.keyOf(b), b);
    expect(gotA.set).toBeUndefined();
    expect(gotB.set).toBeUndefined();
    let slices = 0;
    let aDone = false;
    void gotA.ready?.then(() => {
      aDone = true;
    });
    // One slice waits at a time: the queue runs A to the end, then B.
    while (clock.waiting === 1 && sets.get(CompiledSets.keyOf(a), a).set === undefined) {
      clock.next();
      slices++;
    }
    expect(slices).toBeGreaterThan(3);
    expect(sets.get(CompiledSets.keyOf(b), b).set).toBeUndefined();
    await Promise.resolve();
    expect(aDone).toBe(true);
    while (clock.next()) slices++;
    const setB = await gotB.ready;
    expect(setB?.evaluate(text('qb42x')).map((h) => h.ruleId)).toEqual([2]);
    await sets.idle();
  });

  it('stops a compile nobody needs any more', async () => {
    const clock = manual();
    const sets = new CompiledSets(silent, clock.later);
    const a = big(1, 'qa');
    const got = sets.get(CompiledSets.keyOf(a), a);
    sets.keepOnly(new Set());
    expect(await got.ready).toBeUndefined();
    while (clock.next());
    await sets.idle();
  });
});
