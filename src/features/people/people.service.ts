import type { Locale } from '../../core/i18n/locale.js';
import type { InboundEvent } from '../../core/platform/events.js';
import { conversationKey, type PlatformName, userKey, workspaceKey } from '../../core/platform/ids.js';
import type { Directory, EventLedger, ResolvedActor } from '../../core/ports.js';
import { levelOf, pickFirst } from './people.domain.js';
import type { MemberRow, PeopleRepo } from './people.repo.js';
import type { Standings } from './standings.js';

export interface Defaults {
  locale: Locale;
  timezone: string;
}

/**
 * The core's Directory over SQLite: every event records its workspace, group and member, and
 * resolves the actor's level, language and timezone there.
 */
export function createDirectory(
  repo: PeopleRepo,
  defaults: Defaults,
  /** Turns an actor's platform facts into their standing (team or customer). */
  standings: Standings,
  /** Activity seen but not yet written (the members feature batches it). */
  activeUnflushed: (groupId: string, memberId: string) => boolean = () => false,
): Directory {
  // Plain messages are the bulk of traffic: when nothing the platform says about the person has
  // changed, the member row is not rewritten (activity is batched by the members feature instead).
  const seen = new Map<string, { facts: string; member: MemberRow }>();
  // A plain message resolves like the last one from the same person in the same place, unless
  // anything in the directory was written since (the repo's version) or RESOLVED_MS passed (another process may have written).
  const recent = new Map<string, { facts: string; version: number; at: number; who: ResolvedActor }>();
  const MAX_SEEN = 10_000;
  const RESOLVED_MS = 5_000;
  return {
    resolve(event: InboundEvent, now: Date): ResolvedActor {
      const { actor, conversation } = event;
      const passive = event.type === 'message.posted';
      const facts = `${actor.displayName}\u0000${actor.isPlatformAdmin}\u0000${actor.isBot}\u0000${actor.platformTimezone ?? ''}\u0000${actor.platformLocale ?? ''}\u0000${actor.organization?.id ?? ''}\u0000${actor.isGuest ?? ''}\u0000${actor.platformRoles?.join(',') ?? ''}`;
      const recentKey = passive ? `${actor.user.userId}\u0000${conversationKey(conversation)}` : '';
      const tick = performance.now();
      if (passive) {
        const hit = recent.get(recentKey);
        if (hit && hit.facts === facts && hit.version === repo.version && tick - hit.at < RESOLVED_MS)
          return hit.who;
      }
      const who = resolveNow(event, facts, now);
      if (passive) {
        if (recent.size >= MAX_SEEN) recent.clear();
        recent.set(recentKey, { facts, version: repo.version, at: tick, who });
      }
      return who;
    },

    levelIn(event, groupId) {
      const group = repo.group(groupId);
      const as = group && speaker(event, group.workspaceId);
      if (!group || !as) return undefined;
      const roles = repo.rolesOf(groupId, as.memberId);
      const standing = repo.standing(groupId, as.memberId);
      const attested =
        !event.isDirect && groupId === conversationKey(event.conversation) && fromPlatform(event);
      const belongs =
        as.isPlatformAdmin ||
        attested ||
        roles.length > 0 ||
        activeUnflushed(groupId, as.memberId) ||
        standing?.present === true;
      return belongs ? levelOf(as.isPlatformAdmin, roles, standing?.side) : undefined;
    },

    levelInWorkspace(event, workspaceId) {
      const as = speaker(event, workspaceId);
      if (!as) return undefined;
      return as.isPlatformAdmin ? 'owner' : 'member';
    },
  };

  /**
   * Who the actor is in a workspace: the event's own workspace, or, from a DM, a workspace where
   * the same person is known (Discord DMs belong to no server). Undefined for anyone else.
   */
  function speaker(
    event: InboundEvent,
    workspaceId: string,
  ): { memberId: string; isPlatformAdmin: boolean } | undefined {
    const { user } = event.actor;
    if (workspaceKey(user) === workspaceId) {
      return { memberId: userKey(user), isPlatformAdmin: event.actor.isPlatformAdmin };
    }
    if (!event.isDirect || !workspaceId.startsWith(`${user.platform}:`)) return undefined;
    const memberId = `${workspaceId}:${user.userId}`;
    const known = repo.member(memberId);
    return known ? { memberId, isPlatformAdmin: known.isPlatformAdmin } : undefined;
  }

  function resolveNow(event: InboundEvent, facts: string, now: Date): ResolvedActor {
    const { actor, conversation } = event;
    const workspace = repo.workspaceOrNew(workspaceKey(conversation), conversation.platform, now);
    const isActivity = event.type !== 'member.left';
    const id = userKey(actor.user);
    const cached = seen.get(id);
    const member =
      event.type === 'message.posted' && cached?.facts === facts
        ? (repo.member(id) ?? cached.member)
        : repo.upsertSeenMember(
            {
              id,
              workspaceId: workspace.id,
              displayName: actor.displayName,
              isPlatformAdmin: actor.isPlatformAdmin,
              isBot: actor.isBot,
              platformTimezone: actor.platformTimezone,
              platformLocale: actor.platformLocale,
              isGuest: actor.isGuest,
              organization: actor.organization,
              platformRoles: actor.platformRoles,
              standing: standings.of(workspace.id, actor, now),
            },
            isActivity ? now : undefined,
            now,
          );
    if (seen.size >= MAX_SEEN) seen.clear();
    seen.set(id, { facts, member });
    const workspaceLocale = pickFirst(workspace.defaultLocale, defaults.locale) as Locale;
    const workspaceTimezone = pickFirst(workspace.defaultTimezone, defaults.timezone) as string;
    const groupId = conversationKey(conversation);
    const attested = fromPlatform(event);
    const known = !event.isDirect && (!event.channelName || !attested) ? repo.group(groupId) : undefined;
    // A conversation named only by a payload must already be a group: a form never creates one.
    const group =
      event.isDirect || (!known && !attested)
        ? undefined
        : (known ??
          repo.ensureGroup(
            groupId,
            workspace.id,
            { timezone: workspaceTimezone, locale: workspaceLocale, name: event.channelName },
            now,
          ));
    const roles = group ? repo.rolesOf(group.id, member.id) : [];
    const side = group ? (repo.standing(group.id, member.id)?.side ?? member.platformSide) : 'team';
    return {
      workspaceId: workspace.id,
      groupId: group?.id,
      level: levelOf(actor.isPlatformAdmin, roles, side),
      locale: pickFirst(member.locale, member.platformLocale, group?.locale, workspaceLocale) as Locale,
      timezone: pickFirst(
        member.timezone,
        member.platformTimezone,
        group?.timezone,
        workspaceTimezone,
      ) as string,
    };
  }
}

/**
 * Whether the platform itself says the event happened in its conversation: a command typed there,
 * a button on a message posted there. A form's conversation comes back from its payload
 * (Slack's private_metadata), so it is not proof that the person is part of the group.
 */
function fromPlatform(event: InboundEvent): boolean {
  if (event.type === 'action.clicked') return event.message !== undefined;
  return event.type !== 'form.submitted';
}

/** Passive event ids remembered in memory before the oldest are forgotten (they are on disk by then). */
const RECENT_PASSIVE = 50_000;
const RESEED_WINDOW_MS = 60 * 60 * 1000;

/**
 * The core's EventLedger over `processed_events`. Commands, clicks and forms are claimed in the
 * database at once; passive events are checked against memory and the database and written in
 * batches by `flush()` (every few seconds and on stop).
 */
export function createEventLedger(repo: PeopleRepo, now: Date): EventLedger & { flush(): number } {
  // Platforms retry within minutes; what was handled in the last hour before a restart is enough.
  const recent = new Set<string>(
    repo
      .processedSince(new Date(now.getTime() - RESEED_WINDOW_MS), RECENT_PASSIVE)
      .map((row) => `${row.platform}\u0000${row.eventId}`),
  );
  let pending: { platform: PlatformName; eventId: string; at: Date }[] = [];
  return {
    firstSeen(platform, eventId, now, passive = false) {
      if (!passive) return repo.markProcessed(platform, eventId, now);
      const key = `${platform}\u0000${eventId}`;
      if (recent.has(key)) return false;
      if (recent.size >= RECENT_PASSIVE) recent.clear();
      recent.add(key);
      pending.push({ platform, eventId, at: now });
      return true;
    },
    flush() {
      const batch = pending;
      pending = [];
      repo.markProcessedBatch(batch);
      return batch.length;
    },
  };
}
