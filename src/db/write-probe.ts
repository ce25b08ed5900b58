import type Database from 'better-sqlite3';
import { type StorageFailure, storageFailureOf } from '../core/storage-errors.js';

/** 'ok' while the database takes writes; otherwise why it does not. */
export type DatabaseState = 'ok' | 'closed' | StorageFailure;

/** Thrown inside the probe's transaction so that it rolls back. */
class RollBack extends Error {}

/**
 * Checks cheaply that the database takes writes, the way a command's write would: it takes the
 * write lock (busy past the connection's busy timeout), allocates a page in a transaction it rolls
 * back (a read-only file, or one at its size limit, refuses), then commits the header's
 * `user_version` rewritten to its own value (a disk with no room for the WAL refuses). Nothing changes.
 * @example if (probeWrite(sqlite) !== 'ok') res.writeHead(503)
 */
export function probeWrite(sqlite: Database.Database): DatabaseState {
  if (!sqlite.open) return 'closed';
  try {
    sqlite
      .transaction(() => {
        sqlite.exec('CREATE TABLE muster_write_probe (x)');
        throw new RollBack();
      })
      .immediate();
  } catch (err) {
    if (!(err instanceof RollBack)) return storageFailureOf(err) ?? 'io';
  }
  try {
    const version = sqlite.pragma('user_version', { simple: true }) as number;
    sqlite.pragma(`user_version = ${version}`);
  } catch (err) {
    return storageFailureOf(err) ?? 'io';
  }
  return 'ok';
}
