import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationRef } from '../../src/core/platform/ids.js';
import { DISCORD_IDS, FakeDiscord, type FakeMember } from '../fakes/fake-discord.js';
import { type DiscordHarness, type RecordingRoster, startDiscord } from '../helpers/discord-harness.js';

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
 * The server: 60 members (the bot, another bot, the owner, Alice, Bob and 55 more), 10 of
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
