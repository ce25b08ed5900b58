import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterEach, describe, expect, it } from 'vitest';
import { type HealthServer, startHealthServer } from '../src/app/http.js';
import { createHarness, type Harness } from './helpers/harness.js';

let h: Harness;
let server: HealthServer;
let ready: boolean;
afterEach(async () => {
  await server?.close();
  await h.app.close();
});

async function start(dbPath?: string) {
  h = createHarness(dbPath ? { dbPath } : {});
  ready = true;
  server = await startHealthServer(0, {
    database: h.app.database,
    ready: () => ready,
    registry: h.app.metrics.registry,
    logger: h.logger,
  });
  return `http://127.0.0.1:${server.port}`;
}

const fileDb = () => join(mkdtempSync(join(tmpdir(), 'muster-http-')), 'muster.db');

async function get(url: string) {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

async function metric(base: string, name: string) {
  const families = parsePrometheusTextFormat(await (await fetch(`${base}/metrics`)).text());
  return families.find((f) => f.name === name);
}

describe('health and metrics', () => {
  it('/healthz answers 200 while the database takes writes, 503 once it is closed', async () => {
    const base = await start();
    expect(await get(`${base}/healthz`)).toEqual({ status: 200, body: { status: 'ok' } });
    h.app.db.close();
    expect(await get(`${base}/healthz`)).toEqual({
      status: 503,
      body: { status: 'unavailable', database: 'closed' },
    });
  });

  it('/readyz says not ready before the platforms are connected and while stopping', async () => {
    const base = await start();
    ready = false;
    expect(await get(`${base}/readyz`)).toEqual({ status: 503, body: { status: 'not_ready' } });
    ready = true;
    expect(await get(`${base}/readyz`)).toEqual({ status: 200, body: { status: 'ready' } });
  });

  it('both go 503 while another writer holds the lock past the timeout, and back to 200 after', async () => {
    const path = fileDb();
    const base = await start(path);
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    try {
      const unavailable = { status: 503, body: { status: 'unavailable', database: 'busy' } };
      expect(await get(`${base}/healthz`)).toEqual(unavailable);
      expect(await get(`${base}/readyz`)).toEqual(unavailable);
      expect((await metric(base, 'muster_db_writable'))?.metrics).toEqual([{ value: '0' }]);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect((await get(`${base}/healthz`)).status).toBe(200);
    expect((await get(`${base}/readyz`)).status).toBe(200);
    expect((await metric(base, 'muster_db_writable'))?.metrics).toEqual([{ value: '1' }]);
  });

  it('both go 503 while the file is full (at its page limit) and while it is read-only', async () => {
    const base = await start(fileDb());
    const sql = h.app.db.sqlite;
    // Migrations that rebuild a table leave free pages, which a write would reuse: none may be left.
    sql.exec('VACUUM');
    const pages = sql.pragma('page_count', { simple: true }) as number;
    sql.pragma(`max_page_count = ${pages}`);
    expect(await get(`${base}/healthz`)).toEqual({
      status: 503,
      body: { status: 'unavailable', database: 'full' },
    });
    expect((await get(`${base}/readyz`)).body.database).toBe('full');
    sql.pragma(`max_page_count = ${pages * 100}`);
    // query_only makes every write fail as SQLITE_READONLY, like a file Muster may not write.
    sql.pragma('query_only = 1');
    expect((await get(`${base}/healthz`)).body).toEqual({ status: 'unavailable', database: 'readonly' });
    sql.pragma('query_only = 0');
    expect((await get(`${base}/healthz`)).status).toBe(200);
    // The probe leaves nothing behind.
    expect(sql.prepare("select name from sqlite_master where name like 'muster_%'").all()).toEqual([]);
  });

  it('/metrics parses as Prometheus text and counts events, commands and outbox depth', async () => {
    const base = await start();
    await h.run('/muster help');
    await h.run('/role add <@bob> pm', { user: 'bob' });
    await h.run('/nope');
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const families = parsePrometheusTextFormat(await res.text());
    const family = (name: string) => families.find((f) => f.name === name);
    expect(family('muster_events_in_total')?.metrics).toEqual([
      { labels: { platform: 'slack', type: 'command.invoked' }, value: '3' },
    ]);
    expect(family('muster_commands_total')?.metrics).toEqual(
      expect.arrayContaining([
        { labels: { command: '/muster', outcome: 'ok' }, value: '1' },
        { labels: { command: '/role', outcome: 'denied' }, value: '1' },
        { labels: { command: '/nope', outcome: 'unknown' }, value: '1' },
      ]),
    );
    expect(family('muster_outbox_depth')?.metrics).toEqual([{ value: '0' }]);
    expect(family('muster_db_writable')?.metrics).toEqual([{ value: '1' }]);
    expect(family('muster_scheduler_lag_seconds')?.type).toBe('GAUGE');
    expect(family('muster_errors_total')?.type).toBe('COUNTER');
    h.app.metrics.eventRejected('discord', 'missing_data');
    expect((await metric(base, 'muster_events_rejected_total'))?.metrics).toEqual([
      { labels: { platform: 'discord', reason: 'missing_data' }, value: '1' },
    ]);
  });

  it('answers 404 elsewhere and 405 to other methods', async () => {
    const base = await start();
    expect((await fetch(`${base}/nothing`)).status).toBe(404);
    expect((await fetch(`${base}/healthz`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${base}/readyz`, { method: 'POST' })).status).toBe(405);
  });
});
