import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterEach, describe, expect, it } from 'vitest';
import { type HealthServer, startHealthServer } from '../src/app/http.js';
import { createHarness, type Harness } from './helpers/harness.js';

let h: Harness;
let server: HealthServer;
afterEach(async () => {
  await server?.close();
  await h.app.close();
});

async function start() {
  h = createHarness();
  server = await startHealthServer(0, {
    healthy: h.app.healthy,
    registry: h.app.metrics.registry,
    logger: h.logger,
  });
  return `http://127.0.0.1:${server.port}`;
}

describe('health and metrics', () => {
  it('/healthz answers 200 while the database is usable, 503 once it is not', async () => {
    const base = await start();
    const ok = await fetch(`${base}/healthz`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: 'ok' });
    h.app.db.close();
    const down = await fetch(`${base}/healthz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'unavailable' });
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
    expect(family('muster_scheduler_lag_seconds')?.type).toBe('GAUGE');
    expect(family('muster_errors_total')?.type).toBe('COUNTER');
  });

  it('answers 404 elsewhere and 405 to other methods', async () => {
    const base = await start();
    expect((await fetch(`${base}/nothing`)).status).toBe(404);
    expect((await fetch(`${base}/healthz`, { method: 'POST' })).status).toBe(405);
  });
});
