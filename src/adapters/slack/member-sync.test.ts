import { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { toLocale } from '../../core/i18n/locale.js';
import type { RosterSink } from '../../core/platform/roster.js';
import {
  PacedSlackCalls,
  progressKey,
  retryAfterOf,
  SlackDirectory,
  SlackMemberSync,
} from './member-sync.js';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

function virtualCalls() {
  const clock = { ms: 0, slept: [] as number[] };
  const calls = new PacedSlackCalls(
    () => clock.ms,
    async (ms) => {
      clock.slept.push(ms);
      clock.ms += ms;
    },
    quiet,
  );
  return { clock, calls };
}

/** A request that fails with each of `errors` in turn, then answers `ok`; it records when it was made. */
function flaky(clock: { ms: number }, errors: unknown[]) {
  const at: number[] = [];
  return {
    at,
    request: async () => {
      at.push(clock.ms);
      const error = errors.shift();
      if (error) throw error;
      return 'ok';
    },
  };
}

describe('paced Slack calls', () => {
  it('reads the WebClient’s 429 (rejectRateLimitedCalls) as seconds to wait', () => {
    expect(retryAfterOf(new webApi.WebAPIRateLimitedError(30))).toBe(30);
    expect(retryAfterOf(new Error('socket hang up'))).toBeUndefined();
    expect(retryAfterOf({ code: 'slack_webapi_rate_limited_error' })).toBe(1);
  });

  it('waits out a 429 for as long as Retry-After says, then makes the same call again', async () => {
    const { clock, calls } = virtualCalls();
    const call = flaky(clock, [new webApi.WebAPIRateLimitedError(42)]);
    await expect(calls.call('users.list', call.request)).resolves.toBe('ok');
    expect(call.at).toEqual([0, 42_000]);
    expect(calls.stats()).toEqual({ calls: { 'users.list': 2 }, rateLimited: { 'users.list': 1 } });
  });

  it('tries a transient failure again with a growing wait, and gives up on a permanent one at once', async () => {
    const { clock, calls } = virtualCalls();
    const busy = new webApi.WebAPIHTTPError(503, 'busy', {}, '');
    const transient = flaky(clock, [busy, busy]);
    await expect(calls.call('conversations.members', transient.request)).resolves.toBe('ok');
    expect(transient.at).toEqual([0, 2_000, 6_000]);
    const permanent = flaky(clock, [
      new webApi.WebAPIPlatformError({ ok: false, error: 'channel_not_found' }),
    ]);
    await expect(calls.call('conversations.members', permanent.request)).rejects.toThrow('channel_not_found');
    expect(permanent.at).toHaveLength(1);
    const down = flaky(clock, [busy, busy, busy, busy]);
    await expect(calls.call('conversations.members', down.request)).rejects.toBe(busy);
    expect(down.at).toHaveLength(4);
  });

  it('once stopped, a wait ends at once and no call goes out', async () => {
    let release: () => void = () => {};
    const calls = new PacedSlackCalls(
      () => 0,
      () => new Promise<void>((resolve) => (release = resolve)),
      quiet,
    );
    for (let i = 0; i < 2; i++) await calls.call('users.list', async () => 'ok');
    const made: string[] = [];
    const third = calls.call('users.list', async () => void made.push('third'));
    calls.stop();
    await expect(third).rejects.toThrow('member sync stopped');
    release();
    expect(made).toEqual([]);
  });

  it('names a channel’s saved listing by workspace and channel', () => {
    expect(progressKey('T1', 'C1')).toBe('slack:T1:C1:members');
  });

  it('a roster that throws stops that channel’s sync, is logged, and never escapes the background', async () => {
    const { clock, calls } = virtualCalls();
    const client = {
      auth: { test: async () => ({ ok: true, team_id: 'T1', user_id: 'UBOT' }) },
      users: {
        conversations: async () => ({ ok: true, channels: [{ id: 'C1' }, { id: 'C2' }] }),
        list: async () => ({ ok: true, members: [{ id: 'U1', name: 'ann' }] }),
      },
      conversations: { members: async () => ({ ok: true, members: ['U1'] }) },
    } as unknown as webApi.WebClient;
    const errors: string[] = [];
    const logger = {
      ...quiet,
      warn: (_: object, msg?: string) => errors.push(msg ?? ''),
      error: (_: object, msg?: string) => errors.push(msg ?? ''),
    };
    const completed: string[] = [];
    const roster: RosterSink = {
      listed(group) {
        if (group.channelId === 'C1') throw new Error('database is locked');
      },
      completed: (group) => void completed.push(group.channelId),
      profiles() {},
      left() {},
      groups: () => [],
      progress: () => undefined,
      saveProgress() {},
      clearProgress() {},
    };
    const directory = new SlackDirectory(client, calls, () => clock.ms, toLocale);
    const sync = new SlackMemberSync({ client, roster, logger, calls, directory, now: () => clock.ms });
    sync.start();
    await sync.idle();
    expect(errors).toEqual(['slack member sync failed for now']);
    expect(completed).toEqual(['C2']);
  });
});
