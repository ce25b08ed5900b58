import {
  and,
  asc,
  desc,
  eq,
  gt,
  gte,
  inArray,
  isNotNull,
  isNull,
  lte,
  not,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  calendarOverrides,
  groupMembers,
  groups,
  members,
  outbox,
  standupAnswers,
  standupAway,
  standupBlockers,
  standupConfigs,
  standupDays,
  standupPlanChanges,
} from '../../db/schema.js';
import { holdsRole, SIDE } from '../people/membership.repo.js';

export type StandupConfigRow = typeof standupConfigs.$inferSelect;
export type AnswerRow = typeof standupAnswers.$inferSelect;
export type BlockerRow = typeof standupBlockers.$inferSelect;
export type AwayRow = typeof standupAway.$inferSelect;
export type OverrideRow = typeof calendarOverrides.$inferSelect;
type GroupRow = typeof groups.$inferSelect;

export interface StandupMember {
  memberId: string;
  name: string;
  /** The member's own choice, else what the platform said; null leaves it to the group's. */
  timezone: string | null;
  locale: 'en' | 'zh-CN' | null;
}

/** Everything the standup plans of some groups are built from, read in a few queries. */
export interface PlanSources {
  /** Groups with standups on, in the order `enabled()` lists them (by when their standup was created). */
  groups: { config: StandupConfigRow; group: GroupRow; order: number }[];
  /** Expected members (see `membersOf`), in no particular order. */
  members: { groupId: string; memberId: string; name: string; timezone: string | null }[];
  away: AwayRow[];
  overrides: OverrideRow[];
}

/** A closed day in numbers: who was expected, how many answered, who did not. */
export interface DayTally {
  expected: number;
  answered: number;
  missing: string[];
}

function tallyColumns(tally: DayTally) {
  return { expectedCount: tally.expected, answeredCount: tally.answered, missing: tally.missing };
}

/** Queries over standup settings, days, answers, away ranges, calendars and blockers. */
export class StandupRepo {
  // Read for every group whose nudge or summary is due: prepared once.
  readonly #expected;
  // Asked on every tick.
  readonly #changesAfter;

  constructor(private readonly db: Db) {
    this.#expected = db
      .select({
        memberId: members.id,
        name: members.displayName,
        timezone: sql<string | null>`coalesce(${members.timezone}, ${members.platformTimezone})`,
        locale: sql<'en' | 'zh-CN' | null>`coalesce(${members.locale}, ${members.platformLocale})`,
      })
      .from(groupMembers)
      .innerJoin(members, eq(members.id, groupMembers.memberId))
      .where(this.#expectedWhere(eq(groupMembers.groupId, sql.placeholder('groupId'))))
      .orderBy(asc(members.displayName), asc(members.id))
      .prepare();
    this.#changesAfter = db
      .select({ groupId: standupPlanChanges.groupId, seq: standupPlanChanges.seq })
      .from(standupPlanChanges)
      .where(gt(standupPlanChanges.seq, sql.placeholder('seq')))
      .prepare();
  }

  /** Who is expected at a standup, among the group_members rows `groups` picks. */
  #expectedWhere(groups: SQL | undefined): SQL | undefined {
    return and(
      groups,
      isNull(groupMembers.leftAt),
      eq(members.isBot, false),
      eq(members.isDeactivated, false),
      sql`${SIDE} = 'team'`,
      not(holdsRole(this.db, 'observer')),
    );
  }

  /** The latest mark in `standup_plan_changes` (0 when none). */
  latestPlanChange(): number {
    const row = this.db
      .select({ seq: sql<number | null>`max(${standupPlanChanges.seq})` })
      .from(standupPlanChanges)
      .get();
    return row?.seq ?? 0;
  }

  /** Groups whose plan changed after mark `seq`, with their latest mark; asked on every tick. */
  planChangesAfter(seq: number): { groupId: string; seq: number }[] {
    return this.#changesAfter.all({ seq });
  }

  /**
   * What the plans of every group with standups on (or of `groupIds` among them) are built from,
   * in four queries however many groups: away ranges ending before `awayFrom` are left out.
   */
  planSources(groupIds: readonly string[] | undefined, awayFrom: string): PlanSources {
    const on = this.db
      .select({ id: standupConfigs.groupId })
      .from(standupConfigs)
      .where(eq(standupConfigs.enabled, true));
    const scope = (
      column: typeof groupMembers.groupId | typeof standupAway.groupId | typeof calendarOverrides.groupId,
    ) => (groupIds ? inArray(column, [...groupIds]) : inArray(column, on));
    const groupRows = this.db
      .select({ config: standupConfigs, group: groups, order: sql<number>`${standupConfigs}.rowid` })
      .from(standupConfigs)
      .innerJoin(groups, eq(groups.id, standupConfigs.groupId))
      .where(
        and(
          eq(standupConfigs.enabled, true),
          groupIds ? inArray(standupConfigs.groupId, [...groupIds]) : undefined,
        ),
      )
      .orderBy(sql`${standupConfigs}.rowid`)
      .all();
    // Joined to the enabled configs rather than `in (…)` and left unsorted: twice as fast for every
    // group at once; the caller orders each group's few members by name.
    const memberRows = this.db
      .select({
        groupId: groupMembers.groupId,
        memberId: members.id,
        name: members.displayName,
        timezone: sql<string | null>`coalesce(${members.timezone}, ${members.platformTimezone})`,
      })
      .from(groupMembers)
      .innerJoin(members, eq(members.id, groupMembers.memberId))
      .innerJoin(
        standupConfigs,
        // `+` keeps SQLite from walking group_members by group: one scan in key order is faster.
        and(eq(standupConfigs.groupId, sql`+${groupMembers.groupId}`), eq(standupConfigs.enabled, true)),
      )
      .where(this.#expectedWhere(groupIds ? inArray(groupMembers.groupId, [...groupIds]) : undefined))
      .all();
    const away = this.db
      .select()
      .from(standupAway)
      .where(and(scope(standupAway.groupId), gte(standupAway.toDay, awayFrom)))
      .orderBy(asc(standupAway.fromDay))
      .all();
    const overrides = this.db
      .select()
      .from(calendarOverrides)
      .where(scope(calendarOverrides.groupId))
      .orderBy(asc(calendarOverrides.day))
      .all();
    return { groups: groupRows, members: memberRows, away, overrides };
  }

  config(groupId: string): StandupConfigRow | undefined {
    return this.db.select().from(standupConfigs).where(eq(standupConfigs.groupId, groupId)).get();
  }

  saveConfig(
    groupId: string,
    patch: Partial<Omit<StandupConfigRow, 'groupId' | 'updatedAt'>>,
    now: Date,
  ): StandupConfigRow {
    this.db
      .insert(standupConfigs)
      .values({ groupId, ...patch, updatedAt: now })
      .onConflictDoUpdate({ target: standupConfigs.groupId, set: { ...patch, updatedAt: now } })
      .run();
    return this.config(groupId) as StandupConfigRow;
  }

  /** Every group with standups on, with the group's own settings. */
  enabled(): { config: StandupConfigRow; group: GroupRow }[] {
    return this.db
      .select({ config: standupConfigs, group: groups })
      .from(standupConfigs)
      .innerJoin(groups, eq(groups.id, standupConfigs.groupId))
      .where(eq(standupConfigs.enabled, true))
      .all();
  }

  /**
   * The people expected at a group's standup: the team's members in the group now, whether or not
   * they ever spoke, minus bots, deactivated accounts, observers and the customer's people.
   */
  membersOf(groupId: string): StandupMember[] {
    return this.#expected.all({ groupId }).map((m) => ({
      memberId: m.memberId,
      name: m.name,
      timezone: m.timezone,
      locale: m.locale,
    }));
  }

  awayFrom(groupId: string, fromDay: string): AwayRow[] {
    return this.db
      .select()
      .from(standupAway)
      .where(and(eq(standupAway.groupId, groupId), gte(standupAway.toDay, fromDay)))
      .orderBy(asc(standupAway.fromDay))
      .all();
  }

  addAway(entry: Omit<AwayRow, 'id'>): void {
    this.db.insert(standupAway).values(entry).run();
  }

  /** Ends a member's away ranges from `day` on; returns how many ranges it touched. */
  back(groupId: string, memberId: string, day: string): number {
    const ranges = this.db
      .select()
      .from(standupAway)
      .where(
        and(
          eq(standupAway.groupId, groupId),
          eq(standupAway.memberId, memberId),
          gte(standupAway.toDay, day),
        ),
      )
      .all();
    for (const range of ranges) {
      if (range.fromDay >= day) this.db.delete(standupAway).where(eq(standupAway.id, range.id)).run();
      else
        this.db
          .update(standupAway)
          .set({ toDay: previousDay(day) })
          .where(eq(standupAway.id, range.id))
          .run();
    }
    return ranges.length;
  }

  overrides(groupId: string): OverrideRow[] {
    return this.db
      .select()
      .from(calendarOverrides)
      .where(eq(calendarOverrides.groupId, groupId))
      .orderBy(asc(calendarOverrides.day))
      .all();
  }

  setOverride(entry: OverrideRow): void {
    this.db
      .insert(calendarOverrides)
      .values(entry)
      .onConflictDoUpdate({
        target: [calendarOverrides.groupId, calendarOverrides.day],
        set: { kind: entry.kind, name: entry.name, createdBy: entry.createdBy },
      })
      .run();
  }

  removeOverride(groupId: string, day: string): boolean {
    return (
      this.db
        .delete(calendarOverrides)
        .where(and(eq(calendarOverrides.groupId, groupId), eq(calendarOverrides.day, day)))
        .run().changes === 1
    );
  }

  day(groupId: string, day: string) {
    return this.db
      .select()
      .from(standupDays)
      .where(and(eq(standupDays.groupId, groupId), eq(standupDays.day, day)))
      .get();
  }

  setThread(groupId: string, day: string, threadId: string | null): void {
    this.db
      .insert(standupDays)
      .values({ groupId, day, threadId })
      .onConflictDoUpdate({ target: [standupDays.groupId, standupDays.day], set: { threadId } })
      .run();
  }

  markSummarized(groupId: string, day: string, at: Date, tally: DayTally): void {
    const values = { summaryAt: at, ...tallyColumns(tally) };
    this.db
      .insert(standupDays)
      .values({ groupId, day, ...values })
      .onConflictDoUpdate({ target: [standupDays.groupId, standupDays.day], set: values })
      .run();
  }

  /** Corrects a closed day's tally after a late answer; days not summarized yet are left alone. */
  updateTally(groupId: string, day: string, tally: DayTally): void {
    this.db
      .update(standupDays)
      .set(tallyColumns(tally))
      .where(
        and(eq(standupDays.groupId, groupId), eq(standupDays.day, day), isNotNull(standupDays.summaryAt)),
      )
      .run();
  }

  /** The platform id of a message sent under a dedupe key, once the outbox has sent it. */
  sentMessageId(dedupeKey: string): string | undefined {
    const row = this.db
      .select({ id: outbox.platformMessageId })
      .from(outbox)
      .where(and(eq(outbox.dedupeKey, dedupeKey), eq(outbox.status, 'sent')))
      .get();
    return row?.id ?? undefined;
  }

  answer(groupId: string, day: string, memberId: string): AnswerRow | undefined {
    return this.db
      .select()
      .from(standupAnswers)
      .where(
        and(
          eq(standupAnswers.groupId, groupId),
          eq(standupAnswers.day, day),
          eq(standupAnswers.memberId, memberId),
        ),
      )
      .get();
  }

  answersOn(groupId: string, day: string): AnswerRow[] {
    return this.db
      .select()
      .from(standupAnswers)
      .where(and(eq(standupAnswers.groupId, groupId), eq(standupAnswers.day, day)))
      .all();
  }

  saveAnswer(row: AnswerRow): void {
    this.db
      .insert(standupAnswers)
      .values(row)
      .onConflictDoUpdate({
        target: [standupAnswers.groupId, standupAnswers.day, standupAnswers.memberId],
        set: { answers: row.answers, editedAt: row.editedAt, late: row.late },
      })
      .run();
  }

  history(filter: {
    groupId: string;
    memberId?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
    limit: number;
  }) {
    return this.db
      .select({ answer: standupAnswers, name: members.displayName })
      .from(standupAnswers)
      .innerJoin(members, eq(members.id, standupAnswers.memberId))
      .where(
        and(
          eq(standupAnswers.groupId, filter.groupId),
          filter.memberId ? eq(standupAnswers.memberId, filter.memberId) : undefined,
          filter.from ? gte(standupAnswers.day, filter.from) : undefined,
          filter.to ? lte(standupAnswers.day, filter.to) : undefined,
        ),
      )
      .orderBy(desc(standupAnswers.day), asc(members.displayName))
      .limit(filter.limit)
      .all();
  }

  /**
   * Blockers still carried in a group: not closed and reported on `sinceDay` or later, oldest first;
   * one member's when `memberId` is given.
   */
  openBlockers(groupId: string, sinceDay: string, memberId?: string): BlockerRow[] {
    return this.db
      .select()
      .from(standupBlockers)
      .where(
        and(
          eq(standupBlockers.groupId, groupId),
          memberId === undefined ? undefined : eq(standupBlockers.memberId, memberId),
          gte(standupBlockers.lastDay, sinceDay),
          isNull(standupBlockers.closedAt),
        ),
      )
      .orderBy(asc(standupBlockers.firstDay), asc(standupBlockers.id))
      .all();
  }

  blocker(id: number): BlockerRow | undefined {
    return this.db.select().from(standupBlockers).where(eq(standupBlockers.id, id)).get();
  }

  /** Inserts or updates a blocker; returns its id. */
  saveBlocker(row: Omit<BlockerRow, 'id' | 'closedAt' | 'closedBy'> & { id?: number | undefined }): number {
    const { id, ...values } = row;
    if (id === undefined) return Number(this.db.insert(standupBlockers).values(values).run().lastInsertRowid);
    this.db.update(standupBlockers).set(values).where(eq(standupBlockers.id, id)).run();
    return id;
  }

  deleteBlocker(id: number): void {
    this.db.delete(standupBlockers).where(eq(standupBlockers.id, id)).run();
  }

  /** Open blockers reported on a day: what the day's summary lists and escalation reads. */
  blockersOn(groupId: string, day: string): BlockerRow[] {
    return this.db
      .select()
      .from(standupBlockers)
      .where(
        and(
          eq(standupBlockers.groupId, groupId),
          eq(standupBlockers.lastDay, day),
          isNull(standupBlockers.closedAt),
        ),
      )
      .orderBy(asc(standupBlockers.id))
      .all();
  }

  /** Closes a blocker; false when it was closed already. */
  closeBlocker(id: number, by: string, at: Date): boolean {
    return (
      this.db
        .update(standupBlockers)
        .set({ closedAt: at, closedBy: by })
        .where(and(eq(standupBlockers.id, id), isNull(standupBlockers.closedAt)))
        .run().changes === 1
    );
  }

  /** Claims a blocker's escalation; false when it was escalated already. */
  escalate(id: number, at: Date): boolean {
    return (
      this.db
        .update(standupBlockers)
        .set({ escalatedAt: at })
        .where(and(eq(standupBlockers.id, id), isNull(standupBlockers.escalatedAt)))
        .run().changes === 1
    );
  }
}

/** @example previousDay('2026-03-01') === '2026-02-28' */
export function previousDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}
