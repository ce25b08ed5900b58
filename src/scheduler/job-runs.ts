import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { jobRuns } from '../db/schema.js';

/** One run of scheduled work: which job, for what, for which slot (e.g. "2026-12-01"). */
export interface ClaimKey {
  job: string;
  target: string;
  slot: string;
}

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
