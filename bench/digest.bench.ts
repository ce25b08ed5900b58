import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DateTime } from 'luxon';
import { createApp } from '../src/app/container.js';
import { FixedClock } from '../src/core/clock.js';
import { preloadChartFonts } from '../src/features/digest/participation-chart.js';
import { FakePlatform } from '../test/fakes/fake-platform.js';
import { median, p99, type Result, silent } from './stats.js';

const GROUPS = 20;
const MEMBERS = 500;
const DAYS = 365;
const FEEDBACK_PER_DAY = 10;
const VIOLATIONS_PER_DAY = 5;
const ITERATIONS = 30;
const NOW = new Date('2026-12-07T00:30:00Z'); // Monday 08:30 in Shanghai
const WS = 'slack:T1';
const MANAGER = 'slack:T1:M';

/** A fixed pseudo-random sequence, so every run measures the same data. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/**
 * A year of twenty busy groups, written straight into the tables the features keep: every working
 * day's standup answers and closed-day tally, feedback with its daily sums, rule violations in the
 * audit log, blockers, activity and action items. Returns the seeding time in ms.
 */
function seed(sql: import('better-sqlite3').Database): number {
  const start = performance.now();
  const next = random(7);
  const t0 = NOW.getTime();
  const days = Array.from({ length: DAYS }, (_, i) =>
    DateTime.fromJSDate(NOW, { zone: 'Asia/Shanghai' }).minus({ days: DAYS - i }),
  ).filter((d) => d.weekday <= 5);
  sql.transaction(() => {
    sql.prepare("insert into workspaces (id, platform, created_at) values (?, 'slack', ?)").run(WS, t0);
    const member = sql.prepare(
      'insert into members (id, workspace_id, display_name, created_at) values (?, ?, ?, ?)',
    );
    const group = sql.prepare(
      "insert into groups (id, workspace_id, name, timezone, locale, created_at) values (?, ?, ?, 'Asia/Shanghai', 'zh-CN', ?)",
    );
    const role = sql.prepare(
      "insert into group_roles (group_id, member_id, role, assigned_at) values (?, ?, 'manager', ?)",
    );
    const activity = sql.prepare(
      'insert into group_members (group_id, member_id, joined_at, last_active_at) values (?, ?, ?, ?)',
    );
    const tally = sql.prepare(
      'insert into standup_days (group_id, day, summary_at, expected_count, answered_count, missing) values (?, ?, ?, ?, ?, ?)',
    );
    const answer = sql.prepare(
      "insert into standup_answers (group_id, day, member_id, answers, submitted_at) values (?, ?, ?, '{}', ?)",
    );
    const customer = sql.prepare(
      'insert into customers (workspace_id, key, name, created_at) values (?, ?, ?, ?)',
    );
    const item = sql.prepare(
      `insert into feedback_items (workspace_id, group_id, customer_id, score, scale, comment, tags, author_id, created_at)
       values (?, ?, ?, ?, 'csat', ?, '[]', ?, ?)`,
    );
    const daily = sql.prepare(
      `insert into feedback_daily (group_id, day, customer_id, count, total, promoters, passives, detractors)
       values (?, ?, ?, 1, ?, 0, 0, 0) on conflict (group_id, day, customer_id) do update set count = count + 1, total = total + excluded.total`,
    );
    const audit = sql.prepare(
      `insert into audit_log (workspace_id, group_id, action, target_id, details, at) values (?, ?, 'rules.enforced', ?, ?, ?)`,
    );
    const blocker = sql.prepare(
      'insert into standup_blockers (group_id, member_id, key, text, first_day, last_day, days) values (?, ?, ?, ?, ?, ?, ?)',
    );
    const action = sql.prepare(
      `insert into action_items (workspace_id, group_id, week, text, owner_id, due_day, status, created_by, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    member.run(MANAGER, WS, '经理', t0);
    for (let c = 0; c < 200; c++) customer.run(WS, `c${c}`, `客户${c}有限公司`, t0);
    for (let g = 0; g < GROUPS; g++) {
      const gid = `slack:T1:G${g}`;
      group.run(gid, WS, `项目组${g + 1}`, t0);
      role.run(gid, MANAGER, t0);
      const ids = Array.from({ length: MEMBERS }, (_, m) => `slack:T1:U${g}_${m}`);
      for (const [m, id] of ids.entries()) {
        member.run(id, WS, `成员${g}-${m}`, t0);
        const last = t0 - Math.floor(next() * 60) * 86_400_000;
        activity.run(gid, id, last, last);
      }
      for (const day of days) {
        const iso = day.toISODate() as string;
        const at = day.set({ hour: 10 }).toMillis();
        const missing = ids.filter(() => next() < 0.1);
        const missed = new Set(missing);
        for (const id of ids) if (!missed.has(id)) answer.run(gid, iso, id, at);
        tally.run(gid, iso, at, MEMBERS, MEMBERS - missing.length, JSON.stringify(missing));
        for (let f = 0; f < FEEDBACK_PER_DAY; f++) {
          const score = 1 + Math.floor(next() * 5);
          const cid = 1 + Math.floor(next() * 200);
          item.run(WS, gid, cid, score, '交付和沟通都还可以', ids[f] ?? MANAGER, at);
          daily.run(gid, iso, cid, score);
        }
        for (let v = 0; v < VIOLATIONS_PER_DAY; v++)
          audit.run(WS, gid, ids[Math.floor(next() * MEMBERS)] ?? MANAGER, '{"step":"warn"}', at);
      }
      const last = days[days.length - 1]?.toISODate() as string;
      for (let b = 0; b < 10; b++)
        blocker.run(gid, ids[b], `k${b}`, `等待客户确认需求${b}`, last, last, 1 + b);
      for (let a = 0; a < 50; a++)
        action.run(
          WS,
          gid,
          '2026-11-30',
          `跟进事项${a}`,
          ids[a],
          a % 2 ? '2026-12-01' : '2026-12-20',
          a % 5 ? 'open' : 'done',
          MANAGER,
          t0,
        );
    }
  })();
  return performance.now() - start;
}

/** The weekly digest of a manager of 20 groups of 500 members with a year of history, chart included. */
export async function benchDigest(): Promise<Result[]> {
  const dir = mkdtempSync(join(tmpdir(), 'muster-bench-digest-'));
  const app = createApp({
    config: { dbPath: join(dir, 'bench.db'), defaultLocale: 'zh-CN', defaultTimezone: 'Asia/Shanghai' },
    clock: new FixedClock(NOW),
    logger: silent,
  });
  try {
    app.attach(new FakePlatform('slack'));
    const seeding = seed(app.db.sqlite);
    preloadChartFonts();
    const run = (cadence: 'weekly' | 'daily') => {
      const samples: number[] = [];
      for (let i = 0; i < ITERATIONS + 3; i++) {
        const started = performance.now();
        const built = app.digest.build(WS, MANAGER, cadence, NOW);
        if (i >= 3) samples.push(performance.now() - started);
        if (built.groups !== GROUPS) throw new Error(`digest covered ${built.groups} groups`);
        if (cadence === 'weekly' && !built.messages[0]?.attachments?.length) throw new Error('no chart');
      }
      return samples;
    };
    const weekly = run('weekly');
    const daily = run('daily');
    return [
      {
        name: 'weekly digest, 20 groups x 500 members, 1 year, chart median ms',
        value: median(weekly),
        unit: 'ms',
        target: '< 50',
      },
      {
        name: 'weekly digest, 20 groups x 500 members, 1 year, chart p99 ms',
        value: p99(weekly),
        unit: 'ms',
        target: '-',
      },
      {
        name: 'daily digest, 20 groups x 500 members median ms',
        value: median(daily),
        unit: 'ms',
        target: '< 50',
      },
      { name: 'digest bench seeding (2.6M answers) s', value: seeding / 1000, unit: 's', target: '-' },
    ];
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
