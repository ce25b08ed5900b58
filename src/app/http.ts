import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
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

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** `GET /healthz`: 200 while the database is usable, 503 otherwise. */
export function healthzHandler(deps: HealthDeps): Handler {
  return (_req, res) => {
    const ok = deps.healthy();
    res
      .writeHead(ok ? 200 : 503, { 'content-type': 'application/json' })
      .end(JSON.stringify({ status: ok ? 'ok' : 'unavailable' }));
  };
}

/** `GET /metrics`: Prometheus text. */
export function metricsHandler(deps: HealthDeps): Handler {
  return (_req, res) => {
    deps.registry
      .metrics()
      .then((text) => res.writeHead(200, { 'content-type': deps.registry.contentType }).end(text))
      .catch((err: unknown) => {
        deps.logger.error({ err }, 'metrics collection failed');
        res.writeHead(500).end();
      });
  };
}

/**
 * A small server for `/healthz` and `/metrics`, used when no platform receiver already listens on
 * the port (Slack's HTTP mode serves the same routes itself).
 * @example const server = await startHealthServer(8080, deps); await server.close();
 */
export async function startHealthServer(port: number, deps: HealthDeps): Promise<HealthServer> {
  const routes: Record<string, Handler> = {
    '/healthz': healthzHandler(deps),
    '/metrics': metricsHandler(deps),
  };
  const server: Server = createServer((req, res) => {
    const handler = routes[(req.url ?? '/').split('?')[0] ?? '/'];
    if (!handler) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    if (req.method !== 'GET') {
      res.writeHead(405, { allow: 'GET' }).end();
      return;
    }
    handler(req, res);
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
