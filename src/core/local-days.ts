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
