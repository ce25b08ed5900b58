import { DateTime } from 'luxon';
import { type PlannedMember, promptAfterDeadline, type StandupPlan } from './standup.schedule.js';

/** A member whose prompt reaches them only once their day's deadline has passed. */
export interface PromptConflict {
  memberId: string;
  /** The member's timezone. */
  timezone: string;
  /** The group day of the first such prompt. */
  day: string;
  promptAt: Date;
  deadlineAt: Date;
}

/** The deadline instant of a group day. */
export function deadlineOf(day: string, deadline: string, timezone: string): Date {
  return DateTime.fromISO(`${day}T${deadline}`, { zone: timezone }).toJSDate();
}

/**
 * Members whose prompt, in the coming week, falls at or after the deadline of the day it asks
 * about: they could only ever answer late. Members sharing a timezone share the answer, so each
 * zone is worked out once.
 * @example promptConflicts(shanghaiPlanWithDeadline1000, [berlinMember], now) → [{ memberId: berlinMember.memberId, … }]
 */
export function promptConflicts(
  plan: StandupPlan,
  members: readonly PlannedMember[],
  now: Date,
): PromptConflict[] {
  const byZone = new Map<string, ReturnType<typeof promptAfterDeadline> | null>();
  const conflicts: PromptConflict[] = [];
  for (const member of members) {
    let found = byZone.get(member.timezone);
    if (found === undefined) {
      found = promptAfterDeadline(plan, member.timezone, now) ?? null;
      byZone.set(member.timezone, found);
    }
    if (found) conflicts.push({ ...found, memberId: member.memberId, timezone: member.timezone });
  }
  return conflicts;
}

/**
 * Minutes from a group's prompt time to its deadline (both in the group's timezone), or a
 * negative number or 0 when the deadline is not after the prompt.
 * @example minutesBetween('09:30', '18:00') === 510
 */
export function minutesBetween(from: string, to: string): number {
  const minutes = (time: string) => {
    const [h = 0, m = 0] = time.split(':').map(Number);
    return h * 60 + m;
  };
  return minutes(to) - minutes(from);
}

/** A group's standup times as settings hold them (defaults are the database's). */
export interface StandupTimes {
  promptTime: string;
  deadline: string;
  nudgeBeforeMinutes: number;
}

export const DEFAULT_TIMES: StandupTimes = { promptTime: '09:30', deadline: '17:00', nudgeBeforeMinutes: 60 };

/**
 * What is wrong with a group's times taken together, or undefined: the deadline must come after
 * the prompt time, and the nudge between the two (it would otherwise come before the prompt).
 * @example timesProblem({ promptTime: '09:30', deadline: '09:00', nudgeBeforeMinutes: 0 })?.field === 'deadline'
 */
export function timesProblem(
  times: StandupTimes,
): { field: 'deadline' | 'nudge'; key: 'order' | 'nudge'; span: number } | undefined {
  const span = minutesBetween(times.promptTime, times.deadline);
  if (span <= 0) return { field: 'deadline', key: 'order', span };
  if (times.nudgeBeforeMinutes > span) return { field: 'nudge', key: 'nudge', span };
  return undefined;
}
