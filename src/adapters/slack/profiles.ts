import type { webApi } from '@slack/bolt';
import type { Logger } from '../../core/ports.js';
import type { SlackProfile } from './normalize.js';

interface Entry {
  profile: Promise<SlackProfile>;
  expires: number;
}

/**
 * users.info, cached: a profile is fetched once per hour per person, not per message. Concurrent
 * lookups for the same person share one request. A failed lookup yields a plain member for a
 * minute rather than blocking the event.
 */
export class SlackProfiles {
  readonly #cache = new Map<string, Entry>();

  constructor(
    private readonly client: webApi.WebClient,
    private readonly logger: Logger,
    private readonly now: () => number,
    private readonly ttlMs = 60 * 60_000,
    private readonly failureTtlMs = 60_000,
  ) {}

  get(teamId: string, userId: string): Promise<SlackProfile> {
    const key = `${teamId}:${userId}`;
    const cached = this.#cache.get(key);
    if (cached && cached.expires > this.now()) return cached.profile;
    const entry: Entry = { profile: this.#fetch(userId, key), expires: this.now() + this.ttlMs };
    this.#cache.set(key, entry);
    // Bound memory in very large workspaces: drop the oldest entries first (Map keeps insertion order).
    if (this.#cache.size > 50_000) this.#cache.delete(this.#cache.keys().next().value as string);
    return entry.profile;
  }

  async #fetch(userId: string, key: string): Promise<SlackProfile> {
    try {
      const { user } = await this.client.users.info({ user: userId, include_locale: true });
      return {
        displayName: user?.profile?.display_name || user?.real_name || user?.name || userId,
        isAdmin: Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner),
        isBot: Boolean(user?.is_bot),
        timezone: user?.tz,
        locale: user?.locale,
      };
    } catch (err) {
      this.logger.warn({ err, userId }, 'users.info failed; treating the user as a member for now');
      const entry = this.#cache.get(key);
      if (entry) entry.expires = this.now() + this.failureTtlMs;
      return { displayName: userId, isAdmin: false, isBot: false };
    }
  }
}
