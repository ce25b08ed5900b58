import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/core/platform/platform.js';
import { createHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeEach(async () => {
  h = createHarness();
  await h.run('/muster help'); // alice, the admin, is known in the group
  h.platform.sent.length = 0;
});
afterEach(async () => {
  await h.app.close();
});

const group = { platform: 'slack' as const, workspaceId: 'T1', channelId: 'C1' };
const bob = { platform: 'slack' as const, workspaceId: 'T1', userId: 'bob' };
const alerts = () =>
  h.platform.sent.filter((s) => s.target.kind === 'dm' && s.target.user.userId === 'alice');

describe('the moderator', () => {
  it('a platform error that is not about permissions falls back, and tells the admins what happened', async () => {
    h.platform.moderationFailures.push(new DeliveryError('http_500', { transient: true }));
    const outcome = await h.app.moderator.apply({
      kind: 'remove',
      user: bob,
      conversation: group,
      reason: 'test',
    });
    expect(outcome).toEqual({ status: 'fallback', reason: 'failed', error: 'http_500' });
    expect(alerts()).toHaveLength(1);
    expect(alerts()[0]?.message.text).toContain('“http_500”');
  });

  it('an action the platform refuses as unsupported says so instead of failing', async () => {
    h.platform.moderationFailures.push(new DeliveryError('not_supported', { transient: false }));
    const outcome = await h.app.moderator.apply({
      kind: 'timeout',
      user: bob,
      conversation: group,
      until: new Date(h.clock.now().getTime() + 600_000),
      reason: 'test',
    });
    expect(outcome).toEqual({ status: 'fallback', reason: 'not_supported', error: 'not_supported' });
    expect(alerts()[0]?.message.text).toContain('does not let Muster');
  });

  it('a missing permission is reported once a day, however often it happens', async () => {
    for (let i = 0; i < 3; i++) {
      h.platform.moderationFailures.push(
        new DeliveryError('missing_permissions', { transient: false, missingPermission: true }),
      );
      await h.app.moderator.apply({
        kind: 'delete',
        message: { conversation: group, messageId: `m${i}` },
        reason: 'test',
      });
    }
    expect(alerts()).toHaveLength(1);
    h.clock.advance(24 * 3_600_000);
    h.platform.moderationFailures.push(
      new DeliveryError('missing_permissions', { transient: false, missingPermission: true }),
    );
    await h.app.moderator.apply({
      kind: 'delete',
      message: { conversation: group, messageId: 'm9' },
      reason: 'test',
    });
    expect(alerts()).toHaveLength(2);
  });
});

describe('a platform that cannot delete (Slack without an admin token)', () => {
  it('tells the admins at most once an hour per group, not for every message a rule catches', async () => {
    await h.app.close();
    h = createHarness({ capabilities: { deleteOthersMessages: false } });
    await h.run('/rules add words scam');
    h.platform.sent.length = 0;
    for (let i = 0; i < 5; i++) await h.post(`scam offer ${i}`, { user: 'bob' });
    expect(alerts()).toHaveLength(1);
    expect(alerts()[0]?.message.text).toContain('at most once an hour');
    h.clock.advance(3_600_000);
    await h.post('scam again', { user: 'bob' });
    expect(alerts()).toHaveLength(2);
    // Every one of them is in the log.
    expect(h.sql.prepare("select count(*) n from audit_log where action = 'rules.enforced'").get()).toEqual({
      n: 6,
    });
  });
});
