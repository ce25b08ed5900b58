import { DateTime } from 'luxon';
import { localDayOf } from '../../core/local-days.js';

/** What the schedule needs of a group with reviews on. */
export interface ReviewPlan {
  groupId: string;
  zone: string;
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  /** "HH:MM", group-local. */
  time: string;
  remindBeforeMinutes: number;
}

export interface DueReminder {
  groupId: string;
  /** Monday of the review's week, group-local: the slot. */
  week: string;
  /** When the review starts. */
  reviewAt: Date;
  /** When the agenda goes out. */
  at: Date;
}

/** Where an action item's due-day reminder goes: the owner's morning of the due day. */
export interface DueItem {
  id: number;
  dueDay: string;
  zone: string;
}

/** Owners are reminded at this local time on the due day. */
export const DUE_REMINDER_TIME = '09:00';

function localTime(day: string, time: string, zone: string): DateTime {
  const [hour, minute] = time.split(':').map(Number);
  // Luxon moves a time that does not exist (the spring-forward gap) forward, as a wall clock would.
  return DateTime.fromISO(day, { zone }).set({ hour, minute, second: 0, millisecond: 0 });
}

/** Monday of the ISO week a day is in. @example weekOf('2026-12-04') === '2026-11-30' */
export function weekOf(day: string): string {
  return DateTime.fromISO(day, { zone: 'UTC' }).startOf('week').toISODate() as string;
}

/** When a week's review starts, in its group's timezone. */
export function reviewStart(plan: Pick<ReviewPlan, 'zone' | 'weekday' | 'time'>, week: string): Date {
  const day = DateTime.fromISO(week, { zone: 'UTC' })
    .plus({ days: plan.weekday - 1 })
    .toISODate() as string;
  return localTime(day, plan.time, plan.zone).toJSDate();
}

/**
 * Agendas due in (from, to]: one per group and week, `remindBeforeMinutes` before the review. A
 * range longer than a week (downtime) yields each week's reminder; the caller decides which are
 * too late to send.
 */
export function remindersBetween(from: Date, to: Date, plans: readonly ReviewPlan[]): DueReminder[] {
  const due: DueReminder[] = [];
  for (const plan of plans) {
    // The reminder can fall in the week before the review's (a Monday review reminded on Sunday).
    let week = DateTime.fromISO(weekOf(localDayOf(from, plan.zone)), { zone: 'UTC' }).minus({ weeks: 1 });
    const last = DateTime.fromISO(weekOf(localDayOf(to, plan.zone)), { zone: 'UTC' }).plus({ weeks: 1 });
    for (; week <= last; week = week.plus({ weeks: 1 })) {
      const slot = week.toISODate() as string;
      const reviewAt = reviewStart(plan, slot);
      const at = new Date(reviewAt.getTime() - plan.remindBeforeMinutes * 60_000);
      if (at > from && at <= to) due.push({ groupId: plan.groupId, week: slot, reviewAt, at });
    }
  }
  return due.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The reminders of open items whose owner's due-day morning falls in (from, to]. */
export function dueRemindersBetween(
  from: Date,
  to: Date,
  items: readonly DueItem[],
): { id: number; dueDay: string; at: Date }[] {
  return items
    .map((item) => ({
      id: item.id,
      dueDay: item.dueDay,
      at: localTime(item.dueDay, DUE_REMINDER_TIME, item.zone).toJSDate(),
    }))
    .filter((r) => r.at > from && r.at <= to)
    .sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The next review of a plan after `now`, for the confirmation and `/review` replies. */
export function nextReview(plan: ReviewPlan, now: Date): Date {
  const week = weekOf(localDayOf(now, plan.zone));
  const thisWeek = reviewStart(plan, week);
  if (thisWeek > now) return thisWeek;
  return reviewStart(plan, DateTime.fromISO(week, { zone: 'UTC' }).plus({ weeks: 1 }).toISODate() as string);
}
