import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import type { Logger } from '../core/ports.js';

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

export interface HealthDeps {
  /** True while the database answers. */
  healthy(): boolean;
  registry: Registry;
  logger: Logger;
}

/**
 * `GET /healthz` (200 while the database is usable, 503 otherwise) and `GET /metrics` (Prometheus text).
 * @example const server = await startHealthServer(8080, deps); await server.close();
 */
export async function startHealthServer(port: number, deps: HealthDeps): Promise<HealthServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET') {
      res.writeHead(405, { allow: 'GET' }).end();
      return;
    }
    if (path === '/healthz') {
      const ok = deps.healthy();
      res
        .writeHead(ok ? 200 : 503, { 'content-type': 'application/json' })
        .end(JSON.stringify({ status: ok ? 'ok' : 'unavailable' }));
      return;
    }
    if (path === '/metrics') {
      deps.registry
        .metrics()
        .then((text) => res.writeHead(200, { 'content-type': deps.registry.contentType }).end(text))
        .catch((err: unknown) => {
          deps.logger.error({ err }, 'metrics collection failed');
          res.writeHead(500).end();
        });
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
