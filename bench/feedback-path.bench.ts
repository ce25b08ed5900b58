import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../src/app/container.js';
import { FixedClock } from '../src/core/clock.js';
import type { InboundEvent } from '../src/core/platform/events.js';
import { FeedbackRepo } from '../src/features/feedback/feedback.repo.js';
import { FakePlatform, RecordingResponder } from '../test/fakes/fake-platform.js';
import { median, type Result, silent } from './stats.js';

/**
 * Feedback through the whole app on a database file: one capture end to end (parse, check,
 * customer, insert, history, audit, reply), and `/feedback stats` over 100,000 rows in one workspace.
 */
export async function benchFeedbackPath(): Promise<Result[]> {
  const dir = mkdtempSync(join(tmpdir(), 'muster-bench-feedback-'));
  const clock = new FixedClock(new Date('2026-12-01T09:00:00Z'));
  const app = createApp({
    config: { dbPath: join(dir, 'muster.db'), defaultLocale: 'en', defaultTimezone: 'UTC' },
    clock,
    logger: silent,
  });
  app.attach(new FakePlatform('slack'));
  const ws = { platform: 'slack' as const, workspaceId: 'T1' };
  let n = 0;
  const command = (text: string, user = 'bob'): InboundEvent => ({
    type: 'command.invoked',
    eventId: `e${++n}`,
    actor: {
      user: { ...ws, userId: user },
      displayName: user,
      isPlatformAdmin: user === 'boss',
      isBot: false,
    },
    conversation: { ...ws, channelId: 'C1' },
    isDirect: false,
    command: 'feedback',
    text,
  });
  const responder = new RecordingResponder();
  for (let i = 0; i < 200; i++)
    await app.sink.handle(command(`customer:"Acme ${i % 20} Ltd" rating:4 warm-up #w`), responder);
  const capture: number[] = [];
  for (let i = 0; i < 2_000; i++) {
    const start = performance.now();
    await app.sink.handle(
      command(`customer:"客户${i % 50}" rating:${(i % 5) + 1} 发货慢了一点 #物流 #price`),
      responder,
    );
    capture.push(performance.now() - start);
  }

  // 100,000 rows over the last six months, through the repository so the daily sums stay right.
  const repo = new FeedbackRepo(app.db.db);
  const customers = (app.db.sqlite.prepare('select id from customers').all() as { id: number }[]).map(
    (c) => c.id,
  );
  const now = clock.now().getTime();
  const tags = ['price', 'logistics', 'support', 'quality'];
  app.db.sqlite.transaction(() => {
    for (let i = 0; i < 100_000; i++) {
      // Evenly over the last 180 days: a week holds about 3,900 rows, a quarter about 50,000.
      const created = now - Math.floor((i * 180 * 86_400_000) / 100_000);
      const item = repo.insert({
        workspaceId: 'slack:T1',
        groupId: 'slack:T1:C1',
        customerId: customers[i % customers.length] as number,
        score: (i % 5) + 1,
        scale: 'csat',
        comment: 'comment',
        tags: [tags[i % 4] as string],
        authorId: 'slack:T1:bob',
        createdAt: new Date(created),
      });
      if (i % 3 === 0)
        repo.update(item.id, {
          status: 'resolved',
          resolvedAt: new Date(created + 3_600_000 * ((i % 48) + 1)),
        });
    }
  })();
  const stats: Record<string, number[]> = { week: [], month: [], quarter: [] };
  for (let round = 0; round < 7; round++) {
    for (const period of ['week', 'month', 'quarter'] as const) {
      const start = performance.now();
      await app.sink.handle(command(`stats ${period}`), responder);
      stats[period]?.push(performance.now() - start);
    }
  }
  await app.close();
  rmSync(dir, { recursive: true, force: true });
  return [
    {
      name: 'feedback capture end to end median ms',
      value: Number(median(capture).toFixed(3)),
      unit: 'ms',
      target: '< 1',
    },
    ...(['week', 'month', 'quarter'] as const).map((period) => ({
      name: `feedback /feedback stats ${period} over 100k rows median ms`,
      value: Number(median(stats[period] ?? []).toFixed(1)),
      unit: 'ms',
      target: '< 20',
    })),
  ];
}
