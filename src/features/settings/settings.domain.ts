import { closest } from '../../core/commands/registry.js';
import type { Locale } from '../../core/i18n/locale.js';
import { simplified } from '../../core/simplified.js';
import { wordTable } from '../../core/word-table.js';

/**
 * Zones as people name them rather than by IANA name: a city, a country with one zone, "北京时间".
 * EST and PST mean the US coasts with their summer time, not the fixed offsets IANA keeps under those names.
 */
const SPOKEN_ZONES = wordTable<string>({
  北京时间: 'Asia/Shanghai',
  中国时间: 'Asia/Shanghai',
  中国标准时间: 'Asia/Shanghai',
  北京: 'Asia/Shanghai',
  上海: 'Asia/Shanghai',
  中国: 'Asia/Shanghai',
  beijing: 'Asia/Shanghai',
  china: 'Asia/Shanghai',
  'beijing time': 'Asia/Shanghai',
  'china standard time': 'Asia/Shanghai',
  shanghai: 'Asia/Shanghai',
  香港: 'Asia/Hong_Kong',
  'hong kong': 'Asia/Hong_Kong',
  台北: 'Asia/Taipei',
  台湾: 'Asia/Taipei',
  taipei: 'Asia/Taipei',
  新加坡: 'Asia/Singapore',
  singapore: 'Asia/Singapore',
  东京: 'Asia/Tokyo',
  日本: 'Asia/Tokyo',
  tokyo: 'Asia/Tokyo',
  首尔: 'Asia/Seoul',
  seoul: 'Asia/Seoul',
  伦敦: 'Europe/London',
  london: 'Europe/London',
  巴黎: 'Europe/Paris',
  paris: 'Europe/Paris',
  柏林: 'Europe/Berlin',
  berlin: 'Europe/Berlin',
  纽约: 'America/New_York',
  'new york': 'America/New_York',
  est: 'America/New_York',
  edt: 'America/New_York',
  洛杉矶: 'America/Los_Angeles',
  旧金山: 'America/Los_Angeles',
  'los angeles': 'America/Los_Angeles',
  'san francisco': 'America/Los_Angeles',
  pst: 'America/Los_Angeles',
  pdt: 'America/Los_Angeles',
  悉尼: 'Australia/Sydney',
  sydney: 'Australia/Sydney',
});

/**
 * The canonical IANA name for what someone typed, or undefined if it is not a timezone.
 * Case does not matter and full-width letters are folded; a city or country people say (北京时间,
 * 上海, Beijing, London) is its zone.
 * @example canonicalTimezone('asia/shanghai') === 'Asia/Shanghai'; canonicalTimezone('北京時間') === 'Asia/Shanghai'; canonicalTimezone('Mars/Base') === undefined
 */
export function canonicalTimezone(input: string): string | undefined {
  const folded = input.normalize('NFKC').trim();
  const spoken = SPOKEN_ZONES[simplified(folded).toLowerCase().replace(/\s+/gu, ' ')];
  if (spoken) return spoken;
  if (!folded || !/^[A-Za-z0-9_+\-/]+$/.test(folded)) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: folded }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** The IANA zone closest to a typo, e.g. "Asia/Shangai" → "Asia/Shanghai". */
export function suggestTimezone(input: string): string | undefined {
  const zones = Intl.supportedValuesOf('timeZone');
  const guess = closest(
    input.normalize('NFKC').trim().toLowerCase(),
    zones.map((z) => z.toLowerCase()),
  );
  return guess ? zones.find((z) => z.toLowerCase() === guess) : undefined;
}

const DAY_WORDS = wordTable<number>({
  mon: 1,
  monday: 1,
  tue: 2,
  tues: 2,
  tuesday: 2,
  wed: 3,
  wednesday: 3,
  thu: 4,
  thur: 4,
  thurs: 4,
  thursday: 4,
  fri: 5,
  friday: 5,
  sat: 6,
  saturday: 6,
  sun: 7,
  sunday: 7,
  周一: 1,
  星期一: 1,
  礼拜一: 1,
  一: 1,
  周二: 2,
  星期二: 2,
  礼拜二: 2,
  二: 2,
  周三: 3,
  星期三: 3,
  礼拜三: 3,
  三: 3,
  周四: 4,
  星期四: 4,
  礼拜四: 4,
  四: 4,
  周五: 5,
  星期五: 5,
  礼拜五: 5,
  五: 5,
  周六: 6,
  星期六: 6,
  礼拜六: 6,
  六: 6,
  周日: 7,
  周天: 7,
  星期日: 7,
  星期天: 7,
  礼拜天: 7,
  礼拜日: 7,
  日: 7,
  天: 7,
});

const NAMED_SETS = wordTable<number[]>({
  weekdays: [1, 2, 3, 4, 5],
  工作日: [1, 2, 3, 4, 5],
  'mon-fri': [1, 2, 3, 4, 5],
  everyday: [1, 2, 3, 4, 5, 6, 7],
  daily: [1, 2, 3, 4, 5, 6, 7],
  每天: [1, 2, 3, 4, 5, 6, 7],
  每日: [1, 2, 3, 4, 5, 6, 7],
  weekend: [6, 7],
  周末: [6, 7],
});

function dayOf(word: string): number | undefined {
  if (/^[1-7]$/.test(word)) return Number(word);
  return DAY_WORDS[word];
}

/**
 * Reads a set of working days in either language, as ISO weekdays (1 = Monday).
 * @example parseWorkdays('mon-fri') → [1,2,3,4,5]; parseWorkdays('周一至周五') → [1,2,3,4,5];
 *          parseWorkdays('周一、周三、周五') → [1,3,5]; parseWorkdays('sun-tue') → [1,2,7]
 */
export function parseWorkdays(input: string): number[] | undefined {
  const text = simplified(input).normalize('NFKC').toLowerCase().replace(/\s+/g, '');
  if (!text) return undefined;
  const named = NAMED_SETS[text];
  if (named) return named;
  const days = new Set<number>();
  for (const part of text.split(/[,、;]+/).filter(Boolean)) {
    const range = /^(.+?)(?:-|–|—|~|至|到)(.+)$/.exec(part);
    if (range) {
      const from = dayOf(range[1] as string);
      const to = dayOf(range[2] as string);
      if (from === undefined || to === undefined) return undefined;
      // Ranges may wrap the week: "sun-tue" is Sunday, Monday, Tuesday.
      for (let d = from, n = 0; n < 7; d = (d % 7) + 1, n++) {
        days.add(d);
        if (d === to) break;
      }
      continue;
    }
    const day = dayOf(part);
    if (day === undefined) return undefined;
    days.add(day);
  }
  return days.size ? [...days].sort((a, b) => a - b) : undefined;
}

const SHORT_DAYS: Record<Locale, string[]> = {
  en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
  'zh-CN': ['周一', '周二', '周三', '周四', '周五', '周六', '周日'],
};

/**
 * Shows working days compactly, runs as ranges.
 * @example formatWorkdays([1,2,3,4,5], 'en') === 'Mon–Fri'; formatWorkdays([1,3,5], 'zh-CN') === '周一、周三、周五'
 */
export function formatWorkdays(days: readonly number[], locale: Locale): string {
  const names = SHORT_DAYS[locale];
  const sorted = [...days].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const d of sorted) {
    const last = runs[runs.length - 1];
    if (last && d === last[1] + 1) last[1] = d;
    else runs.push([d, d]);
  }
  const through = locale === 'zh-CN' ? '至' : '–';
  const parts = runs.flatMap(([a, b]) => {
    const name = (d: number) => names[d - 1] as string;
    if (a === b) return [name(a)];
    if (b === a + 1) return [name(a), name(b)];
    return [`${name(a)}${through}${name(b)}`];
  });
  return parts.join(locale === 'zh-CN' ? '、' : ', ');
}

export function workdaysToColumn(days: readonly number[]): string {
  return days.join(',');
}

export function workdaysFromColumn(column: string): number[] {
  return column.split(',').filter(Boolean).map(Number);
}

/** Spoken times as digits: 9点 / 9点半 / 9点15分, 下午4点 / 晚上8点半, 4pm / 8:30 a.m. */
function spokenTimes(input: string): string {
  return simplified(input)
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .toLowerCase()
    .replace(/(\d{1,2})点半/g, '$1:30')
    .replace(/(\d{1,2})点(\d{2})分?/g, '$1:$2')
    .replace(/(\d{1,2})点/g, '$1:00')
    .replace(
      /(上午|早上|中午|下午|傍晚|晚上|凌晨)?(\d{1,2})(?::(\d{2}))?(a\.?m\.?|p\.?m\.?)?/g,
      (all, part: string | undefined, h: string, m: string | undefined, half: string | undefined) =>
        part || half ? twentyFourHour(Number(h), m ?? '00', part ?? half ?? '') : all,
    );
}

/**
 * 下午4点 and 4pm are 16:00, 中午12点 and 12pm noon, 凌晨0点 and 12am midnight; a 12-hour
 * time past 12 (13pm) is no time at all.
 */
function twentyFourHour(hour: number, minutes: string, part: string): string {
  if (/^[ap]/.test(part) && (hour < 1 || hour > 12)) return 'none';
  const afternoon = /^(?:p|下午|傍晚|晚上)/.test(part) || (part === '中午' && hour < 11);
  const midnight = /^(?:a|凌晨)/.test(part) && hour === 12;
  const h = midnight ? 0 : afternoon && hour < 12 ? hour + 12 : hour;
  return `${h}:${minutes}`;
}

function clockTime(h: string, min: string | undefined): string | undefined {
  const hh = Number(h);
  const mm = Number(min ?? '0');
  return hh <= 23 && mm <= 59 ? `${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}` : undefined;
}

/**
 * Reads one local time.
 * @example parseLocalTime('９：３０') === '09:30'; parseLocalTime('下午4点半') === '16:30'; parseLocalTime('4pm') === '16:00'
 */
export function parseLocalTime(input: string): string | undefined {
  const m = /^(\d{1,2})(?::(\d{2}))?$/.exec(spokenTimes(input));
  return m ? clockTime(m[1] as string, m[2]) : undefined;
}

/**
 * Reads working hours as two local times.
 * @example parseHours('9:00-18:00') → { start: '09:00', end: '18:00' }; parseHours('９：３０～１８：００'), parseHours('9点半到18点')
 */
export function parseHours(input: string): { start: string; end: string } | undefined {
  const m = /^(\d{1,2})(?::(\d{2}))?(?:-|~|至|到|–)(\d{1,2})(?::(\d{2}))?$/.exec(spokenTimes(input));
  if (!m) return undefined;
  const start = clockTime(m[1] as string, m[2]);
  const end = clockTime(m[3] as string, m[4]);
  if (!start || !end || start >= end) return undefined;
  return { start, end };
}

export const SETTING_KEYS = ['timezone', 'language', 'workdays', 'hours'] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

export interface GroupSettingsPatch {
  timezone?: string;
  locale?: Locale;
  workdays?: string;
  workStart?: string;
  workEnd?: string;
}

export type SettingParse =
  | { ok: true; patch: GroupSettingsPatch }
  | { ok: false; problem: 'timezone' | 'language' | 'workdays' | 'hours'; suggestion?: string };

/**
 * Validates one typed setting value and turns it into a column patch.
 * @example parseSetting('hours', '9:00-18:00') → { ok: true, patch: { workStart: '09:00', workEnd: '18:00' } }
 */
export function parseSetting(
  key: SettingKey,
  raw: string,
  toLocale: (s: string) => Locale | undefined,
): SettingParse {
  switch (key) {
    case 'timezone': {
      const timezone = canonicalTimezone(raw);
      if (timezone) return { ok: true, patch: { timezone } };
      const suggestion = suggestTimezone(raw);
      return suggestion ? { ok: false, problem: 'timezone', suggestion } : { ok: false, problem: 'timezone' };
    }
    case 'language': {
      const locale = toLocale(raw);
      return locale ? { ok: true, patch: { locale } } : { ok: false, problem: 'language' };
    }
    case 'workdays': {
      const days = parseWorkdays(raw);
      return days
        ? { ok: true, patch: { workdays: workdaysToColumn(days) } }
        : { ok: false, problem: 'workdays' };
    }
    case 'hours': {
      const hours = parseHours(raw);
      return hours
        ? { ok: true, patch: { workStart: hours.start, workEnd: hours.end } }
        : { ok: false, problem: 'hours' };
    }
  }
}

/** Local time in a zone, e.g. "Tue 17:05" / "周二 17:05". */
export function localTime(now: Date, timezone: string, locale: string): string {
  const weekday = new Intl.DateTimeFormat(locale, { timeZone: timezone, weekday: 'short' }).format(now);
  const time = new Intl.DateTimeFormat(locale, {
    timeZone: timezone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(now);
  return `${weekday} ${time}`;
}
