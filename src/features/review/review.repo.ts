import { and, asc, desc, eq, gte, isNull, lte, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/client.js';
import {
  actionItems,
  groupMembers,
  groups,
  members,
  reviewNotes,
  reviewSettings,
  reviews,
} from '../../db/schema.js';

export type ReviewSettingsRow = typeof reviewSettings.$inferSelect;
export type ReviewRow = typeof reviews.$inferSelect;
export type ActionItemRow = typeof actionItems.$inferSelect;
export type ReviewNoteRow = typeof reviewNotes.$inferSelect;

/** A review note as people read it: the author's and editor's names where the directory knows them. */
export interface ReviewNote {
  id: number;
  week: string;
  text: string;
  authorId: string;
  author: string | null;
  at: Date;
  editor: string | null;
  editedAt: Date | null;
}

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

  /** The week's review row, made on its first note. */
  #reviewOf(groupId: string, week: string): ReviewRow {
    this.db.insert(reviews).values({ groupId, week }).onConflictDoNothing().run();
    return this.review(groupId, week) as ReviewRow;
  }

  /** Adds a note to the week's review; the notes before it stay as they are. */
  addNote(groupId: string, week: string, authorId: string, text: string, at: Date): ReviewNoteRow {
    const review = this.#reviewOf(groupId, week);
    return this.db
      .insert(reviewNotes)
      .values({ reviewId: review.id, authorId, text, createdAt: at })
      .returning()
      .get();
  }

  /** One note of the group's reviews, with the week it belongs to; another group's note is not found. */
  note(groupId: string, id: number): (ReviewNoteRow & { week: string }) | undefined {
    return this.db
      .select({ note: reviewNotes, week: reviews.week })
      .from(reviewNotes)
      .innerJoin(reviews, eq(reviews.id, reviewNotes.reviewId))
      .where(and(eq(reviewNotes.id, id), eq(reviews.groupId, groupId)))
      .all()
      .map((r) => ({ ...r.note, week: r.week }))[0];
  }

  /** Replaces one note's text, recording who edited it and when. */
  editNote(id: number, text: string, by: string, at: Date): void {
    this.db.update(reviewNotes).set({ text, editedBy: by, editedAt: at }).where(eq(reviewNotes.id, id)).run();
  }

  /** The notes of the weeks from `fromWeek` on, oldest first, with their authors' and editors' names. */
  notesSince(groupId: string, fromWeek: string, toWeek = '9999-12-31'): ReviewNote[] {
    const editors = alias(members, 'editors');
    return this.db
      .select({
        id: reviewNotes.id,
        week: reviews.week,
        text: reviewNotes.text,
        authorId: reviewNotes.authorId,
        author: members.displayName,
        at: reviewNotes.createdAt,
        editor: editors.displayName,
        editedAt: reviewNotes.editedAt,
      })
      .from(reviewNotes)
      .innerJoin(reviews, eq(reviews.id, reviewNotes.reviewId))
      .leftJoin(members, eq(members.id, reviewNotes.authorId))
      .leftJoin(editors, eq(editors.id, reviewNotes.editedBy))
      .where(and(eq(reviews.groupId, groupId), gte(reviews.week, fromWeek), lte(reviews.week, toWeek)))
      .orderBy(asc(reviewNotes.id))
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
