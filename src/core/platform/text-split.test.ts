import { describe, expect, it } from 'vitest';
import { packSections, splitLines, truncate } from './text-split.js';

describe('splitLines', () => {
  it('keeps lines whole and packs them up to the limit', () => {
    expect(splitLines('a\nb\nc', 3)).toEqual(['a\nb', 'c']);
  });

  it('cuts a long English line between words, never inside one', () => {
    const line = 'the quick brown fox jumps over the lazy dog';
    const parts = splitLines(line, 12);
    expect(parts.every((p) => p.length <= 12)).toBe(true);
    expect(parts.join(' ')).toBe(line);
    for (const p of parts) for (const word of p.split(' ')) expect(line.split(' ')).toContain(word);
  });

  it('cuts a long Chinese line between characters', () => {
    const line = '本周客户反馈整体平稳，华东区两家客户提出交付延期问题；下周需要重点跟进。';
    const parts = splitLines(line, 10);
    expect(parts.every((p) => p.length <= 10)).toBe(true);
    expect(parts.join('')).toBe(line);
  });

  it('never splits a surrogate pair when a single word is longer than the limit', () => {
    const parts = splitLines('😀😀😀😀', 3);
    expect(parts.join('')).toBe('😀😀😀😀');
    for (const p of parts) expect(p).not.toMatch(/[\uD800-\uDBFF]$/u);
  });

  it('truncate marks the cut', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
  });
});

describe('packSections', () => {
  const section = (name: string, lines: number) =>
    [`*${name}*`, ...Array.from({ length: lines }, (_, i) => `• line ${i} of ${name}`)].join('\n');

  it('puts sections together while they fit, and starts a new message at a section boundary', () => {
    const sections = [section('研发', 30), section('客服', 30), section('Sales', 30)];
    const messages = packSections(sections, 1200);
    expect(messages.length).toBeGreaterThan(1);
    // Every section arrives whole and in order.
    expect(messages.flat()).toEqual(sections);
    for (const m of messages) expect(m.join('\n\n').length).toBeLessThanOrEqual(1200);
  });

  it('splits only a section that alone is longer than a message, at line breaks', () => {
    const huge = section('Huge', 200);
    const messages = packSections(['overview', huge], 2000);
    const flat = messages.flat();
    expect(flat[0]).toBe('overview');
    expect(flat.slice(1).join('\n')).toBe(huge);
    for (const m of messages) expect(m.join('\n\n').length).toBeLessThanOrEqual(2000);
  });

  it('keeps to the most sections a message may carry', () => {
    const messages = packSections(
      Array.from({ length: 120 }, (_, i) => `s${i}`),
      40_000,
      50,
    );
    expect(messages.map((m) => m.length)).toEqual([50, 50, 20]);
  });
});
