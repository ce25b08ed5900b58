import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { isDatabaseBusy, isStorageFull, storageFailureOf } from './storage-errors.js';

/** An error shaped like better-sqlite3's SqliteError: a message and a SQLITE_* code. */
function sqliteError(code: string): Error {
  return Object.assign(new Error(code.toLowerCase()), { code });
}

describe('storage failures', () => {
  it('classifies SQLite result codes, extended ones included', () => {
    expect(storageFailureOf(sqliteError('SQLITE_FULL'))).toBe('full');
    expect(storageFailureOf(sqliteError('SQLITE_READONLY'))).toBe('readonly');
    expect(storageFailureOf(sqliteError('SQLITE_READONLY_DBMOVED'))).toBe('readonly');
    expect(storageFailureOf(sqliteError('SQLITE_BUSY'))).toBe('busy');
    expect(storageFailureOf(sqliteError('SQLITE_BUSY_SNAPSHOT'))).toBe('busy');
    expect(storageFailureOf(sqliteError('SQLITE_LOCKED'))).toBe('busy');
    expect(storageFailureOf(sqliteError('SQLITE_IOERR_WRITE'))).toBe('io');
    expect(storageFailureOf(sqliteError('SQLITE_CANTOPEN'))).toBe('io');
  });

  it('leaves everything else alone: bugs and constraints are not storage failures', () => {
    expect(storageFailureOf(sqliteError('SQLITE_CONSTRAINT_NOTNULL'))).toBeUndefined();
    expect(storageFailureOf(new TypeError('x is undefined'))).toBeUndefined();
    expect(storageFailureOf(Object.assign(new Error('fs'), { code: 'ENOSPC' }))).toBeUndefined();
    expect(storageFailureOf('SQLITE_FULL')).toBeUndefined();
    expect(storageFailureOf(undefined)).toBeUndefined();
  });

  it('looks through wrappers, and a cause chain that loops ends', () => {
    const wrapped = new Error('Failed query: insert …', { cause: sqliteError('SQLITE_FULL') });
    expect(isStorageFull(wrapped)).toBe(true);
    const loop = new Error('a');
    const other = new Error('b', { cause: loop });
    Object.assign(loop, { cause: other });
    expect(storageFailureOf(loop)).toBeUndefined();
  });

  it('recognises what better-sqlite3 throws when a file reaches its page limit', () => {
    const db = new Database(':memory:');
    db.exec('create table t (x)');
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages}`);
    const insert = db.prepare('insert into t values (zeroblob(8192))');
    let caught: unknown;
    try {
      insert.run();
    } catch (err) {
      caught = err;
    }
    expect(isStorageFull(caught)).toBe(true);
    db.close();
  });
});

describe('isDatabaseBusy', () => {
  it('recognises SQLITE_BUSY from the driver, also wrapped, and nothing else', () => {
    const file = `/tmp/muster-busy-${process.pid}-${Date.now()}.db`;
    const holder = new Database(file);
    const other = new Database(file);
    try {
      other.pragma('busy_timeout = 0');
      holder.exec('create table t (x); begin immediate; insert into t values (1)');
      let busy: unknown;
      try {
        other.exec('insert into t values (2)');
      } catch (err) {
        busy = err;
      }
      expect(isDatabaseBusy(busy)).toBe(true);
      expect(isDatabaseBusy(new Error('query failed', { cause: busy }))).toBe(true);
      expect(isDatabaseBusy(new Error('no such table'))).toBe(false);
      expect(isDatabaseBusy('SQLITE_BUSY')).toBe(false);
    } finally {
      holder.exec('rollback');
      holder.close();
      other.close();
    }
  });
});
