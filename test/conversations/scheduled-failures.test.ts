import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Delivery } from '../../src/core/ports.js';
import { DigestRepo } from '../../src/features/digest/digest.repo.js';
import { DigestService } from '../../src/features/digest/digest.service.js';
import { FeedbackRepo } from '../../src/features/feedback/feedback.repo.js';
import { FiguresRepo } from '../../src/features/figures/figures.repo.js';
import { PeopleRepo } from '../../src/features/people/people.repo.js';
import { ReviewRepo } from '../../src/features/review/review.repo.js';
import { ReviewService } from '../../src/features/review/review.service.js';
import { Instances } from '../../src/scheduler/instances.js';
import { createJobClaims } from '../../src/scheduler/job-runs.js';
import { createHarness, type Harness, textOf } from '../helpers/harness.js';

/**
 * The error paths of the review and digest jobs, with the services built over the harness's
 * database and a failing piece swapped in: a chart that cannot be drawn, a delivery that throws.
 */
let h: Harness;
beforeEach(async () => {
  h = createHarness();
  await h.run('/role add <@max> manager');
  await h.run('/review schedule friday 16:00', { user: 'max' });
  await h.run('/digest subscribe weekly 08:30', { user: 'max' });
  h.platform.sent.length = 0;
});
afterEach(async () => {
  await h.app.close();
});

function parts(delivery: Delivery) {
  const db = h.app.db.db;
  const people = new PeopleRepo(db);
  const feedback = new FeedbackRepo(db);
  return {
    db,
    people,
    feedback,
    figures: new FiguresRepo(db, feedback),
    delivery,
    claims: createJobClaims(db, Instances.register(db)),
    logger: h.logger,
    defaultLocale: 'en' as const,
    catchUpMs: 2 * 3_600_000,
    startedAt: h.clock.now(),
  };
}

const throwing: Delivery = {
  async send() {
    throw new Error('database is locked');
  },
};
const runs = (job: string) =>
  h.sql.prepare('select status, error from job_runs where job = ? order by id').all(job) as {
    status: string;
    error: string;
  }[];
const logged = (text: string) => h.logLines.filter((l) => l.includes(text));

describe('when a scheduled send fails', () => {
  it('the review reminder’s slot is recorded as failed with the reason, logged, and not retried as a duplicate', async () => {
    const review = new ReviewService({ ...parts(throwing), repo: new ReviewRepo(h.app.db.db) });
    h.clock.set(new Date('2026-12-04T16:00:00Z')); // Friday 15:00 UTC, an hour before the review
    await review.tick(h.clock.now());
    expect(runs('review.reminder')).toEqual([{ status: 'failed', error: 'database is locked' }]);
    expect(logged('review job failed')).toHaveLength(1);
  });

  it('the digest’s slot is recorded as failed with the reason, and logged', async () => {
    const digest = new DigestService({
      ...parts(throwing),
      repo: new DigestRepo(h.app.db.db),
      defaultTimezone: 'UTC',
      limits: () => ({ maxChars: 4000, files: true }),
    });
    h.clock.set(new Date('2026-12-07T08:30:00Z')); // Monday 08:30 UTC
    await digest.tick(h.clock.now());
    // Monday 2026-11-30's slot was too long ago when this process started: skipped, as it should be.
    expect(runs('digest')).toEqual([
      { status: 'skipped', error: null },
      { status: 'failed', error: 'database is locked' },
    ]);
    expect(logged('digest failed')).toHaveLength(1);
  });
});

describe('when the chart cannot be drawn', () => {
  it('the digest still goes out, with the text table instead, and the failure is logged', async () => {
    const digest = new DigestService({
      ...parts(h.app.outbox),
      repo: new DigestRepo(h.app.db.db),
      defaultTimezone: 'UTC',
      limits: () => ({ maxChars: 4000, files: true }),
      drawChart: () => {
        throw new Error('font file missing');
      },
    });
    await digest.sendNow('slack:T1', 'slack:T1:max', 'weekly', h.clock.now());
    const [sent] = h.dmsTo('max');
    expect(sent?.message.attachments).toBeUndefined();
    expect(textOf(sent?.message ?? { text: '' })).toContain('Participation per week');
    expect(logged('digest chart could not be drawn; sending the table')).toHaveLength(1);
  });
});
