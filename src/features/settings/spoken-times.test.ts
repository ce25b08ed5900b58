import { describe, expect, it } from 'vitest';
import { parseHours, parseLocalTime } from './settings.domain.js';

describe('times as people say them', () => {
  it.each([
    ['4pm', '16:00'],
    ['4:30 PM', '16:30'],
    ['8:30a.m.', '08:30'],
    ['12pm', '12:00'],
    ['12am', '00:00'],
    ['下午4点', '16:00'],
    ['下午4点半', '16:30'],
    ['晚上8点15分', '20:15'],
    ['上午9点', '09:00'],
    ['中午12点', '12:00'],
    ['中午1点', '13:00'],
    ['凌晨12点', '00:00'],
    ['下午16点', '16:00'],
    ['16:00', '16:00'],
  ])('%s is %s', (text, time) => {
    expect(parseLocalTime(text)).toBe(time);
  });

  it.each(['13pm', '0am', '下午25点', 'teatime', '午后'])('%s is not a time', (text) => {
    expect(parseLocalTime(text)).toBeUndefined();
  });

  it('reads working hours with am/pm and 上午/下午 too', () => {
    expect(parseHours('9am-6pm')).toEqual({ start: '09:00', end: '18:00' });
    expect(parseHours('上午9点到下午6点半')).toEqual({ start: '09:00', end: '18:30' });
  });
});
