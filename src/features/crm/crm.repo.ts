import { and, asc, eq, inArray, isNotNull, lt, lte, or, sql } from 'drizzle-orm';
import type { CrmEvent } from '../../core/crm.js';
import type { Db } from '../../db/client.js';
import { crmConnections, crmQueue, customers } from '../../db/schema.js';
import type { CrmFailure } from './crm.domain.js';

export type CrmConnectionRow = typeof crmConnections.$inferSelect;
export type CrmQueueRow = typeof crmQueue.$inferSelect;

/** Rows due now: pending and due, or held by a sender whose lease ran out (it crashed). */
function dueCondition(now: Date) {
  return or(
    and(eq(crmQueue.status, 'pending'), lte(crmQueue.nextAttemptAt, now)),
    and(eq(crmQueue.status, 'sending'), lt(crmQueue.leaseUntil, now)),
  );
}

/** Queries over CRM connections, the CRM queue and customers' account links. */
export class CrmRepo {
  constructor(private readonly db: Db) {}

  connection(workspaceId: string): CrmConnectionRow | undefined {
    return this.db.select().from(crmConnections).where(eq(crmConnections.workspaceId, workspaceId)).get();
  }

  stoppedConnections(): CrmConnectionRow[] {
    return this.db.select().from(crmConnections).where(eq(crmConnections.status, 'stopped')).all();
  }

  /** Creates or replaces the workspace's connection, active and with a clean slate. */
  saveConnection(
    row: Pick<
      CrmConnectionRow,
      'workspaceId' | 'kind' | 'settings' | 'secretsEnc' | 'connectedBy' | 'connectedAt'
    >,
  ): void {
    const fresh = {
      ...row,
      status: 'active' as const,
      stoppedReason: null,
      lastError: null,
      lastErrorKind: null,
      lastErrorAt: null,
    };
    const { workspaceId: _key, ...update } = fresh;
    this.db
      .insert(crmConnections)
      .values(fresh)
      .onConflictDoUpdate({ target: crmConnections.workspaceId, set: update })
      .run();
  }

  deleteConnection(workspaceId: string): boolean {
    return (
      this.db.delete(crmConnections).where(eq(crmConnections.workspaceId, workspaceId)).run().changes === 1
    );
  }

  /**
   * Stops the connection made at `connectedAt`; true only for the call that stopped it, so exactly
   * one caller tells the admins. A reconnect in the meantime (another `connectedAt`) is left alone.
   */
  stop(workspaceId: string, connectedAt: Date, failure: CrmFailure, now: Date): boolean {
    return (
      this.db
        .update(crmConnections)
        .set({
          status: 'stopped',
          stoppedReason: failure.detail,
          lastError: failure.detail,
          lastErrorKind: failure.kind,
          lastErrorAt: now,
        })
        .where(
          and(
            eq(crmConnections.workspaceId, workspaceId),
            eq(crmConnections.connectedAt, connectedAt),
            eq(crmConnections.status, 'active'),
          ),
        )
        .run().changes === 1
    );
  }

  recordSync(workspaceId: string, at: Date): void {
    this.db
      .update(crmConnections)
      .set({ lastSyncAt: at })
      .where(eq(crmConnections.workspaceId, workspaceId))
      .run();
  }

  recordError(workspaceId: string, failure: CrmFailure, at: Date): void {
    this.db
      .update(crmConnections)
      .set({ lastError: failure.detail, lastErrorKind: failure.kind, lastErrorAt: at })
      .where(eq(crmConnections.workspaceId, workspaceId))
      .run();
  }

  /** Queues an event once: a second telling of the same event id is ignored. True when queued. */
  enqueue(workspaceId: string, event: CrmEvent, now: Date): boolean {
    return (
      this.db
        .insert(crmQueue)
        .values({
          workspaceId,
          eventId: event.id,
          event,
          status: 'pending',
          nextAttemptAt: now,
          createdAt: now,
        })
        .onConflictDoNothing()
        .run().changes === 1
    );
  }

  /** Due rows of workspaces whose connection is active, oldest first. */
  due(now: Date, limit: number): CrmQueueRow[] {
    return this.db
      .select({ row: crmQueue })
      .from(crmQueue)
      .innerJoin(
        crmConnections,
        and(eq(crmConnections.workspaceId, crmQueue.workspaceId), eq(crmConnections.status, 'active')),
      )
      .where(dueCondition(now))
      .orderBy(asc(crmQueue.id))
      .limit(limit)
      .all()
      .map((r) => r.row);
  }

  /** Takes a due row for one attempt; false when another sender has it. */
  claim(id: number, now: Date, leaseUntil: Date): boolean {
    return (
      this.db
        .update(crmQueue)
        .set({ status: 'sending', leaseUntil })
        .where(and(eq(crmQueue.id, id), dueCondition(now)))
        .run().changes === 1
    );
  }

  markSent(id: number, attempts: number, remoteId: string | undefined, at: Date): void {
    this.db
      .update(crmQueue)
      .set({
        status: 'sent',
        attempts,
        remoteId: remoteId ?? null,
        sentAt: at,
        leaseUntil: null,
        lastError: null,
      })
      .where(eq(crmQueue.id, id))
      .run();
  }

  retryLater(id: number, attempts: number, error: string, nextAttemptAt: Date): void {
    this.db
      .update(crmQueue)
      .set({ status: 'pending', attempts, lastError: error, nextAttemptAt, leaseUntil: null })
      .where(eq(crmQueue.id, id))
      .run();
  }

  giveUp(id: number, attempts: number, error: string): void {
    this.db
      .update(crmQueue)
      .set({ status: 'failed', attempts, lastError: error, leaseUntil: null })
      .where(eq(crmQueue.id, id))
      .run();
  }

  /** Hands a row back untried (the connection stopped under it): it waits for the reconnect. */
  release(id: number, error: string): void {
    this.db
      .update(crmQueue)
      .set({ status: 'pending', lastError: error, leaseUntil: null })
      .where(eq(crmQueue.id, id))
      .run();
  }

  /** Gives up what is still waiting, e.g. events for a CRM that was disconnected or replaced. */
  cancelWaiting(workspaceId: string, reason: string): number {
    return this.db
      .update(crmQueue)
      .set({ status: 'failed', lastError: reason, leaseUntil: null })
      .where(and(eq(crmQueue.workspaceId, workspaceId), inArray(crmQueue.status, ['pending', 'sending'])))
      .run().changes;
  }

  counts(workspaceId: string): { waiting: number; failed: number; sent: number } {
    const rows = this.db
      .select({ status: crmQueue.status, n: sql<number>`count(*)` })
      .from(crmQueue)
      .where(eq(crmQueue.workspaceId, workspaceId))
      .groupBy(crmQueue.status)
      .all();
    const n = (status: CrmQueueRow['status']) => rows.find((r) => r.status === status)?.n ?? 0;
    return { waiting: n('pending') + n('sending'), failed: n('failed'), sent: n('sent') };
  }

  linkedCustomers(workspaceId: string): number {
    return (
      this.db
        .select({ n: sql<number>`count(*)` })
        .from(customers)
        .where(and(eq(customers.workspaceId, workspaceId), isNotNull(customers.crmAccountId)))
        .get()?.n ?? 0
    );
  }

  /** Forgets every customer's account id: they belonged to the CRM that was replaced. */
  clearLinks(workspaceId: string): number {
    return this.db
      .update(customers)
      .set({ crmAccountId: null })
      .where(and(eq(customers.workspaceId, workspaceId), isNotNull(customers.crmAccountId)))
      .run().changes;
  }
}
