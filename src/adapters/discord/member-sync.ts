import {
  ChannelType,
  type Client,
  type Collection,
  type DMChannel,
  Events,
  type Guild,
  type GuildBasedChannel,
  type GuildMember,
  type NonThreadGuildBasedChannel,
  type PartialGuildMember,
  PermissionFlagsBits,
  type Role,
  Status,
} from 'discord.js';
import type { UserRef } from '../../core/platform/ids.js';
import type { RosterMember, RosterSink } from '../../core/platform/roster.js';
import type { Logger } from '../../core/ports.js';
import { conversationOf, type DiscordPerson, memberRoleIds, rosterMemberOf } from './normalize.js';

/** How many members one `listed` call carries: a large server's listing goes in pages. */
export const ROSTER_PAGE = 1_000;

/** A channel that can be a Muster group: a server channel people talk in, not a thread or a category. */
export type GroupChannel = NonThreadGuildBasedChannel;

/** One permission overwrite, as compared between two versions of a channel. */
export interface OverwriteFacts {
  id: string;
  type: number;
  allow: bigint;
  deny: bigint;
}

/**
 * True when two lists of overwrites differ in what they allow or deny to whom (order aside).
 * @example overwritesDiffer([], [{ id: '1', type: 0, allow: 0n, deny: 1024n }]) === true
 */
export function overwritesDiffer(a: Iterable<OverwriteFacts>, b: Iterable<OverwriteFacts>): boolean {
  const key = (list: Iterable<OverwriteFacts>) =>
    [...list]
      .map((o) => `${o.type}:${o.id}:${o.allow}:${o.deny}`)
      .sort()
      .join('|');
  return key(a) !== key(b);
}

/** @example sameIds(['1', '2'], ['2', '1']) === true */
export function sameIds(a: Iterable<string>, b: Iterable<string>): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((id) => right.has(id));
}

/**
 * How long Discord asks to wait before asking for members again (a RATE_LIMITED answer to op 8,
 * which discord.js rejects the fetch with); undefined for any other failure.
 * @example gatewayRetryAfterMs({ name: 'GatewayRateLimitError', data: { retry_after: 1.5 } }) === 1500
 */
export function gatewayRetryAfterMs(error: unknown): number | undefined {
  if (!(error instanceof Object) || !('name' in error) || error.name !== 'GatewayRateLimitError')
    return undefined;
  const data = 'data' in error ? error.data : undefined;
  const seconds = data instanceof Object && 'retry_after' in data ? data.retry_after : undefined;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/** How many times a rate-limited member request is asked again before the listing gives up. */
const MEMBER_FETCH_TRIES = 3;

/** Splits a listing into `listed` pages. @example pages([1, 2, 3], 2) → [[1, 2], [3]] */
export function pages<T>(items: readonly T[], size: number = ROSTER_PAGE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** What Muster reads of a server member. */
export function memberPerson(member: GuildMember): DiscordPerson {
  return {
    userId: member.id,
    displayName: member.displayName,
    bot: member.user.bot,
    permissions: member.permissions.bitfield,
    roles: memberRoleIds(member.guild.id, member.roles.cache.keys()),
  };
}

function rosterMember(member: GuildMember): RosterMember {
  return rosterMemberOf(member.guild.id, memberPerson(member));
}

/** Whether a member sees a channel: roles, overwrites, Administrator and ownership applied by discord.js. */
export function canView(channel: GroupChannel, member: GuildMember): boolean {
  return channel.permissionsFor(member)?.has(PermissionFlagsBits.ViewChannel) ?? false;
}

function isGroupChannel(channel: GuildBasedChannel | undefined): channel is GroupChannel {
  return (
    channel !== undefined &&
    !channel.isThread() &&
    channel.type !== ChannelType.GuildCategory &&
    channel.isTextBased()
  );
}

export interface MemberSyncOptions {
  client: Client;
  roster: RosterSink;
  logger: Logger;
  now: () => Date;
}

export interface MemberSync {
  /** Lists a group the first time an event arrives from it in this process (a thread: its parent). */
  seen(guildId: string | null, channelId: string): void;
  /** Resolves once every sync started so far has ended (for tests and shutdown). */
  idle(): Promise<void>;
  /** No new listing from now on: the client is going away. */
  stop(): void;
}

/**
 * Keeps the core's roster of each Discord group: who, among the server's members, can see the
 * group's channel. Lists every group at start-up (asking the gateway for the members of servers
 * that did not send them all), then follows joins, leaves, role and permission changes.
 * Every handler logs its failures and never throws into discord.js.
 */
export function startMemberSync(options: MemberSyncOptions): MemberSync {
  const { client, roster, logger, now } = options;
  /** Group channels listed in this process, by server. */
  const synced = new Map<string, Set<string>>();
  /** Member fetches on their way, by server: a second asker waits for the same one. */
  const fetching = new Map<string, Promise<void>>();
  const running = new Set<Promise<void>>();
  let stopped = false;

  /** Runs a handler in the background: logged with its context when it fails, tracked for `idle`. */
  function guard(name: string, context: Record<string, unknown>, fn: () => Promise<void> | void): void {
    if (stopped) return;
    const run = (async () => fn())().catch((err: unknown) =>
      logger.error({ err, handler: name, ...context }, 'discord member sync failed'),
    );
    running.add(run);
    void run.finally(() => running.delete(run));
  }

  function markSynced(guildId: string, channelId: string): void {
    const channels = synced.get(guildId) ?? new Set<string>();
    channels.add(channelId);
    synced.set(guildId, channels);
  }

  /** The server's group channels: those the core serves, and those listed lazily in this process. */
  function groupChannels(guild: Guild): GroupChannel[] {
    const ids = new Set(
      roster.groups({ platform: 'discord', workspaceId: guild.id }).map((g) => g.channelId),
    );
    for (const id of synced.get(guild.id) ?? []) ids.add(id);
    const channels: GroupChannel[] = [];
    for (const id of ids) {
      const channel = guild.channels.cache.get(id);
      if (isGroupChannel(channel)) channels.push(channel);
      else logger.debug({ guild: guild.id, channel: id }, 'group channel not in the server; not listed');
    }
    return channels;
  }

  /**
   * Makes the member cache whole: a large server sends only some members with GUILD_CREATE. After
   * a new session (`refresh`) the cache may also hold people who left while Muster was away, whom
   * no event will ever remove: everyone is asked for again and whoever is not answered is dropped.
   */
  function completeMembers(guild: Guild, refresh: boolean): Promise<void> {
    if (!refresh && !guild.large && guild.members.cache.size >= guild.memberCount) return Promise.resolve();
    let pending = fetching.get(guild.id);
    // discord.js sends op 8 without catching the send: on a destroyed client that would be an
    // unhandled rejection, so no fetch starts once the adapter stops.
    if (stopped) return Promise.reject(new Error('the Discord client is stopping'));
    if (!pending) {
      const started = Date.now();
      pending = fetchAll(guild)
        .then((members) => {
          if (refresh) {
            for (const id of [...guild.members.cache.keys()])
              if (!members.has(id)) guild.members.cache.delete(id);
          }
          logger.info(
            { guild: guild.id, members: members.size, ms: Date.now() - started },
            'discord members fetched',
          );
        })
        .finally(() => fetching.delete(guild.id));
      fetching.set(guild.id, pending);
    }
    return pending;
  }

  /** Every member of a server over the gateway, asked again when Discord says to wait. */
  async function fetchAll(guild: Guild): Promise<Collection<string, GuildMember>> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await guild.members.fetch();
      } catch (error) {
        const wait = gatewayRetryAfterMs(error);
        if (wait === undefined || attempt >= MEMBER_FETCH_TRIES || stopped) throw error;
        logger.warn({ guild: guild.id, retryAfterMs: wait, attempt }, 'discord member request rate limited');
        await new Promise((resolve) => setTimeout(resolve, wait).unref());
        if (stopped) throw error;
      }
    }
  }

  /** A full listing of one group from the member cache; members not listed since `startedAt` have left. */
  function listChannel(channel: GroupChannel, startedAt: Date): void {
    const group = conversationOf(channel.guild.id, channel.id);
    const members = [...channel.guild.members.cache.values()]
      .filter((m) => !m.partial && canView(channel, m))
      .map(rosterMember);
    const at = now();
    for (const page of pages(members)) roster.listed(group, page, at);
    roster.completed(group, startedAt);
    markSynced(channel.guild.id, channel.id);
    logger.debug({ guild: channel.guild.id, channel: channel.id, members: members.length }, 'group listed');
  }

  /** Lists channels of a server after completing its members; one failing channel leaves the others listed. */
  async function listChannels(guild: Guild, channels: () => GroupChannel[], refresh = false): Promise<void> {
    const startedAt = now();
    await completeMembers(guild, refresh);
    for (const channel of channels()) {
      try {
        listChannel(channel, startedAt);
      } catch (err) {
        logger.error({ err, guild: guild.id, channel: channel.id }, 'discord group listing failed');
      }
    }
  }

  function syncGuild(guild: Guild, reason: string, refresh = false): void {
    guard('syncGuild', { guild: guild.id, reason }, () =>
      listChannels(guild, () => groupChannels(guild), refresh),
    );
  }

  function seenChannel(guildId: string | null, channelId: string): void {
    if (!guildId || synced.get(guildId)?.has(channelId)) return;
    const guild = client.guilds.cache.get(guildId);
    const channel = guild?.channels.cache.get(channelId);
    if (!guild || !isGroupChannel(channel)) return;
    // Marked at once, so a burst of messages in a new group lists it once; a failed listing is
    // tried again on the next event there.
    markSynced(guildId, channelId);
    guard('seen', { guild: guildId, channel: channelId }, () =>
      listChannels(guild, () => [channel]).catch((error: unknown) => {
        synced.get(guildId)?.delete(channelId);
        throw error;
      }),
    );
  }

  function memberAdded(member: GuildMember): void {
    const at = now();
    for (const channel of groupChannels(member.guild)) {
      if (canView(channel, member))
        roster.listed(conversationOf(member.guild.id, channel.id), [rosterMember(member)], at);
    }
  }

  function memberRemoved(member: GuildMember | PartialGuildMember): void {
    const at = now();
    const user: UserRef = { platform: 'discord', workspaceId: member.guild.id, userId: member.id };
    for (const channel of groupChannels(member.guild))
      roster.left(conversationOf(member.guild.id, channel.id), user, at);
  }

  function memberUpdated(before: GuildMember | PartialGuildMember, after: GuildMember): void {
    const rolesChanged = before.partial || !sameIds(before.roles.cache.keys(), after.roles.cache.keys());
    const renamed = before.partial || before.displayName !== after.displayName;
    if (!rolesChanged && !renamed) return;
    const at = now();
    const user: UserRef = { platform: 'discord', workspaceId: after.guild.id, userId: after.id };
    for (const channel of groupChannels(after.guild)) {
      const group = conversationOf(after.guild.id, channel.id);
      if (canView(channel, after)) roster.listed(group, [rosterMember(after)], at);
      else if (rolesChanged && (before.partial || canView(channel, before))) roster.left(group, user, at);
    }
  }

  function channelUpdated(before: DMChannel | GroupChannel, after: DMChannel | GroupChannel): void {
    if (after.isDMBased() || !isGroupChannel(after)) return;
    const was = before.isDMBased() ? [] : [...before.permissionOverwrites.cache.values()];
    const is = [...after.permissionOverwrites.cache.values()];
    const facts = (list: typeof is) =>
      list.map((o) => ({ id: o.id, type: o.type, allow: o.allow.bitfield, deny: o.deny.bitfield }));
    if (!overwritesDiffer(facts(was), facts(is))) return;
    const { guild } = after;
    if (!groupChannels(guild).some((c) => c.id === after.id)) return;
    guard('channelUpdate', { guild: guild.id, channel: after.id }, () =>
      listChannels(guild, () => groupChannels(guild).filter((c) => c.id === after.id)),
    );
  }

  function rolesChanged(guild: Guild, role: string, reason: string): void {
    guard('roleChange', { guild: guild.id, role, reason }, () =>
      listChannels(guild, () => groupChannels(guild)),
    );
  }

  // Every READY of a shard, the first and those of new sessions (a resume replays what was missed
  // instead); the shard's guilds have all arrived by then.
  const readies = new Map<number, number>();
  client.on(Events.ShardReady, (shardId) => {
    const count = (readies.get(shardId) ?? 0) + 1;
    readies.set(shardId, count);
    for (const guild of client.guilds.cache.values())
      if (guild.shardId === shardId) syncGuild(guild, count === 1 ? 'ready' : 'new session', count > 1);
  });
  client.on(Events.GuildCreate, (guild) => syncGuild(guild, 'joined'));
  // While a shard starts a session every guild "becomes available"; its READY lists them all.
  // Back from an outage, members may have come and gone unseen: all are asked for again.
  client.on(Events.GuildAvailable, (guild) => {
    if (guild.shard.status === Status.Ready) syncGuild(guild, 'available', true);
  });
  client.on(Events.GuildMemberAdd, (member) =>
    guard('guildMemberAdd', { guild: member.guild.id, user: member.id }, () => memberAdded(member)),
  );
  client.on(Events.GuildMemberRemove, (member) =>
    guard('guildMemberRemove', { guild: member.guild.id, user: member.id }, () => memberRemoved(member)),
  );
  client.on(Events.GuildMemberUpdate, (before, after) =>
    guard('guildMemberUpdate', { guild: after.guild.id, user: after.id }, () => memberUpdated(before, after)),
  );
  client.on(Events.ChannelUpdate, (before, after) =>
    guard('channelUpdate', { channel: after.id }, () => channelUpdated(before, after)),
  );
  client.on(Events.GuildRoleUpdate, (before: Role, after: Role) => {
    if (before.permissions.bitfield !== after.permissions.bitfield)
      rolesChanged(after.guild, after.id, 'permissions');
  });
  client.on(Events.GuildRoleDelete, (role: Role) => rolesChanged(role.guild, role.id, 'deleted'));

  return {
    seen: (guildId, channelId) =>
      guard('seen', { guild: guildId, channel: channelId }, () => seenChannel(guildId, channelId)),
    async idle() {
      while (running.size) await Promise.allSettled([...running]);
    },
    stop() {
      stopped = true;
    },
  };
}
