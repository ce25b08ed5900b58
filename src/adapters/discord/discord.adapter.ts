import { createHash } from 'node:crypto';
import {
  type ChatInputCommandInteraction,
  Client,
  type ClientOptions,
  type CloseEvent,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  GuildMember,
  type Interaction,
  type Message,
  type MessageComponentInteraction,
  MessageFlags,
  type ModalSubmitInteraction,
  type PartialGuildMember,
  Partials,
  Routes,
} from 'discord.js';
import type { CommandSpec } from '../../core/commands/define-command.js';
import { type Translator, translator } from '../../core/i18n/catalog.js';
import { toLocale } from '../../core/i18n/locale.js';
import type { InboundEvent } from '../../core/platform/events.js';
import type { ConversationRef, MessageRef } from '../../core/platform/ids.js';
import type { FormSpec, OutboundMessage } from '../../core/platform/messages.js';
import {
  type Capabilities,
  type ChatPlatform,
  DeliveryError,
  type DeliveryTarget,
  type EventSink,
  type ModerationAction,
  type Responder,
  type SendIdentity,
} from '../../core/platform/platform.js';
import { type RejectionReason, reportRejection } from '../../core/platform/rejection.js';
import type { RosterSink } from '../../core/platform/roster.js';
import type { Logger } from '../../core/ports.js';
import { toApplicationCommands } from './commands.js';
import { DiscordStartError, gatewayCloseError, startErrorOf, toDeliveryError } from './errors.js';
import { type MemberSync, startMemberSync } from './member-sync.js';
import {
  conversationOf,
  type DiscordPerson,
  type GatewayPacket,
  memberRoleIds,
  normalizeCommand,
  normalizeComponent,
  normalizeMembership,
  normalizeMessage,
  normalizeSubmission,
  readModalFields,
  unbuildablePacket,
} from './normalize.js';
import { type DiscordMessage, encodeCustomId, renderMessage, renderModal } from './render.js';

export { DiscordStartError } from './errors.js';

/** Exactly what Muster uses: commands and channels, messages and their text (rules), joins and leaves, DMs. */
export const DISCORD_INTENTS = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.MessageContent,
  GatewayIntentBits.GuildMembers,
  GatewayIntentBits.DirectMessages,
] as const;

/** Discord's answer when a message already has a thread. */
const THREAD_EXISTS = 160004;

/** A thread's name: the parent's first line without markdown, within Discord's 100 characters. */
export function threadName(content: string): string {
  const line =
    content
      .split('\n')[0]
      ?.replace(/[*_`~]|^#+\s*|^-#\s*/g, '')
      .trim() ?? '';
  return (line || 'Muster').slice(0, 100);
}

/** Discord's longest time-out. */
const MAX_TIMEOUT_MS = 28 * 24 * 60 * 60 * 1000;
/** Discord's longest audit-log reason. */
const MAX_REASON = 512;
/** The reopen button of a rejected form is the adapter's own, never the core's. */
const REOPEN_ACTION = '~reopen';
/** How many interaction ids to remember for spotting a redelivery (far more than arrive in 3 s). */
const RECENT_INTERACTIONS = 1_000;
/** The name a screened-out gateway packet is given: no discord.js handler has it. */
const SKIPPED_PACKET = 'MUSTER_SKIPPED';

export interface DiscordAdapterOptions {
  token: string;
  /** Register commands in this server only (instant); globally otherwise. */
  guildId?: string | undefined;
  /** Where the REST API (and so the gateway lookup) lives; Discord's own by default. */
  apiUrl?: string | undefined;
  commands: () => readonly CommandSpec[];
  logger: Logger;
  /** Discord gives 3 s to answer; after this long without an answer Muster defers. */
  deferAfterMs?: number;
  /** How long start() waits for the gateway's READY. */
  readyTimeoutMs?: number;
  /** Told of each event refused before it reached the core (counted in `/metrics`). */
  onRejected?: (reason: RejectionReason) => void;
  /** The time roster changes are stamped with (the app's clock); the machine's by default. */
  now?: () => Date;
  /**
   * Space IDENTIFYs 5 s apart, as Discord asks (default). Only a local gateway without that limit
   * (the tests' fake) may turn it off, so a new session starts at once.
   */
  identifyThrottle?: boolean;
}

export interface DiscordAdapter {
  platform: ChatPlatform;
  /**
   * Connects to the gateway, starts handling events and registers the commands. Each group's
   * members (who can see its channel) go to `roster`, listed after READY and followed after.
   */
  start(sink: EventSink, roster: RosterSink): Promise<void>;
  /** Resolves once the member listings and changes started so far have reached the roster. */
  rosterIdle(): Promise<void>;
  stop(): Promise<void>;
  /** Puts the application commands (idempotent: Discord replaces the whole list). Needs no gateway. */
  registerCommands(): Promise<number>;
}

type Answerable = ChatInputCommandInteraction | MessageComponentInteraction | ModalSubmitInteraction;

/**
 * The person behind an interaction. Discord computes `memberPermissions` for the channel (roles,
 * overwrites, ownership), which is exactly "may this person manage the server here".
 */
function interactionPerson(interaction: Answerable): DiscordPerson {
  const { user, member, guildId } = interaction;
  const displayName = member instanceof GuildMember ? member.displayName : (member?.nick ?? user.displayName);
  const roles =
    member instanceof GuildMember
      ? memberRoleIds(member.guild.id, member.roles.cache.keys())
      : member && guildId
        ? memberRoleIds(guildId, member.roles)
        : undefined;
  return {
    userId: user.id,
    displayName,
    bot: user.bot,
    permissions: interaction.memberPermissions?.bitfield,
    locale: interaction.locale,
    roles,
  };
}

/**
 * The person behind a server message; the member's roles come from the guild cache. discord.js
 * builds a message the gateway sent without an author with `author` null, whatever its types say.
 */
function messagePerson(message: Message<true>): DiscordPerson | undefined {
  if (!message.author) return undefined;
  return {
    userId: message.author.id,
    displayName: message.member?.displayName ?? message.author.displayName,
    bot: message.author.bot,
    permissions: message.member?.permissions.bitfield,
    roles: message.member ? memberRoleIds(message.guildId, message.member.roles.cache.keys()) : undefined,
  };
}

/** A thread's parent channel; undefined for anything else (or a thread the cache does not hold). */
function threadParentOf(channel: Interaction['channel'] | Message['channel']): string | undefined {
  return channel?.isThread() ? (channel.parentId ?? undefined) : undefined;
}

/** The group's channel name: a thread's own name would rename its parent group. */
function groupChannelName(channel: Interaction['channel']): string | undefined {
  const group = channel?.isThread() ? channel.parent : channel;
  return group && 'name' in group ? (group.name ?? undefined) : undefined;
}

/** A form the person last submitted with errors, so one click reopens it with their values. */
interface RejectedForm {
  form: FormSpec;
  values: Record<string, string>;
}

/** Discord takes a nonce of at most 25 characters: a digest of the part's outbox key. */
function nonceOf(key: string): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 25);
}

/** Ids seen lately, oldest forgotten first. */
class RecentIds {
  readonly #ids = new Set<string>();
  constructor(private readonly max: number) {}

  /** True the first time an id is added. */
  add(id: string): boolean {
    if (this.#ids.has(id)) return false;
    this.#ids.add(id);
    if (this.#ids.size > this.max) {
      const oldest = this.#ids.values().next();
      if (!oldest.done) this.#ids.delete(oldest.value);
    }
    return true;
  }
}

/**
 * Muster in Discord: discord.js receives over the gateway, the core decides, and this adapter
 * answers the Discord way (interaction replies, modals, components, REST for everything else).
 */
export function createDiscordAdapter(options: DiscordAdapterOptions): DiscordAdapter {
  const { logger } = options;
  const deferAfterMs = options.deferAfterMs ?? 2_000;
  const clientOptions: ClientOptions = {
    intents: [...DISCORD_INTENTS],
    // Large servers do not send every member at start-up; without this, leaving members the
    // cache never held would go unnoticed.
    partials: [Partials.GuildMember],
    ...(options.apiUrl ? { rest: { api: options.apiUrl } } : {}),
    ...(options.identifyThrottle === false
      ? { ws: { buildIdentifyThrottler: () => ({ waitForIdentify: async () => {} }) } }
      : {}),
  };
  const client = new Client(clientOptions);
  const dmChannels = new Map<string, string>();
  const threads = new Set<string>();
  const openForms = new Map<string, FormSpec>();
  const rejected = new Map<string, RejectedForm>();
  const answered = new RecentIds(RECENT_INTERACTIONS);
  let stopping: Promise<void> | undefined;
  let members: MemberSync | undefined;

  const capabilities: Capabilities = {
    // Ephemeral messages exist only as interaction replies; elsewhere the core falls back to a DM.
    ephemeral: false,
    forms: true,
    buttons: true,
    threads: true,
    deleteOthersMessages: true,
    timeoutMember: true,
    removeMember: true,
    banMember: true,
    maxMessageLength: 2000,
    files: true,
  };

  /**
   * Posts the parts in order. With an identity, each part carries an enforced nonce: Discord answers
   * a resend within its nonce window (a few minutes) with the message it already has, not a new one.
   */
  async function postParts(
    channelId: string,
    parts: DiscordMessage[],
    identity?: SendIdentity,
  ): Promise<string> {
    let first: string | undefined;
    for (const [i, part] of parts.entries()) {
      const files = part.files.length ? part.files : undefined;
      const sent = (await client.rest.post(Routes.channelMessages(channelId), {
        body: {
          content: part.content,
          components: part.components,
          allowed_mentions: { parse: ['users'] },
          ...(files ? { attachments: files.map((f, id) => ({ id, filename: f.name })) } : {}),
          ...(identity ? { nonce: nonceOf(`${identity.key}#${i}`), enforce_nonce: true } : {}),
        },
        files,
      })) as { id: string };
      first ??= sent.id;
    }
    return first ?? '';
  }

  /**
   * Discord threads are channels started from a message, with the message's id. The first post
   * under a message starts the thread, named after the message's first line.
   */
  async function threadOf(parentChannelId: string, messageId: string): Promise<string> {
    if (threads.has(messageId)) return messageId;
    const parent = (await client.rest
      .get(Routes.channelMessage(parentChannelId, messageId))
      .catch(() => undefined)) as { content?: string } | undefined;
    const name = threadName(parent?.content ?? '');
    try {
      await client.rest.post(Routes.threads(parentChannelId, messageId), {
        body: { name, auto_archive_duration: 1440 },
      });
    } catch (error) {
      // 160004: a thread already exists for this message (another process, or before a restart).
      if (!(error instanceof DiscordAPIError && error.code === THREAD_EXISTS)) throw error;
    }
    threads.add(messageId);
    return messageId;
  }

  async function dmChannel(userId: string): Promise<string> {
    const known = dmChannels.get(userId);
    if (known) return known;
    const channel = (await client.rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as {
      id: string;
    };
    dmChannels.set(userId, channel.id);
    return channel.id;
  }

  async function moderate(action: ModerationAction): Promise<void> {
    // @discordjs/rest URI-encodes the X-Audit-Log-Reason header itself; encoding here would show "%20"s.
    const reason = action.reason.slice(0, MAX_REASON);
    switch (action.kind) {
      case 'delete':
        await client.rest.delete(
          Routes.channelMessage(action.message.conversation.channelId, action.message.messageId),
          { reason },
        );
        return;
      case 'timeout': {
        // Discord refuses anything past 28 days from its own now, not Muster's clock.
        const until = new Date(Math.min(action.until.getTime(), Date.now() + MAX_TIMEOUT_MS));
        await client.rest.patch(Routes.guildMember(action.user.workspaceId, action.user.userId), {
          body: { communication_disabled_until: until.toISOString() },
          reason,
        });
        return;
      }
      case 'remove':
        await client.rest.delete(Routes.guildMember(action.user.workspaceId, action.user.userId), { reason });
        return;
      case 'ban':
        await client.rest.put(Routes.guildBan(action.user.workspaceId, action.user.userId), {
          body: {},
          reason,
        });
        return;
    }
  }

  const platform: ChatPlatform = {
    name: 'discord',
    capabilities,
    async send(
      target: DeliveryTarget,
      message: OutboundMessage,
      identity?: SendIdentity,
    ): Promise<MessageRef> {
      try {
        switch (target.kind) {
          case 'channel': {
            const channelId = target.threadId
              ? await threadOf(target.conversation.channelId, target.threadId)
              : target.conversation.channelId;
            return {
              conversation: target.conversation,
              messageId: await postParts(channelId, renderMessage(message), identity),
            };
          }
          case 'dm': {
            const channelId = await dmChannel(target.user.userId);
            return {
              conversation: { ...target.user, channelId },
              messageId: await postParts(channelId, renderMessage(message), identity),
            };
          }
          case 'ephemeral':
            throw new DeliveryError('ephemeral_outside_interaction', { transient: false });
        }
      } catch (error) {
        throw toDeliveryError(error);
      }
    },
    async moderate(action) {
      try {
        await moderate(action);
      } catch (error) {
        throw toDeliveryError(error);
      }
    },
  };

  /**
   * Answers one interaction. Discord takes exactly one initial response within 3 s: a reply, a
   * modal or a deferral; everything after is a follow-up. Work that runs long is deferred in time.
   * `where` is the channel the interaction happened in (a thread's own id, not its group's).
   */
  function interactionResponder(
    interaction: Answerable,
    where: ConversationRef,
    t: Translator,
    deferIfSlow: boolean,
  ) {
    let deferral: Promise<void> | undefined;
    const timer = deferIfSlow
      ? setTimeout(() => {
          if (interaction.replied || interaction.deferred) return;
          deferral = interaction.deferReply({ flags: MessageFlags.Ephemeral }).then(
            () => logger.debug({ interaction: interaction.id }, 'interaction deferred'),
            (err: unknown) => logger.warn({ err, interaction: interaction.id }, 'could not defer'),
          );
        }, deferAfterMs)
      : undefined;
    timer?.unref();

    /** Stops the timer and waits for a deferral already on its way, so the state below is settled. */
    async function settle(): Promise<void> {
      clearTimeout(timer);
      await deferral;
    }

    async function sendPart(part: DiscordMessage, ephemeral: boolean): Promise<string | undefined> {
      const body = {
        content: part.content,
        components: part.components,
        allowedMentions: { parse: ['users' as const] },
        ...(part.files.length
          ? { files: part.files.map((f) => ({ attachment: f.data, name: f.name })) }
          : {}),
      };
      const flags = ephemeral ? { flags: MessageFlags.Ephemeral as const } : {};
      if (!interaction.replied && !interaction.deferred) {
        const response = await interaction.reply({ ...body, ...flags, withResponse: true });
        return response.resource?.message?.id;
      }
      if (interaction.deferred && !interaction.replied) return (await interaction.editReply(body)).id;
      return (await interaction.followUp({ ...body, ...flags })).id;
    }

    const responder: Responder = {
      async reply(message, visibility) {
        await settle();
        const parts = renderMessage(message);
        try {
          if (visibility === 'channel' && interaction.deferred && !interaction.replied) {
            // The deferral was ephemeral; a post for everyone goes to the channel, and the "thinking" goes away.
            const id = await postParts(where.channelId, parts);
            await interaction.deleteReply().catch(() => undefined);
            return { conversation: where, messageId: id };
          }
          let firstId: string | undefined;
          for (const part of parts) {
            const id = await sendPart(part, visibility === 'ephemeral');
            firstId ??= id;
          }
          return firstId ? { conversation: where, messageId: firstId } : undefined;
        } catch (error) {
          throw toDeliveryError(error);
        }
      },
      async openForm(form) {
        await settle();
        if (interaction.isModalSubmit()) throw new Error(`cannot open form ${form.formId} from a form`);
        if (interaction.replied || interaction.deferred) {
          throw new Error(`cannot open form ${form.formId}: the interaction was already answered`);
        }
        openForms.set(formKey(form.formId, form.context), form);
        await interaction.showModal(renderModal(form));
      },
      async rejectForm(errors) {
        // Discord closes a modal on submit; the errors come back as a reply with a button that
        // reopens the form holding what the person typed.
        const submitted = interaction.isModalSubmit() ? interaction : undefined;
        const key = submitted ? submitted.customId.slice(2) : '';
        const form = openForms.get(key);
        const lines = Object.entries(errors).map(([id, error]) => {
          const label = form?.fields.find((f) => f.id === id)?.label ?? id;
          return `• *${label}*: ${error}`;
        });
        const text = `${t('discord.formRejected')}\n${lines.join('\n')}`;
        const token = reopenToken(interaction.user.id, key);
        if (form && submitted)
          rejected.set(token, { form, values: readModalFields(submitted.fields.fields) });
        await responder.reply(
          form
            ? {
                text,
                blocks: [
                  { type: 'section', text },
                  {
                    type: 'buttons',
                    buttons: [
                      {
                        actionId: REOPEN_ACTION,
                        label: t('discord.formReopen'),
                        value: token,
                        style: 'primary',
                      },
                    ],
                  },
                ],
              }
            : { text },
          'ephemeral',
        );
      },
    };
    return {
      responder,
      /** Every interaction gets an answer, even when the core had nothing to say: Discord shows "This interaction failed" otherwise. */
      async finish() {
        await settle();
        if (interaction.replied) return;
        if (interaction.deferred) await interaction.editReply({ content: t('discord.done') });
        else if (interaction.isMessageComponent()) await interaction.deferUpdate();
        else await interaction.reply({ content: t('discord.done'), flags: MessageFlags.Ephemeral });
      },
    };
  }

  /** What Muster reads of every interaction, whatever its kind. */
  function interactionBase(interaction: Answerable) {
    const { channel } = interaction;
    return {
      id: interaction.id,
      guildId: interaction.guildId,
      channelId: interaction.channelId ?? '',
      threadParentId: threadParentOf(channel),
      channelName: groupChannelName(channel),
      person: interactionPerson(interaction),
    };
  }

  /** The core's event for an interaction; undefined for components and modals Muster did not make. */
  function eventOf(interaction: Answerable): InboundEvent | undefined {
    const base = interactionBase(interaction);
    if (interaction.isChatInputCommand()) {
      return normalizeCommand({
        ...base,
        commandName: interaction.commandName,
        options: interaction.options.data,
      });
    }
    if (interaction.isMessageComponent()) {
      return normalizeComponent({
        ...base,
        customId: interaction.customId,
        ...(interaction.isStringSelectMenu() ? { values: interaction.values } : {}),
        messageId: interaction.message.id,
      });
    }
    return normalizeSubmission({
      ...base,
      customId: interaction.customId,
      fields: readModalFields(interaction.fields.fields),
    });
  }

  async function onInteraction(sink: EventSink, interaction: Interaction): Promise<void> {
    if (
      !interaction.isChatInputCommand() &&
      !interaction.isMessageComponent() &&
      !interaction.isModalSubmit()
    )
      return;
    const t = translator(toLocale(interaction.locale) ?? 'en');
    if (interaction.isMessageComponent() && interaction.customId.startsWith(`a|${REOPEN_ACTION}|`)) {
      await reopen(interaction, t);
      return;
    }
    const event = eventOf(interaction);
    // A redelivered interaction (a resume replay) still reaches the core, whose ledger drops it;
    // the first delivery owns the one initial response Discord allows, so this one is not answered.
    const first = answered.add(interaction.id);
    const where = conversationOf(interaction.guildId, interaction.channelId ?? '');
    const answer = interactionResponder(interaction, where, t, first);
    if (!event) {
      logger.warn(
        { interaction: interaction.id, type: interaction.type },
        'interaction Muster did not make; ignored',
      );
      if (first) await answer.responder.reply({ text: t('error.staleAction') }, 'ephemeral');
      return;
    }
    await sink.handle(event, answer.responder);
    if (first) await answer.finish();
    else logger.debug({ interaction: interaction.id }, 'interaction delivered again; not answered twice');
  }

  async function reopen(interaction: MessageComponentInteraction, t: Translator): Promise<void> {
    const token = interaction.customId.slice(`a|${REOPEN_ACTION}|`.length);
    const saved = rejected.get(token);
    if (!saved) {
      await interaction.reply({ content: t('error.staleAction'), flags: MessageFlags.Ephemeral });
      return;
    }
    const form: FormSpec = {
      ...saved.form,
      fields: saved.form.fields.map((f) => {
        const value = saved.values[f.id];
        return value === undefined ? f : { ...f, initial: value };
      }),
    };
    await interaction.showModal(renderModal(form));
  }

  async function onMessage(sink: EventSink, message: Message): Promise<void> {
    // DMs to Muster are not group talk: no rules, no activity. Bots (Muster's own posts come
    // back too) are never members whose talk counts.
    if (!message.inGuild() || message.author?.bot) return;
    const event = normalizeMessage({
      id: message.id,
      guildId: message.guildId,
      channelId: message.channelId,
      content: message.content,
      threadParentId: threadParentOf(message.channel),
      person: messagePerson(message),
    });
    await sink.handle(event, silentResponder(event.message.conversation));
  }

  /** Non-interactive events have nobody to answer; anything the core says goes to the channel. */
  function silentResponder(where: ConversationRef): Responder {
    return {
      reply: async (message) => ({
        conversation: where,
        messageId: await postParts(where.channelId, renderMessage(message)),
      }),
      openForm: async () => {},
      rejectForm: async () => {},
    };
  }

  async function onMembership(
    sink: EventSink,
    type: 'member.joined' | 'member.left',
    member: GuildMember | PartialGuildMember,
  ): Promise<void> {
    const channelId = member.guild.systemChannelId;
    if (!channelId) {
      logger.debug({ guild: member.guild.id, type }, 'server has no system channel; membership not filed');
      return;
    }
    const event = normalizeMembership(
      type,
      member.guild.id,
      channelId,
      {
        userId: member.user.id,
        displayName: member.displayName ?? member.user.displayName,
        bot: member.user.bot,
      },
      type === 'member.joined' ? (member.joinedTimestamp ?? Date.now()) : Date.now(),
    );
    await sink.handle(event, silentResponder(event.conversation));
  }

  /** Logs and counts an event that did not reach the core; the next one is served as usual. */
  function dropped(error: unknown, listener: string): void {
    reportRejection(error, { platform: 'discord', listener }, logger, (reason) =>
      options.onRejected?.(reason),
    );
  }

  /** Runs a listener so that one bad event is logged and never takes the process down. */
  function safely<A extends unknown[]>(name: string, fn: (...args: A) => Promise<void>) {
    return (...args: A) => {
      fn(...args).catch((err: unknown) => dropped(err, name));
    };
  }

  /**
   * discord.js hands the packet it gives `Events.Raw` to its own handler right after; one it cannot
   * build would throw inside the gateway's message callback, where nothing catches it (an
   * unhandled rejection). Renamed, it matches no handler and is skipped.
   */
  function screen(packet: GatewayPacket): void {
    const rejection = unbuildablePacket(packet);
    if (!rejection) return;
    dropped(rejection, String(packet.t));
    packet.t = SKIPPED_PACKET;
  }

  function listen(sink: EventSink): void {
    client.on(Events.Raw, screen);
    client.on(
      Events.InteractionCreate,
      safely('interactionCreate', async (i: Interaction) => {
        try {
          await onInteraction(sink, i);
        } finally {
          // After the core saw the event, so a group it has just made is there to be listed.
          members?.seen(i.guildId, threadParentOf(i.channel) ?? i.channelId ?? '');
        }
      }),
    );
    client.on(
      Events.MessageCreate,
      safely('messageCreate', async (m: Message) => {
        try {
          await onMessage(sink, m);
        } finally {
          if (!m.author?.bot) members?.seen(m.guildId, threadParentOf(m.channel) ?? m.channelId);
        }
      }),
    );
    client.on(
      Events.GuildMemberAdd,
      safely('guildMemberAdd', (m: GuildMember) => onMembership(sink, 'member.joined', m)),
    );
    client.on(
      Events.GuildMemberRemove,
      safely('guildMemberRemove', (m: GuildMember | PartialGuildMember) =>
        onMembership(sink, 'member.left', m),
      ),
    );
    client.on(Events.ShardResume, (shard, replayed) =>
      logger.info({ shard, replayed }, 'discord session resumed'),
    );
    client.on(Events.ShardReconnecting, (shard) => logger.info({ shard }, 'discord reconnecting'));
    client.on(Events.Warn, (message) => logger.warn({ message }, 'discord.js warning'));
    client.on(Events.Error, (err) => logger.error({ err }, 'discord client error'));
  }

  /** Resolves on READY; rejects when the gateway closes for good first, or READY takes too long. */
  function readiness(): { ready: Promise<void>; dispose(): void } {
    let dispose = () => {};
    const ready = new Promise<void>((resolve, reject) => {
      const onReady = () => {
        dispose();
        resolve();
      };
      const onClose = (event: CloseEvent) => {
        dispose();
        reject(gatewayCloseError(event.code));
      };
      const timeout = setTimeout(() => {
        dispose();
        reject(new DiscordStartError('the gateway did not become ready in time'));
      }, options.readyTimeoutMs ?? 60_000);
      dispose = () => {
        clearTimeout(timeout);
        client.off(Events.ClientReady, onReady);
        client.off(Events.ShardDisconnect, onClose);
      };
      client.once(Events.ClientReady, onReady);
      client.on(Events.ShardDisconnect, onClose);
    });
    return { ready, dispose: () => dispose() };
  }

  async function connect(): Promise<void> {
    const { ready, dispose } = readiness();
    try {
      // Both at once: a refused IDENTIFY may surface as a close event or as login's rejection.
      await Promise.all([client.login(options.token), ready]);
    } catch (error) {
      dispose();
      await client.destroy().catch(() => undefined);
      throw startErrorOf(error);
    }
    logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'discord connected');
  }

  async function applicationId(): Promise<string> {
    if (client.application) return client.application.id;
    // Registering without the gateway (npm run discord:register) asks REST who the bot is.
    client.rest.setToken(options.token);
    const application = (await client.rest.get(Routes.currentApplication())) as { id: string };
    return application.id;
  }

  async function registerCommands(): Promise<number> {
    const body = toApplicationCommands(options.commands());
    const appId = await applicationId();
    await client.rest.put(
      options.guildId
        ? Routes.applicationGuildCommands(appId, options.guildId)
        : Routes.applicationCommands(appId),
      { body },
    );
    logger.info(
      { count: body.length, scope: options.guildId ? 'guild' : 'global' },
      'discord commands registered',
    );
    return body.length;
  }

  return {
    platform,
    registerCommands,
    async start(sink, roster) {
      listen(sink);
      members = startMemberSync({ client, roster, logger, now: options.now ?? (() => new Date()) });
      await connect();
      await registerCommands();
    },
    async rosterIdle() {
      await members?.idle();
    },
    stop() {
      members?.stop();
      // destroy() waits for the gateway's close handshake; a second stop waits for the same one.
      stopping ??= client.destroy().finally(() => client.removeAllListeners());
      return stopping;
    },
  };
}

function formKey(formId: string, context: string): string {
  return `${formId}|${context}`;
}

/**
 * Names a rejected form in the reopen button's custom id: per person and form, short enough for
 * Discord's 100 characters whatever the ids, and not guessable into someone else's values.
 */
function reopenToken(userId: string, key: string): string {
  const token = createHash('sha256').update(`${userId}\n${key}`).digest('base64url').slice(0, 32);
  encodeCustomId('a', REOPEN_ACTION, token);
  return token;
}
