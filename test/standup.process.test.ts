import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { SendLine } from './fixtures/standup-process.js';
import { createHarness } from './helpers/harness.js';

const ROOT = new URL('..', import.meta.url).pathname;
const SCRIPT = 'test/fixtures/standup-process.ts';
const MEMBERS = ['alice', 'bob', 'carol'];
const THREAD_KEY = (day: string) => `standup.thread:slack:T1:C1:${day}`;

interface Child {
  proc: ChildProcessWithoutNullStreams;
  out: string;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code, or the signal that ended it. */
  exited: Promise<number | NodeJS.Signals | null>;
}

const running = new Set<ChildProcessWithoutNullStreams>();
const dirs: string[] = [];
afterEach(() => {
  for (const proc of running) proc.kill('SIGKILL');
  running.clear();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function startScheduler(
  dir: string,
  options: { name: string; db: string; at: readonly string[]; mode?: 'tick' | 'hang'; go?: string },
): Child {
  const out = join(dir, `${options.name}.jsonl`);
  writeFileSync(out, '');
  const args = ['--db', options.db, '--out', out, '--name', options.name, '--mode', options.mode ?? 'tick'];
  for (const at of options.at) args.push('--at', at);
  if (options.go) args.push('--go', options.go);
  const proc = spawn(process.execPath, ['--import', 'tsx', SCRIPT, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn' },
  });
  running.add(proc);
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (d) => {
    stdout += d;
  });
  proc.stderr.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
    proc.on('close', (code, signal) => {
      running.delete(proc);
      resolve(code ?? signal);
    }),
  );
  return { proc, out, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Fails at once, with its output, if a scheduler ended when it should still be running. */
function alive(child: Child): true {
  const { exitCode, signalCode } = child.proc;
  if (exitCode === null && signalCode === null) return true;
  throw new Error(`scheduler ended early (${exitCode ?? signalCode})\n${child.stdout()}\n${child.stderr()}`);
}

// Generous: two cold tsx start-ups on a loaded machine; polled, so a fast machine does not wait.
async function waitFor(what: string, condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Waits for a scheduler to exit cleanly, with its output in the failure message if it did not. */
async function finished(child: Child): Promise<void> {
  const code = await child.exited;
  expect(code, `scheduler exited with ${code}\n${child.stdout()}\n${child.stderr()}`).toBe(0);
  // Warnings (older slots skipped) are expected; an error would mean a job or a send failed.
  const errors = child
    .stderr()
    .split('\n')
    .filter((l) => /"level":(50|60)/.test(l));
  expect(errors).toEqual([]);
}

const sendsOf = (child: Child): SendLine[] =>
  readFileSync(child.out, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as SendLine);

/** A send as the group sees it: the day's thread, or one member's prompt. */
function describeSend(line: SendLine): string {
  const target = line.target as { kind: string; threadId?: string; user?: { userId: string } };
  if (target.kind === 'channel' && !target.threadId) return `thread: ${line.text}`;
  if (target.kind === 'ephemeral' && /standup/i.test(line.text)) return `prompt: ${target.user?.userId}`;
  return `other: ${JSON.stringify(line)}`;
}

function expected(date: string): string[] {
  return [...MEMBERS.map((m) => `prompt: ${m}`), `thread: Daily standup · ${date}`].sort();
}

function query<T>(db: string, sql: string, ...params: unknown[]): T[] {
  const sqlite = new Database(db);
  try {
    sqlite.pragma('busy_timeout = 5000');
    return sqlite.prepare(sql).all(...params) as T[];
  } finally {
    sqlite.close();
  }
}

/** The day's thread and prompt claims that did not end `done` (none should, once the morning ran). */
function unfinished(db: string, day: string): unknown[] {
  const runs = query<{ job: string; slot: string; status: string }>(
    db,
    "select job, slot, status from job_runs where slot like ? and job in ('standup.thread', 'standup.prompt')",
    `${day}%`,
  );
  expect(runs).toHaveLength(1 + MEMBERS.length);
  return runs.filter((r) => r.status !== 'done');
}

/**
 * A database file with a Shanghai group whose standup is on (09:30 for everyone, 01:30 UTC) and
 * three members known from activity, set up through commands and messages like a real group.
 */
async function groupDatabase(): Promise<{ dir: string; db: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'muster-standup-proc-'));
  dirs.push(dir);
  const db = join(dir, 'muster.db');
  const h = createHarness({ dbPath: db });
  expect((await h.run('/muster settings timezone Asia/Shanghai')).text).toContain('Asia/Shanghai');
  expect((await h.run('/standup on')).text).toContain('The daily standup is on.');
  await h.post('早', { user: 'bob' });
  await h.post('morning', { user: 'carol' });
  h.app.flush();
  await h.app.close();
  return { dir, db };
}

describe('the standup on real processes sharing one database file', () => {
  it('two schedulers ticking the same minute on the same database file post exactly once', async () => {
    const { dir, db } = await groupDatabase();
    // Working days (Tue 1 to Fri 11 December) at 09:30 in Shanghai.
    const days = ['01', '02', '03', '04', '07', '08', '09', '10', '11'].map((d) => `2026-12-${d}`);
    const dates = days.map((day) =>
      new Date(`${day}T12:00:00Z`).toLocaleDateString('en-US', {
        weekday: 'long',
        month: 'long',
        day: 'numeric',
        year: 'numeric',
        timeZone: 'UTC',
      }),
    );
    const at = days.map((day) => `${day}T01:30:00.000Z`);
    const go = join(dir, 'go');
    // Both start together, each opens the app on the file, then they tick every morning in step.
    const pair = [
      startScheduler(dir, { name: 'A', db, at, go }),
      startScheduler(dir, { name: 'B', db, at, go }),
    ];
    const report: string[] = [];
    for (const [round, day] of days.entries()) {
      await waitFor(`both schedulers to be ready for ${day}`, () =>
        pair.every((c) => c.stdout().includes(`ready ${round}\n`) || !alive(c)),
      );
      // Written whole, then renamed: a process never reads a half-written start time.
      writeFileSync(`${go}.tmp`, String(Date.now() + 20));
      renameSync(`${go}.tmp`, `${go}.${round}`);
      await waitFor(`both schedulers to tick ${day}`, () =>
        pair.every((c) => c.stdout().includes(`ticked ${round} `) || !alive(c)),
      );
      const sends = pair.flatMap(sendsOf).filter((s) => s.at === at[round]);
      expect(sends.map(describeSend).sort(), `what was posted on ${day}`).toEqual(
        expected(dates[round] ?? ''),
      );
      expect(unfinished(db, day)).toEqual([]);
      const [a, b] = pair.map(
        (c) =>
          JSON.parse(new RegExp(`ticked ${round} (.*)`).exec(c.stdout())?.[1] ?? '{}') as {
            began: number;
            ended: number;
          },
      );
      const overlapped = a && b && a.began <= b.ended && b.began <= a.ended;
      const split = ['A', 'B'].map((name) => sends.filter((s) => s.process === name).length).join('+');
      report.push(`${day}: ${split} ${overlapped ? 'overlapped' : 'apart'}`);
    }
    await Promise.all(pair.map(finished));
    // Nothing was sent but the mornings' posts (no stray retries when the processes closed).
    expect(pair.flatMap(sendsOf).filter((s) => !at.includes(s.at))).toEqual([]);
    // Who posted what, and whether the ticks really overlapped, for whoever reads the output.
    console.info(`two schedulers (A+B sends per morning):\n  ${report.join('\n  ')}`);
  });

  it('killing the process between claim and send, then restarting, posts exactly once', async () => {
    const { dir, db } = await groupDatabase();
    const day = '2026-12-01';
    const a = startScheduler(dir, { name: 'A', db, at: [`${day}T01:30:00Z`], mode: 'hang' });
    await waitFor('A to claim the thread and hang in its send', () => {
      if (!alive(a) || !existsSync(a.out) || !readFileSync(a.out, 'utf8').includes('"hung"')) return false;
      return (
        query(
          db,
          "select 1 from job_runs where job = 'standup.thread' and slot = ? and status = 'claimed'",
          day,
        ).length === 1
      );
    });
    a.proc.kill('SIGKILL');
    expect(await a.exited).toBe('SIGKILL');

    // A died holding both the slot's claim and the outbox row, and the platform got nothing.
    expect(sendsOf(a).map((s) => s.outcome)).toEqual(['hung']);
    expect(query(db, 'select status from outbox where dedupe_key = ?', THREAD_KEY(day))).toEqual([
      { status: 'sending' },
    ]);

    // Three minutes on, another process: A no longer runs on this host, so it is gone at once, and
    // both the outbox's takeover and the claim's may try the thread; the dedupe key leaves one post.
    const b = startScheduler(dir, { name: 'B', db, at: [`${day}T01:33:00Z`] });
    await finished(b);
    const sent = [...sendsOf(a), ...sendsOf(b)].filter((s) => s.outcome === 'sent');
    expect(sent.map(describeSend).sort()).toEqual(expected('Tuesday, December 1, 2026'));
    expect(unfinished(db, day)).toEqual([]);
    const thread = sent.find((s) => describeSend(s).startsWith('thread'));
    expect(
      query(db, 'select status, platform_message_id from outbox where dedupe_key = ?', THREAD_KEY(day)),
    ).toEqual([{ status: 'sent', platform_message_id: thread?.messageId }]);
    // The day's prompts, answers and summary hang under the thread B posted.
    expect(query(db, 'select thread_id from standup_days where day = ?', day)).toEqual([
      { thread_id: thread?.messageId },
    ]);

    // And a later restart finds nothing left to post for that morning.
    const c = startScheduler(dir, { name: 'C', db, at: [`${day}T01:40:00Z`] });
    await finished(c);
    expect(sendsOf(c)).toEqual([]);
  });
});
