import { DateTime } from 'luxon';
import type { Clock } from '../../core/clock.js';
import { translator } from '../../core/i18n/catalog.js';
import type { Locale } from '../../core/i18n/locale.js';
import type { InboundEvent } from '../../core/platform/events.js';
import { parseConversationKey, parseUserKey, userKey } from '../../core/platform/ids.js';
import type { Delivery, Logger, ResolvedActor } from '../../core/ports.js';
import type { Db } from '../../db/client.js';
import { recordGroupAudit } from '../audit/audit.repo.js';
import { customerKey } from '../feedback/feedback.customers.js';
import type { Moderator } from '../moderation/moderator.js';
import type { GroupMemberView, MembershipRepo } from '../people/membership.repo.js';
import { notifyAdmins } from '../people/notify-admins.js';
import { pickFirst, readerLocale } from '../people/people.domain.js';
import type { PeopleRepo } from '../people/people.repo.js';
import type { ActivityTracker } from './activity-tracker.js';
import type { InactiveMember, MembersRepo, PruneRow } from './members.repo.js';

export const DEFAULT_INACTIVE_DAYS = 30;

/** Which of the customer's people a prune takes besides the team. */
export type CustomersAsked = { kind: 'none' } | { kind: 'all' } | { kind: 'named'; name: string };
export const DEFAULT_GRACE_DAYS = 3;
const DAY_MS = 86_400_000;

export interface MembersDeps {
  db: Db;
  repo: MembersRepo;
  people: PeopleRepo;
  membership: MembershipRepo;
  activity: ActivityTracker;
  moderator: Moderator;
  delivery: Delivery;
  clock: Clock;
  logger: Logger;
  defaultLocale: Locale;
}

/** Activity tracking, the inactive list, and prunes: propose → confirm and warn → remove after the grace period. */
export class MembersService {
  constructor(private readonly deps: MembersDeps) {}

  /**
   * Every message, command and click counts as activity in the group; a join starts membership
   * (inactivity counts from it), leaving ends it.
   */
  onEvent(event: InboundEvent, who: ResolvedActor): void {
    if (!who.groupId) return;
    const memberId = userKey(event.actor.user);
    const now = this.deps.clock.now();
    if (event.type === 'member.left') {
      // Written at once, not batched: a leave must stop the next prompt, even from another process.
      this.deps.activity.left(who.groupId, memberId, now);
      this.deps.activity.flush();
    } else if (event.type === 'member.joined') {
      this.deps.activity.flush();
      this.deps.membership.present(who.groupId, [memberId], now, false);
    } else if (!event.actor.isBot) this.deps.activity.touch(who.groupId, memberId, now);
  }

  /** Everyone in the group now, the team and the customer's people apart (bots and deactivated accounts aside). */
  list(groupId: string): { team: GroupMemberView[]; customers: GroupMemberView[] } {
    this.deps.activity.flush();
    const people = this.deps.membership.inGroup(groupId).filter((m) => !m.isBot && !m.isDeactivated);
    return {
      team: people.filter((m) => m.side === 'team'),
      customers: people.filter((m) => m.side === 'customer'),
    };
  }

  /** The team's and the customer's inactive members, apart. */
  inactive(
    groupId: string,
    days: number,
    now: Date,
  ): { team: InactiveMember[]; customers: InactiveMember[] } {
    this.deps.activity.flush();
    const all = this.deps.repo.inactive(groupId, new Date(now.getTime() - days * DAY_MS));
    return {
      team: all.filter((m) => m.side === 'team'),
      customers: all.filter((m) => m.side === 'customer'),
    };
  }

  /**
   * A prune of the team's inactive members; the customer's people only when asked for: all of them,
   * or one customer's by its name (folded as feedback folds it). A named customer with nobody
   * inactive proposes nothing.
   */
  propose(
    groupId: string,
    startedBy: string,
    days: number,
    now: Date,
    asked: CustomersAsked = { kind: 'none' },
  ) {
    const { team, customers } = this.inactive(groupId, days, now);
    const key = asked.kind === 'named' ? customerKey(asked.name) : '';
    const theirs =
      asked.kind === 'all'
        ? customers
        : customers.filter(
            (c) => key !== '' && c.customerName !== null && customerKey(c.customerName) === key,
          );
    // A named customer with nobody inactive proposes nothing: the admin asked about them.
    const candidates = asked.kind === 'named' && theirs.length === 0 ? [] : [...team, ...theirs];
    if (candidates.length === 0) return { prune: undefined, candidates };
    return { prune: this.deps.repo.createPrune(groupId, startedBy, days, candidates, now), candidates };
  }

  /** The admin confirmed: warn each candidate by DM and start the grace period. Idempotent. */
  async confirm(
    pruneId: number,
    groupId: string,
    by: string,
    graceDays: number,
  ): Promise<PruneRow | undefined> {
    const now = this.deps.clock.now();
    const prune = this.deps.repo.prune(pruneId);
    if (!prune || prune.groupId !== groupId) return undefined;
    const graceUntil = new Date(now.getTime() + graceDays * DAY_MS);
    if (!this.deps.repo.transition(pruneId, 'proposed', 'warned', { graceUntil }))
      return this.deps.repo.prune(pruneId);
    const group = this.deps.people.group(groupId);
    const conversation = parseConversationKey(groupId);
    const candidates = this.deps.repo.candidates(pruneId);
    for (const c of candidates) {
      const member = this.deps.people.member(c.memberId);
      const locale = readerLocale(member, group, this.deps.defaultLocale);
      const zone = pickFirst(member?.timezone, member?.platformTimezone, group?.timezone, 'UTC') as string;
      const t = translator(locale);
      await this.deps.delivery.send(
        conversation.platform,
        { kind: 'dm', user: parseUserKey(c.memberId), fallback: conversation },
        {
          text: t('members.pruneWarning', {
            group: `<#${conversation.channelId}>`,
            days: prune.days,
            deadline: DateTime.fromJSDate(graceUntil, { zone })
              .setLocale(locale)
              .toLocaleString(DateTime.DATETIME_MED),
          }),
        },
        { dedupeKey: `prune:${pruneId}:warn:${c.memberId}` },
      );
    }
    recordGroupAudit(this.deps.db, {
      groupId,
      actorId: by,
      action: 'members.pruneConfirmed',
      details: {
        prune: pruneId,
        days: prune.days,
        members: candidates.map((c) => c.memberId),
        graceUntil: graceUntil.toISOString(),
      },
      at: now,
    });
    return this.deps.repo.prune(pruneId);
  }

  candidates(pruneId: number): number {
    return this.deps.repo.candidates(pruneId).length;
  }

  /** The group a prune belongs to, where confirming or cancelling it is authorized. */
  pruneGroup(pruneId: number): string | undefined {
    return Number.isSafeInteger(pruneId) ? this.deps.repo.prune(pruneId)?.groupId : undefined;
  }

  cancel(pruneId: number, groupId: string): boolean {
    const prune = this.deps.repo.prune(pruneId);
    if (!prune || prune.groupId !== groupId) return false;
    return (
      this.deps.repo.transition(pruneId, 'proposed', 'cancelled') ||
      this.deps.repo.transition(pruneId, 'warned', 'cancelled')
    );
  }

  /** The minute job: finishes prunes whose grace period is over. Each prune is claimed once. */
  async finishDue(now: Date): Promise<void> {
    this.deps.activity.flush();
    for (const prune of this.deps.repo.due(now)) {
      if (!this.deps.repo.transition(prune.id, 'warned', 'done', { finishedAt: now })) continue;
      await this.#finish(prune, now);
    }
  }

  async #finish(prune: PruneRow, now: Date): Promise<void> {
    const conversation = parseConversationKey(prune.groupId);
    const removed: string[] = [];
    const kept: string[] = [];
    const fallback: string[] = [];
    const groupT = translator(
      (this.deps.people.group(prune.groupId)?.locale as Locale | undefined) ?? this.deps.defaultLocale,
    );
    for (const c of this.deps.repo.candidates(prune.id)) {
      const last = this.deps.repo.lastActive(prune.groupId, c.memberId);
      // Anyone who spoke after the warning went out has answered it.
      if (last && (!c.lastActiveAt || last > c.lastActiveAt)) {
        this.deps.repo.setOutcome(prune.id, c.memberId, 'kept');
        kept.push(c.memberId);
        continue;
      }
      const outcome = await this.deps.moderator.apply({
        kind: 'remove',
        user: parseUserKey(c.memberId),
        conversation,
        reason: groupT('moderation.reason.prune', { id: prune.id, days: prune.days }),
      });
      const result = outcome.status === 'done' ? 'removed' : 'fallback';
      this.deps.repo.setOutcome(prune.id, c.memberId, result);
      // Not every platform reports a removal it was asked for as a leave: the next prune must not list them.
      if (result === 'removed') this.deps.activity.left(prune.groupId, c.memberId, now);
      (result === 'removed' ? removed : fallback).push(c.memberId);
      recordGroupAudit(this.deps.db, {
        groupId: prune.groupId,
        action: 'members.pruned',
        targetId: c.memberId,
        details: {
          prune: prune.id,
          outcome: outcome.status === 'done' ? 'done' : `fallback:${outcome.reason}`,
        },
        at: now,
      });
    }
    const mention = (key: string) => `<@${parseUserKey(key).userId}>`;
    await notifyAdmins(
      this.deps,
      prune.groupId,
      (t) => ({
        text: [
          t('members.pruneDone', {
            group: `<#${conversation.channelId}>`,
            removed: removed.length,
            kept: kept.length,
          }),
          removed.length
            ? t('members.pruneRemovedList', { list: removed.map(mention).join(t('list.separator')) })
            : '',
          kept.length
            ? t('members.pruneKeptList', { list: kept.map(mention).join(t('list.separator')) })
            : '',
          fallback.length
            ? t('members.pruneFallbackList', { list: fallback.map(mention).join(t('list.separator')) })
            : '',
        ]
          .filter(Boolean)
          .join('\n'),
      }),
      `prune:${prune.id}:done`,
    );
    this.deps.logger.info(
      { prune: prune.id, removed: removed.length, kept: kept.length, fallback: fallback.length },
      'prune finished',
    );
  }
}
