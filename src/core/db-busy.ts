/**
 * True when an error (or any error it wraps: drizzle wraps the driver's) says the database was
 * locked by another writer. Such work is not failed: it is done again once the lock is gone.
 * @example try { claims.finish(key, 'done', now) } catch (err) { if (isDatabaseBusy(err)) retryLater(); else throw err }
 */
export function isDatabaseBusy(err: unknown): boolean {
  // Bounded: a cause chain that loops must not hang the caller.
  let current: unknown = err;
  for (let depth = 0; depth < 8 && current instanceof Error; depth++) {
    const code = (current as Error & { code?: unknown }).code;
    if (typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code)) return true;
    current = current.cause;
  }
  return false;
}
