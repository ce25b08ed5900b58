import { and, asc, eq, lt } from 'drizzle-orm';
import type { Locale } from '../../core/i18n/locale.js';
import type { PlatformName } from '../../core/platform/ids.js';
import type { Db } from '../../db/client.js';
import { groupRoles, groups, members, processedEvents, workspaces } from '../../db/schema.js';
import type { Role } from './people.domain.js';

export type GroupRow = typeof groups.$inferSelect;
export type MemberRow = typeof members.$inferSelect;
export type WorkspaceRow = typeof workspaces.$inferSelect;

export interface SeenMember {
  id: string;
  workspaceId: string;
  displayName: string;
  isPlatformAdmin: boolean;
  isBot: boolean;
  platformTimezone?: string | undefined;
  platformLocale?: Locale | undefined;
}

/** Queries over workspaces, groups, members and roles. */
export class PeopleRepo {
  constructor(private readonly db: Db) {}

  ensureWorkspace(id: string, platform: PlatformName, now: Date): WorkspaceRow {
    this.db.insert(workspaces).values({ id, platform, createdAt: now }).onConflictDoNothing().run();
    return this.db.select().from(workspaces).where(eq(workspaces.id, id)).get() as WorkspaceRow;
  }

  ensureGroup(
    id: string,
    workspaceId: string,
    defaults: { timezone: string; locale: Locale; name?: string | undefined },
    now: Date,
  ): GroupRow {
    this.db
      .insert(groups)
      .values({
        id,
        workspaceId,
        name: defaults.name ?? null,
        timezone: defaults.timezone,
        locale: defaults.locale,
        createdAt: now,
      })
      .onConflictDoNothing()
      .run();
    if (defaults.name) {
      this.db.update(groups).set({ name: defaults.name }).where(eq(groups.id, id)).run();
    }
    return this.db.select().from(groups).where(eq(groups.id, id)).get() as GroupRow;
  }

  /** Records what the platform says about a member; their own choices are never overwritten. */
  upsertSeenMember(seen: SeenMember, activeAt: Date | undefined, now: Date): MemberRow {
    const platformFacts = {
      displayName: seen.displayName,
      isPlatformAdmin: seen.isPlatformAdmin,
      isBot: seen.isBot,
      ...(seen.platformTimezone ? { platformTimezone: seen.platformTimezone } : {}),
      ...(seen.platformLocale ? { platformLocale: seen.platformLocale } : {}),
      ...(activeAt ? { lastActiveAt: activeAt } : {}),
    };
    return this.db
      .insert(members)
      .values({ id: seen.id, workspaceId: seen.workspaceId, createdAt: now, ...platformFacts })
      .onConflictDoUpdate({ target: members.id, set: platformFacts })
      .returning()
      .get();
  }

  /** Makes sure a member mentioned before they ever spoke has a row, named by id until seen. */
  ensureMember(id: string, workspaceId: string, fallbackName: string, now: Date): MemberRow {
    this.db
      .insert(members)
      .values({ id, workspaceId, displayName: fallbackName, createdAt: now })
      .onConflictDoNothing()
      .run();
    return this.db.select().from(members).where(eq(members.id, id)).get() as MemberRow;
  }

  group(id: string): GroupRow | undefined {
    return this.db.select().from(groups).where(eq(groups.id, id)).get();
  }

  member(id: string): MemberRow | undefined {
    return this.db.select().from(members).where(eq(members.id, id)).get();
  }

  updateGroup(
    id: string,
    patch: Partial<Pick<GroupRow, 'timezone' | 'locale' | 'workdays' | 'workStart' | 'workEnd'>>,
    now: Date,
  ) {
    this.db
      .update(groups)
      .set({ ...patch, updatedAt: now })
      .where(eq(groups.id, id))
      .run();
  }

  updateMemberPreferences(id: string, patch: { timezone?: string; locale?: Locale }): void {
    this.db.update(members).set(patch).where(eq(members.id, id)).run();
  }

  rolesOf(groupId: string, memberId: string): string[] {
    return this.db
      .select({ role: groupRoles.role })
      .from(groupRoles)
      .where(and(eq(groupRoles.groupId, groupId), eq(groupRoles.memberId, memberId)))
      .all()
      .map((r) => r.role);
  }

  /** Who to tell about a group's problems: its admins and the workspace's platform admins. */
  adminsOf(groupId: string, workspaceId: string): MemberRow[] {
    const groupAdmins = this.db
      .select({ id: groupRoles.memberId })
      .from(groupRoles)
      .where(and(eq(groupRoles.groupId, groupId), eq(groupRoles.role, 'admin')))
      .all()
      .map((r) => r.id);
    return this.db
      .select()
      .from(members)
      .where(and(eq(members.workspaceId, workspaceId), eq(members.isBot, false)))
      .all()
      .filter((m) => m.isPlatformAdmin || groupAdmins.includes(m.id));
  }

  /** Every group where a member holds a role, with the roles. */
  rolesOfMember(memberId: string): { groupId: string; role: string }[] {
    return this.db
      .select({ groupId: groupRoles.groupId, role: groupRoles.role })
      .from(groupRoles)
      .where(eq(groupRoles.memberId, memberId))
      .orderBy(asc(groupRoles.groupId), asc(groupRoles.assignedAt))
      .all();
  }

  roster(groupId: string): { memberId: string; displayName: string; role: string }[] {
    return this.db
      .select({ memberId: groupRoles.memberId, displayName: members.displayName, role: groupRoles.role })
      .from(groupRoles)
      .innerJoin(members, eq(members.id, groupRoles.memberId))
      .where(eq(groupRoles.groupId, groupId))
      .orderBy(asc(groupRoles.assignedAt), asc(members.displayName))
      .all();
  }

  /** True when the role was newly given. */
  addRole(groupId: string, memberId: string, role: Role, assignedBy: string, now: Date): boolean {
    const result = this.db
      .insert(groupRoles)
      .values({ groupId, memberId, role, assignedBy, assignedAt: now })
      .onConflictDoNothing()
      .run();
    return result.changes === 1;
  }

  /** True when the member held the role. */
  removeRole(groupId: string, memberId: string, role: Role): boolean {
    const result = this.db
      .delete(groupRoles)
      .where(
        and(eq(groupRoles.groupId, groupId), eq(groupRoles.memberId, memberId), eq(groupRoles.role, role)),
      )
      .run();
    return result.changes === 1;
  }

  /** True the first time; false for a retried delivery of the same event. */
  markProcessed(platform: PlatformName, eventId: string, now: Date): boolean {
    const result = this.db
      .insert(processedEvents)
      .values({ platform, eventId, receivedAt: now })
      .onConflictDoNothing()
      .run();
    return result.changes === 1;
  }

  pruneProcessed(before: Date): number {
    return this.db.delete(processedEvents).where(lt(processedEvents.receivedAt, before)).run().changes;
  }
}
