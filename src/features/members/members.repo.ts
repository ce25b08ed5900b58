import { and, asc, eq, isNull, lt, lte, not, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { customers, groupMembers, members, pruneMembers, prunes } from '../../db/schema.js';
import type { Side } from '../people/membership.domain.js';
import { CUSTOMER, holdsRole, SIDE } from '../people/membership.repo.js';

export type PruneRow = typeof prunes.$inferSelect;

export interface InactiveMember {
  memberId: string;
  displayName: string;
  /** When they joined (or came back), or were first found in the group. */
  joinedAt: Date;
  /** Their last message, command or click there; null when none since joining. */
  lastActiveAt: Date | null;
  side: Side;
  customerName: string | null;
}

/** Inactivity counts from the later of joining and the last activity. */
const SILENT_SINCE = sql<number>`max(${groupMembers.joinedAt}, coalesce(${groupMembers.lastActiveAt}, 0))`;

/** Queries over group activity and prunes. */
export class MembersRepo {
  constructor(private readonly db: Db) {}

  /**
   * Members silent in the group since `before` (counted from the later of their join and their
   * last activity), leaving out bots, deactivated accounts, platform admins and anyone holding a
   * role or duty there: people with a job in the group are never pruned. Longest silent first.
   */
  inactive(groupId: string, before: Date): InactiveMember[] {
    return this.db
      .select({
        memberId: groupMembers.memberId,
        displayName: members.displayName,
        joinedAt: groupMembers.joinedAt,
        lastActiveAt: groupMembers.lastActiveAt,
        side: SIDE,
        customerName: customers.name,
      })
      .from(groupMembers)
      .innerJoin(members, eq(members.id, groupMembers.memberId))
      .leftJoin(customers, eq(customers.id, CUSTOMER))
      .where(
        and(
          eq(groupMembers.groupId, groupId),
          isNull(groupMembers.leftAt),
          lt(SILENT_SINCE, before.getTime()),
          eq(members.isBot, false),
          eq(members.isDeactivated, false),
          eq(members.isPlatformAdmin, false),
          not(holdsRole(this.db)),
        ),
      )
      .orderBy(asc(SILENT_SINCE), asc(members.displayName))
      .all();
  }

  /** When the member was last active in the group, if ever. */
  lastActive(groupId: string, memberId: string): Date | undefined {
    return (
      this.db
        .select({ at: groupMembers.lastActiveAt })
        .from(groupMembers)
        .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.memberId, memberId)))
        .get()?.at ?? undefined
    );
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
