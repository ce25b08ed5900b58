import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderMessage } from '../../src/adapters/discord/render.js';
import { attachmentBytes, type OutboundMessage } from '../../src/core/platform/messages.js';
import { createHarness, type Harness, snapshot, textOf } from '../helpers/harness.js';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(async () => {
  await h.app.close();
});

const digests = (user: string) =>
  h.dmsTo(user).filter((s) => /Weekly digest|Daily digest|每周简报|每日简报/u.test(s.message.text));
const ok = 'yesterday: docs; today: tests; blockers: none';

/** A Shanghai group `channel` with standups on, max as its manager, and the given members. */
async function group(channel: string, members: string[]) {
  await h.run('/muster settings timezone Asia/Shanghai', { channel });
  await h.run('/standup on', { channel });
  await h.run('/standup config deadline 18:00', { channel });
  await h.run('/role add <@max> manager', { channel });
  for (const user of members) await h.post('早', { user, channel });
}

/** A day's standups in several groups: prompts at 09:30, answers, summaries at 18:00 (Shanghai). */
async function standupDay(day: string, answers: Record<string, string[]>) {
  await h.at(`${day}T01:30:00Z`);
  for (const [channel, users] of Object.entries(answers))
    for (const user of users) await h.run(`/standup ${ok}`, { user, channel });
  await h.at(`${day}T10:00:00Z`);
}

function pngOf(message: OutboundMessage | undefined): PNG {
  const file = message?.attachments?.[0];
  if (!file) throw new Error('no chart attached');
  expect(file.contentType).toBe('image/png');
  return PNG.sync.read(attachmentBytes(file));
}

describe('/digest', () => {
  it('a manager of two groups gets one weekly digest at 08:30 their time on Monday, covering both, with the chart', async () => {
    await group('C1', ['bob']);
    await group('C2', ['carol']);
    await h.run('/muster timezone Asia/Shanghai', { user: 'max' });
    const sub = await h.run('/digest subscribe weekly 08:30', { user: 'max', direct: true });
    expect(sub.text).toContain('You will get the weekly (Mondays) digest at 08:30 (Asia/Shanghai) by DM.');
    // Mon: everyone answers in both groups. Tue: bob misses C1; alice and max miss C2.
    await standupDay('2026-12-07', { C1: ['alice', 'bob', 'max'], C2: ['alice', 'carol', 'max'] });
    await standupDay('2026-12-08', { C1: ['alice', 'max'], C2: ['carol'] });
    await h.run('/feedback customer:Acme rating:1 the export is broken', { user: 'carol', channel: 'C2' });
    // C1: one rule violation by bob, and a task due Wednesday that is never done.
    await h.run('/rules add words scam', { channel: 'C1' });
    await h.post('this is a scam', { user: 'bob', channel: 'C1' });
    await h.run('/review action 整理报价单 <@bob> 周三', { user: 'max', channel: 'C1' });
    // C2: frank has been silent for 40 days.
    await h.post('hello', { user: 'frank', channel: 'C2' });
    h.app.flush();
    h.sql
      .prepare(
        "update group_members set last_active_at = ?, joined_at = ? where member_id = 'slack:T1:frank'",
      )
      .run(new Date('2026-11-01T00:00:00Z').getTime(), new Date('2026-11-01T00:00:00Z').getTime());

    // Monday 2026-12-07's digest (covering the week before) went out at 08:30 that morning.
    expect(digests('max').map((s) => s.message.text)).toEqual(['Weekly digest · Nov 30 – Dec 6']);
    await h.at('2026-12-14T00:29:00Z');
    expect(digests('max')).toHaveLength(1);
    await h.at('2026-12-14T00:30:00Z');
    await h.at('2026-12-14T00:31:00Z');
    expect(digests('max')).toHaveLength(2);
    const digest = digests('max')[1]?.message;
    const text = textOf(digest ?? { text: '' });
    expect(text).toContain('Weekly digest · Dec 7 – Dec 13');
    // C1 5/6, C2 4/6: 9 of 12 expected answers.
    expect(text).toContain(
      'Groups: 2 · participation 75% · ratings: 1 · low scores: 1 · rule violations: 1 · overdue tasks: 1',
    );
    expect(text).toMatch(/\*#C1\*\nParticipation 83% over 2 days\nMissing most: bob \(1\)/u);
    expect(text).toMatch(/\*#C2\*\nParticipation 67% over 2 days\nMissing most: alice \(1\), max \(1\)/u);
    expect(text).toContain('Ratings: 1, average 1.0/5 (previous period: 0); low scores alerted: 1');
    const c1 = text.slice(text.indexOf('*#C1*'), text.indexOf('*#C2*'));
    const c2 = text.slice(text.indexOf('*#C2*'));
    expect(c1).toContain('Rule violations: 1 (people: 1; time-outs or removals: 0)');
    expect(c1).toContain('• 🔴 #1 整理报价单: <@bob>, was due Wed, Dec 9 (overdue)');
    expect(c1).toContain('No inactive members.');
    expect(c2).toContain('Silent for 30+ days (1): frank');
    expect(c2).toContain('No rule violations.');
    const png = pngOf(digest);
    expect([png.width, png.height]).toEqual([800, 450]);
    // Only the manager gets it.
    expect(digests('bob')).toEqual([]);
    expect(digests('alice')).toEqual([]);
  });

  it('the chart’s pixels follow the data', async () => {
    await group('C1', ['bob']);
    await standupDay('2026-12-07', { C1: ['alice', 'bob', 'max'] });
    await h.run('/digest now weekly', { user: 'max' });
    const full = pngOf(digests('max')[0]?.message);
    h.sql.prepare('update standup_days set answered_count = 0').run();
    await h.run('/digest now weekly', { user: 'max' });
    const none = pngOf(digests('max')[1]?.message);
    expect(Buffer.compare(full.data, none.data)).not.toBe(0);
  });

  it('in Chinese for a Chinese reader, and as a table where files cannot be sent', async () => {
    await h.app.close();
    h = createHarness({ capabilities: { files: false } });
    await group('C1', ['bob']);
    await standupDay('2026-12-07', { C1: ['alice', 'bob'] });
    await h.run('/muster language zh-CN', { user: 'max' });
    const reply = await h.run('/digest now weekly', { user: 'max' });
    expect(reply.text).toBe('简报已发到你的私信。');
    const digest = digests('max')[0]?.message;
    expect(digest?.attachments).toBeUndefined();
    const text = textOf(digest ?? { text: '' });
    expect(text).toContain('每周简报');
    expect(text).toContain('每周参与率');
    expect(text).toMatch(/群\s+.*\n#?C1\s+.*67%/u);
    expect(text).toContain('站会参与率 67%，共 1 天');
  });

  it('refuses someone who manages no group, in their language, and stores nothing', async () => {
    await h.post('hi', { user: 'bob' });
    const before = snapshot(h, ['digest_subscriptions']);
    const refused = await h.run('/digest subscribe 每周 8点半', { user: 'bob', locale: 'zh-CN' });
    expect(refused.text).toContain('你在这个工作区还不是任何群的经理');
    const bad = await h.run('/digest subscribe weekly 25:00', { user: 'max' });
    expect(bad.text).toContain('“25:00” is not a time');
    expect(snapshot(h, ['digest_subscriptions'])).toBe(before);
  });

  it('splits a long digest at group boundaries, every part within Discord’s 2,000 characters', async () => {
    await h.app.close();
    h = createHarness({ capabilities: { maxMessageLength: 2000 } });
    const channels = Array.from({ length: 20 }, (_, i) => `C${i + 1}`);
    for (const channel of channels) {
      await h.run('/muster settings timezone Asia/Shanghai', { channel });
      await h.run('/role add <@max> manager', { channel });
      for (const user of ['bob', 'carol', 'dan']) await h.post('hi', { user, channel });
      await h.run(
        '/feedback customer:华星科技（上海）有限公司 rating:1 交付一再延期，客户非常不满意，要求本周给出书面说明',
        {
          user: 'bob',
          channel,
        },
      );
      await h.run('/review action 回访华星科技，确认新的交付排期并同步给客户 <@bob> 明天', {
        user: 'max',
        channel,
      });
    }
    await h.at('2026-12-03T01:00:00Z');
    await h.run('/digest now weekly', { user: 'max' });
    const parts = digests('max').map((s) => s.message);
    expect(parts.length).toBeGreaterThan(1);
    const seen = new Map<string, number>();
    for (const part of parts) {
      const body = (part.blocks ?? []).map((b) => ('text' in b ? b.text : '')).join('\n');
      expect(body.length).toBeLessThanOrEqual(2000);
      // The Discord adapter sends each part as one message: nothing left for it to cut.
      expect(renderMessage(part).filter((m) => m.content)).toHaveLength(1);
      for (const channel of channels)
        if (body.includes(`*#${channel}*\n`)) seen.set(channel, (seen.get(channel) ?? 0) + 1);
      // Each section is whole: a group's section ends with its overdue item line.
      for (const block of part.blocks ?? [])
        if (block.type === 'section' && block.text.startsWith('*#C'))
          expect(block.text).toMatch(/overdue\)$/u);
    }
    expect([...seen.values()]).toEqual(channels.map(() => 1));
    expect(parts[1]?.text).toMatch(/\(continued, 2\/\d\)/u);
  });
});

describe('/digest from a DM that is a workspace of its own (Discord’s @me)', () => {
  it('subscribes and sends for every server where the same person manages groups', async () => {
    await group('C1', ['bob']);
    const dm = { platform: 'slack' as const, workspaceId: '@me', channelId: 'D-max' };
    const fromDm = (text: string) =>
      h.send({
        type: 'command.invoked',
        eventId: `dm-${text}`,
        actor: {
          user: { platform: 'slack', workspaceId: '@me', userId: 'max' },
          displayName: 'max',
          isPlatformAdmin: false,
          isBot: false,
        },
        conversation: dm,
        isDirect: true,
        command: 'digest',
        text,
      });
    const subscribed = await fromDm('subscribe weekly 09:00');
    expect(subscribed.replies.map((r) => r.message.text).join()).toContain(
      'You will get the weekly (Mondays) digest at 09:00',
    );
    expect(
      h.sql
        .prepare('select workspace_id ws, member_id member, cadence, time from digest_subscriptions')
        .all(),
    ).toEqual([{ ws: 'slack:T1', member: 'slack:T1:max', cadence: 'weekly', time: '09:00' }]);
    await fromDm('now');
    expect(digests('max').map((s) => s.message.text)).toEqual([expect.stringContaining('Weekly digest')]);
    await fromDm('unsubscribe');
    expect(h.sql.prepare('select count(*) n from digest_subscriptions').get()).toEqual({ n: 0 });
  });
});

describe('digest schedule', () => {
  it('keeps 08:30 local across a DST change, once a week, and never twice after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'muster-digest-'));
    const dbPath = join(dir, 'muster.db');
    try {
      await h.app.close();
      h = createHarness({ dbPath });
      await h.run('/muster settings timezone America/New_York');
      await h.run('/role add <@max> manager');
      await h.run('/muster timezone America/New_York', { user: 'max' });
      await h.run('/digest subscribe weekly 08:30', { user: 'max' });
      const postedAt: string[] = [];
      const tickAt = async (iso: string) => {
        const before = digests('max').length;
        await h.at(iso);
        if (digests('max').length > before) postedAt.push(iso);
      };
      // 2027-03-08 is EST (08:30 = 13:30Z); 2027-03-15 is EDT (08:30 = 12:30Z).
      for (const iso of ['2027-03-08T13:29:00Z', '2027-03-08T13:30:00Z', '2027-03-08T14:00:00Z'])
        await tickAt(iso);
      await h.app.close();
      // A new process on the same file, started just after: the slot is claimed, nothing is sent again.
      h = createHarness({ dbPath });
      await h.at('2027-03-08T14:01:00Z');
      expect(digests('max')).toEqual([]);
      for (const iso of ['2027-03-15T12:29:00Z', '2027-03-15T12:30:00Z', '2027-03-15T13:30:00Z'])
        await tickAt(iso);
      expect(postedAt).toEqual(['2027-03-08T13:30:00Z', '2027-03-15T12:30:00Z']);
    } finally {
      await h.app.close();
      h = createHarness();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
