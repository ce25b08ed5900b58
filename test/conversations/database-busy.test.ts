import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.js';

/**
 * Another writer (a second process, a backup) holds the database file while the standup is due:
 * the tick meets a busy database, does nothing it cannot finish, and the next tick does it all.
 */
const dirs: string[] = [];
const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.app.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function standupOnFile() {
  const dir = mkdtempSync(join(tmpdir(), 'muster-busy-'));
  dirs.push(dir);
  const file = join(dir, 'muster.db');
  const h = createHarness({ dbPath: file });
  harnesses.push(h);
  await h.run('/standup on');
  await h.post('morning', { user: 'bob' });
  h.app.flush();
  h.platform.sent.length = 0;
  return { h, file };
}

describe('a database locked by another writer while work is due', () => {
  it('leaves the morning due while locked and posts all of it once the lock is gone', async () => {
    const { h, file } = await standupOnFile();
    const other = new Database(file);
    other.exec('begin immediate');
    // 09:30 UTC: the thread and both prompts are due, and nothing can be written.
    await h.at('2026-12-01T09:30:00Z');
    expect(h.platform.sent).toEqual([]);
    expect(h.logLines.filter((l) => l.includes('database busy')).length).toBeGreaterThan(0);
    other.exec('rollback');
    other.close();
    expect(h.sql.prepare("select count(*) n from job_runs where status != 'done'").get()).toEqual({ n: 0 });

    await h.at('2026-12-01T09:31:00Z');
    const posted = h.platform.sent.map((s) =>
      s.target.kind === 'ephemeral' ? `prompt ${s.target.user.userId}` : 'thread',
    );
    expect(posted.sort()).toEqual(['prompt alice', 'prompt bob', 'thread']);
    // (The day before, seen by the first tick's look back, was too late to post: skipped.)
    expect(
      h.sql
        .prepare("select job, status from job_runs where slot like '2026-12-01%' order by job, slot")
        .all(),
    ).toEqual([
      { job: 'standup.prompt', status: 'done' },
      { job: 'standup.prompt', status: 'done' },
      { job: 'standup.thread', status: 'done' },
    ]);
    // A later tick finds nothing left to post.
    await h.at('2026-12-01T09:40:00Z');
    expect(h.platform.sent).toHaveLength(3);
  });

  it('a claim whose run stopped on the busy database is run again by the same process', async () => {
    const { h, file } = await standupOnFile();
    // The lock comes while the thread is being posted: its claim is taken, then the outbox write fails.
    const other = new Database(file);
    const send = h.platform.send.bind(h.platform);
    let locked = false;
    h.platform.send = async (...args) => {
      if (!locked) {
        locked = true;
        other.exec('begin immediate');
      }
      return send(...args);
    };
    await h.at('2026-12-01T09:30:00Z');
    other.exec('rollback');
    other.close();
    await h.at('2026-12-01T09:31:00Z');
    await h.at('2026-12-01T09:32:00Z');
    const posted = h.platform.sent.map((s) =>
      s.target.kind === 'ephemeral' ? `prompt ${s.target.user.userId}` : 'thread',
    );
    expect(posted.sort()).toEqual(['prompt alice', 'prompt bob', 'thread']);
    expect(
      h.sql
        .prepare("select count(*) n from job_runs where slot like '2026-12-01%' and status != 'done'")
        .get(),
    ).toEqual({ n: 0 });
    expect(h.sql.prepare("select count(*) n from outbox where status != 'sent'").get()).toEqual({ n: 0 });
  });
});
