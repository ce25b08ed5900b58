import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import type { Logger } from '../core/ports.js';
import type { DatabaseState } from '../db/write-probe.js';

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

export interface HealthDeps {
  /** 'ok' while the database takes writes, checked at each call; otherwise why not. */
  database(): DatabaseState;
  /** True once the platforms are connected, until shutting down begins. */
  ready(): boolean;
  registry: Registry;
  logger: Logger;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

function answer(res: ServerResponse, status: number, body: Record<string, string>): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/**
 * `GET /healthz`: 200 while the database takes writes, 503 otherwise (disk full, read-only, locked
 * past the timeout), with the reason: a process that cannot save answers no command.
 */
export function healthzHandler(deps: HealthDeps): Handler {
  return (_req, res) => {
    const database = deps.database();
    if (database === 'ok') answer(res, 200, { status: 'ok' });
    else answer(res, 503, { status: 'unavailable', database });
  };
}

/** `GET /readyz`: like `/healthz`, and 503 as well before the platforms are connected and while stopping. */
export function readyzHandler(deps: HealthDeps): Handler {
  return (_req, res) => {
    const database = deps.database();
    if (database !== 'ok') answer(res, 503, { status: 'unavailable', database });
    else if (!deps.ready()) answer(res, 503, { status: 'not_ready' });
    else answer(res, 200, { status: 'ready' });
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
 * A small server for `/healthz`, `/readyz` and `/metrics`, used when no platform receiver already listens on
 * the port (Slack's HTTP mode serves the same routes itself).
 * @example const server = await startHealthServer(8080, deps); await server.close();
 */
export async function startHealthServer(port: number, deps: HealthDeps): Promise<HealthServer> {
  const routes: Record<string, Handler> = {
    '/healthz': healthzHandler(deps),
    '/readyz': readyzHandler(deps),
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
