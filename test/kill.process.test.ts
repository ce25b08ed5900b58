import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
// tsx's own bundler (tsx is a dependency): one prebuilt file starts in a third of tsx's time.
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeSlack } from './fakes/fake-slack.js';
import type { Command, KillPoint } from './fixtures/kill-process.js';
import { createHarness } from './helpers/harness.js';
import { seeded } from './helpers/seeded.js';

/**
 * Exactly once, also when killed: two Muster processes share one database file and a fake Slack
 * that answers in 20 ms; over a simulated week (a clock the test moves) one of them is killed with
 * SIGKILL every few steps (before an outbox insert, before a platform call, after the platform
 * accepted a post, or anywhere in a tick) and a fresh process takes its place. At the end every
 * slot due in the week ran once, every message went out, and Slack holds none twice. The kill plan
 * comes from a fixed seed; whatever the interleaving, the assertions hold, and no real waiting
 * decides them (processes are awaited, never timed). Ephemeral messages (Slack's standup prompts
 * and nudges) cannot be looked up, so a resend of one may show twice: counted, not failed.
 * Each process start costs about a CPU-second; MUSTER_KILLS=n runs it with n kills instead of 100.
 */
const ROOT = new URL('..', import.meta.url).pathname;
const SCRIPT = 'test/fixtures/kill-process.ts';
const SEED = 20261207;
const KILLS = Number(process.env.MUSTER_KILLS ?? 100);
const WEEK_START = Date.parse('2026-12-07T00:00:00Z'); // Monday
const WEEK_END = WEEK_START + 7 * 24 * 3_600_000;
const MINUTE = 60_000;
const MEMBERS = ['alice', 'bob', 'carol', 'max'];
const WORKDAYS = ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11'];
const PLANNED: readonly KillPoint[] = ['beforeInsert', 'beforeSend', 'afterAccepted'];
const DAY = 24 * 3_600_000;

interface Child {
  name: string;
  /** The kill point this process was started with, if any. */
  plan?: KillPoint;
  proc: ChildProcessWithoutNullStreams;
  stderr: string[];
  /** Resolves with the next line the child prints, or undefined once it has died. */
  next(): Promise<Record<string, unknown> | undefined>;
  exited: Promise<number | NodeJS.Signals | null>;
}

const dirs: string[] = [];
/** Every process's warnings and errors, to show what happened when the test fails. */
const logs: string[] = [];
const children = new Set<ChildProcessWithoutNullStreams>();
afterAll(() => {
  for (const proc of children) proc.kill('SIGKILL');
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/**
 * The child script and the app bundled into one file, so each of the hundred-odd process starts
 * costs a second, not three. Native and worker-using packages stay outside; the bundle sits two
 * levels below links to the migrations and node_modules, where the app looks for them.
 */
async function bundleChild(dir: string): Promise<string> {
  mkdirSync(join(dir, 'bundle', 'child'), { recursive: true });
  symlinkSync(join(ROOT, 'migrations'), join(dir, 'migrations'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  const outfile = join(dir, 'bundle', 'child', 'kill-process.mjs');
  await build({
    entryPoints: [join(ROOT, SCRIPT)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    external: ['better-sqlite3', '@resvg/resvg-js', 're2', 'pino', 'pino-pretty'],
    // Bundled CommonJS packages still call require().
    banner: {
      js: "import { createRequire as __musterRequire } from 'node:module'; const require = __musterRequire(import.meta.url);",
    },
    logLevel: 'error',
  });
  return outfile;
}

function spawnChild(script: string, name: string, db: string, fake: FakeSlack): Child {
  const proc = spawn(
    process.execPath,
    [script, '--db', db, '--api', fake.apiUrl, '--token', fake.botToken, '--name', name],
    { cwd: ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME } },
  );
  children.add(proc);
  logs.push(`${name} pid ${proc.pid}`);
  // Writing to a process the test just killed is expected; its death is read from `exited`.
  proc.stdin.on('error', () => {});
  const stderr: string[] = [];
  proc.stderr.on('data', (d) => {
    stderr.push(String(d));
    logs.push(
      ...String(d)
        .split('\n')
        .filter(Boolean)
        .map((l) => `${name} ${l}`),
    );
  });
  const lines = createInterface({ input: proc.stdout })[Symbol.asyncIterator]();
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
    proc.on('close', (code, signal) => {
      children.delete(proc);
      resolve(code ?? signal);
    }),
  );
  return {
    name,
    proc,
    stderr,
    exited,
    async next() {
      const line = await lines.next();
      return line.done ? undefined : (JSON.parse(line.value) as Record<string, unknown>);
    },
  };
}

function tell(child: Child, command: Command): Promise<Record<string, unknown> | undefined> {
  if (child.proc.exitCode === null && child.proc.signalCode === null && child.proc.stdin.writable)
    child.proc.stdin.write(`${JSON.stringify(command)}\n`);
  return child.next();
}

/**
 * A shared file with a Shanghai group: standups on (4 members), a manager with a daily digest, a
 * weekly review on Friday 16:00, set up through commands like a real group.
 */
async function groupDatabase(dir: string): Promise<string> {
  const db = join(dir, 'muster.db');
  const h = createHarness({ dbPath: db });
  h.clock.set(new Date(WEEK_START - 60 * MINUTE));
  await h.run('/muster settings timezone Asia/Shanghai');
  await h.run('/standup on');
  await h.run('/role add <@max> manager');
  for (const user of ['bob', 'carol', 'max']) await h.post('hello', { user });
  await h.run('/review schedule friday 16:00', { user: 'max' });
  await h.run('/digest subscribe daily 08:30', { user: 'max' });
  h.app.flush();
  await h.app.close();
  return db;
}

interface Lane {
  child: Child | undefined;
}

interface Figures {
  kills: Record<string, number>;
  starts: number;
  commandErrors: string[];
  /** Low scores or surveys refused because the other process held the database. */
  busyCommands: number;
}

/** Processes ready to be started: their modules load while the others work. */
class Spares {
  readonly #warming: Promise<Child>[] = [];
  #n = 0;
  constructor(
    private readonly script: string,
    private readonly db: string,
    private readonly fake: FakeSlack,
  ) {}

  fill(count: number): void {
    while (this.#warming.length < count) {
      const child = spawnChild(this.script, `P${++this.#n}`, this.db, this.fake);
      this.#warming.push(child.next().then(() => child));
    }
  }

  take(): Promise<Child> {
    this.fill(1);
    const next = this.#warming.shift() as Promise<Child>;
    this.fill(2);
    return next;
  }
}

describe('exactly once on two processes killed at random points over a week', () => {
  it(`${KILLS} kills, no post lost, none twice`, { timeout: 600_000 }, async () => {
    const began = Date.now();
    const fake = new FakeSlack();
    fake.latencyMs = 20;
    await fake.start();
    const dir = mkdtempSync(join(tmpdir(), 'muster-kill-'));
    dirs.push(dir);
    const [script, db] = await Promise.all([bundleChild(dir), groupDatabase(dir)]);
    // Two streams: the week's workload (steps, low scores, surveys) is the same on every run, however
    // the kills (which depend on how the processes interleave) draw from theirs.
    const workload = seeded(SEED);
    const rand = seeded(SEED + 1);
    const spares = new Spares(script, db, fake);
    spares.fill(2);
    const figures: Figures = { kills: {}, starts: 0, commandErrors: [], busyCommands: 0 };
    const lanes: Lane[] = [{ child: undefined }, { child: undefined }];
    let now = WEEK_START;
    let killed = 0;
    const at = () => new Date(now).toISOString();

    /** A fresh process in the lane, which (while kills are due) will kill itself at a point of its life. */
    async function restart(lane: Lane, mayKill: boolean): Promise<void> {
      const child = await spares.take();
      const point = PLANNED[Math.floor(rand() * PLANNED.length)] as KillPoint;
      const kill = mayKill && rand() < 0.9 ? { point, after: 1 + Math.floor(rand() * 3) } : undefined;
      figures.starts++;
      if (kill) child.plan = kill.point;
      lane.child = child;
      await drive(lane, { cmd: 'start', now: at(), ...(kill ? { kill } : {}) }, false);
    }

    /** One command to a lane's process; if it dies (its plan, or the test's SIGKILL), the lane is empty. */
    async function drive(lane: Lane, command: Command, killAnywhere: boolean) {
      const child = lane.child;
      if (!child) return;
      const answer = tell(child, command);
      if (killAnywhere) {
        // Anywhere: a few of the test's event-loop turns in, wherever the process then is.
        const turns = Math.floor(rand() * 8);
        for (let i = 0; i < turns; i++) await new Promise((r) => setImmediate(r));
        child.proc.kill('SIGKILL');
      }
      const reply = await answer;
      if (reply?.error) figures.commandErrors.push(`${child.name}: ${String(reply.error)}`);
      if (reply?.busy) figures.busyCommands++;
      if (reply) return;
      const ended = await child.exited;
      // Only the test's kills may end a process: anything else is a crash, and the test stops on it.
      if (ended !== 'SIGKILL')
        throw new Error(`${child.name} ended with ${ended}:\n${child.stderr.join('')}`);
      killed++;
      const kind = killAnywhere ? 'anywhere' : (child.plan ?? 'unplanned');
      figures.kills[kind] = (figures.kills[kind] ?? 0) + 1;
      lane.child = undefined;
    }

    for (const lane of lanes) await restart(lane, true);
    const laneSteps = ((WEEK_END - WEEK_START) / (30 * MINUTE)) * lanes.length;
    let step = 0;
    while (now < WEEK_END) {
      now += (10 + Math.floor(workload() * 41)) * MINUTE;
      step++;
      // Anywhere-kills make up what the planned ones leave, spread over the steps still to come.
      const chance = Math.min(0.5, (1.5 * Math.max(0, KILLS - killed)) / Math.max(1, laneSteps - 2 * step));
      await Promise.all(
        lanes.map(async (lane) => {
          await drive(lane, { cmd: 'tick', now: at() }, rand() < chance);
          if (!lane.child) await restart(lane, killed < KILLS);
        }),
      );
      // Low scores and surveys in the first five days: their alerts, escalations and results fall in the week.
      const r = workload();
      const lane = lanes[Math.floor(workload() * lanes.length)] as Lane;
      if (now < WEEK_START + 5 * DAY && r < 0.03)
        await drive(lane, { cmd: 'capture', now: at(), score: 1 }, false);
      else if (now < WEEK_START + 5 * DAY && r < 0.045)
        await drive(lane, { cmd: 'survey', now: at() }, false);
      if (!lane.child) await restart(lane, killed < KILLS);
    }
    // A quiet last day: no more kills; whatever was left is found and finished.
    for (const lane of lanes) if (!lane.child) await restart(lane, false);
    for (let i = 0; i < 30; i++) {
      now += 10 * MINUTE;
      for (const lane of lanes) await drive(lane, { cmd: 'tick', now: at() }, false);
    }
    for (const lane of lanes)
      if (lane.child) expect(await tell(lane.child, { cmd: 'close' })).toEqual({ ev: 'closed' });
    const report = check(db, fake);
    if (report.lost.length) console.info(`what the processes logged:\n${logs.join('\n')}`);
    const seconds = ((Date.now() - began) / 1000).toFixed(1);
    console.info(
      `kill test (seed ${SEED}): ${killed} kills ${JSON.stringify(figures.kills)} over ${figures.starts} process starts; ` +
        `${report.posts} posts and ${report.ephemeral} ephemeral messages accepted by Slack; ` +
        `${report.duplicates.length} duplicates, ${report.ephemeralDuplicates} ephemeral duplicates (documented), ` +
        `${report.lost.length} lost; ${figures.busyCommands} commands refused as busy; ${seconds} s`,
    );
    await fake.stop();
    expect(figures.commandErrors).toEqual([]);
    expect(report.duplicates).toEqual([]);
    expect(report.lost).toEqual([]);
    expect(killed).toBeGreaterThanOrEqual(KILLS);
  });
});

interface OutboxRow {
  id: number;
  dedupe_key: string | null;
  status: string;
  target: string;
}

/** What the week should have produced, against what the file and Slack hold. */
function check(file: string, fake: FakeSlack) {
  const sqlite = new Database(file, { readonly: true });
  const lost: string[] = [];
  try {
    const runs = sqlite
      .prepare('select job, target, slot, status, owner, due_at, claimed_at from job_runs')
      .all() as { job: string; target: string; slot: string; status: string; owner: string | null }[];
    const status = new Map(runs.map((r) => [`${r.job}:${r.target}:${r.slot}`, r.status]));
    const group = 'slack:T1:C1';
    const expected = [
      ...WORKDAYS.flatMap((day) => [
        `standup.thread:${group}:${day}`,
        `standup.nudge:${group}:${day}`,
        `standup.summary:${group}:${day}`,
        ...MEMBERS.map((m) => `standup.prompt:${group}:${day}:slack:T1:${m}`),
      ]),
      // Daily digests go out on working days.
      ...WORKDAYS.map((day) => `digest:slack:T1:max:daily:${day}`),
      `review.reminder:${group}:2026-12-07`,
    ];
    for (const key of expected)
      if (status.get(key) !== 'done') lost.push(`${key}: ${status.get(key) ?? 'never claimed'}`);
    // Nothing else left unfinished or failed; only slots from before the week were skipped.
    const instances = sqlite.prepare('select id, pid from instances').all() as { id: string; pid: number }[];
    const pidOf = new Map(instances.map((i) => [i.id, i.pid]));
    for (const r of runs) {
      const key = `${r.job}:${r.target}:${r.slot}`;
      const before = (/\d{4}-\d{2}-\d{2}/.exec(r.slot)?.[0] ?? '9999') < '2026-12-07';
      if (r.status === 'skipped' ? !before : r.status !== 'done')
        lost.push(`${key}: ${JSON.stringify({ ...r, pid: pidOf.get(r.owner ?? '') })}`);
    }
    // The week's messages: the set-up commands' replies went to the set-up's own platform.
    const rows = sqlite
      .prepare('select id, dedupe_key, status, target from outbox where created_at >= ?')
      .all(WEEK_START) as OutboxRow[];
    for (const row of rows)
      if (row.status !== 'sent') lost.push(`outbox ${row.id} (${row.dedupe_key}): ${row.status}`);
    const keys = new Set(rows.map((r) => r.dedupe_key));
    for (const key of expected) {
      const sent = key.startsWith('standup.nudge')
        ? MEMBERS.some((m) => keys.has(`${key}:slack:T1:${m}`))
        : keys.has(key) || keys.has(`${key}:0`);
      if (!sent) lost.push(`${key}: nothing in the outbox`);
    }
    for (const survey of sqlite.prepare('select id, closed_at from surveys').all() as {
      id: number;
      closed_at: number | null;
    }[]) {
      if (survey.closed_at === null) lost.push(`survey ${survey.id}: not closed`);
      if (!keys.has(`feedback.survey.result:${survey.id}`)) lost.push(`survey ${survey.id}: no result`);
    }
    for (const item of sqlite.prepare('select id, alerted_at, escalated_at from feedback_items').all() as {
      id: number;
      alerted_at: number | null;
      escalated_at: number | null;
    }[]) {
      if (item.alerted_at === null || !keys.has(`feedback.alert:${item.id}:slack:T1:max`))
        lost.push(`feedback ${item.id}: not alerted`);
      if (item.escalated_at !== null && !keys.has(`feedback.escalation:${item.id}:slack:T1:max`))
        lost.push(`feedback ${item.id}: escalation not sent`);
    }
    // Every post Slack accepted carries its outbox key: each key once, and every sent row is there.
    const seen = new Map<string, number>();
    for (const m of fake.posted) {
      const key = String(m.metadata?.event_payload.key ?? `no metadata: ${m.text}`);
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    const duplicates = [...seen].filter(([, n]) => n > 1).map(([key, n]) => `${key} ×${n}`);
    const posted = new Set([...seen.keys()].map((k) => k.replace(/#\d+$/, '')));
    const ephemeralRows = rows.filter((r) => (JSON.parse(r.target) as { kind: string }).kind === 'ephemeral');
    for (const row of rows) {
      if (ephemeralRows.includes(row) || row.status !== 'sent') continue;
      if (![...posted].some((k) => k.startsWith(`muster:${row.id}@`)))
        lost.push(`outbox ${row.id} (${row.dedupe_key}): not on Slack`);
    }
    const ephemeral = fake.callsTo('chat.postEphemeral').length;
    if (ephemeral < ephemeralRows.length)
      lost.push(`${ephemeralRows.length - ephemeral} ephemeral messages not on Slack`);
    return {
      lost,
      duplicates,
      posts: fake.posted.length,
      ephemeral,
      ephemeralDuplicates: Math.max(0, ephemeral - ephemeralRows.length),
    };
  } finally {
    sqlite.close();
  }
}
