import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { createSlackAdapter } from '../src/adapters/slack/slack.adapter.js';
import { createApp } from '../src/app/container.js';
import { FixedClock } from '../src/core/clock.js';
import type { EventSink } from '../src/core/platform/platform.js';
import type { RosterSink, SyncProgress } from '../src/core/platform/roster.js';
import { FakeSlack } from '../test/fakes/fake-slack.js';
import { seedChannel, VirtualClock } from '../test/helpers/recording-roster.js';
import { type Result, silent } from './stats.js';

const MB = 1024 * 1024;

/** A collector the bench can call without `--expose-gc` (the flag set at run time, gc taken from a new context). */
function collector(): () => void {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  return () => {
    gc();
    gc();
  };
}

/**
 * The Slack member sync of a 5,000-member channel in a 5,000-person workspace: the real Bolt
 * adapter against the fake Slack on 127.0.0.1, tier limits enforced, on a virtual clock so the
 * pacing waits cost nothing (the bench measures Muster's work, not Slack's minute). Memory is what
 * the sync keeps (the workspace's users.list for an hour) and the peak RSS it reaches. Twice: into a
 * roster that only counts (the adapter's own cost), and into the app's roster on a disk database
 * (5,000 members and group rows written).
 */
export async function benchMemberSync(): Promise<Result[]> {
  return [...(await syncOnce('counting roster')), ...(await syncOnce('app roster, disk db'))];
}

async function syncOnce(kind: 'counting roster' | 'app roster, disk db'): Promise<Result[]> {
  const fake = new FakeSlack();
  await fake.start();
  const clock = new VirtualClock();
  seedChannel(fake, 'CBIG', 5_000, { externals: 20 });
  fake.enforceTierLimits(clock.now);
  let listed = 0;
  let completed = 0;
  let peakRss = 0;
  const progress = new Map<string, SyncProgress>();
  // Counts only: a real roster writes rows; the bench weighs the adapter.
  const counting: RosterSink = {
    listed(_group, members) {
      listed += members.length;
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    },
    completed() {
      completed++;
    },
    profiles() {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    },
    left() {},
    groups: () => [],
    progress: (key) => progress.get(key),
    saveProgress: (key, p) => void progress.set(key, p),
    clearProgress: (key) => void progress.delete(key),
  };
  const dir = mkdtempSync(join(tmpdir(), 'muster-bench-'));
  const app =
    kind === 'app roster, disk db'
      ? createApp({
          config: { dbPath: join(dir, 'muster.db'), defaultLocale: 'en', defaultTimezone: 'UTC' },
          clock: new FixedClock(new Date(clock.now())),
          logger: silent,
        })
      : undefined;
  const roster: RosterSink = app
    ? {
        ...counting,
        listed(group, members, at) {
          counting.listed(group, members, at);
          app.roster.listed(group, members, at);
        },
        completed(group, startedAt) {
          counting.completed(group, startedAt);
          app.roster.completed(group, startedAt);
        },
        profiles(workspace, members) {
          counting.profiles(workspace, members);
          app.roster.profiles(workspace, members);
        },
      }
    : counting;
  const sink: EventSink = app?.sink ?? { handle: async () => {} };
  const adapter = createSlackAdapter({
    botToken: fake.botToken,
    signingSecret: 'bench-signing-secret',
    apiUrl: fake.apiUrl,
    port: 0,
    logger: silent,
    now: clock.now,
    sleep: clock.sleep,
  });
  const gc = collector();
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const rssBefore = process.memoryUsage().rss;
  const start = performance.now();
  await adapter.start(sink, roster);
  await adapter.membersSynced();
  const seconds = (performance.now() - start) / 1000;
  gc();
  const heapKept = process.memoryUsage().heapUsed - heapBefore;
  const stats = adapter.memberSyncStats();
  await adapter.stop();
  await fake.stop();
  const kept = app?.db.sqlite
    .prepare("select count(*) n from group_members where group_id = 'slack:T1:CBIG' and left_at is null")
    .get() as { n: number } | undefined;
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
  if (listed !== 5_000 || completed !== 1 || (kept && kept.n !== 5_000))
    throw new Error(`member sync bench: listed ${listed} members, ${completed} completions, ${kept?.n} rows`);
  const calls = (method: string) => stats.calls[method] ?? 0;
  return [
    { name: `slack member sync 5k channel wall s (${kind})`, value: seconds, unit: 's', target: '< 10' },
    {
      name: `slack member sync 5k members+users.list calls (${kind})`,
      value: calls('conversations.members') + calls('users.list'),
      unit: 'calls',
      target: '< 60',
    },
    {
      name: `slack member sync 5k 429s (${kind})`,
      value: Object.values(stats.rateLimited).reduce((a, b) => a + b, 0),
      unit: 'count',
      target: '<= 1',
    },
    {
      name: `slack member sync 5k Slack minutes (virtual) (${kind})`,
      value: clock.slept / 60_000,
      unit: 'min',
      target: '< 5',
    },
    { name: `slack member sync 5k heap kept MB (${kind})`, value: heapKept / MB, unit: 'MB', target: '< 50' },
    {
      name: `slack member sync 5k peak RSS growth MB (${kind})`,
      value: Math.max(0, peakRss - rssBefore) / MB,
      unit: 'MB',
      target: '< 50',
    },
  ];
}
