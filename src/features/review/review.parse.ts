import { parseDay } from '../../core/dates.js';
import type { MessageKey } from '../../core/i18n/catalog.js';

/** An action item as typed: `/review action 整理报价单 @小王 周五 客户：华星科技`. */
export interface ActionItemInput {
  text: string;
  /** The platform user id of the owner (the first mention). */
  ownerId: string;
  /** YYYY-MM-DD in the owner's timezone, when a date was given. */
  dueDay: string | undefined;
  /** A customer the task is about, by name as typed. */
  customer: string | undefined;
}

export type ParsedActionItem = { ok: true; item: ActionItemInput } | { ok: false; error: MessageKey };

const MENTION = /<@!?([\w.-]+)(?:\|[^>]*)?>/u;
const DUE_KEY = /^(?:due|by|截止|到期|截至|期限)[:：=]\s*/iu;
const CUSTOMER_KEY = /^(?:customer|client|客户)[:：=]\s*/iu;
/** Longer than this, a task is notes: it goes in the review notes. */
export const ACTION_TEXT_MAX = 300;

/** Quoted values ("Acme Corp", “华星 科技”) stay one token. */
function tokens(text: string): string[] {
  return [...text.matchAll(/(?:[^\s"“”]+[:：=])?(?:"[^"]*"|“[^”]*”)|\S+/gu)].map((m) => m[0]);
}

const unquote = (value: string) => value.replace(/^["“](.*)["”]$/u, '$1').trim();

/**
 * Reads an action item: the first mention is the owner, `due:`/`截止：` or a last word that is a
 * day (周五, friday, 12-24, 明天) is the due date, `customer:`/`客户：` names a customer; the rest is
 * the task. Full-width colons and spaces work.
 * @example parseActionItem('整理报价单 <@U2> 周五 客户：华星科技', 'Asia/Shanghai', now)
 *   → { ok: true, item: { text: '整理报价单', ownerId: 'U2', dueDay: '2026-12-04', customer: '华星科技' } }
 */
export function parseActionItem(raw: string, zone: string, now: Date): ParsedActionItem {
  const text = raw.replace(/\u3000/gu, ' ').trim();
  const owner = MENTION.exec(text);
  if (!owner) return { ok: false, error: 'review.action.noOwner' };
  const words = tokens(text.replace(owner[0], ' '));
  let dueDay: string | undefined;
  let customer: string | undefined;
  const rest: string[] = [];
  for (const word of words) {
    if (DUE_KEY.test(word)) {
      dueDay = parseDay(unquote(word.replace(DUE_KEY, '')), zone, now);
      if (!dueDay) return { ok: false, error: 'review.action.badDue' };
    } else if (CUSTOMER_KEY.test(word)) {
      customer = unquote(word.replace(CUSTOMER_KEY, '')) || undefined;
    } else {
      rest.push(word);
    }
  }
  // A bare date at the end ("… @小王 周五") is the due date; a date inside the task text is not.
  const last = rest[rest.length - 1];
  if (!dueDay && last) {
    const day = parseDay(last, zone, now);
    if (day) {
      dueDay = day;
      rest.pop();
    }
  }
  const task = rest.join(' ').trim();
  if (!task) return { ok: false, error: 'review.action.noText' };
  if (task.length > ACTION_TEXT_MAX) return { ok: false, error: 'review.action.tooLong' };
  if (dueDay && dueDay < (parseDay('today', zone, now) ?? dueDay))
    return { ok: false, error: 'review.action.pastDue' };
  return { ok: true, item: { text: task, ownerId: owner[1] as string, dueDay, customer } };
}
