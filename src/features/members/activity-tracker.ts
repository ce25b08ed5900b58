import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { groupMembers, members } from '../../db/schema.js';

/**
 * Last activity per member per group (`group_members`), kept in memory and written in one transaction every few
 * seconds (and on stop), so a busy group costs one write per member per flush, not one per message.
 * @example tracker.touch('slack:T1:C1', 'slack:T1:U1', now); tracker.flush()
 */
export class ActivityTracker {
  readonly #pending = new Map<string, { groupId: string; memberId: string; at: number }>();
  readonly #leaving = new Map<string, { groupId: string; memberId: string; at: number }>();

  readonly #touch;
  readonly #memberSeen;
  readonly #leftStmt;

  constructor(private readonly db: Db) {
    const at = sql.placeholder('at');
    // Raw SQL gets no column mapping, so it takes the time as milliseconds.
    const atMs = sql.placeholder('atMs');
    this.#touch = db
      .insert(groupMembers)
      .values({
        groupId: sql.placeholder('groupId'),
        memberId: sql.placeholder('memberId'),
        joinedAt: at,
        lastActiveAt: at,
      })
      .onConflictDoUpdate({
        target: [groupMembers.groupId, groupMembers.memberId],
        set: {
          lastActiveAt: sql`max(coalesce(${groupMembers.lastActiveAt}, 0), excluded.last_active_at)`,
          // Someone who had left and acts in the group again is back from now.
          joinedAt: sql`case when ${groupMembers.leftAt} is not null then excluded.joined_at else ${groupMembers.joinedAt} end`,
          leftAt: null,
        },
      })
      .prepare();
    this.#memberSeen = db
      .update(members)
      .set({ lastActiveAt: sql`max(coalesce(${members.lastActiveAt}, 0), ${atMs})` })
      .where(eq(members.id, sql.placeholder('memberId')))
      .prepare();
    this.#leftStmt = db
      .insert(groupMembers)
      .values({
        groupId: sql.placeholder('groupId'),
        memberId: sql.placeholder('memberId'),
        joinedAt: at,
        leftAt: at,
      })
      .onConflictDoUpdate({
        target: [groupMembers.groupId, groupMembers.memberId],
        set: { leftAt: sql`coalesce(${groupMembers.leftAt}, excluded.left_at)` },
      })
      .prepare();
  }

  touch(groupId: string, memberId: string, at: Date): void {
    const key = `${groupId}\u0000${memberId}`;
    const time = at.getTime();
    const known = this.#pending.get(key);
    if (!known) this.#pending.set(key, { groupId, memberId, at: time });
    else if (known.at < time) known.at = time;
    if (this.#leaving.size) this.#leaving.delete(key);
  }

  left(groupId: string, memberId: string, at: Date): void {
    const key = `${groupId}\u0000${memberId}`;
    this.#pending.delete(key);
    this.#leaving.set(key, { groupId, memberId, at: at.getTime() });
  }

  /** How many rows wait for the next flush. */
  get pending(): number {
    return this.#pending.size + this.#leaving.size;
  }

  /** The latest activity not yet written, so reads see it before the flush. */
  unflushed(groupId: string, memberId: string): Date | undefined {
    const at = this.#pending.get(`${groupId}\u0000${memberId}`)?.at;
    return at === undefined ? undefined : new Date(at);
  }

  /** Writes everything pending in one transaction; returns how many rows were written. */
  flush(): number {
    if (this.pending === 0) return 0;
    const touched = [...this.#pending.values()];
    const left = [...this.#leaving.values()];
    this.#pending.clear();
    this.#leaving.clear();
    try {
      this.db.transaction(() => {
        for (const row of touched) {
          this.#touch.run({ groupId: row.groupId, memberId: row.memberId, at: new Date(row.at) });
          this.#memberSeen.run({ memberId: row.memberId, atMs: row.at });
        }
        for (const row of left)
          this.#leftStmt.run({ groupId: row.groupId, memberId: row.memberId, at: new Date(row.at) });
      });
    } catch (error) {
      // Kept for the next flush rather than lost: activity decides who gets pruned.
      for (const row of touched) this.touch(row.groupId, row.memberId, new Date(row.at));
      for (const row of left) this.left(row.groupId, row.memberId, new Date(row.at));
      throw error;
    }
    return touched.length + left.length;
  }
}
