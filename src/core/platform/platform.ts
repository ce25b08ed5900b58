import type { InboundEvent } from './events.js';
import type { ConversationRef, MessageRef, PlatformName, UserRef } from './ids.js';
import type { FormSpec, OutboundMessage } from './messages.js';

/**
 * What a platform can do; features ask this instead of testing the platform's name.
 * @example if (!platform.capabilities.ephemeral) deliver as a DM instead
 */
export interface Capabilities {
  /** Messages only one person in a channel sees. */
  ephemeral: boolean;
  /** Modal forms. */
  forms: boolean;
  /** Clickable buttons. */
  buttons: boolean;
  /** Replies in threads under a parent message. */
  threads: boolean;
  /** Deleting other people's messages. */
  deleteOthersMessages: boolean;
  /** Temporarily muting a member. */
  timeoutMember: boolean;
  /** Removing a member from the group. */
  removeMember: boolean;
  /** Longest message text the platform accepts, in characters. */
  maxMessageLength: number;
}

/** Where a message goes. Ephemeral targets fall back to a DM on platforms without ephemeral messages. */
export type DeliveryTarget =
  | { kind: 'channel'; conversation: ConversationRef; threadId?: string }
  | { kind: 'dm'; user: UserRef }
  | { kind: 'ephemeral'; conversation: ConversationRef; user: UserRef };

/**
 * Thrown by adapters when a send fails; the core's delivery policy decides what happens next.
 * @example throw new DeliveryError('rate limited', { transient: true, retryAfterMs: 30_000 })
 */
export class DeliveryError extends Error {
  readonly transient: boolean;
  readonly retryAfterMs: number | undefined;
  constructor(message: string, options: { transient: boolean; retryAfterMs?: number; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'DeliveryError';
    this.transient = options.transient;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/**
 * What the core may ask of a platform. Adapters implement it; the core never sees an SDK.
 * Send methods throw `DeliveryError` so the outbox can tell a rate limit from a closed DM.
 */
export interface ChatPlatform {
  readonly name: PlatformName;
  readonly capabilities: Capabilities;
  /** Sends a message and returns the platform's id for it. */
  send(target: DeliveryTarget, message: OutboundMessage): Promise<MessageRef>;
}

/**
 * Answers the event that is being handled. Hides Slack's ack/respond and Discord's reply/defer:
 * the adapter knows whether the platform's 3-second window is still open.
 */
export interface Responder {
  /** Replies to the person who caused the event; `channel` posts it for everyone. */
  reply(message: OutboundMessage, visibility: 'ephemeral' | 'channel'): Promise<MessageRef | undefined>;
  /** Opens a form for the person who caused the event. */
  openForm(form: FormSpec): Promise<void>;
  /** Rejects a form submission, keeping the form open where the platform allows, with a message per field. */
  rejectForm(errors: Record<string, string>): Promise<void>;
}

/** Where adapters push normalized events. Never throws: failures are logged and answered. */
export interface EventSink {
  handle(event: InboundEvent, responder: Responder): Promise<void>;
}
