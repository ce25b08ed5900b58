import { ApplicationCommandOptionType, ComponentType } from 'discord.js';
import { toLocale } from '../../core/i18n/locale.js';
import type {
  ActionClicked,
  Actor,
  CommandInvoked,
  FormSubmitted,
  MemberJoined,
  MemberLeft,
  MessagePosted,
} from '../../core/platform/events.js';
import type { ConversationRef } from '../../core/platform/ids.js';
import { RejectedEvent, requireIds } from '../../core/platform/rejection.js';
import type { RosterMember } from '../../core/platform/roster.js';
import { decodeCustomId } from './render.js';

/**
 * Discord DMs belong to no server; Muster files them under this workspace id. The same person
 * is therefore a different member in DMs than in a server (Discord does not say which server a
 * DM "belongs" to).
 */
export const DM_WORKSPACE = '@me';

/** Permission bits that make a member a Muster admin: Administrator and Manage Server. */
const ADMINISTRATOR = 1n << 3n;
const MANAGE_GUILD = 1n << 5n;

/** What Muster reads of the person behind an interaction or message. */
export interface DiscordPerson {
  userId: string;
  displayName: string;
  bot: boolean;
  /** The member's permission bitfield; absent in DMs. */
  permissions?: bigint | undefined;
  /** The client's language, sent with interactions only. */
  locale?: string | undefined;
  /** The member's role ids in the server (without @everyone); absent in DMs or when unknown. */
  roles?: readonly string[] | undefined;
}

/** @example isDiscordAdmin(1n << 5n) === true */
export function isDiscordAdmin(permissions: bigint | undefined): boolean {
  return permissions !== undefined && (permissions & (ADMINISTRATOR | MANAGE_GUILD)) !== 0n;
}

/** @example conversationOf(null, '9') → { platform: 'discord', workspaceId: '@me', channelId: '9' } */
export function conversationOf(guildId: string | null, channelId: string): ConversationRef {
  return { platform: 'discord', workspaceId: guildId ?? DM_WORKSPACE, channelId };
}

/**
 * The Actor for a Discord user; the interaction's locale becomes the platform locale. A person
 * without any name (a partial member, a user object without a username) is shown by their id.
 */
export function actorOf(guildId: string | null, person: DiscordPerson): Actor {
  requireIds('actor', { user_id: person.userId });
  const locale = person.locale ? toLocale(person.locale) : undefined;
  return {
    user: { platform: 'discord', workspaceId: guildId ?? DM_WORKSPACE, userId: person.userId },
    displayName: person.displayName?.trim() || person.userId,
    isPlatformAdmin: isDiscordAdmin(person.permissions),
    // discord.js leaves `bot` null on a user it only partly knows (no username): not a bot, then.
    isBot: person.bot === true,
    ...(locale ? { platformLocale: locale } : {}),
    ...(guildId !== null && person.roles ? { platformRoles: [...person.roles] } : {}),
  };
}

/**
 * A server member as the roster lists them: the same name, admin and bot facts as their Actor,
 * their role ids for the customer-role setting. Discord tells no timezone or language of a member.
 * @example rosterMemberOf('G1', { userId: '42', displayName: 'Bob', bot: false, roles: ['7'] }).platformRoles → ['7']
 */
export function rosterMemberOf(guildId: string, person: DiscordPerson): RosterMember {
  const actor = actorOf(guildId, { ...person, locale: undefined });
  return {
    user: actor.user,
    displayName: actor.displayName,
    isBot: actor.isBot,
    isDeactivated: false,
    isPlatformAdmin: actor.isPlatformAdmin,
    platformRoles: [...(person.roles ?? [])],
  };
}

/** The role ids of a member's roles as discord.js caches them, without @everyone (whose id is the server's). */
export function memberRoleIds(guildId: string, roleIds: Iterable<string>): string[] {
  return [...roleIds].filter((id) => id !== guildId);
}

/** One option as Discord sends it (a subcommand nests its own options). */
export interface OptionData {
  name: string;
  type: number;
  value?: string | number | boolean | undefined;
  options?: readonly OptionData[] | undefined;
}

/**
 * Reads a chat command's options: the subcommand, and its typed values by name. User and channel
 * options arrive as ids, which the core turns into references.
 */
export function readOptions(data: readonly OptionData[]): {
  subcommand: string | undefined;
  values: Record<string, string | number | boolean>;
} {
  const sub = data.find((o) => o.type === ApplicationCommandOptionType.Subcommand);
  const values: Record<string, string | number | boolean> = {};
  for (const option of sub?.options ?? data) {
    if (option.value !== undefined) values[option.name] = option.value;
  }
  return { subcommand: sub?.name, values };
}

/** One input of a submitted modal, as discord.js hands it over. */
export interface ModalFieldData {
  type: number;
  value?: string | boolean | null;
  values?: readonly string[];
}

/**
 * A submitted modal's values by field id: text inputs give their text, select menus their first
 * choice ('' when nothing was picked, so a required-field check sees it as empty).
 * @example readModalFields([['timezone', { type: 4, value: 'UTC' }]]) → { timezone: 'UTC' }
 */
export function readModalFields(fields: Iterable<[string, ModalFieldData]>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [id, field] of fields) {
    if (field.type === ComponentType.TextInput)
      values[id] = typeof field.value === 'string' ? field.value : '';
    else if (field.values) values[id] = field.values[0] ?? '';
  }
  return values;
}

interface InteractionBase {
  id: string;
  guildId: string | null;
  /** Where the interaction happened: a channel, a thread or a DM. */
  channelId: string;
  /** Set when `channelId` is a thread: the group is its parent channel. */
  threadParentId?: string | undefined;
  channelName?: string | undefined;
  person: DiscordPerson;
}

/** Threads are their own channels on Discord; settings, roles and rules belong to the parent group. */
function groupOf(base: InteractionBase): ConversationRef {
  return conversationOf(base.guildId, base.threadParentId ?? base.channelId);
}

/** Every interaction names itself and where it happened; a server's id, when there is one, is not empty. */
function checkBase(type: string, base: InteractionBase): void {
  requireIds(type, {
    interaction_id: base.id,
    channel_id: base.channelId,
    ...(base.guildId === null ? {} : { guild_id: base.guildId }),
    ...(base.threadParentId === undefined ? {} : { parent_id: base.threadParentId }),
  });
}

/** A slash command, with the words it would have been as text (for logs and the console's eyes). */
export function normalizeCommand(
  base: InteractionBase & { commandName: string; options: readonly OptionData[] },
): CommandInvoked {
  checkBase('command', base);
  requireIds('command', { command: base.commandName });
  const options = readOptions(base.options);
  const text = [options.subcommand, ...Object.values(options.values).map(String)].filter(Boolean).join(' ');
  return {
    type: 'command.invoked',
    eventId: `interaction:${base.id}`,
    actor: actorOf(base.guildId, base.person),
    conversation: groupOf(base),
    isDirect: base.guildId === null,
    ...(base.channelName ? { channelName: base.channelName } : {}),
    command: base.commandName,
    text,
    options,
  };
}

/** A button or a select menu; undefined for components Muster did not make. */
export function normalizeComponent(
  base: InteractionBase & { customId: string; values?: readonly string[]; messageId?: string | undefined },
): ActionClicked | undefined {
  checkBase('component', base);
  const decoded = decodeCustomId(base.customId);
  if (decoded?.kind !== 'a') return undefined;
  return {
    type: 'action.clicked',
    eventId: `interaction:${base.id}`,
    actor: actorOf(base.guildId, base.person),
    conversation: groupOf(base),
    isDirect: base.guildId === null,
    ...(base.channelName ? { channelName: base.channelName } : {}),
    actionId: decoded.id,
    value: base.values?.[0] ?? decoded.data,
    ...(base.messageId
      ? { message: { conversation: conversationOf(base.guildId, base.channelId), messageId: base.messageId } }
      : {}),
  };
}

/** A modal submission: every input's value by field id; undefined for modals Muster did not make. */
export function normalizeSubmission(
  base: InteractionBase & { customId: string; fields: Record<string, string> },
): FormSubmitted | undefined {
  checkBase('modal_submit', base);
  const decoded = decodeCustomId(base.customId);
  if (decoded?.kind !== 'f') return undefined;
  return {
    type: 'form.submitted',
    eventId: `interaction:${base.id}`,
    actor: actorOf(base.guildId, base.person),
    conversation: groupOf(base),
    isDirect: base.guildId === null,
    ...(base.channelName ? { channelName: base.channelName } : {}),
    formId: decoded.id,
    context: decoded.data,
    values: base.fields,
  };
}

/**
 * A message in a server channel. DMs to Muster are not group talk and are not normalized. A
 * message discord.js built without an author (the gateway sent none) has no person.
 */
export function normalizeMessage(message: {
  id: string;
  guildId: string;
  channelId: string;
  content: string;
  person: DiscordPerson | undefined;
  threadParentId?: string | undefined;
}): MessagePosted {
  requireIds('message', {
    message_id: message.id,
    guild_id: message.guildId,
    channel_id: message.channelId,
    ...(message.threadParentId === undefined ? {} : { parent_id: message.threadParentId }),
  });
  if (!message.person) throw new RejectedEvent('missing_author', { type: 'message', message: message.id });
  // A thread is its own channel on Discord; rules and activity belong to the parent group.
  const conversation = conversationOf(message.guildId, message.threadParentId ?? message.channelId);
  return {
    type: 'message.posted',
    eventId: `message:${message.id}`,
    actor: actorOf(message.guildId, message.person),
    conversation,
    isDirect: false,
    message: { conversation: conversationOf(message.guildId, message.channelId), messageId: message.id },
    text: message.content,
    ...(message.threadParentId ? { threadId: message.channelId } : {}),
  };
}

/** Someone joined or left the server; Discord says it server-wide, Muster files it under the system channel. */
export function normalizeMembership(
  type: 'member.joined' | 'member.left',
  guildId: string,
  channelId: string,
  person: DiscordPerson,
  at: number,
): MemberJoined | MemberLeft {
  requireIds(type, { guild_id: guildId, channel_id: channelId });
  return {
    type,
    eventId: `${type}:${guildId}:${person.userId}:${at}`,
    actor: actorOf(guildId, person),
    conversation: conversationOf(guildId, channelId),
    isDirect: false,
  };
}

/** A gateway event as discord.js hands it to `Events.Raw`. */
export interface GatewayPacket {
  t?: string | null;
  d?: unknown;
}

/** Interaction types whose object discord.js builds from `data`: commands, components, autocomplete, modals. */
const INTERACTIONS_WITH_DATA = new Set([2, 3, 4, 5]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function idOf(value: unknown): string | undefined {
  return isRecord(value) && typeof value.id === 'string' && value.id !== '' ? value.id : undefined;
}

/**
 * A gateway event discord.js 14 cannot build its objects from (an interaction without data or
 * without a user, a member event without a user): its handler would throw inside the gateway's
 * message callback, where no listener can catch it. Undefined for every other packet.
 * @example unbuildablePacket({ t: 'INTERACTION_CREATE', d: { id: '1', type: 2 } })?.reason === 'missing_data'
 */
export function unbuildablePacket(packet: GatewayPacket): RejectedEvent | undefined {
  const d = isRecord(packet.d) ? packet.d : {};
  switch (packet.t) {
    case 'INTERACTION_CREATE': {
      const details = { type: 'interaction', interaction: idOf(d) };
      if (INTERACTIONS_WITH_DATA.has(d.type as number) && !isRecord(d.data)) {
        return new RejectedEvent('missing_data', details);
      }
      const member = isRecord(d.member) ? d.member : {};
      if (!idOf(d.user) && !idOf(member.user))
        return new RejectedEvent('empty_id', { ...details, field: 'user' });
      return undefined;
    }
    case 'GUILD_MEMBER_ADD':
    case 'GUILD_MEMBER_REMOVE':
      return idOf(d.user) ? undefined : new RejectedEvent('empty_id', { type: packet.t, field: 'user' });
    default:
      return undefined;
  }
}
