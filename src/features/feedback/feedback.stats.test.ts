import { describe, expect, it } from 'vitest';
import { CSAT_ITEMS, FEEDBACK_NOW, FEEDBACK_ZONE, NPS_ITEMS } from '../../../test/fixtures/feedback-items.js';
import { translator } from '../../core/i18n/catalog.js';
import {
  computeStats,
  type FeedbackItem,
  type FeedbackStats,
  formatStats,
  type Period,
  periodBounds,
} from './feedback.stats.js';

const bounds = (period: Period) => periodBounds(period, FEEDBACK_NOW, FEEDBACK_ZONE);
const iso = (range: { from: Date; to: Date }) => [range.from.toISOString(), range.to.toISOString()];

describe('periodBounds', () => {
  it('gives Monday-first weeks in the group’s timezone, even on a Sunday evening', () => {
    const week = bounds('week');
    expect(iso(week.current)).toEqual(['2026-12-06T16:00:00.000Z', '2026-12-13T16:00:00.000Z']);
    expect(iso(week.previous)).toEqual(['2026-11-29T16:00:00.000Z', '2026-12-06T16:00:00.000Z']);
    // One instant: still Sunday in UTC, already Monday of the next week in Tokyo.
    expect(iso(periodBounds('week', new Date('2026-12-13T16:30:00Z'), 'UTC').current)[0]).toBe(
      '2026-12-07T00:00:00.000Z',
    );
    expect(iso(periodBounds('week', new Date('2026-12-13T16:30:00Z'), 'Asia/Tokyo').current)[0]).toBe(
      '2026-12-13T15:00:00.000Z',
    );
  });

  it('gives calendar months and quarters', () => {
    expect(iso(bounds('month').current)).toEqual(['2026-11-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z']);
    expect(iso(bounds('month').previous)).toEqual(['2026-10-31T16:00:00.000Z', '2026-11-30T16:00:00.000Z']);
    expect(iso(bounds('quarter').current)).toEqual(['2026-09-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z']);
    expect(iso(bounds('quarter').previous)).toEqual(['2026-06-30T16:00:00.000Z', '2026-09-30T16:00:00.000Z']);
    const march = periodBounds('month', new Date('2026-03-15T12:00:00Z'), 'UTC');
    expect(iso(march.previous)).toEqual(['2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z']);
  });

  it('follows the wall clock across a DST change: the week of 2026-10-25 in Berlin is 169 hours', () => {
    const week = periodBounds('week', new Date('2026-10-25T12:00:00Z'), 'Europe/Berlin');
    expect(iso(week.current)).toEqual(['2026-10-18T22:00:00.000Z', '2026-10-25T23:00:00.000Z']);
    expect((week.current.to.getTime() - week.current.from.getTime()) / 3_600_000).toBe(169);
    const spring = periodBounds('week', new Date('2026-03-10T12:00:00Z'), 'America/New_York');
    expect(iso(spring.current)).toEqual(['2026-03-09T04:00:00.000Z', '2026-03-16T04:00:00.000Z']);
    expect(iso(spring.previous)).toEqual(['2026-03-02T05:00:00.000Z', '2026-03-09T04:00:00.000Z']);
  });

  it('refuses a timezone that does not exist', () => {
    expect(() => periodBounds('week', FEEDBACK_NOW, 'Mars/Olympus')).toThrow(/Mars\/Olympus/);
  });
});

describe('computeStats on the CSAT fixture (55 items, hand-computed)', () => {
  it('reports this week against last week', () => {
    expect(computeStats(CSAT_ITEMS, 'csat', bounds('week'))).toEqual({
      count: 30,
      average: 3,
      nps: null,
      previous: { count: 22, average: 3.5, nps: null },
      change: { count: 8, average: -0.5, nps: null },
      topTags: [
        { tag: '物流', count: 9 },
        { tag: 'billing', count: 6 },
        { tag: '售后', count: 5 },
        { tag: 'ui', count: 4 },
        // 'api' and 'onboarding' both have 3: the tie goes by name.
        { tag: 'api', count: 3 },
      ],
      worstCustomers: [
        // Acme and Globex both average 1.5: more feedback first.
        { name: 'Acme Ltd', average: 1.5, count: 4 },
        { name: 'Globex Inc', average: 1.5, count: 2 },
        { name: '阿里巴巴(中国)有限公司', average: 2, count: 5 },
        { name: 'Umbrella Corp', average: 2.5, count: 4 },
        { name: 'Initech', average: 3, count: 5 },
      ],
      // Resolved this week: 2, 4, 6, 10, 24, 30, 50, 72, 480 hours.
      medianResolveHours: 24,
      otherScales: [],
    });
  });

  it('reports this month against last month', () => {
    const month = computeStats(CSAT_ITEMS, 'csat', bounds('month'));
    expect(month).toMatchObject({
      count: 50,
      previous: { count: 5, nps: null },
      change: { count: 45, nps: null },
      nps: null,
      topTags: [
        { tag: '物流', count: 12 },
        { tag: 'pricing', count: 9 },
        { tag: 'billing', count: 6 },
        { tag: '售后', count: 5 },
        { tag: 'ui', count: 4 },
      ],
      // Resolved in December: 2, 4, 6, 10, 24 | 30, 50, 72, 100, 480 hours.
      medianResolveHours: 27,
      otherScales: [],
    });
    expect(month.average).toBeCloseTo(3.2, 10);
    expect(month.previous.average).toBeCloseTo(2.8, 10);
    expect(month.change.average).toBeCloseTo(0.4, 10);
    expect(month.worstCustomers.map((c) => [c.name, c.count])).toEqual([
      ['Globex Inc', 2],
      ['Acme Ltd', 6],
      ['Umbrella Corp', 7],
      ['阿里巴巴(中国)有限公司', 9],
      ['Initech', 9],
    ]);
    expect(month.worstCustomers.map((c) => c.average)).toEqual([1.5, 13 / 6, 18 / 7, 25 / 9, 28 / 9]);
  });

  it('has no average change when the previous period is empty', () => {
    const quarter = computeStats(CSAT_ITEMS, 'csat', bounds('quarter'));
    expect(quarter).toMatchObject({
      count: 55,
      previous: { count: 0, average: null, nps: null },
      change: { count: 55, average: null, nps: null },
    });
    expect(quarter.average).toBeCloseTo(174 / 55, 10);
  });
});

describe('computeStats on the NPS fixture (20 items)', () => {
  it('counts promoters, passives and detractors, and NPS = %promoters − %detractors', () => {
    expect(computeStats(NPS_ITEMS, 'nps', bounds('week'))).toEqual({
      count: 10,
      average: null,
      nps: { score: 20, promoters: 5, passives: 2, detractors: 3 },
      previous: { count: 8, average: null, nps: -25 },
      change: { count: 2, average: null, nps: 45 },
      topTags: [],
      worstCustomers: [
        { name: 'Globex Inc', average: 3, count: 2 },
        { name: 'Umbrella Corp', average: 5, count: 1 },
        { name: '字节跳动', average: 8, count: 2 },
        { name: 'Initech', average: 8, count: 1 },
        // Acme and 腾讯科技 both 9.5 from 2: by name.
        { name: 'Acme Ltd', average: 9.5, count: 2 },
      ],
      medianResolveHours: null,
      otherScales: [],
    });
  });
});

function synthetic(scores: number[], extra: Partial<FeedbackItem> = {}): FeedbackItem[] {
  return scores.map((score, i) => ({
    id: i + 1,
    customerKey: 'acme',
    customerName: 'Acme',
    score,
    tags: [],
    createdAt: new Date('2026-12-08T00:00:00Z'),
    resolvedAt: null,
    status: 'open',
    ...extra,
  }));
}

describe('computeStats', () => {
  const week = periodBounds('week', new Date('2026-12-09T00:00:00Z'), 'UTC');

  it('scores NPS from −100 to 100', () => {
    expect(computeStats(synthetic([10, 9, 9]), 'nps', week).nps?.score).toBe(100);
    expect(computeStats(synthetic([0, 6, 3]), 'nps', week).nps?.score).toBe(-100);
    expect(computeStats(synthetic([7, 8]), 'nps', week).nps?.score).toBe(0);
    expect(computeStats(synthetic([9, 9, 0, 8, 7, 7, 10]), 'nps', week).nps?.score).toBeCloseTo(
      (100 * (3 - 1)) / 7,
      10,
    );
  });

  it('is empty, not NaN, for a period without feedback', () => {
    expect(computeStats([], 'csat', week)).toEqual({
      count: 0,
      average: null,
      nps: null,
      previous: { count: 0, average: null, nps: null },
      change: { count: 0, average: null, nps: null },
      topTags: [],
      worstCustomers: [],
      medianResolveHours: null,
      otherScales: [],
    });
  });

  it('takes the median of an even number of resolution times, and of a large shuffled set', () => {
    const resolvedAfter = (hours: number[]): FeedbackItem[] =>
      synthetic(hours.map(() => 3)).map((item, i) => ({
        ...item,
        status: 'resolved',
        resolvedAt: new Date(item.createdAt.getTime() + (hours[i] ?? 0) * 3_600_000),
      }));
    expect(computeStats(resolvedAfter([5, 1, 3, 100]), 'csat', week).medianResolveHours).toBe(4);
    expect(computeStats(resolvedAfter([7, 7, 7, 1, 7]), 'csat', week).medianResolveHours).toBe(7);
    // 0.5, 1.5, … 119.5 hours in a scrambled order (37 and 120 share no factor), all resolved within the week.
    const hours = Array.from({ length: 120 }, (_, i) => ((i * 37) % 120) + 0.5);
    expect(computeStats(resolvedAfter(hours), 'csat', week).medianResolveHours).toBe(60);
  });

  it('reads its items once, so a database cursor can feed it', () => {
    let reads = 0;
    function* cursor(): Generator<FeedbackItem> {
      reads++;
      yield* synthetic([1, 2, 3]);
    }
    expect(computeStats(cursor(), 'csat', week).average).toBe(2);
    expect(reads).toBe(1);
  });
});

describe('formatStats', () => {
  const en = translator('en');
  const zh = translator('zh-CN');
  const weekStats = computeStats(CSAT_ITEMS, 'csat', bounds('week'));

  it('shows the CSAT week in English with signed changes', () => {
    expect(formatStats(weekStats, 'csat', 'week', en)).toEqual({
      text: 'Customer feedback this week: 30',
      blocks: [
        { type: 'header', text: 'Customer feedback · this week' },
        {
          type: 'fields',
          fields: [
            { label: 'Feedback', value: '30 (+8 vs last week)' },
            { label: 'Average (of 5)', value: '3.0 (−0.5 vs last week)' },
            { label: 'Median time to resolve', value: '24 h' },
          ],
        },
        { type: 'section', text: '*Top tags*\n#物流 (9), #billing (6), #售后 (5), #ui (4), #api (3)' },
        {
          type: 'section',
          text: [
            '*Lowest-rated customers*',
            '• Acme Ltd: average 1.5 (4 feedback)',
            '• Globex Inc: average 1.5 (2 feedback)',
            '• 阿里巴巴(中国)有限公司: average 2.0 (5 feedback)',
            '• Umbrella Corp: average 2.5 (4 feedback)',
            '• Initech: average 3.0 (5 feedback)',
          ].join('\n'),
        },
      ],
    });
  });

  it('shows the same in Chinese', () => {
    expect(formatStats(weekStats, 'csat', 'week', zh)).toEqual({
      text: '本周客户反馈：30 条',
      blocks: [
        { type: 'header', text: '客户反馈 · 本周' },
        {
          type: 'fields',
          fields: [
            { label: '反馈数', value: '30（较上周 +8）' },
            { label: '平均分（满分 5）', value: '3.0（较上周 −0.5）' },
            { label: '解决用时中位数', value: '24 小时' },
          ],
        },
        {
          type: 'section',
          text: '*热门标签*\n#物流（9 条）、#billing（6 条）、#售后（5 条）、#ui（4 条）、#api（3 条）',
        },
        {
          type: 'section',
          text: [
            '*评分最低的客户*',
            '• Acme Ltd：平均 1.5 分（4 条）',
            '• Globex Inc：平均 1.5 分（2 条）',
            '• 阿里巴巴(中国)有限公司：平均 2.0 分（5 条）',
            '• Umbrella Corp：平均 2.5 分（4 条）',
            '• Initech：平均 3.0 分（5 条）',
          ].join('\n'),
        },
      ],
    });
  });

  it('shows NPS with promoters, passives and detractors', () => {
    const message = formatStats(computeStats(NPS_ITEMS, 'nps', bounds('week')), 'nps', 'week', en);
    expect(message.blocks?.[1]).toEqual({
      type: 'fields',
      fields: [
        { label: 'Feedback', value: '10 (+2 vs last week)' },
        { label: 'NPS', value: '20 (+45 vs last week)' },
        { label: 'Promoters (9–10)', value: '5' },
        { label: 'Passives (7–8)', value: '2' },
        { label: 'Detractors (0–6)', value: '3' },
        { label: 'Median time to resolve', value: '—' },
      ],
    });
    const chinese = formatStats(computeStats(NPS_ITEMS, 'nps', bounds('month')), 'nps', 'month', zh);
    expect(chinese.blocks?.[1]).toMatchObject({
      fields: [
        // December: 6 promoters, 4 passives, 7 detractors of 17 → −5.9; November: 2 and 1 of 3 → 33.3.
        { label: '反馈数', value: '17（较上月 +14）' },
        { label: '净推荐值（NPS）', value: '−6（较上月 −39）' },
        { label: '推荐者（9–10 分）', value: '6' },
        { label: '中立者（7–8 分）', value: '4' },
        { label: '贬损者（0–6 分）', value: '7' },
        { label: '解决用时中位数', value: '暂无' },
      ],
    });
  });

  const base: FeedbackStats = {
    count: 27,
    average: 3.44,
    nps: null,
    previous: { count: 30, average: 3.06, nps: null },
    change: { count: -3, average: 0.38, nps: null },
    topTags: [],
    worstCustomers: [],
    medianResolveHours: 60,
    otherScales: [],
  };

  it('shows a change as the difference of the numbers shown, with a real minus sign', () => {
    expect(formatStats(base, 'csat', 'quarter', en).blocks?.[1]).toEqual({
      type: 'fields',
      fields: [
        { label: 'Feedback', value: '27 (−3 vs last quarter)' },
        // 3.4 and 3.1 are shown, so the change reads +0.3, not the exact +0.38.
        { label: 'Average (of 5)', value: '3.4 (+0.3 vs last quarter)' },
        { label: 'Median time to resolve', value: '2.5 days' },
      ],
    });
    const same = { ...base, count: 30, change: { ...base.change, count: 0 }, average: 3.06 };
    expect(formatStats(same, 'csat', 'quarter', zh).blocks?.[1]).toMatchObject({
      fields: [
        { value: '30（较上季度 ±0）' },
        { value: '3.1（较上季度 ±0）' },
        { label: '解决用时中位数', value: '2.5 天' },
      ],
    });
  });

  it('says so when the period has no feedback yet, still comparing the count', () => {
    const empty: FeedbackStats = {
      ...base,
      count: 0,
      average: null,
      previous: { count: 4, average: 2, nps: null },
      change: { count: -4, average: null, nps: null },
      medianResolveHours: null,
    };
    expect(formatStats(empty, 'csat', 'month', en)).toEqual({
      text: 'Customer feedback this month: 0',
      blocks: [
        { type: 'header', text: 'Customer feedback · this month' },
        {
          type: 'fields',
          fields: [
            { label: 'Feedback', value: '0 (−4 vs last month)' },
            { label: 'Average (of 5)', value: '—' },
            { label: 'Median time to resolve', value: '—' },
          ],
        },
        { type: 'section', text: 'No feedback this month yet. Send `/feedback` to record some.' },
      ],
    });
    expect(formatStats(empty, 'csat', 'month', zh).blocks?.[2]).toEqual({
      type: 'section',
      text: '本月还没有客户反馈。发送 `/feedback` 即可记录。',
    });
  });
});
