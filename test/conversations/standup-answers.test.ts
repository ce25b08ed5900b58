import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness, textOf } from '../helpers/harness.js';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(async () => {
  await h.app.close();
});

const EN = { user: 'bob' } as const;
const ZH = { user: 'wang', locale: 'zh-CN' } as const;

/** A UTC group with standups on (09:30, deadline 17:00), bob writing English and wang Chinese. */
async function group() {
  await h.run('/standup on');
  await h.post('morning', EN);
  await h.post('早', ZH);
  await h.at('2026-12-01T09:30:00Z');
  h.platform.sent.length = 0;
}

const answersOf = (user: string) =>
  JSON.parse(
    (
      h.sql
        .prepare('select answers from standup_answers where member_id = ? order by day desc')
        .get(`slack:T1:${user}`) as { answers: string }
    ).answers,
  ) as Record<string, string>;

const blockers = () =>
  h.sql
    .prepare(
      'select member_id member, text, first_day, last_day, days, closed_at is not null closed from standup_blockers order by id',
    )
    .all() as {
    member: string;
    text: string;
    first_day: string;
    last_day: string;
    days: number;
    closed: number;
  }[];

const escalations = () =>
  h
    .dmsTo('mia')
    .map((s) => textOf(s.message))
    .filter((text) => text.includes('same blocker'));

const inThread = () => h.platform.sent.filter((s) => s.target.kind === 'channel' && s.target.threadId);

/** Runs one working day at 10:00 UTC: each member's answer; the day's summary at 17:00. */
async function day(date: string, answers: [who: { user: string; locale?: 'zh-CN' }, line: string][]) {
  await h.at(`${date}T09:30:00Z`);
  const replies = [];
  for (const [who, line] of answers) replies.push(await h.run(line, who));
  await h.at(`${date}T17:00:00Z`);
  const summary = inThread().at(-1);
  return { replies, summary: summary ? textOf(summary.message) : '' };
}

describe('inline standup answers split on their labels', () => {
  it('reads English answers whatever separates the labels, in any case and with synonyms', async () => {
    await group();
    for (const [line, expected] of [
      [
        '/standup Yesterday: fixed login; today: tests. Blockers: none',
        { q1: 'fixed login', q2: 'tests', q3: 'none' },
      ],
      [
        '/standup YESTERDAY: fixed login TODAY: tests BLOCKED: waiting on design',
        { q1: 'fixed login', q2: 'tests', q3: 'waiting on design' },
      ],
      [
        '/standup yesterday: fixed login, today: tests, blocking: the VPN',
        { q1: 'fixed login', q2: 'tests', q3: 'the VPN' },
      ],
      ['/standup Y: docs\nT: review\nB: -', { q1: 'docs', q2: 'review', q3: '-' }],
      [
        '/standup yesterday: call at 10:30, agenda: pricing today: plan B: call Acme blockers: none',
        { q1: 'call at 10:30, agenda: pricing', q2: 'plan B: call Acme', q3: 'none' },
      ],
    ] as const) {
      const reply = await h.run(line, EN);
      expect(reply.text, line).toMatch(/standup for 2026-12-01 is (in|updated)/u);
      expect(answersOf('bob'), line).toEqual(expected);
    }
  });

  it('reads Chinese answers with spaces, ，。； new lines or nothing between the labels', async () => {
    await group();
    for (const [line, expected] of [
      ['/站会 昨天：修复登录 今天：写测试 阻碍：无', { q1: '修复登录', q2: '写测试', q3: '无' }],
      ['/站会 昨天：修复登录，今天：写测试，阻碍：无', { q1: '修复登录', q2: '写测试', q3: '无' }],
      [
        '/站会 昨天：修复登录。今天：写测试。卡点：等设计稿',
        { q1: '修复登录', q2: '写测试', q3: '等设计稿' },
      ],
      ['/站会 昨日：修复登录今日：写测试障碍：测试环境', { q1: '修复登录', q2: '写测试', q3: '测试环境' }],
      [
        '/站会 1. 昨天：修复登录问题：已完成\n2. 今天：写测试',
        { q1: '修复登录问题：已完成', q2: '写测试', q3: '' },
      ],
    ] as const) {
      const reply = await h.run(line, ZH);
      expect(reply.text, line).toMatch(/2026-12-01 的站会已(提交|更新)/u);
      expect(answersOf('wang'), line).toEqual(expected);
    }
  });

  it('refuses a mistyped label in the reader’s language and keeps the answer as it was', async () => {
    await group();
    await h.run('/standup yesterday: a; today: b', EN);
    expect((await h.run('/standup yesterday: a; tomorrow: c', EN)).text).toContain(
      'I don’t know the question “tomorrow”',
    );
    expect((await h.run('/站会 昨天：a；明天：c', ZH)).text).toContain('没有“明天”这一项');
    expect(answersOf('bob')).toEqual({ q1: 'a', q2: 'b', q3: '' });
    expect(h.sql.prepare('select count(*) n from standup_answers').get()).toEqual({ n: 1 });
  });
});

describe('custom questions', () => {
  it('are answered by number or by their own words, as the help says', async () => {
    await group();
    await h.run('/standup config questions Shipped?；下一步；有什么卡点？');
    const help = await h.run('/muster help', EN);
    expect(help.text).toContain('1: …; 2: …');
    for (const [who, line] of [
      [EN, '/standup 1: login page 2: release 3: none'],
      [ZH, '/站会 Shipped：登录页；下一步：发布；卡点：无'],
    ] as const) {
      expect((await h.run(line, who)).text, line).toMatch(/is in|已提交/u);
    }
    expect(answersOf('bob')).toEqual({ q1: 'login page', q2: 'release', q3: 'none' });
    expect(answersOf('wang')).toEqual({ q1: '登录页', q2: '发布', q3: '无' });
    // Too many questions are refused with how to write them; the group keeps its own.
    expect((await h.run('/standup config questions a; b; c; d; e; f', { locale: 'en' })).text).toContain(
      'Give 1 to 5 questions, one per line or separated by `;`, e.g. `/standup config questions Shipped?; Next step; Anything blocking?`.',
    );
    expect((await h.run('/站会 配置 问题 一；二；三；四；五；六', { locale: 'zh-CN' })).text).toContain(
      '请填写 1 到 5 个问题，每行一个或用“；”隔开',
    );
    expect(h.sql.prepare('select questions from standup_configs').get()).toEqual({
      questions: '["Shipped?","下一步","有什么卡点？"]',
    });
    const missing = await h.run('/standup 1: a', EN);
    expect(missing.text).toContain('Usage: `/standup 1: …; 2: …; 3: …`');
  });

  it('one custom question is the day’s update, never shown or counted as a blocker', async () => {
    await group();
    await h.run('/standup config questions 今天的进展和遇到的问题？');
    const { replies, summary } = await day('2026-12-01', [
      [EN, '/standup shipped the login page, no problems'],
      [ZH, '/站会 登录页上线了，遇到了客户的测试账号问题'],
    ]);
    expect(replies.map((r) => r.text)).toEqual([
      expect.stringContaining('is in'),
      expect.stringContaining('已提交'),
    ]);
    expect(answersOf('wang')).toEqual({ q1: '登录页上线了，遇到了客户的测试账号问题' });
    expect(summary).toContain('Nothing is blocking anyone.');
    expect(blockers()).toEqual([]);
    expect(textOf(inThread()[0]?.message ?? { text: '' })).toContain('今天的进展和遇到的问题？');
    expect((await h.run('/standup', EN)).responder.forms[0]?.fields[0]?.required).toBe(true);
  });
});

describe('blockers told in other words', () => {
  it('stay one open blocker with its age, in English and Chinese; a near miss is another blocker', async () => {
    await group();
    await h.post('hi', { user: 'carol' });
    await day('2026-12-01', [
      [EN, '/standup yesterday: a; today: b; blockers: waiting on API keys from Acme'],
      [ZH, '/站会 昨天：a；今天：b；阻碍：等客户提供测试账号'],
      [{ user: 'carol' }, '/standup yesterday: a; today: b; blockers: waiting on API keys from Acme'],
    ]);
    const second = await day('2026-12-02', [
      [EN, "/standup yesterday: a; today: b; blocked: still waiting for Acme's API key"],
      [ZH, '/站会 昨天：a；今天：b；卡点：还在等客户的测试账号'],
      [{ user: 'carol' }, '/standup yesterday: a; today: b; blockers: waiting on API keys from Globex'],
    ]);
    expect(second.replies[0]?.text).toContain(
      "Still open: “still waiting for Acme's API key”, reported 2 working days in a row.",
    );
    expect(second.replies[0]?.text).toContain('[It’s solved]');
    expect(second.replies[1]?.text).toContain(
      '这个阻碍仍未解决：“还在等客户的测试账号”，已连续报告 2 个工作日。',
    );
    expect(second.replies[2]?.text).toContain('Blocker noted: “waiting on API keys from Globex”.');
    expect(second.summary).toContain("still waiting for Acme's API key _(open 2 days)_");
    expect(second.summary).toContain('waiting on API keys from Globex _(new)_');
    expect(blockers()).toEqual([
      {
        member: 'slack:T1:bob',
        text: "still waiting for Acme's API key",
        first_day: '2026-12-01',
        last_day: '2026-12-02',
        days: 2,
        closed: 0,
      },
      expect.objectContaining({ member: 'slack:T1:wang', text: '还在等客户的测试账号', days: 2 }),
      expect.objectContaining({ member: 'slack:T1:carol', last_day: '2026-12-01', days: 1 }),
      expect.objectContaining({ member: 'slack:T1:carol', first_day: '2026-12-02', days: 1 }),
    ]);
    const list = await h.run('/站会 阻碍', ZH);
    expect(list.text).toContain("1. *bob*：still waiting for Acme's API key");
    expect(list.text).toContain('（已持续 2 个工作日，自 2026-12-01 起）');
  });

  it('an edit that changes today’s blocker does not leave the old one behind', async () => {
    await group();
    await h.run('/standup yesterday: a; today: b; blockers: no access to prod', EN);
    await h.run('/standup yesterday: a; today: b; blockers: none', EN);
    expect(blockers()).toEqual([]);
    await h.run('/站会 昨天：a；今天：b；阻碍：等设计稿', ZH);
    await h.run('/站会 昨天：a；今天：b；阻碍：还在等设计稿', ZH);
    expect(blockers()).toEqual([expect.objectContaining({ text: '还在等设计稿', days: 1 })]);
  });
});

describe('closing a blocker', () => {
  async function twoBlockers() {
    await group();
    await h.run('/role add <@mia> manager');
    await h.run('/standup config escalate 2');
    await day('2026-12-01', [
      [EN, '/standup yesterday: a; today: b; blockers: waiting on API keys from Acme'],
      [ZH, '/站会 昨天：a；今天：b；阻碍：等客户提供测试账号'],
    ]);
    await h.at('2026-12-02T09:30:00Z');
  }

  it('by the member: /standup unblock with no number, or 解除/已解决 with a number or words', async () => {
    await twoBlockers();
    expect((await h.run('/standup unblock', EN)).text).toBe(
      'bob’s blocker is closed: “waiting on API keys from Acme”. It is no longer carried over or escalated.',
    );
    expect((await h.run('/站会 已解决 测试账号', ZH)).text).toBe(
      '已关闭 wang 的阻碍：“等客户提供测试账号”。之后的站会不再延续这个阻碍，也不会再上报给经理。',
    );
    expect(blockers().map((b) => b.closed)).toEqual([1, 1]);
    expect((await h.run('/standup blockers', EN)).text).toBe('No open blockers in this group. 🎉');
    expect((await h.run('/站会 解除', ZH)).text).toBe(
      '你没有未解决的阻碍。发送 `/站会 阻碍` 查看本群的阻碍。',
    );

    // The week's review shows them as solved, not as open.
    expect((await h.run('/review now', EN)).text).toContain(
      '• ✅ bob (1 day, solved): waiting on API keys from Acme',
    );
    expect((await h.run('/周会 议程', ZH)).text).toContain(
      '• ✅ wang（持续 1 天，已解决）：等客户提供测试账号',
    );

    // Reported again the next day, it is a new blocker: not carried, not escalated.
    const next = await day('2026-12-02', [
      [EN, "/standup yesterday: a; today: b; blockers: still waiting for Acme's API key"],
    ]);
    expect(next.summary).toContain('_(new)_');
    expect(escalations()).toEqual([]);
    expect(blockers()).toHaveLength(3);
  });

  it('by its number from the list, with the button, or by a manager; not by another member', async () => {
    await twoBlockers();
    const list = await h.run('/standup blockers', EN);
    expect(list.text).toContain('Open blockers (2)');
    expect(list.text).toContain(
      '1. *bob*: waiting on API keys from Acme _(open 1 working day, since 2026-12-01)_',
    );
    expect(list.text).toContain('[Solved: 1]');
    expect(list.text).not.toContain('[Solved: 2]');

    const before = blockers();
    expect((await h.run('/standup unblock 2', EN)).text).toBe(
      'That blocker is wang’s: only they or a manager can close it.',
    );
    expect((await h.run('/站会 解除 1', ZH)).text).toBe('这是 bob 的阻碍，只有本人或经理可以关闭。');
    expect((await h.run('/standup unblock 7', EN)).text).toContain('No open blocker matches “7”.');
    expect(blockers()).toEqual(before);

    const button = list.responder.replies[0]?.message.blocks?.find((b) => b.type === 'buttons');
    const value = button?.type === 'buttons' ? (button.buttons[0]?.value ?? '') : '';
    expect((await h.click('standup.unblock', value, EN)).text).toContain('bob’s blocker is closed');
    expect((await h.click('standup.unblock', value, EN)).text).toBe('That blocker is closed already.');
    expect((await h.run('/站会 解除 1', { user: 'mia', locale: 'zh-CN' })).text).toContain(
      '已关闭 wang 的阻碍',
    );
    expect(blockers().map((b) => b.closed)).toEqual([1, 1]);
  });

  it('asks which one when the member has two open, in their language, and closes nothing', async () => {
    await twoBlockers();
    await h.run('/standup yesterday: a; today: b; blockers: no access to prod', EN);
    await h.run('/站会 昨天：a；今天：b；阻碍：服务器磁盘满了', ZH);
    const before = blockers();
    expect((await h.run('/standup unblock', EN)).text).toBe(
      'You have 2 open blockers; say which one, e.g. `/standup unblock 2`:\n' +
        '1. *bob*: waiting on API keys from Acme _(open 1 working day, since 2026-12-01)_\n' +
        '3. *bob*: no access to prod _(open 1 working day, since 2026-12-02)_',
    );
    expect((await h.run('/站会 解除', ZH)).text).toContain('你有 2 个未解决的阻碍，请说明是哪一个');
    expect(blockers()).toEqual(before);
    expect((await h.run('/standup unblock prod access', EN)).text).toContain('“no access to prod”');
    expect((await h.run('/站会 解除 磁盘满', ZH)).text).toContain('“服务器磁盘满了”');
  });

  it('closed before the escalation day, it is never escalated; an open one is, with a button', async () => {
    await twoBlockers();
    await h.run('/standup unblock', EN);
    await day('2026-12-02', [
      [EN, "/standup yesterday: a; today: b; blockers: still waiting for Acme's API key"],
      [ZH, '/站会 昨天：a；今天：b；阻碍：还在等客户的测试账号'],
    ]);
    expect(escalations()).toEqual([
      '<@wang> has reported the same blocker in <#C1> for 2 working days: “还在等客户的测试账号”.\n<@wang> has reported the same blocker in <#C1> for 2 working days: “还在等客户的测试账号”.\n[It’s solved]',
    ]);
    // wang hears it too, in wang's language, with the button that closes it.
    const yours = h.dmsTo('wang').at(-1);
    expect(yours && textOf(yours.message)).toContain(
      '你在 <#C1> 报告的阻碍已持续 2 个工作日，已告知经理：“还在等客户的测试账号”。解决后可在这里关闭。',
    );
    const button = yours?.message.blocks?.find((b) => b.type === 'buttons');
    const value = button?.type === 'buttons' ? (button.buttons[0]?.value ?? '') : '';
    expect((await h.click('standup.unblock', value, { ...ZH, direct: true })).text).toContain(
      '已关闭 wang 的阻碍',
    );
    expect(blockers().map((b) => [b.member, b.closed])).toEqual([
      ['slack:T1:bob', 1],
      ['slack:T1:wang', 1],
      ['slack:T1:bob', 0],
    ]);
  });
});
