import { describe, expect, it } from 'vitest';
import { parseAway } from '../features/standup/standup.dates.js';
import { parseDay } from './dates.js';

const now = new Date('2026-12-01T20:00:00Z'); // Wednesday 04:00 in Shanghai, still Tuesday in New York

describe('days as people type them', () => {
  it('reads ISO, slashes, Chinese dates, full-width digits and relative words in the reader’s zone', () => {
    expect(parseDay('2026-12-24', 'Asia/Shanghai', now)).toBe('2026-12-24');
    expect(parseDay('2026/1/5', 'Asia/Shanghai', now)).toBe('2026-01-05');
    expect(parseDay('１２月２４日', 'Asia/Shanghai', now)).toBe('2026-12-24');
    expect(parseDay('今天', 'Asia/Shanghai', now)).toBe('2026-12-02');
    expect(parseDay('today', 'America/New_York', now)).toBe('2026-12-01');
    expect(parseDay('明天', 'Asia/Shanghai', now)).toBe('2026-12-03');
  });

  it('refuses what is not a date', () => {
    expect(parseDay('2026-13-45', 'UTC', now)).toBeUndefined();
    expect(parseDay('next week', 'UTC', now)).toBeUndefined();
  });

  it('reads away periods: one day, a range, until a day; never backwards', () => {
    expect(parseAway('12月24日 到 12月31日', 'Asia/Shanghai', now)).toEqual({
      from: '2026-12-24',
      to: '2026-12-31',
    });
    expect(parseAway('2026-12-24', 'UTC', now)).toEqual({ from: '2026-12-24', to: '2026-12-24' });
    expect(parseAway('until 2026-12-05', 'UTC', now)).toEqual({ from: '2026-12-01', to: '2026-12-05' });
    expect(parseAway('2026-12-31 to 2026-12-24', 'UTC', now)).toBeUndefined();
  });
});

describe('parseDay weekdays', () => {
  // 2026-12-02 is a Wednesday in Shanghai.
  const wednesday = new Date('2026-12-02T03:00:00Z');
  it.each([
    ['friday', '2026-12-04'],
    ['Fri', '2026-12-04'],
    ['周五', '2026-12-04'],
    ['星期五', '2026-12-04'],
    ['礼拜五', '2026-12-04'],
    ['周三', '2026-12-02'],
    ['周一', '2026-12-07'],
    ['星期天', '2026-12-06'],
    ['下周五', '2026-12-11'],
    ['下个周一', '2026-12-07'],
    ['next monday', '2026-12-07'],
    ['next friday', '2026-12-11'],
  ])('%s → %s', (raw, day) => {
    expect(parseDay(raw, 'Asia/Shanghai', wednesday)).toBe(day);
  });

  it('refuses words that are not days', () => {
    expect(parseDay('fr', 'Asia/Shanghai', wednesday)).toBeUndefined();
    expect(parseDay('周八', 'Asia/Shanghai', wednesday)).toBeUndefined();
    expect(parseDay('frobnicate', 'Asia/Shanghai', wednesday)).toBeUndefined();
  });
});
