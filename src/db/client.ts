import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { DatabaseOpenError } from './open-error.js';
import * as schema from './schema.js';
import { probeWrite } from './write-probe.js';

/** The drizzle handle; `$client` is the better-sqlite3 connection under it, for the few raw hot paths. */
export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** The drizzle handle and the raw connection it wraps (for pragmas, checkpoints and closing). */
export interface DbHandle {
  db: Db;
  sqlite: Database.Database;
  close(): void;
}

/** How long one database call waits for another writer before it fails as busy. */
export const BUSY_TIMEOUT_MS = 250;

// Resolved from this file so it works from src/ (tsx) and dist/ (node) alike.
const MIGRATIONS = fileURLToPath(new URL('../../migrations', import.meta.url));

/**
 * Opens the database file (creating its directory), sets the pragmas and applies pending migrations.
 * A database that cannot be opened, or is read-only or full, is a `DatabaseOpenError` saying what to check.
 * @example const { db, close } = openDb('./data/muster.db')
 */
export function openDb(path: string): DbHandle {
  let handle: DbHandle;
  try {
    handle = open(path);
  } catch (error) {
    throw new DatabaseOpenError(path, error);
  }
  // Opening and migrating an up-to-date file writes nothing: a read-only or full one would
  // otherwise pass here and fail at the first command instead.
  const state = probeWrite(handle.sqlite);
  if (state === 'readonly' || state === 'full' || state === 'io') {
    handle.sqlite.close();
    throw new DatabaseOpenError(path, state);
  }
  return handle;
}

function open(path: string): DbHandle {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  // Two processes (or a backup) may hold the file briefly: wait a little, never long. Every call
  // is synchronous, so a long wait freezes the whole process; past this, the call fails with
  // SQLITE_BUSY (see isDatabaseBusy) and the work is done again once the lock is gone.
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  sqlite.pragma('synchronous = NORMAL');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS });
  return {
    db,
    sqlite,
    close() {
      if (!sqlite.open) return;
      // Folding the WAL back into the main file leaves a single self-contained file behind.
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
      sqlite.close();
    },
  };
}

/** A fresh in-memory database with the real migrations, for tests. */
export function openTestDb(): DbHandle {
  return openDb(':memory:');
}
