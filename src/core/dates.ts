import { DateTime } from 'luxon';
import { simplified } from './simplified.js';
import { CHINESE_DIGITS, wordTable } from './word-table.js';

/** Midnight of the speaker's today, in their zone; every rule counts from it. */
type Today = DateTime;
type Rule = [RegExp, (m: RegExpExecArray, today: Today) => DateTime | undefined];

const RELATIVE = wordTable<number>({
  today: 0,
  tonight: 0,
  tomorrow: 1,
  tmr: 1,
  tmrw: 1,
  eod: 0,
  'end of day': 0,
  'end of the day': 0,
  'day after tomorrow': 2,
  'the day after tomorrow': 2,
  yesterday: -1,
  'the day before yesterday': -2,
  'day before yesterday': -2,
  今天: 0,
  今日: 0,
  今晚: 0,
  下班前: 0,
  明天: 1,
  明日: 1,
  后天: 2,
  大后天: 3,
  昨天: -1,
  昨日: -1,
  前天: -2,
});

const WEEKDAYS_EN = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const MONTHS_EN = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const EN_NUMBERS = wordTable<number>({
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
});
const ZH_WEEKDAY = '一二三四五六日';

/** 3, ３, 十, 十五, 二十一, 两: a count or day of month written either way. */
function count(raw: string): number | undefined {
  if (/^\d+$/u.test(raw)) return Number(raw);
  if (EN_NUMBERS[raw] !== undefined) return EN_NUMBERS[raw];
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/u.exec(raw);
  if (!m || raw === '') return undefined;
  const [, tens, ten, ones] = m;
  if (!ten) return tens && !ones ? CHINESE_DIGITS[tens] : undefined;
  return (tens ? (CHINESE_DIGITS[tens] ?? 0) : 1) * 10 + (ones ? (CHINESE_DIGITS[ones] ?? 0) : 0);
}

/** ISO weekday (1 = Monday) of "fri", "friday", "五", "日", "天". */
function weekdayOf(raw: string): number | undefined {
  if (raw === '天' || raw === '日' || raw === '7') return 7;
  const zh = ZH_WEEKDAY.indexOf(raw);
  if (zh >= 0) return zh + 1;
  if (/^[1-6]$/u.test(raw)) return Number(raw);
  const index = WEEKDAYS_EN.findIndex((d) => raw.length >= 3 && d.startsWith(raw.replace(/s$/u, '')));
  return index < 0 ? undefined : index + 1;
}

function monthOf(raw: string): number | undefined {
  const name = raw.replace(/\.$/u, '');
  const index = MONTHS_EN.findIndex((m) => name.length >= 3 && m.startsWith(name));
  return index < 0 ? undefined : index + 1;
}

/** The given weekday on or after today (the coming one). */
const coming = (today: Today, day: number) => today.plus({ days: (day - today.weekday + 7) % 7 });
/** The given weekday in the week `weeks` after this one (0: this week, even if it has passed). */
const inWeek = (today: Today, day: number, weeks: number) =>
  today.startOf('week').plus({ weeks, days: day - 1 });

function date(today: Today, year: number, month: number, day: number): DateTime | undefined {
  const d = DateTime.fromObject({ year, month, day }, { zone: today.zone });
  return d.isValid ? d : undefined;
}

/**
 * A month and day without a year is the nearest such day: `1月5日` said in December is next
 * January's, `11-30` said on December 2 is last week's.
 */
function nearest(today: Today, month: number, day: number): DateTime | undefined {
  const candidates = [today.year - 1, today.year, today.year + 1]
    .map((year) => date(today, year, month, day))
    .filter((d): d is DateTime => d !== undefined);
  const distance = (d: DateTime) => Math.abs(d.diff(today, 'days').days);
  return candidates.sort((a, b) => distance(a) - distance(b))[0];
}

/** A day of a month that may not have it (31号 in a 30-day month) is not a day. */
function dayOfMonth(today: Today, months: number, day: number | undefined): DateTime | undefined {
  const month = today.plus({ months });
  return day === undefined ? undefined : date(today, month.year, month.month, day);
}

/** "5号" is this month's 5th, or next month's once this month's has passed. */
function comingDayOfMonth(today: Today, day: number | undefined): DateTime | undefined {
  const thisMonth = dayOfMonth(today, 0, day);
  return thisMonth && thisMonth >= today ? thisMonth : dayOfMonth(today, 1, day);
}

/** 这周五 is this week's Friday even once it has passed; 下下周一 the Monday two weeks on. */
const WEEK_SHIFT = wordTable<number>({ 这: 0, 本: 0, 上: -1, 下: 1, 下下: 2 });
const WEEK_WORD = '(?:周|星期|礼拜)';
const ZH_NUM = '(\\d+|[零一二两三四五六七八九十]+)';

const RULES: Rule[] = [
  [
    /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?$/u,
    (m, t) => date(t, +(m[1] ?? ''), +(m[2] ?? ''), +(m[3] ?? '')),
  ],
  [/^(\d{1,2})[-/.月](\d{1,2})[日号]?$/u, (m, t) => nearest(t, +(m[1] ?? ''), +(m[2] ?? ''))],
  [new RegExp(`^${ZH_NUM}月${ZH_NUM}[日号]$`, 'u'), (m, t) => dayIn(t, count(m[1] ?? ''), count(m[2] ?? ''))],
  // Dec 10, December 10th, Dec 10, 2026 / 10 Dec, 10th of December 2026
  [
    /^([a-z]+\.?) (\d{1,2})(?:st|nd|rd|th)?(?:,? (\d{4}))?$/u,
    (m, t) => monthDay(t, m[1] ?? '', m[2] ?? '', m[3]),
  ],
  [
    /^(\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]+\.?)(?:,? (\d{4}))?$/u,
    (m, t) => monthDay(t, m[2] ?? '', m[1] ?? '', m[3]),
  ],
  // Weekdays: friday, this friday, next friday, friday next week; 周五, 这周五, 下周五, 下下周一
  [/^(?:this |coming |the coming )?([a-z]{3,9})$/u, (m, t) => withDay(m[1] ?? '', (d) => coming(t, d))],
  [
    /^next ([a-z]{3,9})$|^([a-z]{3,9}) next week$/u,
    (m, t) => withDay(m[1] ?? m[2] ?? '', (d) => inWeek(t, d, 1)),
  ],
  [/^([a-z]{3,9}) this week$/u, (m, t) => withDay(m[1] ?? '', (d) => inWeek(t, d, 0))],
  [/^last ([a-z]{3,9})$/u, (m, t) => withDay(m[1] ?? '', (d) => inWeek(t, d, -1))],
  [
    new RegExp(`^${WEEK_WORD}([一二三四五六日天1-7])$`, 'u'),
    (m, t) => withDay(m[1] ?? '', (d) => coming(t, d)),
  ],
  [
    new RegExp(`^(这|本|上|下下|下)个?${WEEK_WORD}([一二三四五六日天1-7])$`, 'u'),
    (m, t) => withDay(m[2] ?? '', (d) => inWeek(t, d, WEEK_SHIFT[m[1] ?? ''] ?? 0)),
  ],
  // The weekend, and the working day before it.
  [
    /^(?:before|by) (?:the )?weekend$|^end of (?:the )?week$|^周末(?:之|以)?前$|^本周内$/u,
    (_m, t) => coming(t, 5),
  ],
  [/^(?:this |the )?weekend$|^(?:这|本)?个?周末$/u, (_m, t) => (t.weekday >= 6 ? t : coming(t, 6))],
  [/^next weekend$|^下个?周末$/u, (_m, t) => inWeek(t, 6, 1)],
  [/^end of next week$|^下周内$|^下个?周末(?:之|以)?前$/u, (_m, t) => inWeek(t, 5, 1)],
  // Month ends: end of month, 月底, 下个月底
  [
    /^(?:the )?end of (?:the |this )?month$|^month end$|^eom$|^(?:本|这个?)?月[底末]$/u,
    (_m, t) => t.endOf('month'),
  ],
  [/^(?:the )?end of next month$|^下个?月[底末]$/u, (_m, t) => t.plus({ months: 1 }).endOf('month')],
  // Days of a month: 5号, 本月5号, 下个月5号
  [new RegExp(`^${ZH_NUM}[号日]$`, 'u'), (m, t) => comingDayOfMonth(t, count(m[1] ?? ''))],
  [new RegExp(`^(?:本|这个?)月${ZH_NUM}[号日]$`, 'u'), (m, t) => dayOfMonth(t, 0, count(m[1] ?? ''))],
  [new RegExp(`^下个?月${ZH_NUM}[号日]$`, 'u'), (m, t) => dayOfMonth(t, 1, count(m[1] ?? ''))],
  // In 3 days, in two weeks, 3 days from now; 3天后, 两周后, 一个月后
  [
    /^in (\d+|an?|one|two|three|four|five|six|seven) (day|week|month)s?$|^(\d+) (day|week|month)s? (?:from now|later)$/u,
    (m, t) => later(t, count(m[1] ?? m[3] ?? ''), m[2] ?? m[4] ?? ''),
  ],
  [
    new RegExp(`^${ZH_NUM}(?:个)?(天|日|周|星期|礼拜|月)(?:后|之后|以后)$`, 'u'),
    (m, t) => later(t, count(m[1] ?? ''), m[2] ?? ''),
  ],
];

function dayIn(today: Today, month: number | undefined, day: number | undefined): DateTime | undefined {
  return month && day ? nearest(today, month, day) : undefined;
}

function monthDay(today: Today, month: string, day: string, year: string | undefined): DateTime | undefined {
  const m = monthOf(month);
  if (!m) return undefined;
  return year ? date(today, Number(year), m, Number(day)) : nearest(today, m, Number(day));
}

function withDay(word: string, pick: (day: number) => DateTime): DateTime | undefined {
  const day = weekdayOf(word);
  return day ? pick(day) : undefined;
}

const UNIT = wordTable<'days' | 'weeks' | 'months'>({
  day: 'days',
  天: 'days',
  日: 'days',
  week: 'weeks',
  周: 'weeks',
  星期: 'weeks',
  礼拜: 'weeks',
  month: 'months',
  月: 'months',
});

function later(today: Today, n: number | undefined, unit: string): DateTime | undefined {
  const key = UNIT[unit];
  return n === undefined || !key ? undefined : today.plus({ [key]: n });
}

/**
 * One way of writing, as the reader sees it: full-width forms folded, lower case, one space
 * between words, none next to Chinese (`下周 五` is `下周五`), "by"/"due"/"前" around a day dropped.
 */
function normalize(raw: string): string {
  return simplified(raw)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s,，。.!！]+$/u, '')
    .replace(/\s+/gu, ' ')
    .replace(/ ?(\p{Script=Han}) ?/gu, '$1')
    .trim();
}

/** "3天前" is three days ago: a count never takes 前 the way a day does. */
const AGO = new RegExp(`^${ZH_NUM}个?(?:天|日|周|星期|礼拜|月)(?:之|以)?前$`, 'u');

/** "by friday", "due tomorrow", "on 12-24", "周五前", "明天之前", "周五下班前": the deadline is that day. */
function withoutDeadlineWords(text: string): string {
  if (AGO.test(text)) return text;
  return text.replace(/^(?:by|before|due|on|until|till) /u, '').replace(/(?:下班)?(?:之前|以前|前)$/u, '');
}

function resolve(text: string, today: Today): DateTime | undefined {
  const offset = RELATIVE[text];
  if (offset !== undefined) return today.plus({ days: offset });
  for (const [pattern, make] of RULES) {
    const m = pattern.exec(text);
    const day = m ? make(m, today) : undefined;
    if (day) return day;
  }
  return undefined;
}

/**
 * A day as people type it, in the speaker's timezone, counted from `now`: 2026-12-24, 12-24,
 * 12月24日, Dec 24, today, tomorrow, the day after tomorrow, friday, this friday, next monday
 * (said on a Monday: a week later), in 3 days, end of month, before the weekend; 今天, 明天, 后天,
 * 大后天, 周五, 这周五, 下周五, 下下周一, 周五前, 月底, 周末前, 3天后, 下个月5号. Full-width digits work.
 * @example parseDay('下周五', 'Asia/Shanghai', new Date('2026-12-02T03:00:00Z')) === '2026-12-11'
 */
export function parseDay(raw: string, zone: string, now: Date): string | undefined {
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const text = normalize(raw);
  if (!text) return undefined;
  const day = resolve(text, today) ?? resolve(withoutDeadlineWords(text), today);
  return day?.toISODate() ?? undefined;
}

/** The longest day phrase people write is a handful of words: "the day after tomorrow", "10th of december 2026". */
const LONGEST_PHRASE = 5;

/**
 * The day phrase that ends a run of words, if it ends with one: the longest that reads as a day.
 * @example trailingDay(['Send', 'the', 'quote', 'next', 'friday'], zone, now) → { day: '2026-12-11', words: 2 }
 */
export function trailingDay(
  words: readonly string[],
  zone: string,
  now: Date,
): { day: string; words: number } | undefined {
  for (let n = Math.min(LONGEST_PHRASE, words.length); n > 0; n--) {
    const day = parseDay(words.slice(-n).join(' '), zone, now);
    if (day) return { day, words: n };
  }
  return undefined;
}

/**
 * The day phrase that starts a run of words, if it starts with one: the longest that reads as a day.
 * @example leadingDay(['next', 'friday', '团建'], zone, now) → { day: '2026-12-11', words: 2 }
 */
export function leadingDay(
  words: readonly string[],
  zone: string,
  now: Date,
): { day: string; words: number } | undefined {
  for (let n = Math.min(LONGEST_PHRASE, words.length); n > 0; n--) {
    const day = parseDay(words.slice(0, n).join(' '), zone, now);
    if (day) return { day, words: n };
  }
  return undefined;
}

/** Any fixed day will do to tell how many words a phrase has; a leap year's January has them all. */
const PHRASE_REFERENCE = new Date('2024-01-15T00:00:00Z');

/**
 * How many of the words, from the first, make one day phrase (at least one): for a command
 * option that takes a day, so `/standup history last monday today` gives two days, not three words.
 * @example dayPhraseLength(['last', 'monday', 'today']) === 2
 */
export function dayPhraseLength(words: readonly string[]): number {
  return leadingDay(words, 'UTC', PHRASE_REFERENCE)?.words ?? 1;
}

const UNTIL = /^(?:until|till|through|up to|到|至|直到)\s*(.+)$/iu;
const RANGE = /\s+(?:to|until|till|through)\s+|\s*(?:到|至|~|～|—|–)\s*/iu;

/**
 * A span of days, both ends inclusive and never backwards: one day, "from to" (to, 到, 至, ~), two
 * days side by side, or "until day" (from today): `next monday to next friday`, `明天到下周五`,
 * `12-24 12-31`, `到月底`.
 * @example parseDayRange('下周一 到 下周五', 'Asia/Shanghai', wednesday) → { from: '2026-12-07', to: '2026-12-11' }
 */
export function parseDayRange(
  raw: string,
  zone: string,
  now: Date,
): { from: string; to: string } | undefined {
  const text = raw
    .normalize('NFKC')
    .trim()
    .replace(/^(?:from|从)\s*/iu, '');
  const until = UNTIL.exec(text);
  const ends = until
    ? ['today', until[1] as string]
    : text.split(RANGE).length === 2
      ? text.split(RANGE)
      : sideBySide(text, zone, now);
  const from = ends[0] === undefined ? undefined : parseDay(ends[0], zone, now);
  const to = ends[1] === undefined ? from : parseDay(ends[1], zone, now);
  return from && to && to >= from ? { from, to } : undefined;
}

/** One day phrase, or two written one after the other (`12-24 12-31`, `明天 下周五`). */
function sideBySide(text: string, zone: string, now: Date): string[] {
  if (parseDay(text, zone, now)) return [text];
  const words = text.split(/\s+/u);
  for (let cut = 1; cut < words.length; cut++) {
    const [first, second] = [words.slice(0, cut).join(' '), words.slice(cut).join(' ')];
    if (parseDay(first, zone, now) && parseDay(second, zone, now)) return [first, second];
  }
  return [];
}
