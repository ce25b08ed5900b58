import type { Permission } from './commands/define-command.js';
import type { Locale } from './i18n/locale.js';
import type { InboundEvent } from './platform/events.js';
import type { MessageRef, PlatformName } from './platform/ids.js';
import type { OutboundMessage } from './platform/messages.js';
import type { DeliveryTarget } from './platform/platform.js';
import type { RejectionReason } from './platform/rejection.js';
import type { StorageFailure } from './storage-errors.js';

/** Who the actor is in the place the event came from, resolved from storage. */
export interface ResolvedActor {
  workspaceId: string;
  groupId: string | undefined;
  locale: Locale;
  timezone: string;
  level: Permission;
}

/**
 * Knows workspaces, groups, members and roles. Implemented over SQLite by the people feature.
 * @example const who = directory.resolve(event, clock.now()); if (who.level === 'admin') …
 */
export interface Directory {
  /** Records the workspace, group and member an event comes from (and their activity), then resolves them. */
  resolve(event: InboundEvent, now: Date): ResolvedActor;
  /**
   * The actor's level in a group, or undefined when that group is not in a workspace the actor
   * speaks from, or the actor is not part of it (no role, never seen there, not a workspace admin).
   * A DM reaches the groups of every workspace where the person is known (Discord's DMs belong to
   * no server).
   */
  levelIn(event: InboundEvent, groupId: string): Permission | undefined;
  /** 'owner' for the workspace's own admins; undefined when the actor does not speak for that workspace. */
  levelInWorkspace(event: InboundEvent, workspaceId: string): Permission | undefined;
}

/** Remembers which platform deliveries were handled, so retries run once. */
export interface EventLedger {
  /**
   * True the first time an event id is seen, false for every retry of it. `passive` events (plain
   * messages, joins) may be remembered in batches: they are the bulk of traffic and a rare second
   * look at one after a crash costs nothing, where a command run twice would.
   */
  firstSeen(platform: PlatformName, eventId: string, now: Date, passive?: boolean): boolean;
}

export type SendResult =
  | { status: 'sent'; ref: MessageRef | undefined }
  | { status: 'queued' }
  | { status: 'failed'; error: string };

export interface SendOptions {
  /** Makes the send idempotent: a second send with the same key does nothing (scheduled posts). */
  dedupeKey?: string;
  /** How to make the first attempt while an interaction is still open (Slack response_url, Discord reply). */
  firstAttempt?: () => Promise<MessageRef | undefined>;
}

/**
 * The one path every outgoing message takes: recorded durably, attempted, retried with backoff.
 * @example await delivery.send('slack', { kind: 'dm', user }, { text: 'hi' })
 */
export interface Delivery {
  send(
    platform: PlatformName,
    target: DeliveryTarget,
    message: OutboundMessage,
    options?: SendOptions,
  ): Promise<SendResult>;
}

/** The subset of pino the core uses. */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export type CommandOutcome = 'ok' | 'denied' | 'usage' | 'unknown' | 'rejected' | 'error';

/** Counters the core reports; the app exports them as Prometheus metrics. */
export interface CoreMetrics {
  eventReceived(platform: string, type: string): void;
  commandHandled(command: string, outcome: CommandOutcome): void;
  /** An event refused before it was handled (a malformed one that got past its adapter). */
  eventRejected(platform: PlatformName, reason: RejectionReason): void;
  /** A command, click or form could not be saved (answered "could not save, nothing changed"). */
  storageFailed(kind: StorageFailure): void;
}

/** One run of scheduled work: which job, for what, for which slot (e.g. "2026-12-01"). */
export interface ClaimKey {
  job: string;
  target: string;
  slot: string;
}

/**
 * Exactly-once for scheduled work: a slot is claimed before it is acted on. A claim left unfinished
 * is taken over only when the process holding it is gone (or is this one, after a run stopped on a
 * busy database); the outbox's dedupe key (the claim key) then keeps the redone send from posting twice.
 * @example if (claims.claim({ job: 'standup.summary', target: groupId, slot: '2026-12-01' }, now, dueAt)) { …; claims.finish(key, 'done', now) }
 */
export interface JobClaims {
  /** True when this process may run the slot now; `dueAt` lets a later tick find it again if it is left unfinished. */
  claim(key: ClaimKey, now: Date, dueAt: Date): boolean;
  /** Records a slot that was missed beyond the catch-up window; true the first time. */
  skip(key: ClaimKey, now: Date): boolean;
  finish(key: ClaimKey, outcome: 'done' | 'failed', now: Date, error?: string): void;
  /** Gives a claim up unfinished (its run stopped on a busy database): it is redone on a later tick. */
  release(key: ClaimKey): void;
  /**
   * The earliest due instant, not before `since`, of a claim of these jobs that is unfinished and
   * free to redo (its owner is gone, or it is this process's own from a run that stopped): a job's
   * tick reaches back to it, so the slot is found and run again.
   */
  earliestUnfinished(jobs: readonly string[], since: Date): Date | undefined;
}
