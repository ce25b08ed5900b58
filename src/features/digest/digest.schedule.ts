import { DateTime } from 'luxon';
import { type FiguresPeriod, periodEndingBefore } from '../figures/figures.domain.js';

export type Cadence = 'daily' | 'weekly';

/** A subscription as the schedule sees it: whose, how often, and the reader's local time. */
export interface DigestPlan {
  workspaceId: string;
  memberId: string;
  cadence: Cadence;
  /** "HH:MM" in `zone`. */
  time: string;
  zone: string;
}

export interface DueDigest {
  plan: DigestPlan;
  /** The reader's local day it is for: the slot. */
  day: string;
  at: Date;
}

/** Weekly digests go out on Mondays; daily ones on weekdays, each covering the last working day. */
const WEEKLY_DAY = 1;
const DAILY_DAYS = new Set([1, 2, 3, 4, 5]);

function goesOut(cadence: Cadence, weekday: number): boolean {
  return cadence === 'weekly' ? weekday === WEEKLY_DAY : DAILY_DAYS.has(weekday);
}

function at(day: DateTime, time: string): DateTime {
  const [hour, minute] = time.split(':').map(Number);
  // A time in the spring-forward gap moves forward, as a wall clock does.
  return day.set({ hour, minute, second: 0, millisecond: 0 });
}

/** Digests due in (from, to], each at its reader's local time; a long window lists every missed day. */
export function digestsBetween(from: Date, to: Date, plans: readonly DigestPlan[]): DueDigest[] {
  const due: DueDigest[] = [];
  for (const plan of plans) {
    const last = DateTime.fromJSDate(to, { zone: plan.zone }).startOf('day');
    for (
      let day = DateTime.fromJSDate(from, { zone: plan.zone }).startOf('day');
      day <= last;
      day = day.plus({ days: 1 })
    ) {
      if (!goesOut(plan.cadence, day.weekday)) continue;
      const instant = at(day, plan.time).toJSDate();
      if (instant > from && instant <= to) due.push({ plan, day: day.toISODate() as string, at: instant });
    }
  }
  return due.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The next digest of a plan after `now`, for the confirmation. */
export function nextDigest(plan: DigestPlan, now: Date): Date {
  const week = new Date(now.getTime() + 8 * 86_400_000);
  return digestsBetween(now, week, [plan])[0]?.at ?? week;
}

/**
 * The weekday before a day, Saturday and Sunday skipped: a group's last working day where no
 * calendar says otherwise. @example weekdayBefore('2026-12-07') === '2026-12-04'
 */
export function weekdayBefore(day: string): string {
  let cursor = DateTime.fromISO(day, { zone: 'UTC' }).minus({ days: 1 });
  while (cursor.weekday > 5) cursor = cursor.minus({ days: 1 });
  return cursor.toISODate() as string;
}

/**
 * What a digest covers in one group, ending the day before `end` (group-local days): the week
 * before for the weekly one, against the week before that; for the daily one the group's last
 * working day (Friday on a Monday, the day before a holiday after it), against the one before.
 * @example digestPeriod('daily', '2026-12-07', weekdayBefore).current → { from: '2026-12-04', to: '2026-12-04' }
 */
export function digestPeriod(
  cadence: Cadence,
  end: string,
  workdayBefore: (day: string) => string,
): FiguresPeriod {
  if (cadence === 'weekly') return periodEndingBefore(end, 7);
  const last = workdayBefore(end);
  const before = workdayBefore(last);
  return { current: { from: last, to: last }, previous: { from: before, to: before } };
}
