import { performance } from 'node:perf_hooks';
import {
  type ParticipationSeries,
  participationPng,
  participationSvg,
} from '../src/features/digest/participation-chart.js';
import { median, type Result } from './stats.js';

const GROUPS = 8;
const DAYS = 28;
const WARM_UP = 3;
const ITERATIONS = 30;

const MIXED = ['研发一组', 'R&D <core>', '客服 Support', 'Sales', '市场部', 'Ops', '财务', 'QA 测试'];
const CHINESE = [
  '研发一组',
  '客服（华东）',
  '市场部',
  '财务与法务',
  '运维中心',
  '测试组',
  '产品设计',
  '华东区大客户',
];
const LATIN = [
  'R&D core',
  'Support (East)',
  'Sales',
  'Finance',
  'Ops center',
  'QA',
  'Design',
  'Key accounts',
];

/** Four weeks of 8 groups with the given names, weekends off, rates that wander. */
function fourWeeks(names: readonly string[]): ParticipationSeries[] {
  return Array.from({ length: GROUPS }, (_, g) => ({
    group: names[g] ?? `Group ${g}`,
    points: Array.from({ length: DAYS }, (_, i) => {
      const weekend = i % 7 === 5 || i % 7 === 6;
      return {
        day: new Date(Date.UTC(2026, 10, 2 + i)).toISOString().slice(0, 10),
        answered: weekend ? 0 : 6 + ((i * (g + 3)) % 7),
        expected: weekend ? 0 : 12,
      };
    }),
  }));
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
 * The manager digest's chart: 8 groups over 28 days to PNG, with Chinese, Latin and mixed labels.
 * Text is drawn from the bundled font only (no system font), so the times do not depend on the
 * machine's fonts. The first render of a process parses the font files and warms fontkit up: it is
 * reported alone. The SVG alone is given for reference.
 */
export async function benchDigestChart(): Promise<Result[]> {
  const mixed = fourWeeks(MIXED);
  const mixedLabels = { title: '站会参与率 · Standup participation', rateAxis: '参与率' };
  const chinese = fourWeeks(CHINESE);
  const chineseLabels = { title: '站会参与率（近四周）', rateAxis: '参与率' };
  const latin = fourWeeks(LATIN);
  const latinLabels = { title: 'Standup participation, last 4 weeks', rateAxis: 'Participation' };
  const coldStart = performance.now();
  participationPng(chinese, chineseLabels);
  const cold = performance.now() - coldStart;
  let bytes = 0;
  const png = timeMs(() => {
    bytes = participationPng(mixed, mixedLabels).length;
  });
  const chinesePng = timeMs(() => {
    participationPng(chinese, chineseLabels);
  });
  const latinPng = timeMs(() => {
    participationPng(latin, latinLabels);
  });
  const svg = timeMs(() => {
    participationSvg(mixed, mixedLabels);
  });
  return [
    {
      name: `digest chart ${GROUPS} groups x ${DAYS} days PNG median ms`,
      value: median(png),
      unit: 'ms',
      target: '< 50',
    },
    {
      name: `digest chart ${GROUPS} groups PNG Chinese labels median ms`,
      value: median(chinesePng),
      unit: 'ms',
      target: '< 50',
    },
    {
      name: `digest chart ${GROUPS} groups PNG Latin labels median ms`,
      value: median(latinPng),
      unit: 'ms',
      target: '< 50',
    },
    {
      name: 'digest chart first PNG of the process (font load) ms',
      value: cold,
      unit: 'ms',
      target: 'reference',
    },
    {
      name: `digest chart ${GROUPS} groups x ${DAYS} days SVG only median ms`,
      value: median(svg),
      unit: 'ms',
      target: 'reference',
    },
    {
      name: `digest chart ${GROUPS} groups PNG size KB`,
      value: bytes / 1024,
      unit: 'KB',
      target: 'reference',
    },
  ];
}
