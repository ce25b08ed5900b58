import type { ClaimKey, JobClaims, Logger } from './ports.js';
import { isDatabaseBusy } from './storage-errors.js';

/**
 * How long after its due time a slot left unfinished (its process died mid-way) is still found and
 * finished, however late: it was started in time, and half a morning's prompts is worse than a late
 * rest. Slots never started are held to the job's catch-up window instead.
 */
export const REDO_WITHIN_MS = 24 * 60 * 60 * 1000;

export interface ClaimedRunDeps {
  claims: JobClaims;
  logger: Logger;
  /** Slots missed by less than this still run after downtime; older ones are recorded as skipped. */
  catchUpMs: number;
}

/**
 * Runs one scheduled slot exactly once: too late (beyond the catch-up window) and never started, it
 * is recorded as skipped; otherwise it is claimed (a late one only to finish what a process that
 * died started), run, and finished as done or as failed with the reason (logged).
 * A run stopped by a busy database is neither: the claim is given up unfinished and the error
 * rethrown, so the job's tick does not move past the slot and a later tick runs it again.
 * `what` names the job in the logs ("review job", "digest").
 * @example await runClaimed(deps, 'digest', { job: 'digest', target: memberId, slot: 'weekly:2026-12-07' }, dueAt, now, send)
 */
export async function runClaimed(
  deps: ClaimedRunDeps,
  what: string,
  key: ClaimKey,
  dueAt: Date,
  now: Date,
  run: () => Promise<void>,
): Promise<void> {
  const { claims, logger, catchUpMs } = deps;
  const late = now.getTime() - dueAt.getTime() > catchUpMs;
  if (late && claims.skip(key, now)) {
    logger.warn({ ...key }, `${what} missed; skipped`);
    return;
  }
  if (!claims.claim(key, now, dueAt)) return;
  try {
    await run();
    claims.finish(key, 'done', now);
  } catch (error) {
    if (isDatabaseBusy(error)) {
      claims.release(key);
      throw error;
    }
    logger.error({ err: error, ...key }, `${what} failed`);
    try {
      claims.finish(key, 'failed', now, error instanceof Error ? error.message : String(error));
    } catch (finishError) {
      claims.release(key);
      throw finishError;
    }
  }
}
