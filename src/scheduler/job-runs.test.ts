import { afterEach, describe, expect, it } from 'vitest';
import { openTestDb } from '../db/client.js';
import { claimJobRun, finishJobRun } from './job-runs.js';

const db = openTestDb();
afterEach(() => db.sqlite.exec('delete from job_runs'));

describe('job_runs claims', () => {
  const key = { job: 'standup.prompt', target: 'slack:T1:C1', slot: '2026-12-01' };
  const now = new Date('2026-12-01T09:00:00Z');

  it('lets the first claim of a slot through and no other', () => {
    expect(claimJobRun(db.db, key, now)).toBe(true);
    expect(claimJobRun(db.db, key, now)).toBe(false);
    expect(claimJobRun(db.db, { ...key, slot: '2026-12-02' }, now)).toBe(true);
  });

  it('records how a run ended, and a skipped slot cannot be claimed later', () => {
    claimJobRun(db.db, key, now);
    finishJobRun(db.db, key, 'done', new Date(now.getTime() + 1000));
    expect(db.sqlite.prepare('select status, finished_at from job_runs').get()).toEqual({
      status: 'done',
      finished_at: now.getTime() + 1000,
    });
    const old = { ...key, slot: '2026-11-30' };
    expect(claimJobRun(db.db, old, now, 'skipped')).toBe(true);
    expect(claimJobRun(db.db, old, now)).toBe(false);
  });
});
