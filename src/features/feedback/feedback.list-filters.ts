import { leadingDay, parseDay } from '../../core/dates.js';
import type { MessageKey, Params } from '../../core/i18n/catalog.js';
import { wordTable } from '../../core/word-table.js';
import type { FeedbackRow } from './feedback.repo.js';

type Status = FeedbackRow['status'];

/** What `/feedback list` narrows the list by; days are ISO dates in the reader's zone. */
export interface ListFilters {
  customer?: string;
  status?: Status;
  tags: string[];
  from?: string;
  to?: string;
}

type Refusal = { ok: false; key: MessageKey; params: Params };

const STATUS_WORDS = wordTable<Status>({
  open: 'open',
  未处理: 'open',
  待处理: 'open',
  未處理: 'open',
  in_progress: 'in_progress',
  'in-progress': 'in_progress',
  progress: 'in_progress',
  处理中: 'in_progress',
  處理中: 'in_progress',
  resolved: 'resolved',
  done: 'resolved',
  已解决: 'resolved',
  已解決: 'resolved',
});

/** A tag or status word as compared: NFKC, lower case, without a leading `#`. */
function tagOf(word: string): string {
  return word.normalize('NFKC').toLowerCase().replace(/^#/u, '');
}

type Field = 'customer' | 'status' | 'from' | 'to' | 'tag';

/** Longer names first, so `客户名称：` is not read as `客户：` followed by `名称：`. */
const FIELD_NAMES: readonly (readonly [string, Field])[] = [
  ['customer', 'customer'],
  ['client', 'customer'],
  ['客户名称', 'customer'],
  ['客户', 'customer'],
  ['客戶', 'customer'],
  ['status', 'status'],
  ['state', 'status'],
  ['状态', 'status'],
  ['狀態', 'status'],
  ['from', 'from'],
  ['since', 'from'],
  ['开始日期', 'from'],
  ['開始日期', 'from'],
  ['开始', 'from'],
  ['從', 'from'],
  ['从', 'from'],
  ['to', 'to'],
  ['until', 'to'],
  ['结束日期', 'to'],
  ['結束日期', 'to'],
  ['结束', 'to'],
  ['到', 'to'],
  ['tag', 'tag'],
  ['标签', 'tag'],
  ['標籤', 'tag'],
];
const FIELD_BY_NAME = new Map(FIELD_NAMES.map(([name, field]) => [name, field]));
/** A field name and its colon; an English name must start a word, a Chinese one may follow anything. */
const KEY = new RegExp(`(?<![A-Za-z0-9_])(${FIELD_NAMES.map(([n]) => n).join('|')})\\s*[:：﹕]`, 'giu');
/** A `#tag` not inside a channel link (`<#C1>`) or a word (`C#`); a full-width `＃` anywhere. */
const TAG = /(?:(?<![A-Za-z0-9_<&/])#|＃)([\p{L}\p{N}\p{M}_-]+)/gu;
const QUOTED = /^["'“”‘’「」『』]+|["'“”‘’「」『』]+$/gu;

/** One `key: value` in the text, the value running to the next key. */
interface Keyed {
  field: Field;
  label: string;
  value: string;
}

/** Splits the text into the words before any key and the keyed values, each up to the next key. */
function splitKeyed(text: string): { free: string; keyed: Keyed[] } {
  const keys = [...text.matchAll(KEY)];
  const keyed = keys.map((m, i) => ({
    field: FIELD_BY_NAME.get((m[1] as string).toLowerCase()) as Field,
    label: m[1] as string,
    value: text
      .slice((m.index ?? 0) + m[0].length, keys[i + 1]?.index ?? text.length)
      .trim()
      .replace(QUOTED, '')
      .trim(),
  }));
  return { free: text.slice(0, keys[0]?.index ?? text.length), keyed };
}

/** The words before any key, read as before keys existed: statuses, days, else the customer's name. */
function readFree(words: readonly string[], zone: string, now: Date, into: ListFilters): void {
  const name: string[] = [];
  const days: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    // A day may take several words: `last monday`, `the day after tomorrow`.
    const day = leadingDay(words.slice(i), zone, now);
    const status = STATUS_WORDS[tagOf(word)];
    if (status) into.status = status;
    else if (day) {
      days.push(day.day);
      i += day.words - 1;
    } else name.push(word);
  }
  if (name.length) into.customer = name.join(' ');
  [into.from, into.to] = days;
}

/**
 * `/feedback list` filters as typed: `customer:Acme Ltd status:open from:last monday to:today #billing`
 * (a value runs to the next key, quoted or not), or the same without keys (`Acme open #billing`).
 * @example parseListFilters('客户：北京星辰科技（中国） 状态：未处理', zone, now) → { customer: '北京星辰科技(中国)', status: 'open', tags: [] }
 */
export function parseListFilters(
  raw: string,
  zone: string,
  now: Date,
  usage: string,
): { ok: true; filters: ListFilters } | Refusal {
  // Not NFKC as a whole: a customer's name is shown as it was typed, full-width brackets and all.
  const folded = raw.replace(/\u3000/gu, ' ');
  const tags = [...folded.matchAll(TAG)].map((m) => tagOf(m[1] as string));
  const { free, keyed } = splitKeyed(folded.replace(TAG, ' '));
  const filters: ListFilters = { tags };
  readFree(free.split(/\s+/u).filter(Boolean), zone, now, filters);
  for (const { field, label, value } of keyed) {
    if (!value && field !== 'tag')
      return { ok: false, key: 'feedback.list.empty', params: { key: `${label}:`, usage } };
    if (field === 'customer') filters.customer = value;
    else if (field === 'tag') tags.push(...value.split(/\s+/u).filter(Boolean).map(tagOf));
    else if (field === 'status') {
      const status = STATUS_WORDS[tagOf(value)];
      if (!status) return { ok: false, key: 'feedback.list.badStatus', params: { value, usage } };
      filters.status = status;
    } else {
      const day = parseDay(value, zone, now);
      if (!day) return { ok: false, key: 'feedback.list.badDay', params: { value, usage } };
      filters[field] = day;
    }
  }
  if (filters.from && filters.to && filters.from > filters.to)
    [filters.from, filters.to] = [filters.to, filters.from];
  return { ok: true, filters };
}
