import { DateTime } from 'luxon';
import { csvDocument } from '../../core/csv.js';
import type { Scale } from './feedback.scale.js';
import type { FeedbackStatus } from './feedback.stats.js';

/** One exported feedback. Names and ids as they should appear; null or '' for an empty cell. */
export interface FeedbackCsvRow {
  createdAt: Date;
  customer: string;
  crmAccountId: string | null;
  score: number;
  scale: Scale;
  comment: string;
  tags: readonly string[];
  status: FeedbackStatus;
  owner: string | null;
  group: string;
  author: string;
  resolvedAt: Date | null;
  resolution: string | null;
}

/** Column names as CRM import wizards map them without a manual step: plain English, one word where possible. */
const HEADER = [
  'Date',
  'Customer',
  'CRM Account ID',
  'Score',
  'Scale',
  'Comment',
  'Tags',
  'Status',
  'Owner',
  'Group',
  'Author',
  'Resolved At',
  'Resolution',
];

const SCALE_NAME: Record<Scale, string> = { csat: 'CSAT', nps: 'NPS' };
const STATUS_NAME: Record<FeedbackStatus, string> = {
  open: 'Open',
  in_progress: 'In Progress',
  resolved: 'Resolved',
};

function isoDate(date: Date | null, timezone: string): string {
  return date === null
    ? ''
    : (DateTime.fromJSDate(date, { zone: timezone }).toISO({ suppressMilliseconds: true }) ?? '');
}

/**
 * The `/feedback export` file: a plain English header row (Date, Customer, CRM Account ID, Score,
 * Scale, Comment, Tags, Status, Owner, Group, Author, Resolved At, Resolution), UTF-8 with a BOM
 * and CRLF so Excel shows Chinese, formula cells defused (see {@link csvDocument}), dates ISO 8601
 * with the offset of `timezone`. Tags are joined with `;`, the multi-value separator CRM imports
 * (Salesforce, HubSpot, Zoho) read; status and scale are words, not codes.
 * @example feedbackCsv([{ createdAt, customer: '阿里巴巴', score: 1, scale: 'csat', tags: ['物流'], status: 'open', … }], 'Asia/Shanghai')
 *          === '\uFEFFDate,Customer,…\r\n2026-12-01T09:30:00+08:00,阿里巴巴,,1,CSAT,发货太慢了,物流,Open,…\r\n'
 */
export function feedbackCsv(rows: readonly FeedbackCsvRow[], timezone: string): string {
  return csvDocument([
    HEADER,
    ...rows.map((row) => [
      isoDate(row.createdAt, timezone),
      row.customer,
      row.crmAccountId ?? '',
      String(row.score),
      SCALE_NAME[row.scale],
      row.comment,
      row.tags.join(';'),
      STATUS_NAME[row.status],
      row.owner ?? '',
      row.group,
      row.author,
      isoDate(row.resolvedAt, timezone),
      row.resolution ?? '',
    ]),
  ]);
}
