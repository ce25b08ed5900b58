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

/** Four weeks of 8 groups, Chinese, English and mixed names, weekends off, rates that wander. */
function fourWeeks(): ParticipationSeries[] {
  const names = ['研发一组', 'R&D <core>', '客服 Support', 'Sales', '市场部', 'Ops', '财务', 'QA 测试'];
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
 * The manager digest's chart: 8 groups over 28 days to PNG. The time depends on the machine's
 * fonts (a CJK font's whole file is read per glyph), so the SVG alone is given for reference.
 */
export async function benchDigestChart(): Promise<Result[]> {
  const series = fourWeeks();
  const labels = { title: '站会参与率 · Standup participation', rateAxis: '参与率' };
  let bytes = 0;
  const png = timeMs(() => {
    bytes = participationPng(series, labels).length;
  });
  const svg = timeMs(() => {
    participationSvg(series, labels);
  });
  return [
    {
      name: `digest chart ${GROUPS} groups x ${DAYS} days PNG median ms`,
      value: median(png),
      unit: 'ms',
      target: '< 200',
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
