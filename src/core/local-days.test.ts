import { describe, expect, it } from 'vitest';
import { dayStart, localDayOf, nextDay, shiftDay } from './local-days.js';

describe('local days', () => {
  it('nextDay crosses months, leap days and years', () => {
    expect(['2026-12-08', '2026-11-30', '2028-02-28', '2028-02-29', '2026-12-31'].map(nextDay)).toEqual([
      '2026-12-09',
      '2026-12-01',
      '2028-02-29',
      '2028-03-01',
      '2027-01-01',
    ]);
  });

  it('shiftDay moves both ways', () => {
    expect(shiftDay('2027-01-01', -1)).toBe('2026-12-31');
    expect(shiftDay('2026-11-30', 7)).toBe('2026-12-07');
  });

  it('a day starts at local midnight, also on a DST change day', () => {
    expect(dayStart('2026-12-07', 'Asia/Shanghai').toISOString()).toBe('2026-12-06T16:00:00.000Z');
    expect(dayStart('2027-03-14', 'America/New_York').toISOString()).toBe('2027-03-14T05:00:00.000Z');
    expect(dayStart('2027-03-15', 'America/New_York').toISOString()).toBe('2027-03-15T04:00:00.000Z');
  });

  it('an instant falls on its local day; remembered answers are copies, not shared dates', () => {
    const at = new Date('2026-12-06T16:00:00Z');
    expect(localDayOf(at, 'Asia/Shanghai')).toBe('2026-12-07');
    expect(localDayOf(at, 'UTC')).toBe('2026-12-06');
    const first = dayStart('2026-12-07', 'Asia/Shanghai');
    first.setTime(0);
    expect(dayStart('2026-12-07', 'Asia/Shanghai').toISOString()).toBe('2026-12-06T16:00:00.000Z');
  });
});
