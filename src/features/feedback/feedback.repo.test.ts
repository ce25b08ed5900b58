import { describe, expect, it } from 'vitest';
import { CSAT_ITEMS, FEEDBACK_NOW, FEEDBACK_ZONE, NPS_ITEMS } from '../../../test/fixtures/feedback-items.js';
import { openTestDb } from '../../db/client.js';
import { FeedbackRepo } from './feedback.repo.js';
import type { Scale } from './feedback.scale.js';
import { computeStats, type FeedbackItem, type Period, periodBounds } from './feedback.stats.js';

/** The fixture stored as rows of one group, customers keyed as the fixture keys them. */
function stored(items: readonly FeedbackItem[], scale: Scale) {
  const { db, sqlite } = openTestDb();
  sqlite.exec(`insert into workspaces (id, platform, created_at) values ('slack:T1', 'slack', 0);
    insert into groups (id, workspace_id, timezone, locale, created_at) values ('slack:T1:C1', 'slack:T1', '${FEEDBACK_ZONE}', 'en', 0)`);
  const repo = new FeedbackRepo(db);
  const customers = new Map<string, number>();
  for (const item of items) {
    const customer =
      customers.get(item.customerKey) ??
      repo.ensureCustomer('slack:T1', item.customerKey, item.customerName, new Date(0)).id;
    customers.set(item.customerKey, customer);
    const row = repo.insert({
      workspaceId: 'slack:T1',
      groupId: 'slack:T1:C1',
      customerId: customer,
      score: item.score,
      scale,
      comment: '',
      tags: [...item.tags],
      authorId: 'slack:T1:U1',
      createdAt: item.createdAt,
    });
    if (item.status !== 'open') repo.update(row.id, { status: item.status, resolvedAt: item.resolvedAt });
  }
  return repo;
}

describe('stats aggregated by SQLite', () => {
  it.each([
    ['csat', 'week'],
    ['csat', 'month'],
    ['csat', 'quarter'],
    ['nps', 'week'],
    ['nps', 'month'],
  ] as const)(
    'match the one-pass computation on the hand-checked fixture (%s, %s)',
    (scale: Scale, period: Period) => {
      const items = scale === 'csat' ? CSAT_ITEMS : NPS_ITEMS;
      const bounds = periodBounds(period, FEEDBACK_NOW, FEEDBACK_ZONE);
      const expected = computeStats(items, scale, bounds);
      const actual = stored(items, scale).stats('slack:T1:C1', scale, bounds);
      expect(actual.count).toBe(expected.count);
      expect(actual.previous).toEqual(expected.previous);
      expect(actual.nps).toEqual(expected.nps);
      if (expected.average === null) expect(actual.average).toBeNull();
      else expect(actual.average).toBeCloseTo(expected.average, 10);
      expect(actual.topTags).toEqual(expected.topTags);
      expect(actual.worstCustomers).toEqual(expected.worstCustomers);
      expect(actual.medianResolveHours).toBe(expected.medianResolveHours);
    },
  );
});
