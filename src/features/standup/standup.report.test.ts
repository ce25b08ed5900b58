import { describe, expect, it } from 'vitest';
import { translator } from '../../core/i18n/catalog.js';
import type { Block, OutboundMessage } from '../../core/platform/messages.js';
import {
  buildSummary,
  type DayStatus,
  formatAnswer,
  formatHistoryLine,
  standupCsv,
} from './standup.report.js';

const en = translator('en');
const zh = translator('zh-CN');
const mention = (id: string) => `<@${id}>`;
const at = new Date('2026-12-01T01:30:00Z');

const member = (id: string, name = id) => ({ memberId: id, name });
const answer = (id: string, name = id, late = false) => ({
  ...member(id, name),
  answers: { yesterday: 'a', today: 'b', blockers: '' },
  late,
  at,
});

const status: DayStatus = {
  day: '2026-12-01',
  expected: [member('U1', '小王'), member('U2', 'Bob'), member('U3', '李雷'), member('U4', 'Dana')],
  answered: [answer('U1', '小王'), answer('U2', 'Bob', true)],
  away: [member('U4', 'Dana')],
  blockers: [
    { ...member('U1', '小王'), text: 'API 限流', openDays: 1 },
    { ...member('U2', 'Bob'), text: 'waiting on\nthe design', openDays: 3 },
  ],
};

/** Everything a reader sees, in order. */
function visible(message: OutboundMessage): string {
  return (message.blocks ?? [])
    .map((b: Block) => {
      if (b.type === 'fields') return b.fields.map((f) => `${f.label}: ${f.value}`).join(' | ');
      return 'text' in b ? b.text : '';
    })
    .join('\n');
}

describe('buildSummary', () => {
  it('counts, mentions who is missing, lists who is away and every blocker with its age (en)', () => {
    const summary = buildSummary(status, en, mention);
    expect(summary.text).toBe('Standup 2026-12-01: 2/3 answered');
    expect(visible(summary)).toBe(
      [
        'Standup · 2026-12-01',
        'Answered: 2/3 | Not yet: 1 | Away: 1 | Blockers: 2',
        '*Not answered yet (1)*\n<@U3>',
        '*Away (1)*\nDana',
        '*Blockers (2)*\n• *Bob*: waiting on the design _(open 3 days)_\n• *小王*: API 限流 _(new)_',
        '1 answered after the deadline.\nNot answered yet? Send `/standup` to answer.',
      ].join('\n'),
    );
  });

  it('says the same in Chinese', () => {
    const summary = buildSummary(status, zh, mention);
    expect(summary.text).toBe('2026-12-01 站会：已提交 2/3');
    expect(visible(summary)).toBe(
      [
        '2026-12-01 站会汇总',
        '已提交: 2/3 | 未提交: 1 | 请假: 1 | 阻碍: 2',
        '*未提交（1 人）*\n<@U3>',
        '*请假（1 人）*\nDana',
        '*阻碍（2 项）*\n• *Bob*：waiting on the design（已持续 3 天）\n• *小王*：API 限流（新增）',
        '其中 1 人在截止后提交。\n还没提交？发送 `/standup` 填写。',
      ].join('\n'),
    );
  });

  it('celebrates a full house and says when nothing blocks', () => {
    const done = buildSummary(
      { day: '2026-12-01', expected: [member('U1')], answered: [answer('U1')], away: [], blockers: [] },
      zh,
      mention,
    );
    expect(visible(done)).toBe(
      '2026-12-01 站会汇总\n已提交: 1/1 | 未提交: 0 | 请假: 0 | 阻碍: 0\n全员已提交。🎉\n今天没有阻碍。',
    );
  });

  it('counts someone who answered while away, or without being expected, as answered', () => {
    const summary = buildSummary(
      {
        day: '2026-12-01',
        expected: [member('U1'), member('U2')],
        answered: [answer('U2'), answer('U9')],
        away: [member('U2')],
        blockers: [],
      },
      en,
      mention,
    );
    expect(summary.text).toBe('Standup 2026-12-01: 2/3 answered');
    expect(visible(summary)).not.toContain('Away (');
    expect(visible(summary)).toContain('*Not answered yet (1)*\n<@U1>');
  });

  it('splits a 1,000-member group into sections and lines within platform limits', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `U${String(i).padStart(9, '0')}`);
    const big: DayStatus = {
      day: '2026-12-01',
      expected: ids.map((id) => member(id, `成员${id}`)),
      answered: ids.slice(0, 200).map((id) => answer(id, `成员${id}`)),
      away: ids.slice(200, 300).map((id) => member(id, `成员${id}`)),
      blockers: ids.slice(0, 200).map((id, i) => ({
        ...member(id, `成员${id}`),
        text: `blocker ${i} `.repeat(60),
        openDays: (i % 5) + 1,
      })),
    };
    for (const t of [en, zh]) {
      const summary = buildSummary(big, t, mention);
      const blocks = summary.blocks ?? [];
      const texts = blocks.flatMap((b) => ('text' in b ? [b.text] : []));
      expect(Math.max(...texts.map((s) => s.length))).toBeLessThanOrEqual(2500);
      expect(Math.max(...texts.flatMap((s) => s.split('\n')).map((l) => l.length))).toBeLessThanOrEqual(500);
      const body = texts.join('\n');
      for (const id of ids.slice(300)) expect(body).toContain(`<@${id}>`);
      for (const id of ids.slice(200, 300)) expect(body).toContain(`成员${id}`);
      expect(body.match(/^• /gmu)).toHaveLength(200);
      expect(blocks.filter((b) => b.type === 'section').length).toBeGreaterThan(5);
      expect(summary.text).toContain('200/900');
    }
  });
});

describe('formatAnswer', () => {
  const questions = [
    { id: 'yesterday', label: '昨天' },
    { id: 'today', label: '今天' },
    { id: 'blockers', label: '阻碍' },
  ];

  it('shows the name, each question and answer, and "none" for an empty blocker', () => {
    const message = formatAnswer(
      '小王',
      questions,
      { yesterday: '写接口', today: '联调', blockers: '' },
      { late: false, edited: false },
      zh,
    );
    expect(message.text).toBe('小王提交了站会');
    expect(message.blocks).toEqual([
      { type: 'section', text: '*小王*' },
      { type: 'section', text: '*昨天*\n写接口' },
      { type: 'section', text: '*今天*\n联调' },
      { type: 'section', text: '*阻碍*\n无' },
    ]);
  });

  it('flags late and edited answers in both languages', () => {
    const title = (flags: { late: boolean; edited: boolean }, t = en) =>
      formatAnswer('Bob', questions, { today: 'x' }, flags, t).blocks?.[0];
    expect(title({ late: true, edited: false })).toEqual({ type: 'section', text: '*Bob* _(late)_' });
    expect(title({ late: false, edited: true })).toEqual({ type: 'section', text: '*Bob* _(edited)_' });
    expect(title({ late: true, edited: true })).toEqual({ type: 'section', text: '*Bob* _(late, edited)_' });
    expect(title({ late: true, edited: true }, zh)).toEqual({
      type: 'section',
      text: '*Bob*（迟交，已修改）',
    });
  });

  it('shows a "none" blocker in the reader’s words and skips unanswered questions', () => {
    const message = formatAnswer(
      'Bob',
      questions,
      { today: 'x', blockers: 'N/A' },
      { late: false, edited: false },
      en,
    );
    expect(message.blocks?.map((b) => ('text' in b ? b.text : ''))).toEqual([
      '*Bob*',
      '*今天*\nx',
      '*阻碍*\nNone',
    ]);
  });
  it('knows a custom set’s blockers question by its mark', () => {
    const custom = [
      { id: 'q1', label: 'Shipped' },
      { id: 'q2', label: 'Stuck on', blockers: true },
    ];
    const message = formatAnswer('Bob', custom, { q1: 'login', q2: '' }, { late: false, edited: false }, en);
    expect(message.blocks?.map((b) => ('text' in b ? b.text : ''))).toEqual([
      '*Bob*',
      '*Shipped*\nlogin',
      '*Stuck on*\nNone',
    ]);
  });
});

describe('formatHistoryLine', () => {
  const questions = [
    { id: 'yesterday', label: 'Yesterday' },
    { id: 'today', label: 'Today' },
    { id: 'blockers', label: 'Blockers' },
  ];

  it('puts a day on one line, late flagged', () => {
    const entry = {
      day: '2026-12-01',
      name: 'Bob',
      answers: { yesterday: 'a\nb', today: 'c', blockers: '' },
    };
    expect(formatHistoryLine({ ...entry, late: false }, questions, en)).toBe(
      '2026-12-01 *Bob*: Yesterday: a b; Today: c; Blockers: None',
    );
    expect(
      formatHistoryLine(
        { ...entry, late: true },
        [
          { id: 'yesterday', label: '昨天' },
          { id: 'today', label: '今天' },
          { id: 'blockers', label: '阻碍' },
        ],
        zh,
      ),
    ).toBe('2026-12-01 *Bob*（迟交）：昨天：a b；今天：c；阻碍：无');
  });

  it('shortens a very long answer', () => {
    const line = formatHistoryLine(
      { day: '2026-12-01', name: 'Bob', answers: { today: 'x'.repeat(1000) }, late: false },
      questions,
      en,
    );
    expect(line.length).toBeLessThan(300);
    expect(line.endsWith('…')).toBe(true);
  });
});

describe('standupCsv', () => {
  const questions = [
    { id: 'yesterday', label: '昨天' },
    { id: 'today', label: '今天' },
    { id: 'blockers', label: '阻碍' },
  ];
  const rows = [
    {
      day: '2026-12-01',
      member: '小王',
      answers: { yesterday: '写接口', today: '联调', blockers: '' },
      late: false,
      at,
    },
    {
      day: '2026-12-01',
      member: '=cmd|calc',
      answers: { yesterday: '-1 bug, fixed', today: '@everyone "hi"', blockers: '+等待\n设计' },
      late: true,
      at: new Date('2026-12-01T10:00:05.123Z'),
    },
  ];

  it('writes a BOM, CRLF rows, Chinese as is, and submitted times in the group’s zone', () => {
    expect(standupCsv(rows.slice(0, 1), questions, 'Asia/Shanghai', zh)).toBe(
      '\uFEFF日期,成员,昨天,今天,阻碍,迟交,提交时间\r\n2026-12-01,小王,写接口,联调,,否,2026-12-01T09:30:00+08:00\r\n',
    );
  });

  it('defuses formulas and quotes what needs it', () => {
    const csv = standupCsv(rows, questions, 'UTC');
    expect(csv.startsWith('\uFEFFday,member,昨天,今天,阻碍,late,submitted at\r\n')).toBe(true);
    expect(csv.split('\r\n')[2]).toBe(
      `2026-12-01,"'=cmd|calc","'-1 bug, fixed","'@everyone ""hi""","'+等待\n设计",yes,2026-12-01T10:00:05.123Z`,
    );
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});
