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
  /** Removing a member from the group (Slack: the channel; Discord: the server). */
  removeMember: boolean;
  /** Banning a member so they cannot come back. */
  banMember: boolean;
  /** Longest message text the platform accepts, in characters. */
  maxMessageLength: number;
  /** Files (exports, charts) can be sent with a message; where not, features send text instead. */
  files: boolean;
}

/** Where a message goes. Ephemeral targets fall back to a DM on platforms without ephemeral messages. */
export type DeliveryTarget =
  | { kind: 'channel'; conversation: ConversationRef; threadId?: string }
  | {
      kind: 'dm';
      user: UserRef;
      /** Where to mention the person instead when their DMs are closed (Discord 50007). */
      fallback?: ConversationRef;
    }
  | { kind: 'ephemeral'; conversation: ConversationRef; user: UserRef };

/**
 * Thrown by adapters when a send fails; the core's delivery policy decides what happens next.
 * @example throw new DeliveryError('rate limited', { transient: true, retryAfterMs: 30_000 })
 */
export class DeliveryError extends Error {
  readonly transient: boolean;
  readonly retryAfterMs: number | undefined;
  /** The platform refused for lack of a permission Muster could be granted (Discord 50013). */
  readonly missingPermission: boolean;
  /** The person does not accept direct messages from Muster (Discord 50007). */
  readonly recipientClosed: boolean;
  constructor(
    message: string,
    options: {
      transient: boolean;
      retryAfterMs?: number;
      missingPermission?: boolean;
      recipientClosed?: boolean;
      cause?: unknown;
    },
  ) {
    super(message, { cause: options.cause });
    this.name = 'DeliveryError';
    this.transient = options.transient;
    this.retryAfterMs = options.retryAfterMs;
    this.missingPermission = options.missingPermission ?? false;
    this.recipientClosed = options.recipientClosed ?? false;
  }
}

/**
 * Something done to a member or a message on the platform's side (group rules, prunes).
 * @example { kind: 'timeout', user, conversation, until: new Date(now + 600_000), reason: 'Rule #3: flood' }
 */
export type ModerationAction =
  | { kind: 'delete'; message: MessageRef; reason: string }
  | { kind: 'timeout'; user: UserRef; conversation: ConversationRef; until: Date; reason: string }
  | { kind: 'remove'; user: UserRef; conversation: ConversationRef; reason: string }
  | { kind: 'ban'; user: UserRef; conversation: ConversationRef; reason: string };

/** The capability each moderation action needs. */
export const MODERATION_CAPABILITY = {
  delete: 'deleteOthersMessages',
  timeout: 'timeoutMember',
  remove: 'removeMember',
  ban: 'banMember',
} as const satisfies Record<ModerationAction['kind'], keyof Capabilities>;

/**
 * Which message a send is, across attempts and processes, so a platform that can tell whether it
 * already took a message (Discord's enforced nonce, Slack's message metadata) does not take it twice.
 */
export interface SendIdentity {
  /** The same for every attempt of one message; never shared by two messages. */
  key: string;
  /**
   * An earlier attempt may have reached the platform (its sender died before recording the answer,
   * or got no answer): where the platform can be asked, look before posting again.
   */
  resumed: boolean;
}

/**
 * What the core may ask of a platform. Adapters implement it; the core never sees an SDK.
 * Send and moderation methods throw `DeliveryError` so the core can tell a rate limit from a
 * missing permission.
 */
export interface ChatPlatform {
  readonly name: PlatformName;
  readonly capabilities: Capabilities;
  /** Sends a message and returns the platform's id for it (the earlier post's, when `identity` finds one). */
  send(target: DeliveryTarget, message: OutboundMessage, identity?: SendIdentity): Promise<MessageRef>;
  /** Carries out a moderation action; only called when `capabilities` says the platform can. */
  moderate(action: ModerationAction): Promise<void>;
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
