import { runClaimed } from '../../core/claimed-run.js';
import type { Clock } from '../../core/clock.js';
import type { Target } from '../../core/commands/define-command.js';
import { UserFacingError } from '../../core/errors.js';
import { type Translator, translator } from '../../core/i18n/catalog.js';
import type { Locale } from '../../core/i18n/locale.js';
import { conversationKey, parseConversationKey, parseUserKey } from '../../core/platform/ids.js';
import type { OutboundMessage } from '../../core/platform/messages.js';
import type { DeliveryTarget } from '../../core/platform/platform.js';
import type { Delivery, JobClaims, Logger } from '../../core/ports.js';
import type { Db } from '../../db/client.js';
import { recordAudit } from '../audit/audit.repo.js';
import { pickFirst, readerLocale } from '../people/people.domain.js';
import type { PeopleRepo } from '../people/people.repo.js';
import { nearMatchesOfNew } from './customer-question.js';
import { customerDisplayName, customerKey } from './feedback.customers.js';
import { checkFeedback, type FeedbackInput, type FeedbackProblem } from './feedback.parse.js';
import type {
  CustomerRow,
  FeedbackRepo,
  FeedbackRow,
  FeedbackSettingsRow,
  LowDefaults,
  SurveyRow,
} from './feedback.repo.js';
import { isLow, SCALES, type Scale, validScore } from './feedback.scale.js';

/** Longest comment Muster keeps: what every platform can show in one message with room to spare. */
export const MAX_COMMENT = 2000;
const HOUR_MS = 60 * 60 * 1000;
const DEFAULT_ESCALATE_HOURS = 24;
const LOW_DEFAULTS: LowDefaults = {
  csat: SCALES.csat.defaultThreshold,
  nps: SCALES.nps.defaultThreshold,
  escalateHours: DEFAULT_ESCALATE_HOURS,
};

/** What happened to an item, for listeners such as the CRM sync. */
export type FeedbackChange =
  | { kind: 'created'; item: FeedbackRow }
  | {
      kind: 'status_changed' | 'resolved';
      /** The item as it is after the change. */
      item: FeedbackRow;
      from: FeedbackRow['status'];
      /** The history entry the change wrote: one per change, also when an item goes back and forth. */
      historyId: number;
      actorId: string;
      at: Date;
    };

export interface FeedbackDeps {
  db: Db;
  repo: FeedbackRepo;
  people: PeopleRepo;
  delivery: Delivery;
  /** Closing a survey and posting its result is claimed like every scheduled post. */
  claims: JobClaims;
  clock: Clock;
  logger: Logger;
  defaultLocale: Locale;
  /**
   * Told of each new item and each status change inside the write's transaction, so what the
   * listener records commits or rolls back with the change itself. Synchronous, and it must not
   * throw: a throw would undo the change.
   */
  onChange?(change: FeedbackChange): void;
}

export interface CaptureInput {
  workspaceId: string;
  groupId: string;
  authorId: string;
  customer?: string | undefined;
  score?: number | undefined;
  /** The maximum typed with the rating (`8/10`), so a rating on another scale is caught. */
  scoreOutOf?: number | undefined;
  comment: string;
  tags: readonly string[];
  crmAccountId?: string | undefined;
}

/** A group's settings with the defaults filled in. */
export interface GroupFeedbackSettings {
  scale: Scale;
  threshold: number;
  defaultCustomerId: number | null;
  alertChannelId: string | null;
  escalateHours: number;
}

/**
 * The alert threshold for a score given on `scale`: the group's own applies to its current scale;
 * a score kept from before a switch uses its own scale's default.
 * @example thresholdFor({ scale: 'nps', threshold: 7, … }, 'csat') === 2
 */
export function thresholdFor(settings: GroupFeedbackSettings, scale: Scale): number {
  return settings.scale === scale ? settings.threshold : SCALES[scale].defaultThreshold;
}

/** What a settings change did: saved, or a scale switch waiting for the admin's confirmation. */
export type ConfigureOutcome =
  | { kind: 'saved' }
  | { kind: 'confirmScale'; from: Scale; to: Scale; kept: number };

/** Words that confirm a scale switch typed on one line: `/feedback settings scale nps confirm`. */
const CONFIRM_WORDS = /\s+(confirm|yes|确认|确定|是)$/iu;

export function effectiveSettings(row: FeedbackSettingsRow | undefined): GroupFeedbackSettings {
  const scale = row?.scale ?? 'csat';
  return {
    scale,
    threshold: row?.threshold ?? SCALES[scale].defaultThreshold,
    defaultCustomerId: row?.defaultCustomerId ?? null,
    alertChannelId: row?.alertChannelId ?? null,
    escalateHours: row?.escalateHours ?? DEFAULT_ESCALATE_HOURS,
  };
}

const mention = (memberId: string) => `<@${parseUserKey(memberId).userId}>`;

export const SURVEY_RESULT_JOB = 'feedback.survey.result';

/**
 * Customer feedback: capture (one customer per normalized name), alerts on low scores to the
 * people responsible (once, also across restarts), follow-up with an owner and a history, and the
 * escalation of low scores left unresolved.
 */
export class FeedbackService {
  constructor(private readonly deps: FeedbackDeps) {}

  settings(groupId: string): GroupFeedbackSettings {
    return effectiveSettings(this.deps.repo.settings(groupId));
  }

  /** Customers named close to a typed name that is none of them (see nearMatchesOfNew). */
  nearMatchesOfNew(workspaceId: string, typed: string | undefined): CustomerRow[] {
    return nearMatchesOfNew(this.deps.repo, workspaceId, typed);
  }

  /** Makes a customer from a name as typed, after its author confirmed it is a new one. */
  createCustomer(workspaceId: string, typed: string, actorId: string): CustomerRow {
    const now = this.deps.clock.now();
    return this.deps.db.transaction(() => {
      const customer = this.deps.repo.ensureCustomer(
        workspaceId,
        customerKey(typed),
        customerDisplayName(typed),
        now,
      );
      recordAudit(this.deps.db, {
        workspaceId,
        actorId,
        action: 'customer.created',
        details: { customer: customer.name },
        at: now,
      });
      return customer;
    });
  }

  /** Checks a submission against the group's scale and limits; nothing is stored when there are problems. */
  check(input: CaptureInput): FeedbackProblem[] {
    const settings = this.settings(input.groupId);
    const { workspaceId: _w, groupId: _g, authorId: _a, ...fields } = input;
    return checkFeedback({ ...fields, tags: [...input.tags] } as FeedbackInput, settings.scale, {
      commentMax: MAX_COMMENT,
      hasDefaultCustomer: settings.defaultCustomerId !== null,
    });
  }

  /**
   * Stores a checked submission and alerts on a low score. `alsoWrite` runs in the item's own
   * transaction (a survey answer pointing at it), so the item and what refers to it are kept or
   * dropped together.
   */
  /** The customer named in the input (made the first time), else the group's default one. Call inside a transaction. */
  #customerOf(
    input: { workspaceId: string; customer?: string | undefined },
    settings: GroupFeedbackSettings,
    now: Date,
  ) {
    const named = input.customer?.trim();
    if (named) {
      return this.deps.repo.ensureCustomer(
        input.workspaceId,
        customerKey(named),
        customerDisplayName(named),
        now,
      );
    }
    return settings.defaultCustomerId !== null
      ? this.deps.repo.customer(settings.defaultCustomerId)
      : undefined;
  }

  async capture(input: CaptureInput, alsoWrite?: (item: FeedbackRow) => void): Promise<FeedbackRow> {
    const now = this.deps.clock.now();
    const settings = this.settings(input.groupId);
    const item = this.deps.db.transaction(() => {
      const customer = this.#customerOf(input, settings, now);
      if (!customer) throw new Error('default customer vanished');
      if (input.crmAccountId) this.deps.repo.setCrmAccount(customer.id, input.crmAccountId);
      const row = this.deps.repo.insert({
        workspaceId: input.workspaceId,
        groupId: input.groupId,
        customerId: customer.id,
        score: input.score as number,
        scale: settings.scale,
        comment: input.comment,
        tags: [...input.tags],
        authorId: input.authorId,
        createdAt: now,
      });
      this.deps.repo.history(row.id, input.authorId, 'created', { score: row.score }, now);
      recordAudit(this.deps.db, {
        workspaceId: input.workspaceId,
        groupId: input.groupId,
        actorId: input.authorId,
        action: 'feedback.created',
        details: { item: row.id, customer: customer.name, score: row.score },
        at: now,
      });
      this.deps.onChange?.({ kind: 'created', item: row });
      alsoWrite?.(row);
      return row;
    });
    if (isLow(settings.scale, item.score, settings.threshold)) await this.#alert(item, settings);
    return item;
  }

  /** Who hears about a group's unhappy customers: its account managers and managers, else its admins. */
  #responsible(groupId: string, roles: readonly string[]): string[] {
    const roster = this.deps.people.roster(groupId);
    const picked = [...new Set(roster.filter((r) => roles.includes(r.role)).map((r) => r.memberId))];
    if (picked.length) return picked;
    const conversation = parseConversationKey(groupId);
    return this.deps.people
      .adminsOf(groupId, `${conversation.platform}:${conversation.workspaceId}`)
      .map((m) => m.id);
  }

  #tFor(memberId: string, groupId: string): Translator {
    const member = this.deps.people.member(memberId);
    const group = this.deps.people.group(groupId);
    return translator(readerLocale(member, group, this.deps.defaultLocale));
  }

  #alertMessage(item: FeedbackRow, t: Translator): OutboundMessage {
    const customer = this.deps.repo.customer(item.customerId);
    const { max } = SCALES[item.scale];
    const conversation = parseConversationKey(item.groupId);
    const text = t('feedback.alert.text', {
      id: item.id,
      customer: customer?.name ?? '?',
      score: item.score,
      max,
      group: `<#${conversation.channelId}>`,
      author: mention(item.authorId),
    });
    return {
      text,
      blocks: [
        { type: 'section', text },
        ...(item.comment ? [{ type: 'context' as const, text: item.comment }] : []),
        {
          type: 'buttons',
          buttons: [
            {
              actionId: 'feedback.take',
              label: t('feedback.alert.take'),
              value: String(item.id),
              style: 'primary',
            },
            { actionId: 'feedback.resolve', label: t('feedback.alert.resolve'), value: String(item.id) },
          ],
        },
      ],
    };
  }

  /**
   * Sends first and records after: a process that dies in between leaves `alertedAt` empty, so the
   * minute job sends again, and the per-recipient keys make what already went out a no-op.
   */
  async #alert(item: FeedbackRow, settings: GroupFeedbackSettings): Promise<void> {
    const conversation = parseConversationKey(item.groupId);
    const recipients = this.#responsible(item.groupId, ['account_manager', 'manager']);
    for (const memberId of recipients) {
      await this.deps.delivery.send(
        conversation.platform,
        { kind: 'dm', user: parseUserKey(memberId) },
        this.#alertMessage(item, this.#tFor(memberId, item.groupId)),
        { dedupeKey: `feedback.alert:${item.id}:${memberId}` },
      );
    }
    const alertGroup = settings.alertChannelId
      ? conversationKey({ ...conversation, channelId: settings.alertChannelId })
      : undefined;
    // A channel that took in customers after it was chosen no longer gets alerts; the DMs above still go.
    if (settings.alertChannelId && alertGroup && !this.deps.people.hasCustomers(alertGroup)) {
      await this.deps.delivery.send(
        conversation.platform,
        { kind: 'channel', conversation: { ...conversation, channelId: settings.alertChannelId } },
        this.#alertMessage(item, this.#groupT(item.groupId)),
        { dedupeKey: `feedback.alert:${item.id}:channel` },
      );
    }
    const now = this.deps.clock.now();
    if (this.deps.repo.claimAlert(item.id, now))
      this.deps.repo.history(item.id, null, 'alerted', { to: recipients }, now);
  }

  /**
   * The minute job: alerts that a stopped process never sent (their dedupe keys make a resend
   * impossible), and low scores left unresolved past the group's time, escalated to managers once.
   */
  async tick(now: Date): Promise<void> {
    await this.closeSurveys(now);
    for (const item of this.deps.repo.unalertedLow(new Date(now.getTime() - 24 * HOUR_MS), LOW_DEFAULTS)) {
      await this.#alert(item, this.settings(item.groupId));
    }
    for (const item of this.deps.repo.dueEscalations(now, LOW_DEFAULTS)) {
      const settings = this.settings(item.groupId);
      // As with alerts: sent first, recorded after, the keys making a redone send a no-op.
      const conversation = parseConversationKey(item.groupId);
      for (const memberId of this.#responsible(item.groupId, ['manager'])) {
        const t = this.#tFor(memberId, item.groupId);
        const base = this.#alertMessage(item, t);
        const text = t('feedback.escalated', {
          id: item.id,
          customer: this.deps.repo.customer(item.customerId)?.name ?? '?',
          score: item.score,
          max: SCALES[item.scale].max,
          group: `<#${conversation.channelId}>`,
          hours: settings.escalateHours,
          owner: item.ownerId ? mention(item.ownerId) : t('feedback.nobody'),
        });
        await this.deps.delivery.send(
          conversation.platform,
          { kind: 'dm', user: parseUserKey(memberId) },
          { text, blocks: [{ type: 'section', text }, ...(base.blocks ?? []).slice(1)] },
          { dedupeKey: `feedback.escalation:${item.id}:${memberId}` },
        );
      }
      if (this.deps.repo.claimEscalation(item.id, now))
        this.deps.repo.history(item.id, null, 'escalated', { hours: settings.escalateHours }, now);
    }
  }

  /** Changes one group setting from what an admin typed; a bad value is refused and nothing changes. */
  configure(
    ctx: {
      workspaceId: string;
      groupId: string;
      actor: { user: { platform: string; workspaceId: string; userId: string } };
      now: Date;
    },
    key: 'scale' | 'threshold' | 'customer' | 'alerts' | 'escalate',
    raw: string,
  ): ConfigureOutcome {
    let value = raw.normalize('NFKC').trim();
    const current = this.settings(ctx.groupId);
    const confirmed = key === 'scale' && CONFIRM_WORDS.test(value);
    if (confirmed) value = value.replace(CONFIRM_WORDS, '');
    let patch: Partial<Omit<FeedbackSettingsRow, 'groupId' | 'updatedAt'>>;
    let newCustomer: string | undefined;
    switch (key) {
      case 'scale': {
        const scale = /^(csat|满意度|1-5|5-point|5分制|五分制)$/iu.test(value)
          ? 'csat'
          : /^(nps|0-10|净推荐值|10分制|十分制)$/iu.test(value)
            ? 'nps'
            : undefined;
        if (!scale) throw new UserFacingError('feedback_bad_scale', 'feedback.error.scale', { value: raw });
        if (scale === current.scale) return { kind: 'saved' };
        // Scores keep the scale they were given on; the admin hears how many stay on the old one first.
        const kept = this.deps.repo.countNotOn(ctx.groupId, scale);
        if (kept > 0 && !confirmed) return { kind: 'confirmScale', from: current.scale, to: scale, kept };
        // A threshold set for one scale means nothing on the other: back to the new scale's default.
        patch = { scale, threshold: null };
        break;
      }
      case 'threshold': {
        const n = /^\d+$/u.test(value) ? Number(value) : Number.NaN;
        const { min, max } = SCALES[current.scale];
        if (!(n >= min && n <= max))
          throw new UserFacingError('feedback_bad_threshold', 'feedback.error.threshold', {
            value: raw,
            min,
            max,
          });
        patch = { threshold: n };
        break;
      }
      case 'customer': {
        if (!value || /^(none|无)$/iu.test(value)) {
          patch = { defaultCustomerId: null };
          break;
        }
        // Created in the settings' transaction below: a save that fails leaves no customer behind.
        newCustomer = value;
        patch = {};
        break;
      }
      case 'alerts': {
        const channel = /^<#([\w.-]+)(?:\|[^>]*)?>$/u.exec(value)?.[1];
        if (!channel && !/^(off|none|关闭|无)$/iu.test(value)) {
          throw new UserFacingError('feedback_bad_channel', 'feedback.error.channel', { value: raw });
        }
        // Alerts name low scores and unhappy customers: only a team channel may receive them.
        const alertGroup = channel
          ? conversationKey({ ...parseConversationKey(ctx.groupId), channelId: channel })
          : undefined;
        if (alertGroup && (alertGroup === ctx.groupId || this.deps.people.hasCustomers(alertGroup))) {
          throw new UserFacingError('feedback_shared_channel', 'feedback.error.sharedChannel', {
            channel: raw,
          });
        }
        patch = { alertChannelId: channel ?? null };
        break;
      }
      case 'escalate': {
        const n = /^\d+$/u.test(value) ? Number(value) : Number.NaN;
        if (!(n >= 1 && n <= 720))
          throw new UserFacingError('feedback_bad_hours', 'feedback.error.hours', { value: raw });
        patch = { escalateHours: n };
        break;
      }
    }
    const actorId = `${ctx.actor.user.platform}:${ctx.actor.user.workspaceId}:${ctx.actor.user.userId}`;
    this.deps.db.transaction(() => {
      if (newCustomer !== undefined) {
        const customer = this.deps.repo.ensureCustomer(
          ctx.workspaceId,
          customerKey(newCustomer),
          customerDisplayName(newCustomer),
          ctx.now,
        );
        patch = { defaultCustomerId: customer.id };
      }
      this.deps.repo.saveSettings(ctx.groupId, patch, ctx.now);
      recordAudit(this.deps.db, {
        workspaceId: ctx.workspaceId,
        groupId: ctx.groupId,
        actorId,
        action: 'feedback.settings',
        details: { [key]: patch },
        at: ctx.now,
      });
    });
    return { kind: 'saved' };
  }

  /** Posts a rating question to the group, or sends it to one contact; open for the group's survey hours. */
  /**
   * Who a survey without a customer named is for: the group's default customer, else the one customer
   * the group is about. None or several: the asker is told which there are and how to name one.
   */
  #surveyedCustomer(groupId: string, settings: GroupFeedbackSettings): string {
    const fallback =
      settings.defaultCustomerId !== null ? this.deps.repo.customer(settings.defaultCustomerId) : undefined;
    if (fallback) return fallback.name;
    const known = this.deps.repo.customersOfGroup(groupId);
    const [only, ...more] = known;
    if (only && more.length === 0) return only.name;
    if (!only) throw new UserFacingError('survey_no_customer', 'feedback.survey.noCustomer', {});
    throw new UserFacingError('survey_which_customer', 'feedback.survey.whichCustomer', {
      count: known.length,
      customers: known.map((c) => `• ${c.name}`).join('\n'),
      customer: only.name,
    });
  }

  async startSurvey(input: {
    workspaceId: string;
    groupId: string;
    actorId: string;
    customer?: string | undefined;
    contactId?: string | undefined;
  }): Promise<SurveyRow> {
    const now = this.deps.clock.now();
    const settings = this.settings(input.groupId);
    const hours = this.deps.repo.settings(input.groupId)?.surveyHours ?? 24;
    // Whatever can refuse is worked out before anything is written: where the question goes, in which language.
    const conversation = parseConversationKey(input.groupId);
    const target: DeliveryTarget = input.contactId
      ? { kind: 'dm', user: parseUserKey(input.contactId), fallback: conversation }
      : { kind: 'channel', conversation };
    const t = input.contactId ? this.#tFor(input.contactId, input.groupId) : this.#groupT(input.groupId);
    const named = input.customer?.trim() || this.#surveyedCustomer(input.groupId, settings);
    // The customer and the survey are written together or not at all.
    const { customer, survey } = this.deps.db.transaction(() => {
      const customer = this.#customerOf({ ...input, customer: named }, settings, now);
      if (!customer) throw new Error('the surveyed customer vanished');
      const survey = this.deps.repo.insertSurvey({
        workspaceId: input.workspaceId,
        groupId: input.groupId,
        customerId: customer.id,
        contactId: input.contactId ?? null,
        scale: settings.scale,
        createdBy: input.actorId,
        createdAt: now,
        closesAt: new Date(now.getTime() + hours * HOUR_MS),
      });
      return { customer, survey };
    });
    const { min, max } = SCALES[settings.scale];
    const question = t(
      settings.scale === 'nps' ? 'feedback.survey.questionNps' : 'feedback.survey.question',
      {
        customer: customer.name,
      },
    );
    const message: OutboundMessage = {
      text: question,
      blocks: [
        { type: 'section', text: question },
        {
          type: 'buttons',
          buttons: Array.from({ length: max - min + 1 }, (_, i) => ({
            actionId: 'feedback.survey.answer',
            label: String(min + i),
            value: `${survey.id}:${min + i}`,
          })),
        },
        { type: 'context', text: t('feedback.survey.hint', { min, max, hours }) },
      ],
    };
    await this.deps.delivery.send(conversation.platform, target, message, {
      dedupeKey: `feedback.survey:${survey.id}`,
    });
    return survey;
  }

  /** Records (or changes) one person's rating; it becomes a feedback item, alerted like any other. */
  async answerSurvey(
    surveyId: number,
    memberId: string,
    score: number,
  ): Promise<{ itemId: number; changed: boolean }> {
    const now = this.deps.clock.now();
    const survey = this.deps.repo.survey(surveyId);
    if (!survey || survey.closedAt || survey.closesAt <= now) {
      throw new UserFacingError('survey_closed', 'feedback.survey.closed', {});
    }
    if (survey.contactId && survey.contactId !== memberId) {
      throw new UserFacingError('survey_not_yours', 'feedback.survey.notYours', {});
    }
    // Where the customer's people are known, the team's clicks would count as the customer's score.
    if (
      !survey.contactId &&
      this.deps.people.hasCustomers(survey.groupId) &&
      this.deps.people.standing(survey.groupId, memberId)?.side !== 'customer'
    ) {
      throw new UserFacingError('survey_for_customer', 'feedback.survey.forCustomer', {});
    }
    // The score rides in the button's value: only one the survey offered counts.
    if (!validScore(survey.scale, score)) {
      const { min, max } = SCALES[survey.scale];
      throw new UserFacingError('survey_bad_score', 'feedback.survey.badScore', { min, max });
    }
    const settings = this.settings(survey.groupId);
    const existing = this.deps.repo.surveyAnswer(surveyId, memberId);
    if (existing) {
      this.deps.db.transaction(() => {
        this.deps.repo.setScore(existing.itemId, score);
        this.deps.repo.history(existing.itemId, memberId, 'rescored', { score }, now);
      });
      const item = this.deps.repo.item(existing.itemId);
      if (item && item.alertedAt === null && isLow(item.scale, score, thresholdFor(settings, item.scale)))
        await this.#alert(item, settings);
      return { itemId: existing.itemId, changed: true };
    }
    const customer = this.deps.repo.customer(survey.customerId);
    const item = await this.capture(
      {
        workspaceId: survey.workspaceId,
        groupId: survey.groupId,
        authorId: memberId,
        customer: customer?.name,
        score,
        comment: '',
        tags: ['survey'],
      },
      (row) => this.deps.repo.addSurveyAnswer({ surveyId, memberId, itemId: row.id, answeredAt: now }),
    );
    return { itemId: item.id, changed: false };
  }

  addSurveyComment(surveyId: number, memberId: string, comment: string): boolean {
    const answer = this.deps.repo.surveyAnswer(surveyId, memberId);
    if (!answer) return false;
    this.deps.repo.setComment(answer.itemId, comment.slice(0, MAX_COMMENT));
    return true;
  }

  #groupT(groupId: string): Translator {
    const group = this.deps.people.group(groupId);
    return translator(pickFirst(group?.locale, this.deps.defaultLocale) as Locale);
  }

  /**
   * Closes surveys whose time is up and posts each result to its group, once: claimed like every
   * scheduled post, the survey marked closed only after its result is in the outbox, so a process
   * dying in between leaves it due and the claim is taken over. However late, a result still goes.
   */
  async closeSurveys(now: Date): Promise<void> {
    const deps = { ...this.deps, catchUpMs: Number.POSITIVE_INFINITY };
    for (const survey of this.deps.repo.dueSurveys(now)) {
      const key = { job: SURVEY_RESULT_JOB, target: String(survey.id), slot: 'closed' };
      await runClaimed(deps, 'survey result', key, survey.closesAt, now, () => this.#postResult(survey, now));
    }
  }

  /**
   * The result goes to the group, unless the customer's people are in it or the survey went to one
   * contact privately: then to the team that serves them (whoever asked, the account managers and
   * managers, else admins), each by DM in their language.
   */
  async #postResult(survey: SurveyRow, now: Date): Promise<void> {
    const scores = this.deps.repo.surveyScores(survey.id);
    const customer = this.deps.repo.customer(survey.customerId)?.name ?? '';
    const conversation = parseConversationKey(survey.groupId);
    const key = `feedback.survey.result:${survey.id}`;
    if (!survey.contactId && !this.deps.people.hasCustomers(survey.groupId)) {
      const text = surveyResultText(survey, scores, customer, this.#groupT(survey.groupId));
      await this.deps.delivery.send(
        conversation.platform,
        { kind: 'channel', conversation },
        { text },
        { dedupeKey: key },
      );
    } else {
      const team = new Set([
        survey.createdBy,
        ...this.#responsible(survey.groupId, ['account_manager', 'manager']),
      ]);
      for (const memberId of team) {
        const text = surveyResultText(survey, scores, customer, this.#tFor(memberId, survey.groupId));
        await this.deps.delivery.send(
          conversation.platform,
          { kind: 'dm', user: parseUserKey(memberId) },
          { text },
          { dedupeKey: `${key}:${memberId}` },
        );
      }
    }
    this.deps.repo.closeSurvey(survey.id, now);
  }

  memberName(memberId: string): string | undefined {
    return this.deps.people.member(memberId)?.displayName;
  }

  /** Where answering a survey is authorized: its group, and the contact it was sent to, from anywhere. */
  surveyTarget(id: number): Target | undefined {
    const survey = Number.isSafeInteger(id) ? this.deps.repo.survey(id) : undefined;
    return survey && { groupId: survey.groupId, addressee: survey.contactId };
  }

  /** The group an item belongs to, where every action on it is authorized. */
  itemGroup(id: number): string | undefined {
    return Number.isSafeInteger(id) ? this.deps.repo.item(id)?.groupId : undefined;
  }

  /** An item of this workspace, or undefined (another workspace's ids are not ours to show). */
  item(workspaceId: string, id: number): FeedbackRow | undefined {
    const item = this.deps.repo.item(id);
    return item && item.workspaceId === workspaceId ? item : undefined;
  }

  /** Owners and managers may change an item; others may only take one nobody owns. */
  mayChange(item: FeedbackRow, actorId: string, isManager: boolean): boolean {
    return isManager || item.ownerId === actorId;
  }

  change(
    item: FeedbackRow,
    actorId: string,
    action: 'assigned' | 'taken' | 'resolved' | 'reopened',
    patch: Partial<Pick<FeedbackRow, 'status' | 'ownerId' | 'resolution' | 'resolvedAt'>>,
  ): FeedbackRow {
    const now = this.deps.clock.now();
    return this.deps.db.transaction(() => {
      this.deps.repo.update(item.id, patch);
      const historyId = this.deps.repo.history(item.id, actorId, action, { ...patch }, now);
      recordAudit(this.deps.db, {
        workspaceId: item.workspaceId,
        groupId: item.groupId,
        actorId,
        action: `feedback.${action}`,
        targetId: patch.ownerId ?? undefined,
        details: { item: item.id, ...patch },
        at: now,
      });
      const updated = this.deps.repo.item(item.id) as FeedbackRow;
      if (patch.status !== undefined && patch.status !== item.status) {
        const kind = patch.status === 'resolved' ? 'resolved' : 'status_changed';
        this.deps.onChange?.({ kind, item: updated, from: item.status, historyId, actorId, at: now });
      }
      return updated;
    });
  }

  /** Tells a member they now own an item, in their language. */
  async tellOwner(item: FeedbackRow, ownerId: string, byId: string): Promise<void> {
    if (ownerId === byId) return;
    const conversation = parseConversationKey(item.groupId);
    const t = this.#tFor(ownerId, item.groupId);
    const base = this.#alertMessage(item, t);
    const text = t('feedback.assignedToYou', { id: item.id, by: mention(byId) });
    await this.deps.delivery.send(
      conversation.platform,
      { kind: 'dm', user: parseUserKey(ownerId), fallback: conversation },
      { text, blocks: [{ type: 'section', text }, ...(base.blocks ?? []).slice(1)] },
    );
  }
}

/** A closed survey's result in one line: the average (CSAT) or the NPS, or that nobody answered. */
function surveyResultText(
  survey: SurveyRow,
  scores: readonly number[],
  customer: string,
  t: Translator,
): string {
  if (scores.length === 0) return t('feedback.survey.noAnswers', { customer });
  if (survey.scale === 'nps') {
    const promoters = scores.filter((s) => s >= 9).length;
    const detractors = scores.filter((s) => s <= 6).length;
    return t('feedback.survey.resultNps', {
      customer,
      count: scores.length,
      nps: Math.round(((promoters - detractors) / scores.length) * 100),
    });
  }
  return t('feedback.survey.result', {
    customer,
    count: scores.length,
    average: (scores.reduce((a, b) => a + b, 0) / scores.length).toFixed(1),
    max: SCALES[survey.scale].max,
  });
}
