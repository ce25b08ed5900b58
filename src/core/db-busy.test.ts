import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { isDatabaseBusy } from './db-busy.js';

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
