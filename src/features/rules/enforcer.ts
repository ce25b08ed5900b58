import { type Translator, translator } from '../../core/i18n/catalog.js';
import type { Locale } from '../../core/i18n/locale.js';
import type { MessagePosted } from '../../core/platform/events.js';
import { conversationKey, userKey } from '../../core/platform/ids.js';
import type { ModerationAction } from '../../core/platform/platform.js';
import type { Delivery, Logger, ResolvedActor } from '../../core/ports.js';
import type { Db } from '../../db/client.js';
import { recordAudit } from '../audit/audit.repo.js';
import type { Moderator } from '../moderation/moderator.js';
import { notifyAdmins } from '../people/notify-admins.js';
import type { PeopleRepo } from '../people/people.repo.js';
import { type Escalation, formatMinutes, type LadderStep, stepCrossed } from './escalation.domain.js';
import { excerptOf, floodExcerpt, type NameOf, readable } from './excerpt.js';
import type { FloodTracker } from './flood-tracker.js';
import { decideOffence, type OffenceHit } from './offence.domain.js';
import { describeRule, type RuleHit, type RuleKind } from './rule-set.js';
import type { RuleRow, RulesRepo } from './rules.repo.js';

export interface EnforcerDeps {
  db: Db;
  repo: RulesRepo;
  people: PeopleRepo;
  moderator: Moderator;
  delivery: Delivery;
  logger: Logger;
  defaultLocale: Locale;
}

/** Who broke a rule, where, as the directory resolved them. */
export interface Offender {
  workspaceId: string;
  groupId: string;
  memberId: string;
}

export type Hit = { hit: RuleHit; rule: RuleRow };

const RULE_TIMEOUT_MINUTES = 10;
const SEVERITY: Record<LadderStep['action'], number> = { warn: 0, timeout: 1, remove: 2, ban: 3 };

function harsher(a: LadderStep | undefined, b: LadderStep | undefined): LadderStep | undefined {
  if (!a || !b) return a ?? b;
  if (SEVERITY[a.action] !== SEVERITY[b.action]) return SEVERITY[a.action] > SEVERITY[b.action] ? a : b;
  return (a.minutes ?? 0) >= (b.minutes ?? 0) ? a : b;
}

/** What the transaction decided for one message. */
interface Decided {
  hits: Hit[];
  /** Strikes added by this message (0 within the cool-down). */
  added: number;
  before: number;
  escalation: Escalation;
}

/** An outcome as the audit log keeps it: `done`, `sent`, or `fallback:<reason>`. */
type Outcomes = Record<string, string>;

/**
 * Enforces the rules a message broke, fairly: what a message earns is decided in one database
 * transaction (so two processes on one database agree), from what the same rules did to the member
 * lately. A burst is one offence; a rule strikes a member at most once per cool-down; the ladder,
 * not the message count, escalates. Every act is audited in words a person reads.
 */
export class Enforcer {
  constructor(
    private readonly deps: EnforcerDeps,
    private readonly flood: FloodTracker,
  ) {}

  async enforce(event: MessagePosted, who: ResolvedActor, offender: Offender, hits: Hit[], now: Date) {
    const decided = this.#decide(offender, hits, now);
    if (!decided) return;
    const { moderator } = this.deps;
    const [first] = decided.hits as [Hit, ...Hit[]];
    const actions = new Set(decided.hits.flatMap((h) => h.rule.actions));
    // The platform's audit log is read by the group's admins: write the reason in the group's language.
    const groupT = translator(
      (this.deps.people.group(offender.groupId)?.locale as Locale | undefined) ?? this.deps.defaultLocale,
    );
    const reason = groupT('moderation.reason.rule', {
      id: first.rule.id,
      kind: groupT(`rules.kind.${first.rule.kind as RuleKind}`),
    });
    const outcomes: Outcomes = {};
    const user = event.actor.user;
    const outcomeOf = async (action: ModerationAction) => {
      const outcome = await moderator.apply(action);
      return outcome.status === 'done' ? 'done' : `fallback:${outcome.reason}`;
    };

    if (actions.has('delete')) {
      outcomes.delete = await outcomeOf({ kind: 'delete', message: event.message, reason });
      // A deleted message no longer counts as posted: chatter after it is not a flood because of it.
      if (outcomes.delete === 'done') this.flood.forget(offender.memberId, now.getTime());
    }

    const after = decided.before + decided.added;
    const step = this.#step(decided, actions, after);
    if (step && step.action !== 'warn') {
      outcomes[step.action] =
        step.action === 'timeout'
          ? await outcomeOf({
              kind: 'timeout',
              user,
              conversation: event.conversation,
              until: new Date(now.getTime() + (step.minutes ?? RULE_TIMEOUT_MINUTES) * 60_000),
              reason,
            })
          : await outcomeOf({ kind: step.action, user, conversation: event.conversation, reason });
    }

    if (actions.has('warn') || step || outcomes.delete?.startsWith('fallback')) {
      const t = translator(who.locale);
      await this.deps.delivery.send(
        event.conversation.platform,
        { kind: 'ephemeral', conversation: event.conversation, user },
        { text: this.#warning(t, first, step, decided, after, outcomes.delete === 'done') },
      );
      outcomes.warn = 'sent';
    }

    const excerpt = this.excerptFor(event, first);
    // Admins hear of an offence once per strike, not of every message within its cool-down.
    if (actions.has('alert') && decided.added > 0) {
      await this.#alert(event, offender, first, excerpt);
      outcomes.alert = 'sent';
    }
    this.#record(event, offender, decided, { outcomes, step, after, excerpt, now });
  }

  async #alert(event: MessagePosted, offender: Offender, { rule }: Hit, excerpt: string): Promise<void> {
    await notifyAdmins(this.deps, offender.groupId, (t) => ({
      text: t('rules.alert', {
        user: `<@${event.actor.user.userId}>`,
        channel: `<#${event.conversation.channelId}>`,
        rule: describeRule({ id: rule.id, kind: rule.kind as RuleKind, config: rule.config }, t),
        excerpt,
      }),
    }));
  }

  /** The audit entry: the facts the log and its CSV put in words (see rule-log.format.ts). */
  #record(
    event: MessagePosted,
    offender: Offender,
    decided: Decided,
    done: { outcomes: Outcomes; step: LadderStep | undefined; after: number; excerpt: string; now: Date },
  ): void {
    const [first] = decided.hits as [Hit, ...Hit[]];
    const { step } = done;
    recordAudit(this.deps.db, {
      workspaceId: offender.workspaceId,
      groupId: offender.groupId,
      action: 'rules.enforced',
      targetId: offender.memberId,
      details: {
        rules: decided.hits.map((h) => h.rule.id),
        kinds: decided.hits.map((h) => h.rule.kind),
        reason: first.hit.reason.key,
        reasonParams: first.hit.reason.params,
        actions: done.outcomes,
        strikes: done.after,
        added: decided.added,
        ...(step ? { step: step.action, ...(step.minutes ? { minutes: step.minutes } : {}) } : {}),
        excerpt: done.excerpt,
        message: event.message.messageId,
      },
      at: done.now,
    });
    this.deps.logger.info(
      { group: offender.groupId, rules: decided.hits.map((h) => h.rule.id), strikes: done.after },
      'rule enforced',
    );
  }

  /**
   * In one immediate transaction: reads what these rules did to the member within the cool-down and
   * the current bursts, decides, and records it (a row per acting rule, the strike on one of them),
   * so a second process deciding on the same member waits and then sees this decision.
   */
  #decide(offender: Offender, hits: Hit[], now: Date): Decided | undefined {
    const { repo, db } = this.deps;
    const at = now.getTime();
    const offences: OffenceHit[] = hits.map(({ hit, rule }) => ({
      ruleId: rule.id,
      strikes: rule.strikes,
      ...(hit.kind === 'flood'
        ? {
            burstStart: this.flood.burstStart(
              offender.memberId,
              at,
              Number(hit.reason.params.seconds ?? 0) * 1000,
            ),
          }
        : {}),
    }));
    return db.transaction(
      () => {
        const escalation = repo.ladder(offender.workspaceId);
        const cooldownMs = escalation.cooldownMinutes * 60_000;
        const since = Math.min(at - cooldownMs, ...offences.map((o) => o.burstStart ?? at));
        const marks = repo.marksSince(
          offender.workspaceId,
          offender.memberId,
          offences.map((o) => o.ruleId),
          new Date(since),
        );
        const decision = decideOffence(offences, marks, at, cooldownMs);
        if (decision.acting.length === 0) return undefined;
        const before = repo.activeStrikes(offender.workspaceId, offender.memberId, now);
        for (const ruleId of decision.acting) {
          repo.addStrike({
            workspaceId: offender.workspaceId,
            memberId: offender.memberId,
            groupId: offender.groupId,
            ruleId,
            count: ruleId === decision.struck ? decision.weight : 0,
            at: now,
            expiresAt: new Date(at + escalation.strikeDays * 86_400_000),
          });
        }
        return {
          hits: hits.filter((h) => decision.acting.includes(h.rule.id)),
          added: decision.weight,
          before,
          escalation,
        };
      },
      { behavior: 'immediate' },
    );
  }

  /** The ladder step this strike crosses, or a rule's own time-out or removal; nothing without a strike. */
  #step(decided: Decided, actions: Set<string>, after: number): LadderStep | undefined {
    if (decided.added === 0) return undefined;
    const crossed = stepCrossed(decided.escalation.ladder, decided.before, after);
    // A rule that itself says "time out" or "remove" acts at once; the ladder may add a harsher step.
    const ruleStep: LadderStep | undefined = actions.has('remove')
      ? { strikes: after, action: 'remove' }
      : actions.has('timeout')
        ? { strikes: after, action: 'timeout', minutes: RULE_TIMEOUT_MINUTES }
        : undefined;
    return harsher(crossed, ruleStep);
  }

  /** The excerpt as a person reads it: names for mentions; for a flood, the message that went over. */
  excerptFor(event: MessagePosted, first: Hit): string {
    const nameOf = this.#namesIn(event);
    const text = readable(event.text, nameOf);
    if (first.hit.kind === 'flood') return floodExcerpt(text);
    return excerptOf(text, readable(first.hit.evidence, nameOf));
  }

  #namesIn(event: MessagePosted): NameOf {
    const ids = [...event.text.matchAll(/<@!?([^>|\s]+)/gu)].map((m) =>
      userKey({ ...event.conversation, userId: m[1] as string }),
    );
    const names = this.deps.repo.namesOf(ids);
    return (kind, id) =>
      kind === 'user'
        ? names.get(userKey({ ...event.conversation, userId: id }))
        : (this.deps.people.group(conversationKey({ ...event.conversation, channelId: id }))?.name ??
          undefined);
  }

  #warning(
    t: Translator,
    { rule, hit }: Hit,
    step: LadderStep | undefined,
    decided: Decided,
    strikes: number,
    deleted: boolean,
  ): string {
    const lines = [
      t(deleted ? 'rules.warn.deleted' : 'rules.warn.kept', {
        rule: describeRule({ id: rule.id, kind: rule.kind as RuleKind, config: rule.config }, t),
        why: t(hit.reason.key, hit.reason.params),
      }),
      t(`rules.comply.${rule.kind as RuleKind}`),
    ];
    if (decided.added === 0) {
      lines.push(
        t('rules.warn.noNewStrike', {
          duration: formatMinutes(decided.escalation.cooldownMinutes, t),
        }),
      );
    }
    if (step?.action === 'timeout') {
      lines.push(t('rules.warn.timedOut', { duration: formatMinutes(step.minutes ?? 10, t) }));
    } else if (step?.action === 'remove' || step?.action === 'ban') {
      lines.push(t(`rules.warn.${step.action === 'remove' ? 'removed' : 'banned'}`));
    }
    const next = decided.escalation.ladder.find((s) => s.strikes > strikes);
    lines.push(
      next
        ? t('rules.warn.strikes', {
            strikes,
            next: next.strikes,
            action:
              next.action === 'timeout'
                ? t('rules.step.timeout', { duration: formatMinutes(next.minutes ?? 10, t) })
                : t(`rules.step.${next.action}`),
          })
        : t('rules.warn.strikesNoNext', { strikes }),
    );
    return lines.join('\n');
  }
}
