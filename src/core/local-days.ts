import { DateTime } from 'luxon';

/**
 * Day ↔ instant conversions in an IANA timezone, remembered: each one costs luxon an Intl
 * formatting call, and a digest over twenty groups in one timezone asks for the same few midnights
 * dozens of times. Pure functions of their arguments, so remembering them is safe.
 */
const CACHE_MAX = 4096;
const starts = new Map<string, Date>();
const days = new Map<string, string>();

function remember<V>(cache: Map<string, V>, key: string, compute: () => V): V {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const value = compute();
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(key, value);
  return value;
}

/** The first instant of a local day. @example dayStart('2026-12-07', 'Asia/Shanghai') → 2026-12-06T16:00:00Z */
export function dayStart(day: string, zone: string): Date {
  const at = remember(starts, `${zone}|${day}`, () =>
    DateTime.fromISO(day, { zone }).startOf('day').toJSDate(),
  );
  return new Date(at.getTime());
}

/** The local day (YYYY-MM-DD) an instant falls on. @example localDayOf(new Date('2026-12-06T16:00:00Z'), 'Asia/Shanghai') === '2026-12-07' */
export function localDayOf(at: Date, zone: string): string {
  return remember(
    days,
    `${zone}|${at.getTime()}`,
    () => DateTime.fromJSDate(at, { zone }).toISODate() as string,
  );
}

/** A YYYY-MM-DD day moved by whole calendar days. @example shiftDay('2026-12-31', 1) === '2027-01-01' */
export function shiftDay(day: string, days: number): string {
  return DateTime.fromISO(day, { zone: 'UTC' }).plus({ days }).toISODate() as string;
}

/**
 * The calendar day after a YYYY-MM-DD day, without a date library: the standup schedule asks this
 * for every member every tick. @example nextDay('2026-12-31') === '2027-01-01'
 */
export function nextDay(day: string): string {
  const date = Number(day.slice(8, 10));
  // Days 1-27 exist in every month, so most days need no calendar arithmetic.
  if (date < 28) return `${day.slice(0, 8)}${date < 9 ? '0' : ''}${date + 1}`;
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
