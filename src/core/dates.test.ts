import { describe, expect, it } from 'vitest';
import { leadingDay, parseDay, parseDayRange, trailingDay } from './dates.js';

const earlyWednesday = new Date('2026-12-01T20:00:00Z'); // Wednesday 04:00 in Shanghai, still Tuesday in New York

describe('days as people type them', () => {
  it('reads ISO, slashes, Chinese dates, full-width digits and relative words in the reader’s zone', () => {
    expect(parseDay('2026-12-24', 'Asia/Shanghai', earlyWednesday)).toBe('2026-12-24');
    expect(parseDay('2026/1/5', 'Asia/Shanghai', earlyWednesday)).toBe('2026-01-05');
    expect(parseDay('１２月２４日', 'Asia/Shanghai', earlyWednesday)).toBe('2026-12-24');
    expect(parseDay('今天', 'Asia/Shanghai', earlyWednesday)).toBe('2026-12-02');
    expect(parseDay('today', 'America/New_York', earlyWednesday)).toBe('2026-12-01');
    expect(parseDay('明天', 'Asia/Shanghai', earlyWednesday)).toBe('2026-12-03');
  });

  it('refuses what is not a date', () => {
    expect(parseDay('2026-13-45', 'UTC', earlyWednesday)).toBeUndefined();
    expect(parseDay('next week', 'UTC', earlyWednesday)).toBeUndefined();
  });

  it('reads away periods: one day, a range, until a day; never backwards', () => {
    expect(parseDayRange('12月24日 到 12月31日', 'Asia/Shanghai', earlyWednesday)).toEqual({
      from: '2026-12-24',
      to: '2026-12-31',
    });
    expect(parseDayRange('2026-12-24', 'UTC', earlyWednesday)).toEqual({
      from: '2026-12-24',
      to: '2026-12-24',
    });
    expect(parseDayRange('until 2026-12-05', 'UTC', earlyWednesday)).toEqual({
      from: '2026-12-01',
      to: '2026-12-05',
    });
    expect(parseDayRange('2026-12-31 to 2026-12-24', 'UTC', earlyWednesday)).toBeUndefined();
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

const zone = 'Asia/Shanghai';
// Monday 2026-11-30, 10:00 in Shanghai; and Wednesday 2026-12-02, 00:30 in Shanghai (still Tuesday in UTC).
const monday = new Date('2026-11-30T02:00:00Z');
const wednesday = new Date('2026-12-01T16:30:00Z');

describe('parseDay in English', () => {
  it.each([
    ['today', monday, '2026-11-30'],
    ['Tomorrow', monday, '2026-12-01'],
    ['the day after tomorrow', monday, '2026-12-02'],
    ['next Monday', monday, '2026-12-07'],
    ['next monday', wednesday, '2026-12-07'],
    ['monday', monday, '2026-11-30'],
    ['this Friday', monday, '2026-12-04'],
    ['fri', wednesday, '2026-12-04'],
    ['next fri', wednesday, '2026-12-11'],
    ['friday next week', monday, '2026-12-11'],
    ['in 3 days', monday, '2026-12-03'],
    ['in a week', wednesday, '2026-12-09'],
    ['in two weeks', monday, '2026-12-14'],
    ['end of month', wednesday, '2026-12-31'],
    ['end of the month', monday, '2026-11-30'],
    ['before the weekend', monday, '2026-12-04'],
    ['EOD', monday, '2026-11-30'],
    ['end of next week', wednesday, '2026-12-11'],
    ['by friday', wednesday, '2026-12-04'],
    ['due tomorrow', wednesday, '2026-12-03'],
    ['12-10', monday, '2026-12-10'],
    ['12/24', monday, '2026-12-24'],
    ['2027-01-04', monday, '2027-01-04'],
    ['Dec 10', monday, '2026-12-10'],
    ['Jan 5', monday, '2027-01-05'],
    ['1/5', monday, '2027-01-05'],
    ['11-01', monday, '2026-11-01'],
    ['December 10th', monday, '2026-12-10'],
    ['10 Dec 2027', monday, '2027-12-10'],
    ['yesterday', wednesday, '2026-12-01'],
  ])('%s (said %s) is %s', (text, now, day) => {
    expect(parseDay(text, zone, now)).toBe(day);
  });
});

describe('parseDay in Chinese', () => {
  it.each([
    ['今天', wednesday, '2026-12-02'],
    ['明天', wednesday, '2026-12-03'],
    ['后天', wednesday, '2026-12-04'],
    ['大后天', wednesday, '2026-12-05'],
    ['下周五', wednesday, '2026-12-11'],
    ['下周一', monday, '2026-12-07'],
    ['下下周一', wednesday, '2026-12-14'],
    ['下下周一', monday, '2026-12-14'],
    ['这周五', wednesday, '2026-12-04'],
    ['本周五', monday, '2026-12-04'],
    ['这周一', wednesday, '2026-11-30'],
    ['周五前', wednesday, '2026-12-04'],
    ['下周三之前', monday, '2026-12-09'],
    ['星期天', monday, '2026-12-06'],
    ['月底', wednesday, '2026-12-31'],
    ['下个月底', wednesday, '2027-01-31'],
    ['周末前', wednesday, '2026-12-04'],
    ['下周末前', wednesday, '2026-12-11'],
    ['明天下班前', wednesday, '2026-12-03'],
    ['下周五下班前', wednesday, '2026-12-11'],
    ['3天后', wednesday, '2026-12-05'],
    ['三天后', wednesday, '2026-12-05'],
    ['两周后', monday, '2026-12-14'],
    ['下个月5号', wednesday, '2027-01-05'],
    ['下月十号', wednesday, '2027-01-10'],
    ['5号', wednesday, '2026-12-05'],
    ['1号', wednesday, '2027-01-01'],
    ['12月10日', wednesday, '2026-12-10'],
    ['1月5日', wednesday, '2027-01-05'],
    ['11月30日', wednesday, '2026-11-30'],
    ['１２月１０号', wednesday, '2026-12-10'],
    ['十二月二十五日', wednesday, '2026-12-25'],
    ['2027年1月4日', wednesday, '2027-01-04'],
    ['下周 五', wednesday, '2026-12-11'],
  ])('%s (said %s) is %s', (text, now, day) => {
    expect(parseDay(text, zone, now)).toBe(day);
  });
});

describe('parseDay refuses what is not a day', () => {
  it.each([
    'someday',
    'next year',
    'friday please',
    '下辈子',
    '3天前',
    '13-40',
    '2月30日',
    '下个月32号',
    '2月29日',
    'in many days',
    '',
  ])('%s', (text) => {
    expect(parseDay(text, zone, wednesday)).toBeUndefined();
  });

  it('counts from the speaker’s own day, not UTC’s', () => {
    expect(parseDay('tomorrow', 'UTC', wednesday)).toBe('2026-12-02');
    expect(parseDay('明天', zone, wednesday)).toBe('2026-12-03');
  });
});

describe('leadingDay', () => {
  it('finds the longest day phrase that starts the words', () => {
    expect(leadingDay(['next', 'friday', 'team', 'day'], zone, monday)).toEqual({
      day: '2026-12-11',
      words: 2,
    });
    expect(leadingDay(['下下周一', '团建'], zone, monday)).toEqual({ day: '2026-12-14', words: 1 });
    expect(leadingDay(['team', 'day'], zone, monday)).toBeUndefined();
  });
});

describe('trailingDay', () => {
  it('finds the longest day phrase that ends the words', () => {
    expect(trailingDay(['Send', 'the', 'quote', 'the', 'day', 'after', 'tomorrow'], zone, monday)).toEqual({
      day: '2026-12-02',
      words: 4,
    });
    expect(trailingDay(['整理报价单', '下下周一'], zone, monday)).toEqual({ day: '2026-12-14', words: 1 });
    expect(trailingDay(['Send', 'the', 'quote'], zone, monday)).toBeUndefined();
  });
});

describe('parseDayRange', () => {
  it.each([
    ['next monday to next friday', monday, '2026-12-07', '2026-12-11'],
    ['tomorrow until friday', monday, '2026-12-01', '2026-12-04'],
    ['Dec 24 to Dec 31', monday, '2026-12-24', '2026-12-31'],
    ['until end of month', wednesday, '2026-12-02', '2026-12-31'],
    ['12-24 12-31', monday, '2026-12-24', '2026-12-31'],
    ['the day after tomorrow', monday, '2026-12-02', '2026-12-02'],
    ['下周一到下周五', wednesday, '2026-12-07', '2026-12-11'],
    ['明天 到 周五', wednesday, '2026-12-03', '2026-12-04'],
    ['从后天到月底', wednesday, '2026-12-04', '2026-12-31'],
    ['到下下周一', wednesday, '2026-12-02', '2026-12-14'],
    ['大后天', wednesday, '2026-12-05', '2026-12-05'],
    ['12月24日～12月31日', wednesday, '2026-12-24', '2026-12-31'],
  ])('%s (said %s) is %s to %s', (text, now, from, to) => {
    expect(parseDayRange(text, zone, now)).toEqual({ from, to });
  });

  it.each(['friday to monday last week', '周五到周一之前', 'next monday to someday', '下周五到明天', 'soon'])(
    'refuses %s',
    (text) => {
      expect(parseDayRange(text, zone, monday)).toBeUndefined();
    },
  );
});
