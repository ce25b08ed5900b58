import { and, eq, lt } from 'drizzle-orm';
import type { ClaimKey, JobClaims } from '../core/ports.js';
import type { Db } from '../db/client.js';
import { jobRuns } from '../db/schema.js';

export type { ClaimKey } from '../core/ports.js';

/** How long a claim protects a slot before a process that died holding it is assumed gone. */
export const CLAIM_LEASE_MS = 2 * 60_000;

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
): boolean {
  const result = db
    .insert(jobRuns)
    .values({ ...key, status, claimedAt: now, finishedAt: status === 'skipped' ? now : null })
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
    .where(and(eq(jobRuns.job, key.job), eq(jobRuns.target, key.target), eq(jobRuns.slot, key.slot)))
    .run();
}

/**
 * The core's JobClaims over `job_runs`: a new claim wins; an unfinished one older than the lease
 * is taken over (its holder died between claim and send); done, failed and skipped ones stay.
 */
export function createJobClaims(db: Db, leaseMs = CLAIM_LEASE_MS): JobClaims {
  return {
    claim(key, now) {
      if (claimJobRun(db, key, now)) return true;
      const takeover = db
        .update(jobRuns)
        .set({ claimedAt: now })
        .where(
          and(
            eq(jobRuns.job, key.job),
            eq(jobRuns.target, key.target),
            eq(jobRuns.slot, key.slot),
            eq(jobRuns.status, 'claimed'),
            lt(jobRuns.claimedAt, new Date(now.getTime() - leaseMs)),
          ),
        )
        .run();
      return takeover.changes === 1;
    },
    skip: (key, now) => claimJobRun(db, key, now, 'skipped'),
    finish: (key, outcome, now, error) => finishJobRun(db, key, outcome, now, error),
  };
}
