import { IANAZone } from 'luxon';
import { nextDay } from '../../core/local-days.js';
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
  const zone = ianaZone(timezone) ?? UTC;
  const ms = at.getTime();
  return wallDay(ms + offsetMs(zone, ms));
}

/**
 * The group day a member answers at `now`: that of the prompt on the member's own calendar day,
 * when it is a working day they are not away; else that of their latest prompt in the past week.
 * So a member far from the group who answers late in their evening, after the group's midnight,
 * still answers the prompt of their morning.
 * @example answeringDay(shanghaiPlan, berlinMember, new Date('2026-12-01T21:30Z')) === '2026-12-01'
 */
export function answeringDay(plan: StandupPlan, member: PlannedMember, now: Date): string | undefined {
  const zone = ianaZone(member.timezone) ?? ianaZone(plan.timezone) ?? UTC;
  const ms = now.getTime();
  const localDay = wallDay(ms + offsetMs(zone, ms));
  const prompt = resolveWallTime(zone, Date.parse(`${localDay}T${plan.promptTime}:00Z`));
  const day = groupDay(new Date(prompt), plan.timezone);
  if (plan.calendar.isWorkday(day) && !isAway(member, day)) return day;
  const latest = dueBetween(new Date(ms - 7 * DAY_MS), now, [{ plan, members: [member] }])
    .filter((item) => item.kind === 'prompt')
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .at(-1);
  return latest?.day;
}

/**
 * The first of the coming week's prompts of a member in `memberTimezone` that falls at or after the
 * deadline of the group day it asks about, if any: such a member could only ever answer late.
 * Working days are not asked: the answer depends on the two zones' offsets, not on the calendar.
 * @example promptAfterDeadline({ timezone: 'Asia/Shanghai', promptTime: '09:30', deadline: '10:00' }, 'Europe/Berlin', now)?.day
 */
export function promptAfterDeadline(
  plan: Pick<StandupPlan, 'timezone' | 'promptTime' | 'deadline'>,
  memberTimezone: string,
  now: Date,
): { day: string; promptAt: Date; deadlineAt: Date } | undefined {
  const groupZone = ianaZone(plan.timezone) ?? UTC;
  const zone = ianaZone(memberTimezone) ?? groupZone;
  const ms = now.getTime();
  let local = wallDay(ms + offsetMs(zone, ms));
  // A week and a day: a DST change in either zone within it is seen.
  for (let i = 0; i < 8; i++, local = nextDay(local)) {
    const prompt = resolveWallTime(zone, Date.parse(`${local}T${plan.promptTime}:00Z`));
    const day = wallDay(prompt + offsetMs(groupZone, prompt));
    const deadline = resolveWallTime(groupZone, Date.parse(`${day}T${plan.deadline}:00Z`));
    if (prompt >= deadline) return { day, promptAt: new Date(prompt), deadlineAt: new Date(deadline) };
  }
  return undefined;
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

function ianaZone(name: string): IANAZone | undefined {
  const zone = IANAZone.create(name);
  return zone.isValid ? zone : undefined;
}

function collectGroup(
  plan: StandupPlan,
  members: readonly PlannedMember[],
  zones: Zones,
  items: DueItem[],
): void {
  const groupZone = zones.get(plan.timezone, zones.utc);
  const calendar = new WorkdayMemo(plan.calendar);
  const { groupId } = plan;

  const promptsHere = groupZone.occurrences(plan.promptTime);
  let prompts: DueItem[] | undefined;
  let lastMs = Number.NaN;
  let lastDay = '';
  for (const member of members) {
    // Most members keep the group's timezone; comparing names is cheaper than looking one up.
    const occurrences =
      member.timezone === plan.timezone
        ? promptsHere
        : zones.get(member.timezone, groupZone).occurrences(plan.promptTime);
    if (occurrences.length === 0) continue;
    let previousDay: string | undefined;
    for (const ms of occurrences) {
      if (ms !== lastMs) {
        lastMs = ms;
        lastDay = groupZone.day(ms);
      }
      const day = lastDay;
      // Across a DST change a member's prompt can fall twice on one group day; the slot is the same.
      if (day === previousDay || !calendar.isWorkday(day) || isAway(member, day)) continue;
      previousDay = day;
      const { memberId } = member;
      prompts ??= [];
      prompts.push({ kind: 'prompt', groupId, memberId, day, at: new Date(ms), slot: `${day}:${memberId}` });
    }
  }

  if (members.length === 0) {
    for (const ms of promptsHere) {
      const day = groupZone.day(ms);
      if (calendar.isWorkday(day)) items.push({ kind: 'thread', groupId, day, at: new Date(ms), slot: day });
    }
  } else if (prompts) {
    // The thread's instant is the earliest member prompt, so it can only be due when a prompt is.
    const threadDays: string[] = [];
    for (const { day } of prompts) {
      // One day in a tick; a few in a catch-up window, in any order across members.
      if (threadDays.includes(day)) continue;
      threadDays.push(day);
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
  for (const ms of groupZone.occurrences(plan.deadline)) {
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
  // Members sharing a timezone share their prompt instants, so each zone is resolved once; a
  // group spans few zones, so a list beats a set.
  const present: ZoneClock[] = [];
  for (const member of members) {
    if (isAway(member, day)) continue;
    const zone = member.timezone === plan.timezone ? groupZone : zones.get(member.timezone, groupZone);
    if (!present.includes(zone)) present.push(zone);
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
      const iana = ianaZone(name);
      zone = iana ? new ZoneClock(iana, this.window) : null;
      this.#byName.set(name, zone);
    }
    return zone ?? fallback;
  }
}

/** One zone's wall-clock arithmetic for one call, memoized: thousands of members share it. */
class ZoneClock {
  readonly #days = new Map<number, string>();
  /** Local day → local time → instant. */
  readonly #instants = new Map<string, Map<string, number>>();
  /** Shift in minutes → the local days the shifted window touches. */
  readonly #windowDays = new Map<number, readonly string[]>();
  /** Local time → occurrences in the window; asked for every member, so one lookup deep. */
  readonly #occurrences = new Map<string, readonly number[]>();
  /** Shift in minutes → local time → occurrences whose instant minus the shift lies in the window. */
  readonly #shifted = new Map<number, Map<string, readonly number[]>>();
  /** Group zone → local time → group day → instants. */
  readonly #onGroupDay = new Map<ZoneClock, Map<string, Map<string, readonly number[]>>>();

  constructor(
    readonly zone: IANAZone,
    readonly window: Window,
  ) {}

  /** The local day an instant falls on. */
  day(ms: number): string {
    let day = this.#days.get(ms);
    if (day === undefined) {
      day = wallDay(ms + offsetMs(this.zone, ms));
      this.#days.set(ms, day);
    }
    return day;
  }

  /**
   * The instants of `time` on each local day whose instant, `shift` minutes earlier, lies in the
   * window: the nudge is the deadline moved earlier, and stays on the deadline's day.
   */
  occurrences(time: string, shift = 0): readonly number[] {
    let byTime = shift === 0 ? this.#occurrences : this.#shifted.get(shift);
    if (!byTime) {
      byTime = new Map();
      this.#shifted.set(shift, byTime);
    }
    let found = byTime.get(time);
    if (!found) {
      const from = this.window.from + shift * MINUTE_MS;
      const to = this.window.to + shift * MINUTE_MS;
      const list: number[] = [];
      for (const day of this.#localDays(shift)) {
        const ms = this.at(day, time);
        if (ms > from && ms <= to) list.push(ms);
      }
      found = list;
      byTime.set(time, found);
    }
    return found;
  }

  /**
   * The local days the window, moved `shift` minutes later, touches: whole days, not minutes, so a
   * 24 h catch-up window costs as little as a tick.
   */
  #localDays(shift: number): readonly string[] {
    let days = this.#windowDays.get(shift);
    if (!days) {
      const list: string[] = [];
      const last = this.day(this.window.to + shift * MINUTE_MS);
      for (let day = this.day(this.window.from + shift * MINUTE_MS); day <= last; day = nextDay(day))
        list.push(day);
      days = list;
      this.#windowDays.set(shift, days);
    }
    return days;
  }

  /** The instants of local `time` in this zone that fall on `day` in the group's zone, in order. */
  onGroupDay(time: string, groupZone: ZoneClock, day: string): readonly number[] {
    let byTime = this.#onGroupDay.get(groupZone);
    if (!byTime) {
      byTime = new Map();
      this.#onGroupDay.set(groupZone, byTime);
    }
    let byDay = byTime.get(time);
    if (!byDay) {
      byDay = new Map();
      byTime.set(time, byDay);
    }
    let found = byDay.get(day);
    if (!found) {
      const start = groupZone.at(day, '00:00');
      const end = groupZone.at(nextDay(day), '00:00');
      const list: number[] = [];
      for (let local = this.day(start), last = this.day(end - 1); local <= last; local = nextDay(local)) {
        const ms = this.at(local, time);
        if (ms >= start && ms < end) list.push(ms);
      }
      found = list;
      byDay.set(day, found);
    }
    return found;
  }

  /** The instant of a local wall time on a local day, by the DST rules above. */
  at(day: string, time: string): number {
    let byTime = this.#instants.get(day);
    if (!byTime) {
      byTime = new Map();
      this.#instants.set(day, byTime);
    }
    let ms = byTime.get(time);
    if (ms === undefined) {
      ms = resolveWallTime(this.zone, Date.parse(`${day}T${time}:00Z`));
      byTime.set(time, ms);
    }
    return ms;
  }
}

/**
 * Zone name → UTC day number → the zone's offset at that midnight. Process-wide because offsets
 * never change while Muster runs and asking Intl costs microseconds; trimmed so it stays small.
 */
const MIDNIGHT_OFFSETS = new Map<string, Map<number, number>>();
const MIDNIGHTS_KEPT = 64;

/**
 * A zone's offset at an instant, in milliseconds. A tick asks thousands of times, so each UTC day
 * is looked up at its two ends and, when they agree (no DST change that day), answered from them.
 */
function offsetMs(zone: IANAZone, ms: number): number {
  const utcDay = Math.floor(ms / DAY_MS);
  const start = midnightOffset(zone, utcDay);
  return start === midnightOffset(zone, utcDay + 1) ? start : zone.offset(ms) * MINUTE_MS;
}

function midnightOffset(zone: IANAZone, utcDay: number): number {
  let byDay = MIDNIGHT_OFFSETS.get(zone.name);
  if (!byDay) {
    byDay = new Map();
    MIDNIGHT_OFFSETS.set(zone.name, byDay);
  }
  let offset = byDay.get(utcDay);
  if (offset === undefined) {
    if (byDay.size >= MIDNIGHTS_KEPT) byDay.clear();
    offset = zone.offset(utcDay * DAY_MS) * MINUTE_MS;
    byDay.set(utcDay, offset);
  }
  return offset;
}

/**
 * The instant a zone's clock first shows `wall` (wall-clock milliseconds written as if UTC). In a
 * spring-forward gap the clock never shows it, so the answer is the instant the gap ends; in a
 * fall-back overlap it shows it twice, and the answer is the first.
 */
function resolveWallTime(zone: IANAZone, wall: number): number {
  const before = offsetMs(zone, wall - DAY_MS);
  const after = offsetMs(zone, wall + DAY_MS);
  const early = wall - Math.max(before, after);
  const late = wall - Math.min(before, after);
  if (early + offsetMs(zone, early) === wall) return early;
  if (late + offsetMs(zone, late) === wall) return late;
  // In the gap: the clock jumps from before it to after it somewhere in (early, late]; find the minute.
  let lo = early;
  let hi = late;
  while (hi - lo > MINUTE_MS) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
    if (offsetMs(zone, mid) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** The date part of wall-clock milliseconds written as if UTC. */
function wallDay(wall: number): string {
  return new Date(wall).toISOString().slice(0, 10);
}
