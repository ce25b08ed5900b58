import { Counter, Gauge, Registry } from 'prom-client';
import type { CoreMetrics } from '../core/ports.js';
import type { OutboxEvent } from '../scheduler/outbox.js';

/**
 * Prometheus metrics for `/metrics`: events in, commands, errors, outbox depth, scheduler lag.
 * A registry per app instance (not prom-client's global) keeps tests independent.
 */
export function createMetrics(outboxDepth: () => number) {
  const registry = new Registry();
  const eventsIn = new Counter({
    name: 'muster_events_in_total',
    help: 'Inbound platform events, by platform and type',
    labelNames: ['platform', 'type'],
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
  const schedulerLag = new Gauge({
    name: 'muster_scheduler_lag_seconds',
    help: 'How late the last scheduler tick ran after its minute began',
    registers: [registry],
  });

  const eventCounters = new Map<string, ReturnType<typeof eventsIn.labels>>();
  const core: CoreMetrics = {
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
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
