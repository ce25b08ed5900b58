import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Database } from 'better-sqlite3';
import { createApp } from '../src/app/container.js';
import { FixedClock } from '../src/core/clock.js';
import { FakePlatform } from '../test/fakes/fake-platform.js';
import { seeded } from '../test/helpers/seeded.js';
import { ZONES as ALL_ZONES, DEADLINES, NUDGES, PROMPT_TIMES } from './standup-world.js';
import { median, type Result, silent } from './stats.js';

const GROUPS = 10_000;
const MEMBERS = 100_000;
const WORKSPACES = 50;
/**
 * A Sunday in UTC: Monday's standups begin in Auckland and Sydney (some hundreds of groups, a few
 * thousand prompts) while every group is still planned and asked each minute. On a working day
 * 120,000 prompts go out, about a millisecond each through the outbox: minutes of sends, which
 * this bench is not about.
 */
const DAY = '2026-11-29';
const START = new Date(`${DAY}T00:00:00Z`);
const MINUTE_MS = 60_000;
/** Minute ticks timed, from START on: the whole day. */
const TICKS = 24 * 60;

/** The 24 busiest of the shared zones. */
const ZONES = ALL_ZONES.slice(0, 24);

/**
 * 10,000 groups with standups on in 24 zones (skewed so the first are busy) across 50 workspaces;
 * 100,000 members, each listed in one group and a fifth in a second one of their workspace; a
 * quarter in a zone of their own; a few bots, deactivated accounts, customers, observers, away
 * ranges and days off. Raw inserts, in one transaction.
 */
function seed(sql: Database): void {
  const random = seeded(20_261_130);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const zone = () => ZONES[Math.floor(random() ** 2 * ZONES.length)] as (typeof ZONES)[number];
  const t0 = START.getTime() - 30 * 86_400_000;
  sql.transaction(() => {
    const workspace = sql.prepare("insert into workspaces (id, platform, created_at) values (?, 'slack', ?)");
    const group = sql.prepare(
      "insert into groups (id, workspace_id, timezone, locale, created_at) values (?, ?, ?, 'en', ?)",
    );
    const config = sql.prepare(
      `insert into standup_configs (group_id, prompt_time, deadline, nudge_before_minutes, country, updated_at)
       values (?, ?, ?, ?, ?, ?)`,
    );
    const member = sql.prepare(
      `insert into members (id, workspace_id, display_name, platform_timezone, is_bot, is_deactivated, platform_side, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const listed = sql.prepare(
      'insert or ignore into group_members (group_id, member_id, joined_at, listed_at) values (?, ?, ?, ?)',
    );
    const observer = sql.prepare(
      "insert into group_roles (group_id, member_id, role, assigned_at) values (?, ?, 'observer', ?)",
    );
    const away = sql.prepare(
      "insert into standup_away (group_id, member_id, from_day, to_day, set_by, created_at) values (?, ?, ?, ?, 'bench', ?)",
    );
    const off = sql.prepare(
      "insert into calendar_overrides (group_id, day, kind, name, created_by) values (?, ?, 'off', 'offsite', 'bench')",
    );
    for (let w = 0; w < WORKSPACES; w++) workspace.run(`slack:T${w}`, t0);
    const zones: string[] = [];
    for (let g = 0; g < GROUPS; g++) {
      const id = `slack:T${g % WORKSPACES}:C${g}`;
      const [timezone, country] = zone();
      zones.push(timezone);
      group.run(id, `slack:T${g % WORKSPACES}`, timezone, t0);
      config.run(id, pick(PROMPT_TIMES), pick(DEADLINES), pick(NUDGES), country, t0);
      if (random() < 0.01) off.run(id, DAY);
    }
    for (let m = 0; m < MEMBERS; m++) {
      const g = Math.floor(random() * GROUPS);
      const w = g % WORKSPACES;
      const id = `slack:T${w}:U${m}`;
      const own = random() < 0.25 ? zone()[0] : (zones[g] as string);
      const kind = random();
      member.run(
        id,
        `slack:T${w}`,
        `member ${m}`,
        own,
        kind < 0.01 ? 1 : 0,
        kind >= 0.01 && kind < 0.02 ? 1 : 0,
        kind >= 0.02 && kind < 0.04 ? 'customer' : 'team',
        t0,
      );
      const groupId = `slack:T${w}:C${g}`;
      listed.run(groupId, id, t0, t0);
      if (random() < 0.2) {
        const second = (g + WORKSPACES * (1 + Math.floor(random() * 10))) % GROUPS;
        listed.run(`slack:T${w}:C${second}`, id, t0, t0);
      }
      if (random() < 0.005) observer.run(groupId, id, t0);
      if (random() < 0.03) away.run(groupId, id, DAY, '2026-12-04', t0);
    }
  })();
}

/**
 * The real standup service over a disk database of 10,000 groups and 100,000 listed members: the
 * first (cold) build of every plan, then the minute tick (`standup.tick`: the change check, what is
 * due, and its sends through the outbox) for each minute of a day.
 */
export async function benchStandupTick(): Promise<Result[]> {
  const dir = mkdtempSync(join(tmpdir(), 'muster-bench-standup-'));
  const clock = new FixedClock(START);
  const app = createApp({
    config: { dbPath: join(dir, 'bench.db'), defaultLocale: 'en', defaultTimezone: 'UTC' },
    clock,
    logger: silent,
  });
  try {
    const platform = new FakePlatform('slack');
    app.attach(platform);
    seed(app.db.sqlite);

    const coldStart = performance.now();
    const plans = app.standup.plans(START);
    const cold = performance.now() - coldStart;
    const expected = plans.reduce((n, p) => n + p.members.length, 0);
    if (plans.length !== GROUPS || expected < MEMBERS) {
      throw new Error(`plans: ${plans.length} groups, ${expected} members`);
    }
    // The first tick looks back 24 hours (a Saturday, the Americas' Friday summaries): not timed.
    await app.standup.tick(START);

    const samples: number[] = [];
    for (let i = 1; i <= TICKS; i++) {
      const now = new Date(START.getTime() + i * MINUTE_MS);
      clock.set(now);
      const started = performance.now();
      await app.standup.tick(now);
      samples.push(performance.now() - started);
    }
    const prompts = platform.sent.filter((s) => s.target.kind === 'ephemeral').length;
    if (prompts === 0) throw new Error('no prompt went out');
    if (app.standup.planBuilds.full !== 1) throw new Error('plans were rebuilt');
    return [
      {
        name: 'standup due tick 10k groups, every member known, median ms',
        value: median(samples),
        unit: 'ms',
        target: '< 20',
      },
      {
        name: 'standup due tick 10k groups, every member known, max ms (busiest minute, sends included)',
        value: Math.max(...samples),
        unit: 'ms',
        target: '-',
      },
      {
        name: 'standup plans cold build 10k groups, 100k members ms',
        value: cold,
        unit: 'ms',
        target: '< 2000',
      },
      {
        name: 'standup due tick bench prompts sent in the day',
        value: prompts,
        unit: 'items',
        target: 'info',
      },
    ];
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
