import type { Clock } from '../../core/clock.js';
import {
  type ConversationRef,
  conversationKey,
  parseConversationKey,
  type UserRef,
  userKey,
  type WorkspaceRef,
  workspaceKey,
} from '../../core/platform/ids.js';
import type { RosterMember, RosterSink, SyncProgress } from '../../core/platform/roster.js';
import type { Db } from '../../db/client.js';
import type { ActivityTracker } from '../members/activity-tracker.js';
import type { MembershipRepo } from './membership.repo.js';
import type { PeopleRepo } from './people.repo.js';
import type { Defaults } from './people.service.js';
import type { Standings } from './standings.js';

export interface RosterDeps {
  db: Db;
  people: PeopleRepo;
  membership: MembershipRepo;
  standings: Standings;
  activity: ActivityTracker;
  defaults: Defaults;
  clock: Clock;
}

/**
 * The core's RosterSink: keeps each group's members as the platform lists them, and each person's
 * standing (team or customer) as the platform's facts say, unless an admin said otherwise there.
 */
export class RosterService implements RosterSink {
  constructor(private readonly deps: RosterDeps) {}

  listed(group: ConversationRef, list: readonly RosterMember[], at: Date): void {
    const { people, membership, db } = this.deps;
    this.deps.activity.flush();
    db.transaction(() => {
      const groupId = this.#ensureGroup(group, at).id;
      const ids = list.map((m) => this.#record(m, at));
      membership.present(groupId, ids, at, true);
    });
    people.invalidate();
  }

  completed(group: ConversationRef, startedAt: Date): void {
    this.deps.activity.flush();
    if (!this.deps.people.group(conversationKey(group))) return;
    this.deps.membership.leftUnlisted(conversationKey(group), startedAt, this.deps.clock.now());
  }

  profiles(_workspace: WorkspaceRef, list: readonly RosterMember[]): void {
    const now = this.deps.clock.now();
    this.deps.db.transaction(() => {
      for (const m of list) if (this.deps.people.member(userKey(m.user))) this.#record(m, now);
    });
  }

  left(group: ConversationRef, user: UserRef, at: Date): void {
    this.deps.activity.flush();
    this.deps.membership.left(conversationKey(group), userKey(user), at);
  }

  groups(workspace: WorkspaceRef): ConversationRef[] {
    return this.deps.people.groupsOf(workspaceKey(workspace)).map(parseConversationKey);
  }

  progress(key: string): SyncProgress | undefined {
    return this.deps.membership.progress(key);
  }

  saveProgress(key: string, progress: SyncProgress): void {
    this.deps.membership.saveProgress(key, progress.cursor, progress.startedAt, this.deps.clock.now());
  }

  clearProgress(key: string): void {
    this.deps.membership.clearProgress(key);
  }

  /**
   * A platform role's holders are a customer's people (`customerName` names which), in every group
   * of the workspace unless an admin says otherwise there; `undefined` ends that. Every member who
   * holds the role is placed again at once.
   */
  setCustomerRole(
    workspaceId: string,
    roleId: string,
    customerName: string | null | undefined,
    by: string,
    now: Date,
  ): boolean {
    const { membership, standings, people, db } = this.deps;
    return db.transaction(() => {
      let changed: boolean;
      if (customerName === undefined) changed = membership.clearCustomerRole(workspaceId, roleId);
      else {
        const customerId = customerName ? membership.customerNamed(workspaceId, customerName, now) : null;
        membership.setCustomerRole(workspaceId, roleId, customerId, by, now);
        changed = true;
      }
      standings.forget(workspaceId);
      for (const m of membership.withPlatformRoles(workspaceId)) {
        const standing = standings.of(
          workspaceId,
          {
            organization: m.organizationId
              ? { id: m.organizationId, name: m.organizationName ?? '' }
              : undefined,
            isGuest: m.isGuest,
            platformRoles: m.platformRoles ?? [],
          },
          now,
        );
        if (standing) membership.setPlatformStanding(m.id, standing.side, standing.customerId);
      }
      people.invalidate();
      return changed;
    });
  }

  /** Writes what the platform says about one person; returns their member id. */
  #record(m: RosterMember, now: Date): string {
    const id = userKey(m.user);
    const workspaceId = workspaceKey(m.user);
    this.deps.people.workspaceOrNew(workspaceId, m.user.platform, now);
    this.deps.people.upsertSeenMember(
      {
        id,
        workspaceId,
        displayName: m.displayName,
        isPlatformAdmin: m.isPlatformAdmin,
        isBot: m.isBot,
        isDeactivated: m.isDeactivated,
        isGuest: m.isGuest ?? false,
        organization: m.organization,
        platformRoles: m.platformRoles,
        platformTimezone: m.timezone,
        platformLocale: m.locale,
        standing: this.deps.standings.of(
          workspaceId,
          { organization: m.organization, isGuest: m.isGuest ?? false, platformRoles: m.platformRoles },
          now,
        ),
      },
      undefined,
      now,
    );
    return id;
  }

  #ensureGroup(group: ConversationRef, now: Date) {
    const id = conversationKey(group);
    const known = this.deps.people.group(id);
    if (known) return known;
    const workspace = this.deps.people.workspaceOrNew(workspaceKey(group), group.platform, now);
    return this.deps.people.ensureGroup(
      id,
      workspace.id,
      {
        timezone: workspace.defaultTimezone ?? this.deps.defaults.timezone,
        locale: workspace.defaultLocale ?? this.deps.defaults.locale,
      },
      now,
    );
  }
}
