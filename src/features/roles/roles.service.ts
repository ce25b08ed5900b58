import type { Locale } from '../../core/i18n/locale.js';
import { type UserRef, userKey } from '../../core/platform/ids.js';
import type { Db } from '../../db/client.js';
import { recordAudit } from '../audit/audit.repo.js';
import type { GroupMemberView, MembershipRepo } from '../people/membership.repo.js';
import { type Role, readerLocale } from '../people/people.domain.js';
import type { PeopleRepo } from '../people/people.repo.js';

/**
 * Gives and takes roles in a group, each change in the audit log. `customer` is not a role but a
 * side: it makes the person one of the customer's people in that group (of a named customer),
 * over what the platform says; taking it puts them on the team.
 */
export class RolesService {
  constructor(
    private readonly db: Db,
    private readonly repo: PeopleRepo,
    private readonly membership: MembershipRepo,
    private readonly defaultLocale: Locale,
  ) {}

  roster(groupId: string) {
    return this.repo.roster(groupId);
  }

  /** The customer's people in the group now, with their customer's name. */
  customers(groupId: string): GroupMemberView[] {
    return this.membership.inGroup(groupId).filter((m) => m.side === 'customer');
  }

  /** True when the member did not hold the role (or was not that customer's) before. */
  add(
    groupId: string,
    member: UserRef,
    role: Role,
    actorId: string,
    now: Date,
    customerName?: string,
  ): boolean {
    return this.db.transaction(() => {
      const group = this.repo.group(groupId);
      if (!group) throw new Error(`group ${groupId} vanished`);
      const memberId = userKey(member);
      this.repo.ensureMember(memberId, group.workspaceId, member.userId, now);
      // Whoever is given a role is in the group, said an admin, even before they speak.
      this.membership.present(groupId, [memberId], now, false);
      let customer: string | undefined;
      if (role === 'customer') {
        const customerId = customerName
          ? this.membership.customerNamed(group.workspaceId, customerName, now)
          : null;
        const before = this.repo.standing(groupId, memberId);
        if (before?.side === 'customer' && (customerId === null || before.customerId === customerId))
          return false;
        this.membership.setSide(
          groupId,
          memberId,
          'customer',
          customerId ?? before?.customerId ?? null,
          actorId,
          now,
        );
        customer = customerName;
      } else if (!this.repo.addRole(groupId, memberId, role, actorId, now)) return false;
      recordAudit(this.db, {
        workspaceId: group.workspaceId,
        groupId,
        actorId,
        action: 'role.added',
        targetId: memberId,
        details: customer ? { role, customer } : { role },
        at: now,
      });
      return true;
    });
  }

  /** True when the member held the role (or was one of the customer's people). */
  remove(groupId: string, member: UserRef, role: Role, actorId: string, now: Date): boolean {
    return this.db.transaction(() => {
      const group = this.repo.group(groupId);
      if (!group) throw new Error(`group ${groupId} vanished`);
      const memberId = userKey(member);
      if (role === 'customer') {
        if (this.repo.standing(groupId, memberId)?.side !== 'customer') return false;
        this.membership.setSide(groupId, memberId, 'team', null, actorId, now);
      } else if (!this.repo.removeRole(groupId, memberId, role)) return false;
      recordAudit(this.db, {
        workspaceId: group.workspaceId,
        groupId,
        actorId,
        action: 'role.removed',
        targetId: memberId,
        details: { role },
        at: now,
      });
      return true;
    });
  }

  /** The language to address a member in: theirs if known, else the group's. */
  localeOf(member: UserRef, groupId: string): Locale {
    const row = this.repo.member(userKey(member));
    return readerLocale(row, this.repo.group(groupId), this.defaultLocale);
  }
}
