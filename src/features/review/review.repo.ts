import { and, asc, desc, eq, gte, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { actionItems, groupMembers, groups, members, reviewSettings, reviews } from '../../db/schema.js';

export type ReviewSettingsRow = typeof reviewSettings.$inferSelect;
export type ReviewRow = typeof reviews.$inferSelect;
export type ActionItemRow = typeof actionItems.$inferSelect;

/** Review settings, the weekly notes and action items. */
export class ReviewRepo {
  constructor(private readonly db: Db) {}

  settings(groupId: string): ReviewSettingsRow | undefined {
    return this.db.select().from(reviewSettings).where(eq(reviewSettings.groupId, groupId)).get();
  }

  saveSettings(row: typeof reviewSettings.$inferInsert): ReviewSettingsRow {
    const { groupId: _key, ...set } = row;
    return this.db
      .insert(reviewSettings)
      .values(row)
      .onConflictDoUpdate({ target: reviewSettings.groupId, set })
      .returning()
      .get();
  }

  /** Groups with reviews on, with the timezone their schedule is kept in. */
  enabled(): { settings: ReviewSettingsRow; zone: string }[] {
    return this.db
      .select({ settings: reviewSettings, zone: groups.timezone })
      .from(reviewSettings)
      .innerJoin(groups, eq(groups.id, reviewSettings.groupId))
      .where(eq(reviewSettings.enabled, true))
      .all();
  }

  review(groupId: string, week: string): ReviewRow | undefined {
    return this.db
      .select()
      .from(reviews)
      .where(and(eq(reviews.groupId, groupId), eq(reviews.week, week)))
      .get();
  }

  saveNotes(groupId: string, week: string, notes: string, by: string, at: Date): ReviewRow {
    const set = { notes, notesBy: by, notesAt: at };
    return this.db
      .insert(reviews)
      .values({ groupId, week, ...set })
      .onConflictDoUpdate({ target: [reviews.groupId, reviews.week], set })
      .returning()
      .get();
  }

  /** Weeks from `fromWeek` on that have notes, newest first. */
  reviewsSince(groupId: string, fromWeek: string): ReviewRow[] {
    return this.db
      .select()
      .from(reviews)
      .where(and(eq(reviews.groupId, groupId), gte(reviews.week, fromWeek)))
      .orderBy(desc(reviews.week))
      .all();
  }

  addAction(row: Omit<typeof actionItems.$inferInsert, 'id'>): ActionItemRow {
    return this.db.insert(actionItems).values(row).returning().get();
  }

  action(id: number): ActionItemRow | undefined {
    return this.db.select().from(actionItems).where(eq(actionItems.id, id)).get();
  }

  /** Marks an open item done; false when it was already done (a second click, a retry). */
  markDone(id: number, by: string, at: Date): boolean {
    return (
      this.db
        .update(actionItems)
        .set({ status: 'done', doneBy: by, doneAt: at })
        .where(and(eq(actionItems.id, id), eq(actionItems.status, 'open')))
        .run().changes === 1
    );
  }

  /** Items agreed in the weeks from `fromWeek` on, oldest first. */
  actionsSince(groupId: string, fromWeek: string): ActionItemRow[] {
    return this.db
      .select()
      .from(actionItems)
      .where(and(eq(actionItems.groupId, groupId), gte(actionItems.week, fromWeek)))
      .orderBy(asc(actionItems.id))
      .all();
  }

  /** Open items due between two days (the reminder job widens the window by a day for timezones). */
  openDueBetween(fromDay: string, toDay: string): ActionItemRow[] {
    return this.db
      .select()
      .from(actionItems)
      .where(
        and(eq(actionItems.status, 'open'), gte(actionItems.dueDay, fromDay), lte(actionItems.dueDay, toDay)),
      )
      .all();
  }

  /** People in a group, most recently active first, those who never spoke last (bots and those who left aside). */
  recentMembers(groupId: string, limit: number): { memberId: string; name: string }[] {
    return this.db
      .select({ memberId: members.id, name: members.displayName })
      .from(groupMembers)
      .innerJoin(members, eq(members.id, groupMembers.memberId))
      .where(
        and(
          eq(groupMembers.groupId, groupId),
          isNull(groupMembers.leftAt),
          eq(members.isBot, false),
          eq(members.isDeactivated, false),
        ),
      )
      .orderBy(
        sql`${groupMembers.lastActiveAt} is null`,
        desc(groupMembers.lastActiveAt),
        asc(members.displayName),
      )
      .limit(limit)
      .all();
  }

  /** A member's open items in every group, for their Home page. */
  openOwnedBy(ownerId: string): ActionItemRow[] {
    return this.db
      .select()
      .from(actionItems)
      .where(and(eq(actionItems.ownerId, ownerId), eq(actionItems.status, 'open')))
      .orderBy(asc(actionItems.id))
      .all();
  }
}
