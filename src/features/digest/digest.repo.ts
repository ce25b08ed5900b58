import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { digestSubscriptions, groupRoles, groups } from '../../db/schema.js';
import type { Cadence } from './digest.schedule.js';

export type SubscriptionRow = typeof digestSubscriptions.$inferSelect;

/** Digest subscriptions, and which groups a manager manages. */
export class DigestRepo {
  constructor(private readonly db: Db) {}

  /** A member's digests in a workspace: daily, weekly, or both. */
  subscriptions(workspaceId: string, memberId: string): SubscriptionRow[] {
    return this.db
      .select()
      .from(digestSubscriptions)
      .where(
        and(eq(digestSubscriptions.workspaceId, workspaceId), eq(digestSubscriptions.memberId, memberId)),
      )
      .orderBy(digestSubscriptions.cadence)
      .all();
  }

  subscribe(row: {
    workspaceId: string;
    memberId: string;
    cadence: Cadence;
    time: string;
    createdAt: Date;
  }): void {
    this.db
      .insert(digestSubscriptions)
      .values(row)
      .onConflictDoUpdate({
        target: [digestSubscriptions.workspaceId, digestSubscriptions.memberId, digestSubscriptions.cadence],
        set: { time: row.time },
      })
      .run();
  }

  /** Ends one cadence, or every digest of the member when none is named; true when one ended. */
  unsubscribe(workspaceId: string, memberId: string, cadence?: Cadence): boolean {
    return (
      this.db
        .delete(digestSubscriptions)
        .where(
          and(
            eq(digestSubscriptions.workspaceId, workspaceId),
            eq(digestSubscriptions.memberId, memberId),
            cadence ? eq(digestSubscriptions.cadence, cadence) : undefined,
          ),
        )
        .run().changes > 0
    );
  }

  /** Every subscription with what decides its reader's local time. */
  all(): (SubscriptionRow & {
    timezone: string | null;
    platformTimezone: string | null;
    workspaceTimezone: string | null;
  })[] {
    return this.db.$client
      .prepare<
        [],
        SubscriptionRow & {
          timezone: string | null;
          platformTimezone: string | null;
          workspaceTimezone: string | null;
        }
      >(
        `select s.workspace_id workspaceId, s.member_id memberId, s.cadence cadence, s.time time, s.created_at createdAt,
           m.timezone timezone, m.platform_timezone platformTimezone, w.default_timezone workspaceTimezone
         from digest_subscriptions s join members m on m.id = s.member_id join workspaces w on w.id = s.workspace_id`,
      )
      .all()
      .map((r) => ({ ...r, createdAt: new Date(r.createdAt) }));
  }

  /** Workspaces of a platform where this platform user manages at least one group. */
  managedWorkspaces(platform: string, userId: string): string[] {
    return this.db.$client
      .prepare<[string, string], { id: string }>(
        `select distinct g.workspace_id id from group_roles r join groups g on g.id = r.group_id
         where r.role = 'manager' and r.member_id = g.workspace_id || ':' || ? and g.workspace_id like ? || ':%'
         order by id`,
      )
      .all(userId, platform)
      .map((r) => r.id);
  }

  /** Groups of a workspace where the member holds the manager role, by name. */
  managedGroups(workspaceId: string, memberId: string): { id: string; timezone: string }[] {
    return this.db
      .select({ id: groups.id, timezone: groups.timezone })
      .from(groupRoles)
      .innerJoin(groups, eq(groups.id, groupRoles.groupId))
      .where(
        and(
          eq(groupRoles.memberId, memberId),
          eq(groupRoles.role, 'manager'),
          eq(groups.workspaceId, workspaceId),
        ),
      )
      .orderBy(groups.name, groups.id)
      .all();
  }
}
