import { describe, expect, it } from 'vitest';
import { type FeedbackCsvRow, feedbackCsv } from './feedback.csv.js';

/** RFC 4180 as a CRM import reads it: quoted cells may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) throw new Error('the last row does not end with CRLF');
  return rows;
}

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

const rows: FeedbackCsvRow[] = [
  {
    createdAt: new Date('2026-12-07T01:30:00Z'),
    customer: '阿里巴巴(中国)有限公司',
    crmAccountId: null,
    score: 1,
    scale: 'csat',
    comment: '发货太慢了，包装也破了。\n第二次了！',
    tags: ['物流', '售后'],
    status: 'resolved',
    owner: '小王',
    group: '#客户-阿里',
    author: 'bob',
    resolvedAt: new Date('2026-12-08T10:00:00Z'),
    resolution: '已补发，赔偿运费',
  },
  {
    createdAt: new Date('2026-12-31T16:30:00Z'),
    customer: 'Acme, "the big one" Ltd',
    crmAccountId: '0012A',
    score: 9,
    scale: 'nps',
    comment: "=cmd|' /C calc'!A0",
    tags: [],
    status: 'in_progress',
    owner: '@alice',
    group: 'C123',
    author: '+bob',
    resolvedAt: null,
    resolution: '-',
  },
];

describe('feedbackCsv', () => {
  const csv = feedbackCsv(rows, 'Asia/Shanghai');

  it('is UTF-8 with a BOM and CRLF line ends, under a plain English header', () => {
    expect(csv.startsWith('\uFEFFDate,Customer,CRM Account ID,Score,Scale,Comment,Tags,Status,')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(parseCsv(csv.slice(1))[0]).toEqual(HEADER);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('parses back into the right columns, Chinese and line breaks intact, dates in the group’s timezone', () => {
    const [, first, second, ...rest] = parseCsv(csv.slice(1));
    expect(rest).toEqual([]);
    expect(first).toEqual([
      '2026-12-07T09:30:00+08:00',
      '阿里巴巴(中国)有限公司',
      '',
      '1',
      'CSAT',
      '发货太慢了，包装也破了。\n第二次了！',
      '物流;售后',
      'Resolved',
      '小王',
      '#客户-阿里',
      'bob',
      '2026-12-08T18:00:00+08:00',
      '已补发，赔偿运费',
    ]);
    // 16:30 UTC on New Year's Eve is already 2027 in Shanghai.
    expect(second?.[0]).toBe('2027-01-01T00:30:00+08:00');
    expect(second?.slice(1, 5)).toEqual(['Acme, "the big one" Ltd', '0012A', '9', 'NPS']);
    expect(second?.slice(6, 8)).toEqual(['', 'In Progress']);
    expect(second?.[11]).toBe('');
  });

  it('neutralizes cells a spreadsheet would run as formulas', () => {
    const second = parseCsv(csv.slice(1))[2] ?? [];
    expect(second[5]).toBe("'=cmd|' /C calc'!A0");
    expect(second[8]).toBe("'@alice");
    expect(second[10]).toBe("'+bob");
    expect(second[12]).toBe("'-");
    expect(csv).not.toMatch(/(^|,)[=+@-]/mu);
  });

  it('is just the header when there is nothing to export', () => {
    expect(feedbackCsv([], 'UTC')).toBe(`\uFEFF${HEADER.join(',')}\r\n`);
  });
});
