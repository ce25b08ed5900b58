import { Counter, Gauge, Registry } from 'prom-client';
import type { PlatformName } from '../core/platform/ids.js';
import type { RejectionReason } from '../core/platform/rejection.js';
import type { CoreMetrics } from '../core/ports.js';
import type { OutboxEvent } from '../scheduler/outbox.js';

/**
 * Prometheus metrics for `/metrics`: events in and rejected, commands, errors, outbox depth,
 * scheduler lag, and whether the database takes writes. A registry per app instance (not
 * prom-client's global) keeps tests independent.
 */
export function createMetrics(outboxDepth: () => number, databaseWritable: () => boolean) {
  const registry = new Registry();
  const eventsIn = new Counter({
    name: 'muster_events_in_total',
    help: 'Inbound platform events, by platform and type',
    labelNames: ['platform', 'type'],
    registers: [registry],
  });
  const eventsRejected = new Counter({
    name: 'muster_events_rejected_total',
    help: 'Inbound platform events refused before reaching the core (malformed payloads, empty ids), by platform and reason',
    labelNames: ['platform', 'reason'],
    registers: [registry],
  });
  const commands = new Counter({
    name: 'muster_commands_total',
    help: 'Commands, buttons and forms handled, by name and outcome',
    labelNames: ['command', 'outcome'],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'muster_errors_total',
    help: 'Unexpected errors, by where they happened',
    labelNames: ['where'],
    registers: [registry],
  });
  const outboxSends = new Counter({
    name: 'muster_outbox_attempts_total',
    help: 'Outbox send attempts, by result (sent, retry, failed)',
    labelNames: ['result'],
    registers: [registry],
  });
  new Gauge({
    name: 'muster_outbox_depth',
    help: 'Messages waiting to be sent or retried',
    registers: [registry],
    collect() {
      this.set(outboxDepth());
    },
  });
  const dbWriteErrors = new Counter({
    name: 'muster_db_write_errors_total',
    help: 'Commands, clicks and forms answered "could not save" (disk full, read-only, locked past the timeout), by kind',
    labelNames: ['kind'],
    registers: [registry],
  });
  new Gauge({
    name: 'muster_db_writable',
    help: '1 while the database takes writes, 0 while it does not (checked at each scrape)',
    registers: [registry],
    collect() {
      this.set(databaseWritable() ? 1 : 0);
    },
  });
  const schedulerLag = new Gauge({
    name: 'muster_scheduler_lag_seconds',
    help: 'How late the last scheduler tick ran after its minute began',
    registers: [registry],
  });

  const eventCounters = new Map<string, ReturnType<typeof eventsIn.labels>>();
  const core: CoreMetrics = {
    eventRejected: (platform, reason) => eventsRejected.inc({ platform, reason }),
    eventReceived(platform, type) {
      // Every inbound message passes here: keep the labelled child instead of hashing labels each time.
      const key = `${platform} ${type}`;
      let child = eventCounters.get(key);
      if (!child) {
        child = eventsIn.labels({ platform, type });
        eventCounters.set(key, child);
      }
      child.inc();
    },
    commandHandled: (command, outcome) => {
      commands.inc({ command, outcome });
      if (outcome === 'error') errors.inc({ where: 'command' });
    },
    storageFailed: (kind) => dbWriteErrors.inc({ kind }),
  };

  return {
    registry,
    core,
    outboxEvent: (event: OutboxEvent) => {
      outboxSends.inc({ result: event });
      if (event === 'failed') errors.inc({ where: 'outbox' });
    },
    schedulerLag: (seconds: number) => schedulerLag.set(seconds),
    error: (where: string) => errors.inc({ where }),
    eventRejected: (platform: PlatformName, reason: RejectionReason) =>
      eventsRejected.inc({ platform, reason }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
