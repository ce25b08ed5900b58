import { performance } from 'node:perf_hooks';
import {
  computeStats,
  type FeedbackItem,
  type FeedbackStats,
  type PeriodBounds,
  periodBounds,
} from '../src/features/feedback/feedback.stats.js';
import { median, type Result } from './stats.js';

const ITEMS = 100_000;
const CUSTOMERS = 2_000;
const WARM_UP = 10;
const ITERATIONS = 50;
const HOUR_MS = 3_600_000;
const TAGS = ['物流', 'billing', '售后', 'ui', 'api', 'onboarding', '价格', 'docs', '发票', 'performance'];

/** A fixed pseudo-random sequence, so every run measures the same data. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/** A year of a busy workspace's feedback, spread over 2026, a third resolved, 0–3 tags each. */
function items(): FeedbackItem[] {
  const next = random(42);
  const start = Date.parse('2026-01-01T00:00:00Z');
  const names = Array.from({ length: CUSTOMERS }, (_, i) => ({
    customerKey: `customer${i}`,
    customerName: i % 2 ? `Customer ${i} Ltd` : `客户${i}有限公司`,
  }));
  return Array.from({ length: ITEMS }, (_, id) => {
    const created = start + Math.floor(next() * 365 * 24) * HOUR_MS;
    const resolved = next() < 1 / 3 ? created + Math.floor(next() * 200 * HOUR_MS) : null;
    return {
      id,
      ...(names[Math.floor(next() * CUSTOMERS)] as { customerKey: string; customerName: string }),
      score: 1 + Math.floor(next() * 5),
      tags: TAGS.filter(() => next() < 0.15),
      createdAt: new Date(created),
      resolvedAt: resolved === null ? null : new Date(resolved),
      status: resolved === null ? 'open' : 'resolved',
    };
  });
}

/** What a first draft would do: filter per period, then sort everything it needs ranked. */
function naiveStats(all: readonly FeedbackItem[], bounds: PeriodBounds): Partial<FeedbackStats> {
  const within = (at: Date, range: { from: Date; to: Date }) => at >= range.from && at < range.to;
  const current = all.filter((i) => within(i.createdAt, bounds.current));
  const previous = all.filter((i) => within(i.createdAt, bounds.previous));
  const average = (list: FeedbackItem[]) => list.reduce((s, i) => s + i.score, 0) / list.length;
  const tags = new Map<string, number>();
  for (const tag of current.flatMap((i) => i.tags)) tags.set(tag, (tags.get(tag) ?? 0) + 1);
  const byCustomer = new Map<string, FeedbackItem[]>();
  for (const i of current) {
    const list = byCustomer.get(i.customerKey);
    if (list) list.push(i);
    else byCustomer.set(i.customerKey, [i]);
  }
  const hours = all
    .filter((i) => i.status === 'resolved' && i.resolvedAt && within(i.resolvedAt, bounds.current))
    .map((i) => ((i.resolvedAt as Date).getTime() - i.createdAt.getTime()) / HOUR_MS)
    .sort((a, b) => a - b);
  return {
    count: current.length,
    average: average(current),
    previous: { count: previous.length, average: average(previous), nps: null },
    topTags: [...tags]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([tag, count]) => ({ tag, count })),
    worstCustomers: [...byCustomer.values()]
      .map((list) => ({ name: list[0]?.customerName ?? '', average: average(list), count: list.length }))
      .sort((a, b) => a.average - b.average || b.count - a.count)
      .slice(0, 5),
    medianResolveHours: hours[Math.floor(hours.length / 2)] ?? null,
  };
}

function timeMs(run: () => void): number[] {
  for (let i = 0; i < WARM_UP; i++) run();
  const samples: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  return samples;
}

/**
 * `/feedback stats quarter` over a whole year of 100,000 items (the caller's worst case: it passes
 * more than the two periods), against a naive filter-and-sort baseline.
 */
export async function benchFeedbackStats(): Promise<Result[]> {
  const all = items();
  const bounds = periodBounds('quarter', new Date('2026-11-15T12:00:00Z'), 'Asia/Shanghai');
  const check = computeStats(all, 'csat', bounds);
  const reference = naiveStats(all, bounds);
  // A fast wrong answer is no result: both must see the same items.
  if (check.count !== reference.count || check.previous.count !== reference.previous?.count)
    throw new Error('feedback stats bench: computeStats and the naive baseline disagree');
  const fast = timeMs(() => {
    computeStats(all, 'csat', bounds);
  });
  const naive = timeMs(() => {
    naiveStats(all, bounds);
  });
  return [
    { name: 'feedback stats 100k items median ms', value: median(fast), unit: 'ms', target: '< 20' },
    {
      name: 'feedback stats 100k items naive baseline median ms',
      value: median(naive),
      unit: 'ms',
      target: 'reference',
    },
  ];
}
