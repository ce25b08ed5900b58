import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness, snapshot } from '../helpers/harness.js';

const TABLES = ['feedback_settings', 'feedback_items', 'feedback_daily', 'audit_log'];

const cases = [
  {
    locale: 'en' as const,
    rate: (score: number) => `/feedback customer:Acme rating:${score} said so`,
    toNps: '/feedback settings scale nps',
    backToCsat: '/feedback settings scale csat confirm',
    stats: '/feedback stats',
    settings: '/feedback settings',
    warning:
      'Switch the feedback scale from CSAT 1–5 to NPS 0–10? 3 scores already given stay on CSAT 1–5: they are not converted, and `/feedback stats` shows them apart from new scores. The alert threshold goes back to 6, the default for NPS 0–10.',
    buttons: ['Switch to NPS 0–10', 'Keep CSAT 1–5'],
    kept: 'The feedback scale stays CSAT 1–5; nothing changed.',
    switched: 'The feedback scale is now NPS 0–10. 3 earlier scores stay on CSAT 1–5.',
    switchedBack: 'The feedback scale is now CSAT 1–5. 2 earlier scores stay on NPS 0–10.',
    npsField: 'NPS: 0',
    otherLine:
      'Also 3 scores given on the 1–5 scale: average 3.3 of 5. They keep that scale: not converted, not counted in the NPS above.',
    csatField: 'Average (of 5): 3.3',
    otherNpsLine: 'Also 2 scores given on the 0–10 scale: NPS 0.',
    review: 'Also 3 ratings given on the other scale: kept on that scale, not counted above.',
  },
  {
    locale: 'zh-CN' as const,
    rate: (score: number) => `/feedback 客户：阿里巴巴 评分：${score} 客户原话`,
    toNps: '/feedback 设置 评分方式 净推荐值',
    backToCsat: '/feedback 设置 评分方式 满意度 确认',
    stats: '/feedback 统计',
    settings: '/feedback 设置',
    warning:
      '确定把评分方式从“满意度 1–5 分”改为“NPS 0–10 分”吗？已有的 3 条评分仍按“满意度 1–5 分”保存，不做换算，`/feedback stats` 会把它们与新评分分开统计。提醒分数将恢复为“NPS 0–10 分”的默认值 6 分。',
    buttons: ['改为“NPS 0–10 分”', '保持“满意度 1–5 分”'],
    kept: '评分方式仍为“满意度 1–5 分”，没有改动。',
    switched: '评分方式已改为“NPS 0–10 分”。此前的 3 条评分仍按“满意度 1–5 分”保存。',
    switchedBack: '评分方式已改为“满意度 1–5 分”。此前的 2 条评分仍按“NPS 0–10 分”保存。',
    npsField: '净推荐值（NPS）: 0',
    otherLine:
      '另有 3 条评分按 1–5 分制给出：平均 3.3 分（满分 5）。这些评分保留原分制，不做换算，也不计入上面的净推荐值。',
    csatField: '平均分（满分 5）: 3.3',
    otherNpsLine: '另有 2 条评分按 0–10 分制给出：净推荐值 0。',
    review: '另有 3 条评分按另一种分制给出：保留原分制，未计入上面的统计。',
  },
];

describe.each(cases)('switching the feedback scale keeps every score on its own scale ($locale)', (c) => {
  let h: Harness;
  const admin = () => ({ locale: c.locale });
  const member = () => ({ user: 'bob', locale: c.locale });
  const scores = () => h.sql.prepare('select score, scale from feedback_items order by id').all();

  beforeEach(async () => {
    h = createHarness();
    for (const score of [5, 4, 1]) await h.run(c.rate(score), member());
  });

  afterEach(async () => {
    await h.app.close();
  });

  it('warns with the number of scores that stay on the old scale, and changes nothing until confirmed', async () => {
    const before = snapshot(h, TABLES);
    const asked = await h.run(c.toNps, admin());
    expect(asked.text).toContain(c.warning);
    expect(asked.responder.replies[0]?.visibility).toBe('ephemeral');
    const buttons = asked.responder.replies[0]?.message.blocks?.flatMap((b) =>
      b.type === 'buttons' ? b.buttons : [],
    );
    expect(buttons?.map((b) => b.label)).toEqual(c.buttons);
    expect(snapshot(h, TABLES)).toBe(before);

    const kept = await h.click(buttons?.[1]?.actionId ?? '', buttons?.[1]?.value ?? '', admin());
    expect(kept.text).toBe(c.kept);
    expect(snapshot(h, TABLES)).toBe(before);

    const switched = await h.click(buttons?.[0]?.actionId ?? '', buttons?.[0]?.value ?? '', admin());
    expect(switched.text).toBe(c.switched);
    expect(h.sql.prepare('select scale, threshold from feedback_settings').get()).toEqual({
      scale: 'nps',
      threshold: null,
    });
    // The old scores are untouched: same numbers, still on the scale they were given on.
    expect(scores()).toEqual([
      { score: 5, scale: 'csat' },
      { score: 4, scale: 'csat' },
      { score: 1, scale: 'csat' },
    ]);
    // A second click on the same warning is stale and changes nothing.
    const after = snapshot(h, TABLES);
    expect((await h.click(buttons?.[0]?.actionId ?? '', buttons?.[0]?.value ?? '', admin())).text).toMatch(
      /out of date|已经过期/u,
    );
    expect(snapshot(h, TABLES)).toBe(after);
  });

  it('stats are per scale: the new scale’s figure from its own scores, the old ones apart with the rule stated', async () => {
    const asked = await h.run(c.toNps, admin());
    const confirm = asked.responder.replies[0]?.message.blocks
      ?.flatMap((b) => (b.type === 'buttons' ? b.buttons : []))
      .find((b) => b.actionId === 'feedback.scale.confirm');
    await h.click(confirm?.actionId ?? '', confirm?.value ?? '', admin());
    // 10 promotes, 3 detracts: NPS 0, whatever the old 5, 4 and 1 were.
    await h.run(c.rate(10), member());
    await h.run(c.rate(3), member());
    const stats = await h.run(c.stats, member());
    expect(stats.text).toContain(c.npsField);
    expect(stats.text).toContain(c.otherLine);
    // The weekly review's agenda counts them apart too.
    expect((await h.run('/review now', member())).text).toContain(c.review);

    // Back to CSAT, confirmed on one line: the NPS scores stay NPS, the CSAT average is the old three only.
    expect((await h.run(c.backToCsat, admin())).text).toBe(c.switchedBack);
    const back = await h.run(c.stats, member());
    expect(back.text).toContain(c.csatField);
    expect(back.text).toContain(c.otherNpsLine);
    expect(scores()).toEqual([
      { score: 5, scale: 'csat' },
      { score: 4, scale: 'csat' },
      { score: 1, scale: 'csat' },
      { score: 10, scale: 'nps' },
      { score: 3, scale: 'nps' },
    ]);
  });

  it('an old score is judged by its own scale: the new scale’s threshold never pages about it', async () => {
    await h.run('/role add <@max> manager', admin());
    await h.run(c.backToCsat.replace(/csat|满意度/u, 'nps'), admin());
    // 7 of 10 alerts from now on; a 5 or 4 of 5 is a happy customer, not a low score on 0–10.
    await h.run(`${c.settings} threshold 7`, admin());
    h.platform.sent.length = 0;
    await h.run(c.rate(7), member());
    h.clock.advance(60_000);
    await h.app.tick(h.clock.now());
    const alerts = h.platform.sent
      .filter((s) => s.target.kind === 'dm')
      .map((s) => s.message.text)
      .join('\n');
    expect(alerts).toContain('7/10');
    expect(alerts).not.toMatch(/[45]\/5/u);
  });

  it('a member cannot switch the scale, and a scale that is no scale is refused; nothing changes', async () => {
    const before = snapshot(h, TABLES);
    expect((await h.run(c.toNps, member())).text).toMatch(/admin|管理员/u);
    expect((await h.run(`${c.settings} scale 7-point`, admin())).text).toContain('“7-point”');
    expect(snapshot(h, TABLES)).toBe(before);
  });
});

describe('one score on the old scale reads as one', () => {
  it.each([
    [
      'en' as const,
      '/feedback customer: Acme rating: 4 ok',
      '1 score already given stays on CSAT 1–5: it is not converted',
    ],
    ['zh-CN' as const, '/反馈 客户：Acme 评分：4 还行', '1 条'],
  ])('%s', async (locale, rate, says) => {
    const h = createHarness();
    await h.run(rate, { user: 'bob', locale });
    expect((await h.run('/feedback settings scale nps', { locale })).text).toContain(says);
    await h.app.close();
  });
});
