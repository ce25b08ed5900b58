import { DateTime } from 'luxon';
import type { Db } from '../../db/client.js';
import { workdaysFromColumn } from '../settings/settings.domain.js';
import { groupCalendar } from './standup.calendar.js';
import type { PlanSources, StandupRepo } from './standup.repo.js';
import type { PlannedMember, StandupPlan } from './standup.schedule.js';

/** One group's plan as the schedule reads it. */
export interface GroupPlan {
  plan: StandupPlan;
  members: PlannedMember[];
}

/** How often plans were built since the process started: for tests and metrics. */
export interface PlanBuilds {
  /** Every group at once: the first tick, or after very many changes. */
  full: number;
  /** Groups rebuilt one by one after a change to them. */
  groups: number;
}

/** Past this many changed groups in one tick, building everything is cheaper than picking them out. */
const FULL_REBUILD_OVER = 500;
/** Groups read per query when rebuilding a few (kept well under SQLite's bound-parameter limit). */
const CHUNK = 250;
const NOT_AWAY: readonly { from: string; to: string }[] = Object.freeze([]);

/**
 * The standup plans of every group with standups on, built once and then kept up to date, so the
 * minute tick costs one small query rather than three per group.
 *
 * How a change is noticed, also one another process made on the same database: SQLite triggers
 * (migration 0012) upsert `standup_plan_changes(group_id, seq)` with a new highest `seq` inside the
 * very transaction of every write a plan depends on — a group's membership (a join, a first message,
 * a leave, a listing that finds someone new or has someone leave, a side change), observers, a
 * member's name, timezone, bot or deactivated flag or platform side (marking each group they are in),
 * the group's timezone and workdays, its standup settings, away ranges and calendar overrides.
 * Writers are serialized, so marks commit in `seq` order: a process that has read every mark up to
 * `seq` and then reads `seq > it` on each tick sees every later change exactly once, whichever
 * connection wrote it; it rebuilds only those groups. Plain activity (`last_active_at`), repeated
 * listings (`listed_at`) and upserts that change nothing relevant are left out by the triggers'
 * `UPDATE OF` column lists and `WHEN` clauses, so the flush every few seconds costs no rebuild; a
 * member's first-ever activity inserts their `group_members` row, which does mark the group (the
 * scheduler flushes activity just before the standup job). Writes that bypass SQL (none today)
 * would bypass this too; a process that starts builds everything afresh.
 *
 * Away ranges are read from a week before the earliest possible group day on, which includes every
 * range the schedule can ask about (the tick looks back at most a day, the Home page forward); a
 * range kept after it ends changes nothing, since days it covers are never asked about again.
 */
export class StandupPlans {
  readonly #entries = new Map<string, { order: number; plan: GroupPlan }>();
  #list: GroupPlan[] = [];
  /** The latest change mark read; undefined before the first build. */
  #seq: number | undefined;
  readonly #builds: PlanBuilds = { full: 0, groups: 0 };

  constructor(
    private readonly db: Db,
    private readonly repo: StandupRepo,
  ) {}

  get builds(): Readonly<PlanBuilds> {
    return { ...this.#builds };
  }

  /** The plans as of now, in `enabled()` order; rebuilt only where something changed. */
  current(now: Date): readonly GroupPlan[] {
    if (this.#seq === undefined) {
      this.#buildAll(now);
      return this.#list;
    }
    const changes = this.repo.planChangesAfter(this.#seq);
    if (changes.length === 0) return this.#list;
    if (changes.length > FULL_REBUILD_OVER) {
      this.#buildAll(now);
      return this.#list;
    }
    // Data read after the marks is at least as new as they are; a write in between leaves a newer mark.
    let seq = this.#seq;
    for (const change of changes) if (change.seq > seq) seq = change.seq;
    const ids = changes.map((c) => c.groupId);
    this.db.transaction(() => {
      for (let i = 0; i < ids.length; i += CHUNK) {
        const chunk = ids.slice(i, i + CHUNK);
        for (const id of chunk) this.#entries.delete(id);
        this.#add(this.repo.planSources(chunk, awayFrom(now)));
      }
    });
    this.#seq = seq;
    this.#builds.groups += ids.length;
    this.#sort();
    return this.#list;
  }

  #buildAll(now: Date): void {
    this.db.transaction(() => {
      // The mark first: whatever commits after it is read again on the next tick.
      const seq = this.repo.latestPlanChange();
      this.#entries.clear();
      this.#add(this.repo.planSources(undefined, awayFrom(now)));
      this.#seq = seq;
    });
    this.#builds.full++;
    this.#sort();
  }

  #add(sources: PlanSources): void {
    const members = groupBy(sources.members, (row) => row.groupId);
    const away = groupBy(sources.away, (range) => range.groupId);
    const overrides = groupBy(sources.overrides, (row) => row.groupId);
    for (const { config, group, order } of sources.groups) {
      const awayHere = away.get(group.id);
      const awayOf = awayHere && groupBy(awayHere, (range) => range.memberId);
      const plan: StandupPlan = {
        groupId: group.id,
        timezone: group.timezone,
        promptTime: config.promptTime,
        deadline: config.deadline,
        nudgeBeforeMinutes: config.nudgeBeforeMinutes,
        calendar: groupCalendar({
          country: config.country,
          workdays: workdaysFromColumn(group.workdays),
          overrides: (overrides.get(group.id) ?? []).map((o) => ({
            day: o.day,
            kind: o.kind,
            ...(o.name ? { name: o.name } : {}),
          })),
        }),
      };
      const planned = (members.get(group.id)?.sort(byNameThenId) ?? []).map(
        (m): PlannedMember => ({
          memberId: m.memberId,
          timezone: m.timezone ?? group.timezone,
          away: awayOf?.get(m.memberId)?.map((r) => ({ from: r.fromDay, to: r.toDay })) ?? NOT_AWAY,
        }),
      );
      this.#entries.set(group.id, { order, plan: { plan, members: planned } });
    }
  }

  #sort(): void {
    this.#list = [...this.#entries.values()].sort((a, b) => a.order - b.order).map((e) => e.plan);
  }
}

/**
 * The order `membersOf` reads members in (`order by display_name, id` under SQLite's BINARY
 * collation, which compares UTF-8 bytes, that is code points), so prompts due at one instant go out
 * in the same order as before.
 */
function byNameThenId(a: { name: string; memberId: string }, b: { name: string; memberId: string }): number {
  return binary(a.name, b.name) || binary(a.memberId, b.memberId);
}

function binary(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === n) return a.length - b.length;
  const x = a.charCodeAt(i);
  const y = b.charCodeAt(i);
  // UTF-16 units order like code points below the surrogates; from there on (emoji and other
  // astral characters against U+E000-U+FFFF) compare UTF-8 bytes, as SQLite does.
  if (x < 0xd800 && y < 0xd800) return x - y;
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** Rows by key, each list in the order the rows came. */
function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const lists = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = lists.get(k);
    if (list) list.push(row);
    else lists.set(k, [row]);
  }
  return lists;
}

/** A week before the earliest group day anywhere on Earth (UTC-12) at `now`. */
function awayFrom(now: Date): string {
  return DateTime.fromJSDate(now, { zone: 'UTC' }).minus({ days: 8 }).toISODate() as string;
}
