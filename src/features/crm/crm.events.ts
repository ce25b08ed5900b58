import { z } from 'zod';
import type { CrmEvent } from '../../core/crm.js';
import type { Translator } from '../../core/i18n/catalog.js';
import { SCALES, type Scale } from '../feedback/feedback.scale.js';

/**
 * The events the group's work becomes on a customer's CRM record. Pure: every name is resolved
 * by the caller, and the text is written with the workspace's translator. Ids are stable, so a
 * retry, a restart or a second telling of the same change is the same event (docs/webhook.md).
 */

type FeedbackStatus = 'open' | 'in_progress' | 'resolved';

/** One feedback item with everything shown about it already resolved to names. */
export interface FeedbackFacts {
  id: number;
  customer: string;
  /** The linked CRM account; '' for a webhook and a customer not linked. */
  accountId: string;
  score: number;
  scale: Scale;
  comment: string;
  tags: readonly string[];
  /** The group as people know it ("#acme-support"). */
  group: string;
  author: string;
  status: FeedbackStatus;
  createdAt: Date;
}

export interface StatusChangeFacts {
  /** The history row of the change: one event per change, also when an item goes back and forth. */
  historyId: number;
  from: FeedbackStatus;
  to: FeedbackStatus;
  actor: string;
  at: Date;
  resolution: string | null;
}

export interface ActionItemFacts {
  id: number;
  customer: string;
  accountId: string;
  text: string;
  owner: string;
  /** YYYY-MM-DD, or null when no due date was agreed. */
  due: string | null;
  /** The review week (its Monday, YYYY-MM-DD). */
  week: string;
  group: string;
  createdAt: Date;
}

/** The webhook's documented names for the scales: the range is in the name. */
const SCALE_NAMES: Record<Scale, string> = { csat: 'csat5', nps: 'nps' };

function statusLabel(status: FeedbackStatus, t: Translator): string {
  return t(`feedback.status.${status}`);
}

function commentOrNone(comment: string, t: Translator): string {
  return comment.trim() === '' ? t('crm.event.noComment') : comment.trim();
}

function tagsOrNone(tags: readonly string[], t: Translator): string {
  return tags.length === 0 ? t('crm.event.noTags') : tags.map((tag) => `#${tag}`).join(' ');
}

/** The line that reminds a reader of a status note what the feedback was. */
function original(item: FeedbackFacts, t: Translator): string {
  return t('crm.event.original', {
    score: item.score,
    max: SCALES[item.scale].max,
    comment: commentOrNone(item.comment, t),
  });
}

/**
 * A new feedback item, as a note with customer, score, comment, tags, group and author.
 * @example feedbackCreatedEvent(item, translator('zh-CN')).id === 'fb:42:created'
 */
export function feedbackCreatedEvent(item: FeedbackFacts, t: Translator): CrmEvent {
  const max = SCALES[item.scale].max;
  return {
    id: `fb:${item.id}:created`,
    type: 'feedback.created',
    occurredAt: item.createdAt.toISOString(),
    accountId: item.accountId,
    customer: item.customer,
    title: t('crm.event.created.title', { id: item.id, customer: item.customer, score: item.score, max }),
    body: t('crm.event.created.body', {
      customer: item.customer,
      score: item.score,
      max,
      comment: commentOrNone(item.comment, t),
      tags: tagsOrNone(item.tags, t),
      group: item.group,
      author: item.author,
    }),
    data: {
      feedback_id: item.id,
      score: item.score,
      scale: SCALE_NAMES[item.scale],
      comment: item.comment,
      tags: [...item.tags],
      group: item.group,
      author: item.author,
      status: item.status,
    },
  };
}

/** A status change other than a resolution (taken, assigned, reopened). */
export function feedbackStatusEvent(item: FeedbackFacts, change: StatusChangeFacts, t: Translator): CrmEvent {
  const from = statusLabel(change.from, t);
  const to = statusLabel(change.to, t);
  return {
    id: `fb:${item.id}:status:${change.historyId}`,
    type: 'feedback.status_changed',
    occurredAt: change.at.toISOString(),
    accountId: item.accountId,
    customer: item.customer,
    title: t('crm.event.status.title', { id: item.id, status: to }),
    body: `${t('crm.event.status.body', { id: item.id, actor: change.actor, from, to })}\n${original(item, t)}`,
    data: {
      feedback_id: item.id,
      from_status: change.from,
      status: change.to,
      author: change.actor,
      group: item.group,
    },
  };
}

/** A resolution, with what was done about it. */
export function feedbackResolvedEvent(
  item: FeedbackFacts,
  change: StatusChangeFacts,
  t: Translator,
): CrmEvent {
  const resolution = change.resolution?.trim() || t('crm.event.noResolution');
  return {
    id: `fb:${item.id}:resolved:${change.historyId}`,
    type: 'feedback.resolved',
    occurredAt: change.at.toISOString(),
    accountId: item.accountId,
    customer: item.customer,
    title: t('crm.event.resolved.title', { id: item.id }),
    body: `${t('crm.event.resolved.body', { actor: change.actor, resolution })}\n${original(item, t)}`,
    data: {
      feedback_id: item.id,
      score: item.score,
      scale: SCALE_NAMES[item.scale],
      from_status: change.from,
      status: 'resolved',
      resolved_by: change.actor,
      resolution: change.resolution ?? '',
      group: item.group,
    },
  };
}

/** A weekly review action item that names the customer. */
export function actionItemEvent(item: ActionItemFacts, t: Translator): CrmEvent {
  return {
    id: `ai:${item.id}:created`,
    type: 'review.action_item',
    occurredAt: item.createdAt.toISOString(),
    accountId: item.accountId,
    customer: item.customer,
    title: t('crm.event.action.title'),
    body: t('crm.event.action.body', {
      text: item.text,
      owner: item.owner,
      due: item.due ?? t('crm.event.noDue'),
      group: item.group,
    }),
    data: {
      action_item_id: item.id,
      week: item.week,
      text: item.text,
      owner: item.owner,
      due: item.due,
      group: item.group,
    },
  };
}

const dataValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);

/** A queued event as read back from the database; a row that does not fit is given up, not thrown. */
export const crmEventSchema = z.object({
  id: z.string().min(1),
  type: z.enum(['feedback.created', 'feedback.status_changed', 'feedback.resolved', 'review.action_item']),
  occurredAt: z.string(),
  accountId: z.string(),
  customer: z.string(),
  title: z.string(),
  body: z.string(),
  data: z.record(z.string(), dataValue),
});
