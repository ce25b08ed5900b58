import { describe, expect, it } from 'vitest';
import { FloodTracker, MAX_TEXTS_PER_MEMBER, MAX_TRACKED } from './flood-tracker.js';
import { NormalizedText } from './text-normalize.js';

const hash = (text: string) => new NormalizedText().read(text).hash();

describe('FloodTracker', () => {
  it('counts a member’s messages within a window', () => {
    const flood = new FloodTracker();
    for (const at of [0, 1000, 2000, 9000]) flood.record('u1', undefined, at);
    expect(flood.countMessages('u1', 9000, 10_000)).toBe(4);
    expect(flood.countMessages('u1', 10_500, 10_000)).toBe(3);
    expect(flood.countMessages('u2', 9000, 10_000)).toBe(0);
  });

  it('counts repeats of the same normalized text per member', () => {
    const flood = new FloodTracker();
    flood.record('u1', hash('buy now'), 0);
    flood.record('u1', hash('BUY  NOW!!'), 5000);
    flood.record('u2', hash('buy now'), 5000);
    expect(flood.countRepeats('u1', hash('ｂｕｙ now'), 6000, 60_000)).toBe(2);
    expect(flood.countRepeats('u1', hash('other'), 6000, 60_000)).toBe(0);
  });

  it('only changes when recording, so counts can be peeked', () => {
    const flood = new FloodTracker();
    flood.record('u1', 7, 0);
    for (let i = 0; i < 5; i++) flood.countMessages('u1', 100, 1000);
    expect(flood.countMessages('u1', 100, 1000)).toBe(1);
    expect(flood.size).toEqual({ members: 1, texts: 1 });
  });

  it('keeps stamps sorted when messages arrive out of order', () => {
    const flood = new FloodTracker();
    flood.record('u1', undefined, 5000);
    flood.record('u1', undefined, 1000);
    expect(flood.countMessages('u1', 3000, 10_000)).toBe(1);
    expect(flood.countMessages('u1', 5000, 10_000)).toBe(2);
  });

  it('stays bounded: members evicted, stamps and texts capped, silent members swept', () => {
    const flood = new FloodTracker({ maxMembers: 100, horizonMs: 60_000 });
    for (let i = 0; i < 1000; i++) flood.record(`u${i}`, i, i);
    expect(flood.size.members).toBeLessThanOrEqual(100);
    expect(flood.countMessages('u999', 999, 1000)).toBe(1);
    expect(flood.countMessages('u0', 999, 1000)).toBe(0);

    for (let i = 0; i < 500; i++) flood.record('busy', i % 4, 1000 + i);
    expect(flood.countMessages('busy', 1500, 10_000)).toBe(MAX_TRACKED);
    expect(flood.countRepeats('busy', 3, 1500, 10_000)).toBe(MAX_TRACKED);
    const chatty = new FloodTracker();
    for (let i = 0; i < 50; i++) chatty.record('u1', i, i);
    expect(chatty.size.texts).toBe(MAX_TEXTS_PER_MEMBER);
    expect(chatty.countRepeats('u1', 49, 100, 1000)).toBe(1);

    for (let i = 0; i < 256; i++) flood.record('late', undefined, 10_000_000 + i);
    expect(flood.size.members).toBe(1);
  });

  it('finds where a burst began: it lasts while each message comes within the window of the one before', () => {
    const flood = new FloodTracker();
    for (const at of [0, 8_000, 16_000, 24_000, 60_000, 65_000]) flood.record('u1', undefined, at);
    expect(flood.burstStart('u1', 24_000, 10_000)).toBe(0);
    expect(flood.burstStart('u1', 65_000, 10_000)).toBe(60_000);
    expect(flood.burstStart('u2', 5_000, 10_000)).toBe(5_000);
  });

  it('forgets a deleted message: it no longer counts, nor as a repeat', () => {
    const flood = new FloodTracker();
    flood.record('u1', 7, 1_000);
    flood.record('u1', 7, 2_000);
    flood.forget('u1', 2_000);
    expect(flood.countMessages('u1', 3_000, 10_000)).toBe(1);
    expect(flood.countRepeats('u1', 7, 3_000, 10_000)).toBe(1);
  });
});
