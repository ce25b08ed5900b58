import { afterEach, describe, expect, it } from 'vitest';
import type { SlackAdapter } from '../../src/adapters/slack/slack.adapter.js';
import type { InboundEvent } from '../../src/core/platform/events.js';
import { FakeSlack } from '../fakes/fake-slack.js';
import { eventCallback } from '../fixtures/slack-payloads.js';
import { createHarness, type Harness } from '../helpers/harness.js';
import { RecordingRoster, seedChannel, VirtualClock } from '../helpers/recording-roster.js';
import {
  postToBolt,
  type SlackHarness,
  type SlackHarnessOptions,
  startSlack,
} from '../helpers/slack-harness.js';

let running: SlackHarness[] = [];
let fakes: FakeSlack[] = [];
let apps: Harness[] = [];
afterEach(async () => {
  for (const s of running) await s.stop();
  for (const fake of fakes) await fake.stop();
  for (const h of apps) await h.app.close();
  running = [];
  fakes = [];
  apps = [];
});

async function fakeSlack(): Promise<FakeSlack> {
  const fake = new FakeSlack();
  await fake.start();
  fakes.push(fake);
  return fake;
}

/**
 * The real app and the real Bolt adapter against `fake`, the member sync on a virtual clock and
 * reporting to the app's own roster through a recorder.
 */
async function start(
  fake: FakeSlack,
  clock: VirtualClock,
  more: SlackHarnessOptions & { record?: (roster: RecordingRoster, adapter: SlackAdapter) => void } = {},
): Promise<{ s: SlackHarness; roster: RecordingRoster }> {
  let roster: RecordingRoster | undefined;
  const { record, ...options } = more;
  const s = await startSlack('http', {
    fake,
    roster: (h, adapter) => {
      roster = new RecordingRoster(h.app.roster);
      record?.(roster, adapter);
      return roster;
    },
    adapter: { now: clock.now, sleep: clock.sleep },
    ...options,
  });
  running.push(s);
  if (!roster) throw new Error('the harness made no roster');
  return { s, roster };
}

const syncCalls = (fake: FakeSlack) =>
  fake.callsTo('conversations.members').length + fake.callsTo('users.list').length;

/** The group's present members as the app keeps them. */
function rows(h: Harness, channel: string): string[] {
  return (
    h.sql
      .prepare(
        'select member_id id from group_members where group_id = ? and left_at is null order by member_id',
      )
      .all(`slack:T1:${channel}`) as { id: string }[]
  ).map((r) => r.id);
}

const asRows = (ids: readonly string[]) => ids.map((id) => `slack:T1:${id}`).sort();

describe('Slack channel members are all known, not only those who spoke (real Bolt, fake Slack)', () => {
  it('lists a 5,000-member channel under Slack tier limits: few calls, one 429 waited out, nobody lost', async () => {
    const fake = await fakeSlack();
    const clock = new VirtualClock();
    const ids = seedChannel(fake, 'CBIG', 5_000, { externals: 20 });
    fake.users.set('UEXT', { name: 'listed-connect', team_id: 'T2' });
    fake.channelMembers.get('CBIG')?.splice(1, 1, 'UEXT');
    ids.splice(1, 1, 'UEXT');
    fake.enforceTierLimits(clock.now);
    // Another app used this minute's users.list budget: Slack answers 429 once, the sync waits it out.
    fake.spendRateLimit('users.list', 20);
    const startedAt = clock.now();

    const { s, roster } = await start(fake, clock);

    expect(syncCalls(fake)).toBeLessThan(60);
    expect(fake.callsTo('conversations.members')).toHaveLength(5);
    expect(fake.callsTo('conversations.members').every((c) => c.body.limit === '1000')).toBe(true);
    // Everyone users.list names (the harness's people too) in pages of 1,000, plus the one refused call.
    const named = [...fake.users.values()].filter((u) => u.listed !== false).length;
    expect(fake.callsTo('users.list').map((c) => c.body.limit)).toEqual(
      Array(Math.ceil(named / 1000) + 1).fill('1000'),
    );
    expect(fake.rateLimited.get('users.list')).toBe(1);
    expect([...fake.rateLimited.values()].reduce((a, b) => a + b, 0)).toBe(1);
    // The retry came after Slack's Retry-After (the minute the other app used).
    expect(clock.now() - startedAt).toBeGreaterThanOrEqual(60_000);
    // Only the Slack Connect people users.list does not name were looked up one by one.
    expect(fake.callsTo('users.info').map((c) => c.body.user)).toEqual(
      ids.filter((id) => id.startsWith('W')),
    );
    expect(fake.callsTo('team.info').map((c) => c.body.team)).toEqual(['T2']);
    expect(s.adapter.memberSyncStats().rateLimited).toEqual({ 'users.list': 1 });

    const listed = roster.membersOf('CBIG');
    expect(listed.map((m) => m.user.userId)).toEqual(ids);
    expect(roster.pages.map((p) => p.members.length)).toEqual([1000, 1000, 1000, 1000, 1000]);
    expect(roster.completions).toEqual([
      { group: { platform: 'slack', workspaceId: 'T1', channelId: 'CBIG' }, startedAt: new Date(startedAt) },
    ]);
    expect(s.h.sql.prepare('select count(*) n from roster_syncs').get()).toEqual({ n: 0 });
    expect(roster.profilePages.reduce((n, p) => n + p.members.length, 0)).toBe(named);

    // The app keeps every one of them in the group, and what Slack says about them.
    expect(rows(s.h, 'CBIG')).toEqual(asRows(ids));
    const member = (id: string) =>
      s.h.sql
        .prepare(
          'select display_name, is_bot, is_deactivated, is_guest, organization_id, organization_name, platform_side, platform_timezone, platform_locale from members where id = ?',
        )
        .get(`slack:T1:${id}`);
    expect(member('U000001')).toMatchObject({
      display_name: 'person1',
      is_guest: 0,
      organization_id: null,
      platform_side: 'team',
      platform_timezone: 'Asia/Shanghai',
      platform_locale: 'zh-CN',
    });
    expect(member('UBOT')).toMatchObject({ is_bot: 1 });
    expect(member('U000007')).toMatchObject({ is_guest: 1, platform_side: 'customer' });
    expect(member('U000013')).toMatchObject({ is_deactivated: 1 });
    expect(member('W000003')).toMatchObject({
      organization_id: 'T2',
      organization_name: 'Globex',
      platform_side: 'customer',
    });

    const byId = new Map(listed.map((m) => [m.user.userId, m]));
    expect(byId.get('UBOT')).toMatchObject({ isBot: true, displayName: 'muster' });
    expect(byId.get('U000001')).toMatchObject({
      displayName: 'person1',
      isBot: false,
      isDeactivated: false,
      isPlatformAdmin: false,
      timezone: 'Asia/Shanghai',
      locale: 'zh-CN',
    });
    expect(byId.get('U000001')?.organization).toBeUndefined();
    expect(byId.get('U000007')).toMatchObject({ isGuest: true });
    expect(byId.get('U000013')).toMatchObject({ isDeactivated: true });
    expect(byId.get('W000003')).toMatchObject({
      displayName: 'globex3',
      organization: { id: 'T2', name: 'Globex' },
    });
    expect(byId.get('UEXT')).toMatchObject({ organization: { id: 'T2', name: 'Globex' } });
  });

  it('a sync stopped after page 2 resumes from the saved cursor on the next start; page 1 is not fetched again', async () => {
    const fake = await fakeSlack();
    const clock = new VirtualClock();
    const ids = seedChannel(fake, 'CBIG', 5_000);
    fake.enforceTierLimits(clock.now);
    // One database across both starts, as on disk; the adapter is what restarts.
    const h = createHarness({ fakePlatform: false });
    apps.push(h);
    const firstStart = clock.now();
    let stopping: Promise<void> | undefined;
    const first = await start(fake, clock, {
      harness: h,
      waitForMembers: false,
      record: (roster, adapter) => {
        roster.onSave = () => {
          // The process goes down right after page 2 was reported and its cursor saved.
          if (roster.saves.length === 2) stopping = adapter.stop();
        };
      },
    });
    running = running.filter((s) => s !== first.s);
    await fake.waitFor(() => stopping !== undefined);
    await stopping;
    expect(first.roster.pages).toHaveLength(2);
    expect(first.roster.completions).toEqual([]);
    const saved = h.app.roster.progress('slack:T1:CBIG:members');
    expect(saved).toEqual({ cursor: expect.any(String), startedAt: new Date(firstStart) });
    expect(rows(h, 'CBIG')).toHaveLength(2_000);
    const before = fake.callsTo('conversations.members').length;
    expect(before).toBe(2);

    clock.ms += 5 * 60_000;
    const second = await start(fake, clock, { harness: h });

    const after = fake.callsTo('conversations.members').slice(before);
    expect(after.map((c) => c.body.cursor)).toEqual([saved?.cursor, expect.any(String), expect.any(String)]);
    expect(after.every((c) => c.body.cursor)).toBe(true);
    expect(
      [...first.roster.membersOf('CBIG'), ...second.roster.membersOf('CBIG')].map((m) => m.user.userId),
    ).toEqual(ids);
    // The resumed listing keeps the first start's time: who left meanwhile is still found out.
    expect(second.roster.completions).toEqual([
      { group: { platform: 'slack', workspaceId: 'T1', channelId: 'CBIG' }, startedAt: new Date(firstStart) },
    ]);
    expect(h.sql.prepare('select count(*) n from roster_syncs').get()).toEqual({ n: 0 });
    expect(rows(h, 'CBIG')).toEqual(asRows(ids));
    expect(syncCalls(fake)).toBeLessThan(60);
    expect([...fake.rateLimited.values()]).toEqual([]);
  });

  it('a saved cursor Slack no longer takes starts the listing over, keeping the first start’s time', async () => {
    const fake = await fakeSlack();
    const clock = new VirtualClock();
    const ids = seedChannel(fake, 'CBIG', 2_500);
    const h = createHarness({ fakePlatform: false });
    apps.push(h);
    const firstStart = new Date(clock.now() - 3 * 24 * 60 * 60_000);
    h.app.roster.saveProgress('slack:T1:CBIG:members', { cursor: 'expired-cursor', startedAt: firstStart });

    const { roster } = await start(fake, clock, { harness: h });

    expect(fake.callsTo('conversations.members').map((c) => c.body.cursor)).toEqual([
      'expired-cursor',
      undefined,
      expect.any(String),
      expect.any(String),
    ]);
    expect(roster.membersOf('CBIG').map((m) => m.user.userId)).toEqual(ids);
    expect(roster.completions.map((c) => c.startedAt)).toEqual([firstStart]);
    expect(h.app.roster.progress('slack:T1:CBIG:members')).toBeUndefined();
    expect(rows(h, 'CBIG')).toEqual(asRows(ids));
  });

  it('paces many channels under Tier 4 without a single 429, and lists every group the roster serves', async () => {
    const fake = await fakeSlack();
    const clock = new VirtualClock();
    for (let c = 0; c < 150; c++)
      fake.channelMembers.set(`C${String(c).padStart(3, '0')}`, ['UBOT', 'UBOB', 'UZH']);
    fake.users.set('UBOT', { name: 'muster', is_bot: true });
    // A private group Muster serves that users.conversations does not name: the roster's groups count too.
    fake.channelMembers.set('GOLD', ['UBOB']);
    fake.enforceTierLimits(clock.now);
    const startedAt = clock.now();

    const { s, roster } = await start(fake, clock, {
      record: (roster) => {
        // And one Slack no longer has: logged, not thrown, and nothing is left half done.
        roster.served = [
          { platform: 'slack', workspaceId: 'T1', channelId: 'GOLD' },
          { platform: 'slack', workspaceId: 'T1', channelId: 'GGONE' },
        ];
      },
    });

    expect(roster.completions).toHaveLength(151);
    expect(fake.rateLimited.size).toBe(0);
    expect(fake.callsTo('conversations.members')).toHaveLength(152);
    expect(s.h.logLines.filter((l) => l.includes('cannot list this channel'))).toEqual([
      expect.stringContaining('GGONE'),
    ]);
    // 152 calls at Tier 4 (100 a minute) cannot all go in one minute.
    expect(clock.now() - startedAt).toBeGreaterThanOrEqual(60_000);
    expect(fake.callsTo('users.list')).toHaveLength(1);
    expect(fake.callsTo('users.info')).toHaveLength(0);
    expect(roster.membersOf('GOLD').map((m) => m.displayName)).toEqual(['bob']);
    expect(rows(s.h, 'GOLD')).toEqual(['slack:T1:UBOB']);
    expect(rows(s.h, 'C149')).toEqual(asRows(['UBOB', 'UBOT', 'UZH']));
    expect(s.h.logLines.some((l) => l.includes('slack listener failed'))).toBe(false);
  });

  it('lists a channel when Muster joins it and the first time an event comes from one not listed yet', async () => {
    const fake = await fakeSlack();
    const clock = new VirtualClock();
    const events: InboundEvent[] = [];
    const { s, roster } = await start(fake, clock, { observe: (e) => events.push(e) });
    expect(roster.completions).toEqual([]);

    fake.channelMembers.set('CNEW', ['UBOT', 'UBOB']);
    const joined = JSON.stringify(
      eventCallback(
        { type: 'member_joined_channel', user: 'UBOT', channel: 'CNEW', channel_type: 'C', team: 'T1' },
        'Ev-join-bot',
      ),
    );
    expect((await postToBolt(s.port, joined, 'application/json')).status).toBe(200);
    await fake.waitFor(() => roster.completions.length === 1);
    expect(roster.membersOf('CNEW').map((m) => m.user.userId)).toEqual(['UBOT', 'UBOB']);
    expect(rows(s.h, 'CNEW')).toEqual(asRows(['UBOT', 'UBOB']));

    fake.channelMembers.set('CTALK', ['UZH', 'UADMIN']);
    const message = (id: string) =>
      JSON.stringify(
        eventCallback(
          { type: 'message', user: 'UZH', channel: 'CTALK', channel_type: 'channel', text: 'hi', ts: id },
          `Ev-${id}`,
        ),
      );
    await postToBolt(s.port, message('1700000001.000001'), 'application/json');
    await fake.waitFor(() => roster.completions.length === 2);
    await postToBolt(s.port, message('1700000001.000002'), 'application/json');
    await fake.waitFor(() => events.filter((e) => e.type === 'message.posted').length === 2);
    await s.adapter.membersSynced();
    // Listed once in this process, however many events follow.
    expect(fake.callsTo('conversations.members').map((c) => c.body.channel)).toEqual(['CNEW', 'CTALK']);
    expect(roster.membersOf('CTALK').map((m) => m.displayName)).toEqual(['小王', 'ann']);
    expect(roster.membersOf('CTALK')[1]).toMatchObject({ isPlatformAdmin: true, locale: 'en' });
    // ann never spoke there, and is a member all the same.
    expect(rows(s.h, 'CTALK')).toEqual(asRows(['UADMIN', 'UZH']));
  });

  it('a Slack Connect person who speaks is recognised as another organisation, a guest as a guest', async () => {
    const fake = await fakeSlack();
    const clock = new VirtualClock();
    fake.teams.set('T2', { name: 'Globex' });
    fake.users.set('WEXT', { name: 'gina', team_id: 'T2', listed: false });
    fake.users.set('UGUEST', { name: 'gus', is_ultra_restricted: true });
    const events: InboundEvent[] = [];
    const { s } = await start(fake, clock, { observe: (e) => events.push(e) });
    for (const [user, ts] of [
      ['WEXT', '1700000002.000001'],
      ['UGUEST', '1700000002.000002'],
    ] as const) {
      const body = JSON.stringify(
        eventCallback(
          { type: 'message', user, channel: 'C1', channel_type: 'channel', text: 'hello', ts },
          `Ev-${ts}`,
        ),
      );
      await postToBolt(s.port, body, 'application/json');
    }
    await fake.waitFor(() => events.length === 2);
    await s.adapter.membersSynced();
    expect(fake.callsTo('team.info').map((c) => c.body.team)).toEqual(['T2']);
    const [external, guest] = events.map((e) => e.actor);
    expect(external).toMatchObject({ displayName: 'gina', organization: { id: 'T2', name: 'Globex' } });
    expect(external?.isGuest).toBeUndefined();
    expect(guest).toMatchObject({ displayName: 'gus', isGuest: true });
    expect(guest?.organization).toBeUndefined();
    // The core keeps what the actor said about them.
    await fake.waitFor(
      () =>
        (s.h.sql.prepare("select count(*) n from members where id like 'slack:T1:%'").get() as { n: number })
          .n === 2,
    );
    expect(
      s.h.sql
        .prepare(
          "select id, is_guest, organization_name, platform_side from members where id in ('slack:T1:WEXT', 'slack:T1:UGUEST') order by id",
        )
        .all(),
    ).toEqual([
      { id: 'slack:T1:UGUEST', is_guest: 1, organization_name: null, platform_side: 'customer' },
      { id: 'slack:T1:WEXT', is_guest: 0, organization_name: 'Globex', platform_side: 'customer' },
    ]);
  });
});
