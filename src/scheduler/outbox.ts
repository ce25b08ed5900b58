import { and, eq, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type { Clock } from '../core/clock.js';
import { afterFailure, defaultRetryPolicy, type RetryPolicy } from '../core/delivery-policy.js';
import type { MessageRef, PlatformName } from '../core/platform/ids.js';
import type { OutboundMessage } from '../core/platform/messages.js';
import { type ChatPlatform, DeliveryError, type DeliveryTarget } from '../core/platform/platform.js';
import type { Delivery, Logger, SendOptions, SendResult } from '../core/ports.js';
import type { Db } from '../db/client.js';
import { outbox } from '../db/schema.js';

type OutboxRow = typeof outbox.$inferSelect;

export type OutboxEvent = 'sent' | 'retry' | 'failed';

export interface OutboxDeps {
  db: Db;
  platform(name: PlatformName): ChatPlatform | undefined;
  clock: Clock;
  logger: Logger;
  policy?: RetryPolicy;
  /** How long a sender holds a row; after a crash, another sender takes it once this passes. */
  leaseMs?: number;
  onEvent?(event: OutboxEvent, row: { id: number; platform: string; target: string; error?: string }): void;
}

/**
 * The durable delivery path: every send is a row first, then an attempt. Transient failures are
 * retried with backoff by `drain()`; permanent ones are given up and reported. A restart resumes
 * whatever is pending.
 * @example const outbox = new Outbox(deps); await outbox.send('console', target, { text: 'hi' }); await outbox.drain();
 */
export class Outbox implements Delivery {
  readonly #deps: OutboxDeps;
  readonly #policy: RetryPolicy;
  readonly #leaseMs: number;
  #draining: Promise<number> | undefined;

  // Every message goes through these three statements; they are prepared once, not per send.
  readonly #insert;
  readonly #claimRow;
  readonly #markSent;

  constructor(deps: OutboxDeps) {
    this.#deps = deps;
    this.#policy = deps.policy ?? defaultRetryPolicy;
    this.#leaseMs = deps.leaseMs ?? 60_000;
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
    const now = sql.placeholder('nowMs');
    this.#claimRow = db
      .update(outbox)
      .set({ status: 'sending', leaseUntil: sql`${sql.placeholder('leaseUntilMs')}` })
      .where(
        and(
          eq(outbox.id, sql.placeholder('id')),
          or(eq(outbox.status, 'pending'), and(eq(outbox.status, 'sending'), lt(outbox.leaseUntil, now))),
        ),
      )
      .prepare();
    this.#markSent = db
      .update(outbox)
      .set({
        status: 'sent',
        attempts: sql`${sql.placeholder('attempts')}`,
        // Raw SQL skips column mapping, so times go in as milliseconds.
        sentAt: sql`${sql.placeholder('sentAtMs')}`,
        leaseUntil: null,
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

  /** Attempts every row that is due (and rows whose sender died holding them). Returns how many were tried. */
  drain(): Promise<number> {
    // Overlapping ticks share one pass instead of racing each other for the same rows.
    this.#draining ??= this.#drainOnce().finally(() => {
      this.#draining = undefined;
    });
    return this.#draining;
  }

  async #drainOnce(): Promise<number> {
    const now = this.#deps.clock.now();
    const due = this.#deps.db
      .select()
      .from(outbox)
      .where(
        or(
          and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)),
          and(eq(outbox.status, 'sending'), lt(outbox.leaseUntil, now)),
        ),
      )
      .orderBy(outbox.id)
      .limit(500)
      .all();
    for (const row of due) await this.#attempt(row, undefined);
    return due.length;
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

  #claim(row: OutboxRow, now: Date): boolean {
    const leaseUntil = new Date(now.getTime() + this.#leaseMs);
    return (
      this.#claimRow.run({ id: row.id, nowMs: now.getTime(), leaseUntilMs: leaseUntil.getTime() }).changes ===
      1
    );
  }

  async #attempt(row: OutboxRow, firstAttempt: SendOptions['firstAttempt']): Promise<SendResult> {
    const { db, clock, logger } = this.#deps;
    if (!this.#claim(row, clock.now())) return { status: 'queued' };
    const attempts = row.attempts + 1;
    try {
      const ref = firstAttempt ? await firstAttempt() : await this.#sendNow(row);
      this.#markSent.run({
        id: row.id,
        attempts,
        sentAtMs: clock.now().getTime(),
        platformMessageId: ref?.messageId ?? null,
      });
      this.#deps.onEvent?.('sent', row);
      return { status: 'sent', ref };
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      const decision = afterFailure(error, attempts, this.#policy);
      if (decision.retry) {
        db.update(outbox)
          .set({
            status: 'pending',
            attempts,
            leaseUntil: null,
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
        .set({ status: 'failed', attempts, leaseUntil: null, lastError: text })
        .where(eq(outbox.id, row.id))
        .run();
      logger.error(
        { outboxId: row.id, platform: row.platform, attempts, reason: decision.reason, error: text },
        'send given up',
      );
      this.#deps.onEvent?.('failed', { ...row, error: text });
      return { status: 'failed', error: text };
    }
  }

  async #sendNow(row: OutboxRow): Promise<MessageRef | undefined> {
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
      return await platform.send(resolved, message);
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
