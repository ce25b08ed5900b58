import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createApp } from '../src/app/container.js';
import { FixedClock } from '../src/core/clock.js';
import { parseInvocation } from '../src/core/commands/parse.js';
import type { InboundEvent } from '../src/core/platform/events.js';
import { FakePlatform, RecordingResponder } from '../test/fakes/fake-platform.js';
import { benchDigest } from './digest.bench.js';
import { benchDigestChart } from './digest-chart.bench.js';
import { benchFeedbackPath } from './feedback-path.bench.js';
import { benchFeedbackStats } from './feedback-stats.bench.js';
import { benchMemberSync } from './member-sync.bench.js';
import { benchPipeline } from './pipeline.bench.js';
import { benchRules } from './rules.bench.js';
import { benchStandupReport } from './standup-report.bench.js';
import { benchStandupSchedule } from './standup-schedule.bench.js';
import { benchStandupTick } from './standup-tick.bench.js';
import { median, p99, type Result, silent } from './stats.js';

async function measure(n: number, fn: (i: number) => Promise<void> | void): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await fn(i);
    samples.push((performance.now() - start) * 1000);
  }
  return samples;
}

async function main(): Promise<void> {
  const results: Result[] = [];
  const clock = new FixedClock(new Date('2026-12-01T09:00:00Z'));
  const app = createApp({
    config: { dbPath: ':memory:', defaultLocale: 'en', defaultTimezone: 'UTC' },
    clock,
    logger: silent,
  });
  const platform = new FakePlatform('slack');
  app.attach(platform);

  const role = app.registry.command('role');
  if (!role) throw new Error('role command missing');
  const ws = { platform: 'slack' as const, workspaceId: 'T1' };
  const parse = await measure(20_000, () => {
    parseInvocation(role, '添加 member：<@U123|小王> role：项目经理', ws);
  });
  results.push({ name: 'command parse median us', value: median(parse), unit: 'us', target: '< 50' });

  let n = 0;
  const event = (user: string, text: string, command = 'role'): InboundEvent => ({
    type: 'command.invoked',
    eventId: `e${++n}`,
    actor: {
      user: { ...ws, userId: user },
      displayName: user,
      isPlatformAdmin: user === 'admin',
      isBot: false,
    },
    conversation: { ...ws, channelId: `C${n % 20}` },
    isDirect: false,
    command,
    text,
  });
  // Warm up the group and member rows so the loop measures the steady state.
  for (let i = 0; i < 200; i++) await app.sink.handle(event(`u${i % 50}`, 'list'), new RecordingResponder());

  const list = await measure(5_000, (i) =>
    app.sink.handle(event(`u${i % 50}`, 'list'), new RecordingResponder()),
  );
  results.push({ name: 'dispatch /role list median us', value: median(list), unit: 'us', target: '< 1000' });
  results.push({ name: 'dispatch /role list p99 us', value: p99(list), unit: 'us', target: '< 5000' });

  const add = await measure(5_000, (i) =>
    app.sink.handle(event('admin', `add <@u${i}> pm`), new RecordingResponder()),
  );
  results.push({
    name: 'dispatch /role add (write+audit+DM) median us',
    value: median(add),
    unit: 'us',
    target: '< 2000',
  });

  const target = { kind: 'channel' as const, conversation: { ...ws, channelId: 'C1' } };
  const sends = await measure(5_000, () =>
    app.outbox.send('slack', target, { text: 'hello' }).then(() => undefined),
  );
  results.push({
    name: 'outbox send (record+send+mark) median us',
    value: median(sends),
    unit: 'us',
    target: '< 500',
  });

  global.gc?.();
  results.push({
    name: 'heap after 15k commands MB',
    value: Math.round((process.memoryUsage().heapUsed / 1024 / 1024) * 10) / 10,
    unit: 'MB',
    target: '< 150',
  });
  await app.close();

  results.push(...(await benchRules()));
  results.push(...(await benchPipeline()));
  results.push(...(await benchStandupSchedule()));
  results.push(...(await benchStandupTick()));
  results.push(...(await benchStandupReport()));
  results.push(...(await benchFeedbackStats()));
  results.push(...(await benchFeedbackPath()));
  results.push(...(await benchDigestChart()));
  results.push(...(await benchDigest()));
  results.push(...(await benchMemberSync()));

  for (const r of results) r.value = Math.round(r.value * 10) / 10;
  console.table(results);
  writeFileSync('bench-results.json', `${JSON.stringify(results, null, 2)}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
