import { and, desc, eq, gte, inArray, isNull, lt, lte, ne, or } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  customers,
  feedbackHistory,
  feedbackItems,
  feedbackSettings,
  surveyAnswers,
  surveys,
} from '../../db/schema.js';

export type CustomerRow = typeof customers.$inferSelect;
export type FeedbackRow = typeof feedbackItems.$inferSelect;
export type FeedbackSettingsRow = typeof feedbackSettings.$inferSelect;
export type SurveyRow = typeof surveys.$inferSelect;

/** Queries over customers, feedback items, their history and the groups' feedback settings. */
export class FeedbackRepo {
  readonly #statsRows;

  constructor(private readonly db: Db) {
    this.#statsRows = db.$client.prepare<[string, number, number]>(
      `select id, customer_id, score, tags, created_at, resolved_at, status from feedback_items
       where group_id = ? and (created_at >= ? or (status = 'resolved' and resolved_at >= ?))`,
    );
  }

  settings(groupId: string): FeedbackSettingsRow | undefined {
    return this.db.select().from(feedbackSettings).where(eq(feedbackSettings.groupId, groupId)).get();
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
    return this.db.select().from(customers).where(eq(customers.id, id)).get();
  }

  customerByKey(workspaceId: string, key: string): CustomerRow | undefined {
    return this.db
      .select()
      .from(customers)
      .where(and(eq(customers.workspaceId, workspaceId), eq(customers.key, key)))
      .get();
  }

  /** The customer with this normalized name, created on first mention. */
  ensureCustomer(workspaceId: string, key: string, name: string, now: Date): CustomerRow {
    this.db.insert(customers).values({ workspaceId, key, name, createdAt: now }).onConflictDoNothing().run();
    return this.customerByKey(workspaceId, key) as CustomerRow;
  }

  setCrmAccount(customerId: number, crmAccountId: string): void {
    this.db.update(customers).set({ crmAccountId }).where(eq(customers.id, customerId)).run();
  }

  insert(row: Omit<typeof feedbackItems.$inferInsert, 'id'>): FeedbackRow {
    return this.db.insert(feedbackItems).values(row).returning().get();
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

  history(
    itemId: number,
    actorId: string | null,
    action: string,
    details: Record<string, unknown>,
    at: Date,
  ): void {
    this.db.insert(feedbackHistory).values({ itemId, actorId, action, details, at }).run();
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

  /** Low scores whose alert never went out (the process stopped between saving and alerting). */
  unalerted(ids: readonly number[]): FeedbackRow[] {
    if (ids.length === 0) return [];
    return this.db
      .select()
      .from(feedbackItems)
      .where(and(inArray(feedbackItems.id, ids), isNull(feedbackItems.alertedAt)))
      .all();
  }

  /** Unresolved items created before `before`, not yet escalated (the caller checks the score). */
  unresolvedBefore(before: Date): FeedbackRow[] {
    return this.db
      .select()
      .from(feedbackItems)
      .where(
        and(
          ne(feedbackItems.status, 'resolved'),
          lt(feedbackItems.createdAt, before),
          isNull(feedbackItems.escalatedAt),
        ),
      )
      .all();
  }

  /** Items of the last day not yet alerted, for the minute job's safety net. */
  recentUnalerted(since: Date): FeedbackRow[] {
    return this.db
      .select()
      .from(feedbackItems)
      .where(and(gte(feedbackItems.createdAt, since), isNull(feedbackItems.alertedAt)))
      .all();
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

  /**
   * The same rows as `forStats`, read raw (no row objects, no column mapping): a quarter of a busy
   * workspace is tens of thousands of rows, and the query builder's per-row work would dominate.
   */
  forStatsFast(groupId: string, from: Date, resolvedFrom: Date) {
    const rows = this.#statsRows.raw(true).all(groupId, from.getTime(), resolvedFrom.getTime()) as [
      number,
      number,
      string,
      string,
      number,
      number | null,
      FeedbackRow['status'],
    ][];
    const names = new Map<number, { key: string; name: string }>();
    return rows.map(([id, customerId, _scoreless, tags, createdAt, resolvedAt, status]) => {
      let customer = names.get(customerId);
      if (!customer) {
        const row = this.customer(customerId);
        customer = { key: row?.key ?? '', name: row?.name ?? '' };
        names.set(customerId, customer);
      }
      return {
        id,
        customerKey: customer.key,
        customerName: customer.name,
        score: Number(_scoreless),
        tags: JSON.parse(tags) as string[],
        createdAt: new Date(createdAt),
        resolvedAt: resolvedAt === null ? null : new Date(resolvedAt),
        status,
      };
    });
  }

  /**
   * Items of a group for stats: created since `from`, or resolved since `resolvedFrom` (time to
   * resolve counts what was resolved in the period, whenever it came in).
   */
  forStats(groupId: string, from: Date, resolvedFrom: Date) {
    return this.db
      .select({ item: feedbackItems, customerName: customers.name, customerKey: customers.key })
      .from(feedbackItems)
      .innerJoin(customers, eq(customers.id, feedbackItems.customerId))
      .where(
        and(
          eq(feedbackItems.groupId, groupId),
          or(
            gte(feedbackItems.createdAt, from),
            and(eq(feedbackItems.status, 'resolved'), gte(feedbackItems.resolvedAt, resolvedFrom)),
          ),
        ),
      )
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
    this.db.update(feedbackItems).set({ score }).where(eq(feedbackItems.id, itemId)).run();
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
}
