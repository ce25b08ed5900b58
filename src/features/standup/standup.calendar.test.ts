import { describe, expect, it } from 'vitest';
import { canonicalCountry, groupCalendar, hasHolidayData, SUPPORTED_COUNTRIES } from './standup.calendar.js';

const MON_FRI = [1, 2, 3, 4, 5];
const MON_SAT = [1, 2, 3, 4, 5, 6];

function workingDays(calendar: { isWorkday(day: string): boolean }, days: string[]): string[] {
  return days.filter((day) => calendar.isWorkday(day));
}

describe('groupCalendar: China', () => {
  const china = groupCalendar({ country: 'CN', workdays: MON_FRI, overrides: [] });

  it('follows the official calendar for a Mon-Fri group: 调休 Saturdays on, holidays off', () => {
    expect(china.isWorkday('2026-02-28')).toBe(true); // Saturday, Spring Festival make-up day
    expect(china.isWorkday('2026-02-14')).toBe(true);
    expect(china.isWorkday('2026-09-20')).toBe(true); // Sunday, National Day make-up day
    expect(china.isWorkday('2026-03-07')).toBe(false); // an ordinary Saturday
    expect(china.isWorkday('2026-03-08')).toBe(false);
    expect(china.isWorkday('2026-03-09')).toBe(true);
  });

  it('takes National Day week and Spring Festival off', () => {
    const october = [
      '2026-10-01',
      '2026-10-02',
      '2026-10-05',
      '2026-10-06',
      '2026-10-07',
      '2026-10-08',
      '2026-10-09',
    ];
    expect(workingDays(china, october)).toEqual(['2026-10-08', '2026-10-09']);
    expect(china.isWorkday('2026-10-10')).toBe(true); // Saturday, make-up day
    expect(china.isWorkday('2026-02-16')).toBe(false); // Monday in Spring Festival
    expect(china.isWorkday('2026-02-24')).toBe(true);
  });

  it('names holidays in either language, and nothing on make-up days', () => {
    expect(china.holidayName('2026-10-01')).toBe('National Day');
    expect(china.holidayName('2026-10-01', 'zh-CN')).toBe('国庆节');
    expect(china.holidayName('2026-10-03')).toBe('National Day'); // a Saturday inside the holiday
    expect(china.holidayName('2026-02-28')).toBeUndefined();
    expect(china.holidayName('2026-03-10')).toBeUndefined();
  });

  it('for a Mon-Sat group: Saturdays on except public holidays, plus official make-up days', () => {
    const sixDays = groupCalendar({ country: 'CN', workdays: MON_SAT, overrides: [] });
    expect(sixDays.isWorkday('2026-03-07')).toBe(true); // ordinary Saturday
    expect(sixDays.isWorkday('2026-10-03')).toBe(false); // Saturday in National Day week
    expect(sixDays.isWorkday('2026-10-01')).toBe(false);
    expect(sixDays.isWorkday('2026-09-20')).toBe(true); // Sunday make-up day
    expect(sixDays.isWorkday('2026-03-08')).toBe(false); // ordinary Sunday
  });

  it('falls back to the weekly workdays for a year chinese-days does not cover yet', () => {
    expect(china.isWorkday('2027-01-01')).toBe(true); // a Friday: the holiday is unknown
    expect(china.isWorkday('2027-01-02')).toBe(false);
    expect(china.holidayName('2027-01-01')).toBeUndefined();
  });

  it('accepts the country code in any case', () => {
    expect(groupCalendar({ country: 'cn', workdays: MON_FRI, overrides: [] }).isWorkday('2026-10-01')).toBe(
      false,
    );
  });
});

describe('groupCalendar: other countries and none', () => {
  it('takes public holidays off in Germany, including Good Friday, but not Christmas Eve afternoon', () => {
    const germany = groupCalendar({ country: 'DE', workdays: MON_FRI, overrides: [] });
    expect(germany.isWorkday('2026-04-03')).toBe(false);
    expect(germany.isWorkday('2026-12-25')).toBe(false);
    expect(germany.holidayName('2026-12-25')).toBe('Christmas Day');
    expect(germany.isWorkday('2026-12-24')).toBe(true); // a bank holiday from 14:00 only
    expect(germany.isWorkday('2026-04-07')).toBe(true);
  });

  it('takes substitute days off in the US and ignores observances', () => {
    const us = groupCalendar({ country: 'US', workdays: MON_FRI, overrides: [] });
    expect(us.isWorkday('2026-07-03')).toBe(false); // Independence Day observed on the Friday
    expect(us.isWorkday('2026-11-26')).toBe(false); // Thanksgiving
    expect(us.isWorkday('2026-11-27')).toBe(true);
    expect(us.isWorkday('2026-07-04')).toBe(false); // a Saturday anyway
    expect(us.holidayName('2026-07-04')).toBe('Independence Day');
  });

  it('covers every day of a holiday that lasts several', () => {
    const korea = groupCalendar({ country: 'KR', workdays: MON_FRI, overrides: [] });
    expect(
      workingDays(korea, ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']),
    ).toEqual(['2026-02-16', '2026-02-20']);
  });

  it('without a country keeps only the weekly workdays', () => {
    const none = groupCalendar({ country: null, workdays: [2, 3, 4], overrides: [] });
    expect(workingDays(none, ['2026-10-05', '2026-10-06', '2026-10-07', '2026-10-08', '2026-10-09'])).toEqual(
      ['2026-10-06', '2026-10-07', '2026-10-08'],
    );
    expect(none.holidayName('2026-10-01')).toBeUndefined();
  });

  it('treats an unknown country like none', () => {
    const unknown = groupCalendar({ country: 'XX', workdays: MON_FRI, overrides: [] });
    expect(unknown.isWorkday('2026-10-01')).toBe(true);
  });
});

describe('groupCalendar: overrides win', () => {
  const calendar = groupCalendar({
    country: 'CN',
    workdays: MON_FRI,
    overrides: [
      { day: '2026-03-11', kind: 'off', name: 'Team offsite' },
      { day: '2026-03-15', kind: 'workday' },
      { day: '2026-10-02', kind: 'workday', name: 'Release' },
      { day: '2026-02-28', kind: 'off' },
      { day: '2026-10-05', kind: 'off' },
    ],
  });

  it('an admin day off on a working day, even a make-up day', () => {
    expect(calendar.isWorkday('2026-03-11')).toBe(false);
    expect(calendar.holidayName('2026-03-11')).toBe('Team offsite');
    expect(calendar.isWorkday('2026-02-28')).toBe(false);
  });

  it('an extra working day on a Sunday or a public holiday', () => {
    expect(calendar.isWorkday('2026-03-15')).toBe(true);
    expect(calendar.isWorkday('2026-10-02')).toBe(true);
    expect(calendar.holidayName('2026-10-02')).toBeUndefined();
  });

  it('an unnamed day off on a holiday keeps the holiday name', () => {
    expect(calendar.holidayName('2026-10-05', 'zh-CN')).toBe('国庆节');
  });
});

describe('holiday data coverage', () => {
  it('knows chinese-days covers 2004-2026 and not 2027', () => {
    expect(hasHolidayData('CN', 2026)).toBe(true);
    expect(hasHolidayData('CN', 2004)).toBe(true);
    expect(hasHolidayData('CN', 2027)).toBe(false);
    expect(hasHolidayData('CN', 2003)).toBe(false);
    expect(hasHolidayData('cn', 2026)).toBe(true);
  });

  it('has rule-based data for date-holidays countries in any year, none for unknown ones', () => {
    expect(hasHolidayData('DE', 2027)).toBe(true);
    expect(hasHolidayData('US', 2030)).toBe(true);
    expect(hasHolidayData('XX', 2026)).toBe(false);
  });

  it('lists China and the common countries, sorted', () => {
    for (const code of ['CN', 'US', 'DE', 'GB', 'JP', 'SG', 'HK', 'TW'])
      expect(SUPPORTED_COUNTRIES).toContain(code);
    expect([...SUPPORTED_COUNTRIES].sort()).toEqual(SUPPORTED_COUNTRIES);
  });

  it('reads a country code as typed', () => {
    expect(canonicalCountry(' de ')).toBe('DE');
    expect(canonicalCountry('ｃｎ')).toBe('CN');
    expect(canonicalCountry('Narnia')).toBeUndefined();
  });
});
