import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(async () => {
  await h.app.close();
});

const DAY = 86_400_000;
const activityRows = () =>
  h.sql.prepare('select member_id, last_active_at from group_members order by member_id').all();

describe('activity tracking', () => {
  it('is batched: messages are counted in memory and written in one flush, also on stop', async () => {
    await h.post('hello', { user: 'bob' });
    await h.post('again', { user: 'bob' });
    await h.post('hi', { user: 'carol' });
    expect(activityRows()).toEqual([]);
    expect(h.app.activity.pending).toBe(2);
    expect(h.app.activity.flush()).toBe(2);
    expect(activityRows()).toHaveLength(2);
  });

  it('writes every message id of a large batch (multi-row inserts plus the remainder)', async () => {
    for (let i = 0; i < 450; i++) {
      const b = h.base({ user: `u${i % 7}` });
      await h.send({
        type: 'message.posted',
        ...b,
        eventId: `msg-${i}`,
        message: { conversation: b.conversation, messageId: `m${i}` },
        text: 'hi',
      });
    }
    h.app.flush();
    expect(
      h.sql.prepare("select count(*) n from processed_events where event_id like 'msg-%'").get(),
    ).toEqual({ n: 450 });
  });

  it('counts commands as activity too', async () => {
    await h.run('/muster help', { user: 'bob' });
    h.app.activity.flush();
    expect(activityRows()).toEqual([{ member_id: 'slack:T1:bob', last_active_at: h.clock.now().getTime() }]);
  });

  it('is never lost on a clean stop', async () => {
    const file = `${process.env.TMPDIR ?? '/tmp'}/muster-activity-${process.pid}-${Date.now()}.db`;
    const first = createHarness({ dbPath: file });
    await first.post('hello', { user: 'bob' });
    await first.app.close();
    const second = createHarness({ dbPath: file });
    expect(second.sql.prepare('select member_id from group_members').all()).toEqual([
      { member_id: 'slack:T1:bob' },
    ]);
    await second.app.close();
  });
});

describe('/members inactive', () => {
  it('lists members silent for N days with their last-seen date, never admins, duty holders or bots', async () => {
    await h.post('hi', { user: 'bob' });
    await h.post('hi', { user: 'carol' });
    await h.post('hi', { user: 'alice' });
    await h.run('/role add <@carol> pm');
    h.clock.advance(40 * DAY);
    await h.post('still here', { user: 'dan' });
    const list = await h.run('/members inactive');
    expect(list.text).toContain('1 member silent for 30 days');
    expect(list.text).toContain('*bob*: last seen');
    expect(list.text).not.toContain('carol');
    expect(list.text).not.toContain('alice');
    expect(list.text).not.toContain('dan');
    expect((await h.run('/members inactive 60')).text).toBe('Nobody has been silent for 60 days.');
    expect((await h.run('/members 不活跃 30', { user: 'bob' })).text).toContain('only a group manager');
  });
});

describe('/members prune', () => {
  it('confirm → warnings → after the grace period only still-silent members are removed', async () => {
    await h.post('hi', { user: 'bob' });
    await h.post('hi', { user: 'erin' });
    h.clock.advance(45 * DAY);
    const proposal = await h.run('/members prune 30');
    expect(proposal.text).toContain('2 members silent for 30 days');
    expect(h.platform.moderated).toEqual([]);
    const confirm = proposal.responder.replies[0]?.message.blocks
      ?.flatMap((b) => (b.type === 'buttons' ? b.buttons : []))
      .find((b) => b.actionId === 'members.prune.confirm');
    expect(confirm).toBeDefined();

    const confirmed = await h.click('members.prune.confirm', confirm?.value ?? '');
    expect(confirmed.text).toContain('Warned 2 members');
    const warned = h.platform.sent.filter((s) => s.target.kind === 'dm' && s.message.text.includes('quiet'));
    expect(warned.map((s) => (s.target.kind === 'dm' ? s.target.user.userId : ''))).toEqual(['bob', 'erin']);
    // A second click does not warn twice.
    await h.click('members.prune.confirm', confirm?.value ?? '');
    expect(
      h.platform.sent.filter((s) => s.target.kind === 'dm' && s.message.text.includes('quiet')),
    ).toHaveLength(2);

    h.clock.advance(DAY);
    await h.post('I am still on the project', { user: 'erin' });
    await h.app.tick(h.clock.now());
    expect(h.platform.moderated).toEqual([]);

    h.clock.advance(2 * DAY + 60_000);
    await h.app.tick(h.clock.now());
    expect(h.platform.moderated.map((a) => (a.kind === 'remove' ? a.user.userId : a.kind))).toEqual(['bob']);
    await h.app.tick(h.clock.now());
    expect(h.platform.moderated).toHaveLength(1);
    const report = h.platform.sent.find((s) => s.target.kind === 'dm' && s.message.text.includes('Prune of'));
    expect(report?.message.text).toContain('1 removed, 1 kept');
    expect(h.sql.prepare("select target_id from audit_log where action = 'members.pruned'").all()).toEqual([
      { target_id: 'slack:T1:bob' },
    ]);
  });

  it('where the platform cannot remove, admins get the list', async () => {
    const noRemove = createHarness({ capabilities: { removeMember: false } });
    try {
      await noRemove.post('hi', { user: 'bob' });
      noRemove.clock.advance(45 * DAY);
      const proposal = await noRemove.run('/members prune 30 1');
      const value =
        proposal.responder.replies[0]?.message.blocks?.flatMap((b) =>
          b.type === 'buttons' ? b.buttons : [],
        )[0]?.value ?? '';
      await noRemove.click('members.prune.confirm', value);
      noRemove.clock.advance(DAY + 60_000);
      await noRemove.app.tick(noRemove.clock.now());
      const report = noRemove.platform.sent.find((s) => s.message.text.includes('Could not remove'));
      expect(report?.message.text).toContain('<@bob>');
    } finally {
      await noRemove.app.close();
    }
  });
});
