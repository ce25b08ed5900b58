import { performance } from 'node:perf_hooks';
import { DateTime } from 'luxon';
import { groupCalendar } from '../src/features/standup/standup.calendar.js';
import {
  dueBetween,
  isAway,
  type PlannedMember,
  type StandupPlan,
} from '../src/features/standup/standup.schedule.js';
import { seeded } from '../test/helpers/seeded.js';
import { DEADLINES, NUDGES, PROMPT_TIMES, ZONES } from './standup-world.js';
import { median, type Result } from './stats.js';

type Plans = { plan: StandupPlan; members: PlannedMember[] }[];

const GROUPS = 10_000;
const MEMBER_COUNTS = [10_000, 50_000, 100_000];
const WARM_UP = 20;
const NAIVE_TICKS = 3;
/** Tuesday after the US clocks changed and before the EU ones did: zones sit at mixed offsets. */
const DAY = '2026-03-10';
const MINUTE_MS = 60_000;

/**
 * 10,000 groups, members dealt to random groups (so some have none); a quarter of members live
 * outside their group's zone, a few are away, a few groups have an admin override. Zones are
 * skewed so the first ones are busy, as real workspaces are.
 */
function generate(memberCount: number): Plans {
  const random = seeded(20_260_310);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const zone = () => ZONES[Math.floor(random() ** 2 * ZONES.length)] as (typeof ZONES)[number];
  const plans: Plans = [];
  for (let g = 0; g < GROUPS; g++) {
    const [timezone, country] = zone();
    const overrides = random() < 0.01 ? [{ day: DAY, kind: 'off' as const }] : [];
    plans.push({
      plan: {
        groupId: `slack:T${g % 50}:C${g}`,
        timezone,
        promptTime: pick(PROMPT_TIMES),
        deadline: pick(DEADLINES),
        nudgeBeforeMinutes: pick(NUDGES),
        calendar: groupCalendar({ country, workdays: [1, 2, 3, 4, 5], overrides }),
      },
      members: [],
    });
  }
  for (let m = 0; m < memberCount; m++) {
    const group = plans[Math.floor(random() * GROUPS)] as Plans[number];
    group.members.push({
      memberId: `slack:T1:U${m}`,
      timezone: random() < 0.75 ? group.plan.timezone : zone()[0],
      away: random() < 0.03 ? [{ from: '2026-03-09', to: '2026-03-13' }] : [],
    });
  }
  return plans;
}

/** 50 tick ends: 09:00, 09:30, 10:00 and 18:00 local in the eight busiest zones, and the rest spread over the day. */
function tickEnds(): number[] {
  const ends: number[] = [];
  for (const [zone] of ZONES.slice(0, 8)) {
    for (const time of ['09:00', '09:30', '10:00', '18:00']) {
      ends.push(DateTime.fromISO(`${DAY}T${time}`, { zone }).toMillis());
    }
  }
  const start = Date.parse(`${DAY}T00:07:00Z`);
  for (let i = 0; ends.length < 50; i++) ends.push(start + i * 80 * MINUTE_MS);
  return ends;
}

function tick(plans: Plans, end: number): number {
  return dueBetween(new Date(end - MINUTE_MS), new Date(end), plans).length;
}

/** Prompts only, the obvious way: luxon for every member on every tick. */
function naiveTick(plans: Plans, end: number): number {
  let due = 0;
  for (const { plan, members } of plans) {
    for (const member of members) {
      const today = DateTime.fromMillis(end, { zone: member.timezone });
      const [hour, minute] = plan.promptTime.split(':').map(Number);
      const at = today.set({ hour, minute, second: 0, millisecond: 0 }).toMillis();
      if (at <= end - MINUTE_MS || at > end) continue;
      const day = DateTime.fromMillis(at, { zone: plan.timezone }).toISODate() as string;
      if (plan.calendar.isWorkday(day) && !isAway(member, day)) due++;
    }
  }
  return due;
}

function timeMs(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/**
 * One scheduler tick (a 60 s window) over 10,000 groups with 10k, 50k and 100k members in 40
 * zones, median over 50 ticks across a day; a 24 h catch-up window; a naive per-member luxon loop
 * for scale; and building the groups' calendars, which the service does each tick.
 */
export async function benchStandupSchedule(): Promise<Result[]> {
  const results: Result[] = [];
  const ends = tickEnds();
  // The service builds every group's calendar afresh each tick; that must stay cheap too.
  const calendars = () => {
    for (let g = 0; g < GROUPS; g++) {
      const [, country] = ZONES[g % ZONES.length] as (typeof ZONES)[number];
      groupCalendar({ country, workdays: [1, 2, 3, 4, 5], overrides: [] }).isWorkday(DAY);
    }
  };
  for (let i = 0; i < WARM_UP; i++) calendars();
  results.push({
    name: 'standup 10k group calendars built and asked median ms',
    value: median(ends.map(() => timeMs(calendars))),
    unit: 'ms',
    target: '< 5',
  });
  for (const count of MEMBER_COUNTS) {
    const plans = generate(count);
    for (let i = 0; i < WARM_UP; i++) tick(plans, ends[i % ends.length] as number);
    let busiest = 0;
    const samples = ends.map((end) =>
      timeMs(() => {
        busiest = Math.max(busiest, tick(plans, end));
      }),
    );
    const label = `${count / 1000}k members`;
    results.push({
      name: `standup due tick ${label} median ms`,
      value: median(samples),
      unit: 'ms',
      target: '< 20',
    });
    results.push({
      name: `standup due tick ${label} max ms`,
      value: Math.max(...samples),
      unit: 'ms',
      target: '< 50',
    });
    results.push({
      name: `standup due tick ${label} busiest tick items`,
      value: busiest,
      unit: 'items',
      target: 'info',
    });
    if (count === MEMBER_COUNTS[MEMBER_COUNTS.length - 1]) {
      const dayStart = Date.parse(`${DAY}T00:00:00Z`);
      const catchUp = [0, 1, 2].map((d) =>
        timeMs(() => {
          dueBetween(new Date(dayStart + (d - 1) * 86_400_000), new Date(dayStart + d * 86_400_000), plans);
        }),
      );
      results.push({
        name: `standup due 24h catch-up ${label} median ms`,
        value: median(catchUp),
        unit: 'ms',
        target: '< 500',
      });
      const naive = ends.slice(0, NAIVE_TICKS).map((end) => timeMs(() => naiveTick(plans, end)));
      results.push({
        name: `standup due tick ${label} naive luxon baseline median ms`,
        value: median(naive),
        unit: 'ms',
        target: 'info',
      });
    }
  }
  return results;
}
