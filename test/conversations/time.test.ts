import { afterEach, describe, expect, it } from 'vitest';
import type { Locale } from '../../src/core/i18n/locale.js';
import { createHarness, type Harness, snapshot, textOf } from '../helpers/harness.js';

let h: Harness;
afterEach(async () => {
  await h.app.close();
});

/** What each test says and expects, per language: inputs typed the way a person in it would. */
const LANGS = [
  {
    locale: 'en' as Locale,
    tz: (zone: string) => `/muster timezone ${zone}`,
    config: (rest = '') => `/standup config ${rest}`.trim(),
    answer: '/standup yesterday: docs; today: tests; blockers: none',
    conflict: 'after the day’s deadline',
    afterPrompt: 'Ask an admin to move the deadline after 16:30',
    laNote:
      'your next standup prompt comes Tue 09:30 your time (America/Los_Angeles); answers are due by Tue 18:00 your time (10:00 in the group, Asia/Shanghai).',
    berlinDeadline: '03:00 your time (Europe/Berlin), 10:00 in the group (Asia/Shanghai)',
    conflictTitle: 'Prompted only after the deadline',
    conflictLine:
      '• erin: prompt 09:30 their time (Europe/Berlin), deadline 03:00 their time (10:00 in the group)',
    laDeadline: 'Deadline: 18:00 your time (America/Los_Angeles), 10:00 in the group (Asia/Shanghai)',
    shanghaiDeadline: 'Deadline: 10:00 (Asia/Shanghai)',
    late: 'marked late',
    saved: 'is in',
    deadlineOrder: 'choose a deadline from 09:31 to 23:59',
    nudgeRange: 'from 0 (no nudge) to 600',
    nudgeSpan: 'choose 0 to 30 minutes',
    escalateRange: 'from 1 to 30',
    reviewRange: 'between 0 and 1440',
    manager: '/role add <@max> manager',
    subscribe: (cadence: 'daily' | 'weekly', time: string) => `/digest subscribe ${cadence} ${time}`,
    subscribedAt: 'digest at 08:30 (UTC)',
    firstOne: 'First one: Tue, Dec 1, 2026, 8:30',
    alsoOn: 'Your daily digest stays on too.',
    daily: (date: string) => `Daily digest · ${date}`,
    weekly: 'Weekly digest · Nov 30 – Dec 6',
    fri: 'Dec 4',
    thu: 'Dec 3',
    dayOff: '/standup calendar add-off 2026-12-04',
    ownerHint: '/role add @alice manager',
    digestNow: '/digest now',
    action: (text: string, due: string) => `/review action ${text} <@bob> ${due}`,
    overdue: (n: string) => `was due ${n} ago`,
    oneDay: '1 day',
    threeDays: '3 days',
    dueToday: 'is due today',
    laPromptDeadline: 'Deadline: 02:00 your time (America/Los_Angeles), 18:00 in the group (Asia/Shanghai).',
    laNudgeDeadline:
      'the deadline is 02:00 your time (America/Los_Angeles), 18:00 in the group (Asia/Shanghai).',
    review: '/review schedule fri 16:00',
    reviewAt: 'Friday at 16:00 (Asia/Shanghai)',
    reviewNext: 'Next review: Fri, Dec 4, 2026, 9:00 AM (Europe/Berlin)',
    homeLine: '<#C1>: Tue, Dec 1, 2026, 9:30 AM (Europe/Berlin)',
  },
  {
    locale: 'zh-CN' as Locale,
    tz: (zone: string) => `/muster 时区 ${zone}`,
    // Typed with the Chinese setting words: 截止, 催交, 升级.
    config: (rest = '') =>
      `/standup 配置 ${rest.replace('deadline', '截止').replace('nudge', '催交').replace('escalate', '升级')}`.trim(),
    answer: '/standup 昨天：写文档；今天：写测试；阻碍：无',
    conflict: '晚于当天的截止时间',
    afterPrompt: '请管理员把截止时间调到 16:30 之后',
    laNote:
      '你的下次站会提醒：周二 09:30（当地时间，America/Los_Angeles）；提交截止：周二 18:00（当地时间；本群时间 10:00，Asia/Shanghai）。',
    berlinDeadline: '你当地时间 03:00（Europe/Berlin），本群时间 10:00（Asia/Shanghai）',
    conflictTitle: '以下成员收到提醒时已过截止时间',
    conflictLine: '• erin：当地时间 09:30 提醒（Europe/Berlin），截止时间为其当地 03:00（本群时间 10:00）',
    laDeadline: '截止时间：你当地时间 18:00（America/Los_Angeles），本群时间 10:00（Asia/Shanghai）',
    shanghaiDeadline: '截止时间：10:00（Asia/Shanghai）',
    late: '迟交',
    saved: '已提交',
    deadlineOrder: '请选择 09:31 到 23:59 之间的截止时间',
    nudgeRange: '0（不催交）到 600 之间的整数',
    nudgeSpan: '请设为 0 到 30 分钟',
    escalateRange: '1 到 30 之间的整数',
    reviewRange: '0 到 1440 之间',
    manager: '/role add <@max> 经理',
    subscribe: (cadence: 'daily' | 'weekly', time: string) =>
      `/digest 订阅 ${cadence === 'daily' ? '每日' : '每周'} ${time}`,
    subscribedAt: '简报，会在 08:30（UTC）',
    firstOne: '第一份：2026年12月1日',
    alsoOn: '你的每日简报也照常发送。',
    daily: (date: string) => `每日简报 · ${date}`,
    weekly: '每周简报 · 11月30日 – 12月6日',
    fri: '12月4日',
    thu: '12月3日',
    dayOff: '/standup 日历 放假 12月4日',
    ownerHint: '/role add @alice 经理',
    digestNow: '/digest 现在',
    action: (text: string, due: string) => `/review action ${text} <@bob> ${due}`,
    overdue: (n: string) => `已逾期 ${n}`,
    oneDay: '1 天',
    threeDays: '3 天',
    dueToday: '今天到期',
    laPromptDeadline: '截止时间：你当地时间 02:00（America/Los_Angeles），本群时间 18:00（Asia/Shanghai）。',
    laNudgeDeadline: '截止时间：你当地时间 02:00（America/Los_Angeles），本群时间 18:00（Asia/Shanghai）。',
    review: '/review schedule 周五 16:00',
    reviewAt: '周五 16:00（Asia/Shanghai）',
    reviewNext: '下次周会：2026年12月4日周五 09:00（Europe/Berlin）',
    homeLine: '<#C1>：2026年12月1日周二 09:30（Europe/Berlin）',
  },
];

const dmText = (user: string) => h.dmsTo(user).map((s) => textOf(s.message));
const configRow = () => snapshot(h, ['standup_configs', 'review_settings', 'audit_log']);

/** A Shanghai group: standups on at 09:30 (each member's time), deadline 10:00 Shanghai, nudge 15 min before. */
async function shanghaiGroup(lang: (typeof LANGS)[number], deadline = '10:00') {
  await h.run('/muster settings timezone Asia/Shanghai');
  await h.run('/standup on');
  await h.run(lang.config('nudge 15'));
  await h.run(lang.config(`deadline ${deadline}`));
}

describe.each(LANGS)('time, in $locale', (lang) => {
  it('a member whose prompt comes after the deadline is told on changing timezone, and admins see it in /standup config', async () => {
    h = createHarness({ defaultLocale: lang.locale });
    await shanghaiGroup(lang);
    await h.post('hello', { user: 'erin' });
    await h.post('hello', { user: 'lara' });
    // Activity is batched: what the flush every few seconds writes, before the next command.
    h.app.flush();
    h.platform.sent.length = 0;

    // 09:30 in Berlin is 16:30 in Shanghai, after the 10:00 deadline: every answer would be late.
    const erin = await h.run(lang.tz('Europe/Berlin'), { user: 'erin' });
    expect(erin.text).toContain(lang.conflict);
    expect(erin.text).toContain(lang.berlinDeadline);
    // 09:30 in Los Angeles is 01:30 the next day in Shanghai, before that day's deadline: no warning.
    const lara = await h.run(lang.tz('America/Los_Angeles'), { user: 'lara' });
    expect(lara.text).not.toContain(lang.conflict);
    expect(lara.text).toContain(lang.laNote);

    // Told once: the minute tick sends no DM about what the reply said.
    await h.at('2026-12-01T01:01:00Z');
    expect(dmText('erin').filter((t) => t.includes(lang.conflict))).toEqual([]);

    const config = await h.run(lang.config());
    expect(config.text).toContain(lang.conflictTitle);
    expect(config.text).toContain(lang.conflictLine);
    expect(config.text).not.toContain('lara');
    expect(config.text).toContain(lang.shanghaiDeadline);
    // A member sees the deadline in their own time, the group's beside it, and no one's conflicts.
    const laView = await h.run(lang.config(), { user: 'lara' });
    expect(laView.text).toContain(lang.laDeadline);
    expect(laView.text).not.toContain(lang.conflictTitle);
  });

  it('a member who joins from a timezone whose prompt comes after the deadline gets one DM', async () => {
    h = createHarness({ defaultLocale: lang.locale });
    await shanghaiGroup(lang);
    // Set in a DM before joining: no group to warn about yet.
    const before = await h.run(lang.tz('Europe/Berlin'), { user: 'erin', direct: true });
    expect(before.text).not.toContain(lang.conflict);
    await h.post('hello', { user: 'erin' });
    await h.at('2026-12-01T01:05:00Z');
    await h.at('2026-12-01T01:06:00Z');
    const warnings = dmText('erin').filter((t) => t.includes(lang.conflict));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(lang.berlinDeadline);
    expect(warnings[0]).toContain(lang.afterPrompt);
    expect(warnings[0]).toContain('/muster timezone');
  });

  it('an answer is filed under the standup day its prompt was for, not the UTC or the author’s date', async () => {
    h = createHarness({ defaultLocale: lang.locale });
    await shanghaiGroup(lang, '18:00');
    await h.post('hello', { user: 'erin' });
    await h.post('hello', { user: 'lara' });
    h.app.flush();
    await h.run(lang.tz('Europe/Berlin'), { user: 'erin' });
    await h.run(lang.tz('America/Los_Angeles'), { user: 'lara' });

    // Tue 1 Dec, 22:30 in Berlin (05:30 Wed in Shanghai): erin answers that morning's prompt, late.
    h.clock.set(new Date('2026-12-01T21:30:00Z'));
    const erin = await h.run(lang.answer, { user: 'erin' });
    expect(erin.text).toContain('2026-12-01');
    expect(erin.text).toContain(lang.late);
    // Tue 1 Dec, 10:00 in Los Angeles (02:00 Wed in Shanghai, Tue in UTC): her prompt of 09:30 was Wednesday's.
    h.clock.set(new Date('2026-12-01T18:00:00Z'));
    const lara = await h.run(lang.answer, { user: 'lara' });
    expect(lara.text).toContain('2026-12-02');
    expect(lara.text).toContain(lang.saved);
    expect(
      h.sql.prepare('select member_id, day, late from standup_answers order by member_id').all(),
    ).toEqual([
      { member_id: 'slack:T1:erin', day: '2026-12-01', late: 1 },
      { member_id: 'slack:T1:lara', day: '2026-12-02', late: 0 },
    ]);
    // The export gives submission times in the reader's zone: erin's 22:30 in Berlin.
    await h.run(lang.tz('Europe/Berlin'));
    const csv = (await h.run('/standup export')).responder.replies[0]?.message.attachments?.[0];
    expect(csv && 'text' in csv ? csv.text : '').toContain('2026-12-01T22:30:00+01:00');
  });

  it('the prompt and the nudge give the deadline in the member’s own time, the group’s beside it', async () => {
    h = createHarness({ defaultLocale: lang.locale });
    await shanghaiGroup(lang, '18:00');
    await h.post('hello', { user: 'lara' });
    h.app.flush();
    await h.run(lang.tz('America/Los_Angeles'), { user: 'lara' });
    // 09:30 Tuesday in Los Angeles is 01:30 Wednesday in Shanghai: Wednesday's standup, due 18:00 there.
    await h.at('2026-12-01T17:29:00Z');
    await h.at('2026-12-01T17:30:00Z');
    const toLara = () =>
      h.platform.sent
        .filter((s) => s.target.kind === 'ephemeral' && s.target.user.userId === 'lara')
        .map((s) => textOf(s.message));
    expect(toLara()).toEqual([expect.stringContaining(lang.laPromptDeadline)]);
    // The nudge, 15 minutes before 18:00 Shanghai (09:45 UTC).
    await h.at('2026-12-02T09:45:00Z');
    expect(toLara()[1]).toContain(lang.laNudgeDeadline);
  });

  it('the review schedule and the Home page give times in the reader’s zone, named when not the group’s', async () => {
    h = createHarness({ defaultLocale: lang.locale });
    await shanghaiGroup(lang, '18:00');
    await h.run(lang.tz('Europe/Berlin'));
    const review = await h.run(lang.review);
    expect(review.text).toContain(lang.reviewAt);
    expect(review.text).toContain(lang.reviewNext);
    h.app.flush();
    const home = await h.send({ type: 'home.opened', ...h.base({ direct: true }) });
    expect(home.replies.map((r) => textOf(r.message)).join('\n')).toContain(lang.homeLine);
  });

  it('after downtime past the deadline, the nudge is not sent late; the summary is', async () => {
    h = createHarness({ defaultLocale: lang.locale });
    await shanghaiGroup(lang, '18:00');
    await h.post('hello', { user: 'bob' });
    await h.at('2026-12-01T01:30:00Z');
    h.platform.sent.length = 0;
    // Down from 09:30 to 18:30 Shanghai: the 17:45 nudge and the 18:00 summary are both caught up on.
    await h.at('2026-12-01T10:30:00Z');
    const toBob = h.platform.sent.filter(
      (s) => s.target.kind === 'ephemeral' && s.target.user.userId === 'bob',
    );
    expect(toBob).toEqual([]);
    expect(h.platform.sent.filter((s) => s.target.kind === 'channel')).toHaveLength(1);
  });

  it('times out of range are refused with the allowed range, nothing changed', async () => {
    h = createHarness({ defaultLocale: lang.locale });
    await shanghaiGroup(lang);
    await h.run('/review schedule fri 16:00');
    const before = configRow();
    const refusals = [
      [lang.config('deadline 09:00'), lang.deadlineOrder],
      [lang.config('nudge 9999'), lang.nudgeRange],
      [lang.config('nudge 45'), lang.nudgeSpan],
      [lang.config('escalate 0'), lang.escalateRange],
      [lang.config('escalate 999'), lang.escalateRange],
      ['/review schedule fri 16:00 group 9999', lang.reviewRange],
    ] as const;
    for (const [command, range] of refusals) {
      const reply = await h.run(command);
      expect(reply.responder.replies[0]?.visibility, command).toBe('ephemeral');
      expect(reply.text, command).toContain(range);
    }
    // The setup form checks the same: the deadline comes back on its field.
    const form = (await h.run('/standup setup')).responder.forms[0];
    const submitted = await h.send({
      type: 'form.submitted',
      ...h.base({}),
      formId: form?.formId ?? '',
      context: form?.context ?? '',
      values: { prompt: '09:30', deadline: '09:00', nudge: '0', questions: '', country: '' },
    });
    expect(submitted.rejections[0]?.deadline).toContain(lang.deadlineOrder);
    expect(configRow()).toBe(before);
  });
});

describe.each(LANGS)('digests, in $locale', (lang) => {
  const digestTitles = () =>
    h
      .dmsTo('max')
      .map((d) => d.message.text)
      .filter((t) => t.includes(lang.daily('')) || t.includes(lang.weekly.slice(0, 6)));

  /** max manages a Shanghai group and keeps no timezone of his own: his digests follow the workspace's (UTC). */
  async function managed() {
    h = createHarness({ defaultLocale: lang.locale });
    await h.run('/muster settings timezone Asia/Shanghai');
    await h.run('/standup on');
    await h.run(lang.manager);
  }

  it('daily and weekly both on; the next one is said in the zone the digest follows; Monday’s daily covers Friday', async () => {
    await managed();
    const daily = await h.run(lang.subscribe('daily', '08:30'), { user: 'max' });
    // Asked in a Shanghai group, but the digest goes at 08:30 UTC: the reply says so.
    expect(daily.text).toContain(lang.subscribedAt);
    expect(daily.text).toContain(lang.firstOne);
    const weekly = await h.run(lang.subscribe('weekly', '09:00'), { user: 'max' });
    expect(weekly.text).toContain(lang.alsoOn);
    expect(h.sql.prepare('select cadence, time from digest_subscriptions order by cadence').all()).toEqual([
      { cadence: 'daily', time: '08:30' },
      { cadence: 'weekly', time: '09:00' },
    ]);

    await h.at('2026-12-07T08:29:00Z');
    h.platform.sent.length = 0;
    await h.at('2026-12-07T08:30:00Z');
    await h.at('2026-12-07T09:00:00Z');
    expect(digestTitles()).toEqual([lang.daily(lang.fri), lang.weekly]);
  });

  it('Monday’s daily digest covers the last working day by the group’s calendar: Thursday when Friday is a day off', async () => {
    await managed();
    await h.run(lang.dayOff);
    await h.run(lang.subscribe('daily', '08:30'), { user: 'max' });
    await h.at('2026-12-07T08:29:00Z');
    h.platform.sent.length = 0;
    await h.at('2026-12-07T08:30:00Z');
    expect(digestTitles()).toEqual([lang.daily(lang.thu)]);
  });

  it('a workspace owner who manages no group is told how to get a digest, and nothing is stored', async () => {
    h = createHarness({ defaultLocale: lang.locale });
    await h.run('/muster settings timezone Asia/Shanghai');
    const before = snapshot(h, ['digest_subscriptions', 'group_roles']);
    const now = await h.run(lang.digestNow, { direct: true });
    expect(now.responder.replies[0]?.visibility).toBe('ephemeral');
    expect(now.text).toContain(lang.ownerHint);
    const subscribe = await h.run(lang.subscribe('daily', '08:30'), { direct: true });
    expect(subscribe.text).toContain(lang.ownerHint);
    expect(snapshot(h, ['digest_subscriptions', 'group_roles'])).toBe(before);
  });
});

describe.each(LANGS)('reminders after downtime, in $locale', (lang) => {
  it('an action item reminder the scheduler catches up on says how overdue it is, plural-correct, once', async () => {
    h = createHarness({ defaultLocale: lang.locale });
    await h.post('hello', { user: 'bob' });
    await h.run(lang.action('send the quote', '2026-12-02'));
    await h.run(lang.action('call Acme back', '2026-12-04'));
    await h.run(lang.action('book the venue', '2026-12-05'));
    await h.at('2026-12-01T02:00:00Z');
    // Down from Tuesday until Saturday 10:00 UTC: three mornings' reminders are caught up on at once.
    await h.at('2026-12-05T10:00:00Z');
    const reminders = dmText('bob').filter((t) => t.includes('⏰'));
    expect(reminders).toHaveLength(3);
    expect(reminders.find((t) => t.includes('send the quote'))).toContain(lang.overdue(lang.threeDays));
    expect(reminders.find((t) => t.includes('call Acme back'))).toContain(lang.overdue(lang.oneDay));
    expect(reminders.find((t) => t.includes('book the venue'))).toContain(lang.dueToday);
    await h.at('2026-12-05T10:01:00Z');
    expect(dmText('bob').filter((t) => t.includes('⏰'))).toHaveLength(3);
  });
});
