import { DateTime } from 'luxon';
import type { Translator } from './i18n/catalog.js';

/** The wall-clock time (HH:mm) of an instant in a timezone. @example clockTime(new Date('2026-12-01T10:00Z'), 'Asia/Shanghai') === '18:00' */
export function clockTime(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toFormat('HH:mm');
}

/**
 * An instant as its reader should see it: their own wall-clock time with their zone named, and the
 * group's time beside it when the group keeps another timezone.
 * @example readerTime(t, at, 'Europe/Berlin', 'Asia/Shanghai') === '11:00 your time (Europe/Berlin), 18:00 in the group (Asia/Shanghai)'
 */
export function readerTime(t: Translator, at: Date, readerZone: string, groupZone: string): string {
  const time = clockTime(at, readerZone);
  if (sameClock(at, readerZone, groupZone)) return t('time.inZone', { time, zone: groupZone });
  return t('time.readerAndGroup', {
    time,
    zone: readerZone,
    groupTime: clockTime(at, groupZone),
    groupZone,
  });
}

/** Whether two zones show the same wall clock at an instant (two names for one offset count as one). */
function sameClock(at: Date, a: string, b: string): boolean {
  if (a === b) return true;
  return DateTime.fromJSDate(at, { zone: a }).offset === DateTime.fromJSDate(at, { zone: b }).offset;
}
