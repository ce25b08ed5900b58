import { describe, expect, it } from 'vitest';
import { toLocale } from '../../core/i18n/locale.js';
import {
  canonicalTimezone,
  formatWorkdays,
  parseHours,
  parseSetting,
  parseWorkdays,
  suggestTimezone,
} from './settings.domain.js';

describe('timezones', () => {
  it('accepts IANA names in any case and returns the canonical spelling', () => {
    expect(canonicalTimezone('asia/shanghai')).toBe('Asia/Shanghai');
    expect(canonicalTimezone('Europe/London')).toBe('Europe/London');
    expect(canonicalTimezone('ＵＴＣ')).toBe('UTC');
  });
  it('rejects what is not a zone', () => {
    expect(canonicalTimezone('Mars/Base')).toBeUndefined();
    expect(canonicalTimezone('火星时间')).toBeUndefined();
    expect(canonicalTimezone('')).toBeUndefined();
  });
  it('takes a zone as people name it: a city, a country, 北京时间 in either script', () => {
    expect(canonicalTimezone('北京時間')).toBe('Asia/Shanghai');
    expect(canonicalTimezone('New  York')).toBe('America/New_York');
    expect(canonicalTimezone('EST')).toBe('America/New_York');
  });
  it('suggests the zone a typo meant', () => {
    expect(suggestTimezone('Asia/Shangai')).toBe('Asia/Shanghai');
    expect(suggestTimezone('Europe/Londn')).toBe('Europe/London');
  });
});

describe('workdays', () => {
  it('reads English and Chinese ranges and lists', () => {
    expect(parseWorkdays('mon-fri')).toEqual([1, 2, 3, 4, 5]);
    expect(parseWorkdays('Mon, Wed, Fri')).toEqual([1, 3, 5]);
    expect(parseWorkdays('周一至周五')).toEqual([1, 2, 3, 4, 5]);
    expect(parseWorkdays('周一到周六')).toEqual([1, 2, 3, 4, 5, 6]);
    expect(parseWorkdays('周一、周三、周五')).toEqual([1, 3, 5]);
    expect(parseWorkdays('星期一，星期二')).toEqual([1, 2]);
    expect(parseWorkdays('工作日')).toEqual([1, 2, 3, 4, 5]);
    expect(parseWorkdays('1-5')).toEqual([1, 2, 3, 4, 5]);
  });
  it('wraps ranges over the weekend (Middle East and retail weeks)', () => {
    expect(parseWorkdays('sun-thu')).toEqual([1, 2, 3, 4, 7]);
  });
  it('rejects nonsense', () => {
    expect(parseWorkdays('someday')).toBeUndefined();
    expect(parseWorkdays('mon-funday')).toBeUndefined();
    expect(parseWorkdays('')).toBeUndefined();
  });
  it('shows days compactly in both languages', () => {
    expect(formatWorkdays([1, 2, 3, 4, 5], 'en')).toBe('Mon–Fri');
    expect(formatWorkdays([1, 2, 3, 4, 5], 'zh-CN')).toBe('周一至周五');
    expect(formatWorkdays([1, 3, 5], 'zh-CN')).toBe('周一、周三、周五');
    expect(formatWorkdays([1, 2, 6, 7], 'en')).toBe('Mon, Tue, Sat, Sun');
  });
});

describe('working hours', () => {
  it('reads ASCII, full-width and Chinese separators', () => {
    expect(parseHours('9:00-18:00')).toEqual({ start: '09:00', end: '18:00' });
    expect(parseHours('９：３０～１８：００')).toEqual({ start: '09:30', end: '18:00' });
    expect(parseHours('9点半到18点')).toEqual({ start: '09:30', end: '18:00' });
    expect(parseHours('8点45分-17点')).toEqual({ start: '08:45', end: '17:00' });
    expect(parseHours('9点')).toBeUndefined();
    expect(parseHours('9:00至17:30')).toEqual({ start: '09:00', end: '17:30' });
  });
  it('rejects impossible or backwards ranges', () => {
    expect(parseHours('18:00-09:00')).toBeUndefined();
    expect(parseHours('25:00-26:00')).toBeUndefined();
    expect(parseHours('9:75-10:00')).toBeUndefined();
  });
});

describe('parseSetting', () => {
  it('turns a value into a column patch or names the problem', () => {
    expect(parseSetting('hours', '9-18', toLocale)).toEqual({
      ok: true,
      patch: { workStart: '09:00', workEnd: '18:00' },
    });
    expect(parseSetting('language', '中文', toLocale)).toEqual({ ok: true, patch: { locale: 'zh-CN' } });
    expect(parseSetting('timezone', 'Asia/Shangai', toLocale)).toEqual({
      ok: false,
      problem: 'timezone',
      suggestion: 'Asia/Shanghai',
    });
    expect(parseSetting('workdays', 'never', toLocale)).toEqual({ ok: false, problem: 'workdays' });
  });
});
