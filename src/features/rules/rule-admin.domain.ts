import { DateTime } from 'luxon';
import { parseDay } from '../../core/dates.js';
import { wordTable } from '../../core/word-table.js';

/** What a rule may do on a hit, besides the strikes every hit gives. */
export const RULE_ACTIONS = ['delete', 'warn', 'timeout', 'remove', 'alert'] as const;
export type RuleAction = (typeof RULE_ACTIONS)[number];

const ACTION_WORDS = wordTable<RuleAction>({
  delete: 'delete',
  del: 'delete',
  删除: 'delete',
  撤回: 'delete',
  warn: 'warn',
  warning: 'warn',
  警告: 'warn',
  提醒: 'warn',
  timeout: 'timeout',
  mute: 'timeout',
  禁言: 'timeout',
  remove: 'remove',
  kick: 'remove',
  移出: 'remove',
  踢出: 'remove',
  alert: 'alert',
  notify: 'alert',
  通知: 'alert',
  通知管理员: 'alert',
  告警: 'alert',
});

/** Whether a typed word names an action (`禁言`, `timeout`), or the action list itself (`actions`, `处理`). */
export function isActionWord(word: string): boolean {
  const folded = word.normalize('NFKC').toLowerCase();
  return ACTION_WORDS[folded] !== undefined || SETTING_WORDS.has(folded);
}
const SETTING_WORDS = new Set(['actions', 'action', 'duration', '处理', '处理方式', '动作', '时长']);

/**
 * Sensible defaults: what spam gets (deleted, author told) versus what shouting gets (a word).
 * Admins are not alerted by default: a flood would flood their DMs too; the ladder escalates.
 */
export function defaultActions(kind: string): RuleAction[] {
  if (kind === 'caps') return ['warn'];
  return ['delete', 'warn'];
}

/**
 * Reads an action list in English or Chinese, with any commas.
 * @example parseActions('删除，警告、通知管理员') → { ok: true, actions: ['delete', 'warn', 'alert'] }
 */
export function parseActions(
  text: string,
): { ok: true; actions: RuleAction[] } | { ok: false; word: string } {
  const words = text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[\s,;，；、+]+/u)
    .filter(Boolean);
  const actions: RuleAction[] = [];
  for (const word of words) {
    const action = ACTION_WORDS[word];
    if (!action) return { ok: false, word };
    if (!actions.includes(action)) actions.push(action);
  }
  if (actions.length === 0) return { ok: false, word: text };
  return { ok: true, actions };
}

/**
 * A from/to pair of local dates (as `parseDay` reads them: 2026-12-01, 12月1日, today…), inclusive, in the reader's zone.
 * @example parseDateRange('2026-12-01', undefined, 'Asia/Shanghai', now) → { ok: true, from: 2026-11-30T16:00Z, to: undefined }
 */
export function parseDateRange(
  from: string | undefined,
  to: string | undefined,
  zone: string,
  now: Date,
):
  | { ok: true; from?: Date | undefined; to?: Date | undefined }
  | { ok: false; key: 'rules.badDate' | 'rules.dateOrder'; params: { value: string } } {
  const start = from ? parseLocalDate(from, zone, now) : undefined;
  if (from && !start) return { ok: false, key: 'rules.badDate', params: { value: from } };
  const end = to ? parseLocalDate(to, zone, now) : undefined;
  if (to && !end) return { ok: false, key: 'rules.badDate', params: { value: to } };
  if (start && end && start > end) {
    return { ok: false, key: 'rules.dateOrder', params: { value: `${from} → ${to}` } };
  }
  return { ok: true, from: start?.startOf('day').toJSDate(), to: end?.endOf('day').toJSDate() };
}

function parseLocalDate(raw: string, zone: string, now: Date): DateTime | undefined {
  const day = parseDay(raw, zone, now);
  return day ? DateTime.fromISO(day, { zone }) : undefined;
}
