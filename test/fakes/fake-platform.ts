import type { MessageRef, PlatformName } from '../../src/core/platform/ids.js';
import type { FormSpec, OutboundMessage } from '../../src/core/platform/messages.js';
import type {
  Capabilities,
  ChatPlatform,
  DeliveryTarget,
  ModerationAction,
  Responder,
  SendIdentity,
} from '../../src/core/platform/platform.js';

export interface Sent {
  target: DeliveryTarget;
  message: OutboundMessage;
  ref: MessageRef;
  /** Which outbox row it came from, and whether an earlier attempt may have reached the platform. */
  identity?: SendIdentity | undefined;
}

const FULL: Capabilities = {
  ephemeral: true,
  forms: true,
  buttons: true,
  threads: true,
  deleteOthersMessages: true,
  timeoutMember: true,
  removeMember: true,
  banMember: true,
  maxMessageLength: 4000,
  files: true,
};

/**
 * A recording platform. `failures` are thrown by the next sends, in order, before one succeeds.
 * Like Slack (metadata) and Discord (nonce), it knows a message it already took: a resumed send
 * of the same key answers with it instead of posting again, except ephemeral ones (no history).
 */
export class FakePlatform implements ChatPlatform {
  readonly sent: Sent[] = [];
  readonly failures: Error[] = [];
  readonly moderated: ModerationAction[] = [];
  /** Thrown by the next moderation calls, in order. */
  readonly moderationFailures: Error[] = [];
  readonly capabilities: Capabilities;
  readonly #byKey = new Map<string, MessageRef>();
  #n = 0;

  constructor(
    readonly name: PlatformName = 'console',
    capabilities: Partial<Capabilities> = {},
  ) {
    this.capabilities = { ...FULL, ...capabilities };
  }

  async send(target: DeliveryTarget, message: OutboundMessage, identity?: SendIdentity): Promise<MessageRef> {
    const failure = this.failures.shift();
    if (failure) throw failure;
    const earlier = identity?.resumed ? this.#byKey.get(identity.key) : undefined;
    if (earlier) return earlier;
    const conversation =
      target.kind === 'dm' ? { ...target.user, channelId: `D-${target.user.userId}` } : target.conversation;
    const ref = { conversation, messageId: `msg-${++this.#n}` };
    this.sent.push({ target, message, ref, identity });
    if (identity && target.kind !== 'ephemeral') this.#byKey.set(identity.key, ref);
    return ref;
  }

  async moderate(action: ModerationAction): Promise<void> {
    const failure = this.moderationFailures.shift();
    if (failure) throw failure;
    this.moderated.push(action);
  }
}

/** A responder that records what the core answered. */
export class RecordingResponder implements Responder {
  readonly replies: { message: OutboundMessage; visibility: 'ephemeral' | 'channel' }[] = [];
  readonly forms: FormSpec[] = [];
  readonly rejections: Record<string, string>[] = [];

  async reply(
    message: OutboundMessage,
    visibility: 'ephemeral' | 'channel',
  ): Promise<MessageRef | undefined> {
    this.replies.push({ message, visibility });
    return undefined;
  }
  async openForm(form: FormSpec): Promise<void> {
    this.forms.push(form);
  }
  async rejectForm(errors: Record<string, string>): Promise<void> {
    this.rejections.push(errors);
  }
}
