import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.js';

/** What a team lead new to Muster reads over a week, in each language. */
const cases = [
  {
    locale: 'en' as const,
    customerRole: '/role add <@zhangwei> customer 北京星辰科技（中国）',
    customerRoleReply: "<@zhangwei> is now one of 北京星辰科技（中国）'s people in this group.",
    members: '/members',
    today: ['• *alice*: last seen today', '• *zhangwei*: joined today and has not spoken yet'],
    nextDay: ['• *alice*: last seen Dec 1, 2026 (1 day ago)', '(1 day ago)'],
  },
  {
    locale: 'zh-CN' as const,
    customerRole: '/角色 添加 <@zhangwei> 客户 北京星辰科技（中国）',
    customerRoleReply: '<@zhangwei> 现在是本群中“北京星辰科技（中国）”的客户方人员。',
    members: '/成员',
    today: ['• *alice*：今天发过言', '• *zhangwei*：今天入群，还没有发言'],
    nextDay: ['• *alice*：最后发言 2026年12月1日（1 天前）', '（1 天）'],
  },
];

describe.each(cases)('a new team lead’s first week ($locale)', (c) => {
  let h: Harness;
  const who = { locale: c.locale };
  beforeEach(() => {
    h = createHarness();
  });
  afterEach(async () => {
    await h.app.close();
  });

  it('a customer’s person is named with their customer, Chinese punctuation without stray spaces', async () => {
    expect((await h.run(c.customerRole, who)).text).toBe(c.customerRoleReply);
  });

  it('the member list says today, not “0 days ago”, and counts calendar days after', async () => {
    await h.run('/muster settings timezone Asia/Shanghai');
    await h.run(c.customerRole, who);
    const first = await h.run(c.members, who);
    for (const line of c.today) expect(first.text).toContain(line);
    expect(first.text).not.toMatch(/\b0 days|0 天/u);
    // The next evening, under 24 hours later, is still a day later on the calendar.
    h.clock.set(new Date('2026-12-01T23:30:00Z'));
    const next = await h.run(c.members, { ...who, user: 'bob' });
    for (const line of c.nextDay) expect(next.text).toContain(line);
  });
});
