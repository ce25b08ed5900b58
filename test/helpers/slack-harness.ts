import { createHmac } from 'node:crypto';
import {
  createSlackAdapter,
  type SlackAdapter,
  type SlackAdapterOptions,
} from '../../src/adapters/slack/slack.adapter.js';
import type { InboundEvent } from '../../src/core/platform/events.js';
import type { EventSink } from '../../src/core/platform/platform.js';
import type { RosterSink } from '../../src/core/platform/roster.js';
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

export interface SlackHarnessOptions {
  /** Sets up the fake Slack (channels, users, tier limits) before the adapter starts. */
  prepare?: (fake: FakeSlack) => void;
  /** Adapter options on top of the harness's (a virtual `now`/`sleep` for the member sync). */
  adapter?: Partial<Pick<SlackAdapterOptions, 'now' | 'sleep' | 'maxMemberLookups'>>;
  /** Where the member sync reports; the app's own roster (`h.app.roster`) when not given. */
  roster?: (h: Harness, adapter: SlackAdapter) => RosterSink;
  /** An app already running (a restarted adapter over the same database); the harness then leaves it open. */
  harness?: Harness;
  /** An existing fake Slack (a restart against the same Slack); the harness then leaves it running. */
  fake?: FakeSlack;
  /** Sees every event the adapter hands the core, before the core does. */
  observe?: (event: InboundEvent) => void;
  /** False: resolve as soon as the adapter is up, while the start-up member sync still runs. */
  waitForMembers?: boolean;
}

/**
 * The real app on :memory: and the real Bolt adapter, connected to a fake Slack on 127.0.0.1.
 * Resolves once the start-up member sync has finished, so tests see a quiet Slack.
 */
export async function startSlack(
  mode: 'socket' | 'http',
  options: SlackHarnessOptions = {},
): Promise<SlackHarness> {
  const fake = options.fake ?? new FakeSlack();
  if (!options.fake) await fake.start();
  fake.users.set('UADMIN', { name: 'ann', is_admin: true, tz: 'Europe/London', locale: 'en-GB' });
  fake.users.set('UZH', { name: '小王', tz: 'Asia/Shanghai', locale: 'zh-CN' });
  fake.users.set('UBOB', { name: 'bob', tz: 'America/New_York', locale: 'en-US' });
  options.prepare?.(fake);
  const h = options.harness ?? createHarness({ fakePlatform: false });
  const adapter = createSlackAdapter({
    botToken: fake.botToken,
    appToken: mode === 'socket' ? fake.appToken : undefined,
    signingSecret: SIGNING_SECRET,
    apiUrl: fake.apiUrl,
    port: 0,
    logger: h.logger,
    clientPingTimeoutMs: 2_000,
    onRejected: (reason) => h.app.metrics.eventRejected('slack', reason),
    // The app's fixed clock: members listed at start join when the app says it is.
    now: () => h.clock.now().getTime(),
    ...options.adapter,
  });
  h.app.attach(adapter.platform);
  const roster = options.roster ? options.roster(h, adapter) : h.app.roster;
  const observe = options.observe;
  const sink: EventSink = observe
    ? {
        handle: (event, responder) => {
          observe(event);
          return h.app.sink.handle(event, responder);
        },
      }
    : h.app.sink;
  const { port = 0 } = await adapter.start(sink, roster);
  if (mode === 'socket') await fake.connected();
  if (options.waitForMembers !== false) await adapter.membersSynced();
  return {
    fake,
    h,
    adapter,
    port,
    async stop() {
      await adapter.stop();
      if (!options.harness) await h.app.close();
      if (!options.fake) await fake.stop();
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
