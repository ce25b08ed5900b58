import { and, asc, eq, exists, isNotNull, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { customerRoles, customers, groupMembers, groupRoles, members, rosterSyncs } from '../../db/schema.js';
import { customerDisplayName, customerKey } from '../feedback/feedback.customers.js';
import type { Side } from './membership.domain.js';

export type GroupMemberRow = typeof groupMembers.$inferSelect;

/** One person in a group as `/members` and the features built on it read them. */
export interface GroupMemberView {
  memberId: string;
  displayName: string;
  side: Side;
  customerId: number | null;
  customerName: string | null;
  joinedAt: Date;
  lastActiveAt: Date | null;
  isBot: boolean;
  isDeactivated: boolean;
  isPlatformAdmin: boolean;
  timezone: string | null;
  locale: 'en' | 'zh-CN' | null;
}

/** The side in a group: an admin's word there, else what the platform says about the person. */
export const SIDE = sql<Side>`coalesce(${groupMembers.side}, ${members.platformSide})`;
export const CUSTOMER = sql<
  number | null
>`case when ${groupMembers.side} is not null then ${groupMembers.customerId} else ${members.platformCustomerId} end`;

/**
 * True when a `group_members` row's person holds a role in its group (`role`, or any): those with a
 * job there are never pruned, and observers are not expected at standups.
 */
export function holdsRole(db: Db, role?: string): SQL {
  return exists(
    db
      .select({ one: sql`1` })
      .from(groupRoles)
      .where(
        and(
          eq(groupRoles.groupId, groupMembers.groupId),
          eq(groupRoles.memberId, groupMembers.memberId),
          role === undefined ? undefined : eq(groupRoles.role, role),
        ),
      ),
  );
}

/**
 * Queries over who is in which group (`group_members`), the workspace's customer roles and the
 * progress of interrupted listings.
 */
export class MembershipRepo {
  readonly #present;
  readonly #listed;

  constructor(
    private readonly db: Db,
    /** Told of every write, so cached answers about people are dropped. */
    private readonly changed: () => void,
  ) {
    const at = sql.placeholder('at');
    // A new row joins now; a row that had left comes back now (its history stays); others keep their join.
    const comeBack = {
      joinedAt: sql`case when ${groupMembers.leftAt} is not null then excluded.joined_at else ${groupMembers.joinedAt} end`,
      leftAt: null,
    };
    this.#present = db
      .insert(groupMembers)
      .values({ groupId: sql.placeholder('groupId'), memberId: sql.placeholder('memberId'), joinedAt: at })
      .onConflictDoUpdate({ target: [groupMembers.groupId, groupMembers.memberId], set: comeBack })
      .prepare();
    this.#listed = db
      .insert(groupMembers)
      .values({
        groupId: sql.placeholder('groupId'),
        memberId: sql.placeholder('memberId'),
        joinedAt: at,
        listedAt: at,
      })
      .onConflictDoUpdate({
        target: [groupMembers.groupId, groupMembers.memberId],
        set: { ...comeBack, listedAt: sql`excluded.listed_at` },
      })
      .prepare();
  }

  /** The members are in the group from `at` (a join, or first found there); `listed` when a platform listing named them. */
  present(groupId: string, memberIds: readonly string[], at: Date, listed: boolean): void {
    if (memberIds.length === 0) return;
    this.changed();
    const statement = listed ? this.#listed : this.#present;
    this.db.transaction(() => {
      for (const memberId of memberIds) statement.run({ groupId, memberId, at });
    });
  }

  /** True when the member was in the group and now has left it. */
  left(groupId: string, memberId: string, at: Date): boolean {
    this.changed();
    return (
      this.db
        .update(groupMembers)
        .set({ leftAt: at })
        .where(
          and(
            eq(groupMembers.groupId, groupId),
            eq(groupMembers.memberId, memberId),
            isNull(groupMembers.leftAt),
          ),
        )
        .run().changes === 1
    );
  }

  /** After a full listing that started at `startedAt`: whoever was there before it and was not named has left. */
  leftUnlisted(groupId: string, startedAt: Date, at: Date): number {
    this.changed();
    return this.db
      .update(groupMembers)
      .set({ leftAt: at })
      .where(
        and(
          eq(groupMembers.groupId, groupId),
          isNull(groupMembers.leftAt),
          lt(groupMembers.joinedAt, startedAt),
          or(isNull(groupMembers.listedAt), lt(groupMembers.listedAt, startedAt)),
        ),
      )
      .run().changes;
  }

  /** An admin's word on a member's side in one group (`customerId` with the customer side). */
  setSide(
    groupId: string,
    memberId: string,
    side: Side,
    customerId: number | null,
    by: string,
    now: Date,
  ): void {
    this.changed();
    this.db
      .insert(groupMembers)
      .values({ groupId, memberId, joinedAt: now, side, customerId, sideSetBy: by })
      .onConflictDoUpdate({
        target: [groupMembers.groupId, groupMembers.memberId],
        set: { side, customerId, sideSetBy: by },
      })
      .run();
  }

  /** Everyone in the group now, by name. */
  inGroup(groupId: string): GroupMemberView[] {
    return this.db
      .select({
        memberId: groupMembers.memberId,
        displayName: members.displayName,
        side: SIDE,
        customerId: CUSTOMER,
        customerName: customers.name,
        joinedAt: groupMembers.joinedAt,
        lastActiveAt: groupMembers.lastActiveAt,
        isBot: members.isBot,
        isDeactivated: members.isDeactivated,
        isPlatformAdmin: members.isPlatformAdmin,
        timezone: sql<string | null>`coalesce(${members.timezone}, ${members.platformTimezone})`,
        locale: sql<'en' | 'zh-CN' | null>`coalesce(${members.locale}, ${members.platformLocale})`,
      })
      .from(groupMembers)
      .innerJoin(members, eq(members.id, groupMembers.memberId))
      .leftJoin(customers, eq(customers.id, CUSTOMER))
      .where(and(eq(groupMembers.groupId, groupId), isNull(groupMembers.leftAt)))
      .orderBy(asc(members.displayName), asc(groupMembers.memberId))
      .all()
      .map((row) => ({
        ...row,
        // Raw SQL columns come back as stored: the instant columns are milliseconds.
        customerId: row.customerId === null ? null : Number(row.customerId),
      }));
  }

  /** The workspace's customer roles: platform role id → customer id (null: not named). */
  customerRoles(workspaceId: string): Map<string, number | null> {
    return new Map(
      this.db
        .select({ role: customerRoles.platformRoleId, customerId: customerRoles.customerId })
        .from(customerRoles)
        .where(eq(customerRoles.workspaceId, workspaceId))
        .all()
        .map((r) => [r.role, r.customerId]),
    );
  }

  setCustomerRole(
    workspaceId: string,
    platformRoleId: string,
    customerId: number | null,
    by: string,
    now: Date,
  ) {
    this.changed();
    this.db
      .insert(customerRoles)
      .values({ workspaceId, platformRoleId, customerId, setBy: by, setAt: now })
      .onConflictDoUpdate({
        target: [customerRoles.workspaceId, customerRoles.platformRoleId],
        set: { customerId, setBy: by, setAt: now },
      })
      .run();
  }

  /** True when the role was a customer role. */
  clearCustomerRole(workspaceId: string, platformRoleId: string): boolean {
    this.changed();
    return (
      this.db
        .delete(customerRoles)
        .where(
          and(eq(customerRoles.workspaceId, workspaceId), eq(customerRoles.platformRoleId, platformRoleId)),
        )
        .run().changes === 1
    );
  }

  /** The customer with this name (folded like feedback folds it), created the first time. */
  customerNamed(workspaceId: string, name: string, now: Date): number {
    const key = customerKey(name);
    const find = () =>
      this.db
        .select({ id: customers.id })
        .from(customers)
        .where(and(eq(customers.workspaceId, workspaceId), eq(customers.key, key)))
        .get()?.id;
    const known = find();
    if (known !== undefined) return known;
    this.db
      .insert(customers)
      .values({ workspaceId, key, name: customerDisplayName(name), createdAt: now })
      .onConflictDoNothing()
      .run();
    return find() as number;
  }

  /** The workspace's members whose platform roles are known (Discord), with the facts their standing comes from. */
  withPlatformRoles(workspaceId: string) {
    return this.db
      .select({
        id: members.id,
        organizationId: members.organizationId,
        organizationName: members.organizationName,
        isGuest: members.isGuest,
        platformRoles: members.platformRoles,
      })
      .from(members)
      .where(and(eq(members.workspaceId, workspaceId), isNotNull(members.platformRoles)))
      .all();
  }

  setPlatformStanding(memberId: string, side: Side, customerId: number | null): void {
    this.changed();
    this.db
      .update(members)
      .set({ platformSide: side, platformCustomerId: customerId })
      .where(eq(members.id, memberId))
      .run();
  }

  progress(key: string): { cursor: string; startedAt: Date } | undefined {
    return this.db
      .select({ cursor: rosterSyncs.cursor, startedAt: rosterSyncs.startedAt })
      .from(rosterSyncs)
      .where(eq(rosterSyncs.key, key))
      .get();
  }

  saveProgress(key: string, cursor: string, startedAt: Date, now: Date): void {
    this.db
      .insert(rosterSyncs)
      .values({ key, cursor, startedAt, updatedAt: now })
      .onConflictDoUpdate({ target: rosterSyncs.key, set: { cursor, updatedAt: now } })
      .run();
  }

  clearProgress(key: string): void {
    this.db.delete(rosterSyncs).where(eq(rosterSyncs.key, key)).run();
  }
}
