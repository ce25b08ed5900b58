/**
 * Why the database refused a write: the disk (or the file's size limit) is full, the file or its
 * folder is read-only, another writer held the lock past the busy timeout, or the disk failed.
 */
export type StorageFailure = 'full' | 'readonly' | 'busy' | 'io';

/** The SQLite result code an error carries, looking through wrappers (drizzle puts the driver's error in `cause`). */
function sqliteCode(err: unknown): string | undefined {
  let current: unknown = err;
  // Bounded: a cause chain that loops must not hang the caller.
  for (let depth = 0; depth < 8 && current instanceof Error; depth++) {
    const code = (current as Error & { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_')) return code;
    current = current.cause;
  }
  return undefined;
}

/**
 * What kind of storage failure an error is, or undefined for anything else (a bug, a constraint).
 * A transaction that fails this way was rolled back: nothing it wrote is kept.
 * @example storageFailureOf(new SqliteError('database or disk is full', 'SQLITE_FULL')) === 'full'
 */
export function storageFailureOf(err: unknown): StorageFailure | undefined {
  const code = sqliteCode(err);
  if (!code) return undefined;
  if (code === 'SQLITE_FULL') return 'full';
  if (code.startsWith('SQLITE_READONLY')) return 'readonly';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN')) return 'io';
  return undefined;
}

/** @example if (isStorageFull(err)) alertAdmins() */
export function isStorageFull(err: unknown): boolean {
  return storageFailureOf(err) === 'full';
}

/**
 * True when another writer held the database past the busy timeout. Such work is not failed: it
 * is done again once the lock is gone.
 * @example try { claims.finish(key, 'done', now) } catch (err) { if (isDatabaseBusy(err)) retryLater(); else throw err }
 */
export function isDatabaseBusy(err: unknown): boolean {
  return storageFailureOf(err) === 'busy';
}
