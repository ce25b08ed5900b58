import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeWebhookReceiver } from '../../../../test/fakes/fake-webhook-receiver.js';
import { type CrmConnector, CrmError, type CrmEvent, type Fetch } from '../../../core/crm.js';
import {
  createWebhookConnector,
  signWebhook,
  verifyWebhook,
  webhookPayload,
  webhookSecretsSchema,
  webhookSettingsSchema,
} from './webhook.connector.js';

const SECRET = 'whsec_muster_test_0123456789abcdef';
const START = new Date('2025-03-14T09:26:53Z');
const START_SECONDS = Math.floor(START.getTime() / 1000);

const event: CrmEvent = {
  id: 'fb:42:created',
  type: 'feedback.created',
  occurredAt: '2025-03-14T09:20:00.000Z',
  accountId: '',
  customer: '上海星河科技有限公司',
  title: '新反馈：交付延迟（第二次）',
  body: '“希望下周前修复！”——张伟，评分 2/5。',
  data: {
    feedback_id: 42,
    score: 2,
    scale: 'csat5',
    comment: '交付又延迟了，能否给个明确时间？',
    tags: ['交付', '沟通'],
    group: '#星河-项目群',
    author: '张伟',
  },
};

/** The clock the connector and the receiver share; tests move it explicitly, nothing waits. */
let clock = START;
const now = (): Date => clock;

function connectorFor(url: string, options: { secret?: string; fetch?: Fetch } = {}): CrmConnector {
  return createWebhookConnector({
    settings: webhookSettingsSchema.parse({ url }),
    secrets: { signingSecret: options.secret ?? SECRET },
    fetch: options.fetch ?? fetch,
    now,
  });
}

async function pushError(connector: CrmConnector, e: CrmEvent = event): Promise<CrmError> {
  try {
    await connector.push(e);
  } catch (error) {
    if (error instanceof CrmError) return error;
    throw error;
  }
  throw new Error('push unexpectedly succeeded');
}

function headerOf(headers: Record<string, string | string[] | undefined>, name: string): string {
  const value = headers[name];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}

/** A port nothing listens on: bound once by us, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('webhook settings and secrets', () => {
  it('requires https except on loopback', () => {
    expect(webhookSettingsSchema.safeParse({ url: 'http://example.com' }).success).toBe(false);
    expect(webhookSettingsSchema.safeParse({ url: 'http://127.0.0.1:1234/x' }).success).toBe(true);
    expect(webhookSettingsSchema.safeParse({ url: 'http://localhost:8080/x' }).success).toBe(true);
    expect(webhookSettingsSchema.safeParse({ url: 'http://[::1]:8080/x' }).success).toBe(true);
    expect(webhookSettingsSchema.safeParse({ url: 'https://example.com/hook' }).success).toBe(true);
  });

  it('refuses other schemes, credentials in the URL and non-URLs', () => {
    for (const url of [
      'ftp://example.com/x',
      'mailto:ops@example.com',
      'https://u:p@example.com/x',
      'hook',
    ]) {
      expect(webhookSettingsSchema.safeParse({ url }).success, url).toBe(false);
    }
  });

  it('requires a signing secret of at least 16 characters', () => {
    expect(webhookSecretsSchema.safeParse({ signingSecret: 'short' }).success).toBe(false);
    expect(webhookSecretsSchema.safeParse({ signingSecret: SECRET }).success).toBe(true);
  });
});

describe('webhookPayload', () => {
  it('maps the event to the documented shape, with an unlinked customer as null', () => {
    expect(webhookPayload(event)).toEqual({
      version: 1,
      id: 'fb:42:created',
      type: 'feedback.created',
      occurred_at: '2025-03-14T09:20:00.000Z',
      customer: { name: '上海星河科技有限公司', crm_account_id: null },
      title: event.title,
      body: event.body,
      data: event.data,
    });
    expect(webhookPayload({ ...event, accountId: 'acc-7' }).customer.crm_account_id).toBe('acc-7');
  });
});

describe('verifyWebhook', () => {
  const body = JSON.stringify(webhookPayload(event));
  const signature = signWebhook(SECRET, START_SECONDS, body);
  const base = { secret: SECRET, timestampHeader: String(START_SECONDS), signatureHeader: signature, body };

  it('accepts a fresh, correctly signed body, as a string or as raw bytes', () => {
    expect(verifyWebhook({ ...base, now: START })).toEqual({ ok: true });
    expect(verifyWebhook({ ...base, body: Buffer.from(body, 'utf8'), now: START })).toEqual({ ok: true });
    expect(signature).toMatch(/^v1=[0-9a-f]{64}$/);
  });

  it('rejects a tampered body, a wrong secret and a stale or future timestamp', () => {
    const tampered = body.replace('张伟', '李雷');
    expect(verifyWebhook({ ...base, body: tampered, now: START })).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(verifyWebhook({ ...base, secret: 'another_secret_0123456789', now: START })).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    const sixMinutesLater = new Date(START.getTime() + 6 * 60_000);
    expect(verifyWebhook({ ...base, now: sixMinutesLater })).toEqual({ ok: false, reason: 'stale' });
    const sixMinutesEarlier = new Date(START.getTime() - 6 * 60_000);
    expect(verifyWebhook({ ...base, now: sixMinutesEarlier })).toEqual({ ok: false, reason: 'stale' });
    const fourMinutesLater = new Date(START.getTime() + 4 * 60_000);
    expect(verifyWebhook({ ...base, now: fourMinutesLater })).toEqual({ ok: true });
  });

  it('accepts any matching v1 value in a rotation list', () => {
    const old = signWebhook('the_previous_secret_000000', START_SECONDS, body);
    for (const header of [`${old},${signature}`, `${signature}, ${old}`, `v0=abc, ${signature}`]) {
      expect(verifyWebhook({ ...base, signatureHeader: header, now: START }), header).toEqual({ ok: true });
    }
    expect(verifyWebhook({ ...base, signatureHeader: old, now: START })).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it('calls missing or unparseable headers malformed', () => {
    const cases = [
      { timestampHeader: null },
      { timestampHeader: undefined },
      { timestampHeader: 'yesterday' },
      { timestampHeader: '-5' },
      { timestampHeader: '1.5' },
      { signatureHeader: null },
      { signatureHeader: '' },
      { signatureHeader: 'sha256=abcdef' },
      { signatureHeader: 'v1=not-hex' },
      { signatureHeader: 'v1=abcd' },
    ];
    for (const overrides of cases) {
      expect(verifyWebhook({ ...base, ...overrides, now: START }), JSON.stringify(overrides)).toEqual({
        ok: false,
        reason: 'malformed',
      });
    }
  });
});

describe('webhook connector against a local receiver', () => {
  let receiver: FakeWebhookReceiver;

  beforeEach(async () => {
    clock = START;
    receiver = new FakeWebhookReceiver({ secret: SECRET, now });
    await receiver.start();
  });

  afterEach(async () => {
    await receiver.stop();
  });

  it('delivers a push the receiver verifies with its own recipe, Chinese text intact', async () => {
    const connector = connectorFor(receiver.url);
    expect(connector.kind).toBe('webhook');
    await expect(connector.push(event)).resolves.toEqual({ remoteId: 'rcv-1' });

    expect(receiver.rejections).toEqual([]);
    expect(receiver.deliveries).toHaveLength(1);
    const delivery = receiver.deliveries[0];
    expect(delivery?.payload).toEqual(webhookPayload(event));
    expect(delivery?.rawBody).toContain('“希望下周前修复！”——张伟，评分 2/5。');
    expect(delivery?.rawBody).toContain('（第二次）');
    expect(delivery?.deliveryId).toBe('fb:42:created');
    expect(delivery?.timestamp).toBe(START_SECONDS);

    const headers = receiver.requests[0]?.headers ?? {};
    expect(receiver.requests[0]?.method).toBe('POST');
    expect(receiver.requests[0]?.path).toBe('/hooks/muster');
    expect(headerOf(headers, 'content-type')).toBe('application/json');
    expect(headerOf(headers, 'user-agent')).toBe('Muster-Webhook/1');
    expect(headerOf(headers, 'x-muster-event')).toBe('feedback.created');
    expect(headerOf(headers, 'x-muster-delivery')).toBe('fb:42:created');
    expect(headerOf(headers, 'x-muster-timestamp')).toBe(String(START_SECONDS));
  });

  it('cannot search accounts', async () => {
    await expect(connectorFor(receiver.url).findAccounts('上海星河科技有限公司')).resolves.toEqual([]);
  });

  it('is refused by the receiver when the body is tampered with', async () => {
    const body = JSON.stringify(webhookPayload(event));
    const response = await fetch(receiver.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Muster-Delivery': event.id,
        'X-Muster-Timestamp': String(START_SECONDS),
        'X-Muster-Signature': signWebhook(SECRET, START_SECONDS, body),
      },
      body: body.replace('"score":2', '"score":5'),
    });
    expect(response.status).toBe(401);
    expect(receiver.rejections.map((r) => r.reason)).toEqual(['bad_signature']);
    expect(receiver.deliveries).toEqual([]);
  });

  it('is refused by the receiver with a wrong secret, which stops syncing (auth)', async () => {
    const error = await pushError(connectorFor(receiver.url, { secret: 'not_the_receivers_secret_42' }));
    expect(error.kind).toBe('auth');
    expect(receiver.rejections.map((r) => r.reason)).toEqual(['bad_signature']);
  });

  it('is refused by the receiver when signed 6 minutes ago', async () => {
    const late = createWebhookConnector({
      settings: { url: receiver.url },
      secrets: { signingSecret: SECRET },
      fetch,
      now: () => new Date(START.getTime() - 6 * 60_000),
    });
    const error = await pushError(late);
    expect(error.kind).toBe('auth');
    expect(receiver.rejections.map((r) => r.reason)).toEqual(['stale']);
  });

  it('retries with the same delivery id and a fresh, valid signature; the receiver dedupes', async () => {
    const connector = connectorFor(receiver.url);
    receiver.failNext(1, { status: 500 });
    expect((await pushError(connector)).kind).toBe('transient');

    clock = new Date(START.getTime() + 90_000);
    await expect(connector.push(event)).resolves.toEqual({ remoteId: 'rcv-1' });

    const [first, second] = receiver.requests.map((r) => r.headers);
    expect(headerOf(second ?? {}, 'x-muster-delivery')).toBe(headerOf(first ?? {}, 'x-muster-delivery'));
    expect(headerOf(second ?? {}, 'x-muster-timestamp')).toBe(String(START_SECONDS + 90));
    expect(headerOf(second ?? {}, 'x-muster-signature')).not.toBe(
      headerOf(first ?? {}, 'x-muster-signature'),
    );
    for (const request of receiver.requests) {
      const verdict = verifyWebhook({
        secret: SECRET,
        timestampHeader: headerOf(request.headers, 'x-muster-timestamp'),
        signatureHeader: headerOf(request.headers, 'x-muster-signature'),
        body: request.rawBody,
        now: clock,
      });
      expect(verdict).toEqual({ ok: true });
    }
    expect(receiver.deliveries).toHaveLength(1);

    // The receiver acted but its answer was lost: the retry must not be acted on twice.
    const resolved: CrmEvent = { ...event, id: 'fb:42:resolved', type: 'feedback.resolved' };
    receiver.failNext(1, { status: 502, afterAccepting: true });
    expect((await pushError(connector, resolved)).kind).toBe('transient');
    clock = new Date(clock.getTime() + 60_000);
    await expect(connector.push(resolved)).resolves.toEqual({ remoteId: 'rcv-2' });
    expect(receiver.deliveries.map((d) => d.deliveryId)).toEqual(['fb:42:created', 'fb:42:resolved']);
    expect(receiver.duplicates).toBe(1);
  });

  it('classifies the receiver answers', async () => {
    const connector = connectorFor(receiver.url);
    const cases: { status: number; headers?: Record<string, string>; kind: string; retryAfterMs?: number }[] =
      [
        { status: 500, kind: 'transient' },
        { status: 503, kind: 'transient' },
        { status: 408, kind: 'transient' },
        { status: 425, kind: 'transient' },
        { status: 429, headers: { 'Retry-After': '7' }, kind: 'transient', retryAfterMs: 7000 },
        { status: 401, kind: 'auth' },
        { status: 403, kind: 'auth' },
        { status: 410, kind: 'auth' },
        { status: 400, kind: 'permanent' },
        { status: 422, kind: 'permanent' },
      ];
    for (const { status, headers, kind, retryAfterMs } of cases) {
      receiver.failNext(1, { status, ...(headers ? { headers } : {}) });
      const error = await pushError(connector);
      expect(error.kind, String(status)).toBe(kind);
      expect(error.retryAfterMs, String(status)).toBe(retryAfterMs);
      expect(error.code).toBe(`http_${status}`);
      expect(error.message).toContain(String(status));
      expect(error.message).toContain(`127.0.0.1:${receiver.port}`);
    }
  });

  it('does not follow a redirect and says to use the final URL', async () => {
    receiver.failNext(1, { status: 302, headers: { Location: `${receiver.url}/moved` } });
    const error = await pushError(connectorFor(receiver.url));
    expect(error.kind).toBe('permanent');
    expect(error.message).toMatch(/final address/);
    expect(receiver.requests).toHaveLength(1);
  });

  it('treats a closed port as transient', async () => {
    const port = await closedPort();
    const error = await pushError(connectorFor(`http://127.0.0.1:${port}/hook`));
    expect(error.kind).toBe('transient');
    expect(error.message).toContain(`127.0.0.1:${port}`);
  });
});

describe('webhook connector with a stubbed fetch', () => {
  beforeEach(() => {
    clock = START;
  });

  it('treats a timeout as transient and passes a timeout signal', async () => {
    let signal: AbortSignal | null | undefined;
    const timingOut: Fetch = async (_input, init) => {
      signal = init?.signal;
      throw new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    };
    const error = await pushError(connectorFor('https://crm.example.com/hook', { fetch: timingOut }));
    expect(error.kind).toBe('transient');
    expect(error.code).toBe('timeout');
    expect(signal).toBeInstanceOf(AbortSignal);
  });

  it('sends POST with redirect manual and reads a numeric or missing remote id', async () => {
    let init: RequestInit | undefined;
    const answers = [
      new Response(JSON.stringify({ id: 981 }), { status: 201 }),
      new Response(null, { status: 204 }),
      new Response('ok', { status: 200 }),
    ];
    const stub: Fetch = async (_input, given) => {
      init = given;
      return answers.shift() ?? new Response(null, { status: 500 });
    };
    const connector = connectorFor('https://crm.example.com/hook', { fetch: stub });
    await expect(connector.push(event)).resolves.toEqual({ remoteId: '981' });
    expect(init?.method).toBe('POST');
    expect(init?.redirect).toBe('manual');
    await expect(connector.push(event)).resolves.toEqual({ remoteId: undefined });
    await expect(connector.push(event)).resolves.toEqual({ remoteId: undefined });
  });

  it('reads Retry-After given as an HTTP date', async () => {
    const at = new Date(START.getTime() + 30_000).toUTCString();
    const stub: Fetch = async () => new Response(null, { status: 429, headers: { 'Retry-After': at } });
    const error = await pushError(connectorFor('https://crm.example.com/hook', { fetch: stub }));
    expect(error.retryAfterMs).toBe(30_000);
  });

  it('never puts the secret, or the URL path, in an error message', async () => {
    const url = `https://crm.example.com/hooks/${SECRET}`;
    const echo = (status: number): Fetch => {
      return async (_input, init) => {
        const headers = new Headers(init?.headers);
        return new Response(`bad ${SECRET} ${headers.get('x-muster-signature')}`, {
          status,
          headers: { 'Retry-After': SECRET },
        });
      };
    };
    const throwing: Fetch = async () => {
      throw new TypeError(`fetch failed for ${url}`, { cause: { code: 'ECONNRESET', secret: SECRET } });
    };
    const fetches = [302, 400, 401, 403, 408, 410, 425, 429, 500, 503].map(echo).concat(throwing);
    for (const stub of fetches) {
      const error = await pushError(connectorFor(url, { fetch: stub }));
      expect(error.message).not.toContain(SECRET);
      expect(error.message).not.toContain('/hooks/');
      expect(error.message).toContain('crm.example.com');
    }
  });
});
