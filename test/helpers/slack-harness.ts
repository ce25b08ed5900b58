import { createHmac } from 'node:crypto';
import { createSlackAdapter, type SlackAdapter } from '../../src/adapters/slack/slack.adapter.js';
import { FakeSlack } from '../fakes/fake-slack.js';
import { createHarness, type Harness } from './harness.js';

export const SIGNING_SECRET = 'fake-signing-secret-abcdef';

export interface SlackHarness {
  fake: FakeSlack;
  h: Harness;
  adapter: SlackAdapter;
  port: number;
  stop(): Promise<void>;
}

/** The real app on :memory: and the real Bolt adapter, connected to a fake Slack on 127.0.0.1. */
export async function startSlack(mode: 'socket' | 'http'): Promise<SlackHarness> {
  const fake = new FakeSlack();
  await fake.start();
  fake.users.set('UADMIN', { name: 'ann', is_admin: true, tz: 'Europe/London', locale: 'en-GB' });
  fake.users.set('UZH', { name: '小王', tz: 'Asia/Shanghai', locale: 'zh-CN' });
  fake.users.set('UBOB', { name: 'bob', tz: 'America/New_York', locale: 'en-US' });
  const h = createHarness({ fakePlatform: false });
  const adapter = createSlackAdapter({
    botToken: fake.botToken,
    appToken: mode === 'socket' ? fake.appToken : undefined,
    signingSecret: SIGNING_SECRET,
    apiUrl: fake.apiUrl,
    port: 0,
    logger: h.logger,
    clientPingTimeoutMs: 2_000,
    onRejected: (reason) => h.app.metrics.eventRejected('slack', reason),
  });
  h.app.attach(adapter.platform);
  const { port = 0 } = await adapter.start(h.app.sink);
  if (mode === 'socket') await fake.connected();
  return {
    fake,
    h,
    adapter,
    port,
    async stop() {
      await adapter.stop();
      await h.app.close();
      await fake.stop();
    },
  };
}

/** POSTs a body to Bolt's HTTP receiver the way Slack does, signed unless told otherwise. */
export async function postToBolt(
  port: number,
  body: string,
  contentType: 'application/x-www-form-urlencoded' | 'application/json',
  options: { secret?: string; retryNum?: number; timestamp?: number } = {},
) {
  const ts = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', options.secret ?? SIGNING_SECRET)
    .update(`v0:${ts}:${body}`)
    .digest('hex')}`;
  const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': signature,
      ...(options.retryNum
        ? { 'x-slack-retry-num': String(options.retryNum), 'x-slack-retry-reason': 'http_timeout' }
        : {}),
    },
    body,
  });
  const text = await res.text();
  return { status: res.status, text };
}

/** A slash command or interaction as a form body: exact field encoding, no charset. */
export function formBody(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}
