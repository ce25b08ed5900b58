import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { translator } from '../../src/core/i18n/catalog.js';
import { counter } from '../helpers/discord-harness.js';
import { createHarness, type Harness, snapshot } from '../helpers/harness.js';

const TABLES = ['customers', 'feedback_items', 'feedback_history', 'audit_log', 'outbox', 'group_roles'];
const LONG = 'The delivery was late again and nobody told us. '.repeat(30);

let h: Harness;
let pages = 0;
afterEach(async () => {
  // Room again, so closing can write what it batched.
  h.sql.pragma(`max_page_count = ${pages * 100}`);
  await h.app.close();
});

/** A file database that is full from now on: SQLite refuses any write that needs one more page. */
function fill(): void {
  // Free pages (a migration that drops a table leaves some) would take writes without growing the file.
  h.sql.exec('VACUUM');
  pages = h.sql.pragma('page_count', { simple: true }) as number;
  h.sql.pragma(`max_page_count = ${pages}`);
}

describe('a disk that fills while running', () => {
  it('a command whose write does not fit answers "could not save", ephemerally, in the person’s language, and changes nothing', async () => {
    h = createHarness({ dbPath: join(mkdtempSync(join(tmpdir(), 'muster-full-')), 'muster.db') });
    // Two long items fill their table's page, so a third needs a new one.
    await h.run(`/feedback customer:Acme rating:4 ${LONG}`, { user: 'bob' });
    await h.run(`/feedback customer:Acme rating:5 ${LONG}`, { user: 'bob' });
    fill();
    const before = snapshot(h, TABLES);
    const en = await h.run(`/feedback customer:Acme rating:2 ${LONG}`, { user: 'bob' });
    expect(en.text).toBe(translator('en')('error.notSaved'));
    expect(en.responder.replies[0]?.visibility).toBe('ephemeral');
    const zh = await h.run(`/feedback customer:Globex rating:2 ${LONG}`, { user: 'wang', locale: 'zh-CN' });
    expect(zh.text).toBe('Muster 暂时无法保存，本次操作没有生效，请过几分钟再试。');
    expect(snapshot(h, TABLES)).toBe(before);
    expect(await counter(h, 'muster_db_write_errors_total', { kind: 'full' })).toBe(2);
    expect(await counter(h, 'muster_commands_total', { command: '/feedback', outcome: 'error' })).toBe(2);
    const logged = h.logLines.find((l) => l.includes('could not save')) ?? '';
    expect(logged).toContain('"kind":"full"');
    expect(logged).toContain('"command":"feedback"');
    expect(logged).not.toContain('delivery was late');
  });

  it('when even recording the event fails, the person still hears "could not save"', async () => {
    h = createHarness({ dbPath: join(mkdtempSync(join(tmpdir(), 'muster-full-')), 'muster.db') });
    await h.run('/muster help', { user: 'bob' });
    fill();
    // Every last byte of room goes to event ids, the first thing a command writes.
    const insert = h.sql.prepare(
      "insert into processed_events (platform, event_id, received_at) values ('slack', ?, 0)",
    );
    for (let i = 0; ; i++) {
      try {
        insert.run(`padding-${i}`);
      } catch {
        break;
      }
    }
    const { text, responder } = await h.run('/role add <@carol> pm', { locale: 'zh-CN' });
    expect(text).toBe('Muster 暂时无法保存，本次操作没有生效，请过几分钟再试。');
    expect(responder.replies[0]?.visibility).toBe('ephemeral');
    expect(h.sql.prepare('select count(*) n from group_roles').get()).toEqual({ n: 0 });
    // It stopped before the command ran: no outcome was counted for it.
    expect(await counter(h, 'muster_commands_total', { command: '/role' })).toBe(0);
    expect(await counter(h, 'muster_db_write_errors_total', { kind: 'full' })).toBe(1);
  });
});
