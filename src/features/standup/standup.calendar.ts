import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import Holidays from 'date-holidays';
import type { Locale } from '../../core/i18n/locale.js';

/** An admin's own day off or extra working day for a group; it wins over every calendar. */
export interface CalendarOverride {
  /** YYYY-MM-DD, a group-local date. */
  day: string;
  kind: 'off' | 'workday';
  name?: string;
}

/** Which days a group works: its weekly workdays, its country's public holidays and make-up days, and the admins' own overrides (which always win). */
export interface GroupCalendar {
  isWorkday(day: string): boolean;
  /**
   * The name of the admin day off or public holiday on `day`, whether or not the group would have
   * worked that weekday; undefined on ordinary days, make-up days and admin extra working days.
   */
  holidayName(day: string, locale?: Locale): string | undefined;
}

/** One country's public holidays (and, for China, official make-up working days) in one year. */
interface YearTable {
  /** Day → English name. */
  holidays: ReadonlyMap<string, string>;
  makeUpDays: ReadonlySet<string>;
  /** Day → Chinese name, built on first use since the scheduler never asks for names. */
  chineseNames(): ReadonlyMap<string, string>;
}

const DAY_MS = 86_400_000;

/**
 * chinese-days publishes its table as JSON. It is read directly instead of through `getDayDetail`,
 * whose `date` comes out a day early on hosts west of UTC, and so that the years covered follow the
 * installed package instead of a hard-coded range.
 */
const CN: { holidays: Record<string, string>; workdays: Record<string, string> } = chineseDays;

const CN_YEARS: ReadonlySet<number> = new Set(Object.keys(CN.holidays).map((day) => Number(day.slice(0, 4))));

const DATE_HOLIDAYS_COUNTRIES: ReadonlySet<string> = new Set(Object.keys(new Holidays().getCountries()));

/** Every country with maintained holiday data: China through chinese-days, the rest through date-holidays. */
export const SUPPORTED_COUNTRIES: readonly string[] = [...new Set(['CN', ...DATE_HOLIDAYS_COUNTRIES])].sort();

/**
 * The country code for what an admin typed, or undefined when there is no holiday data for it.
 * @example canonicalCountry(' de ') === 'DE'; canonicalCountry('Narnia') === undefined
 */
export function canonicalCountry(input: string): string | undefined {
  const code = input.normalize('NFKC').trim().toUpperCase();
  return code === 'CN' || DATE_HOLIDAYS_COUNTRIES.has(code) ? code : undefined;
}

/**
 * Whether maintained holiday data covers this year for this country. chinese-days ships each year
 * once the State Council publishes it (2004-2026 in 1.5.7), so next year is often missing until
 * November; date-holidays computes its countries' holidays from rules for any year.
 * @example hasHolidayData('CN', 2026) === true; hasHolidayData('CN', 2027) === false
 */
export function hasHolidayData(country: string, year: number): boolean {
  const code = canonicalCountry(country);
  if (code === 'CN') return CN_YEARS.has(year);
  return code !== undefined && yearTable(code, year) !== undefined;
}

/**
 * Builds a group's calendar. Cheap to call per tick: the holiday tables behind it are built once
 * per country and year for the whole process.
 * @example groupCalendar({ country: 'CN', workdays: [1, 2, 3, 4, 5], overrides: [] }).isWorkday('2026-02-28') === true
 */
export function groupCalendar(options: {
  country: string | null;
  workdays: readonly number[];
  overrides: readonly CalendarOverride[];
}): GroupCalendar {
  return new CountryCalendar(
    options.country ? canonicalCountry(options.country) : undefined,
    options.workdays,
    options.overrides,
  );
}

/** Built for every group on every tick, so it holds a bit mask and, usually, no map at all. */
class CountryCalendar implements GroupCalendar {
  readonly #country: string | undefined;
  readonly #weekly: number;
  readonly #overrides: ReadonlyMap<string, CalendarOverride> | undefined;
  #year = Number.NaN;
  #table: YearTable | undefined;

  constructor(
    country: string | undefined,
    workdays: readonly number[],
    overrides: readonly CalendarOverride[],
  ) {
    this.#country = country;
    let weekly = 0;
    for (const day of workdays) weekly |= 1 << day;
    this.#weekly = weekly;
    this.#overrides = overrides.length ? new Map(overrides.map((o) => [o.day, o])) : undefined;
  }

  isWorkday(day: string): boolean {
    const override = this.#overrides?.get(day);
    if (override) return override.kind === 'workday';
    const table = this.#tableFor(day);
    // For a Mon-Fri group this is exactly China's official calendar; a group that also works
    // Saturdays keeps them except on public holidays, and still works the official make-up days.
    return (
      ((this.#weekly & (1 << isoWeekday(day))) !== 0 && !table?.holidays.has(day)) ||
      (table?.makeUpDays.has(day) ?? false)
    );
  }

  holidayName(day: string, locale: Locale = 'en'): string | undefined {
    const override = this.#overrides?.get(day);
    if (override?.kind === 'workday') return undefined;
    const table = this.#tableFor(day);
    const official = locale === 'zh-CN' ? table?.chineseNames().get(day) : table?.holidays.get(day);
    return override?.name ?? official;
  }

  #tableFor(day: string): YearTable | undefined {
    if (!this.#country) return undefined;
    const year = Number(day.slice(0, 4));
    if (year !== this.#year) {
      this.#year = year;
      this.#table = yearTable(this.#country, year);
    }
    return this.#table;
  }
}

/**
 * ISO weekday (1 = Monday) of a YYYY-MM-DD date, whatever the host's timezone. Sakamoto's method on
 * the digits: the scheduler asks for thousands of groups a minute, so no Date is built.
 */
function isoWeekday(day: string): number {
  const month = digit(day, 5) * 10 + digit(day, 6);
  const year =
    digit(day, 0) * 1000 + digit(day, 1) * 100 + digit(day, 2) * 10 + digit(day, 3) - (month < 3 ? 1 : 0);
  const date = digit(day, 8) * 10 + digit(day, 9);
  const sunday0 =
    (year +
      Math.floor(year / 4) -
      Math.floor(year / 100) +
      Math.floor(year / 400) +
      (MONTH_SHIFT[month - 1] ?? 0) +
      date) %
    7;
  return sunday0 === 0 ? 7 : sunday0;
}

const MONTH_SHIFT = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];

function digit(text: string, index: number): number {
  return text.charCodeAt(index) - 48;
}

/** Process-wide: holiday data never changes while Muster runs, and thousands of groups share it. */
const yearTables = new Map<string, YearTable | undefined>();

function yearTable(country: string, year: number): YearTable | undefined {
  const key = `${country}:${year}`;
  if (!yearTables.has(key))
    yearTables.set(key, country === 'CN' ? chinaYear(year) : dateHolidaysYear(country, year));
  return yearTables.get(key);
}

function chinaYear(year: number): YearTable | undefined {
  if (!CN_YEARS.has(year)) return undefined;
  const prefix = `${year}-`;
  const english = new Map<string, string>();
  const chinese = new Map<string, string>();
  for (const [day, label] of Object.entries(CN.holidays)) {
    if (!day.startsWith(prefix)) continue;
    // Labels read "National Day,国庆节,3": English, Chinese, then the number of days granted.
    const [en = label, zh = en] = label.split(',');
    english.set(day, en);
    chinese.set(day, zh);
  }
  const makeUpDays = new Set(Object.keys(CN.workdays).filter((day) => day.startsWith(prefix)));
  return { holidays: english, makeUpDays, chineseNames: () => chinese };
}

const dateHolidays = new Map<string, Holidays>();

function dateHolidaysOf(country: string): Holidays {
  let source = dateHolidays.get(country);
  if (!source) {
    source = new Holidays(country);
    dateHolidays.set(country, source);
  }
  return source;
}

function dateHolidaysYear(country: string, year: number): YearTable | undefined {
  if (!DATE_HOLIDAYS_COUNTRIES.has(country)) return undefined;
  const holidays = publicDays(dateHolidaysOf(country), year, 'en');
  if (holidays.size === 0) return undefined;
  let chinese: ReadonlyMap<string, string> | undefined;
  return {
    holidays,
    makeUpDays: new Set(),
    chineseNames: () => {
      chinese ??= publicDays(dateHolidaysOf(country), year, 'zh');
      return chinese;
    },
  };
}

/**
 * Full public days off, by local date. Bank holidays, observances and half days (those starting at
 * noon, such as New Year's Eve afternoon in some countries) leave the standup on; a holiday spanning
 * several days (Korea's 설날) covers each of them.
 */
function publicDays(source: Holidays, year: number, language: string): Map<string, string> {
  const days = new Map<string, string>();
  for (const holiday of source.getHolidays(year, language)) {
    if (holiday.type !== 'public' || holiday.date.slice(11, 19) !== '00:00:00') continue;
    const length = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / DAY_MS));
    const first = Date.parse(`${holiday.date.slice(0, 10)}T00:00:00Z`);
    for (let i = 0; i < length; i++) {
      const day = new Date(first + i * DAY_MS).toISOString().slice(0, 10);
      if (!days.has(day)) days.set(day, holiday.name);
    }
  }
  return days;
}
