import { DateTime, type DurationLikeObject } from 'luxon';
import type { MessageKey, Translator } from '../../core/i18n/catalog.js';
import type { Block, OutboundMessage } from '../../core/platform/messages.js';
import { truncate } from '../../core/platform/text-split.js';
import { npsClass, SCALES, type Scale } from './feedback.scale.js';

/** Where a feedback's follow-up stands. */
export type FeedbackStatus = 'open' | 'in_progress' | 'resolved';

/** One feedback as the stats see it. */
export interface FeedbackItem {
  id: number;
  customerKey: string;
  customerName: string;
  score: number;
  tags: readonly string[];
  createdAt: Date;
  resolvedAt: Date | null;
  status: FeedbackStatus;
  /** The scale the score was given on; absent means the report's own. */
  scale?: Scale;
}

/** One scale's scores summed: how many, their total, and NPS promoters and detractors among them. */
export interface ScaleSums {
  n: number;
  total: number;
  promoters: number;
  detractors: number;
}

/** Scores of the current period given on another scale than the report's: summed apart, never converted. */
export interface OtherScaleFigures {
  scale: Scale;
  count: number;
  /** Mean score (CSAT), else null. */
  average: number | null;
  /** NPS (NPS), else null. */
  nps: number | null;
}

export type Period = 'week' | 'month' | 'quarter';

/** A span of time: `from` included, `to` excluded. */
export interface TimeRange {
  from: Date;
  to: Date;
}

export interface PeriodBounds {
  current: TimeRange;
  previous: TimeRange;
}

const STEP: Record<Period, DurationLikeObject> = {
  week: { weeks: 1 },
  month: { months: 1 },
  quarter: { quarters: 1 },
};

/**
 * The whole period containing `now` and the one before it, in the group's timezone: weeks start on
 * Monday at 00:00 local time, months and quarters on their first day. Ranges are half-open, so an
 * item at exactly Monday 00:00 belongs to the new week; across a DST change a period is 23 or 25
 * hours longer or shorter, as the wall clock says.
 * @example periodBounds('week', new Date('2026-12-13T12:00:00Z'), 'Asia/Shanghai')
 *          → { current: { from: 2026-12-06T16:00Z (Mon 07 00:00 +08), to: 2026-12-13T16:00Z },
 *              previous: { from: 2026-11-29T16:00Z, to: 2026-12-06T16:00Z } }
 */
export function periodBounds(period: Period, now: Date, timezone: string): PeriodBounds {
  const local = DateTime.fromJSDate(now, { zone: timezone });
  if (!local.isValid) throw new Error(`periodBounds: ${local.invalidExplanation ?? `bad zone ${timezone}`}`);
  // Luxon's 'week' is the ISO week, Monday first, whatever the locale.
  const start = local.startOf(period);
  return {
    current: { from: start.toJSDate(), to: start.plus(STEP[period]).toJSDate() },
    previous: { from: start.minus(STEP[period]).toJSDate(), to: start.toJSDate() },
  };
}

export interface FeedbackStats {
  /** Feedback created in the current period. */
  count: number;
  /** Mean score of the current period (CSAT only; null for NPS or when there is none). */
  average: number | null;
  /** NPS = % promoters − % detractors, from −100 to 100, unrounded (NPS only; null for CSAT or when there is none). */
  nps: { score: number; promoters: number; passives: number; detractors: number } | null;
  previous: { count: number; average: number | null; nps: number | null };
  /** Current minus previous; null when either side has no value. */
  change: { count: number; average: number | null; nps: number | null };
  /** Tags of the current period's feedback, most used first (ties by tag), at most 5. */
  topTags: { tag: string; count: number }[];
  /** Customers of the current period by lowest average score (ties: more feedback first, then name), at most 5. */
  worstCustomers: { name: string; average: number; count: number }[];
  /** Median hours from creation to resolution of the feedback resolved in the current period. */
  medianResolveHours: number | null;
  /** The current period's scores on another scale (the group switched scales): kept apart. */
  otherScales: OtherScaleFigures[];
}

/**
 * One scale's figures from its sums: the average for CSAT, the NPS for NPS.
 * @example scaleFigures('nps', { n: 4, total: 30, promoters: 2, detractors: 1 }) → { scale: 'nps', count: 4, average: null, nps: 25 }
 */
export function scaleFigures(scale: Scale, sums: ScaleSums): OtherScaleFigures {
  const { n } = sums;
  return {
    scale,
    count: n,
    average: scale === 'csat' && n > 0 ? sums.total / n : null,
    nps: scale === 'nps' && n > 0 ? npsScore(sums.promoters, sums.detractors, n) : null,
  };
}

const TOP = 5;
const HOUR_MS = 3_600_000;

interface CustomerTally {
  name: string;
  sum: number;
  count: number;
}

/**
 * The best `k` of a stream by `before`, without sorting it all: a sorted array of at most `k`,
 * each entry placed by insertion. Fine for the k = 5 of a report.
 */
function best<T>(entries: Iterable<T>, k: number, before: (a: T, b: T) => boolean): T[] {
  const kept: T[] = [];
  for (const entry of entries) {
    const last = kept[kept.length - 1];
    if (kept.length === k && last !== undefined && !before(entry, last)) continue;
    let i = Math.min(kept.length, k - 1);
    kept[i] = entry;
    for (; i > 0 && before(entry, kept[i - 1] as T); i--) {
      kept[i] = kept[i - 1] as T;
      kept[i - 1] = entry;
    }
  }
  return kept;
}

/** The k-th smallest value (0-based), found by quickselect; reorders `values`. */
function select(values: number[], k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((values[i] as number) < pivot) i++;
      while ((values[j] as number) > pivot) j--;
      if (i <= j) {
        const swap = values[i] as number;
        values[i] = values[j] as number;
        values[j] = swap;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return values[k] as number;
}

/** The median, in expected linear time; reorders `values`. */
function median(values: number[]): number | null {
  const n = values.length;
  if (n === 0) return null;
  const upper = select(values, n >> 1);
  if (n % 2 === 1) return upper;
  // After selecting the upper middle, everything before it is no larger: the lower middle is their maximum.
  let lower = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n >> 1; i++) lower = Math.max(lower, values[i] as number);
  return (lower + upper) / 2;
}

function tallyOther(others: Map<Scale, ScaleSums>, scale: Scale, score: number): void {
  const other = others.get(scale) ?? { n: 0, total: 0, promoters: 0, detractors: 0 };
  other.n++;
  other.total += score;
  other.promoters += Number(npsClass(score) === 'promoter');
  other.detractors += Number(npsClass(score) === 'detractor');
  others.set(scale, other);
}

function npsScore(promoters: number, detractors: number, count: number): number {
  return ((promoters - detractors) / count) * 100;
}

/**
 * The report for a period, in one pass over the items (the caller may pass every item of the
 * group; those outside both periods are skipped). Count, average (CSAT) or NPS, top tags and the
 * worst customers are over the feedback *created* in the current period; the previous period's
 * count, average and NPS over the feedback created in it. The median time to resolve is over the
 * feedback *resolved* (status resolved, `resolvedAt` set) in the current period, whenever it was
 * created, as help desks report it: so the caller must also pass older items resolved in the period.
 * @example computeStats(items, 'csat', periodBounds('week', now, 'Asia/Shanghai'))
 *          → { count: 30, average: 3, previous: { count: 22, average: 3.5, nps: null }, change: { count: 8, average: -0.5, nps: null }, … }
 */
export function computeStats(
  items: Iterable<FeedbackItem>,
  scale: Scale,
  bounds: PeriodBounds,
): FeedbackStats {
  const currentFrom = bounds.current.from.getTime();
  const currentTo = bounds.current.to.getTime();
  const previousFrom = bounds.previous.from.getTime();
  const previousTo = bounds.previous.to.getTime();
  const isNps = scale === 'nps';
  let count = 0;
  let sum = 0;
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  let previousCount = 0;
  let previousSum = 0;
  let previousPromoters = 0;
  let previousDetractors = 0;
  const tags = new Map<string, number>();
  const customers = new Map<string, CustomerTally>();
  const resolveHours: number[] = [];
  const others = new Map<Scale, ScaleSums>();

  for (const item of items) {
    const created = item.createdAt.getTime();
    if (item.status === 'resolved' && item.resolvedAt !== null) {
      const resolved = item.resolvedAt.getTime();
      // A resolution stamped before its creation (a clock fixed afterwards) counts as immediate.
      if (resolved >= currentFrom && resolved < currentTo)
        resolveHours.push(Math.max(0, resolved - created) / HOUR_MS);
    }
    if (item.scale !== undefined && item.scale !== scale) {
      // Another scale's score says nothing on this one: tallied apart, never mixed in.
      if (created < currentFrom || created >= currentTo) continue;
      tallyOther(others, item.scale, item.score);
      // Tags say what feedback was about, whatever its scale.
      for (const tag of item.tags) tags.set(tag, (tags.get(tag) ?? 0) + 1);
      continue;
    }
    if (created >= currentFrom && created < currentTo) {
      count++;
      sum += item.score;
      if (isNps) {
        const kind = npsClass(item.score);
        if (kind === 'promoter') promoters++;
        else if (kind === 'passive') passives++;
        else detractors++;
      }
      for (const tag of item.tags) tags.set(tag, (tags.get(tag) ?? 0) + 1);
      const tally = customers.get(item.customerKey);
      if (tally) {
        tally.sum += item.score;
        tally.count++;
      } else customers.set(item.customerKey, { name: item.customerName, sum: item.score, count: 1 });
    } else if (created >= previousFrom && created < previousTo) {
      previousCount++;
      previousSum += item.score;
      if (isNps) {
        const kind = npsClass(item.score);
        if (kind === 'promoter') previousPromoters++;
        else if (kind === 'detractor') previousDetractors++;
      }
    }
  }

  const average = !isNps && count > 0 ? sum / count : null;
  const previousAverage = !isNps && previousCount > 0 ? previousSum / previousCount : null;
  const nps = isNps && count > 0 ? npsScore(promoters, detractors, count) : null;
  const previousNps =
    isNps && previousCount > 0 ? npsScore(previousPromoters, previousDetractors, previousCount) : null;
  const topTags = best(tags, TOP, ([tagA, a], [tagB, b]) => a > b || (a === b && tagA < tagB)).map(
    ([tag, n]) => ({ tag, count: n }),
  );
  // Compared as cross products of integer sums, so equal averages tie exactly.
  const worst = best(
    customers.values(),
    TOP,
    (a, b) =>
      a.sum * b.count < b.sum * a.count ||
      (a.sum * b.count === b.sum * a.count &&
        (a.count > b.count || (a.count === b.count && a.name < b.name))),
  );
  return {
    count,
    average,
    nps: nps === null ? null : { score: nps, promoters, passives, detractors },
    previous: { count: previousCount, average: previousAverage, nps: previousNps },
    change: {
      count: count - previousCount,
      average: average !== null && previousAverage !== null ? average - previousAverage : null,
      nps: nps !== null && previousNps !== null ? nps - previousNps : null,
    },
    topTags,
    worstCustomers: worst.map((c) => ({ name: c.name, average: c.sum / c.count, count: c.count })),
    medianResolveHours: median(resolveHours),
    otherScales: [...others].map(([other, sums]) => scaleFigures(other, sums)),
  };
}

const PERIOD_LABEL: Record<Period, MessageKey> = {
  week: 'feedback.period.week',
  month: 'feedback.period.month',
  quarter: 'feedback.period.quarter',
};
const PREVIOUS_LABEL: Record<Period, MessageKey> = {
  week: 'feedback.previous.week',
  month: 'feedback.previous.month',
  quarter: 'feedback.previous.quarter',
};
/** A tag or customer name is a label in a report line; the whole of it is in the list and the CSV. */
const TAG_MAX = 40;
const NAME_MAX = 80;
/** Resolution times up to two days read best in hours, longer ones in days. */
const DAYS_FROM_HOURS = 48;

function rounded(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** A number as shown: fixed digits, a real minus sign, never "−0". */
function shown(value: number, digits: number): string {
  const r = rounded(value, digits);
  return (r === 0 ? 0 : r).toFixed(digits).replace('-', '−');
}

/** A change with its sign: +0.4, −3, ±0. */
function signed(change: number, digits: number): string {
  const r = rounded(change, digits);
  if (r === 0) return '±0';
  return r > 0 ? `+${shown(r, digits)}` : shown(r, digits);
}

function duration(hours: number, t: Translator): string {
  const compact = (value: number) => shown(value, 1).replace(/\.0$/u, '');
  // Under an hour "0 h" says nothing: minutes do.
  const minutes = Math.round(hours * 60);
  if (minutes < 1) return t('feedback.stats.underMinute');
  if (minutes < 60) return t('feedback.stats.minutes', { minutes });
  return hours < DAYS_FROM_HOURS
    ? t('feedback.stats.hours', { hours: compact(hours) })
    : t('feedback.stats.days', { days: compact(hours / 24) });
}

/**
 * Scores given on another scale, as their own figure with the rule stated: they are not converted.
 * @example otherScaleLine({ scale: 'csat', count: 3, average: 4.2, nps: null }, 'nps', t)
 *          → 'Also 3 scores given on the 1–5 scale: average 4.2 of 5. They stay on that scale and are not counted in the NPS above.'
 */
function otherScaleLine(other: OtherScaleFigures, scale: Scale, t: Translator): string {
  const { min, max } = SCALES[other.scale];
  const figure =
    other.scale === 'nps'
      ? t('feedback.stats.otherNps', { nps: shown(other.nps ?? 0, 0) })
      : t('feedback.stats.otherAverage', { average: shown(other.average ?? 0, 1), max });
  return t('feedback.stats.otherScale', {
    count: other.count,
    min,
    max,
    figure,
    current: t(`feedback.stats.figure.${scale}`),
  });
}

/**
 * `/feedback stats`: a header, the figures as fields (count; average or NPS with promoters,
 * passives and detractors; median time to resolve), each with its signed change against the
 * previous period, then the top tags and the lowest-rated customers. Averages show one decimal and
 * NPS whole numbers; a change is the difference of the numbers shown, so "3.4 (+0.3)" always
 * means the previous period showed 3.1.
 * @example formatStats(stats, 'csat', 'week', translator('en'))
 *          → fields [{ label: 'Feedback', value: '30 (+8 vs last week)' }, { label: 'Average (of 5)', value: '3.0 (−0.5 vs last week)' }, …]
 */
export function formatStats(
  stats: FeedbackStats,
  scale: Scale,
  period: Period,
  t: Translator,
): OutboundMessage {
  const periodName = t(PERIOD_LABEL[period]);
  const previous = t(PREVIOUS_LABEL[period]);
  const withChange = (value: string, change: string | undefined) =>
    change === undefined ? value : t('feedback.stats.withChange', { value, change, previous });
  const figure = (current: number | null, before: number | null, digits: number) =>
    current === null
      ? t('feedback.stats.noValue')
      : withChange(
          shown(current, digits),
          before === null ? undefined : signed(rounded(current, digits) - rounded(before, digits), digits),
        );

  const fields = [
    {
      label: t('feedback.stats.count'),
      value: withChange(String(stats.count), signed(stats.change.count, 0)),
    },
  ];
  if (scale === 'nps') {
    fields.push(
      { label: t('feedback.stats.nps'), value: figure(stats.nps?.score ?? null, stats.previous.nps, 0) },
      { label: t('feedback.stats.promoters'), value: String(stats.nps?.promoters ?? 0) },
      { label: t('feedback.stats.passives'), value: String(stats.nps?.passives ?? 0) },
      { label: t('feedback.stats.detractors'), value: String(stats.nps?.detractors ?? 0) },
    );
  } else
    fields.push({
      label: t('feedback.stats.average', { max: SCALES[scale].max }),
      value: figure(stats.average, stats.previous.average, 1),
    });
  fields.push({
    label: t('feedback.stats.medianResolve'),
    value:
      stats.medianResolveHours === null ? t('feedback.stats.noValue') : duration(stats.medianResolveHours, t),
  });

  const blocks: Block[] = [
    { type: 'header', text: t('feedback.stats.title', { period: periodName }) },
    { type: 'fields', fields },
  ];
  if (stats.count === 0)
    blocks.push({ type: 'section', text: t('feedback.stats.empty', { period: periodName }) });
  for (const other of stats.otherScales) {
    blocks.push({ type: 'context', text: otherScaleLine(other, scale, t) });
  }
  if (stats.topTags.length > 0) {
    const tags = stats.topTags.map(({ tag, count }) =>
      t('feedback.stats.tag', { tag: truncate(tag, TAG_MAX), count }),
    );
    blocks.push({
      type: 'section',
      text: `${t('feedback.stats.topTags')}\n${tags.join(t('list.separator'))}`,
    });
  }
  if (stats.worstCustomers.length > 0) {
    const lines = stats.worstCustomers.map((c) =>
      t('feedback.stats.customer', {
        name: truncate(c.name, NAME_MAX),
        average: shown(c.average, 1),
        count: c.count,
      }),
    );
    blocks.push({ type: 'section', text: [t('feedback.stats.worstCustomers'), ...lines].join('\n') });
  }
  return { text: t('feedback.stats.text', { period: periodName, count: stats.count }), blocks };
}
