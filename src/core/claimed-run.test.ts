import { describe, expect, it } from 'vitest';
import { openTestDb } from '../db/client.js';
import { Instances } from '../scheduler/instances.js';
import { createJobClaims } from '../scheduler/job-runs.js';
import { runClaimed } from './claimed-run.js';

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const key = { job: 'standup.nudge', target: 'slack:T1:C1', slot: '2026-12-01' };
const dueAt = new Date('2026-12-01T08:00:00Z');
const hours = (n: number) => new Date(dueAt.getTime() + n * 3_600_000);

function setup() {
  const { db } = openTestDb();
  let wall = Date.parse('2026-12-01T08:00:00Z');
  const elsewhere = { host: 'elsewhere', pid: 1, startedAtMs: 0, running: () => true };
  const register = () => Instances.register(db, { identity: elsewhere, wallNow: () => wall });
  return {
    db,
    deps: (instances: Instances) => ({
      claims: createJobClaims(db, instances),
      logger: silent,
      catchUpMs: 2 * 3_600_000,
    }),
    register,
    pass: (ms: number) => {
      wall += ms;
    },
  };
}

describe('runClaimed', () => {
  it('skips a slot never started beyond the catch-up window', async () => {
    const { db, deps, register } = setup();
    let ran = 0;
    await runClaimed(deps(register()), 'nudge', key, dueAt, hours(3), async () => void ran++);
    expect(ran).toBe(0);
    expect(db.$client.prepare('select status from job_runs').all()).toEqual([{ status: 'skipped' }]);
  });

  it('finishes, however late, a slot a process that is gone had started', async () => {
    const { db, deps, register, pass } = setup();
    const died = deps(register());
    expect(died.claims.claim(key, hours(1.5), dueAt)).toBe(true);
    const later = deps(register());
    // The first process has not beaten for longer than the lease: gone.
    pass(61_000);
    let ran = 0;
    await runClaimed(later, 'nudge', key, dueAt, hours(3), async () => void ran++);
    expect(ran).toBe(1);
    expect(db.$client.prepare('select status from job_runs').all()).toEqual([{ status: 'done' }]);
  });
});
