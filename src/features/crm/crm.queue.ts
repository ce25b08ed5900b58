import type { Clock } from '../../core/clock.js';
import { CrmError } from '../../core/crm.js';
import type { Logger } from '../../core/ports.js';
import type { CrmConnections } from './crm.connections.js';
import {
  afterCrmFailure,
  type CrmRetryPolicy,
  crmRetryPolicy,
  describeFailure,
  scrub,
} from './crm.domain.js';
import { crmEventSchema } from './crm.events.js';
import type { CrmConnectionRow, CrmQueueRow, CrmRepo } from './crm.repo.js';

/** Rows one pass takes; a fuller queue is worked through by further passes. */
const BATCH = 100;
/**
 * How long a sender holds a row. Longer than a connector can spend on one push (a token refresh
 * and a retry, 15 s each at most), so a live sender is never overtaken; a crashed one is, after it.
 */
const DEFAULT_LEASE_MS = 5 * 60_000;

export interface CrmQueueDeps {
  repo: CrmRepo;
  connections: CrmConnections;
  clock: Clock;
  logger: Logger;
  policy?: CrmRetryPolicy;
  leaseMs?: number;
  /** Tells the workspace's admins that its sync stopped. Idempotent: it may be called again after a restart. */
  announceStop(connection: CrmConnectionRow): Promise<void>;
}

/**
 * Sends queued events to the workspaces' CRMs. Exactly once, as far as a CRM without idempotency
 * keys allows: a row is claimed under a lease before the push and marked sent only after the CRM
 * said yes. Transient failures wait with backoff; permanent ones are given up; refused credentials
 * stop the workspace until an admin reconnects, with its events kept. A process that dies between
 * the CRM's yes and the mark leaves the row to be sent again once its lease passes: one duplicate
 * note is possible there (the webhook's receiver can drop it by `X-Muster-Delivery`).
 */
export class CrmQueue {
  readonly #deps: CrmQueueDeps;
  readonly #policy: CrmRetryPolicy;
  readonly #leaseMs: number;
  #draining: Promise<void> | undefined;
  #again = false;
  #kick: NodeJS.Immediate | undefined;
  #closed = false;
  /** Stops announced before a restart are announced again once (the outbox drops the repeats). */
  #reannounced = false;

  constructor(deps: CrmQueueDeps) {
    this.#deps = deps;
    this.#policy = deps.policy ?? crmRetryPolicy;
    this.#leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
  }

  /** Works through every due row; a call during a pass shares it and makes it look once more at the end. */
  drain(): Promise<void> {
    if (this.#draining) {
      this.#again = true;
      return this.#draining;
    }
    this.#draining = this.#drainLoop().finally(() => {
      this.#draining = undefined;
    });
    return this.#draining;
  }

  /**
   * A drain soon after the caller's transaction commits: started now, it could push an event whose
   * transaction then rolls back. Never awaited by a command, so a slow CRM never delays a reply.
   */
  kick(): void {
    if (this.#closed || this.#kick) return;
    this.#kick = setImmediate(() => {
      this.#kick = undefined;
      if (this.#closed) return;
      this.drain().catch((err: unknown) => this.#deps.logger.error({ err }, 'CRM queue drain failed'));
    });
  }

  /** Stops kicks and waits for the pass under way. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#kick) clearImmediate(this.#kick);
    this.#kick = undefined;
    await this.#draining;
  }

  async #drainLoop(): Promise<void> {
    await this.#reannounce();
    do {
      this.#again = false;
      const full = await this.#pass();
      if (full) this.#again = true;
    } while (this.#again && !this.#closed);
  }

  async #reannounce(): Promise<void> {
    if (this.#reannounced) return;
    this.#reannounced = true;
    for (const connection of this.#deps.repo.stoppedConnections()) await this.#announce(connection);
  }

  /** One pass over the due rows; true when it took a full batch (there may be more). */
  async #pass(): Promise<boolean> {
    const { repo, clock } = this.#deps;
    const due = repo.due(clock.now(), BATCH);
    for (const row of due) {
      if (this.#closed) break;
      // Read per row: an earlier row of this pass may have stopped the workspace.
      const connection = repo.connection(row.workspaceId);
      if (connection?.status !== 'active') continue;
      const now = clock.now();
      if (!repo.claim(row.id, now, new Date(now.getTime() + this.#leaseMs))) continue;
      await this.#attempt(row, connection);
    }
    return due.length === BATCH;
  }

  async #attempt(row: CrmQueueRow, connection: CrmConnectionRow): Promise<void> {
    const { repo, clock, logger, connections } = this.#deps;
    const attempts = row.attempts + 1;
    const parsed = crmEventSchema.safeParse(row.event);
    if (!parsed.success) {
      repo.giveUp(row.id, attempts, 'The queued event could not be read, so it was skipped.');
      logger.error({ crmQueueId: row.id, eventId: row.eventId }, 'unreadable CRM event given up');
      return;
    }
    let secrets: readonly string[] = [];
    try {
      const live = connections.for(connection);
      secrets = live.secrets;
      const result = await live.connector.push(parsed.data);
      const at = clock.now();
      repo.markSent(row.id, attempts, result.remoteId, at);
      repo.recordSync(row.workspaceId, at);
      logger.info(
        { workspaceId: row.workspaceId, eventId: row.eventId, remoteId: result.remoteId, attempts },
        'CRM event sent',
      );
    } catch (error) {
      await this.#failed(row, connection, attempts, error, secrets);
    }
  }

  async #failed(
    row: CrmQueueRow,
    connection: CrmConnectionRow,
    attempts: number,
    error: unknown,
    secrets: readonly string[],
  ): Promise<void> {
    const { repo, clock, logger } = this.#deps;
    const now = clock.now();
    const failure = describeFailure(error, secrets);
    const context = {
      workspaceId: row.workspaceId,
      eventId: row.eventId,
      attempts,
      kind: failure.kind,
      code: failure.code,
      error: failure.message,
    };
    // Connectors classify what they know; anything else is a surprise worth a stack in the logs
    // (scrubbed too: the raw error object may carry what the connector was sending).
    if (!(error instanceof CrmError)) {
      const stack = error instanceof Error && error.stack ? scrub(error.stack, secrets) : undefined;
      logger.error({ ...context, stack }, 'unexpected error pushing to the CRM');
    }
    const decision = afterCrmFailure(error, attempts, this.#policy);
    switch (decision.action) {
      case 'retry':
        repo.retryLater(row.id, attempts, failure.message, new Date(now.getTime() + decision.delayMs));
        repo.recordError(row.workspaceId, failure, now);
        logger.warn({ ...context, retryInMs: decision.delayMs }, 'CRM push failed; will retry');
        return;
      case 'give_up':
        repo.giveUp(row.id, attempts, failure.message);
        repo.recordError(row.workspaceId, failure, now);
        logger.error({ ...context, reason: decision.reason }, 'CRM push given up');
        return;
      case 'stop': {
        // Not the event's fault: it goes back untried and waits for the reconnect.
        repo.release(row.id, failure.message);
        if (!repo.stop(row.workspaceId, connection.connectedAt, failure, now)) return;
        logger.warn(context, 'CRM refused the credentials; syncing stopped for the workspace');
        const stopped = repo.connection(row.workspaceId);
        if (stopped) await this.#announce(stopped);
      }
    }
  }

  async #announce(connection: CrmConnectionRow): Promise<void> {
    try {
      await this.#deps.announceStop(connection);
    } catch (err) {
      this.#deps.logger.error(
        { err, workspaceId: connection.workspaceId },
        'could not tell admins the CRM sync stopped',
      );
    }
  }
}
