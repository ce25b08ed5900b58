import { afterEach, describe, expect, it } from 'vitest';
import { DISCORD_IDS } from '../fakes/fake-discord.js';
import {
  callbackText,
  command,
  counter,
  type DiscordHarness,
  startDiscord,
} from '../helpers/discord-harness.js';

const { guild: G, channel: C, member: BOB } = DISCORD_IDS;

let d: DiscordHarness | undefined;
afterEach(async () => {
  if (!d) return;
  await d.stop();
  expect(d.fake.errors).toEqual([]);
  d = undefined;
});

const rejected = (s: DiscordHarness, reason: string) =>
  counter(s.h, 'muster_events_rejected_total', { platform: 'discord', reason });

/** Polls an asynchronous condition (a counter) until it holds. */
async function until(condition: () => Promise<boolean>): Promise<void> {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > 2_000) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Sends a good `/muster help` and waits for its answer: proof that the bot still serves. */
async function stillServes(s: DiscordHarness): Promise<void> {
  const help = command(s.fake, 'muster', 'help', [], { locale: 'en-US' });
  await s.fake.waitForCallback(help.id);
  expect(callbackText(s.fake, help.id)).toContain('Muster: what you can do here');
}

describe('malformed Discord events are logged, counted and dropped (real discord.js, fake Discord)', () => {
  it('an interaction without data never reaches discord.js’s handler; the next command is served', async () => {
    d = await startDiscord();
    const s = d;
    const template = command(s.fake, 'muster', 'help', [], { locale: 'en-US' });
    await s.fake.waitForCallback(template.id);
    const { data: _data, ...withoutData } = template.payload;
    s.fake.dispatch('INTERACTION_CREATE', { ...withoutData, id: '990000000000000001' });
    const { user: _user, member: _member, ...withoutUser } = template.payload;
    s.fake.dispatch('INTERACTION_CREATE', { ...withoutUser, id: '990000000000000002' });
    await stillServes(s);
    expect(await rejected(s, 'missing_data')).toBe(1);
    expect(await rejected(s, 'empty_id')).toBe(1);
    const line = s.h.logLines.find((l) => l.includes('"reason":"missing_data"')) ?? '';
    expect(line).toContain('"interaction":"990000000000000001"');
    expect(line).toContain('event rejected');
    expect(s.h.logLines.some((l) => l.includes('unhandled'))).toBe(false);
  });

  it('a message without an author is rejected, and the member’s next message still counts', async () => {
    d = await startDiscord();
    const s = d;
    s.fake.dispatch('MESSAGE_CREATE', {
      id: '990000000000000010',
      channel_id: C,
      guild_id: G,
      content: 'who wrote this?',
      type: 0,
      timestamp: new Date().toISOString(),
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
    });
    await s.fake.waitUntil(() => s.h.logLines.some((l) => l.includes('"reason":"missing_author"')));
    expect(await rejected(s, 'missing_author')).toBe(1);
    s.fake.sendMessage({ content: 'hello', userId: BOB });
    await until(
      async () =>
        (await counter(s.h, 'muster_events_in_total', { platform: 'discord', type: 'message.posted' })) === 1,
    );
    await stillServes(s);
  });

  it('an interaction in a channel with an empty id, and a member event without a user, are rejected', async () => {
    d = await startDiscord();
    const s = d;
    const template = command(s.fake, 'muster', 'help', [], { locale: 'en-US' });
    await s.fake.waitForCallback(template.id);
    s.fake.dispatch('INTERACTION_CREATE', {
      ...template.payload,
      id: '990000000000000020',
      channel_id: '',
      channel: undefined,
    });
    s.fake.dispatch('GUILD_MEMBER_ADD', { guild_id: G, roles: [], joined_at: new Date().toISOString() });
    await stillServes(s);
    expect(await rejected(s, 'empty_id')).toBe(2);
    // Nothing from the rejected interaction reached the core.
    expect(
      await counter(s.h, 'muster_events_in_total', { platform: 'discord', type: 'command.invoked' }),
    ).toBe(2);
  });

  it('a member without any name (no username, nick or global name) is served and stored under their id', async () => {
    d = await startDiscord();
    const s = d;
    const nameless = '990000000000000077';
    // Discord left the username out: discord.js makes it null, and with it the display name.
    s.fake.addUser({ id: nameless, username: undefined as unknown as string });
    s.fake.addMember({ id: nameless });
    const help = command(s.fake, 'muster', 'help', [], { userId: nameless, locale: 'en-US' });
    await s.fake.waitForCallback(help.id);
    expect(callbackText(s.fake, help.id)).toContain('Muster: what you can do here');
    expect(
      s.h.sql.prepare('select display_name from members where id = ?').get(`discord:${G}:${nameless}`),
    ).toEqual({
      display_name: nameless,
    });
  });
});
