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
const DAY = 86_400_000;

/**
 * A database as the release before 0013 left it: one group that rated on 1–5, then switched to
 * 0–10 (its daily sums had no scale), and a week's review notes kept as one text.
 */
function databaseBefore(path: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'muster-migrations-'));
  cpSync(MIGRATIONS, dir, { recursive: true });
  const journalPath = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { idx: number }[] };
  journal.entries = journal.entries.filter((e) => e.idx <= 12);
  writeFileSync(journalPath, JSON.stringify(journal));
  const sqlite = new Database(path);
  migrate(drizzle(sqlite), { migrationsFolder: dir });
  const at = Date.parse('2026-11-02T02:00:00Z');
  sqlite.exec(`
    insert into workspaces (id, platform, created_at) values ('slack:T1', 'slack', ${at});
    insert into groups (id, workspace_id, timezone, locale, created_at) values ('slack:T1:C1', 'slack:T1', 'Asia/Shanghai', 'zh-CN', ${at});
    insert into feedback_settings (group_id, scale, updated_at) values ('slack:T1:C1', 'nps', ${at});
    insert into customers (id, workspace_id, key, name, created_at) values (1, 'slack:T1', 'acme', 'Acme', ${at});
    insert into feedback_items (workspace_id, group_id, customer_id, score, scale, comment, tags, author_id, created_at) values
      ('slack:T1', 'slack:T1:C1', 1, 4, 'csat', '', '[]', 'slack:T1:bob', ${at}),
      ('slack:T1', 'slack:T1:C1', 1, 9, 'nps', '', '[]', 'slack:T1:bob', ${at + 3 * DAY});
    insert into feedback_daily (group_id, day, customer_id, count, total, promoters, passives, detractors) values
      ('slack:T1:C1', '2026-11-02', 1, 1, 4, 0, 0, 1),
      ('slack:T1:C1', '2026-11-05', 1, 1, 9, 1, 0, 0);
    insert into reviews (group_id, week, notes, notes_by, notes_at) values
      ('slack:T1:C1', '2026-11-02', '报价本周内发出。', 'slack:T1:max', ${at}),
      ('slack:T1:C1', '2026-11-09', null, null, null);
  `);
  sqlite.close();
  rmSync(dir, { recursive: true });
}

describe('upgrading to per-scale sums and review notes one by one', () => {
  it('gives each day’s sums the scale its scores were given on, and keeps a week’s notes as its first note', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'muster-upgrade-')), 'muster.db');
    databaseBefore(path);
    const { sqlite, close } = openDb(path);
    expect(sqlite.prepare('select day, scale, count, total from feedback_daily order by day').all()).toEqual([
      { day: '2026-11-02', scale: 'csat', count: 1, total: 4 },
      { day: '2026-11-05', scale: 'nps', count: 1, total: 9 },
    ]);
    expect(
      sqlite
        .prepare(
          'select r.week, n.text, n.author_id, n.created_at from review_notes n join reviews r on r.id = n.review_id',
        )
        .all(),
    ).toEqual([
      {
        week: '2026-11-02',
        text: '报价本周内发出。',
        author_id: 'slack:T1:max',
        created_at: Date.parse('2026-11-02T02:00:00Z'),
      },
    ]);
    close();
  });
});
