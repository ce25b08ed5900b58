import type { MessageKey, Params } from '../../core/i18n/catalog.js';
import { CHINESE_DIGITS, wordTable } from '../../core/word-table.js';
import { customerKey } from './feedback.customers.js';
import { SCALES, type Scale, validScore } from './feedback.scale.js';

/** One piece of feedback as typed, before it is checked against the group's scale. */
export interface FeedbackInput {
  customer?: string;
  score?: number;
  /** The denominator typed with the rating (`2/5` → 5), so a `/10` rating in a 1–5 group is caught. */
  scoreOutOf?: number;
  comment: string;
  /** Lower-case, NFKC, without the `#`, each once, in the order typed. */
  tags: string[];
  crmAccountId?: string;
}

/** The fields of a feedback, as form field ids and as the subject of a problem. */
export type FeedbackField = 'customer' | 'score' | 'comment' | 'crmAccountId';

/** A localized problem with one field. */
export interface FeedbackProblem {
  field: FeedbackField;
  key: MessageKey;
  params: Params;
}

type KeyedField = 'customer' | 'score' | 'crmAccountId';
type Problem = { ok: false; key: MessageKey; params: Params };

/**
 * Longer names first, so `crm编号` is not read as `crm` and `客户名称` not as `客户`. Traditional forms
 * (客戶：, 評分：) too: the names are matched in the text as typed, which is kept as typed.
 */
const FIELD_NAMES: readonly (readonly [string, KeyedField])[] = [
  ['customer', 'customer'],
  ['client', 'customer'],
  ['客户名称', 'customer'],
  ['客户名', 'customer'],
  ['客户', 'customer'],
  ['客戶名稱', 'customer'],
  ['客戶名', 'customer'],
  ['客戶', 'customer'],
  ['rating', 'score'],
  ['score', 'score'],
  ['评分', 'score'],
  ['分数', 'score'],
  ['打分', 'score'],
  ['評分', 'score'],
  ['分數', 'score'],
  ['crm编号', 'crmAccountId'],
  ['crm編號', 'crmAccountId'],
  ['crm', 'crmAccountId'],
  ['account', 'crmAccountId'],
];
const FIELD_BY_NAME = new Map(FIELD_NAMES.map(([name, field]) => [name, field]));

/** The field name in a matched `Customer :` or `CRM编号：`, as {@link FIELD_BY_NAME} holds it. */
function fieldName(label: string): string {
  return label.replace(/[ \t]*[:：﹕]$/u, '').toLowerCase();
}

const NAMES = FIELD_NAMES.map(([name]) => name).join('|');
/** A field name and its colon. An English name must start a word ("mycustomer:" is prose); a Chinese one need not. */
const KEY = `(?<![A-Za-z0-9_])(?:${NAMES})[ \\t]*[:：﹕]`;
/**
 * A `#tag` or `＃标签`. An ASCII `#` not after a letter or digit of an English word (`C#`, `issue#12`,
 * a URL's `page#top`), nor inside Slack's `<#C123>` channel links or HTML entities; Chinese may run
 * straight into it. A full-width `＃` comes from a Chinese keyboard on purpose, so it is a tag anywhere.
 */
const TAG = '(?:(?<![A-Za-z0-9_<&/])#|＃)([\\p{L}\\p{N}\\p{M}_-]+)';
/** Either a field name with its colon (group 1, and the spaces after it) or a tag (group 2). */
const TOKEN = new RegExp(`(${KEY})[ \\t]*|${TAG}`, 'giu');

/** An unquoted value: one word, ending at a space, a separator, a tag or the next field (`客户：阿里巴巴评分：1`). */
const WORD = new RegExp(`(?:(?!${KEY})[^\\s,，;；、。#＃])*`, 'iuy');
const NEXT_KEY = new RegExp(KEY, 'giu');
/** What may follow a value and belongs to neither it nor the comment: `客户：阿里巴巴，评分：1，…`. */
const SEPARATOR = /[,，;；、。.]/uy;
const QUOTES = wordTable<string>({
  '"': '"',
  '＂': '＂',
  '“': '”',
  "'": "'",
  '‘': '’',
  '「': '」',
  '『': '』',
});

/**
 * A rating in digits: `4`, `２分`, `2星`, `2/5`, `8 / 10`, `4 stars`. An English letter or digit right
 * after it makes it something else (`2x`), but Chinese may follow (`评分：1发货太慢了`).
 */
const DIGIT_RATING =
  /([+\-＋－]?[0-9０-９]+(?:[.．][0-9０-９]+)?)(?:[ \t]*(?:[/／][ \t]*([0-9０-９]+)|颗星|分|星|stars?|points?|pts?)(?![A-Za-z]))?(?![A-Za-z0-9０-９]|[.．][0-9０-９])/uy;
/**
 * A rating in a Chinese numeral: `五星`, `两分`, `三`. `五星好评` reads as 5, but `十分差` ("very bad")
 * and `一般` ("so-so") are words, not ratings.
 */
const HAN_RATING = /([零〇一二两三四五六七八九十])(?:颗星|星|分(?![\p{L}\p{N}])|(?![\p{L}\p{N}]))/uy;
const HAN_DIGITS = wordTable<number>({ ...CHINESE_DIGITS, 十: 10 });

/** Longest customer name and CRM account id kept: longer ones are a paste gone wrong. */
export const CUSTOMER_MAX = 200;
export const CRM_ACCOUNT_MAX = 100;

const HAN_EDGE = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;

/** Joins comment pieces around a removed field or tag: a space between words, none between Chinese characters. */
function joinComment(before: string, after: string): string {
  const last = before.at(-1);
  const first = after[0];
  if (!last || !first || /\s/u.test(last) || /\s/u.test(first)) return before + after;
  return HAN_EDGE.test(last) && HAN_EDGE.test(first) ? before + after : `${before} ${after}`;
}

function cleanComment(comment: string): string {
  return comment
    .replace(/[^\S\n]+/gu, ' ')
    .replace(/ ?\n ?/gu, '\n')
    .replace(/^[\s,，;；、。.]+/u, '')
    .replace(/[\s,，;；、]+$/u, '');
}

/** A tag as stored: NFKC, lower case, without trailing dashes; '' when nothing is left. */
function tagOf(raw: string): string {
  return raw
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[-_]+$/u, '');
}

/** The value after a field name: quoted text, or one word. `end` is where the text goes on. */
function readValue(text: string, at: number): { value: string; end: number; quoted: boolean } | 'unclosed' {
  const open = text[at];
  const close = open === undefined ? undefined : QUOTES[open];
  if (close !== undefined) {
    const end = text.indexOf(close, at + 1);
    if (end < 0) return 'unclosed';
    return { value: text.slice(at + 1, end).trim(), end: end + 1, quoted: true };
  }
  WORD.lastIndex = at;
  const word = WORD.exec(text)?.[0] ?? '';
  return { value: word, end: at + word.length, quoted: false };
}

function digits(text: string): number {
  return Number(text.normalize('NFKC').replace(/^\+/u, ''));
}

/** A rating at `at`, with where it ends; undefined when the text there is not one. */
function readRating(text: string, at: number): { score: number; outOf?: number; end: number } | undefined {
  DIGIT_RATING.lastIndex = at;
  const digit = DIGIT_RATING.exec(text);
  if (digit) {
    const [whole, score = '', outOf] = digit;
    return {
      score: digits(score),
      ...(outOf === undefined ? {} : { outOf: digits(outOf) }),
      end: at + whole.length,
    };
  }
  HAN_RATING.lastIndex = at;
  const han = HAN_RATING.exec(text);
  const score = han ? HAN_DIGITS[han[1] ?? ''] : undefined;
  return han && score !== undefined ? { score, end: at + han[0].length } : undefined;
}

/** A rating that must fill the whole of a quoted value. */
function wholeRating(value: string): ReturnType<typeof readRating> {
  const rating = readRating(value, 0);
  return rating && value.slice(rating.end).trim() === '' ? rating : undefined;
}

/** A field's value as typed (`raw`, for messages), what it means, and where the text goes on. */
type FieldValue = { raw: string; end: number } & (
  | { field: 'customer' | 'crmAccountId' }
  | { field: 'score'; score: number; outOf?: number }
);

/**
 * An unquoted customer name of several words, when the next field follows it with nothing but spaces
 * between (`customer: Acme Ltd rating: 2`): a value runs to the next known key, as people type it.
 * Not across Han text: a Chinese name has no spaces, so `客户：阿里巴巴 发货太慢了 评分：1` is name, comment.
 */
function runToNextKey(text: string, at: number): { value: string; end: number } | undefined {
  NEXT_KEY.lastIndex = at;
  const next = NEXT_KEY.exec(text);
  if (!next) return undefined;
  const value = text.slice(at, next.index).trim();
  const plain = value && !/[\n,，;；、。#＃"“”「」『』]|\p{Script=Han}/u.test(value);
  return plain ? { value, end: next.index } : undefined;
}

function readField(text: string, at: number, field: KeyedField, label: string): FieldValue | Problem {
  const read = readValue(text, at);
  if (read === 'unclosed') return { ok: false, key: 'feedback.parse.unclosedQuote', params: { label } };
  const whole = field === 'customer' && !read.quoted ? runToNextKey(text, at) : undefined;
  if (whole) return { field: 'customer', raw: whole.value, end: whole.end };
  if (field !== 'score') return { field, raw: read.value, end: read.end };
  // Unquoted, the rating ends where its number (and unit) does: `评分：1发货太慢了`.
  const rating = read.quoted ? wholeRating(read.value) : readRating(text, at);
  if (!rating)
    return read.value === ''
      ? { ok: false, key: 'feedback.parse.ratingEmpty', params: {} }
      : { ok: false, key: 'feedback.parse.ratingNotNumber', params: { value: read.value } };
  const end = read.quoted ? read.end : rating.end;
  const outOf = rating.outOf === undefined ? {} : { outOf: rating.outOf };
  return { field, raw: read.quoted ? read.value : text.slice(at, end), end, score: rating.score, ...outOf };
}

const DUPLICATE: Record<KeyedField, MessageKey> = {
  customer: 'feedback.parse.duplicateCustomer',
  score: 'feedback.parse.duplicateRating',
  crmAccountId: 'feedback.parse.duplicateCrm',
};

/**
 * Reads inline feedback: `/feedback customer:"Acme Ltd" rating:2 late delivery again #logistics`.
 * Fields customer/client/客户/客户名称, rating/score/评分/分数/打分 and crm/account/CRM编号, in any
 * case, with `:` or `：`, anywhere in the text; values quoted with "…", “…”, '…', 「…」 or『…』,
 * or one word. Chinese needs no spaces: `客户：“阿里巴巴”评分：1 发货太慢了＃物流`. A rating may be
 * `2/5`, `２分`, `2星`, `五星`. `#tags` and `＃标签` anywhere. The rest is the comment.
 * Whether the customer is there and the score fits the group's scale is {@link checkFeedback}'s job.
 * @example parseFeedbackInline('客户：“阿里巴巴”评分：1 发货太慢了＃物流')
 *          → { ok: true, input: { customer: '阿里巴巴', score: 1, comment: '发货太慢了', tags: ['物流'] } }
 */
export function parseFeedbackInline(text: string): { ok: true; input: FeedbackInput } | Problem {
  const input: FeedbackInput = { comment: '', tags: [] };
  const given = new Map<KeyedField, string>();
  let comment = '';
  let at = 0;
  TOKEN.lastIndex = 0;
  for (let token = TOKEN.exec(text); token; token = TOKEN.exec(text)) {
    comment = joinComment(comment, text.slice(at, token.index));
    at = token.index + token[0].length;
    const [whole, label, tag = ''] = token;
    const field = label === undefined ? undefined : FIELD_BY_NAME.get(fieldName(label));
    if (label === undefined || field === undefined) {
      const stored = tagOf(tag);
      if (stored === '') comment = joinComment(comment, whole);
      else if (!input.tags.includes(stored)) input.tags.push(stored);
      continue;
    }
    const value = readField(text, at, field, label);
    if ('ok' in value) return value;
    const first = given.get(field);
    if (first !== undefined)
      return { ok: false, key: DUPLICATE[field], params: { first, second: value.raw } };
    given.set(field, value.raw);
    if (value.field === 'score') {
      input.score = value.score;
      if (value.outOf !== undefined) input.scoreOutOf = value.outOf;
    } else input[value.field] = value.raw;
    SEPARATOR.lastIndex = value.end;
    at = SEPARATOR.test(text) ? value.end + 1 : value.end;
    TOKEN.lastIndex = at;
  }
  input.comment = cleanComment(joinComment(comment, text.slice(at)));
  return { ok: true, input };
}

/**
 * Tags typed into a form's tags field: `#物流 #billing`, `物流，billing`, `物流、账单` or `a b`, each
 * stored as {@link parseFeedbackInline} stores them.
 * @example parseTags('#物流，Billing  billing') → ['物流', 'billing']
 */
export function parseTags(text: string): string[] {
  const tags: string[] = [];
  for (const piece of text.split(/[\s,，;；、#＃]+/u)) {
    const tag = tagOf(piece.replace(/[^\p{L}\p{N}\p{M}_-]+/gu, ''));
    if (tag !== '' && !tags.includes(tag)) tags.push(tag);
  }
  return tags;
}

function length(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/**
 * Everything wrong with a feedback before it is saved, at most one problem per field, in field order:
 * for a form's field errors, or the first one as a reply. No customer (blank is fine when the group
 * has a default customer; a name of only punctuation never is), a missing rating or one the group's
 * scale cannot hold (or typed out of another maximum: `8/10` in a 1–5 group), a comment over the
 * platform's limit in characters, an overlong customer name or CRM account id.
 * @example checkFeedback({ customer: 'Acme', score: 7, comment: '', tags: [] }, 'csat', { commentMax: 2000 })
 *          → [{ field: 'score', key: 'feedback.error.scoreRange', params: { score: 7, min: 1, max: 5 } }]
 */
export function checkFeedback(
  input: FeedbackInput,
  scale: Scale,
  options: { commentMax: number; hasDefaultCustomer?: boolean },
): FeedbackProblem[] {
  const problems: FeedbackProblem[] = [];
  const { min, max } = SCALES[scale];
  const customer = input.customer?.trim() ?? '';
  const usesDefault = customer === '' && options.hasDefaultCustomer === true;
  if (!usesDefault && customerKey(customer) === '')
    problems.push({ field: 'customer', key: 'feedback.error.noCustomer', params: {} });
  else if (length(customer) > CUSTOMER_MAX)
    problems.push({
      field: 'customer',
      key: 'feedback.error.customerTooLong',
      params: { length: length(customer), max: CUSTOMER_MAX },
    });
  if (input.score === undefined)
    problems.push({ field: 'score', key: 'feedback.error.noScore', params: { min, max } });
  else if (input.scoreOutOf !== undefined && input.scoreOutOf !== max)
    problems.push({
      field: 'score',
      key: 'feedback.error.scoreOutOf',
      params: { outOf: input.scoreOutOf, min, max },
    });
  else if (!validScore(scale, input.score))
    problems.push({
      field: 'score',
      key: 'feedback.error.scoreRange',
      params: { score: input.score, min, max },
    });
  if (length(input.comment) > options.commentMax)
    problems.push({
      field: 'comment',
      key: 'feedback.error.commentTooLong',
      params: { length: length(input.comment), max: options.commentMax },
    });
  const crm = input.crmAccountId?.trim() ?? '';
  if (length(crm) > CRM_ACCOUNT_MAX)
    problems.push({
      field: 'crmAccountId',
      key: 'feedback.error.crmTooLong',
      params: { length: length(crm), max: CRM_ACCOUNT_MAX },
    });
  return problems;
}
