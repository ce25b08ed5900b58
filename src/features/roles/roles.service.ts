import type { Locale } from '../../core/i18n/locale.js';
import { type UserRef, userKey } from '../../core/platform/ids.js';
import type { Db } from '../../db/client.js';
import { recordAudit } from '../audit/audit.repo.js';
import { type Role, readerLocale } from '../people/people.domain.js';
import type { PeopleRepo } from '../people/people.repo.js';

/** Gives and takes roles in a group, each change in the audit log. */
export class RolesService {
  constructor(
    private readonly db: Db,
    private readonly repo: PeopleRepo,
    private readonly defaultLocale: Locale,
  ) {}

  roster(groupId: string) {
    return this.repo.roster(groupId);
  }

  /** True when the member did not hold the role before. */
  add(groupId: string, member: UserRef, role: Role, actorId: string, now: Date): boolean {
    return this.db.transaction(() => {
      const group = this.repo.group(groupId);
      if (!group) throw new Error(`group ${groupId} vanished`);
      const memberId = userKey(member);
      this.repo.ensureMember(memberId, group.workspaceId, member.userId, now);
      if (!this.repo.addRole(groupId, memberId, role, actorId, now)) return false;
      recordAudit(this.db, {
        workspaceId: group.workspaceId,
        groupId,
        actorId,
        action: 'role.added',
        targetId: memberId,
        details: { role },
        at: now,
      });
      return true;
    });
  }

  /** True when the member held the role. */
  remove(groupId: string, member: UserRef, role: Role, actorId: string, now: Date): boolean {
    return this.db.transaction(() => {
      const group = this.repo.group(groupId);
      if (!group) throw new Error(`group ${groupId} vanished`);
      const memberId = userKey(member);
      if (!this.repo.removeRole(groupId, memberId, role)) return false;
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
