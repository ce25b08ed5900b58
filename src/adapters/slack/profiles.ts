import type { webApi } from '@slack/bolt';
import type { Logger } from '../../core/ports.js';
import type { SlackDirectory } from './member-sync.js';
import type { SlackProfile } from './normalize.js';
import { externalTeamOf, profileOf } from './slack-user.js';

interface Entry {
  profile: Promise<SlackProfile>;
  expires: number;
}

/**
 * users.info, cached: a profile is fetched once per hour per person, not per message. Concurrent
 * lookups for the same person share one request. A failed lookup yields a plain member for a
 * minute rather than blocking the event. A person the member sync already has from users.list
 * costs no call at all. A Slack Connect person (their home team is not the event's workspace)
 * carries their organisation, named by team.info.
 */
export class SlackProfiles {
  readonly #cache = new Map<string, Entry>();

  constructor(
    private readonly client: webApi.WebClient,
    private readonly logger: Logger,
    private readonly now: () => number,
    private readonly ttlMs = 60 * 60_000,
    private readonly failureTtlMs = 60_000,
    private readonly directory?: SlackDirectory,
  ) {}

  get(teamId: string, userId: string): Promise<SlackProfile> {
    const key = `${teamId}:${userId}`;
    const cached = this.#cache.get(key);
    if (cached && cached.expires > this.now()) return cached.profile;
    const entry: Entry = { profile: this.#fetch(teamId, userId, key), expires: this.now() + this.ttlMs };
    this.#cache.set(key, entry);
    // Bound memory in very large workspaces: drop the oldest entries first (Map keeps insertion order).
    if (this.#cache.size > 50_000) this.#cache.delete(this.#cache.keys().next().value as string);
    return entry.profile;
  }

  async #fetch(teamId: string, userId: string, key: string): Promise<SlackProfile> {
    try {
      const listed = this.directory?.user(teamId, userId);
      const user =
        listed ?? (await this.client.users.info({ user: userId, include_locale: true })).user ?? {};
      const external = externalTeamOf(user, teamId);
      if (external && this.directory) await this.directory.resolveTeamNames([external]);
      return profileOf(user, userId, teamId, (team) => this.directory?.teamName(team));
    } catch (err) {
      this.logger.warn({ err, userId }, 'users.info failed; treating the user as a member for now');
      const entry = this.#cache.get(key);
      if (entry) entry.expires = this.now() + this.failureTtlMs;
      return { displayName: userId, isAdmin: false, isBot: false };
    }
  }
}
