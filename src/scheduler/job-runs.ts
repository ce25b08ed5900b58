import { and, eq, gte, inArray, isNull } from 'drizzle-orm';
import type { ClaimKey, JobClaims } from '../core/ports.js';
import type { Db } from '../db/client.js';
import { jobRuns } from '../db/schema.js';
import type { Instances } from './instances.js';

export type { ClaimKey } from '../core/ports.js';

const whereKey = (key: ClaimKey) =>
  and(eq(jobRuns.job, key.job), eq(jobRuns.target, key.target), eq(jobRuns.slot, key.slot));

/**
 * Claims a slot before acting on it. Only the first claim of a key succeeds, across restarts and
 * across processes sharing the database file.
 * @example if (claimJobRun(db, { job: 'standup.prompt', target: groupId, slot: '2026-12-01' }, now)) post()
 */
export function claimJobRun(
  db: Db,
  key: ClaimKey,
  now: Date,
  status: 'claimed' | 'skipped' = 'claimed',
  owner: string | null = null,
  dueAt: Date | null = null,
): boolean {
  const result = db
    .insert(jobRuns)
    .values({ ...key, status, owner, dueAt, claimedAt: now, finishedAt: status === 'skipped' ? now : null })
    .onConflictDoNothing()
    .run();
  return result.changes === 1;
}

/** Records how a claimed run ended. */
export function finishJobRun(
  db: Db,
  key: ClaimKey,
  outcome: 'done' | 'failed',
  now: Date,
  error?: string,
): void {
  db.update(jobRuns)
    .set({ status: outcome, finishedAt: now, error: error ?? null })
    .where(whereKey(key))
    .run();
}

const keyOf = (key: ClaimKey) => `${key.job}\u0000${key.target}\u0000${key.slot}`;

/**
 * The core's JobClaims over `job_runs`. A new claim wins. An unfinished one is taken over only when
 * its owner is gone (see Instances) or is this process between two runs of it (the database was
 * busy and the run is due again); done, failed and skipped ones stay.
 */
export function createJobClaims(db: Db, me: Instances): JobClaims {
  // Slots this process is running right now: its own unfinished claims that are not free to redo.
  const running = new Set<string>();

  function takeOver(key: ClaimKey, now: Date): boolean {
    const row = db
      .select({ status: jobRuns.status, owner: jobRuns.owner })
      .from(jobRuns)
      .where(whereKey(key))
      .get();
    if (row?.status !== 'claimed' || running.has(keyOf(key))) return false;
    // Our own, not running: an earlier run of it stopped on a busy database.
    if (row.owner === me.id) return true;
    if (!me.gone(row.owner)) return false;
    // Compare-and-set on the owner seen: of two processes taking over at once, one wins.
    const seen = row.owner === null ? isNull(jobRuns.owner) : eq(jobRuns.owner, row.owner);
    const taken = db
      .update(jobRuns)
      .set({ owner: me.id, claimedAt: now })
      .where(and(whereKey(key), eq(jobRuns.status, 'claimed'), seen))
      .run();
    return taken.changes === 1;
  }

  return {
    claim(key, now, dueAt) {
      const won = claimJobRun(db, key, now, 'claimed', me.id, dueAt) || takeOver(key, now);
      if (won) running.add(keyOf(key));
      return won;
    },
    skip: (key, now) => claimJobRun(db, key, now, 'skipped'),
    finish(key, outcome, now, error) {
      finishJobRun(db, key, outcome, now, error);
      running.delete(keyOf(key));
    },
    release: (key) => void running.delete(keyOf(key)),
    earliestUnfinished(jobs, since) {
      const rows = db
        .select({
          job: jobRuns.job,
          target: jobRuns.target,
          slot: jobRuns.slot,
          owner: jobRuns.owner,
          dueAt: jobRuns.dueAt,
        })
        .from(jobRuns)
        .where(and(eq(jobRuns.status, 'claimed'), gte(jobRuns.dueAt, since), inArray(jobRuns.job, [...jobs])))
        .all();
      let earliest: Date | undefined;
      for (const row of rows) {
        if (!row.dueAt || running.has(keyOf(row))) continue;
        if (row.owner !== me.id && !me.gone(row.owner)) continue;
        if (!earliest || row.dueAt < earliest) earliest = row.dueAt;
      }
      return earliest;
    },
  };
}
