import type { Locale } from '../../core/i18n/locale.js';
import type { Db } from '../../db/client.js';
import { recordAudit } from '../audit/audit.repo.js';
import type { GroupRow, PeopleRepo } from '../people/people.repo.js';
import type { GroupSettingsPatch } from './settings.domain.js';

/** Reads and changes group settings and members' own preferences, with an audit trail. */
export class SettingsService {
  constructor(
    private readonly db: Db,
    private readonly repo: PeopleRepo,
    /** Told when a group's timezone changed, after the change is stored (sums keyed by local day follow it). */
    private readonly onTimezoneChanged: (groupId: string) => void = () => {},
    /** Makes a platform role's holders a customer's people (`undefined` name: no longer); true when something changed. */
    private readonly customerRole: (
      workspaceId: string,
      roleId: string,
      customerName: string | null | undefined,
      by: string,
      now: Date,
    ) => boolean = () => false,
  ) {}

  /** Sets or ends a workspace's customer role, with an audit record; true when something changed. */
  setCustomerRole(
    workspaceId: string,
    roleId: string,
    customerName: string | null | undefined,
    actorId: string,
    now: Date,
  ): boolean {
    const changed = this.customerRole(workspaceId, roleId, customerName, actorId, now);
    if (changed)
      recordAudit(this.db, {
        workspaceId,
        actorId,
        action: customerName === undefined ? 'settings.customerRoleCleared' : 'settings.customerRoleSet',
        targetId: roleId,
        details: customerName ? { customer: customerName } : {},
        at: now,
      });
    return changed;
  }

  group(groupId: string): GroupRow {
    const group = this.repo.group(groupId);
    if (!group) throw new Error(`group ${groupId} vanished`);
    return group;
  }

  /** Applies a patch and records old and new values; returns the group as it is now. */
  updateGroup(groupId: string, patch: GroupSettingsPatch, actorId: string, now: Date): GroupRow {
    const zoneBefore = this.group(groupId).timezone;
    const after = this.#update(groupId, patch, actorId, now);
    if (after.timezone !== zoneBefore) this.onTimezoneChanged(groupId);
    return after;
  }

  #update(groupId: string, patch: GroupSettingsPatch, actorId: string, now: Date): GroupRow {
    return this.db.transaction(() => {
      const before = this.group(groupId);
      const changed = Object.fromEntries(
        Object.entries(patch).filter(([k, v]) => before[k as keyof GroupSettingsPatch] !== v),
      ) as GroupSettingsPatch;
      if (Object.keys(changed).length === 0) return before;
      this.repo.updateGroup(groupId, changed, now);
      const old = Object.fromEntries(
        Object.keys(changed).map((k) => [k, before[k as keyof GroupSettingsPatch]]),
      );
      recordAudit(this.db, {
        workspaceId: before.workspaceId,
        groupId,
        actorId,
        action: 'settings.changed',
        targetId: groupId,
        details: { from: old, to: changed },
        at: now,
      });
      return this.group(groupId);
    });
  }

  setMemberPreference(memberId: string, patch: { timezone?: string; locale?: Locale }): void {
    this.repo.updateMemberPreferences(memberId, patch);
  }
}
