import { and, asc, eq, isNull, lt, lte } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { groupActivity, groupRoles, members, pruneMembers, prunes } from '../../db/schema.js';

export type PruneRow = typeof prunes.$inferSelect;

export interface InactiveMember {
  memberId: string;
  displayName: string;
  lastActiveAt: Date;
}

/** Queries over group activity and prunes. */
export class MembersRepo {
  constructor(private readonly db: Db) {}

  /**
   * Members silent in the group since `before`, leaving out bots, platform admins and anyone
   * holding a role or duty there: people with a job in the group are never pruned.
   */
  inactive(groupId: string, before: Date): InactiveMember[] {
    const withRoles = new Set(
      this.db
        .select({ id: groupRoles.memberId })
        .from(groupRoles)
        .where(eq(groupRoles.groupId, groupId))
        .all()
        .map((r) => r.id),
    );
    return this.db
      .select({
        memberId: groupActivity.memberId,
        displayName: members.displayName,
        lastActiveAt: groupActivity.lastActiveAt,
      })
      .from(groupActivity)
      .innerJoin(members, eq(members.id, groupActivity.memberId))
      .where(
        and(
          eq(groupActivity.groupId, groupId),
          isNull(groupActivity.leftAt),
          lt(groupActivity.lastActiveAt, before),
          eq(members.isBot, false),
          eq(members.isPlatformAdmin, false),
        ),
      )
      .orderBy(asc(groupActivity.lastActiveAt))
      .all()
      .filter((m) => !withRoles.has(m.memberId));
  }

  lastActive(groupId: string, memberId: string): Date | undefined {
    return this.db
      .select({ at: groupActivity.lastActiveAt })
      .from(groupActivity)
      .where(and(eq(groupActivity.groupId, groupId), eq(groupActivity.memberId, memberId)))
      .get()?.at;
  }

  createPrune(
    groupId: string,
    startedBy: string,
    days: number,
    candidates: InactiveMember[],
    now: Date,
  ): PruneRow {
    return this.db.transaction((tx) => {
      const prune = tx
        .insert(prunes)
        .values({ groupId, startedBy, days, status: 'proposed', createdAt: now })
        .returning()
        .get();
      for (const c of candidates) {
        tx.insert(pruneMembers)
          .values({
            pruneId: prune.id,
            memberId: c.memberId,
            lastActiveAt: c.lastActiveAt,
            outcome: 'pending',
          })
          .run();
      }
      return prune;
    });
  }

  prune(id: number): PruneRow | undefined {
    return this.db.select().from(prunes).where(eq(prunes.id, id)).get();
  }

  candidates(pruneId: string | number) {
    return this.db
      .select()
      .from(pruneMembers)
      .where(eq(pruneMembers.pruneId, Number(pruneId)))
      .all();
  }

  /** Moves a prune from one state to the next; false when someone else already did (double click, second process). */
  transition(
    id: number,
    from: PruneRow['status'],
    to: PruneRow['status'],
    patch: Partial<PruneRow> = {},
  ): boolean {
    return (
      this.db
        .update(prunes)
        .set({ ...patch, status: to })
        .where(and(eq(prunes.id, id), eq(prunes.status, from)))
        .run().changes === 1
    );
  }

  /** Confirmed prunes whose grace period is over. */
  due(now: Date): PruneRow[] {
    return this.db
      .select()
      .from(prunes)
      .where(and(eq(prunes.status, 'warned'), lte(prunes.graceUntil, now)))
      .all();
  }

  setOutcome(pruneId: number, memberId: string, outcome: 'kept' | 'removed' | 'fallback'): void {
    this.db
      .update(pruneMembers)
      .set({ outcome })
      .where(and(eq(pruneMembers.pruneId, pruneId), eq(pruneMembers.memberId, memberId)))
      .run();
  }
}
