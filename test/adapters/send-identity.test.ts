import { afterEach, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../src/adapters/slack/slack.adapter.js';
import type { ConversationRef } from '../../src/core/platform/ids.js';
import { DeliveryError, type DeliveryTarget } from '../../src/core/platform/platform.js';
import { DISCORD_IDS } from '../fakes/fake-discord.js';
import { FakeSlack } from '../fakes/fake-slack.js';
import { startDiscord } from '../helpers/discord-harness.js';

/**
 * A send the outbox repeats after a crash (`resumed`) must not post again what the platform already
 * took: Slack is asked (message metadata carries the outbox key), Discord dedupes by enforced nonce.
 */
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

async function slack() {
  const fake = new FakeSlack();
  await fake.start();
  stops.push(() => fake.stop());
  // Only the Web API is used: nothing is received, so the adapter is never started.
  const { platform } = createSlackAdapter({
    botToken: fake.botToken,
    signingSecret: 'not-receiving',
    apiUrl: fake.apiUrl,
    port: 0,
    logger: silent,
  });
  return { fake, platform };
}

const conversation: ConversationRef = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };
const channel: DeliveryTarget = { kind: 'channel', conversation };

describe('Slack: a resumed send looks for its earlier post by metadata', () => {
  it('posts with the key once; a resumed send of the same key answers with that post', async () => {
    const { fake, platform } = await slack();
    const first = await platform.send(channel, { text: 'standup' }, { key: 'muster:1@1', resumed: false });
    expect(fake.posted).toEqual([
      {
        channel: 'C1',
        ts: first.messageId,
        text: 'standup',
        metadata: { event_type: 'muster_outbox', event_payload: { key: 'muster:1@1#0' } },
      },
    ]);
    const again = await platform.send(channel, { text: 'standup' }, { key: 'muster:1@1', resumed: true });
    expect(again.messageId).toBe(first.messageId);
    expect(fake.posted).toHaveLength(1);
    // Another message is not mistaken for it.
    await platform.send(channel, { text: 'other' }, { key: 'muster:2@1', resumed: true });
    expect(fake.posted.map((m) => m.text)).toEqual(['standup', 'other']);
  });

  it('looks in the thread for a threaded post and in the DM for a direct one', async () => {
    const { fake, platform } = await slack();
    const parent = await platform.send(channel, { text: 'thread' }, { key: 'p', resumed: false });
    const threaded: DeliveryTarget = { ...channel, threadId: parent.messageId };
    const reply = await platform.send(threaded, { text: 'summary' }, { key: 's', resumed: false });
    const dm: DeliveryTarget = { kind: 'dm', user: { platform: 'slack', workspaceId: 'T1', userId: 'U1' } };
    const direct = await platform.send(dm, { text: 'digest' }, { key: 'd', resumed: false });
    expect((await platform.send(threaded, { text: 'summary' }, { key: 's', resumed: true })).messageId).toBe(
      reply.messageId,
    );
    expect((await platform.send(dm, { text: 'digest' }, { key: 'd', resumed: true })).messageId).toBe(
      direct.messageId,
    );
    expect(fake.posted).toHaveLength(3);
    expect(fake.callsTo('conversations.replies')).toHaveLength(1);
  });

  it('a message in two parts, cut off after the first, gets only its second part on resume', async () => {
    const { fake, platform } = await slack();
    const long = Array.from({ length: 80 }, (_, i) => `line ${i} `.padEnd(60, '.')).join('\n');
    const first = await platform.send(channel, { text: long }, { key: 'k', resumed: false });
    expect(fake.posted.map((m) => m.metadata?.event_payload.key)).toEqual(['k#0', 'k#1']);
    // As if the process died between the two posts.
    fake.posted.splice(1);
    const ref = await platform.send(channel, { text: long }, { key: 'k', resumed: true });
    expect(ref.messageId).toBe(first.messageId);
    expect(fake.posted.map((m) => m.metadata?.event_payload.key)).toEqual(['k#0', 'k#1']);
  });

  it('without access to the history it posts again; while Slack is busy it waits for a retry', async () => {
    const { fake, platform } = await slack();
    await platform.send(channel, { text: 'hi' }, { key: 'k', resumed: false });
    fake.failNext('conversations.history', { body: { ok: false, error: 'ratelimited' } });
    const busy = await platform.send(channel, { text: 'hi' }, { key: 'k', resumed: true }).catch((e) => e);
    expect(busy).toBeInstanceOf(DeliveryError);
    expect((busy as DeliveryError).transient).toBe(true);
    expect(fake.posted).toHaveLength(1);
    fake.failNext('conversations.history', { body: { ok: false, error: 'not_in_channel' } });
    await platform.send(channel, { text: 'hi' }, { key: 'k', resumed: true });
    expect(fake.posted).toHaveLength(2);
  });
});

describe('Discord: every part carries an enforced nonce', () => {
  it('a resend with the same key returns the message Discord already has', async () => {
    const d = await startDiscord();
    stops.push(() => d.stop());
    const where: DeliveryTarget = {
      kind: 'channel',
      conversation: { platform: 'discord', workspaceId: DISCORD_IDS.guild, channelId: DISCORD_IDS.channel },
    };
    const before = d.fake.messages(DISCORD_IDS.channel).length;
    const first = await d.adapter.platform.send(
      where,
      { text: 'agenda' },
      { key: 'muster:7@1700000000000', resumed: false },
    );
    const again = await d.adapter.platform.send(
      where,
      { text: 'agenda' },
      { key: 'muster:7@1700000000000', resumed: true },
    );
    expect(again.messageId).toBe(first.messageId);
    const other = await d.adapter.platform.send(
      where,
      { text: 'agenda' },
      { key: 'muster:8@1700000000000', resumed: false },
    );
    expect(other.messageId).not.toBe(first.messageId);
    expect(d.fake.messages(DISCORD_IDS.channel).length - before).toBe(2);
  });
});
