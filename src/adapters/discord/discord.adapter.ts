import {
  type ChatInputCommandInteraction,
  Client,
  type ClientOptions,
  type CloseEvent,
  Events,
  GatewayIntentBits,
  type GuildMember,
  type Interaction,
  type Message,
  type MessageComponentInteraction,
  MessageFlags,
  type ModalSubmitInteraction,
  type PartialGuildMember,
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
} from '../../core/platform/platform.js';
import type { Logger } from '../../core/ports.js';
import { toApplicationCommands } from './commands.js';
import { toDeliveryError } from './errors.js';
import {
  type DiscordPerson,
  normalizeCommand,
  normalizeComponent,
  normalizeMembership,
  normalizeMessage,
  normalizeSubmission,
} from './normalize.js';
import { type DiscordMessage, renderMessage, renderModal } from './render.js';

/** Exactly what Muster uses: commands and channels, messages and their text (rules), joins and leaves, DMs. */
export const DISCORD_INTENTS = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.MessageContent,
  GatewayIntentBits.GuildMembers,
  GatewayIntentBits.DirectMessages,
] as const;

/** Discord's longest time-out. */
const MAX_TIMEOUT_MS = 28 * 24 * 60 * 60 * 1000;
/** The reopen button of a rejected form is the adapter's own, never the core's. */
const REOPEN_ACTION = '~reopen';

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
}

export interface DiscordAdapter {
  platform: ChatPlatform;
  start(sink: EventSink): Promise<void>;
  stop(): Promise<void>;
  /** Puts the application commands (idempotent: Discord replaces the whole list). */
  registerCommands(): Promise<number>;
}

/** Start-up failures a person can act on, said in words. */
export class DiscordStartError extends Error {
  override readonly name = 'DiscordStartError';
}

function personOf(
  user: { id: string; bot: boolean; globalName?: string | null; username: string },
  member?: { displayName?: string; permissions?: { bitfield: bigint } | string | null } | null,
  locale?: string,
): DiscordPerson {
  const permissions = member?.permissions;
  return {
    userId: user.id,
    displayName: member?.displayName ?? user.globalName ?? user.username,
    bot: user.bot,
    permissions:
      typeof permissions === 'string' ? BigInt(permissions) : permissions ? permissions.bitfield : undefined,
    locale,
  };
}

/** A form the person last submitted with errors, so one click reopens it with their values. */
interface RejectedForm {
  form: FormSpec;
  values: Record<string, string>;
}

/**
 * Muster in Discord: discord.js receives over the gateway, the core decides, and this adapter
 * answers the Discord way (interaction replies, modals, components, REST for everything else).
 */
export function createDiscordAdapter(options: DiscordAdapterOptions): DiscordAdapter {
  const { logger } = options;
  const clientOptions: ClientOptions = {
    intents: [...DISCORD_INTENTS],
    ...(options.apiUrl ? { rest: { api: options.apiUrl } } : {}),
  };
  const client = new Client(clientOptions);
  const dmChannels = new Map<string, string>();
  const openForms = new Map<string, FormSpec>();
  const rejected = new Map<string, RejectedForm>();

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
  };

  async function postParts(channelId: string, parts: DiscordMessage[]): Promise<string> {
    let first: string | undefined;
    for (const part of parts) {
      const sent = (await client.rest.post(Routes.channelMessages(channelId), {
        body: { content: part.content, components: part.components, allowed_mentions: { parse: ['users'] } },
      })) as { id: string };
      first ??= sent.id;
    }
    return first ?? '';
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
    const reason = encodeURIComponent(action.reason).slice(0, 512);
    switch (action.kind) {
      case 'delete':
        await client.rest.delete(
          Routes.channelMessage(action.message.conversation.channelId, action.message.messageId),
          {
            reason,
          },
        );
        return;
      case 'timeout': {
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
    async send(target: DeliveryTarget, message: OutboundMessage): Promise<MessageRef> {
      try {
        switch (target.kind) {
          case 'channel': {
            const channelId = target.threadId ?? target.conversation.channelId;
            return {
              conversation: target.conversation,
              messageId: await postParts(channelId, renderMessage(message)),
            };
          }
          case 'dm': {
            const channelId = await dmChannel(target.user.userId);
            return {
              conversation: { ...target.user, channelId },
              messageId: await postParts(channelId, renderMessage(message)),
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

  type Answerable = ChatInputCommandInteraction | MessageComponentInteraction | ModalSubmitInteraction;

  /**
   * Answers one interaction. Discord takes exactly one initial response within 3 s: a reply, a
   * modal or a deferral; everything after is a follow-up. Work that runs long is deferred in time.
   */
  function interactionResponder(interaction: Answerable, conversation: ConversationRef, t: Translator) {
    let deferred: Promise<unknown> | undefined;
    const timer = setTimeout(() => {
      if (interaction.replied || interaction.deferred) return;
      deferred = interaction
        .deferReply({ flags: MessageFlags.Ephemeral })
        .catch((err: unknown) => logger.warn({ err, interaction: interaction.id }, 'could not defer'));
    }, options.deferAfterMs ?? 2_000);
    timer.unref();

    const responder: Responder = {
      async reply(message, visibility) {
        clearTimeout(timer);
        await deferred;
        const parts = renderMessage(message);
        const flags = visibility === 'ephemeral' ? MessageFlags.Ephemeral : undefined;
        try {
          if (visibility === 'channel' && interaction.deferred && !interaction.replied) {
            // The deferral was ephemeral; a post for everyone goes to the channel, and the "thinking" goes away.
            const id = await postParts(conversation.channelId, parts);
            await interaction.deleteReply().catch(() => undefined);
            return { conversation, messageId: id };
          }
          let firstId: string | undefined;
          for (const part of parts) {
            const body = {
              content: part.content,
              components: part.components,
              allowedMentions: { parse: ['users' as const] },
            };
            if (!interaction.replied && !interaction.deferred) {
              const response = await interaction.reply({
                ...body,
                ...(flags ? { flags } : {}),
                withResponse: true,
              });
              firstId ??= response.resource?.message?.id;
            } else if (interaction.deferred && !interaction.replied) {
              const edited = await interaction.editReply(body);
              firstId ??= edited.id;
            } else {
              const followed = await interaction.followUp({ ...body, ...(flags ? { flags } : {}) });
              firstId ??= followed.id;
            }
          }
          return firstId ? { conversation, messageId: firstId } : undefined;
        } catch (error) {
          throw toDeliveryError(error);
        }
      },
      async openForm(form) {
        clearTimeout(timer);
        if (interaction.isModalSubmit()) throw new Error(`cannot open form ${form.formId} from a form`);
        if (interaction.replied || interaction.deferred) {
          throw new Error(`cannot open form ${form.formId}: the interaction was already answered`);
        }
        openForms.set(`${form.formId}|${form.context}`, form);
        await interaction.showModal(renderModal(form));
      },
      async rejectForm(errors) {
        clearTimeout(timer);
        // Discord closes a modal on submit; the errors come back as a reply with a button that
        // reopens the form holding what the person typed.
        const key = interaction.isModalSubmit() ? interaction.customId.slice(2) : '';
        const form = openForms.get(key);
        const values = interaction.isModalSubmit() ? fieldValues(interaction) : {};
        const lines = Object.entries(errors).map(([id, error]) => {
          const label = form?.fields.find((f) => f.id === id)?.label ?? id;
          return `• **${label}**: ${error}`;
        });
        const token = `${interaction.user.id}:${key}`.slice(0, 80);
        if (form) rejected.set(token, { form, values });
        await responder.reply(
          {
            text: `${t('discord.formRejected')}\n${lines.join('\n')}`,
            ...(form
              ? {
                  blocks: [
                    { type: 'section', text: `${t('discord.formRejected')}\n${lines.join('\n')}` },
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
              : {}),
          },
          'ephemeral',
        );
      },
    };
    return {
      responder,
      /** Every interaction gets its one initial response, even when the core had nothing to say. */
      async finish() {
        clearTimeout(timer);
        await deferred;
        if (interaction.replied || interaction.deferred) return;
        if (interaction.isMessageComponent()) await interaction.deferUpdate();
        else await interaction.reply({ content: t('discord.done'), flags: MessageFlags.Ephemeral });
      },
    };
  }

  function fieldValues(interaction: ModalSubmitInteraction): Record<string, string> {
    const values: Record<string, string> = {};
    for (const [id, field] of interaction.fields.fields) {
      if ('value' in field && typeof field.value === 'string') values[id] = field.value;
      else if ('values' in field && Array.isArray(field.values)) values[id] = String(field.values[0] ?? '');
    }
    return values;
  }

  async function onInteraction(sink: EventSink, interaction: Interaction): Promise<void> {
    if (
      !interaction.isChatInputCommand() &&
      !interaction.isMessageComponent() &&
      !interaction.isModalSubmit()
    )
      return;
    const member = interaction.inCachedGuild() ? interaction.member : interaction.member;
    const person = personOf(
      interaction.user,
      member && typeof member === 'object' && 'permissions' in member
        ? {
            displayName:
              'displayName' in member ? member.displayName : (member.nick ?? interaction.user.username),
            permissions: interaction.memberPermissions
              ? { bitfield: interaction.memberPermissions.bitfield }
              : null,
          }
        : null,
      interaction.locale,
    );
    const channelId = interaction.channelId ?? '';
    const base = {
      id: interaction.id,
      guildId: interaction.guildId,
      channelId,
      channelName:
        interaction.channel && 'name' in interaction.channel
          ? (interaction.channel.name ?? undefined)
          : undefined,
      person,
    };
    const t = translator(toLocale(interaction.locale) ?? 'en');
    let event: InboundEvent | undefined;
    if (interaction.isChatInputCommand()) {
      event = normalizeCommand({
        ...base,
        commandName: interaction.commandName,
        options: interaction.options.data,
      });
    } else if (interaction.isMessageComponent()) {
      if (interaction.customId.startsWith(`a|${REOPEN_ACTION}|`)) {
        await reopen(interaction, t);
        return;
      }
      event = normalizeComponent({
        ...base,
        customId: interaction.customId,
        ...(interaction.isStringSelectMenu() ? { values: interaction.values } : {}),
        messageId: interaction.message.id,
      });
    } else {
      event = normalizeSubmission({
        ...base,
        customId: interaction.customId,
        fields: fieldValues(interaction),
      });
    }
    const answer = interactionResponder(
      interaction,
      event?.conversation ?? { platform: 'discord', workspaceId: '', channelId },
      t,
    );
    if (!event) {
      logger.warn(
        { interaction: interaction.id, type: interaction.type },
        'interaction Muster did not make; ignored',
      );
      await answer.responder.reply({ text: t('error.staleAction') }, 'ephemeral');
      return;
    }
    await sink.handle(event, answer.responder);
    await answer.finish();
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
    // DMs to Muster are not group talk: no rules, no activity.
    if (!message.inGuild()) return;
    const parent = message.channel.isThread() ? (message.channel.parentId ?? undefined) : undefined;
    const event = normalizeMessage({
      id: message.id,
      guildId: message.guildId,
      channelId: message.channelId,
      content: message.content,
      threadParentId: parent,
      person: personOf(
        message.author,
        message.member
          ? { displayName: message.member.displayName, permissions: message.member.permissions }
          : null,
      ),
    });
    await sink.handle(event, silentResponder(event.conversation));
  }

  /** Non-interactive events have nobody to answer; anything the core says goes to the channel. */
  function silentResponder(conversation: ConversationRef): Responder {
    return {
      reply: async (message) => ({
        conversation,
        messageId: await postParts(conversation.channelId, renderMessage(message)),
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
      personOf(member.user, { displayName: member.displayName ?? member.user.username, permissions: null }),
      type === 'member.joined' ? (member.joinedTimestamp ?? Date.now()) : Date.now(),
    );
    await sink.handle(event, silentResponder(event.conversation));
  }

  /** Runs a listener so that one bad event is logged and never takes the process down. */
  function safely<A extends unknown[]>(name: string, fn: (...args: A) => Promise<void>) {
    return (...args: A) => {
      fn(...args).catch((err: unknown) =>
        logger.error({ err, event: name }, 'discord event could not be handled'),
      );
    };
  }

  async function registerCommands(): Promise<number> {
    const application = client.application;
    if (!application) throw new Error('not logged in');
    const body = toApplicationCommands(options.commands());
    await client.rest.put(
      options.guildId
        ? Routes.applicationGuildCommands(application.id, options.guildId)
        : Routes.applicationCommands(application.id),
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
    async start(sink) {
      client.on(
        Events.InteractionCreate,
        safely('interactionCreate', (i: Interaction) => onInteraction(sink, i)),
      );
      client.on(
        Events.MessageCreate,
        safely('messageCreate', (m: Message) => onMessage(sink, m)),
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

      const ready = new Promise<void>((resolve, reject) => {
        const timeout = setTimeout(
          () => reject(new DiscordStartError('the gateway did not become ready in time')),
          options.readyTimeoutMs ?? 60_000,
        );
        client.once(Events.ClientReady, () => {
          clearTimeout(timeout);
          resolve();
        });
        client.on(Events.ShardDisconnect, (event: CloseEvent) => {
          clearTimeout(timeout);
          reject(closeError(event.code));
        });
      });
      try {
        await client.login(options.token);
        await ready;
      } catch (error) {
        await client.destroy().catch(() => undefined);
        throw error instanceof DiscordStartError ? error : (closeErrorOf(error) ?? error);
      }
      logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'discord connected');
      await registerCommands();
    },
    async stop() {
      await client.destroy();
    },
  };
}

/** A gateway close a person must fix, said in words. */
function closeError(code: number): Error {
  switch (code) {
    case 4004:
      return new DiscordStartError(
        'Discord rejected DISCORD_TOKEN (close code 4004): copy the bot token again',
      );
    case 4014:
      return new DiscordStartError(
        'Discord refused a privileged intent (close code 4014): in the Developer Portal → your app → Bot → Privileged Gateway Intents, turn on SERVER MEMBERS INTENT and MESSAGE CONTENT INTENT',
      );
    default:
      return new DiscordStartError(`the Discord gateway closed the connection (code ${code})`);
  }
}

function closeErrorOf(error: unknown): Error | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 4014 || code === 4004 || code === 'TokenInvalid')
    return closeError(code === 'TokenInvalid' ? 4004 : code);
  const text = error instanceof Error ? error.message : '';
  if (/4014|disallowed intent/i.test(text)) return closeError(4014);
  return undefined;
}
