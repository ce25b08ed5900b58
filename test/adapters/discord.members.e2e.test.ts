import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationRef } from '../../src/core/platform/ids.js';
import { DISCORD_IDS, FakeDiscord, type FakeMember } from '../fakes/fake-discord.js';
import {
  callbackText,
  command,
  type DiscordHarness,
  dmChannelOf,
  type RecordingRoster,
  startDiscord,
} from '../helpers/discord-harness.js';

const { guild: G, channel: C, bot: BOT, owner: OWNER, admin: ADMIN, member: BOB } = DISCORD_IDS;
const GROUP: ConversationRef = { platform: 'discord', workspaceId: G, channelId: C };
const VIEW_CHANNEL = 1n << 10n;

let d: DiscordHarness | undefined;
afterEach(async () => {
  if (!d) return;
  await d.stop();
  expect(d.fake.errors).toEqual([]);
  expect(d.fake.unknownCalls.map((c) => `${c.method} ${c.path}`)).toEqual([]);
  expect(d.h.logLines.join('')).not.toContain('discord member sync failed');
  d = undefined;
});

/**
 * The issue's server: 60 members (the bot, another bot, the owner, Alice, Bob and 55 more), 10 of
 * whom hold "Outsiders", a role #general's overwrite hides the channel from.
 */
interface World {
  fake: FakeDiscord;
  outsiders: string;
  hidden: FakeMember[];
  helper: FakeMember;
}

async function world(): Promise<World> {
  const fake = new FakeDiscord();
  await fake.start();
  const outsiders = fake.addRole({ name: 'Outsiders' }).id;
  const helper = fake.addMember({ username: 'helperbot', bot: true });
  fake.addMembers(45);
  const hidden = fake.addMembers(10, { roles: [outsiders] });
  fake.channel(C).overwrites = [{ id: outsiders, type: 0, allow: 0n, deny: VIEW_CHANNEL }];
  return { fake, outsiders, hidden, helper };
}

async function started(w: World): Promise<DiscordHarness> {
  d = await startDiscord({ running: w.fake, served: [GROUP] });
  await d.adapter.rosterIdle();
  return d;
}

/**
 * A minute passes (so a new listing's start is after the previous one's, as on any real clock),
 * and the roster's call count so far.
 */
function mark(s: DiscordHarness): number {
  s.h.clock.advance(60_000);
  return s.roster.calls.length;
}

/** Waits until the roster has more calls than `before` (events come over the gateway), then lets them settle. */
async function reported(s: DiscordHarness, before: number, what: string): Promise<void> {
  await s.fake.waitUntil(() => s.roster.calls.length > before, 2_000, what);
  await s.adapter.rosterIdle();
}

const ids = (roster: RecordingRoster, channelId: string = C) => [...roster.present(channelId).keys()].sort();

describe('Discord group members (real discord.js, fake Discord)', () => {
  it('lists the 50 of 60 members who can see the group channel, fetched over the gateway; bots as bots', async () => {
    const w = await world();
    const s = await started(w);
    expect(w.fake.guild(G).members.size).toBe(60);

    // 60 members is past discord.js's large threshold (50): GUILD_CREATE brought only the bot,
    // so the adapter asked for the rest (op 8) and got them in one chunk.
    const create = w.fake.dispatched.find((e) => e.type === 'GUILD_CREATE');
    expect(create?.data).toMatchObject({ large: true, member_count: 60, members: [{ user: { id: BOT } }] });
    expect(w.fake.gatewayReceived.filter((f) => f.op === 8)).toHaveLength(1);
    expect(w.fake.dispatched.filter((e) => e.type === 'GUILD_MEMBERS_CHUNK')).toHaveLength(1);

    const calls = s.roster.about(C);
    expect(calls.map((c) => c.kind)).toEqual(['listed', 'completed']);
    const listed = calls[0]?.kind === 'listed' ? calls[0].members : [];
    expect(listed).toHaveLength(50);
    const hidden = new Set(w.hidden.map((m) => m.userId));
    expect(listed.some((m) => hidden.has(m.user.userId))).toBe(false);
    expect(listed.every((m) => m.user.platform === 'discord' && m.user.workspaceId === G)).toBe(true);
    expect(calls[1]).toMatchObject({ kind: 'completed', group: GROUP, startedAt: s.h.clock.now() });

    const byId = s.roster.present(C);
    expect(byId.size).toBe(50);
    expect(byId.get(BOT)).toMatchObject({ isBot: true, isDeactivated: false });
    expect(byId.get(w.helper.userId)).toMatchObject({ displayName: 'helperbot', isBot: true });
    expect(byId.get(BOB)).toEqual({
      user: { platform: 'discord', workspaceId: G, userId: BOB },
      displayName: 'Bob',
      isBot: false,
      isDeactivated: false,
      isPlatformAdmin: false,
      platformRoles: [],
    });
    expect(byId.get(ADMIN)).toMatchObject({ isPlatformAdmin: true, platformRoles: [DISCORD_IDS.adminRole] });
    expect(byId.get(OWNER)).toMatchObject({ isPlatformAdmin: true });
    expect([...byId.values()].filter((m) => m.isBot)).toHaveLength(2);
  });

  it('asks for the members again when Discord rate-limits the request (RATE_LIMITED, opcode 8)', async () => {
    const w = await world();
    w.fake.rateLimitMemberRequests(1, 0);
    const s = await started(w);
    expect(w.fake.dispatched.filter((e) => e.type === 'RATE_LIMITED')).toHaveLength(1);
    const requests = w.fake.gatewayReceived.filter((f) => f.op === 8);
    expect(requests).toHaveLength(2);
    expect(s.roster.present(C).size).toBe(50);
    expect(s.h.logLines.join('')).toContain('discord member request rate limited');
  });

  it('follows a join, a leave, a role that hides the channel and one that no longer does', async () => {
    const w = await world();
    const s = await started(w);

    let before = mark(s);
    const carol = w.fake.memberAdd({ username: 'carol' });
    await reported(s, before, 'the join');
    expect(s.roster.calls.slice(before)).toEqual([
      {
        kind: 'listed',
        group: GROUP,
        members: [expect.objectContaining({ user: expect.objectContaining({ userId: carol.userId }) })],
        at: s.h.clock.now(),
      },
    ]);
    expect(s.roster.present(C).size).toBe(51);

    // A hidden newcomer is no member of the group: the gateway keeps order, so once Carol's
    // leave is reported Dave's join was handled, and it reported nothing.
    before = mark(s);
    const dave = w.fake.memberAdd({ username: 'dave', roles: [w.outsiders] });
    w.fake.memberRemove(carol.userId);
    await reported(s, before, 'the leave');
    expect(s.roster.calls.slice(before)).toEqual([
      {
        kind: 'left',
        group: GROUP,
        user: { platform: 'discord', workspaceId: G, userId: carol.userId },
        at: s.h.clock.now(),
      },
    ]);
    expect(s.roster.present(C).has(carol.userId)).toBe(false);
    expect(s.roster.present(C).has(dave.userId)).toBe(false);

    before = mark(s);
    w.fake.memberUpdate(BOB, { roles: [w.outsiders] });
    await reported(s, before, 'the role change hiding the channel');
    expect(s.roster.calls.slice(before)).toEqual([
      {
        kind: 'left',
        group: GROUP,
        user: { platform: 'discord', workspaceId: G, userId: BOB },
        at: s.h.clock.now(),
      },
    ]);

    before = mark(s);
    w.fake.memberUpdate(BOB, { roles: [] });
    await reported(s, before, 'the role change showing the channel again');
    expect(s.roster.calls.slice(before)).toMatchObject([
      { kind: 'listed', group: GROUP, members: [{ user: { userId: BOB }, platformRoles: [] }] },
    ]);
    expect(s.roster.present(C).size).toBe(50);
  });

  it('lists the channel again when its overwrites change, and every group when a role permission changes', async () => {
    const w = await world();
    const s = await started(w);

    // The Outsiders may see #general now; Bob alone may not.
    let before = mark(s);
    w.fake.setOverwrites(C, [{ id: BOB, type: 1, allow: 0n, deny: VIEW_CHANNEL }]);
    await reported(s, before, 'the resync after CHANNEL_UPDATE');
    expect(s.roster.calls.slice(before).map((c) => c.kind)).toEqual(['listed', 'completed']);
    expect(s.roster.present(C).size).toBe(59);
    expect(s.roster.present(C).has(BOB)).toBe(false);
    expect(w.hidden.every((m) => s.roster.present(C).has(m.userId))).toBe(true);

    // A channel update that leaves the overwrites alone lists nobody (the next listing is the role's).
    before = mark(s);
    w.fake.channel(C).topic = 'standups here';
    w.fake.setOverwrites(C, [{ id: BOB, type: 1, allow: 0n, deny: VIEW_CHANNEL }]);

    // @everyone loses View Channel: only those whose role grants more (Administrator, the owner) see it.
    w.fake.roleUpdate(G, { permissions: 0n });
    await reported(s, before, 'the resync after GUILD_ROLE_UPDATE');
    expect(s.roster.calls.slice(before).map((c) => c.kind)).toEqual(['listed', 'completed']);
    expect(ids(s.roster)).toEqual([ADMIN, OWNER].sort());

    // Deleting the Admin role hides the channel from Alice too.
    before = mark(s);
    w.fake.roleDelete(DISCORD_IDS.adminRole);
    await reported(s, before, 'the resync after GUILD_ROLE_DELETE');
    expect(ids(s.roster)).toEqual([OWNER]);
  });

  it('a new session lists the groups again from all members, and whoever left meanwhile has left', async () => {
    const w = await world();
    const s = await started(w);
    // While the gateway sends nothing (an outage a resume cannot replay): Bob leaves, Dave joins,
    // and #general's overwrite goes, so the Outsiders see it.
    const outsider = w.hidden[0]?.userId ?? '';
    w.fake.channel(C).overwrites = [];
    w.fake.guild(G).members.delete(BOB);
    const dave = w.fake.addMember({ username: 'dave' });
    const before = mark(s);
    const requests = w.fake.gatewayReceived.filter((f) => f.op === 8).length;
    w.fake.invalidateSession(false);
    await s.fake.waitUntil(() => s.roster.completions(C) > 1, 2_000, 'the listing of the new session');
    await s.adapter.rosterIdle();
    expect(w.fake.identifies).toHaveLength(2);
    expect(w.fake.gatewayReceived.filter((f) => f.op === 8)).toHaveLength(requests + 1);
    expect(s.roster.calls.slice(before).map((c) => c.kind)).toEqual(['listed', 'completed']);
    const present = s.roster.present(C);
    expect(present.has(BOB)).toBe(false);
    expect(present.has(dave.userId)).toBe(true);
    expect(present.has(outsider)).toBe(true);
    expect(present.size).toBe(60);
  });

  it('a server back from an outage is listed again from all its members', async () => {
    const w = await world();
    const s = await started(w);
    w.fake.dispatch('GUILD_DELETE', { id: G, unavailable: true });
    w.fake.guild(G).members.delete(BOB);
    const before = mark(s);
    w.fake.announceGuild(G);
    await reported(s, before, 'the listing after the outage');
    expect(s.roster.calls.slice(before).map((c) => c.kind)).toEqual(['listed', 'completed']);
    expect(s.roster.present(C).has(BOB)).toBe(false);
    expect(s.roster.present(C).size).toBe(49);
  });

  it('lists a channel Muster does not serve yet once something happens there, after the core saw it', async () => {
    const w = await world();
    const random = w.fake.addChannel({
      name: 'random',
      overwrites: [
        { id: G, type: 0, allow: 0n, deny: VIEW_CHANNEL },
        { id: BOB, type: 1, allow: VIEW_CHANNEL, deny: 0n },
      ],
    });
    const s = await started(w);
    expect(s.roster.about(random.id)).toEqual([]);

    w.fake.sendMessage({ channelId: random.id, content: 'anyone here?' });
    await w.fake.waitUntil(() => s.roster.completions(random.id) > 0, 2_000, 'the lazy listing');
    await s.adapter.rosterIdle();
    // Bob by his member overwrite; the owner and Alice (Administrator) see every channel.
    expect(ids(s.roster, random.id)).toEqual([OWNER, ADMIN, BOB].sort());

    // Listed once in this process; from now on it follows changes like a served group.
    const before = mark(s);
    w.fake.memberUpdate(BOB, { roles: [w.outsiders] });
    await reported(s, before, 'the role change');
    expect(s.roster.completions(random.id)).toBe(1);
    // Bob's member overwrite still lets him see #random; #general is hidden from him now.
    const changes = s.roster.calls.slice(before);
    expect(
      changes.map((c) => (c.kind === 'profiles' ? c.kind : `${c.kind} ${c.group.channelId}`)).sort(),
    ).toEqual([`left ${C}`, `listed ${random.id}`].sort());
    expect(ids(s.roster, random.id)).toContain(BOB);
    expect(ids(s.roster)).not.toContain(BOB);
  });
});

describe('Discord group members in the app (the core roster)', () => {
  const DAY = 24 * 60 * 60 * 1000;
  const GROUP_ID = `discord:${G}:${C}`;

  /** The group's members in the app: present ones (left_at null), by Discord user id. */
  const rows = (s: DiscordHarness) =>
    (
      s.h.sql
        .prepare('select member_id, left_at from group_members where group_id = ? order by member_id')
        .all(GROUP_ID) as { member_id: string; left_at: number | null }[]
    )
      .filter((r) => r.left_at === null)
      .map((r) => r.member_id.slice(`discord:${G}:`.length));

  /** Runs a slash command in #general and waits for its answer. */
  async function run(s: DiscordHarness, name: string, sub: string, userId: string) {
    const sent = command(s.fake, name, sub, [], { userId });
    await s.fake.waitForCallback(sent.id);
    return sent;
  }

  /** The first event in #general made the group; the adapter lists it once the core has seen it. */
  async function listed(s: DiscordHarness): Promise<void> {
    await s.fake.waitUntil(() => s.roster.completions(C) > 0, 2_000, 'the listing of #general');
    await s.adapter.rosterIdle();
  }

  it('keeps group_members as Discord says: 50 who see the channel, then joins, leaves and hiding roles', async () => {
    const w = await world();
    d = await startDiscord({ running: w.fake, roster: 'app' });
    const s = d;
    await s.adapter.rosterIdle();
    // The app serves no group yet; the first command in #general makes it and lists its members.
    expect(s.roster.about(C)).toEqual([]);
    const help = await run(s, 'muster', 'help', ADMIN);
    await listed(s);
    // The Actor carries the member's roles, for the customer-role setting.
    await s.fake.waitUntil(() => s.handled.some((e) => e.eventId === `interaction:${help.id}`));
    expect(s.handled.find((e) => e.eventId === `interaction:${help.id}`)?.actor.platformRoles).toEqual([
      DISCORD_IDS.adminRole,
    ]);
    expect(rows(s)).toHaveLength(50);
    expect(rows(s)).not.toContain(w.hidden[0]?.userId);
    const bots = s.h.sql
      .prepare(`select count(*) n from members where workspace_id = ? and is_bot = 1`)
      .get(`discord:${G}`) as { n: number };
    expect(bots.n).toBe(2);

    let before = mark(s);
    const carol = w.fake.memberAdd({ username: 'carol' });
    await reported(s, before, 'the join');
    expect(rows(s)).toContain(carol.userId);

    before = mark(s);
    w.fake.memberUpdate(BOB, { roles: [w.outsiders] });
    await reported(s, before, 'the hiding role');
    expect(rows(s)).not.toContain(BOB);

    before = mark(s);
    w.fake.memberRemove(carol.userId);
    await reported(s, before, 'the leave');
    expect(rows(s)).not.toContain(carol.userId);

    // The overwrite goes: the ten Outsiders (and Bob) see #general, and are members after the resync.
    before = mark(s);
    w.fake.setOverwrites(C, []);
    await reported(s, before, 'the resync');
    expect(rows(s)).toHaveLength(60);

    // The app serves #general now: the next start lists it before anything happens there.
    expect(s.roster.groups({ platform: 'discord', workspaceId: G }).map((g) => g.channelId)).toEqual([C]);
  });

  it("the issue's scenario: a standup prompts everyone on the team who can see the channel; a month on, /members inactive names those who never spoke", async () => {
    const w = await world();
    d = await startDiscord({ running: w.fake, roster: 'app' });
    const s = d;
    await s.adapter.rosterIdle();
    await run(s, 'standup', 'on', ADMIN);
    await listed(s);
    expect(rows(s)).toHaveLength(50);
    const morning = s.fake.sendMessage({ content: 'morning', userId: BOB });
    await s.fake.waitUntil(
      () => s.handled.some((e) => e.eventId === `message:${morning.id}`),
      2_000,
      "Bob's message handled",
    );

    // The harness clock starts on Tuesday 2026-12-01 01:00 UTC; the group is on UTC: 09:30Z.
    s.h.clock.set(new Date('2026-12-01T09:30:00Z'));
    await s.h.app.tick(s.h.clock.now());
    const humans = [...s.roster.present(C).values()].filter((m) => !m.isBot).map((m) => m.user.userId);
    expect(humans).toHaveLength(48);
    await s.fake.waitUntil(
      () =>
        humans.every(
          (id) => (dmChannelOf(s.fake, id) ? s.fake.messages(dmChannelOf(s.fake, id)).length : 0) > 0,
        ),
      5_000,
      'a prompt DM to each of the 48 people',
    );
    for (const hidden of w.hidden) expect(dmChannelOf(s.fake, hidden.userId)).toBeUndefined();
    expect(dmChannelOf(s.fake, w.helper.userId)).toBeUndefined();

    s.h.clock.advance(31 * DAY);
    const list = await run(s, 'members', 'inactive', ADMIN);
    // A long answer comes in parts: the reply, then follow-ups until every line announced is there.
    const answer = () =>
      [callbackText(s.fake, list.id), ...s.fake.followUpsFor(list.id).map((m) => m.content)].join('\n');
    const bullets = () =>
      answer()
        .split('\n')
        .filter((l) => l.startsWith('• '));
    const announced = () => Number(/(\d+) members silent/.exec(answer())?.[1] ?? 0);
    await s.fake.waitUntil(() => bullets().length >= announced(), 2_000, 'every part of the answer');
    const text = answer();
    // Everyone who can see #general but the admins (owner, Alice) and the bots: Bob, who spoke
    // a month ago, and the 45 who never did.
    expect(text).toContain('**46 members silent for 30 days or more:**');
    const lines = bullets();
    expect(lines).toHaveLength(46);
    expect(lines).toContain('• **Bob**: last seen Dec 1, 2026 (31 days ago)');
    const never = lines.filter((l) => l.includes('never spoke since joining on Dec 1, 2026'));
    const names = never.map((l) => /\*\*(.+?)\*\*/.exec(l)?.[1]).sort();
    expect(names).toEqual(Array.from({ length: 45 }, (_, i) => `user${i + 1}`).sort());

    // Bob speaks again; a prune then removes (kicks) the 45 who never spoke, and nobody who did.
    const neverSpoke = [...s.roster.present(C).values()]
      .filter((m) => !m.isBot && m.displayName.startsWith('user'))
      .map((m) => m.user.userId);
    const again = s.fake.sendMessage({ content: 'still here', userId: BOB });
    await s.fake.waitUntil(
      () => s.handled.some((e) => e.eventId === `message:${again.id}`),
      2_000,
      "Bob's second message handled",
    );
    const prune = command(
      s.fake,
      'members',
      'prune',
      [
        { name: 'days', type: 4, value: 30 },
        { name: 'grace', type: 4, value: 0 },
      ],
      { userId: ADMIN },
    );
    await s.fake.waitForCallback(prune.id);
    const confirmId = () =>
      /"custom_id":"(a\|members\.prune\.confirm\|[^"]+)"/.exec(
        JSON.stringify([
          s.fake.callbacksFor(prune.id),
          s.fake.originalResponse(prune.id),
          s.fake.followUpsFor(prune.id),
        ]),
      )?.[1];
    await s.fake.waitUntil(() => confirmId() !== undefined, 2_000, 'the prune confirm button');
    const confirm = s.fake.sendButton({ customId: confirmId() as string, userId: ADMIN });
    await s.fake.waitForCallback(confirm.id);
    s.h.clock.advance(60_000);
    await s.h.app.tick(s.h.clock.now());
    const kicked = () =>
      s.fake
        .callsTo('DELETE', /^\/guilds\/[^/]+\/members\/[^/]+$/)
        .map((c) => c.path.split('/').pop() as string);
    await s.fake.waitUntil(() => kicked().length === 45, 5_000, '45 members removed');
    expect(kicked().sort()).toEqual(neverSpoke.sort());
    expect(kicked()).not.toContain(BOB);
  });

  it('a customer role: its holders are listed as the customer, are not prompted for the standup, and become team when the role goes', async () => {
    const w = await world();
    const customers = w.fake.addRole({ name: 'Acme people' }).id;
    const acme = w.fake.addMembers(5, { roles: [customers] });
    d = await startDiscord({ running: w.fake, roster: 'app' });
    const s = d;
    await s.adapter.rosterIdle();
    const set = command(
      s.fake,
      'muster',
      'settings',
      [
        { name: 'setting', type: 3, value: 'customer-role' },
        { name: 'value', type: 3, value: `<@&${customers}> Acme` },
      ],
      { userId: OWNER },
    );
    await s.fake.waitForCallback(set.id);
    expect(callbackText(s.fake, set.id)).toContain('Acme');
    await listed(s);
    expect(rows(s)).toHaveLength(55);
    const side = (userId: string) =>
      s.h.sql
        .prepare('select platform_side side, platform_roles roles from members where id = ?')
        .get(`discord:${G}:${userId}`) as { side: string; roles: string } | undefined;
    for (const m of acme)
      expect(side(m.userId)).toEqual({ side: 'customer', roles: JSON.stringify([customers]) });
    expect(side(BOB)?.side).toBe('team');

    await run(s, 'standup', 'on', ADMIN);
    s.h.clock.set(new Date('2026-12-01T09:30:00Z'));
    await s.h.app.tick(s.h.clock.now());
    const team = [...s.roster.present(C).values()]
      .filter((m) => !m.isBot && !acme.some((a) => a.userId === m.user.userId))
      .map((m) => m.user.userId);
    expect(team).toHaveLength(48);
    await s.fake.waitUntil(
      () =>
        team.every(
          (id) => (dmChannelOf(s.fake, id) ? s.fake.messages(dmChannelOf(s.fake, id)).length : 0) > 0,
        ),
      5_000,
      'a prompt DM to each of the 48 team members',
    );
    for (const m of acme) expect(dmChannelOf(s.fake, m.userId)).toBeUndefined();

    // The role taken from one of them: they are the team's from the member update on.
    const first = acme[0]?.userId ?? '';
    const before = mark(s);
    w.fake.memberUpdate(first, { roles: [] });
    await reported(s, before, 'the role change');
    expect(side(first)).toEqual({ side: 'team', roles: '[]' });
  });
});
