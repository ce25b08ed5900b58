import type { Statement } from 'better-sqlite3';
import { and, desc, eq, gte, isNull, lte, ne, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { localDayOf } from '../../core/local-days.js';
import type { Db } from '../../db/client.js';
import {
  customers,
  feedbackHistory,
  feedbackItems,
  feedbackSettings,
  groupMembers,
  members,
  surveyAnswers,
  surveys,
} from '../../db/schema.js';
import { SCALES, type Scale } from './feedback.scale.js';
import { type FeedbackStats, type PeriodBounds, scaleFigures } from './feedback.stats.js';

const SCALE_NAMES = Object.keys(SCALES) as Scale[];

export type CustomerRow = typeof customers.$inferSelect;

/** Counted and summed scores over some days: NPS parts count promoters, passives and detractors. */
export interface FeedbackSums {
  n: number;
  total: number;
  promoters: number;
  passives: number;
  detractors: number;
}
export type FeedbackRow = typeof feedbackItems.$inferSelect;
export type FeedbackSettingsRow = typeof feedbackSettings.$inferSelect;
export type SurveyRow = typeof surveys.$inferSelect;

/** What "low" and "late" mean for groups that kept the defaults. */
export interface LowDefaults {
  csat: number;
  nps: number;
  escalateHours: number;
}

/** Low by the group's threshold on its current scale; a score kept from another scale by that scale's default. */
function isLowSql(defaults: LowDefaults) {
  const scaleDefault = sql`case ${feedbackItems.scale} when 'nps' then ${defaults.nps} else ${defaults.csat} end`;
  return sql`${feedbackItems.score} <= case when ${feedbackItems.scale} = coalesce(${feedbackSettings.scale}, 'csat') then coalesce(${feedbackSettings.threshold}, ${scaleDefault}) else ${scaleDefault} end`;
}

/** Queries over customers, feedback items, their history and the groups' feedback settings. */
export class FeedbackRepo {
  // A capture runs these on every feedback: prepared once, not built and prepared per call.
  readonly #settings;
  readonly #customerByKey;
  readonly #customer;
  readonly #newCustomer;
  readonly #history;
  readonly #insertItem;
  readonly #addDaily: Statement<[string, string, number, string, number, number, number, number, number]>;
  readonly #addDailyTag: Statement<[string, string, string, number]>;
  /** Daily sums are keyed by the group's local day: read its timezone as it is now, never a stale copy. */
  readonly #zoneOf: Statement<[string], { timezone: string }>;

  /** The stats queries, prepared on first use: a digest asks for twenty groups' stats at once. */
  readonly #statements = new Map<string, Statement>();

  #prepare<P extends unknown[], R>(source: string): Statement<P, R> {
    let statement = this.#statements.get(source);
    if (!statement) {
      statement = this.db.$client.prepare(source);
      this.#statements.set(source, statement);
    }
    return statement as unknown as Statement<P, R>;
  }

  constructor(private readonly db: Db) {
    this.#addDaily = db.$client.prepare(
      `insert into feedback_daily (group_id, day, customer_id, scale, count, total, promoters, passives, detractors)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (group_id, day, customer_id, scale) do update set count = count + excluded.count,
         total = total + excluded.total, promoters = promoters + excluded.promoters,
         passives = passives + excluded.passives, detractors = detractors + excluded.detractors`,
    );
    this.#addDailyTag = db.$client.prepare(
      `insert into feedback_daily_tags (group_id, day, tag, count) values (?, ?, ?, ?)
       on conflict (group_id, day, tag) do update set count = count + excluded.count`,
    );
    this.#zoneOf = db.$client.prepare('select timezone from groups where id = ?');
    this.#settings = db
      .select()
      .from(feedbackSettings)
      .where(eq(feedbackSettings.groupId, sql.placeholder('groupId')))
      .prepare();
    this.#customerByKey = db
      .select()
      .from(customers)
      .where(
        and(
          eq(customers.workspaceId, sql.placeholder('workspaceId')),
          eq(customers.key, sql.placeholder('key')),
        ),
      )
      .prepare();
    this.#customer = db
      .select()
      .from(customers)
      .where(eq(customers.id, sql.placeholder('id')))
      .prepare();
    this.#newCustomer = db
      .insert(customers)
      .values({
        workspaceId: sql.placeholder('workspaceId'),
        key: sql.placeholder('key'),
        name: sql.placeholder('name'),
        createdAt: sql.placeholder('now'),
      })
      .onConflictDoNothing()
      .prepare();
    this.#insertItem = db
      .insert(feedbackItems)
      .values({
        workspaceId: sql.placeholder('workspaceId'),
        groupId: sql.placeholder('groupId'),
        customerId: sql.placeholder('customerId'),
        score: sql.placeholder('score'),
        scale: sql.placeholder('scale'),
        comment: sql.placeholder('comment'),
        tags: sql.placeholder('tags'),
        authorId: sql.placeholder('authorId'),
        createdAt: sql.placeholder('createdAt'),
      })
      .returning()
      .prepare();
    this.#history = db
      .insert(feedbackHistory)
      .values({
        itemId: sql.placeholder('itemId'),
        actorId: sql.placeholder('actorId'),
        action: sql.placeholder('action'),
        details: sql.placeholder('details'),
        at: sql.placeholder('at'),
      })
      .prepare();
  }

  settings(groupId: string): FeedbackSettingsRow | undefined {
    return this.#settings.get({ groupId });
  }

  saveSettings(
    groupId: string,
    patch: Partial<Omit<FeedbackSettingsRow, 'groupId' | 'updatedAt'>>,
    now: Date,
  ): FeedbackSettingsRow {
    this.db
      .insert(feedbackSettings)
      .values({ groupId, ...patch, updatedAt: now })
      .onConflictDoUpdate({ target: feedbackSettings.groupId, set: { ...patch, updatedAt: now } })
      .run();
    return this.settings(groupId) as FeedbackSettingsRow;
  }

  customer(id: number): CustomerRow | undefined {
    return this.#customer.get({ id });
  }

  customerByKey(workspaceId: string, key: string): CustomerRow | undefined {
    return this.#customerByKey.get({ workspaceId, key });
  }

  /** Every customer of a workspace, for near matches of a name that matches none. */
  customersOf(workspaceId: string): CustomerRow[] {
    return this.db.select().from(customers).where(eq(customers.workspaceId, workspaceId)).all();
  }

  /**
   * The customers a group is about, by name: those its feedback came from and those its customer-side
   * members belong to (an admin's word in the group, else the platform's).
   */
  customersOfGroup(groupId: string): CustomerRow[] {
    return this.db
      .select()
      .from(customers)
      .where(
        sql`${customers.id} in (select ${feedbackItems.customerId} from ${feedbackItems} where ${feedbackItems.groupId} = ${groupId})
          or ${customers.id} in (select coalesce(${groupMembers.customerId}, ${members.platformCustomerId})
            from ${groupMembers} join ${members} on ${members.id} = ${groupMembers.memberId}
            where ${groupMembers.groupId} = ${groupId} and ${groupMembers.leftAt} is null
              and coalesce(${groupMembers.side}, ${members.platformSide}) = 'customer')`,
      )
      .orderBy(customers.name)
      .all();
  }

  /** The customer with this normalized name, created on first mention. */
  ensureCustomer(workspaceId: string, key: string, name: string, now: Date): CustomerRow {
    const known = this.customerByKey(workspaceId, key);
    if (known) return known;
    this.#newCustomer.run({ workspaceId, key, name, now });
    return this.customerByKey(workspaceId, key) as CustomerRow;
  }

  setCrmAccount(customerId: number, crmAccountId: string): void {
    this.db.update(customers).set({ crmAccountId }).where(eq(customers.id, customerId)).run();
  }

  insert(row: Omit<typeof feedbackItems.$inferInsert, 'id'>): FeedbackRow {
    const item = this.#insertItem.get({
      workspaceId: row.workspaceId,
      groupId: row.groupId,
      customerId: row.customerId,
      score: row.score,
      scale: row.scale,
      comment: row.comment,
      tags: row.tags,
      authorId: row.authorId,
      createdAt: row.createdAt,
    }) as FeedbackRow;
    this.#daily(item, item.score, 1);
    return item;
  }

  /** Adds an item to (sign 1) or takes it from (sign -1) its group's daily sums. */
  #daily(
    item: Pick<FeedbackRow, 'groupId' | 'customerId' | 'createdAt' | 'tags' | 'scale'>,
    score: number,
    sign: 1 | -1,
  ): void {
    const zone = this.#zoneOf.get(item.groupId)?.timezone ?? 'UTC';
    const day = DateTime.fromJSDate(item.createdAt, { zone }).toISODate() as string;
    this.#addDaily.run(
      item.groupId,
      day,
      item.customerId,
      item.scale,
      sign,
      sign * score,
      sign * Number(score >= 9),
      sign * Number(score >= 7 && score <= 8),
      sign * Number(score <= 6),
    );
    for (const tag of item.tags) this.#addDailyTag.run(item.groupId, day, tag, sign);
  }

  /**
   * Rebuilds a group's daily sums from its items, in the group's timezone as it is now. The sums are
   * keyed by local day, so after a timezone change an item near midnight belongs to another day.
   */
  rebuildDaily(groupId: string): number {
    // Read and rewrite in one transaction, so feedback written by another process meanwhile is not lost.
    return this.db.transaction(() => {
      const items = this.db
        .select({
          groupId: feedbackItems.groupId,
          customerId: feedbackItems.customerId,
          createdAt: feedbackItems.createdAt,
          tags: feedbackItems.tags,
          score: feedbackItems.score,
          scale: feedbackItems.scale,
        })
        .from(feedbackItems)
        .where(eq(feedbackItems.groupId, groupId))
        .all();
      this.db.$client.prepare('delete from feedback_daily where group_id = ?').run(groupId);
      this.db.$client.prepare('delete from feedback_daily_tags where group_id = ?').run(groupId);
      for (const item of items) this.#daily(item, item.score, 1);
      return items.length;
    });
  }

  item(id: number): FeedbackRow | undefined {
    return this.db.select().from(feedbackItems).where(eq(feedbackItems.id, id)).get();
  }

  update(
    id: number,
    patch: Partial<Pick<FeedbackRow, 'status' | 'ownerId' | 'resolution' | 'resolvedAt'>>,
  ): void {
    this.db.update(feedbackItems).set(patch).where(eq(feedbackItems.id, id)).run();
  }

  /** Appends to an item's history; returns the new entry's id. */
  history(
    itemId: number,
    actorId: string | null,
    action: string,
    details: Record<string, unknown>,
    at: Date,
  ): number {
    return Number(this.#history.run({ itemId, actorId, action, details, at }).lastInsertRowid);
  }

  historyOf(itemId: number) {
    return this.db
      .select()
      .from(feedbackHistory)
      .where(eq(feedbackHistory.itemId, itemId))
      .orderBy(feedbackHistory.at, feedbackHistory.id)
      .all();
  }

  /** Claims an item's alert; false when it was alerted already (a retry, a second process). */
  claimAlert(id: number, at: Date): boolean {
    return (
      this.db
        .update(feedbackItems)
        .set({ alertedAt: at })
        .where(and(eq(feedbackItems.id, id), isNull(feedbackItems.alertedAt)))
        .run().changes === 1
    );
  }

  claimEscalation(id: number, at: Date): boolean {
    return (
      this.db
        .update(feedbackItems)
        .set({ escalatedAt: at })
        .where(and(eq(feedbackItems.id, id), isNull(feedbackItems.escalatedAt)))
        .run().changes === 1
    );
  }

  /**
   * Low scores of the last day whose alert never went out (the process stopped between saving and
   * alerting). The threshold is compared in SQL so the minute job never reads the happy customers.
   */
  unalertedLow(since: Date, defaults: LowDefaults): FeedbackRow[] {
    return this.#withSettings()
      .where(and(gte(feedbackItems.createdAt, since), isNull(feedbackItems.alertedAt), isLowSql(defaults)))
      .all()
      .map((r) => r.item);
  }

  /** Low scores still unresolved past their group's escalation time and not yet escalated. */
  dueEscalations(now: Date, defaults: LowDefaults): FeedbackRow[] {
    return this.#withSettings()
      .where(
        and(
          ne(feedbackItems.status, 'resolved'),
          isNull(feedbackItems.escalatedAt),
          isLowSql(defaults),
          sql`${feedbackItems.createdAt} < ${now.getTime()} - coalesce(${feedbackSettings.escalateHours}, ${defaults.escalateHours}) * 3600000`,
        ),
      )
      .all()
      .map((r) => r.item);
  }

  #withSettings() {
    return this.db
      .select({ item: feedbackItems })
      .from(feedbackItems)
      .leftJoin(feedbackSettings, eq(feedbackSettings.groupId, feedbackItems.groupId));
  }

  list(filter: {
    groupId: string;
    customerId?: number | undefined;
    from?: Date | undefined;
    to?: Date | undefined;
    status?: FeedbackRow['status'] | undefined;
    limit: number;
  }): FeedbackRow[] {
    return this.db
      .select()
      .from(feedbackItems)
      .where(
        and(
          eq(feedbackItems.groupId, filter.groupId),
          filter.customerId !== undefined ? eq(feedbackItems.customerId, filter.customerId) : undefined,
          filter.from ? gte(feedbackItems.createdAt, filter.from) : undefined,
          filter.to ? lte(feedbackItems.createdAt, filter.to) : undefined,
          filter.status ? eq(feedbackItems.status, filter.status) : undefined,
        ),
      )
      .orderBy(desc(feedbackItems.createdAt), desc(feedbackItems.id))
      .limit(filter.limit)
      .all();
  }

  insertSurvey(row: Omit<typeof surveys.$inferInsert, 'id'>): SurveyRow {
    return this.db.insert(surveys).values(row).returning().get();
  }

  survey(id: number): SurveyRow | undefined {
    return this.db.select().from(surveys).where(eq(surveys.id, id)).get();
  }

  surveyAnswer(surveyId: number, memberId: string) {
    return this.db
      .select()
      .from(surveyAnswers)
      .where(and(eq(surveyAnswers.surveyId, surveyId), eq(surveyAnswers.memberId, memberId)))
      .get();
  }

  addSurveyAnswer(row: typeof surveyAnswers.$inferInsert): void {
    this.db.insert(surveyAnswers).values(row).run();
  }

  setScore(itemId: number, score: number): void {
    const before = this.item(itemId);
    this.db.update(feedbackItems).set({ score }).where(eq(feedbackItems.id, itemId)).run();
    if (!before) return;
    // The score moves from one bucket of the sums to another; the tags stay where they are.
    this.#daily({ ...before, tags: [] }, before.score, -1);
    this.#daily({ ...before, tags: [] }, score, 1);
  }

  setComment(itemId: number, comment: string): void {
    this.db.update(feedbackItems).set({ comment }).where(eq(feedbackItems.id, itemId)).run();
  }

  surveyScores(surveyId: number): number[] {
    return this.db
      .select({ score: feedbackItems.score })
      .from(surveyAnswers)
      .innerJoin(feedbackItems, eq(feedbackItems.id, surveyAnswers.itemId))
      .where(eq(surveyAnswers.surveyId, surveyId))
      .all()
      .map((r) => r.score);
  }

  dueSurveys(now: Date): SurveyRow[] {
    return this.db
      .select()
      .from(surveys)
      .where(and(isNull(surveys.closedAt), lte(surveys.closesAt, now)))
      .all();
  }

  /** Claims a survey's closing; false when another tick or process closed it. */
  closeSurvey(id: number, at: Date): boolean {
    return (
      this.db
        .update(surveys)
        .set({ closedAt: at })
        .where(and(eq(surveys.id, id), isNull(surveys.closedAt)))
        .run().changes === 1
    );
  }

  /** How many of a group's scores were given on another scale than `scale`. */
  countNotOn(groupId: string, scale: Scale): number {
    return (
      this.#prepare<[string, string], { n: number }>(
        'select count(*) n from feedback_items where group_id = ? and scale <> ?',
      ).get(groupId, scale)?.n ?? 0
    );
  }

  /**
   * One scale's feedback summed over group-local days `from` (included) to `to` (excluded), from
   * the daily sums; scores given on another scale are not in it.
   */
  sums(groupId: string, from: string, to: string, scale: Scale): FeedbackSums {
    const row = this.#prepare<[string, string, string, string], { [K in keyof FeedbackSums]: number | null }>(
      `select sum(count) n, sum(total) total, sum(promoters) promoters, sum(passives) passives, sum(detractors) detractors
       from feedback_daily where group_id = ? and day >= ? and day < ? and scale = ?`,
    ).get(groupId, from, to, scale);
    return {
      n: row?.n ?? 0,
      total: row?.total ?? 0,
      promoters: row?.promoters ?? 0,
      passives: row?.passives ?? 0,
      detractors: row?.detractors ?? 0,
    };
  }

  /**
   * The same report as `computeStats`, aggregated by SQLite instead of reading every row: a
   * quarter of a busy workspace is 100,000 rows, and reading them costs far more than summing them.
   * The stats tests check both give the same answer.
   */
  stats(groupId: string, scale: Scale, bounds: PeriodBounds): FeedbackStats {
    const zone = this.#zoneOf.get(groupId)?.timezone ?? 'UTC';
    // Periods start and end at the group's local midnight, so they are whole days of the sums.
    const days = (r: { from: Date; to: Date }) =>
      [groupId, localDayOf(r.from, zone), localDayOf(r.to, zone)] as [string, string, string];
    const read = (r: { from: Date; to: Date }, on: Scale = scale) => {
      const [, from, to] = days(r);
      return this.sums(groupId, from, to, on);
    };
    const cur = read(bounds.current);
    const prev = read(bounds.previous);
    const range = (r: { from: Date; to: Date }) =>
      [groupId, r.from.getTime(), r.to.getTime()] as [string, number, number];
    const isNps = scale === 'nps';
    const npsOf = (p: typeof cur) => (((p.promoters ?? 0) - (p.detractors ?? 0)) / p.n) * 100;
    const average = !isNps && cur.n > 0 ? (cur.total ?? 0) / cur.n : null;
    const previousAverage = !isNps && prev.n > 0 ? (prev.total ?? 0) / prev.n : null;
    const nps = isNps && cur.n > 0 ? npsOf(cur) : null;
    const previousNps = isNps && prev.n > 0 ? npsOf(prev) : null;
    const topTags = this.#prepare<[string, string, string], { tag: string; count: number }>(
      `select tag, sum(count) count from feedback_daily_tags where group_id = ? and day >= ? and day < ?
         group by tag having count > 0 order by count desc, tag asc limit 5`,
    ).all(...days(bounds.current));
    const perCustomer = this.#prepare<
      [string, string, string, string],
      { name: string; total: number; count: number }
    >(
      `select c.name name, t.total total, t.count count from (
           select customer_id, sum(total) total, sum(count) count from feedback_daily
           where group_id = ? and day >= ? and day < ? and scale = ? group by customer_id having sum(count) > 0
         ) t join customers c on c.id = t.customer_id`,
    ).all(...days(bounds.current), scale);
    // Equal averages compare exactly as cross products of integer sums; then more answers, then name.
    const worst = perCustomer
      .sort(
        (a, b) =>
          a.total * b.count - b.total * a.count ||
          b.count - a.count ||
          (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
      )
      .slice(0, 5)
      .map((r) => ({ name: r.name, average: r.total / r.count, count: r.count }));
    const resolvedWhere = `from feedback_items where group_id = ? and status = 'resolved' and resolved_at >= ? and resolved_at < ?`;
    const resolvedCount =
      this.#prepare<[string, number, number], { n: number }>(`select count(*) n ${resolvedWhere}`).get(
        ...range(bounds.current),
      )?.n ?? 0;
    let medianResolveHours: number | null = null;
    if (resolvedCount > 0) {
      const middle = this.#prepare<[string, number, number, number, number], { h: number }>(
        `select max(0, resolved_at - created_at) / 3600000.0 h ${resolvedWhere} order by h limit ? offset ?`,
      )
        .all(...range(bounds.current), resolvedCount % 2 === 1 ? 1 : 2, (resolvedCount - 1) >> 1)
        .map((r) => r.h);
      medianResolveHours = middle.reduce((a, b) => a + b, 0) / middle.length;
    }
    return {
      count: cur.n,
      average,
      nps:
        nps === null
          ? null
          : {
              score: nps,
              promoters: cur.promoters ?? 0,
              passives: cur.passives ?? 0,
              detractors: cur.detractors ?? 0,
            },
      previous: { count: prev.n, average: previousAverage, nps: previousNps },
      change: {
        count: cur.n - prev.n,
        average: average !== null && previousAverage !== null ? average - previousAverage : null,
        nps: nps !== null && previousNps !== null ? nps - previousNps : null,
      },
      topTags,
      worstCustomers: worst,
      medianResolveHours,
      otherScales: SCALE_NAMES.filter((other) => other !== scale)
        .map((other) => scaleFigures(other, read(bounds.current, other)))
        .filter((other) => other.count > 0),
    };
  }
}
