import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness, snapshot } from '../helpers/harness.js';

/** What the listed commands write when “help” is mistaken for a value. */
const WRITTEN = [
  'rules',
  'audit_log',
  'customers',
  'feedback_items',
  'reviews',
  'review_notes',
  'standup_answers',
];

/** `/<command> help` in each language: the command's own subcommands, never read as a value. */
const cases = [
  {
    locale: 'en' as const,
    rules: '/rules help',
    rulesLine: '`/rules add <kind> [settings…]`',
    exemptLine: '`/rules exempt @member|#channel|role [rule id]`',
    adminOnly: '/rules add',
    role: '/role ?',
    roleLine: '`/role list`',
    feedback: '/feedback help',
    feedbackLine: '`/feedback survey',
    review: '/review help',
    reviewLine: '`/review notes',
    standup: '/standup help',
    standupLine: '`/standup away',
    topHelp: '/help',
    topHelpTitle: 'Muster: what you can do here',
  },
  {
    locale: 'zh-CN' as const,
    rules: '/群规 帮助',
    rulesLine: '`/群规 新增`',
    exemptLine: '`/rules exempt @成员|#频道|角色 [规则编号]`',
    adminOnly: '/rules add',
    role: '/角色 幫助',
    roleLine: '`/角色',
    feedback: '/反馈 帮助',
    feedbackLine: '`/feedback survey',
    review: '/review 说明',
    reviewLine: '`/review notes',
    standup: '/站会 帮助',
    standupLine: '`/standup away',
    topHelp: '/帮助',
    topHelpTitle: 'Muster：你在这里可以做什么',
  },
];

describe.each(cases)('/<command> help ($locale)', (c) => {
  let h: Harness;
  const admin = { admin: true, locale: c.locale };
  beforeEach(() => {
    h = createHarness();
  });
  afterEach(async () => {
    await h.app.close();
  });

  it('lists the command’s own subcommands, privately, and changes nothing', async () => {
    const before = snapshot(h, WRITTEN);
    for (const [line, shown] of [
      [c.rules, c.rulesLine],
      [c.role, c.roleLine],
      [c.feedback, c.feedbackLine],
      [c.review, c.reviewLine],
      [c.standup, c.standupLine],
    ] as const) {
      const { responder, text } = await h.run(line, admin);
      expect(text, line).toContain(shown);
      expect(text, line).not.toMatch(/has no|没有 `/u);
      expect(responder.replies.map((r) => r.visibility)).toEqual(['ephemeral']);
    }
    // A label that starts with @ is not wrapped in <…>, where a platform would read a mention.
    expect((await h.run(c.rules, admin)).text).toContain(c.exemptLine);
    expect(snapshot(h, WRITTEN)).toBe(before);
  });

  it('/help or /帮助 on its own is /muster help', async () => {
    const { text } = await h.run(c.topHelp, admin);
    expect(text).toContain(c.topHelpTitle);
    expect(text).toContain('/role list');
  });

  it('shows a member only what they may run there', async () => {
    const member = { user: 'bob', locale: c.locale };
    const { text } = await h.run(c.rules, member);
    expect(text).not.toContain(c.adminOnly);
    expect((await h.run(c.rules, admin)).text).toContain(c.adminOnly);
  });
});
