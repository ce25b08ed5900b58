import type { SlashCommand } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { eventCallback, slashCommand, viewSubmission } from '../fixtures/slack-payloads.js';
import { counter } from '../helpers/discord-harness.js';
import { type SlackHarness, startSlack } from '../helpers/slack-harness.js';

let s: SlackHarness | undefined;
afterEach(async () => {
  await s?.stop();
  s = undefined;
});

const rejected = (h: SlackHarness, reason: string) =>
  counter(h.h, 'muster_events_rejected_total', { platform: 'slack', reason });

/** Polls an asynchronous condition (a counter) until it holds. */
async function until(condition: () => Promise<boolean>): Promise<void> {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > 2_000) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A good `/muster help` is answered: proof that the bot still serves after the bad payloads. */
async function stillServes(h: SlackHarness): Promise<void> {
  const before = h.fake.responses.length;
  await h.fake.sendEnvelope(
    'slash_commands',
    slashCommand({
      text: 'help',
      user_id: 'UBOB',
      trigger_id: h.fake.trigger(),
      response_url: h.fake.responseUrl('good'),
    }),
  );
  await h.fake.waitFor(() => h.fake.responses.length === before + 1);
  expect(JSON.stringify(h.fake.responses.at(-1)?.body)).toContain('Muster: what you can do here');
}

describe('malformed Slack payloads are logged, counted and dropped (real Bolt, fake Slack)', () => {
  it('slash commands with an empty channel or no user are acknowledged and rejected; no user, no lookup', async () => {
    s = await startSlack('socket');
    const h = s;
    const base = {
      text: 'help',
      user_id: 'UBOB',
      trigger_id: h.fake.trigger(),
      response_url: h.fake.responseUrl('x'),
    };
    expect(await h.fake.sendEnvelope('slash_commands', slashCommand({ ...base, channel_id: '' }))).toEqual(
      {},
    );
    const { user_id: _user, ...withoutUser } = slashCommand({ ...base, trigger_id: h.fake.trigger() });
    expect(await h.fake.sendEnvelope('slash_commands', withoutUser as SlashCommand)).toEqual({});
    await until(async () => (await rejected(h, 'empty_id')) === 2);
    const lines = h.h.logLines.filter((l) => l.includes('event rejected'));
    expect(lines.map((l) => JSON.parse(l).field).sort()).toEqual(['channel_id', 'user_id']);
    expect(lines.every((l) => l.includes('"listener":"command"'))).toBe(true);
    // The command without a user asked Slack about nobody.
    expect(h.fake.callsTo('users.info').map((c) => c.body.user)).toEqual(['UBOB']);
    await stillServes(h);
    expect(h.fake.responses).toHaveLength(1);
    expect(h.h.logLines.some((l) => l.includes('slack listener failed'))).toBe(false);
  });

  it('a form submission with a null state closes the modal, is rejected, and the next command is served', async () => {
    s = await startSlack('socket');
    const h = s;
    const submission = viewSubmission({
      user: 'UADMIN',
      callbackId: 'settings.edit',
      privateMetadata: JSON.stringify({ c: 'slack:T1:C1', x: '', d: false }),
      triggerId: h.fake.trigger(),
      values: {},
    });
    const ack = await h.fake.sendEnvelope('interactive', {
      ...submission,
      view: { ...submission.view, state: null },
    });
    expect(ack ?? {}).toEqual({});
    await until(async () => (await rejected(h, 'missing_state')) === 1);
    await stillServes(h);
    expect(h.h.sql.prepare("select count(*) n from audit_log where action like 'settings%'").get()).toEqual({
      n: 0,
    });
  });

  it('events without a channel, a user or an event id are rejected', async () => {
    s = await startSlack('socket');
    const h = s;
    await h.fake.sendEnvelope(
      'events_api',
      eventCallback({ type: 'message', user: 'UBOB', text: 'hi', ts: '1700000000.1' }, 'Ev-no-channel'),
    );
    await h.fake.sendEnvelope(
      'events_api',
      eventCallback({ type: 'member_joined_channel', channel: 'C1', event_ts: '1700000000.2' }, 'Ev-no-user'),
    );
    const { event_id: _id, ...withoutId } = eventCallback(
      { type: 'message', user: 'UBOB', channel: 'C1', text: 'hi', ts: '1700000000.3' },
      'unused',
    );
    await h.fake.sendEnvelope('events_api', withoutId);
    await until(async () => (await rejected(h, 'empty_id')) === 3);
    await stillServes(h);
    expect(await counter(h.h, 'muster_events_in_total', { platform: 'slack', type: 'message.posted' })).toBe(
      0,
    );
  });
});
