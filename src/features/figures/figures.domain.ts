import { DateTime } from 'luxon';
import { dayStart, nextDay } from '../../core/local-days.js';

/** Group-local days, both ends included, YYYY-MM-DD. */
export interface DayRange {
  from: string;
  to: string;
}

/** What a review or a digest looks at: a range of days and the one before it, for the trend. */
export interface FiguresPeriod {
  current: DayRange;
  previous: DayRange;
}

/** One closed standup day of a group. */
export interface DayTallyPoint {
  day: string;
  expected: number;
  answered: number;
}

export interface MemberParticipation {
  memberId: string;
  name: string;
  answered: number;
  missed: number;
}

export interface BlockerFigure {
  memberId: string;
  name: string;
  text: string;
  /** Working days reported in a row. */
  days: number;
  escalated: boolean;
  /** Closed by its owner or a manager as solved. */
  solved: boolean;
}

export interface FeedbackItemFigure {
  id: number;
  customer: string;
  score: number;
  comment: string;
}

export interface ActionItemFigure {
  id: number;
  text: string;
  ownerId: string;
  dueDay: string | null;
  overdue: boolean;
}

/** A group's figures over a period: what the review agenda and the manager digest show. */
export interface GroupFigures {
  groupId: string;
  name: string;
  participation: {
    /** Closed days with someone expected, in order. */
    days: DayTallyPoint[];
    rate: number | null;
    /** The previous period's closed days, for trends across groups. */
    previousDays: DayTallyPoint[];
    previousRate: number | null;
    /** Members who missed at least one day, most missed first; everyone expected is in `members`. */
    members: MemberParticipation[];
  };
  blockers: BlockerFigure[];
  feedback: {
    scale: 'csat' | 'nps';
    count: number;
    average: number | null;
    nps: number | null;
    previousCount: number;
    /** Scores in the period given on the other scale (the group switched): not in the count or the figure. */
    otherScaleCount: number;
    /** Scores at or below the group's threshold in the period (each alerted someone). */
    alerts: number;
    /** The lowest of those, lowest first. */
    worst: FeedbackItemFigure[];
  };
  moderation: {
    /** Messages that broke an enforced rule. */
    violations: number;
    /** Distinct members behind them. */
    offenders: number;
    /** Time-outs and removals the escalation ladder applied. */
    sanctions: number;
  };
  inactive: { count: number; names: string[] };
  actions: ActionItemFigure[];
}

/** Answers over expected answers across days, so a busy day weighs more than a quiet one. */
export function participationRate(days: readonly DayTallyPoint[]): number | null {
  let expected = 0;
  let answered = 0;
  for (const d of days) {
    expected += d.expected;
    answered += Math.min(d.answered, d.expected);
  }
  return expected > 0 ? answered / expected : null;
}

/** The days before `day`, ending the day before it: the last `length` days and the `length` before those. */
export function periodEndingBefore(day: string, length: number): FiguresPeriod {
  const end = DateTime.fromISO(day, { zone: 'UTC' }).minus({ days: 1 });
  const iso = (d: DateTime) => d.toISODate() as string;
  return {
    current: { from: iso(end.minus({ days: length - 1 })), to: iso(end) },
    previous: { from: iso(end.minus({ days: 2 * length - 1 })), to: iso(end.minus({ days: length })) },
  };
}

/** The instants a group-local day range covers: from its first midnight to the midnight after it. */
export function rangeInstants(range: DayRange, zone: string): { from: Date; to: Date } {
  return { from: dayStart(range.from, zone), to: dayStart(nextDay(range.to), zone) };
}

/** Overdue first (oldest due first), then by due day, undated last, then oldest item first. */
export function sortActions<T extends { id: number; dueDay: string | null; overdue: boolean }>(
  items: readonly T[],
): T[] {
  return [...items].sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      (a.dueDay ?? '9999').localeCompare(b.dueDay ?? '9999') ||
      a.id - b.id,
  );
}
