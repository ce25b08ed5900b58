import { and, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Clock } from '../core/clock.js';
import { afterFailure, defaultRetryPolicy, type RetryPolicy } from '../core/delivery-policy.js';
import type { MessageRef, PlatformName } from '../core/platform/ids.js';
import type { OutboundMessage } from '../core/platform/messages.js';
import {
  type ChatPlatform,
  DeliveryError,
  type DeliveryTarget,
  type SendIdentity,
} from '../core/platform/platform.js';
import type { Delivery, Logger, SendOptions, SendResult } from '../core/ports.js';
import type { Db } from '../db/client.js';
import { outbox } from '../db/schema.js';
import type { Instances } from './instances.js';

type OutboxRow = typeof outbox.$inferSelect;

export type OutboxEvent = 'sent' | 'retry' | 'failed';

export interface OutboxDeps {
  db: Db;
  platform(name: PlatformName): ChatPlatform | undefined;
  clock: Clock;
  logger: Logger;
  /** This process among those sharing the file: rows it is sending are its own until it is gone. */
  instances: Instances;
  policy?: RetryPolicy;
  onEvent?(event: OutboxEvent, row: { id: number; platform: string; target: string; error?: string }): void;
}

/**
 * The durable delivery path: every send is a row first, then an attempt. Transient failures are
 * retried with backoff by `drain()`; permanent ones are given up and reported. A restart resumes
 * whatever is pending. A row is marked `sending`, with its sender, before the platform call; one
 * left so by a sender that is gone is taken over and resent as `resumed`, so a platform that can
 * tell it already has the message (Slack metadata, Discord's nonce) answers with it instead.
 * @example const outbox = new Outbox(deps); await outbox.send('console', target, { text: 'hi' }); await outbox.drain();
 */
export class Outbox implements Delivery {
  readonly #deps: OutboxDeps;
  readonly #policy: RetryPolicy;
  #draining: Promise<number> | undefined;
  /** Rows this process is sending right now; its other `sending` rows were left by a stopped attempt. */
  readonly #inFlight = new Set<number>();

  // Every message goes through these three statements; they are prepared once, not per send.
  readonly #insert;
  readonly #claimRow;
  readonly #markSent;

  constructor(deps: OutboxDeps) {
    this.#deps = deps;
    this.#policy = deps.policy ?? defaultRetryPolicy;
    const { db } = deps;
    this.#insert = db
      .insert(outbox)
      .values({
        platform: sql.placeholder('platform'),
        target: sql.placeholder('target'),
        message: sql.placeholder('message'),
        dedupeKey: sql.placeholder('dedupeKey'),
        status: 'pending',
        nextAttemptAt: sql.placeholder('now'),
        createdAt: sql.placeholder('now'),
      })
      .onConflictDoNothing()
      .returning()
      .prepare();
    this.#claimRow = db
      .update(outbox)
      .set({ status: 'sending', owner: deps.instances.id })
      .where(and(eq(outbox.id, sql.placeholder('id')), eq(outbox.status, 'pending')))
      .prepare();
    this.#markSent = db
      .update(outbox)
      .set({
        status: 'sent',
        attempts: sql`${sql.placeholder('attempts')}`,
        // Raw SQL skips column mapping, so times go in as milliseconds.
        sentAt: sql`${sql.placeholder('sentAtMs')}`,
        owner: null,
        platformMessageId: sql`${sql.placeholder('platformMessageId')}`,
      })
      .where(eq(outbox.id, sql.placeholder('id')))
      .prepare();
  }

  async send(
    platform: PlatformName,
    target: DeliveryTarget,
    message: OutboundMessage,
    options: SendOptions = {},
  ): Promise<SendResult> {
    const now = this.#deps.clock.now();
    const inserted = this.#insert.get({
      platform,
      target: JSON.stringify(target),
      message: JSON.stringify(message),
      dedupeKey: options.dedupeKey ?? null,
      now,
    });
    if (!inserted) {
      // Same dedupe key as an earlier send: that one stands, whatever its state.
      const existing = this.#deps.db
        .select()
        .from(outbox)
        .where(eq(outbox.dedupeKey, options.dedupeKey ?? ''))
        .get();
      return existing?.status === 'sent'
        ? { status: 'sent', ref: this.#refOf(existing) }
        : { status: 'queued' };
    }
    return this.#attempt(inserted, options.firstAttempt);
  }

  /** Attempts every row that is due (and rows whose sender is gone, or stopped, holding them). Returns how many were tried. */
  drain(): Promise<number> {
    // Overlapping ticks share one pass instead of racing each other for the same rows.
    this.#draining ??= this.#drainOnce().finally(() => {
      this.#draining = undefined;
    });
    return this.#draining;
  }

  async #drainOnce(): Promise<number> {
    const { db, clock, instances } = this.#deps;
    const pending = db
      .select()
      .from(outbox)
      .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, clock.now())))
      .orderBy(outbox.id)
      .limit(500)
      .all();
    // Few rows are ever mid-send; whose sender is gone is the instances' call, not a timeout's.
    const orphaned = db
      .select()
      .from(outbox)
      .where(eq(outbox.status, 'sending'))
      .all()
      .filter((row) =>
        row.owner === instances.id ? !this.#inFlight.has(row.id) : instances.gone(row.owner),
      );
    for (const row of orphaned) await this.#attempt(row, undefined);
    for (const row of pending) await this.#attempt(row, undefined);
    return orphaned.length + pending.length;
  }

  /** Messages not yet sent nor given up. */
  depth(): number {
    const row = this.#deps.db
      .select({ n: sql<number>`count(*)` })
      .from(outbox)
      .where(inArray(outbox.status, ['pending', 'sending']))
      .get();
    return row?.n ?? 0;
  }

  /** Takes a row to send: a pending one, or one left `sending` by a sender that is gone (compare-and-set on it). */
  #claim(row: OutboxRow): boolean {
    const { db, instances } = this.#deps;
    if (row.status === 'pending') return this.#claimRow.run({ id: row.id }).changes === 1;
    const seen = row.owner === null ? isNull(outbox.owner) : eq(outbox.owner, row.owner);
    return (
      db
        .update(outbox)
        .set({ owner: instances.id })
        .where(and(eq(outbox.id, row.id), eq(outbox.status, 'sending'), seen))
        .run().changes === 1
    );
  }

  async #attempt(row: OutboxRow, firstAttempt: SendOptions['firstAttempt']): Promise<SendResult> {
    if (this.#inFlight.has(row.id) || !this.#claim(row)) return { status: 'queued' };
    this.#inFlight.add(row.id);
    try {
      return await this.#attemptClaimed(row, firstAttempt);
    } finally {
      this.#inFlight.delete(row.id);
    }
  }

  async #attemptClaimed(row: OutboxRow, firstAttempt: SendOptions['firstAttempt']): Promise<SendResult> {
    const attempts = row.attempts + 1;
    // The row's id and creation instant name it on the platform; unlike the dedupe key, every row has them.
    const identity: SendIdentity = {
      key: `muster:${row.id}@${row.createdAt.getTime()}`,
      // Left mid-send, or failed without a clear answer: the platform may have the message already.
      resumed: row.status === 'sending' || row.attempts > 0,
    };
    let ref: MessageRef | undefined;
    try {
      ref = firstAttempt ? await firstAttempt() : await this.#sendNow(row, identity);
    } catch (error) {
      return this.#failed(row, attempts, error);
    }
    // Outside the send's try: failing to record (a busy database) is not a failed send. The row
    // stays ours mid-send, and the next drain resends it as resumed, which finds the message.
    this.#markSent.run({
      id: row.id,
      attempts,
      sentAtMs: this.#deps.clock.now().getTime(),
      platformMessageId: ref?.messageId ?? null,
    });
    this.#deps.onEvent?.('sent', row);
    return { status: 'sent', ref };
  }

  #failed(row: OutboxRow, attempts: number, error: unknown): SendResult {
    const { db, clock, logger } = this.#deps;
    const text = error instanceof Error ? error.message : String(error);
    const decision = afterFailure(error, attempts, this.#policy);
    if (decision.retry) {
      db.update(outbox)
        .set({
          status: 'pending',
          attempts,
          owner: null,
          lastError: text,
          nextAttemptAt: new Date(clock.now().getTime() + decision.delayMs),
        })
        .where(eq(outbox.id, row.id))
        .run();
      logger.warn(
        { outboxId: row.id, platform: row.platform, attempts, error: text },
        'send failed; will retry',
      );
      this.#deps.onEvent?.('retry', { ...row, error: text });
      return { status: 'queued' };
    }
    db.update(outbox)
      .set({ status: 'failed', attempts, owner: null, lastError: text })
      .where(eq(outbox.id, row.id))
      .run();
    logger.error(
      { outboxId: row.id, platform: row.platform, attempts, reason: decision.reason, error: text },
      'send given up',
    );
    this.#deps.onEvent?.('failed', { ...row, error: text });
    return { status: 'failed', error: text };
  }

  async #sendNow(row: OutboxRow, identity: SendIdentity): Promise<MessageRef | undefined> {
    const platform = this.#deps.platform(row.platform);
    if (!platform) throw new Error(`platform ${row.platform} is not connected`);
    const target = JSON.parse(row.target) as DeliveryTarget;
    const message = JSON.parse(row.message) as OutboundMessage;
    // Ephemeral messages outside an interaction do not exist everywhere; a DM reaches the same person.
    const resolved: DeliveryTarget =
      target.kind === 'ephemeral' && !platform.capabilities.ephemeral
        ? { kind: 'dm', user: target.user, fallback: target.conversation }
        : target;
    try {
      return await platform.send(resolved, message, identity);
    } catch (error) {
      if (
        !(
          resolved.kind === 'dm' &&
          resolved.fallback &&
          error instanceof DeliveryError &&
          error.recipientClosed
        )
      ) {
        throw error;
      }
      // Closed DMs are the person's choice; a mention in the group still reaches them.
      this.#deps.logger.warn(
        { outboxId: row.id, platform: row.platform, user: resolved.user.userId },
        'direct message refused; mentioning the person in the group instead',
      );
      const mention = `<@${resolved.user.userId}>`;
      // Files meant for one person (exports) are not posted for the whole group.
      const { attachments: _private, ...shareable } = message;
      return platform.send(
        { kind: 'channel', conversation: resolved.fallback },
        {
          ...shareable,
          text: `${mention} ${message.text}`,
          // Platforms that show the blocks instead of the text must see the mention there too.
          ...(message.blocks ? { blocks: [{ type: 'section', text: mention }, ...message.blocks] } : {}),
        },
        { key: `${identity.key}:group`, resumed: identity.resumed },
      );
    }
  }

  #refOf(row: OutboxRow): MessageRef | undefined {
    if (!row.platformMessageId) return undefined;
    const target = JSON.parse(row.target) as DeliveryTarget;
    if (target.kind === 'dm') return undefined;
    return { conversation: target.conversation, messageId: row.platformMessageId };
  }
}
