import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness, snapshot } from '../helpers/harness.js';

const TABLES = ['customers', 'surveys', 'feedback_items', 'audit_log', 'crm_connections'];

const cases = [
  {
    locale: 'en' as const,
    record: (customer: string, score: number, rest: string) =>
      `/feedback customer:"${customer}" rating:${score} ${rest}`,
    survey: '/feedback survey',
    noCustomer: 'Which customer is the survey for? This group has no feedback and no customer’s people yet',
    twoContacts: '/feedback survey Acme Ltd <@zhangwei>  <@wangxiaoming>',
    oneContact: 'A survey goes to one contact at a time',
    spacedName: '/feedback customer: Acme Ltd rating: 2 shipping late again',
    which:
      'Which customer is the survey for? This group has 2 customers:\n• Acme Ltd\n• 北京星辰科技（中国）\n',
    posted: (customer: string) => `Survey #1 is posted, about ${customer};`,
    list: '/feedback list',
    byCustomer: 'customer: 北京星辰科技（中国） status:open',
    byCustomerSpaced: 'customer:"Acme Ltd" from: yesterday to:today',
    badStatus: 'status:sleeping',
    badStatusReply: '“sleeping” is not a status: use open, in_progress or resolved.',
    badDay: 'customer:Acme Ltd from:someday',
    badDayReply: '“someday” is not a day I can read',
    usage: 'Filter like this: `/feedback list customer:Acme Ltd',
    link: '/crm link Acme 1',
    noCrm: 'No CRM is connected yet. An admin connects one first: `/crm connect zoho|fxiaoke|webhook`;',
  },
  {
    locale: 'zh-CN' as const,
    record: (customer: string, score: number, rest: string) =>
      `/反馈 客户：“${customer}”评分：${score} ${rest}`,
    survey: '/反馈 调查',
    noCustomer: '要调查哪个客户？本群还没有客户反馈，也没有客户方成员',
    twoContacts: '/反馈 调查 北京星辰科技（中国） <@zhangwei>　<@wangxiaoming>',
    oneContact: '一次调查只能私信一位联系人',
    spacedName: '/反馈 客户： Acme Ltd 评分： 2 发货又晚了',
    which: '要调查哪个客户？本群有 2 个客户：\n• Acme Ltd\n• 北京星辰科技（中国）\n',
    posted: (customer: string) => `已发布关于“${customer}”的调查 #1，`,
    list: '/反馈 列表',
    byCustomer: '客户：北京星辰科技(中国)　状态：未處理',
    byCustomerSpaced: '客户：Acme Ltd 从：昨天 到：今天',
    badStatus: '状态：睡觉',
    badStatusReply: '没有“睡觉”这个状态，请写未处理、处理中或已解决。',
    badDay: '客户：Acme Ltd 从：某天',
    badDayReply: '看不懂日期“某天”',
    usage: '筛选写法：`/feedback list 客户：',
    link: '/crm 关联 北京星辰科技 1',
    noCrm: '还没有连接 CRM。请管理员先连接：`/crm connect zoho|fxiaoke|webhook`',
  },
];

describe.each(cases)('/feedback survey without a customer ($locale)', (c) => {
  let h: Harness;
  const who = { locale: c.locale };
  beforeEach(() => {
    h = createHarness();
  });
  afterEach(async () => {
    await h.app.close();
  });

  it('with no customer known, asks which one and says how; nothing is stored', async () => {
    const before = snapshot(h, TABLES);
    const asked = await h.run(c.survey, who);
    expect(asked.text).toContain(c.noCustomer);
    expect(asked.text).not.toMatch(/this feedback|这条反馈/u);
    expect(asked.responder.replies[0]?.visibility).toBe('ephemeral');
    expect(snapshot(h, TABLES)).toBe(before);
  });

  it('surveys the one customer the group is about', async () => {
    await h.run(c.record('北京星辰科技（中国）', 4, 'ok'), who);
    h.platform.sent.length = 0;
    const started = await h.run(c.survey, who);
    expect(started.text).toContain(c.posted('北京星辰科技（中国）'));
    expect(
      h.sql.prepare('select c.name from surveys s join customers c on c.id = s.customer_id').all(),
    ).toEqual([{ name: '北京星辰科技（中国）' }]);
    expect(h.platform.sent).toHaveLength(1);
  });

  it('a customer’s person in the group makes their customer the group’s', async () => {
    await h.run('/role add <@zhangwei> customer 北京星辰科技（中国）', who);
    expect((await h.run(c.survey, who)).text).toContain(c.posted('北京星辰科技（中国）'));
  });

  it('two contacts at once are refused, saying how to ask each; nothing is sent', async () => {
    await h.run(c.record('北京星辰科技（中国）', 4, 'ok'), who);
    h.platform.sent.length = 0;
    const before = snapshot(h, TABLES);
    const refused = await h.run(c.twoContacts, who);
    expect(refused.text).toContain(c.oneContact);
    expect(snapshot(h, TABLES)).toBe(before);
    expect(h.platform.sent).toEqual([]);
  });

  it('an unquoted customer name of several words runs to the next field', async () => {
    await h.run(c.record('Acme Ltd', 4, 'ok'), who);
    await h.run(c.spacedName, who);
    expect(
      h.sql
        .prepare(
          'select c.name, f.score from feedback_items f join customers c on c.id = f.customer_id order by f.id',
        )
        .all(),
    ).toEqual([
      { name: 'Acme Ltd', score: 4 },
      { name: 'Acme Ltd', score: 2 },
    ]);
  });

  it('with several customers, lists them and asks which; nothing is stored', async () => {
    await h.run(c.record('Acme Ltd', 4, 'ok'), who);
    await h.run(c.record('北京星辰科技（中国）', 2, 'slow'), who);
    const before = snapshot(h, TABLES);
    const asked = await h.run(c.survey, who);
    expect(asked.text).toContain(c.which);
    expect(asked.text).toContain('`/feedback survey Acme Ltd`');
    expect(snapshot(h, TABLES)).toBe(before);
  });
});

describe.each(cases)('/feedback list with key: value filters ($locale)', (c) => {
  let h: Harness;
  const who = { locale: c.locale };
  beforeEach(async () => {
    h = createHarness();
    await h.run(c.record('Acme Ltd', 4, 'fine #billing'), who);
    await h.run(c.record('北京星辰科技（中国）', 2, 'slow ＃物流'), who);
  });
  afterEach(async () => {
    await h.app.close();
  });

  const ids = (text: string) => [...text.matchAll(/`#(\d+)`/gu)].map((m) => Number(m[1]));

  it('reads customer (with spaces or brackets of either width), status and days as keys', async () => {
    expect(ids((await h.run(`${c.list} ${c.byCustomer}`, who)).text)).toEqual([2]);
    expect(ids((await h.run(`${c.list} ${c.byCustomerSpaced}`, who)).text)).toEqual([1]);
    expect(ids((await h.run(`${c.list} #物流`, who)).text)).toEqual([2]);
    expect(ids((await h.run(`${c.list} Acme Ltd`, who)).text)).toEqual([1]);
  });

  it('the help shows the keys it reads', async () => {
    const help = await h.run('/muster help', who);
    expect(help.text).toMatch(/`\/feedback list \[[^\]]+\]`[^\n]*(`customer:`|`客户：`)/u);
  });

  it('a bad status or day says how to write it and lists nothing', async () => {
    const status = await h.run(`${c.list} ${c.badStatus}`, who);
    expect(status.text).toContain(c.badStatusReply);
    expect(status.text).toContain(c.usage);
    expect(status.responder.replies[0]?.visibility).toBe('ephemeral');
    const day = await h.run(`${c.list} ${c.badDay}`, who);
    expect(day.text).toContain(c.badDayReply);
    expect(ids(day.text)).toEqual([]);
  });
});

describe.each(cases)('/crm link with no CRM connected ($locale)', (c) => {
  it('says so first and how to connect, without reading the words as a name; nothing changes', async () => {
    const h = createHarness();
    const before = snapshot(h, TABLES);
    const reply = await h.run(c.link, { locale: c.locale });
    expect(reply.text).toContain(c.noCrm);
    expect(reply.text).not.toMatch(/Acme 1|北京星辰科技 1/u);
    expect(reply.responder.replies[0]?.visibility).toBe('ephemeral');
    expect(snapshot(h, TABLES)).toBe(before);
    await h.app.close();
  });
});
