import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { groupActivity, members } from '../../db/schema.js';

/**
 * Last activity per member per group, kept in memory and written in one transaction every few
 * seconds (and on stop), so a busy group costs one write per member per flush, not one per message.
 * @example tracker.touch('slack:T1:C1', 'slack:T1:U1', now); tracker.flush()
 */
export class ActivityTracker {
  readonly #pending = new Map<string, { groupId: string; memberId: string; at: number }>();
  readonly #left = new Map<string, { groupId: string; memberId: string; at: number }>();

  constructor(private readonly db: Db) {}

  touch(groupId: string, memberId: string, at: Date): void {
    const key = `${groupId}\u0000${memberId}`;
    const known = this.#pending.get(key);
    if (!known || known.at < at.getTime()) this.#pending.set(key, { groupId, memberId, at: at.getTime() });
    this.#left.delete(key);
  }

  left(groupId: string, memberId: string, at: Date): void {
    const key = `${groupId}\u0000${memberId}`;
    this.#pending.delete(key);
    this.#left.set(key, { groupId, memberId, at: at.getTime() });
  }

  /** How many rows wait for the next flush. */
  get pending(): number {
    return this.#pending.size + this.#left.size;
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
    const left = [...this.#left.values()];
    this.#pending.clear();
    this.#left.clear();
    this.db.transaction((tx) => {
      for (const row of touched) {
        const at = new Date(row.at);
        tx.insert(groupActivity)
          .values({ groupId: row.groupId, memberId: row.memberId, lastActiveAt: at })
          .onConflictDoUpdate({
            target: [groupActivity.groupId, groupActivity.memberId],
            set: {
              lastActiveAt: sql`max(${groupActivity.lastActiveAt}, ${row.at})`,
              leftAt: null,
            },
          })
          .run();
        tx.update(members)
          .set({ lastActiveAt: sql`max(coalesce(${members.lastActiveAt}, 0), ${row.at})` })
          .where(sql`${members.id} = ${row.memberId}`)
          .run();
      }
      for (const row of left) {
        tx.insert(groupActivity)
          .values({
            groupId: row.groupId,
            memberId: row.memberId,
            lastActiveAt: new Date(row.at),
            leftAt: new Date(row.at),
          })
          .onConflictDoUpdate({
            target: [groupActivity.groupId, groupActivity.memberId],
            set: { leftAt: new Date(row.at) },
          })
          .run();
      }
    });
    return touched.length + left.length;
  }
}
