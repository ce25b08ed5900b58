import { DateTime } from 'luxon';

const RELATIVE: Record<string, number> = {
  today: 0,
  今天: 0,
  今日: 0,
  tomorrow: 1,
  明天: 1,
  明日: 1,
  后天: 2,
  yesterday: -1,
  昨天: -1,
};

/**
 * A day as people type it, in the reader's timezone: 2026-12-24, 2026/12/24, 12-24, 12月24日,
 * today/tomorrow, 今天/明天/后天. Full-width digits work.
 * @example parseDay('12月24日', 'Asia/Shanghai', now) === '2026-12-24'
 */
export function parseDay(raw: string, zone: string, now: Date): string | undefined {
  const text = raw.normalize('NFKC').trim().toLowerCase();
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const offset = RELATIVE[text];
  if (offset !== undefined) return today.plus({ days: offset }).toISODate() ?? undefined;
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
