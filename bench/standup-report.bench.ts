import { performance } from 'node:perf_hooks';
import { translator } from '../src/core/i18n/catalog.js';
import type { OutboundMessage } from '../src/core/platform/messages.js';
import { buildSummary, type DayStatus } from '../src/features/standup/standup.report.js';
import { median, p99, type Result } from './stats.js';

const MEMBERS = 1000;
const WARM_UP = 50;
const ITERATIONS = 500;

/** A busy day in a big group: 60% answered, 10% away, 150 blockers of mixed ages, Chinese names. */
function bigDay(): DayStatus {
  const members = Array.from({ length: MEMBERS }, (_, i) => ({
    memberId: `U${String(i).padStart(9, '0')}`,
    name: `成员${i}号`,
  }));
  const at = new Date('2026-12-01T01:30:00Z');
  return {
    day: '2026-12-01',
    expected: members,
    answered: members.slice(0, 600).map((m, i) => ({
      ...m,
      answers: { yesterday: '写接口', today: '联调', blockers: i < 150 ? `API 限流 ${i}` : '无' },
      late: i % 17 === 0,
      at,
    })),
    away: members.slice(600, 700),
    blockers: members
      .slice(0, 150)
      .map((m, i) => ({ ...m, text: `API 限流，等待对方扩容 ${i}`, openDays: (i % 7) + 1 })),
  };
}

/**
 * What a first draft would do: look each member up in the answered and away lists, and post one
 * section per list however long it gets (which Slack and Discord then reject or cut).
 */
function naiveSummary(status: DayStatus, mention: (id: string) => string): OutboundMessage {
  const missing = status.expected.filter(
    (m) =>
      !status.answered.some((a) => a.memberId === m.memberId) &&
      !status.away.some((a) => a.memberId === m.memberId),
  );
  return {
    text: `${status.answered.length}/${status.answered.length + missing.length}`,
    blocks: [
      { type: 'section', text: missing.map((m) => mention(m.memberId)).join(', ') },
      { type: 'section', text: status.away.map((m) => m.name).join(', ') },
      {
        type: 'section',
        text: status.blockers.map((b) => `• ${b.name}: ${b.text} (${b.openDays})`).join('\n'),
      },
    ],
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

/** Building the deadline summary for a 1,000-member group, in both languages, against a naive baseline. */
export async function benchStandupReport(): Promise<Result[]> {
  const status = bigDay();
  const mention = (id: string) => `<@${id}>`;
  const en = translator('en');
  const zh = translator('zh-CN');
  let i = 0;
  const summary = timeMs(() => {
    buildSummary(status, i++ % 2 ? zh : en, mention);
  });
  const naive = timeMs(() => {
    naiveSummary(status, mention);
  });
  const sections = (buildSummary(status, zh, mention).blocks ?? []).filter((b) => b.type === 'section');
  const longest = Math.max(...sections.map((b) => ('text' in b ? b.text.length : 0)));
  return [
    {
      name: `standup summary ${MEMBERS} members median ms`,
      value: median(summary),
      unit: 'ms',
      target: '< 5',
    },
    { name: `standup summary ${MEMBERS} members p99 ms`, value: p99(summary), unit: 'ms', target: '< 20' },
    {
      name: `standup summary ${MEMBERS} members naive baseline median ms`,
      value: median(naive),
      unit: 'ms',
      target: 'reference',
    },
    {
      name: `standup summary ${MEMBERS} members longest section chars`,
      value: longest,
      unit: 'chars',
      target: '<= 2500',
    },
  ];
}
