import { DateTime } from 'luxon';
import { wordTable } from './word-table.js';

const RELATIVE = wordTable<number>({
  today: 0,
  今天: 0,
  今日: 0,
  tomorrow: 1,
  明天: 1,
  明日: 1,
  后天: 2,
  yesterday: -1,
  昨天: -1,
});

/**
 * A day as people type it, in the reader's timezone: 2026-12-24, 2026/12/24, 12-24, 12月24日,
 * today/tomorrow, 今天/明天/后天, a weekday (friday, fri, 周五, 星期五, 礼拜五) and the next week's
 * (next friday, 下周五). Full-width digits work.
 * @example parseDay('12月24日', 'Asia/Shanghai', now) === '2026-12-24'
 */
export function parseDay(raw: string, zone: string, now: Date): string | undefined {
  const text = raw.normalize('NFKC').trim().toLowerCase();
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const offset = RELATIVE[text];
  if (offset !== undefined) return today.plus({ days: offset }).toISODate() ?? undefined;
  const weekday = parseWeekday(text);
  if (weekday) {
    // "Friday" is this week's Friday, or next week's once it has passed; "next Friday" is next week's.
    const ahead = (weekday.day - today.weekday + 7) % 7;
    const days = weekday.next ? 7 - today.weekday + weekday.day : ahead;
    return today.plus({ days }).toISODate() ?? undefined;
  }
  const full = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/u.exec(text);
  const short = full ? undefined : /^(\d{1,2})[-/.月](\d{1,2})日?$/u.exec(text);
  const parts = full ? full.slice(1) : short ? [String(today.year), ...short.slice(1)] : undefined;
  if (!parts) return undefined;
  const date = DateTime.fromObject(
    { year: Number(parts[0]), month: Number(parts[1]), day: Number(parts[2]) },
    { zone },
  );
  return date.isValid ? (date.toISODate() ?? undefined) : undefined;
}

const WEEKDAYS_EN = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const WEEKDAYS_ZH = '一二三四五六日';

/** ISO weekday (1 = Monday) of "fri", "friday", "周五", "星期天", with "next"/"下" for next week. */
function parseWeekday(text: string): { day: number; next: boolean } | undefined {
  const zh = /^(下个?)?(?:周|星期|礼拜)([一二三四五六日天])$/u.exec(text);
  if (zh) return { day: zh[2] === '天' ? 7 : WEEKDAYS_ZH.indexOf(zh[2] as string) + 1, next: Boolean(zh[1]) };
  const en = /^(next\s+)?([a-z]{3,9})$/u.exec(text);
  if (!en) return undefined;
  const name = en[2] as string;
  const index = WEEKDAYS_EN.findIndex((d) => d === name || (name.length >= 3 && d.startsWith(name)));
  return index < 0 ? undefined : { day: index + 1, next: Boolean(en[1]) };
}
