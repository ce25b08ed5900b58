import type { webApi } from '@slack/bolt';
import type { Locale } from '../../core/i18n/locale.js';
import { type ConversationRef, conversationKey, type WorkspaceRef } from '../../core/platform/ids.js';
import type { RosterMember, RosterSink } from '../../core/platform/roster.js';
import type { Logger } from '../../core/ports.js';
import { toDeliveryError } from './errors.js';
import { conversationOf } from './normalize.js';
import { TierPacer } from './rate-tier.js';
import { compactUser, externalTeamOf, type SlackUser, toRosterMember } from './slack-user.js';

/** Slack's largest page for conversations.members and users.list. */
export const PAGE_LIMIT = 1000;
/** users.conversations pages (Slack asks for under 1000). */
const CHANNEL_PAGE_LIMIT = 999;
/** How long a workspace's users.list stays good. */
const DIRECTORY_TTL_MS = 60 * 60_000;
/** How long a team's name (team.info) stays good; a failed lookup is tried again after a minute. */
const TEAM_NAME_TTL_MS = 24 * 60 * 60_000;
const TEAM_NAME_FAILURE_TTL_MS = 60_000;
/** 429s in a row on one call before the sync gives up for now (its progress stays saved). */
const MAX_RATE_LIMITED = 10;
/** Other transient failures (5xx, network) in a row before the sync gives up for now. */
const MAX_TRANSIENT = 3;
/** users.info lookups one channel's sync may make for people users.list did not name (Slack Connect). */
const DEFAULT_MAX_LOOKUPS = 100;

/** The sync was stopped (the adapter is stopping): not a failure. */
class SyncStopped extends Error {
  constructor() {
    super('member sync stopped');
  }
}

/** Seconds Slack asked to wait, when the error is a 429 the WebClient refused to wait out itself. */
export function retryAfterOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, retryAfter } = error as { code?: unknown; retryAfter?: unknown };
  if (code !== 'slack_webapi_rate_limited_error') return undefined;
  return typeof retryAfter === 'number' && Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : 1;
}

/**
 * Web API calls paced per method by Slack's tier (never over the limit in any minute), a 429 waited
 * out for as long as Slack's Retry-After says and the same call made again.
 */
export class PacedSlackCalls {
  readonly #pacer = new TierPacer();
  readonly #calls = new Map<string, number>();
  readonly #rateLimited = new Map<string, number>();
  #stopped = false;
  #stop: () => void = () => {};
  readonly #stopping = new Promise<void>((resolve) => {
    this.#stop = resolve;
  });

  constructor(
    private readonly now: () => number,
    private readonly sleepFor: (ms: number) => Promise<void>,
    private readonly logger: Logger,
  ) {}

  /** Calls made and 429s met, per method. */
  stats(): { calls: Record<string, number>; rateLimited: Record<string, number> } {
    return { calls: Object.fromEntries(this.#calls), rateLimited: Object.fromEntries(this.#rateLimited) };
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  /** Ends every wait at once; calls after this throw instead of going out. */
  stop(): void {
    this.#stopped = true;
    this.#stop();
  }

  /** Waits, unless the sync is stopped first. */
  async sleep(ms: number): Promise<void> {
    if (ms > 0) await Promise.race([this.sleepFor(ms), this.#stopping]);
    if (this.#stopped) throw new SyncStopped();
  }

  async call<T>(method: string, request: () => Promise<T>): Promise<T> {
    let rateLimited = 0;
    let transient = 0;
    for (;;) {
      await this.sleep(this.#pacer.reserve(method, this.now()));
      this.#calls.set(method, (this.#calls.get(method) ?? 0) + 1);
      try {
        return await request();
      } catch (error) {
        const retryAfter = retryAfterOf(error);
        if (retryAfter !== undefined) {
          this.#rateLimited.set(method, (this.#rateLimited.get(method) ?? 0) + 1);
          if (++rateLimited > MAX_RATE_LIMITED) throw error;
          this.logger.info({ method, retryAfter }, 'slack rate-limited a member sync call; waiting as told');
          this.#pacer.blocked(method, this.now(), retryAfter * 1000);
          continue;
        }
        if (!toDeliveryError(error).transient || ++transient > MAX_TRANSIENT) throw error;
        this.logger.info({ method, attempt: transient, err: error }, 'member sync call failed; trying again');
        await this.sleep(1000 * 2 ** transient);
      }
    }
  }
}

interface Directory {
  users: Map<string, SlackUser>;
  /** Ids neither users.list nor users.info knew: not asked again while the listing is fresh. */
  unknown: Set<string>;
  loadedAt: number;
}

/**
 * What Slack says about a workspace's people: `users.list` in pages of 1,000, kept an hour per
 * workspace (a 5,000-person workspace is five calls, not 5,000 users.info), people users.list
 * does not name (Slack Connect) added as users.info finds them, and other organisations' names
 * (team.info) kept a day.
 */
export class SlackDirectory {
  readonly #directories = new Map<string, Directory>();
  readonly #loading = new Map<string, Promise<Directory>>();
  readonly #teamNames = new Map<string, { name: string | undefined; expires: number }>();

  constructor(
    private readonly client: webApi.WebClient,
    private readonly calls: PacedSlackCalls,
    private readonly now: () => number,
    private readonly toLocale: (value: string) => Locale | undefined,
    private readonly onProfiles: (
      workspace: WorkspaceRef,
      members: readonly RosterMember[],
    ) => void = () => {},
    private readonly ttlMs = DIRECTORY_TTL_MS,
  ) {}

  /** The person as last listed, while the listing is fresh. */
  user(teamId: string, userId: string): SlackUser | undefined {
    const directory = this.#directories.get(teamId);
    return directory && this.now() - directory.loadedAt < this.ttlMs
      ? directory.users.get(userId)
      : undefined;
  }

  /** How many people the workspace's fresh listing holds (0 when there is none). */
  size(teamId: string): number {
    const directory = this.#directories.get(teamId);
    return directory && this.now() - directory.loadedAt < this.ttlMs ? directory.users.size : 0;
  }

  /** An organisation's name as team.info gave it, if known. */
  teamName(teamId: string): string | undefined {
    return this.#teamNames.get(teamId)?.name;
  }

  /** Looks up the names of organisations not known yet (team.info, one call each, cached). */
  async resolveTeamNames(teamIds: Iterable<string>): Promise<void> {
    for (const team of new Set(teamIds)) {
      const known = this.#teamNames.get(team);
      if (known && known.expires > this.now()) continue;
      try {
        const info = await this.calls.call('team.info', () => this.client.team.info({ team }));
        this.#teamNames.set(team, {
          name: info.team?.name || undefined,
          expires: this.now() + TEAM_NAME_TTL_MS,
        });
      } catch (error) {
        if (error instanceof SyncStopped) throw error;
        this.#teamNames.set(team, { name: undefined, expires: this.now() + TEAM_NAME_FAILURE_TTL_MS });
      }
    }
  }

  /** The workspace's users.list, loaded unless a fresh one is held; concurrent callers share one load. */
  async load(teamId: string): Promise<void> {
    const held = this.#directories.get(teamId);
    if (held && this.now() - held.loadedAt < this.ttlMs) return;
    let loading = this.#loading.get(teamId);
    if (!loading) {
      loading = this.#fetch(teamId).finally(() => this.#loading.delete(teamId));
      this.#loading.set(teamId, loading);
    }
    this.#directories.set(teamId, await loading);
  }

  /** A person users.info found (not in users.list): kept with the listing. */
  remember(teamId: string, user: SlackUser): void {
    if (user.id) this.#directories.get(teamId)?.users.set(user.id, compactUser(user));
  }

  /** Nobody Slack could name: a later channel's sync does not ask again while the listing is fresh. */
  forget(teamId: string, userId: string): void {
    this.#directories.get(teamId)?.unknown.add(userId);
  }

  /** Whether the fresh listing already tried this id and found nobody. */
  isUnknown(teamId: string, userId: string): boolean {
    const directory = this.#directories.get(teamId);
    return Boolean(
      directory && this.now() - directory.loadedAt < this.ttlMs && directory.unknown.has(userId),
    );
  }

  member(teamId: string, user: SlackUser, id?: string): RosterMember {
    return toRosterMember(user, {
      workspaceTeamId: teamId,
      ...(id ? { id } : {}),
      teamName: (team) => this.teamName(team),
      toLocale: this.toLocale,
    });
  }

  async #fetch(teamId: string): Promise<Directory> {
    const users = new Map<string, SlackUser>();
    const startedAt = this.now();
    let cursor = '';
    do {
      const page = await this.calls.call('users.list', () =>
        this.client.users.list({ limit: PAGE_LIMIT, include_locale: true, ...(cursor ? { cursor } : {}) }),
      );
      const listed = (page.members ?? []).filter((u): u is SlackUser & { id: string } => Boolean(u.id));
      await this.resolveTeamNames(listed.flatMap((u) => externalTeamOf(u, teamId) ?? []));
      for (const user of listed) users.set(user.id, compactUser(user));
      this.onProfiles(
        { platform: 'slack', workspaceId: teamId },
        listed.map((u) => this.member(teamId, u)),
      );
      cursor = page.response_metadata?.next_cursor ?? '';
    } while (cursor);
    return { users, unknown: new Set(), loadedAt: startedAt };
  }
}

export interface MemberSyncOptions {
  client: webApi.WebClient;
  roster: RosterSink;
  logger: Logger;
  calls: PacedSlackCalls;
  directory: SlackDirectory;
  now: () => number;
  /** users.info lookups per channel sync for people users.list lacks; the rest are listed by id. */
  maxLookups?: number;
}

/** The key a channel's listing saves its progress under. */
export function progressKey(teamId: string, channelId: string): string {
  return `slack:${teamId}:${channelId}:members`;
}

/**
 * Tells the roster who is in each Slack channel Muster serves, not only who spoke: every member
 * `conversations.members` lists, with their profile from the workspace's `users.list`. Channels are
 * synced one after another in the background (at start-up, when Muster joins one, and the first
 * time an event comes from one); each page is reported as soon as its people are known and the
 * cursor saved, so a restart carries on where it stopped.
 */
export class SlackMemberSync {
  readonly #queue: ConversationRef[] = [];
  readonly #queued = new Set<string>();
  /** Channels synced (or being synced) in this process: events from them start nothing. */
  readonly #seen = new Set<string>();
  #running: Promise<void> | undefined;
  #startUp: Promise<void> | undefined;
  #botUserId: string | undefined;
  #teamId: string | undefined;

  constructor(private readonly options: MemberSyncOptions) {}

  /** The bot's own user id once known (auth.test): its joining a channel starts a sync. */
  get botUserId(): string | undefined {
    return this.#botUserId;
  }

  /**
   * At start-up: every channel the bot is in (users.conversations) and every group the roster
   * serves in the bot's workspace. Returns at once; the listing runs in the background.
   */
  start(): void {
    this.#startUp = this.#listChannels();
    this.#track(this.#startUp);
  }

  /** The first event from a channel: sync it unless it already was in this process. */
  touch(group: ConversationRef): void {
    if (group.platform !== 'slack' || !isChannelId(group.channelId)) return;
    this.request(group, false);
  }

  /** Sync a channel (again, when `force`: Muster just joined it). */
  request(group: ConversationRef, force = true): void {
    const key = conversationKey(group);
    if (!force && this.#seen.has(key)) return;
    this.#seen.add(key);
    if (this.#queued.has(key)) return;
    this.#queued.add(key);
    this.#queue.push(group);
    this.#track(Promise.resolve());
  }

  /** Resolves once nothing is queued or running. */
  async idle(): Promise<void> {
    await this.#startUp;
    while (this.#running) await this.#running;
  }

  /** Stops between calls; a channel's progress so far stays saved for the next start. */
  async stop(): Promise<void> {
    this.options.calls.stop();
    await this.idle();
  }

  /** Keeps one worker: `first` (the start-up listing) runs, then the queue drains channel by channel. */
  #track(first: Promise<void>): void {
    if (this.#running) return;
    this.#running = (async () => {
      await first;
      await this.#drain();
    })()
      .catch((error: unknown) => {
        // Nothing leaves the background worker: a roster that throws is logged, not a crash.
        this.options.logger.error({ err: error }, 'slack member sync stopped on an unexpected error');
      })
      .finally(() => {
        this.#running = undefined;
        // A request that came while the worker was finishing.
        if (this.#queue.length > 0 && !this.options.calls.stopped) this.#track(Promise.resolve());
      });
  }

  async #listChannels(): Promise<void> {
    const { client, calls, logger, roster } = this.options;
    try {
      const auth = await calls.call('auth.test', () => client.auth.test());
      this.#botUserId = auth.user_id;
      const teamId = auth.team_id;
      if (!teamId) return;
      this.#teamId = teamId;
      const channels: ConversationRef[] = [];
      let cursor = '';
      do {
        const page = await calls.call('users.conversations', () =>
          client.users.conversations({
            types: 'public_channel,private_channel',
            exclude_archived: true,
            limit: CHANNEL_PAGE_LIMIT,
            ...(cursor ? { cursor } : {}),
          }),
        );
        for (const channel of page.channels ?? [])
          if (channel.id) channels.push(conversationOf(teamId, channel.id));
        cursor = page.response_metadata?.next_cursor ?? '';
      } while (cursor);
      channels.push(
        ...roster.groups({ platform: 'slack', workspaceId: teamId }).filter((g) => isChannelId(g.channelId)),
      );
      for (const group of channels) this.request(group, false);
      logger.info({ teamId, channels: this.#queue.length }, 'slack member sync: channels to list');
    } catch (error) {
      if (error instanceof SyncStopped) return;
      logger.warn(
        { err: error, teamId: this.#teamId },
        'slack member sync could not list the channels at start-up',
      );
    }
  }

  async #drain(): Promise<void> {
    for (let group = this.#queue.shift(); group; group = this.#queue.shift()) {
      this.#queued.delete(conversationKey(group));
      if (this.options.calls.stopped) return;
      try {
        await this.syncChannel(group);
      } catch (error) {
        if (error instanceof SyncStopped) return;
        this.#failed(group, error);
      }
    }
  }

  /** Logs a channel's failed sync; a transient one is tried again on the next event or start. */
  #failed(group: ConversationRef, error: unknown): void {
    const { logger, roster } = this.options;
    const failure = toDeliveryError(error);
    const context = {
      err: error,
      teamId: group.workspaceId,
      channel: group.channelId,
      reason: failure.message,
    };
    if (failure.transient) {
      // Progress stays saved; the next start (or a later event) carries on.
      this.#seen.delete(conversationKey(group));
      logger.warn(context, 'slack member sync failed for now');
      return;
    }
    // Muster cannot list this channel (not in it, no access): a saved cursor would never be used.
    logger.info(context, 'slack member sync cannot list this channel');
    try {
      roster.clearProgress(progressKey(group.workspaceId, group.channelId));
    } catch (cleared) {
      logger.error(
        { err: cleared, channel: group.channelId },
        'slack member sync could not clear its progress',
      );
    }
  }

  /** Lists one channel to the end, from its saved cursor if an earlier sync stopped part way. */
  async syncChannel(group: ConversationRef): Promise<void> {
    const { client, calls, roster, now, logger } = this.options;
    const teamId = group.workspaceId;
    const channel = group.channelId;
    const key = progressKey(teamId, channel);
    const saved = roster.progress(key);
    const startedAt = saved?.startedAt ?? new Date(now());
    let cursor = saved?.cursor ?? '';
    if (saved) logger.info({ teamId, channel, cursor }, 'slack member sync resumes a listing');
    const budget = { lookups: this.options.maxLookups ?? DEFAULT_MAX_LOOKUPS };
    let pages = 0;
    let listed = 0;
    let resumed = Boolean(saved?.cursor);
    for (;;) {
      const from = cursor;
      const page = await calls
        .call('conversations.members', () =>
          client.conversations.members({ channel, limit: PAGE_LIMIT, ...(from ? { cursor: from } : {}) }),
        )
        .catch((error: unknown) => {
          // A saved cursor Slack no longer takes (they expire): list again from page 1, keeping the
          // first start's time, so whoever left meanwhile is still found out.
          if (resumed && platformErrorOf(error) === 'invalid_cursor') return undefined;
          throw error;
        });
      resumed = false;
      if (!page) {
        logger.info(
          { teamId, channel },
          'slack member sync: the saved cursor expired; listing from the start',
        );
        cursor = '';
        continue;
      }
      const members = await this.#profiles(teamId, page.members ?? [], budget);
      roster.listed(group, members, new Date(now()));
      pages++;
      listed += members.length;
      cursor = page.response_metadata?.next_cursor ?? '';
      if (!cursor) break;
      roster.saveProgress(key, { cursor, startedAt });
    }
    roster.completed(group, startedAt);
    roster.clearProgress(key);
    logger.info({ teamId, channel, pages, members: listed }, 'slack member sync listed a channel');
  }

  /** The page's people with their profiles: users.list first, users.info (bounded) for the rest. */
  async #profiles(
    teamId: string,
    ids: readonly string[],
    budget: { lookups: number },
  ): Promise<RosterMember[]> {
    if (ids.length === 0) return [];
    const { directory, calls, client, logger } = this.options;
    await directory.load(teamId);
    const missing = ids.filter((id) => !directory.user(teamId, id) && !directory.isUnknown(teamId, id));
    const unknown = new Set<string>();
    for (const id of missing) {
      if (budget.lookups <= 0) {
        unknown.add(id);
        continue;
      }
      budget.lookups--;
      try {
        const { user } = await calls.call('users.info', () =>
          client.users.info({ user: id, include_locale: true }),
        );
        if (user) directory.remember(teamId, { ...user, id });
        else unknown.add(id);
      } catch (error) {
        if (error instanceof SyncStopped) throw error;
        if (!toDeliveryError(error).transient) directory.forget(teamId, id);
        logger.info(
          { err: error, teamId, userId: id },
          'users.info failed during a member sync; listed by id',
        );
        unknown.add(id);
      }
    }
    if (unknown.size > 0) logger.info({ teamId, count: unknown.size }, 'members listed without a profile');
    const externals = ids.flatMap((id) => {
      const user = directory.user(teamId, id);
      return (user && externalTeamOf(user, teamId)) ?? [];
    });
    await directory.resolveTeamNames(externals);
    return ids.map((id) => directory.member(teamId, directory.user(teamId, id) ?? { id }, id));
  }
}

/** The `error` Slack answered with, when the failure is a platform error. */
function platformErrorOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, data } = error as { code?: unknown; data?: { error?: unknown } };
  return code === 'slack_webapi_platform_error' && typeof data?.error === 'string' ? data.error : undefined;
}

/** Public (C…) and private (G…, or C… since 2021) channels; DMs (D…) have no roster to keep. */
function isChannelId(channelId: string): boolean {
  return channelId.startsWith('C') || channelId.startsWith('G');
}
