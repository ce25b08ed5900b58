import { afterEach, describe, expect, it } from 'vitest';
import { buttonClick, eventCallback, slashCommand, viewSubmission } from '../fixtures/slack-payloads.js';
import { formBody, postToBolt, type SlackHarness, startSlack } from '../helpers/slack-harness.js';

let s: SlackHarness | undefined;
afterEach(async () => {
  await s?.stop();
  s = undefined;
});

const textOfResponse = (body: Record<string, unknown>) =>
  [String(body.text ?? ''), JSON.stringify(body.blocks ?? [])].join('\n');

describe('Slack over Socket Mode (real Bolt, fake Slack)', () => {
  it('/muster help answers ephemerally through response_url, in Chinese for a zh-CN Slack user', async () => {
    s = await startSlack('socket');
    const ack = await s.fake.sendEnvelope(
      'slash_commands',
      slashCommand({
        text: 'help',
        user_id: 'UZH',
        trigger_id: s.fake.trigger(),
        response_url: s.fake.responseUrl('r1'),
      }),
    );
    expect(ack).toEqual({});
    await s.fake.waitFor(() => s?.fake.responses.length === 1);
    const reply = s.fake.responses[0]?.body ?? {};
    expect(reply.response_type).toBe('ephemeral');
    expect(textOfResponse(reply)).toContain('Muster：你在这里可以做什么');
    expect(s.fake.callsTo('users.info')[0]?.body).toMatchObject({ user: 'UZH', include_locale: 'true' });
    // The profile is cached: a second command does not look the user up again.
    await s.fake.sendEnvelope(
      'slash_commands',
      slashCommand({
        text: 'help',
        user_id: 'UZH',
        trigger_id: s.fake.trigger(),
        response_url: s.fake.responseUrl('r1b'),
      }),
    );
    await s.fake.waitFor(() => s?.fake.responses.length === 2);
    expect(s.fake.callsTo('users.info')).toHaveLength(1);
    expect(
      s.h.sql
        .prepare("select platform_locale, platform_timezone from members where id = 'slack:T1:UZH'")
        .get(),
    ).toEqual({
      platform_locale: 'zh-CN',
      platform_timezone: 'Asia/Shanghai',
    });
  });

  it('a retried event has its effect once: the Home tab is published once', async () => {
    s = await startSlack('socket');
    const opened = eventCallback(
      { type: 'app_home_opened', user: 'UBOB', channel: 'DUBOB', tab: 'home', event_ts: '1700000000.1' },
      'Ev-home-1',
    );
    await s.fake.sendEnvelope('events_api', opened);
    await s.fake.sendEnvelope('events_api', opened);
    await s.fake.waitFor(() => (s?.fake.callsTo('views.publish').length ?? 0) >= 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(s.fake.callsTo('views.publish')).toHaveLength(1);
    const view = s.fake.callsTo('views.publish')[0]?.body.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe('home');
    expect(JSON.stringify(view.blocks)).toContain('America/New_York');
  });
});

describe('Slack over signed HTTP (real Bolt, fake Slack)', () => {
  const command = (fields: {
    text: string;
    user: string;
    trigger: string;
    responseUrl: string;
    command?: string;
    userName?: string;
  }) =>
    formBody({
      ...slashCommand({
        text: fields.text,
        user_id: fields.user,
        trigger_id: fields.trigger,
        response_url: fields.responseUrl,
        ...(fields.command ? { command: fields.command } : {}),
        ...(fields.userName ? { user_name: fields.userName } : {}),
      }),
    });

  it('/muster help is acknowledged and answered ephemerally in the user locale', async () => {
    s = await startSlack('http');
    const res = await postToBolt(
      s.port,
      command({
        text: 'help',
        user: 'UBOB',
        trigger: s.fake.trigger(),
        responseUrl: s.fake.responseUrl('r2'),
      }),
      'application/x-www-form-urlencoded',
    );
    expect(res.status).toBe(200);
    await s.fake.waitFor(() => s?.fake.responses.length === 1);
    expect(s.fake.responses[0]?.body.response_type).toBe('ephemeral');
    expect(textOfResponse(s.fake.responses[0]?.body ?? {})).toContain('Muster: what you can do here');
  });

  it('an export arrives as a file in the requester’s DM (Slack has no ephemeral files)', async () => {
    s = await startSlack('http');
    const body = command({
      text: 'export',
      user: 'UADMIN',
      userName: 'ann',
      command: '/rules',
      trigger: s.fake.trigger(),
      responseUrl: s.fake.responseUrl('r-export'),
    });
    expect((await postToBolt(s.port, body, 'application/x-www-form-urlencoded')).status).toBe(200);
    await s.fake.waitFor(() => (s?.fake.callsTo('files.completeUploadExternal').length ?? 0) === 1);
    const complete = s.fake.callsTo('files.completeUploadExternal')[0]?.body ?? {};
    expect(complete.channel_id).toBe('DUADMIN');
    const [file] = JSON.parse(String(complete.files)) as { id: string; title: string }[];
    expect(file?.title).toMatch(/^muster-rules-log-\d{8}\.csv$/);
    expect(s.fake.uploads.get(file?.id ?? '')).toContain(
      'Event,By,Member,Rule,Action taken,Strikes,Reason,Excerpt',
    );
    expect(textOfResponse(s.fake.responses[0]?.body ?? {})).toContain('Rule log exported');
  });

  it('a manager’s digest arrives in their DM with the participation chart uploaded as a PNG', async () => {
    s = await startSlack('http');
    const post = (text: string, name: string) =>
      postToBolt(
        s?.port ?? 0,
        command({
          text,
          user: 'UADMIN',
          userName: 'ann',
          command: name,
          trigger: s?.fake.trigger() ?? '',
          responseUrl: s?.fake.responseUrl(`r-${name}`) ?? '',
        }),
        'application/x-www-form-urlencoded',
      );
    expect((await post('add <@UADMIN> manager', '/role')).status).toBe(200);
    const harness = s.h;
    const managers = () =>
      (
        harness.sql.prepare("select count(*) n from group_roles where role = 'manager'").get() as {
          n: number;
        }
      ).n;
    await s.fake.waitFor(() => managers() === 1);
    expect((await post('now weekly', '/digest')).status).toBe(200);
    await s.fake.waitFor(() => (s?.fake.callsTo('files.completeUploadExternal').length ?? 0) === 1);
    const complete = s.fake.callsTo('files.completeUploadExternal')[0]?.body ?? {};
    expect(complete.channel_id).toBe('DUADMIN');
    const dm = s.fake.callsTo('chat.postMessage').filter((c) => c.body.channel === 'DUADMIN');
    expect(dm.map((c) => String(c.body.text))).toEqual([expect.stringContaining('Weekly digest')]);
    const [file] = JSON.parse(String(complete.files)) as { id: string; title: string }[];
    expect(file?.title).toBe('participation.png');
    expect(s.fake.uploads.get(file?.id ?? '')).toContain('IHDR');
  });

  it('a bad signature gets 401 and runs nothing', async () => {
    s = await startSlack('http');
    const before = s.fake.calls.length;
    const res = await postToBolt(
      s.port,
      command({
        text: 'settings timezone Asia/Tokyo',
        user: 'UADMIN',
        trigger: 't',
        responseUrl: s.fake.responseUrl('r3'),
      }),
      'application/x-www-form-urlencoded',
      { secret: 'wrong' },
    );
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 50));
    expect(s.fake.calls.length).toBe(before);
    expect(s.fake.responses).toEqual([]);
    expect(s.h.sql.prepare('select count(*) n from processed_events').get()).toEqual({ n: 0 });
  });

  it('a form opens as a modal; invalid values come back inline and store nothing; valid ones store and confirm', async () => {
    s = await startSlack('http');
    await postToBolt(
      s.port,
      command({
        text: 'settings',
        user: 'UADMIN',
        trigger: s.fake.trigger(),
        responseUrl: s.fake.responseUrl('r4'),
      }),
      'application/x-www-form-urlencoded',
    );
    await s.fake.waitFor(() => s?.fake.responses.length === 1);
    expect(textOfResponse(s.fake.responses[0]?.body ?? {})).toContain('settings.edit~0');

    const click = buttonClick({
      user: 'UADMIN',
      actionId: 'settings.edit',
      value: '',
      triggerId: s.fake.trigger(),
      responseUrl: s.fake.responseUrl('r5'),
    });
    expect(
      (
        await postToBolt(
          s.port,
          formBody({ payload: JSON.stringify(click) }),
          'application/x-www-form-urlencoded',
        )
      ).status,
    ).toBe(200);
    await s.fake.waitFor(() => s?.fake.callsTo('views.open').length === 1);
    const view = s.fake.callsTo('views.open')[0]?.body.view as {
      callback_id: string;
      title: { text: string };
      private_metadata: string;
      blocks: { block_id: string }[];
    };
    expect(view.callback_id).toBe('settings.form');
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.blocks.map((b) => b.block_id)).toEqual(['timezone', 'language', 'workdays', 'hours']);

    const group = () =>
      s?.h.sql.prepare("select timezone, work_start from groups where id = 'slack:T1:C1'").get();
    const bad = viewSubmission({
      user: 'UADMIN',
      callbackId: view.callback_id,
      privateMetadata: view.private_metadata,
      triggerId: s.fake.trigger(),
      values: {
        timezone: { type: 'plain_text_input', value: 'Mars/Base' },
        language: { type: 'static_select', selected: 'en' },
        workdays: { type: 'plain_text_input', value: 'Mon-Fri' },
        hours: { type: 'plain_text_input', value: '18:00-09:00' },
      },
    });
    const rejected = await postToBolt(
      s.port,
      formBody({ payload: JSON.stringify(bad) }),
      'application/x-www-form-urlencoded',
    );
    expect(rejected.status).toBe(200);
    expect(JSON.parse(rejected.text)).toEqual({
      response_action: 'errors',
      errors: {
        timezone:
          '“Mars/Base” is not a timezone. Use an IANA name such as Asia/Shanghai, Europe/London or America/New_York.',
        hours: '“18:00-09:00” is not a time range. Try 09:00-18:00 (start before end, 24-hour clock).',
      },
    });
    expect(group()).toEqual({ timezone: 'UTC', work_start: '09:00' });

    const good = viewSubmission({
      user: 'UADMIN',
      callbackId: view.callback_id,
      privateMetadata: view.private_metadata,
      triggerId: s.fake.trigger(),
      values: {
        timezone: { type: 'plain_text_input', value: 'Asia/Shanghai' },
        language: { type: 'static_select', selected: 'zh-CN' },
        workdays: { type: 'plain_text_input', value: '周一至周五' },
        hours: { type: 'plain_text_input', value: '9:30-18:30' },
      },
    });
    const accepted = await postToBolt(
      s.port,
      formBody({ payload: JSON.stringify(good) }),
      'application/x-www-form-urlencoded',
    );
    expect(accepted).toEqual({ status: 200, text: '' });
    expect(group()).toEqual({ timezone: 'Asia/Shanghai', work_start: '09:30' });
    await s.fake.waitFor(() => s?.fake.callsTo('chat.postEphemeral').length === 1);
    const confirm = s.fake.callsTo('chat.postEphemeral')[0]?.body ?? {};
    expect(confirm).toMatchObject({ channel: 'C1', user: 'UADMIN' });
    expect(String(confirm.text)).toContain('Saved. Settings for <#C1>:');
    expect(String(confirm.text)).toContain('Timezone: UTC → *Asia/Shanghai*');
  });

  it('a retried event delivery (same event_id, X-Slack-Retry-Num) is processed once', async () => {
    s = await startSlack('http');
    const message = JSON.stringify(
      eventCallback(
        {
          type: 'message',
          channel: 'C1',
          channel_type: 'channel',
          user: 'UBOB',
          text: '今天的进展：完成了接口联调',
          ts: '1700000000.000300',
        },
        'Ev-msg-1',
      ),
    );
    expect((await postToBolt(s.port, message, 'application/json')).status).toBe(200);
    expect((await postToBolt(s.port, message, 'application/json', { retryNum: 1 })).status).toBe(200);
    const opened = JSON.stringify(
      eventCallback(
        { type: 'app_home_opened', user: 'UBOB', channel: 'DUBOB', tab: 'home', event_ts: '1' },
        'Ev-home-2',
      ),
    );
    await postToBolt(s.port, opened, 'application/json');
    await postToBolt(s.port, opened, 'application/json', { retryNum: 1 });
    await postToBolt(s.port, opened, 'application/json', { retryNum: 2 });
    await s.fake.waitFor(() => (s?.fake.callsTo('views.publish').length ?? 0) >= 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(s.fake.callsTo('views.publish')).toHaveLength(1);
    // Plain messages are remembered in batches; the flush is what a running app does every few seconds.
    s.h.app.flush();
    expect(s.h.sql.prepare('select event_id from processed_events order by event_id').all()).toEqual([
      { event_id: 'Ev-home-2' },
      { event_id: 'Ev-msg-1' },
    ]);
  });

  it('ignores its own messages and other bots', async () => {
    s = await startSlack('http');
    await postToBolt(
      s.port,
      JSON.stringify(
        eventCallback(
          {
            type: 'message',
            channel: 'C1',
            channel_type: 'channel',
            user: 'UBOT',
            text: 'my own post',
            ts: '1.1',
          },
          'Ev-self',
        ),
      ),
      'application/json',
    );
    await new Promise((r) => setTimeout(r, 50));
    expect(s.h.sql.prepare("select count(*) n from members where id = 'slack:T1:UBOT'").get()).toEqual({
      n: 0,
    });
  });
});

describe('Slack outbound through the outbox', () => {
  it('a ratelimited answer (429, Retry-After: 1) is retried and the message arrives once', async () => {
    s = await startSlack('http');
    s.fake.failNext('chat.postMessage', {
      status: 429,
      headers: { 'retry-after': '1' },
      body: { ok: false, error: 'ratelimited' },
    });
    const channel = {
      kind: 'channel' as const,
      conversation: { platform: 'slack' as const, workspaceId: 'T1', channelId: 'C1' },
    };
    expect(await s.h.app.outbox.send('slack', channel, { text: '日报汇总' })).toEqual({ status: 'queued' });
    expect(await s.h.app.outbox.drain()).toBe(0);
    s.h.clock.advance(1_000);
    expect(await s.h.app.outbox.drain()).toBe(1);
    expect(await s.h.app.outbox.drain()).toBe(0);
    const posts = s.fake.callsTo('chat.postMessage');
    expect(posts).toHaveLength(2);
    expect(s.h.sql.prepare('select status, attempts, platform_message_id from outbox').all()).toEqual([
      { status: 'sent', attempts: 2, platform_message_id: expect.stringMatching(/^1700000000\./) },
    ]);
  });

  it('channel_not_found is not retried, is logged with context, and the group admins are told', async () => {
    s = await startSlack('http');
    // The group and its admin exist: an admin has used Muster in C1 before.
    await postToBolt(
      s.port,
      formBody({
        token: 't',
        team_id: 'T1',
        team_domain: 'acme',
        channel_id: 'C1',
        channel_name: 'x',
        user_id: 'UADMIN',
        user_name: 'ann',
        command: '/muster',
        text: 'help',
        api_app_id: 'A1',
        response_url: s.fake.responseUrl('r9'),
        trigger_id: s.fake.trigger(),
      }),
      'application/x-www-form-urlencoded',
    );
    await s.fake.waitFor(() => s?.fake.responses.length === 1);
    s.fake.failNext('chat.postMessage', { body: { ok: false, error: 'channel_not_found' } });
    const channel = {
      kind: 'channel' as const,
      conversation: { platform: 'slack' as const, workspaceId: 'T1', channelId: 'C1' },
    };
    expect(await s.h.app.outbox.send('slack', channel, { text: 'weekly review' })).toEqual({
      status: 'failed',
      error: 'channel_not_found',
    });
    await s.fake.waitFor(() => (s?.fake.callsTo('chat.postMessage').length ?? 0) === 2);
    // Nothing is retried later: the failure was permanent.
    s.h.clock.advance(3_600_000);
    expect(await s.h.app.outbox.drain()).toBe(0);
    expect(s.fake.callsTo('chat.postMessage')).toHaveLength(2);
    const [failed, report] = s.fake.callsTo('chat.postMessage');
    expect(failed?.body.text).toBe('weekly review');
    expect(report?.body).toMatchObject({ channel: 'DUADMIN' });
    expect(String(report?.body.text)).toBe(
      'Muster could not post in <#C1>: the channel no longer exists, or Muster cannot see it.',
    );
    const logged = s.h.logLines.find((l) => l.includes('send given up'));
    expect(JSON.parse(logged ?? '{}')).toMatchObject({
      platform: 'slack',
      error: 'channel_not_found',
      reason: 'permanent',
      attempts: 1,
    });
  });

  it('never writes the bot or app token to the logs', async () => {
    s = await startSlack('socket');
    await s.fake.sendEnvelope(
      'slash_commands',
      slashCommand({
        text: 'help',
        user_id: 'UBOB',
        trigger_id: s.fake.trigger(),
        response_url: s.fake.responseUrl('r7'),
      }),
    );
    await s.fake.waitFor(() => s?.fake.responses.length === 1);
    s.fake.failNext('chat.postMessage', { body: { ok: false, error: 'not_in_channel' } });
    await s.h.app.outbox.send(
      'slack',
      { kind: 'channel', conversation: { platform: 'slack', workspaceId: 'T1', channelId: 'C9' } },
      { text: 'x' },
    );
    const logs = s.h.logLines.join('\n');
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain(s.fake.botToken);
    expect(logs).not.toContain(s.fake.appToken);
  });
});
