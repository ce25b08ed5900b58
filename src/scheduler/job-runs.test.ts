import { afterEach, describe, expect, it } from 'vitest';
import { openTestDb } from '../db/client.js';
import { Instances, type ProcessIdentity } from './instances.js';
import { claimJobRun, createJobClaims, finishJobRun } from './job-runs.js';

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

describe('claims held by an owner', () => {
  const key = { job: 'standup.thread', target: 'slack:T1:C1', slot: '2026-12-01' };
  const dueAt = new Date('2026-12-01T01:30:00Z');
  const now = new Date('2026-12-01T01:30:05Z');
  let wall = Date.parse('2026-12-01T01:30:00Z');
  const here: ProcessIdentity = { host: 'h', pid: 1, startedAtMs: 0, running: (pid) => pid !== 99 };
  const register = (identity: ProcessIdentity) =>
    Instances.register(db.db, { identity, wallNow: () => wall });
  afterEach(() => db.sqlite.exec('delete from instances'));

  it('is not taken over while its owner beats, however long it works; it is once the owner stops', () => {
    const other = createJobClaims(db.db, register({ ...here, host: 'elsewhere' }));
    const mine = createJobClaims(db.db, register(here));
    expect(other.claim(key, now, dueAt)).toBe(true);
    wall += 59_000;
    expect(mine.claim(key, now, dueAt)).toBe(false);
    expect(mine.earliestUnfinished(['standup.thread'], new Date(0))).toBeUndefined();
    wall += 2_000;
    expect(mine.earliestUnfinished(['standup.thread'], new Date(0))).toEqual(dueAt);
    expect(mine.claim(key, now, dueAt)).toBe(true);
    mine.finish(key, 'done', now);
    expect(other.claim(key, now, dueAt)).toBe(false);
  });

  it('is taken over at once from a process of this host that no longer runs', () => {
    const dead = createJobClaims(db.db, register({ ...here, pid: 99 }));
    const mine = createJobClaims(db.db, register(here));
    expect(dead.claim(key, now, dueAt)).toBe(true);
    expect(mine.claim(key, now, dueAt)).toBe(true);
    expect(dead.claim(key, now, dueAt)).toBe(false);
  });

  it('its own claim is redone once released (a run stopped on a busy database), never while running', () => {
    const mine = createJobClaims(db.db, register(here));
    expect(mine.claim(key, now, dueAt)).toBe(true);
    expect(mine.claim(key, now, dueAt)).toBe(false);
    expect(mine.earliestUnfinished(['standup.thread'], new Date(0))).toBeUndefined();
    mine.release(key);
    expect(mine.earliestUnfinished(['standup.thread'], new Date(0))).toEqual(dueAt);
    // Not before `since`: a slot beyond the catch-up window is not reached back to.
    expect(mine.earliestUnfinished(['standup.thread'], new Date(dueAt.getTime() + 1))).toBeUndefined();
    expect(mine.claim(key, now, dueAt)).toBe(true);
  });
});
