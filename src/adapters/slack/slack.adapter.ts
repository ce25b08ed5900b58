import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  App,
  type BlockAction,
  type ButtonAction,
  type CustomRoute,
  HTTPReceiver,
  type Receiver,
  type RespondFn,
  type SlashCommand,
  SocketModeReceiver,
  type ViewSubmitAction,
  type webApi,
} from '@slack/bolt';
import { toLocale } from '../../core/i18n/locale.js';
import type { Actor, InboundEvent } from '../../core/platform/events.js';
import { type ConversationRef, conversationKey, type MessageRef } from '../../core/platform/ids.js';
import {
  type Attachment,
  attachmentBytes,
  type FormSpec,
  type OutboundMessage,
} from '../../core/platform/messages.js';
import {
  type Capabilities,
  type ChatPlatform,
  DeliveryError,
  type DeliveryTarget,
  type EventSink,
  type Responder,
  type SendIdentity,
} from '../../core/platform/platform.js';
import { type RejectionReason, reportRejection, requireIds } from '../../core/platform/rejection.js';
import type { RosterSink } from '../../core/platform/roster.js';
import type { Logger } from '../../core/ports.js';
import { boltLogger } from './bolt-logger.js';
import { toDeliveryError } from './errors.js';
import { PacedSlackCalls, SlackDirectory, SlackMemberSync } from './member-sync.js';
import {
  actorOf,
  normalizeButton,
  normalizeCommand,
  normalizeHomeOpened,
  normalizeMembership,
  normalizeMessage,
  normalizeSubmission,
  readMetadata,
} from './normalize.js';
import { SlackProfiles } from './profiles.js';
import { renderMessage, renderModal } from './render.js';

export interface SlackAdapterOptions {
  botToken: string;
  /** Socket Mode when set. */
  appToken?: string | undefined;
  /** HTTP events (verified) when there is no app token. */
  signingSecret?: string | undefined;
  /** Where the Web API lives; Slack's own by default. */
  apiUrl?: string | undefined;
  /** A user token of a workspace admin: lets Muster delete other people's messages. */
  adminUserToken?: string | undefined;
  /** HTTP mode: the port to listen on (0 picks a free one). */
  port: number;
  /** HTTP mode: extra routes on the same server (health, metrics). */
  routes?: CustomRoute[];
  logger: Logger;
  now?: () => number;
  /** How the member sync waits between paced calls (tests pass a virtual clock's; nothing really waits). */
  sleep?: (ms: number) => Promise<void>;
  /** users.info lookups one channel's member sync may make for people users.list lacks. */
  maxMemberLookups?: number;
  /** Socket Mode: how long to wait for a pong (tests make it short). */
  clientPingTimeoutMs?: number;
  /** A modal submission must be answered within Slack's 3 s; Muster answers by this time at the latest. */
  submitAckDeadlineMs?: number;
  /** Told of each payload refused before it reached the core (counted in `/metrics`). */
  onRejected?: (reason: RejectionReason) => void;
}

export interface SlackAdapter {
  platform: ChatPlatform;
  /**
   * Connects and starts receiving; resolves with the HTTP port in HTTP mode. The members of every
   * channel Muster is in are listed to the roster in the background (see member-sync.ts).
   */
  start(sink: EventSink, roster: RosterSink): Promise<{ port?: number }>;
  /** Resolves once the member sync has nothing queued or running (tests and benches wait on it). */
  membersSynced(): Promise<void>;
  /** Call and 429 counts of the member sync, per Web API method. */
  memberSyncStats(): { calls: Record<string, number>; rateLimited: Record<string, number> };
  stop(): Promise<void>;
}

/** Real waiting, that never keeps the process alive on its own. */
function realSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

type Ack = (response?: { response_action: 'errors'; errors: Record<string, string> }) => Promise<void>;

/** The metadata event a scheduled or queued post carries: its outbox key, so a resend can find it. */
const OUTBOX_EVENT = 'muster_outbox';
/** How many of a conversation's latest messages a resumed send looks through for its earlier post. */
const LOOKUP_LIMIT = 100;

/**
 * Muster in Slack: Bolt receives (Socket Mode or signed HTTP), the core decides, and this adapter
 * renders replies the Slack way. `ack()` comes first everywhere except modal submissions, whose
 * ack carries the field errors.
 */
export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  const { logger } = options;
  const now = options.now ?? Date.now;
  const clientOptions: webApi.WebClientOptions = {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    // Muster's outbox owns retries; a WebClient that waits out rate limits itself would hide them.
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  };
  const bolt = boltLogger(logger);
  const receiver: Receiver = options.appToken
    ? new SocketModeReceiver({
        appToken: options.appToken,
        logger: bolt,
        ...(options.clientPingTimeoutMs ? { clientPingTimeout: options.clientPingTimeoutMs } : {}),
        installerOptions: { clientOptions: { ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}) } },
      })
    : new HTTPReceiver({
        signingSecret: options.signingSecret ?? '',
        logger: bolt,
        customRoutes: options.routes ?? [],
      });
  const app = new App({
    token: options.botToken,
    receiver,
    logger: bolt,
    clientOptions,
    deferInitialization: true,
  });
  const client = app.client;
  const calls = new PacedSlackCalls(now, options.sleep ?? realSleep, logger);
  let roster: RosterSink | undefined;
  const directory = new SlackDirectory(client, calls, now, toLocale, (workspace, members) =>
    roster?.profiles(workspace, members),
  );
  let members: SlackMemberSync | undefined;
  const profiles = new SlackProfiles(client, logger, now, undefined, undefined, directory);
  const dmChannels = new Map<string, string>();
  let server: Server | undefined;

  const capabilities: Capabilities = {
    ephemeral: true,
    forms: true,
    buttons: true,
    threads: true,
    deleteOthersMessages: Boolean(options.adminUserToken),
    timeoutMember: false,
    removeMember: true,
    banMember: false,
    maxMessageLength: 40_000,
    files: true,
  };

  async function dmChannel(userId: string): Promise<string> {
    const known = dmChannels.get(userId);
    if (known) return known;
    const opened = await client.conversations.open({ users: userId });
    const id = opened.channel?.id;
    if (!id) throw new Error('conversations.open returned no channel');
    dmChannels.set(userId, id);
    return id;
  }

  /**
   * The ts of a message Muster already posted under this key, among the conversation's (or the
   * thread's) latest. A lookup Slack refuses for good (no access to the history) cannot tell, and
   * the post goes again; one that fails for now is retried later.
   */
  async function findPosted(channel: string, threadId: string | undefined, key: string) {
    try {
      const page = threadId
        ? await client.conversations.replies({
            channel,
            ts: threadId,
            include_all_metadata: true,
            limit: LOOKUP_LIMIT,
          })
        : await client.conversations.history({ channel, include_all_metadata: true, limit: LOOKUP_LIMIT });
      // The SDK types the payload as `{}`: it is whatever the poster put there.
      const payloadKey = (m: { metadata?: { event_payload?: object } }) =>
        (m.metadata?.event_payload as { key?: unknown } | undefined)?.key;
      return page.messages?.find((m) => m.metadata?.event_type === OUTBOX_EVENT && payloadKey(m) === key)?.ts;
    } catch (error) {
      const failure = toDeliveryError(error);
      if (failure.transient) throw failure;
      logger.warn({ channel, error: failure.message }, 'cannot look for an earlier post; posting again');
      return undefined;
    }
  }

  /** Each part carries its key in the message metadata; a resumed send posts only the parts Slack lacks. */
  async function post(
    conversation: ConversationRef,
    message: OutboundMessage,
    threadId?: string,
    identity?: SendIdentity,
  ): Promise<MessageRef> {
    let first: MessageRef | undefined;
    for (const [i, part] of renderMessage(message).entries()) {
      const key = identity && `${identity.key}#${i}`;
      const earlier =
        key && identity.resumed ? await findPosted(conversation.channelId, threadId, key) : undefined;
      const ts =
        earlier ??
        (
          await client.chat.postMessage({
            channel: conversation.channelId,
            text: part.text,
            ...(part.blocks ? { blocks: part.blocks } : {}),
            ...(threadId ? { thread_ts: threadId } : {}),
            ...(key ? { metadata: { event_type: OUTBOX_EVENT, event_payload: { key } } } : {}),
          })
        ).ts;
      first ??= { conversation, messageId: ts ?? '' };
    }
    await upload(conversation.channelId, message.attachments, threadId);
    return first as MessageRef;
  }

  /** Files go up after the text; Slack has no ephemeral files, so callers pick a private channel. */
  async function upload(channelId: string, attachments: Attachment[] | undefined, threadTs?: string) {
    for (const attachment of attachments ?? []) {
      const file = { file: attachmentBytes(attachment), filename: attachment.filename };
      await (threadTs
        ? client.files.uploadV2({ ...file, channel_id: channelId, thread_ts: threadTs })
        : client.files.uploadV2({ ...file, channel_id: channelId }));
    }
  }

  /** An ephemeral reply's files go to the person's DM with Muster: only they should see them. */
  async function uploadPrivately(userId: string, attachments: Attachment[] | undefined) {
    if (attachments?.length) await upload(await dmChannel(userId), attachments);
  }

  async function postEphemeral(
    conversation: ConversationRef,
    userId: string,
    message: OutboundMessage,
  ): Promise<MessageRef> {
    let first: MessageRef | undefined;
    for (const part of renderMessage(message)) {
      const result = await client.chat.postEphemeral({
        channel: conversation.channelId,
        user: userId,
        text: part.text,
        ...(part.blocks ? { blocks: part.blocks } : {}),
      });
      first ??= { conversation, messageId: result.message_ts ?? '' };
    }
    await uploadPrivately(userId, message.attachments);
    return first as MessageRef;
  }

  const platform: ChatPlatform = {
    name: 'slack',
    capabilities,
    async send(
      target: DeliveryTarget,
      message: OutboundMessage,
      identity?: SendIdentity,
    ): Promise<MessageRef> {
      try {
        switch (target.kind) {
          case 'channel':
            return await post(target.conversation, message, target.threadId, identity);
          case 'dm': {
            const channelId = await dmChannel(target.user.userId);
            return await post({ ...target.user, channelId }, message, undefined, identity);
          }
          case 'ephemeral':
            // Ephemeral messages have no history to look in: a resend after a crash may show twice.
            return await postEphemeral(target.conversation, target.user.userId, message);
        }
      } catch (error) {
        throw toDeliveryError(error);
      }
    },
    async moderate(action) {
      try {
        switch (action.kind) {
          case 'delete':
            // Bots may delete only their own messages; an admin's user token may delete anyone's.
            if (!options.adminUserToken) throw new DeliveryError('not_supported', { transient: false });
            await client.chat.delete({
              token: options.adminUserToken,
              channel: action.message.conversation.channelId,
              ts: action.message.messageId,
            });
            return;
          case 'remove':
            await client.conversations.kick({
              channel: action.conversation.channelId,
              user: action.user.userId,
            });
            return;
          case 'timeout':
          case 'ban':
            throw new DeliveryError('not_supported', { transient: false });
        }
      } catch (error) {
        throw toDeliveryError(error);
      }
    },
  };

  /** Ids are checked before the users.info lookup: a payload without them must not cost a Web API call. */
  async function actor(teamId: string | undefined, userId: string | undefined): Promise<Actor> {
    const ids = requireIds('actor', { team_id: teamId, user_id: userId });
    return actorOf(ids.team_id, ids.user_id, await profiles.get(ids.team_id, ids.user_id), toLocale);
  }

  /** Runs one listener's work; a payload it cannot use is logged and counted, and Bolt goes on to the next. */
  async function guarded(listener: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      reportRejection(error, { platform: 'slack', listener }, logger, (reason) =>
        options.onRejected?.(reason),
      );
    }
  }

  /** Replies through response_url when Slack gave one, else through the Web API. */
  function responder(
    conversation: ConversationRef,
    user: string,
    extras: { respond?: RespondFn | undefined; triggerId?: string; ack?: Ack; isDirect: boolean },
  ): Responder {
    return {
      async reply(message, visibility) {
        try {
          if (visibility === 'channel' || extras.isDirect) return await post(conversation, message);
          if (!extras.respond) return await postEphemeral(conversation, user, message);
          for (const part of renderMessage(message)) {
            await extras.respond({
              response_type: 'ephemeral',
              text: part.text,
              ...(part.blocks ? { blocks: part.blocks } : {}),
            });
          }
          await uploadPrivately(user, message.attachments);
          return undefined;
        } catch (error) {
          throw toDeliveryError(error);
        }
      },
      async openForm(form: FormSpec) {
        if (!extras.triggerId) throw new Error(`cannot open form ${form.formId}: no trigger_id`);
        const view = renderModal(form, {
          c: conversationKey(conversation),
          x: form.context,
          d: extras.isDirect,
        });
        await client.views.open({ trigger_id: extras.triggerId, view });
      },
      async rejectForm(errors) {
        if (!extras.ack) throw new Error('rejectForm outside a modal submission');
        await extras.ack({ response_action: 'errors', errors });
      },
    };
  }

  async function deliver(event: InboundEvent | undefined, reply: Responder, sink: EventSink): Promise<void> {
    if (!event) return;
    // The first event from a channel not listed yet in this process lists it, in the background.
    if (!event.isDirect) members?.touch(event.conversation);
    await sink.handle(event, reply);
  }

  function listen(sink: EventSink): void {
    app.command(/.*/, async ({ command, ack, respond }) => {
      // Slack gives a command 3 seconds; acknowledge before any lookup.
      await ack();
      await guarded('command', async () => {
        const cmd = command as SlashCommand;
        const event = normalizeCommand(cmd, await actor(cmd.team_id, cmd.user_id));
        await deliver(
          event,
          responder(event.conversation, cmd.user_id, {
            respond,
            triggerId: cmd.trigger_id,
            isDirect: event.isDirect,
          }),
          sink,
        );
      });
    });

    app.action({ type: 'block_actions' }, async ({ ack, body, action, respond }) => {
      await ack();
      await guarded('block_actions', async () => {
        const b = body as BlockAction;
        const button = action as ButtonAction;
        if (button.type !== 'button') return;
        const teamId = b.team?.id ?? b.user?.team_id ?? '';
        const event = normalizeButton(b, button, await actor(teamId, b.user?.id));
        if (!event) {
          logger.warn({ actionId: button.action_id, teamId }, 'button click without a conversation ignored');
          return;
        }
        await deliver(
          event,
          responder(event.conversation, b.user.id, {
            respond,
            triggerId: b.trigger_id,
            isDirect: event.isDirect,
          }),
          sink,
        );
      });
    });

    app.view({ type: 'view_submission', callback_id: /.*/ }, async ({ ack, body }) => {
      const b = body as ViewSubmitAction;
      const metadata = readMetadata(b.view.private_metadata ?? '');
      if (!metadata) {
        await ack();
        logger.warn({ callbackId: b.view.callback_id }, 'modal submission without Muster metadata ignored');
        return;
      }
      let acked = false;
      const ackOnce: Ack = async (response) => {
        if (acked) return;
        acked = true;
        await ack(response);
      };
      // Errors can only ride on the ack; if the core is slow, close the modal in time and
      // let the reply (posted ephemerally) carry the outcome.
      const deadline = setTimeout(() => void ackOnce(), options.submitAckDeadlineMs ?? 2_500);
      await guarded('view_submission', async () => {
        try {
          const event = normalizeSubmission(
            b,
            metadata,
            await actor(b.team?.id ?? b.user?.team_id ?? '', b.user?.id),
          );
          await deliver(
            event,
            responder(event.conversation, b.user.id, {
              ack: ackOnce,
              triggerId: b.trigger_id,
              isDirect: metadata.d,
            }),
            sink,
          );
        } finally {
          clearTimeout(deadline);
          await ackOnce();
        }
      });
    });

    app.event('message', async ({ event, body }) => {
      const message = event as {
        subtype?: string;
        user?: string;
        bot_id?: string;
        channel: string;
        channel_type?: string;
        text?: string;
        ts: string;
        thread_ts?: string;
      };
      // Edits, deletions, joins and the like are not someone saying something.
      if (message.subtype && message.subtype !== 'thread_broadcast' && message.subtype !== 'file_share')
        return;
      if (!message.user) return;
      const user = message.user;
      await guarded('message', async () => {
        const { team_id: teamId, event_id: eventId } = body as { team_id?: string; event_id?: string };
        const who = await actor(teamId, user);
        const normalized = normalizeMessage(message, eventId ?? '', teamId ?? '', {
          ...who,
          isBot: who.isBot || Boolean(message.bot_id),
        });
        await deliver(
          normalized,
          responder(normalized.conversation, user, { isDirect: normalized.isDirect }),
          sink,
        );
      });
    });

    for (const [slackEvent, type] of [
      ['member_joined_channel', 'member.joined'],
      ['member_left_channel', 'member.left'],
    ] as const) {
      app.event(slackEvent, async ({ event, body }) => {
        await guarded(slackEvent, async () => {
          const { team_id: teamId, event_id: eventId } = body as { team_id?: string; event_id?: string };
          const normalized = normalizeMembership(
            type,
            event.channel,
            eventId ?? '',
            teamId ?? '',
            await actor(teamId, event.user),
          );
          // Muster itself was added: list everyone already there.
          if (slackEvent === 'member_joined_channel' && event.user === members?.botUserId)
            members?.request(normalized.conversation);
          await deliver(
            normalized,
            responder(normalized.conversation, event.user, { isDirect: false }),
            sink,
          );
        });
      });
    }

    app.event('app_home_opened', async ({ event, body }) => {
      if (event.tab !== 'home') return;
      await guarded('app_home_opened', async () => {
        const { team_id: teamId, event_id: eventId } = body as { team_id?: string; event_id?: string };
        const normalized = normalizeHomeOpened(
          event.channel,
          eventId ?? '',
          teamId ?? '',
          await actor(teamId, event.user),
        );
        await sink.handle(normalized, {
          async reply(message) {
            const [part] = renderMessage(message);
            await client.views.publish({
              user_id: event.user,
              view: { type: 'home', blocks: part?.blocks ?? [] },
            });
            return undefined;
          },
          openForm: async () => {},
          rejectForm: async () => {},
        });
      });
    });

    // Bolt's own middleware failing on a payload (before any listener) is a rejection too.
    app.error(async (error) => {
      logger.error({ err: error }, 'slack listener failed');
      options.onRejected?.('listener_failed');
    });
  }

  return {
    platform,
    async start(sink, rosterSink) {
      listen(sink);
      await app.init();
      roster = rosterSink;
      members = new SlackMemberSync({
        client,
        roster: rosterSink,
        logger,
        calls,
        directory,
        now,
        ...(options.maxMemberLookups !== undefined ? { maxLookups: options.maxMemberLookups } : {}),
      });
      if (options.appToken) {
        await app.start();
        logger.info({ mode: 'socket' }, 'slack connected');
        members?.start();
        return {};
      }
      server = (await app.start({
        port: options.port,
        host: options.port === 0 ? '127.0.0.1' : undefined,
      })) as Server;
      const port = (server.address() as AddressInfo).port;
      logger.info({ mode: 'http', port }, 'slack listening');
      members?.start();
      return { port };
    },
    async membersSynced() {
      await members?.idle();
    },
    memberSyncStats() {
      return calls.stats();
    },
    async stop() {
      calls.stop();
      await members?.stop();
      await app.stop();
    },
  };
}
