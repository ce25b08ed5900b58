import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness, snapshot } from '../helpers/harness.js';

// The harness clock starts on Tuesday 2026-12-01, 09:00 in Shanghai.
let h: Harness;
beforeEach(async () => {
  h = createHarness();
  await h.run('/muster settings timezone Asia/Shanghai');
  await h.run('/standup on');
  for (const user of ['bob', 'carol']) await h.post('早', { user });
});
afterEach(async () => {
  await h.app.close();
});

const TABLES = ['action_items', 'customers', 'standup_away'];
const items = () =>
  h.sql
    .prepare(
      `select a.text, a.owner_id owner, a.due_day due, c.name customer
       from action_items a left join customers c on c.id = a.customer_id order by a.id`,
    )
    .all();
const away = () =>
  h.sql.prepare('select member_id who, from_day "from", to_day "to" from standup_away').all();
const ephemeral = (reply: Awaited<ReturnType<Harness['run']>>) =>
  reply.responder.replies.every((r) => r.visibility !== 'channel');

describe('action items with due dates as people write them', () => {
  it.each([
    ['en' as const, 'Send the quote <@bob> next friday', '2026-12-11'],
    ['en' as const, 'Send the quote <@bob> the day after tomorrow', '2026-12-03'],
    ['en' as const, 'Send the quote <@bob> in 3 days', '2026-12-04'],
    ['en' as const, 'Send the quote <@bob> before the weekend', '2026-12-04'],
    ['en' as const, 'Send the quote <@bob> due: end of month', '2026-12-31'],
    ['zh-CN' as const, '整理报价单 <@bob> 下下周一', '2026-12-14'],
    ['zh-CN' as const, '整理报价单 <@bob> 大后天', '2026-12-04'],
    ['zh-CN' as const, '整理报价单 <@bob> 周末前', '2026-12-04'],
    ['zh-CN' as const, '整理报价单 <@bob> 截止：下个月5号', '2027-01-05'],
    ['zh-CN' as const, '整理报价单<@bob>这周五', '2026-12-04'],
  ])('%s: /review action %s is due %s', async (locale, text, due) => {
    const reply = await h.run(`/review action ${text}`, { locale });
    expect(reply.text).toContain('#1');
    const task = locale === 'en' ? 'Send the quote' : '整理报价单';
    expect(items()).toEqual([{ text: task, owner: 'slack:T1:bob', due, customer: null }]);
  });

  it('reads a customer’s full name up to the next key, and gives every owner named the task', async () => {
    await h.run(
      '/review action Renewal call customer: Acme Trading Co. owner: <@bob> <@carol> due: next friday',
    );
    await h.run('/review action 跟进续约 客户：北京 星辰 科技 负责人：<@bob> 截止：月底', {
      locale: 'zh-CN',
    });
    await h.run('/review action 回访客户 <@bob> 和 <@carol> 周五', { locale: 'zh-CN' });
    expect(items()).toEqual([
      { text: 'Renewal call', owner: 'slack:T1:bob', due: '2026-12-11', customer: 'Acme Trading Co.' },
      { text: 'Renewal call', owner: 'slack:T1:carol', due: '2026-12-11', customer: 'Acme Trading Co.' },
      { text: '跟进续约', owner: 'slack:T1:bob', due: '2026-12-31', customer: '北京 星辰 科技' },
      { text: '回访客户', owner: 'slack:T1:bob', due: '2026-12-04', customer: null },
      { text: '回访客户', owner: 'slack:T1:carol', due: '2026-12-04', customer: null },
    ]);
    expect(h.dmsTo('carol').filter((s) => s.message.text.includes('Renewal call'))).toHaveLength(1);
  });

  it.each([
    ['en' as const, 'Send the quote <@bob> someday', '“someday” as a due date', 'next monday'],
    ['en' as const, 'Send the quote <@bob> friday please', '“friday please” as a due date', 'in 3 days'],
    [
      'en' as const,
      'Send the quote <@bob> call first due: friday',
      '“call first” after the owner',
      'due date',
    ],
    ['zh-CN' as const, '整理报价单 <@bob> 下下下周', '无法识别截止日期“下下下周”', '下周一'],
    ['zh-CN' as const, '整理报价单 <@bob> 截止：下辈子', '无法识别截止日期“下辈子”', '月底'],
  ])(
    '%s: a date that cannot be read is refused, privately, and nothing is kept (%s)',
    async (locale, text, says, forms) => {
      const before = snapshot(h, TABLES);
      const reply = await h.run(`/review action ${text}`, { locale });
      expect(reply.text).toContain(says);
      expect(reply.text).toContain(forms);
      expect(ephemeral(reply)).toBe(true);
      expect(snapshot(h, TABLES)).toBe(before);
    },
  );
});

describe('away ranges as people write them', () => {
  it.each([
    ['en' as const, 'next monday to next friday', '2026-12-07', '2026-12-11'],
    ['en' as const, 'tomorrow until friday', '2026-12-02', '2026-12-04'],
    ['en' as const, 'until end of month', '2026-12-01', '2026-12-31'],
    ['zh-CN' as const, '下周一到下周五', '2026-12-07', '2026-12-11'],
    ['zh-CN' as const, '从后天到月底', '2026-12-03', '2026-12-31'],
    ['zh-CN' as const, '到下下周一', '2026-12-01', '2026-12-14'],
  ])('%s: /standup away %s', async (locale, when, from, to) => {
    await h.run(`/standup away ${when}`, { user: 'bob', locale });
    expect(away()).toEqual([{ who: 'slack:T1:bob', from, to }]);
  });

  it.each([
    ['en' as const, 'tomorrow', '<@bob> is away on 2026-12-02: no prompt, not counted missing.'],
    ['zh-CN' as const, '明天', '已登记 <@bob> 2026-12-02 请假：当天不提醒，也不算缺交。'],
  ])('%s: one day away (%s) is said as one day, not a range', async (locale, when, says) => {
    expect((await h.run(`/standup away ${when}`, { user: 'bob', locale })).text).toBe(says);
    expect(away()).toEqual([{ who: 'slack:T1:bob', from: '2026-12-02', to: '2026-12-02' }]);
  });

  it.each([
    ['en' as const, 'next monday to someday', 'next monday to next friday'],
    ['zh-CN' as const, '下周五到明天', '下周一到下周五'],
  ])('%s: a range that cannot be read is refused and says what works (%s)', async (locale, when, forms) => {
    const reply = await h.run(`/standup away ${when}`, { user: 'bob', locale });
    expect(reply.text).toContain(`“${when}”`);
    expect(reply.text).toContain(forms);
    expect(ephemeral(reply)).toBe(true);
    expect(away()).toEqual([]);
  });
});

describe('several people where a command takes one', () => {
  it.each([
    ['en' as const, '/role add <@bob> <@carol> pm', 'one person, and 2 were named'],
    ['zh-CN' as const, '/role add <@bob> <@carol> 项目经理', '只能是一位成员，这里提到了 2 位'],
  ])('%s: %s is refused, naming nobody silently', async (locale, text, says) => {
    const before = snapshot(h, ['group_roles']);
    const reply = await h.run(text, { locale });
    expect(reply.text).toContain(says);
    expect(ephemeral(reply)).toBe(true);
    expect(snapshot(h, ['group_roles'])).toBe(before);
  });
});

describe('calendar days as people write them', () => {
  const overrides = () => h.sql.prepare('select day, kind, name from calendar_overrides order by day').all();

  it.each([
    ['en' as const, '/standup calendar add-off next friday Team day', '2026-12-11', 'off', 'Team day'],
    ['en' as const, '/standup calendar add-workday the day after tomorrow', '2026-12-03', 'workday', null],
    ['zh-CN' as const, '/standup calendar 放假 下下周一 团建', '2026-12-14', 'off', '团建'],
    ['zh-CN' as const, '/standup calendar 补班 月底', '2026-12-31', 'workday', null],
  ])('%s: %s', async (locale, text, day, kind, name) => {
    await h.run(text, { locale });
    expect(overrides()).toEqual([{ day, kind, name }]);
  });

  it.each([
    ['en' as const, '/standup calendar add-off someday off', '“someday” is not a date'],
    ['zh-CN' as const, '/standup calendar 放假 改天 团建', '“改天”不是有效日期'],
  ])('%s: %s is refused and nothing is kept', async (locale, text, says) => {
    const reply = await h.run(text, { locale });
    expect(reply.text).toContain(says);
    expect(ephemeral(reply)).toBe(true);
    expect(overrides()).toEqual([]);
  });
});

describe('feedback listed by days as people write them', () => {
  it.each([
    ['en' as const, '/feedback list last monday last friday'],
    ['zh-CN' as const, '/feedback list 上周一 上周五'],
  ])('%s: %s lists only that week', async (locale, text) => {
    await h.run('/feedback customer:"Acme Trading Co." rating:2 late again', { user: 'bob' });
    await h.at('2026-12-09T02:00:00Z');
    await h.run('/feedback customer:"Acme Trading Co." rating:5 all good now', { user: 'bob' });
    const reply = await h.run(text, { locale });
    expect(reply.text).toContain('late again');
    expect(reply.text).not.toContain('all good now');
  });
});

describe('times as people say them', () => {
  it.each([
    ['en' as const, '/review schedule friday 4pm', '16:00'],
    ['en' as const, '/review schedule friday 9:30am', '09:30'],
    ['zh-CN' as const, '/review schedule 周五 下午4点', '16:00'],
    ['zh-CN' as const, '/review schedule 周五 晚上8点半', '20:30'],
  ])('%s: %s', async (locale, text, time) => {
    await h.run(text, { locale });
    expect(h.sql.prepare('select time from review_settings').all()).toEqual([{ time }]);
  });

  it.each([
    ['en' as const, '/review schedule friday 13pm', 'like `16:00` or `4pm`'],
    ['zh-CN' as const, '/review schedule 周五 下午25点', '可以写 `16:00` 或 `下午4点`'],
  ])('%s: %s is refused and says what works', async (locale, text, says) => {
    const reply = await h.run(text, { locale });
    expect(reply.text).toContain(says);
    expect(ephemeral(reply)).toBe(true);
    expect(h.sql.prepare('select time from review_settings').all()).toEqual([]);
  });
});

describe('date options take days of several words', () => {
  async function answeredLastTuesday() {
    await h.at('2026-12-01T01:30:00Z');
    await h.run('/standup yesterday: quotes; today: renewal call; blockers: none', { user: 'bob' });
    await h.at('2026-12-09T02:00:00Z');
  }

  it.each([
    ['en' as const, '/standup history last tuesday today', true],
    ['en' as const, '/standup history last wednesday today', false],
    ['en' as const, '/standup history from: last tuesday today', true],
    ['zh-CN' as const, '/standup history 上周二 今天', true],
    ['zh-CN' as const, '/standup history 上周三 今天', false],
    ['zh-CN' as const, '/standup history 开始日期：上周二 结束日期：今天', true],
    ['zh-CN' as const, '/standup history 开始日期：上周三', false],
  ])('%s: %s', async (locale, text, includes) => {
    await answeredLastTuesday();
    const reply = await h.run(text, { locale });
    expect(reply.text).not.toMatch(/didn't expect|多余的内容|not a date|不是有效日期/u);
    if (includes) expect(reply.text).toContain('renewal call');
    else expect(reply.text).not.toContain('renewal call');
  });
});

describe('several people after free text where a command takes one', () => {
  it.each([
    ['en' as const, '/standup away next monday <@bob> <@carol>', 'one person, and 2 were named'],
    ['zh-CN' as const, '/standup away 下周一到下周五 <@bob> <@carol>', '只能是一位成员，这里提到了 2 位'],
  ])('%s: %s is refused, not read as a date', async (locale, text, says) => {
    const reply = await h.run(text, { locale });
    expect(reply.text).toContain(says);
    expect(ephemeral(reply)).toBe(true);
    expect(away()).toEqual([]);
  });
});
