import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness, snapshot } from '../helpers/harness.js';

const TABLES = ['customers', 'feedback_items', 'surveys', 'feedback_settings', 'audit_log'];

const cases = [
  {
    locale: 'en' as const,
    rate: (customer: string, score: number) => `/feedback customer:"${customer}" rating:${score} as said`,
    survey: (customer: string) => `/feedback survey ${customer}`,
    action: (customer: string) => `/review action Call them back <@bob> friday customer: ${customer}`,
    defaultCustomer: (customer: string) => `/feedback settings customer ${customer}`,
    near: (typed: string, names: string) =>
      `No customer is named “${typed}” yet, but these are close: ${names}. Nothing was recorded.`,
    button: (typed: string) => `Add “${typed}” as a new customer`,
    created: (name: string) => `Customer “${name}” added. Send the same line again to use it.`,
    recorded: 'Feedback #',
  },
  {
    locale: 'zh-CN' as const,
    rate: (customer: string, score: number) => `/feedback 客户：“${customer}” 评分：${score} 客户原话`,
    survey: (customer: string) => `/feedback 调查 ${customer}`,
    action: (customer: string) => `/review 待办 回访客户 <@bob> 周五 客户：${customer}`,
    defaultCustomer: (customer: string) => `/feedback 设置 默认客户 ${customer}`,
    near: (typed: string, names: string) =>
      `还没有名为“${typed}”的客户，但有名称相近的：${names}。本次没有记录。`,
    button: (typed: string) => `添加新客户“${typed}”`,
    created: (name: string) => `已添加客户“${name}”。请把刚才的内容重新发送一次。`,
    recorded: '#',
  },
];

describe.each(cases)('a typed customer that is close to a known one is asked about first ($locale)', (c) => {
  let h: Harness;
  const bob = () => ({ user: 'bob', locale: c.locale });
  const names = () =>
    (h.sql.prepare('select name from customers order by id').all() as { name: string }[]).map((r) => r.name);

  beforeEach(async () => {
    h = createHarness();
    await h.run(c.rate('北京星辰科技(中国)', 4), bob());
  });

  afterEach(async () => {
    await h.app.close();
  });

  it('the same name in full-width brackets is the same customer: recorded, no question', async () => {
    await h.run(c.rate('北京星辰科技（中国）', 2), bob());
    expect(names()).toEqual(['北京星辰科技(中国)']);
    expect(h.sql.prepare('select count(*) n from feedback_items').get()).toEqual({ n: 2 });
  });

  it('a near name records nothing and offers to add it; once added, the same line records', async () => {
    const before = snapshot(h, TABLES);
    const asked = await h.run(c.rate('北京星辰科技', 5), bob());
    expect(asked.text).toContain(c.near('北京星辰科技', '“北京星辰科技(中国)”'));
    expect(asked.responder.replies[0]?.visibility).toBe('ephemeral');
    expect(snapshot(h, TABLES)).toBe(before);
    const [add] = asked.responder.replies[0]?.message.blocks?.flatMap((b) =>
      b.type === 'buttons' ? b.buttons : [],
    ) ?? [undefined];
    expect(add?.label).toBe(c.button('北京星辰科技'));
    expect((await h.click(add?.actionId ?? '', add?.value ?? '', bob())).text).toBe(
      c.created('北京星辰科技'),
    );
    expect((await h.run(c.rate('北京星辰科技', 5), bob())).text).toContain(c.recorded);
    expect(names()).toEqual(['北京星辰科技(中国)', '北京星辰科技']);
  });

  it('a name nothing is close to is recorded at once, kept as typed', async () => {
    await h.run(c.rate('Initech（亚太）', 3), bob());
    expect(names()).toEqual(['北京星辰科技(中国)', 'Initech（亚太）']);
  });

  it('a review action item about a near name asks the same way and adds nothing', async () => {
    const before = snapshot(h, [...TABLES, 'action_items']);
    expect((await h.run(c.action('北京星辰科技'), { locale: c.locale })).text).toContain(
      c.near('北京星辰科技', '“北京星辰科技(中国)”'),
    );
    expect(snapshot(h, [...TABLES, 'action_items'])).toBe(before);
  });

  it('surveys and the default customer ask the same way and change nothing', async () => {
    const before = snapshot(h, TABLES);
    expect((await h.run(c.survey('北京星辰科'), bob())).text).toContain(
      c.near('北京星辰科', '“北京星辰科技(中国)”'),
    );
    expect((await h.run(c.defaultCustomer('北京星晨科技(中国)'), { locale: c.locale })).text).toContain(
      c.near('北京星晨科技(中国)', '“北京星辰科技(中国)”'),
    );
    expect(snapshot(h, TABLES)).toBe(before);
  });
});
