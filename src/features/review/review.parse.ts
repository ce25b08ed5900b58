import { isMention, type Piece, readFields } from '../../core/commands/fields.js';
import { foldKeyword, type Token, tokenize } from '../../core/commands/tokenize.js';
import { parseDay, trailingDay } from '../../core/dates.js';
import type { MessageKey, Params } from '../../core/i18n/catalog.js';
import { wordTable } from '../../core/word-table.js';

/** An action item as typed: `/review action 整理报价单 @小王 周五 客户：华星科技`. */
export interface ActionItemInput {
  text: string;
  /** The platform user id of the owner. */
  ownerId: string;
  /** YYYY-MM-DD in the speaker's timezone, when a date was given. */
  dueDay: string | undefined;
  /** A customer the task is about, by name as typed. */
  customer: string | undefined;
}

/** One item per owner named: `… @bob @carol friday` gives each of them the task. */
export type ParsedActionItem =
  | { ok: true; items: ActionItemInput[] }
  | { ok: false; error: MessageKey; params: Params };

type Field = 'due' | 'customer' | 'owner';
const KEYS = wordTable<Field>({
  due: 'due',
  by: 'due',
  deadline: 'due',
  截止: 'due',
  截至: 'due',
  到期: 'due',
  期限: 'due',
  截止日期: 'due',
  customer: 'customer',
  client: 'customer',
  客户: 'customer',
  owner: 'owner',
  owners: 'owner',
  assignee: 'owner',
  负责人: 'owner',
  负责: 'owner',
});
/** Words that join several owners: `@bob and @carol`, `@小王 和 @小李`, `@a、@b`. */
const JOINERS = new Set(['and', '&', '+', '和', '与', '跟', '及', '、', ',', '，']);
const MENTION = /^<@!?([\w.-]+)(?:\|[^>]*)?>$/u;

/** Words built like a day (下下下周, 周八, 35号, 3天以内) that no day rule reads. */
const MEANT_AS_DAY = /^(?:下+|上+|这|本)个?(?:周|星期|礼拜|月)|^(?:周|星期|礼拜)\S$|^\d+[号日]$|^\d+天/u;

/** Longer than this, a task is notes: it goes in the review notes. */
export const ACTION_TEXT_MAX = 300;

const fail = (error: MessageKey, params: Params = {}): ParsedActionItem => ({ ok: false, error, params });

/** The owners named, the words before the first of them (head) and after it (tail), and the fields. */
interface Parts {
  owners: string[];
  head: string[];
  tail: string[];
  fields: Partial<Record<Field, Extract<Piece, { kind: 'field' }>>>;
  /** The last thing typed, so a due date written after an unquoted customer is found. */
  last: Piece | undefined;
}

function split(pieces: Piece[]): Parts {
  const parts: Parts = { owners: [], head: [], tail: [], fields: {}, last: pieces[pieces.length - 1] };
  // With an `owner:` field, a mention elsewhere is part of the task (`Ask @carol about pricing`).
  const ownerField = pieces.some((p) => p.kind === 'field' && p.name === 'owner');
  const take = (tokens: Token[], owning: boolean) => {
    for (const [i, token] of tokens.entries()) {
      const mention = owning && !token.quoted ? MENTION.exec(token.text) : null;
      const next = tokens[i + 1];
      if (mention) parts.owners.push(mention[1] as string);
      else if (!(owning && parts.owners.length && JOINERS.has(token.text) && next && MENTION.test(next.text)))
        (parts.owners.length ? parts.tail : parts.head).push(token.text);
    }
  };
  let bare: Token[] = [];
  for (const piece of pieces) {
    if (piece.kind === 'word') {
      bare.push(piece.token);
      continue;
    }
    take(bare, !ownerField);
    bare = [];
    parts.fields[piece.name as Field] = piece;
    if (piece.name === 'owner') take(tokenize(spaced(piece.value)), true);
  }
  take(bare, !ownerField);
  return parts;
}

/** `整理报价单<@U2>周五`: a mention is a word of its own, whatever touches it. */
const spaced = (text: string) => text.replace(/<[@#][^>\s]+>/gu, ' $& ');

/**
 * Reads an action item: the mentioned people own it (one item each), `due:`/`截止：` or the day
 * after the owners (周五, next friday, 下下周一, in 3 days) is the due date, `customer:`/`客户：`
 * names a customer up to the next key; the rest is the task. Words after the owners that are not a
 * day are refused, never kept in the task or dropped.
 * @example parseActionItem('整理报价单 <@U2> 周五 客户：华星 科技', 'Asia/Shanghai', now)
 *   → { ok: true, items: [{ text: '整理报价单', ownerId: 'U2', dueDay: '2026-12-04', customer: '华星 科技' }] }
 */
export function parseActionItem(raw: string, zone: string, now: Date): ParsedActionItem {
  const text = spaced(raw).trim();
  const pieces = readFields(text, tokenize(text), {
    keyOf: (key) => KEYS[foldKeyword(key)],
    endsBefore: (name, token) => name !== 'owner' && isMention(token),
  });
  const { owners, head, tail, fields, last } = split(pieces);
  if (!owners.length) return fail('review.action.noOwner');
  let dueDay: string | undefined;
  if (fields.due) {
    dueDay = parseDay(fields.due.value, zone, now);
    if (!dueDay) return fail('review.action.badDue', { value: fields.due.value });
  }
  let customer = fields.customer?.value;
  let task = head.length ? head : tail;
  if (head.length && tail.length) {
    // After the owner comes the due date and nothing else: "… @bob friday please" is not guessed at.
    const found = dueDay ? undefined : trailingDay(tail, zone, now);
    if (!found || found.words !== tail.length)
      return fail(dueDay ? 'review.action.unread' : 'review.action.badDue', { value: tail.join(' ') });
    dueDay = found.day;
  }
  if (!dueDay && customer && last === fields.customer && !fields.customer?.quoted) {
    const found = trailingDay(customer.split(' '), zone, now);
    if (found) {
      dueDay = found.day;
      customer = customer.split(' ').slice(0, -found.words).join(' ');
    }
  }
  if (!dueDay) {
    const found = trailingDay(task, zone, now);
    if (found) {
      dueDay = found.day;
      task = task.slice(0, -found.words);
    }
    // `@小王 回访客户 下下下周`: a last word that is meant as a day but is not one is said, not kept.
    const lastWord = task[task.length - 1];
    if (!found && !head.length && lastWord && MEANT_AS_DAY.test(lastWord))
      return fail('review.action.badDue', { value: lastWord });
  }
  const taskText = task.join(' ').trim();
  if (!taskText) return fail('review.action.noText');
  if (taskText.length > ACTION_TEXT_MAX) return fail('review.action.tooLong');
  if (dueDay && dueDay < (parseDay('today', zone, now) ?? dueDay)) return fail('review.action.pastDue');
  return {
    ok: true,
    items: [...new Set(owners)].map((ownerId) => ({
      text: taskText,
      ownerId,
      dueDay,
      customer: customer || undefined,
    })),
  };
}
