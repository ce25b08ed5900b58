import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness, snapshot } from '../helpers/harness.js';

const RULE_TABLES = ['rules', 'audit_log', 'strikes'];

/** What a team lead new to Muster reads over a week, in each language. */
const cases = [
  {
    locale: 'en' as const,
    customerRole: '/role add <@zhangwei> customer 北京星辰科技（中国）',
    customerRoleReply: "<@zhangwei> is now one of 北京星辰科技（中国）'s people in this group.",
    members: '/members',
    today: ['• *alice*: last seen today', '• *zhangwei*: joined today and has not spoken yet'],
    nextDay: ['• *alice*: last seen Dec 1, 2026 (1 day ago)', '(1 day ago)'],
    addWords: '/rules add words 加微信, 代购',
    editAsSetting: '/rules edit 1 timeout: 9999',
    settingRefused: '“timeout: 9999” looks like a setting, not a word to catch',
    badAction: '/rules actions 1 delete fly-away',
    badActionReply: '“fly-away” is not an action. Use any of: delete, warn, timeout, remove, alert.',
    lowScore: '/feedback customer:北京星辰科技（中国） rating:1 系統一直當機',
    ladder: '/rules ladder 1 warn  3 timeout 10m 7 remove',
    ladderSaved: ['1 strike → a warning', '3 strikes →', '7 strikes →'],
    ladderSlip: '/rules ladder 1 warn 1 timeout',
    alert: 'Unhappy customer: 北京星辰科技（中国） gave 1/5 in <#C1>',
    pruneTypo: '/members prune 10 2 北京星辰科技',
    pruneTypoReply:
      'No customer called “北京星辰科技” has people in this group; its customers are: Globex, 北京星辰科技（中国）.',
    pruneDone: 'Removed: <@lina>, <@xiaoming>',
    noDue: '/review action Write the weekly report <@xiaoming>',
    noDueAdded:
      'Action item #1: Write the weekly report, owner <@xiaoming>, no due date. The owner has been told.',
    noDueDm:
      'You own a new action item from <#C1> (added by <@alice>): #1 Write the weekly report. It has no due date.',
    noDueAgenda: '• #1 Write the weekly report: <@xiaoming>, no due date',
    agenda: '/review now',
    digest: '/digest subscribe daily 08:30',
    digestHint:
      'You have not set a timezone of your own, so it follows UTC; the groups you manage are on Asia/Shanghai. `/muster timezone Asia/Shanghai` moves your digests to that time.',
    feedbackSettings: '/feedback settings',
    feedbackSettingsShown: ['Default customer: not set', 'Alert channel: not set'],
    quickFix: [
      '/feedback customer:Acme rating:2 login broken',
      '/feedback resolve 1 reset their password',
      '/feedback stats',
    ],
    quickFixShown: ['Median time to resolve: 25 min', 'Median time to resolve: under a minute'],
    roleList: '/role list',
    roleWords:
      'The roles are typed as one word: admin, manager, member, pm, support, account_manager, observer, customer.',
    feedbackHelp: '/feedback help',
    feedbackHelpLine: '`/feedback survey [customer @contact…]` — Ask for a rating',
    zone: '/muster timezone beijing',
    zoneSet: 'Your timezone is now Asia/Shanghai',
    groupZone: '/muster settings timezone London',
    groupZoneSet: '• Timezone: UTC → *Europe/London*',
    escalated:
      'Feedback #1 from 北京星辰科技（中国） (1/5 in <#C1>) is still unresolved after 24 hours (owner: nobody).',
  },
  {
    locale: 'zh-CN' as const,
    customerRole: '/角色 添加 <@zhangwei> 客户 北京星辰科技（中国）',
    customerRoleReply: '<@zhangwei> 现在是本群中“北京星辰科技（中国）”的客户方人员。',
    members: '/成员',
    today: ['• *alice*：今天发过言', '• *zhangwei*：今天入群，还没有发言'],
    nextDay: ['• *alice*：最后发言 2026年12月1日（1 天前）', '（1 天）'],
    addWords: '/群规 新增 words 加微信，代购',
    editAsSetting: '/群规 修改 1 禁言：9999',
    settingRefused: '“禁言:9999”看起来是一项设置，不是要拦截的词',
    badAction: '/群规 处理 1 删除 飞走',
    badActionReply: '“飞走”不是有效的处理方式，可选：删除、警告、禁言、移出、通知管理员。',
    lowScore: '/反馈 客户：北京星辰科技（中国）评分：1 系統一直當機',
    ladder: '/群规 阶梯 1次警告3次禁言10分钟　7次移出',
    ladderSaved: ['累计 1 次 → 警告', '累计 3 次 → 禁言 10 分钟', '累计 7 次 → 移出本群'],
    ladderSlip: '/群规 阶梯 1 警告 1 禁言',
    alert: '客户不满意：“北京星辰科技（中国）”在 <#C1> 打了 1/5 分',
    pruneTypo: '/成员 清理 10 2 北京星辰科技',
    pruneTypoReply: '本群没有名为“北京星辰科技”的客户方人员。本群的客户有：Globex、北京星辰科技（中国）。',
    pruneDone: '已移出：<@lina>、<@xiaoming>',
    noDue: '/周会 待办 写周报 <@xiaoming>',
    noDueAdded: '待办 #1：写周报，负责人 <@xiaoming>，未定截止日期。已通知负责人。',
    noDueDm: '你在 <#C1> 有一项新待办（<@alice> 分配）：#1 写周报。未定截止日期。',
    noDueAgenda: '• #1 写周报：负责人 <@xiaoming>，未定截止日期',
    agenda: '/周会 议程',
    digest: '/简报 订阅 每日 08:30',
    digestHint:
      '你还没有设置自己的时区，所以简报按 UTC 发送；你管理的群用的是 Asia/Shanghai。发送 `/muster timezone Asia/Shanghai` 即可按这个时区发送简报。',
    feedbackSettings: '/反馈 设置',
    feedbackSettingsShown: ['默认客户：未设置', '提醒频道：未设置'],
    quickFix: ['/反馈 客户：Acme 评分：2 登录不了', '/反馈 解决 1 已重置密码', '/反馈 统计'],
    quickFixShown: ['解决用时中位数: 25 分钟', '解决用时中位数: 不到 1 分钟'],
    roleList: '/角色 列表',
    roleWords: '角色可以直接写中文，如“项目经理”。',
    feedbackHelp: '/反馈 幫助',
    feedbackHelpLine: '`/feedback survey [客户 @联系人…]`（也可写作 `/反馈 调查`）——发起满意度调查',
    zone: '/muster timezone 北京時間',
    zoneSet: '已将你的时区设为 Asia/Shanghai',
    groupZone: '/muster settings 时区 上海',
    groupZoneSet: '• 时区：UTC → *Asia/Shanghai*',
    escalated: '“北京星辰科技（中国）”在 <#C1> 的反馈 #1（1/5 分）已超过 24 小时仍未解决（负责人：暂无）。',
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

  it('the role list says how each role is typed', async () => {
    expect((await h.run(c.roleList, who)).text).toContain(c.roleWords);
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

describe.each(cases)('rules and alerts a new team lead trips over ($locale)', (c) => {
  let h: Harness;
  const who = { locale: c.locale };
  beforeEach(() => {
    h = createHarness();
  });
  afterEach(async () => {
    await h.app.close();
  });

  it('a setting typed into a words rule is refused, the words kept', async () => {
    await h.run(c.addWords, who);
    const before = snapshot(h, RULE_TABLES);
    const refused = await h.run(c.editAsSetting, who);
    expect(refused.text).toContain(c.settingRefused);
    expect(refused.text).toContain('`/rules actions <');
    expect(refused.responder.replies[0]?.visibility).toBe('ephemeral');
    expect(snapshot(h, RULE_TABLES)).toBe(before);
    expect(h.sql.prepare('select config from rules').get()).toEqual({
      config: JSON.stringify({ words: ['加微信', '代购'] }),
    });
  });

  it('a ladder typed without commas is read step by step; a slip in it is refused, not half saved', async () => {
    const saved = await h.run(c.ladder, who);
    for (const line of c.ladderSaved) expect(saved.text).toContain(line);
    const before = snapshot(h, ['rule_settings', 'audit_log']);
    const slip = await h.run(c.ladderSlip, who);
    expect(slip.responder.replies[0]?.visibility).toBe('ephemeral');
    expect(slip.text).toMatch(/1 timeout|1 禁言/u);
    expect(snapshot(h, ['rule_settings', 'audit_log'])).toBe(before);
  });

  it('an unknown action lists the actions in the reader’s words', async () => {
    await h.run(c.addWords, who);
    const before = snapshot(h, RULE_TABLES);
    expect((await h.run(c.badAction, who)).text).toBe(c.badActionReply);
    expect(snapshot(h, RULE_TABLES)).toBe(before);
  });

  it('a low score alert names a Chinese customer without stray spaces', async () => {
    await h.run('/role add <@wangxiaoming> account_manager');
    await h.run(`/muster language ${c.locale}`, { user: 'wangxiaoming' });
    await h.run(c.lowScore, { ...who, user: 'zhangwei' });
    expect(
      h
        .dmsTo('wangxiaoming')
        .map((d) => d.message.text)
        .join('\n'),
    ).toContain(c.alert);
  });

  it('an escalation a day later says which customer, where and how low', async () => {
    await h.run('/role add <@zhaomin> manager');
    await h.run(`/muster language ${c.locale}`, { user: 'zhaomin' });
    await h.run(c.lowScore, { ...who, user: 'zhangwei' });
    await h.at('2026-12-02T01:30:00Z');
    expect(h.dmsTo('zhaomin').map((d) => d.message.text)).toContain(c.escalated);
  });

  it('a timezone is taken as people say it: a city, a country, 北京时间', async () => {
    expect((await h.run(c.zone, who)).text).toContain(c.zoneSet);
    expect((await h.run(c.groupZone, who)).text).toContain(c.groupZoneSet);
  });

  it('/feedback help lists what /feedback does instead of reading “help” as feedback', async () => {
    const before = snapshot(h, ['customers', 'feedback_items']);
    const help = await h.run(c.feedbackHelp, who);
    expect(help.text).toContain(c.feedbackHelpLine);
    expect(help.text).not.toMatch(/missing|缺少/u);
    expect(snapshot(h, ['customers', 'feedback_items'])).toBe(before);
  });

  it('a prune of a customer not in the group lists the ones that are; the done notice lists names apart', async () => {
    await h.run('/role add <@kehu> customer 北京星辰科技（中国）', who);
    await h.run('/role add <@globex> customer Globex', who);
    await h.post('hello', { user: 'lina' });
    await h.post('hi', { user: 'xiaoming' });
    await h.at('2026-12-20T01:00:00Z');
    const before = snapshot(h, ['prunes', 'prune_members']);
    const refused = await h.run(c.pruneTypo, who);
    expect(refused.text).toContain(c.pruneTypoReply);
    expect(snapshot(h, ['prunes', 'prune_members'])).toBe(before);
    const proposed = await h.run(c.pruneTypo.replace(/ 北京星辰科技$/u, ''), who);
    const confirm = proposed.responder.replies
      .flatMap((r) => r.message.blocks ?? [])
      .flatMap((b) => (b.type === 'buttons' ? b.buttons : []))[0];
    await h.click(confirm?.actionId ?? '', confirm?.value ?? '', who);
    await h.at('2026-12-22T02:00:00Z');
    expect(
      h
        .dmsTo('alice')
        .map((d) => d.message.text)
        .join('\n'),
    ).toContain(c.pruneDone);
    // Removed people have left, whether or not the platform reports it: the next prune cannot find them.
    const again = await h.run(c.pruneTypo.replace(/ 北京星辰科技$/u, ''), who);
    expect(again.text).not.toMatch(/lina|xiaoming/u);
  });

  it('an action item with no due date says so once, in the reply, the DM and the agenda', async () => {
    await h.run(`/muster language ${c.locale}`, { user: 'xiaoming' });
    expect((await h.run(c.noDue, who)).text).toBe(c.noDueAdded);
    expect(h.dmsTo('xiaoming').map((d) => d.message.text)).toContain(c.noDueDm);
    expect((await h.run(c.agenda, who)).text).toContain(c.noDueAgenda);
  });

  it('a manager with no timezone of their own is told their digest follows another zone, and how to move it', async () => {
    await h.run('/muster settings timezone Asia/Shanghai');
    await h.run('/role add <@zhangwei> manager');
    const subscribed = await h.run(c.digest, { ...who, user: 'zhangwei' });
    expect(subscribed.text).toContain(c.digestHint);
    await h.run('/muster timezone Asia/Shanghai', { ...who, user: 'zhangwei' });
    expect((await h.run(c.digest, { ...who, user: 'zhangwei' })).text).not.toContain(c.digestHint);
  });

  it('feedback settings say a default customer or alert channel is not set, not “nobody”', async () => {
    const shown = await h.run(c.feedbackSettings, who);
    for (const line of c.feedbackSettingsShown) expect(shown.text).toContain(line);
  });

  it('a fix within the hour shows its minutes in the stats, not “0 h”', async () => {
    const [record, resolve, stats] = c.quickFix as [string, string, string];
    await h.run(record, who);
    h.clock.set(new Date(h.clock.now().getTime() + 25 * 60_000));
    await h.run(resolve, who);
    expect((await h.run(stats, who)).text).toContain(c.quickFixShown[0]);
    await h.run(record.replace('Acme', 'Globex'), who);
    await h.run(resolve.replace('1', '2'), who);
    await h.run(record.replace('Acme', 'Initech'), who);
    await h.run(resolve.replace('1', '3'), who);
    expect((await h.run(stats, who)).text).toContain(c.quickFixShown[1]);
  });
});
