import type { Statement } from 'better-sqlite3';
import { and, asc, eq, gte, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Locale } from '../../core/i18n/locale.js';
import type { PlatformName } from '../../core/platform/ids.js';
import { visibleName } from '../../core/visible-text.js';
import type { Db } from '../../db/client.js';
import { groupMembers, groupRoles, groups, members, processedEvents, workspaces } from '../../db/schema.js';
import type { Side } from './membership.domain.js';
import { CUSTOMER, SIDE } from './membership.repo.js';
import type { Role } from './people.domain.js';

/** How stale a cached read may be when another process changed the row. */
const CACHE_MS = 5_000;
const CACHE_ENTRIES = 20_000;
/** Rows per multi-row insert of event ids; 3 parameters each stays far under SQLite's limit. */
const PROCESSED_CHUNK = 200;

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
  isDeactivated?: boolean | undefined;
  isGuest?: boolean | undefined;
  organization?: { id: string; name: string } | undefined;
  platformRoles?: readonly string[] | undefined;
  /** Team or customer as the platform facts say (see `Standings`); left as stored when undefined. */
  standing?: { side: Side; customerId: number | null } | undefined;
}

/** Queries over workspaces, groups, members and roles. */
export class PeopleRepo {
  // The per-message reads are prepared once: building and preparing a query costs more than running it.
  readonly #member;
  readonly #group;
  readonly #workspace;
  readonly #roles;
  readonly #standing;
  readonly #hasCustomers;
  readonly #cache = new Map<string, { at: number; value: unknown }>();
  #version = 0;
  readonly #rawInsertProcessed: Statement<[string, string, number]>;
  readonly #rawInsertProcessedChunk: Statement<[(string | number)[]]>;

  constructor(private readonly db: Db) {
    this.#rawInsertProcessedChunk = db.$client.prepare<[(string | number)[]]>(
      `insert into processed_events (platform, event_id, received_at) values ${Array.from({ length: PROCESSED_CHUNK }, () => '(?, ?, ?)').join(', ')} on conflict do nothing`,
    );
    this.#rawInsertProcessed = db.$client.prepare<[string, string, number]>(
      'insert into processed_events (platform, event_id, received_at) values (?, ?, ?) on conflict do nothing',
    );
    this.#member = db
      .select()
      .from(members)
      .where(eq(members.id, sql.placeholder('id')))
      .prepare();
    this.#group = db
      .select()
      .from(groups)
      .where(eq(groups.id, sql.placeholder('id')))
      .prepare();
    this.#workspace = db
      .select()
      .from(workspaces)
      .where(eq(workspaces.id, sql.placeholder('id')))
      .prepare();
    this.#roles = db
      .select({ role: groupRoles.role })
      .from(groupRoles)
      .where(
        and(
          eq(groupRoles.groupId, sql.placeholder('groupId')),
          eq(groupRoles.memberId, sql.placeholder('memberId')),
        ),
      )
      .prepare();
    const inGroup = and(
      eq(groupMembers.groupId, sql.placeholder('groupId')),
      eq(groupMembers.memberId, sql.placeholder('memberId')),
    );
    this.#standing = db
      .select({ side: SIDE, customerId: CUSTOMER, leftAt: groupMembers.leftAt })
      .from(groupMembers)
      .innerJoin(members, eq(members.id, groupMembers.memberId))
      .where(inGroup)
      .prepare();
    this.#hasCustomers = db
      .select({ memberId: groupMembers.memberId })
      .from(groupMembers)
      .innerJoin(members, eq(members.id, groupMembers.memberId))
      .where(
        and(
          eq(groupMembers.groupId, sql.placeholder('groupId')),
          isNull(groupMembers.leftAt),
          sql`${SIDE} = 'customer'`,
        ),
      )
      .limit(1)
      .prepare();
  }

  /** Drops cached answers after a write elsewhere (membership, customer roles). */
  invalidate(): void {
    this.#changed();
  }

  workspace(id: string): WorkspaceRow | undefined {
    return this.#cached(`w:${id}`, () => this.#workspace.get({ id }));
  }

  /** The workspace row, creating it the first time (the common case, a known one, is one prepared read). */
  workspaceOrNew(id: string, platform: PlatformName, now: Date): WorkspaceRow {
    return (
      this.#cached(`w:${id}`, () => this.#workspace.get({ id })) ?? this.ensureWorkspace(id, platform, now)
    );
  }

  /**
   * Reads on the message path go through a small cache. Every write here clears it, so this
   * process always reads its own writes; another process's changes show within CACHE_MS.
   */
  #cached<T>(key: string, load: () => T): T {
    const now = performance.now();
    const hit = this.#cache.get(key);
    if (hit && now - hit.at < CACHE_MS) return hit.value as T;
    const value = load();
    if (this.#cache.size >= CACHE_ENTRIES) this.#cache.clear();
    this.#cache.set(key, { at: now, value });
    return value;
  }

  #changed(): void {
    this.#cache.clear();
    this.#version++;
  }

  /** Goes up with every write here, so callers can keep derived answers until it moves. */
  get version(): number {
    return this.#version;
  }

  ensureWorkspace(id: string, platform: PlatformName, now: Date): WorkspaceRow {
    this.#changed();
    this.db.insert(workspaces).values({ id, platform, createdAt: now }).onConflictDoNothing().run();
    return this.db.select().from(workspaces).where(eq(workspaces.id, id)).get() as WorkspaceRow;
  }

  ensureGroup(
    id: string,
    workspaceId: string,
    defaults: { timezone: string; locale: Locale; name?: string | undefined },
    now: Date,
  ): GroupRow {
    this.#changed();
    const name = visibleName(defaults.name ?? '');
    this.db
      .insert(groups)
      .values({
        id,
        workspaceId,
        name: name || null,
        timezone: defaults.timezone,
        locale: defaults.locale,
        createdAt: now,
      })
      .onConflictDoNothing()
      .run();
    if (name) {
      this.db.update(groups).set({ name }).where(eq(groups.id, id)).run();
    }
    return this.db.select().from(groups).where(eq(groups.id, id)).get() as GroupRow;
  }

  /** Records what the platform says about a member; their own choices are never overwritten. */
  upsertSeenMember(seen: SeenMember, activeAt: Date | undefined, now: Date): MemberRow {
    this.#changed();
    const platformFacts = {
      // A name of only invisible characters shows as nothing: the id's last part stands in.
      displayName: visibleName(seen.displayName) || (seen.id.split(':').pop() as string),
      isPlatformAdmin: seen.isPlatformAdmin,
      isBot: seen.isBot,
      ...(seen.platformTimezone ? { platformTimezone: seen.platformTimezone } : {}),
      ...(seen.platformLocale ? { platformLocale: seen.platformLocale } : {}),
      ...(activeAt ? { lastActiveAt: activeAt } : {}),
      ...(seen.isDeactivated !== undefined ? { isDeactivated: seen.isDeactivated } : {}),
      ...(seen.isGuest !== undefined ? { isGuest: seen.isGuest } : {}),
      ...(seen.organization !== undefined || seen.standing
        ? { organizationId: seen.organization?.id ?? null, organizationName: seen.organization?.name ?? null }
        : {}),
      ...(seen.platformRoles ? { platformRoles: [...seen.platformRoles] } : {}),
      ...(seen.standing
        ? { platformSide: seen.standing.side, platformCustomerId: seen.standing.customerId }
        : {}),
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
    this.#changed();
    this.db
      .insert(members)
      .values({ id, workspaceId, displayName: visibleName(fallbackName) || fallbackName, createdAt: now })
      .onConflictDoNothing()
      .run();
    return this.db.select().from(members).where(eq(members.id, id)).get() as MemberRow;
  }

  group(id: string): GroupRow | undefined {
    return this.#cached(`g:${id}`, () => this.#group.get({ id }));
  }

  member(id: string): MemberRow | undefined {
    return this.#cached(`m:${id}`, () => this.#member.get({ id }));
  }

  updateGroup(
    id: string,
    patch: Partial<Pick<GroupRow, 'timezone' | 'locale' | 'workdays' | 'workStart' | 'workEnd'>>,
    now: Date,
  ) {
    this.#changed();
    this.db
      .update(groups)
      .set({ ...patch, updatedAt: now })
      .where(eq(groups.id, id))
      .run();
  }

  updateMemberPreferences(id: string, patch: { timezone?: string; locale?: Locale }): void {
    this.#changed();
    this.db.update(members).set(patch).where(eq(members.id, id)).run();
  }

  rolesOf(groupId: string, memberId: string): string[] {
    return this.#cached(`r:${groupId}:${memberId}`, () =>
      this.#roles.all({ groupId, memberId }).map((r) => r.role),
    );
  }

  /** True when someone in the group now is on the customer's side: the group is shared with the customer. */
  hasCustomers(groupId: string): boolean {
    return this.#cached(`c:${groupId}`, () => this.#hasCustomers.get({ groupId }) !== undefined);
  }

  /** The member's side in the group and whether they are in it now; undefined when never there. */
  standing(
    groupId: string,
    memberId: string,
  ): { side: Side; customerId: number | null; present: boolean } | undefined {
    return this.#cached(`s:${groupId}:${memberId}`, () => {
      const row = this.#standing.get({ groupId, memberId });
      return (
        row && {
          side: row.side,
          customerId: row.customerId === null ? null : Number(row.customerId),
          present: row.leftAt === null,
        }
      );
    });
  }

  /** The ids of the groups Muster serves in a workspace. */
  groupsOf(workspaceId: string): string[] {
    return this.db
      .select({ id: groups.id })
      .from(groups)
      .where(eq(groups.workspaceId, workspaceId))
      .orderBy(asc(groups.id))
      .all()
      .map((g) => g.id);
  }

  /** Who to tell about a group's problems: its admins and the workspace's platform admins. */
  adminsOf(groupId: string, workspaceId: string): MemberRow[] {
    return this.#admins(workspaceId, eq(groupRoles.groupId, groupId));
  }

  /** Who to tell about a workspace-wide problem: its platform admins and every group's admins. */
  workspaceAdmins(workspaceId: string): MemberRow[] {
    return this.#admins(workspaceId, eq(groups.workspaceId, workspaceId));
  }

  /** The workspace's platform admins and the holders of the admin role in the groups `scope` selects. */
  #admins(workspaceId: string, scope: SQL): MemberRow[] {
    const groupAdmins = this.db
      .select({ id: groupRoles.memberId })
      .from(groupRoles)
      .innerJoin(groups, eq(groups.id, groupRoles.groupId))
      .where(and(scope, eq(groupRoles.role, 'admin')));
    return this.db
      .select()
      .from(members)
      .where(
        and(
          eq(members.workspaceId, workspaceId),
          eq(members.isBot, false),
          or(eq(members.isPlatformAdmin, true), inArray(members.id, groupAdmins)),
        ),
      )
      .orderBy(asc(members.id))
      .all();
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
    this.#changed();
    const result = this.db
      .insert(groupRoles)
      .values({ groupId, memberId, role, assignedBy, assignedAt: now })
      .onConflictDoNothing()
      .run();
    return result.changes === 1;
  }

  /** True when the member held the role. */
  removeRole(groupId: string, memberId: string, role: Role): boolean {
    this.#changed();
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

  /** Event ids handled since `since`, to seed the in-memory dedupe after a restart. */
  processedSince(since: Date, limit: number): { platform: string; eventId: string }[] {
    return this.db
      .select({ platform: processedEvents.platform, eventId: processedEvents.eventId })
      .from(processedEvents)
      .where(gte(processedEvents.receivedAt, since))
      .limit(limit)
      .all();
  }

  markProcessedBatch(rows: readonly { platform: PlatformName; eventId: string; at: Date }[]): void {
    if (rows.length === 0) return;
    // Thousands of rows a flush: a raw prepared statement, since the query builder costs more per row than SQLite.
    // Many rows per statement: each statement step costs more than the row it writes.
    const chunk = this.#rawInsertProcessedChunk;
    const single = this.#rawInsertProcessed;
    this.db.$client.transaction(() => {
      let i = 0;
      for (; i + PROCESSED_CHUNK <= rows.length; i += PROCESSED_CHUNK) {
        const values: (string | number)[] = [];
        for (let j = i; j < i + PROCESSED_CHUNK; j++) {
          const row = rows[j] as (typeof rows)[number];
          values.push(row.platform, row.eventId, row.at.getTime());
        }
        chunk.run(values);
      }
      for (; i < rows.length; i++) {
        const row = rows[i] as (typeof rows)[number];
        single.run(row.platform, row.eventId, row.at.getTime());
      }
    })();
  }

  pruneProcessed(before: Date): number {
    return this.db.delete(processedEvents).where(lt(processedEvents.receivedAt, before)).run().changes;
  }
}
