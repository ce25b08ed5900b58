import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { describe, expect, it } from 'vitest';
import { openDb } from './client.js';

const MIGRATIONS = fileURLToPath(new URL('../../migrations', import.meta.url));

/** A database as the release before group_members left it: migrations up to 0010 only. */
function databaseBefore(path: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'muster-migrations-'));
  cpSync(MIGRATIONS, dir, { recursive: true });
  const journalPath = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { idx: number }[] };
  journal.entries = journal.entries.filter((e) => e.idx <= 10);
  writeFileSync(journalPath, JSON.stringify(journal));
  const sqlite = new Database(path);
  migrate(drizzle(sqlite), { migrationsFolder: dir });
  const at = Date.parse('2026-11-01T00:00:00Z');
  sqlite.exec(`
    insert into workspaces (id, platform, created_at) values ('slack:T1', 'slack', ${at});
    insert into groups (id, workspace_id, timezone, locale, created_at) values ('slack:T1:C1', 'slack:T1', 'UTC', 'en', ${at});
    insert into members (id, workspace_id, display_name, created_at) values
      ('slack:T1:bob', 'slack:T1', 'bob', ${at}), ('slack:T1:lin', 'slack:T1', 'lin', ${at}), ('slack:T1:gone', 'slack:T1', 'gone', ${at});
    insert into group_activity (group_id, member_id, last_active_at, left_at) values
      ('slack:T1:C1', 'slack:T1:bob', ${at + 1000}, null), ('slack:T1:C1', 'slack:T1:gone', ${at + 2000}, ${at + 3000});
    insert into group_roles (group_id, member_id, role, assigned_by, assigned_at) values
      ('slack:T1:C1', 'slack:T1:lin', 'customer', 'slack:T1:admin', ${at + 500}),
      ('slack:T1:C1', 'slack:T1:bob', 'pm', 'slack:T1:admin', ${at + 500});
  `);
  sqlite.close();
  rmSync(dir, { recursive: true });
}

describe('upgrading to group_members', () => {
  it('keeps everyone seen with their activity and whether they left, and turns the customer role into the customer side', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'muster-upgrade-')), 'muster.db');
    databaseBefore(path);
    const { sqlite, close } = openDb(path);
    const at = Date.parse('2026-11-01T00:00:00Z');
    expect(
      sqlite
        .prepare(
          'select member_id, joined_at, last_active_at, left_at, side, side_set_by from group_members order by member_id',
        )
        .all(),
    ).toEqual([
      {
        member_id: 'slack:T1:bob',
        joined_at: at + 1000,
        last_active_at: at + 1000,
        left_at: null,
        side: null,
        side_set_by: null,
      },
      {
        member_id: 'slack:T1:gone',
        joined_at: at + 2000,
        last_active_at: at + 2000,
        left_at: at + 3000,
        side: null,
        side_set_by: null,
      },
      {
        member_id: 'slack:T1:lin',
        joined_at: at + 500,
        last_active_at: null,
        left_at: null,
        side: 'customer',
        side_set_by: 'slack:T1:admin',
      },
    ]);
    expect(sqlite.prepare('select member_id, role from group_roles').all()).toEqual([
      { member_id: 'slack:T1:bob', role: 'pm' },
    ]);
    expect(sqlite.prepare("select name from sqlite_master where name = 'group_activity'").all()).toEqual([]);
    close();
  });
});
