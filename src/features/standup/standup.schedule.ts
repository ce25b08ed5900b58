import { IANAZone } from 'luxon';
import type { GroupCalendar } from './standup.calendar.js';

/** One group's standup settings. */
export interface StandupPlan {
  groupId: string;
  /** IANA, the group's. */
  timezone: string;
  /** 'HH:MM', local to each member. */
  promptTime: string;
  /** 'HH:MM' in the group's timezone. */
  deadline: string;
  /** 0 = no nudge. */
  nudgeBeforeMinutes: number;
  calendar: GroupCalendar;
}

export interface PlannedMember {
  memberId: string;
  /** IANA; an invalid name falls back to the group's timezone. */
  timezone: string;
  /** Inclusive YYYY-MM-DD ranges of group-local days. */
  away: readonly { from: string; to: string }[];
}

export type DueKind = 'thread' | 'prompt' | 'nudge' | 'summary';

export interface DueItem {
  kind: DueKind;
  groupId: string;
  /** Prompts only. */
  memberId?: string;
  /** The group's standup day, YYYY-MM-DD in the group's timezone. */
  day: string;
  /** The instant it was due. */
  at: Date;
  /** Claim slot: `${day}` for thread/nudge/summary, `${day}:${memberId}` for prompts. */
  slot: string;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * Everything due in (from, to]: pure, no I/O. The job calls it each minute with (lastTick, now] and
 * at start-up with a wide window for catch-up. Items come grouped by plan, each group's threads
 * first; callers that need time order sort by `at`.
 *
 * - A member's prompt: `promptTime` in the member's timezone, on the group day that instant falls
 *   on, when that day is a working day of the group calendar and the member is not away.
 * - The thread: once per working day, at the earliest prompt of a member who is not away that day
 *   (no thread when everyone is away); a group without members gets it at `promptTime` in the
 *   group's timezone.
 * - The nudge: `nudgeBeforeMinutes` before the deadline (none when 0); the summary: at the
 *   deadline, in the group's timezone, on working days. Both belong to the deadline's day.
 * - A local time in a spring-forward gap fires at the first instant after the gap; one that occurs
 *   twice at a fall-back change fires at the first.
 *
 * @example dueBetween(new Date('2026-03-10T01:29Z'), new Date('2026-03-10T01:30Z'), plans)
 *   → the thread and prompts of Shanghai members at 09:30
 */
export function dueBetween(
  from: Date,
  to: Date,
  plans: readonly { plan: StandupPlan; members: readonly PlannedMember[] }[],
): DueItem[] {
  const window: Window = { from: from.getTime(), to: to.getTime() };
  const items: DueItem[] = [];
  if (!(window.to > window.from)) return items;
  const zones = new Zones(window);
  for (const { plan, members } of plans) collectGroup(plan, members, zones, items);
  return items;
}

/**
 * Splits due items into those to run (due within the catch-up window before `now`) and those to
 * record as skipped (older). A run item older than a minute is late; the caller says so.
 * @example triage(items, now, 2 * 3600_000) → { run: [items of the last 2 h], skip: [older ones] }
 */
export function triage(
  items: readonly DueItem[],
  now: Date,
  catchUpMs: number,
): { run: DueItem[]; skip: DueItem[] } {
  const cutoff = now.getTime() - catchUpMs;
  const run: DueItem[] = [];
  const skip: DueItem[] = [];
  for (const item of items) (item.at.getTime() > cutoff ? run : skip).push(item);
  return { run, skip };
}

/**
 * The group's day (YYYY-MM-DD) a moment falls on; an invalid timezone counts as UTC.
 * @example groupDay(new Date('2026-03-09T20:00Z'), 'Asia/Shanghai') === '2026-03-10'
 */
export function groupDay(at: Date, timezone: string): string {
  const named = IANAZone.create(timezone);
  const zone = named.isValid ? named : UTC;
  return localDay((ms) => zone.offset(ms) * MINUTE_MS, at.getTime());
}

/**
 * Whether the member is away on a group day; ranges include both ends.
 * @example isAway({ memberId: 'm', timezone: 'UTC', away: [{ from: '2026-03-02', to: '2026-03-06' }] }, '2026-03-06') === true
 */
export function isAway(member: PlannedMember, day: string): boolean {
  for (const range of member.away) if (range.from <= day && day <= range.to) return true;
  return false;
}

interface Window {
  from: number;
  to: number;
}

const UTC = IANAZone.create('UTC');

function collectGroup(
  plan: StandupPlan,
  members: readonly PlannedMember[],
  zones: Zones,
  items: DueItem[],
): void {
  const groupZone = zones.get(plan.timezone, zones.utc);
  const calendar = new WorkdayMemo(plan.calendar);
  const { groupId } = plan;

  let prompts: DueItem[] | undefined;
  for (const member of members) {
    const occurrences = zones.get(member.timezone, groupZone).occurrences(plan.promptTime, 0);
    let previousDay: string | undefined;
    for (const ms of occurrences) {
      const day = groupZone.day(ms);
      // Across a DST change a member's prompt can fall twice on one group day; the slot is the same.
      if (day === previousDay || !calendar.isWorkday(day) || isAway(member, day)) continue;
      previousDay = day;
      const { memberId } = member;
      prompts ??= [];
      prompts.push({ kind: 'prompt', groupId, memberId, day, at: new Date(ms), slot: `${day}:${memberId}` });
    }
  }

  if (members.length === 0) {
    for (const ms of groupZone.occurrences(plan.promptTime, 0)) {
      const day = groupZone.day(ms);
      if (calendar.isWorkday(day)) items.push({ kind: 'thread', groupId, day, at: new Date(ms), slot: day });
    }
  } else if (prompts) {
    // The thread's instant is the earliest member prompt, so it can only be due when a prompt is.
    let threadDay: string | undefined;
    for (const { day } of prompts) {
      if (day === threadDay) continue;
      threadDay = day;
      const first = firstPrompt(plan, members, day, zones, groupZone);
      if (first !== undefined && first > zones.window.from && first <= zones.window.to) {
        items.push({ kind: 'thread', groupId, day, at: new Date(first), slot: day });
      }
    }
    for (const prompt of prompts) items.push(prompt);
  }

  if (plan.nudgeBeforeMinutes > 0) {
    for (const ms of groupZone.occurrences(plan.deadline, plan.nudgeBeforeMinutes)) {
      const day = groupZone.day(ms);
      const at = new Date(ms - plan.nudgeBeforeMinutes * MINUTE_MS);
      if (calendar.isWorkday(day)) items.push({ kind: 'nudge', groupId, day, at, slot: day });
    }
  }
  for (const ms of groupZone.occurrences(plan.deadline, 0)) {
    const day = groupZone.day(ms);
    if (calendar.isWorkday(day)) items.push({ kind: 'summary', groupId, day, at: new Date(ms), slot: day });
  }
}

/** Asks a group's calendar once per day, however many members and kinds need the answer. */
class WorkdayMemo {
  #day: string | undefined;
  #works = false;
  #others: Map<string, boolean> | undefined;

  constructor(private readonly calendar: GroupCalendar) {}

  isWorkday(day: string): boolean {
    if (day === this.#day) return this.#works;
    if (this.#day === undefined) {
      this.#day = day;
      this.#works = this.calendar.isWorkday(day);
      return this.#works;
    }
    // A window spanning several days (catch-up after downtime) asks about more than one.
    this.#others ??= new Map();
    let works = this.#others.get(day);
    if (works === undefined) {
      works = this.calendar.isWorkday(day);
      this.#others.set(day, works);
    }
    return works;
  }
}

/** The earliest prompt instant on a group day among members who are not away that day. */
function firstPrompt(
  plan: StandupPlan,
  members: readonly PlannedMember[],
  day: string,
  zones: Zones,
  groupZone: ZoneClock,
): number | undefined {
  // Members sharing a timezone share their prompt instants, so each zone is resolved once.
  const present = new Set<ZoneClock>();
  for (const member of members) {
    if (!isAway(member, day)) present.add(zones.get(member.timezone, groupZone));
  }
  let first: number | undefined;
  for (const zone of present) {
    for (const ms of zone.onGroupDay(plan.promptTime, groupZone, day)) {
      if (first === undefined || ms < first) first = ms;
    }
  }
  return first;
}

/** The zones one call touches, each built once however many members share it. */
class Zones {
  readonly utc: ZoneClock;
  readonly #byName = new Map<string, ZoneClock | null>();

  constructor(readonly window: Window) {
    this.utc = new ZoneClock(UTC, window);
  }

  /** The named zone, or `fallback` when the name is not an IANA timezone. */
  get(name: string, fallback: ZoneClock): ZoneClock {
    let zone = this.#byName.get(name);
    if (zone === undefined) {
      const named = IANAZone.create(name);
      zone = named.isValid ? new ZoneClock(named, this.window) : null;
      this.#byName.set(name, zone);
    }
    return zone ?? fallback;
  }
}

/** One zone's wall-clock arithmetic for one call, memoized: thousands of members share it. */
class ZoneClock {
  readonly #days = new Map<number, string>();
  readonly #instants = new Map<string, number>();
  /** Shift in minutes → local time → occurrences whose instant minus the shift lies in the window. */
  readonly #occurrences = new Map<number, Map<string, readonly number[]>>();
  /** Group zone → `${day} ${time}` → instants. */
  readonly #onGroupDay = new Map<ZoneClock, Map<string, readonly number[]>>();
  /** UTC day number → the zone's offset all that day, or null when it changes during it. */
  readonly #dayOffsets = new Map<number, number | null>();
  readonly #midnightOffsets = new Map<number, number>();

  constructor(
    readonly zone: IANAZone,
    readonly window: Window,
  ) {}

  /**
   * The zone's offset at an instant. Asking the Intl API costs microseconds and a tick asks
   * thousands of times, so each UTC day is asked about twice (its ends) and, unless the offset
   * changes inside it, answered by arithmetic after that.
   */
  readonly #offsetMs = (ms: number): number => {
    const utcDay = Math.floor(ms / DAY_MS);
    let offset = this.#dayOffsets.get(utcDay);
    if (offset === undefined) {
      const start = this.#midnightOffset(utcDay);
      offset = start === this.#midnightOffset(utcDay + 1) ? start : null;
      this.#dayOffsets.set(utcDay, offset);
    }
    return offset ?? this.zone.offset(ms) * MINUTE_MS;
  };

  #midnightOffset(utcDay: number): number {
    let offset = this.#midnightOffsets.get(utcDay);
    if (offset === undefined) {
      offset = this.zone.offset(utcDay * DAY_MS) * MINUTE_MS;
      this.#midnightOffsets.set(utcDay, offset);
    }
    return offset;
  }

  /** The local day an instant falls on. */
  day(ms: number): string {
    let day = this.#days.get(ms);
    if (day === undefined) {
      day = localDay(this.#offsetMs, ms);
      this.#days.set(ms, day);
    }
    return day;
  }

  /**
   * The instants of `time` on each local day whose instant, `shift` minutes earlier, lies in the
   * window: the nudge is the deadline moved earlier, and stays on the deadline's day.
   */
  occurrences(time: string, shift: number): readonly number[] {
    let byTime = this.#occurrences.get(shift);
    if (!byTime) {
      byTime = new Map();
      this.#occurrences.set(shift, byTime);
    }
    let found = byTime.get(time);
    if (!found) {
      const from = this.window.from + shift * MINUTE_MS;
      const to = this.window.to + shift * MINUTE_MS;
      const list: number[] = [];
      // Whole local days, not minutes, so a 24 h catch-up window costs as little as a tick.
      for (let day = this.day(from), last = this.day(to); day <= last; day = nextDay(day)) {
        const ms = this.at(day, time);
        if (ms > from && ms <= to) list.push(ms);
      }
      found = list;
      byTime.set(time, found);
    }
    return found;
  }

  /** The instants of local `time` in this zone that fall on `day` in the group's zone, in order. */
  onGroupDay(time: string, groupZone: ZoneClock, day: string): readonly number[] {
    let byDay = this.#onGroupDay.get(groupZone);
    if (!byDay) {
      byDay = new Map();
      this.#onGroupDay.set(groupZone, byDay);
    }
    const key = `${day} ${time}`;
    let found = byDay.get(key);
    if (!found) {
      const start = groupZone.at(day, '00:00');
      const end = groupZone.at(nextDay(day), '00:00');
      const list: number[] = [];
      for (let local = this.day(start), last = this.day(end - 1); local <= last; local = nextDay(local)) {
        const ms = this.at(local, time);
        if (ms >= start && ms < end) list.push(ms);
      }
      found = list;
      byDay.set(key, found);
    }
    return found;
  }

  /** The instant of a local wall time on a local day, by the DST rules above. */
  at(day: string, time: string): number {
    const key = `${day} ${time}`;
    let ms = this.#instants.get(key);
    if (ms === undefined) {
      ms = resolveWallTime(this.#offsetMs, Date.parse(`${day}T${time}:00Z`));
      this.#instants.set(key, ms);
    }
    return ms;
  }
}

/**
 * The instant a zone's clock first shows `wall` (wall-clock milliseconds written as if UTC). In a
 * spring-forward gap the clock never shows it, so the answer is the instant the gap ends; in a
 * fall-back overlap it shows it twice, and the answer is the first.
 */
function resolveWallTime(offsetMs: (ms: number) => number, wall: number): number {
  const before = offsetMs(wall - DAY_MS);
  const after = offsetMs(wall + DAY_MS);
  const early = wall - Math.max(before, after);
  const late = wall - Math.min(before, after);
  if (early + offsetMs(early) === wall) return early;
  if (late + offsetMs(late) === wall) return late;
  // In the gap: the clock jumps from before it to after it somewhere in (early, late]; find the minute.
  let lo = early;
  let hi = late;
  while (hi - lo > MINUTE_MS) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
    if (offsetMs(mid) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

function localDay(offsetMs: (ms: number) => number, ms: number): string {
  return new Date(ms + offsetMs(ms)).toISOString().slice(0, 10);
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}
