import { isDatabaseBusy } from './db-busy.js';
import type { ClaimKey, JobClaims, Logger } from './ports.js';

export interface ClaimedRunDeps {
  claims: JobClaims;
  logger: Logger;
  /** Slots missed by less than this still run after downtime; older ones are recorded as skipped. */
  catchUpMs: number;
}

/**
 * Runs one scheduled slot exactly once: too late (beyond the catch-up window) it is recorded as
 * skipped; otherwise it is claimed, run, and finished as done or as failed with the reason (logged).
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
  if (now.getTime() - dueAt.getTime() > catchUpMs) {
    if (claims.skip(key, now)) logger.warn({ ...key }, `${what} missed; skipped`);
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
