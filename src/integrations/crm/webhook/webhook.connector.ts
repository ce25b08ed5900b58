/**
 * The signed-webhook CRM connector: POSTs each event as JSON to a URL the workspace controls, signed
 * with HMAC-SHA256 so the receiver can tell it came from us and is fresh. The payload, headers and
 * the receiver's verification recipe are documented in docs/webhook.md; keep them in step.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import {
  type CrmConnector,
  type CrmConnectorOptions,
  CrmError,
  type CrmEvent,
  type CrmPushResult,
  UNSIGNED_ACCEPTED,
} from '../../../core/crm.js';
import { errorForThrown, retryAfterMs } from '../http-failures.js';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Whether the URL may be used: https anywhere, plain http only on this machine. */
function isAllowedWebhookUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  // fetch refuses URLs with credentials, so catch them here where the admin can still fix them.
  if (url.username !== '' || url.password !== '') return false;
  if (url.protocol === 'https:') return true;
  // The signature proves who sent the body but does not hide it, and the body carries customer
  // feedback; plain http is only acceptable when the request never leaves the machine.
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
}

export const webhookSettingsSchema = z.object({
  url: z.string().url().refine(isAllowedWebhookUrl, {
    message:
      'The webhook URL must use https (plain http only for 127.0.0.1, localhost or ::1) and carry no user:password.',
  }),
});

export const webhookSecretsSchema = z.object({
  signingSecret: z.string().min(16),
});

export type WebhookSettings = z.infer<typeof webhookSettingsSchema>;
export type WebhookSecrets = z.infer<typeof webhookSecretsSchema>;

/** The JSON object POSTed for one event (docs/webhook.md documents it field by field). */
export interface WebhookPayload {
  version: 1;
  id: string;
  type: CrmEvent['type'];
  occurred_at: string;
  customer: { name: string; crm_account_id: string | null };
  title: string;
  body: string;
  data: CrmEvent['data'];
}

export function webhookPayload(event: CrmEvent): WebhookPayload {
  return {
    version: 1,
    id: event.id,
    type: event.type,
    occurred_at: event.occurredAt,
    customer: { name: event.customer, crm_account_id: event.accountId || null },
    title: event.title,
    body: event.body,
    data: event.data,
  };
}

/** The body of the ping sent before a connection is saved (docs/webhook.md, "The ping"). */
export function webhookPing(id: string, at: Date) {
  return {
    version: 1 as const,
    id,
    type: 'ping' as const,
    occurred_at: at.toISOString(),
    title: 'Muster connection check',
    body: 'Muster checks that this receiver accepts its signed requests. Answer 2xx; there is nothing to record.',
  };
}

function hmacHex(secret: string, timestamp: string, body: string | Uint8Array): string {
  // Two updates instead of one template string so a raw byte body is signed byte for byte.
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

/** `v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`; the timestamp is unix seconds. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${hmacHex(secret, String(timestamp), body)}`;
}

export type WebhookVerification =
  | { ok: true }
  | { ok: false; reason: 'stale' | 'bad_signature' | 'malformed' };

export interface VerifyWebhookInput {
  secret: string;
  timestampHeader: string | null | undefined;
  signatureHeader: string | null | undefined;
  /** The raw request body exactly as received; re-serialised JSON will not match. */
  body: string | Uint8Array;
  now: Date;
  toleranceSeconds?: number;
}

const TIMESTAMP = /^\d{1,12}$/;
const V1_SIGNATURE = /^v1=([0-9a-f]{64})$/i;

/** The v1 digests in a header such as "v1=abc…,v1=def…" (several while a secret is rotated). */
function v1Digests(signatureHeader: string): Buffer[] {
  const digests: Buffer[] = [];
  for (const part of signatureHeader.split(',')) {
    const hex = V1_SIGNATURE.exec(part.trim())?.[1];
    if (hex !== undefined) digests.push(Buffer.from(hex, 'hex'));
  }
  return digests;
}

/**
 * Checks a delivery as a receiver should: a well-formed timestamp within `toleranceSeconds` of
 * `now` (either side, so a captured request cannot be replayed later) and a v1 signature over
 * "<timestamp>.<raw body>". Kept here for receivers written in TypeScript and for the tests.
 */
export function verifyWebhook(input: VerifyWebhookInput): WebhookVerification {
  const { secret, timestampHeader, signatureHeader, body, now, toleranceSeconds = 300 } = input;
  if (!timestampHeader || !TIMESTAMP.test(timestampHeader.trim()) || !signatureHeader) {
    return { ok: false, reason: 'malformed' };
  }
  const digests = v1Digests(signatureHeader);
  if (digests.length === 0) return { ok: false, reason: 'malformed' };
  const timestamp = timestampHeader.trim();
  if (Math.abs(Math.floor(now.getTime() / 1000) - Number(timestamp)) > toleranceSeconds) {
    return { ok: false, reason: 'stale' };
  }
  const expected = Buffer.from(hmacHex(secret, timestamp, body), 'hex');
  // Compare against every candidate without stopping early, so timing says nothing about which matched.
  let matched = false;
  for (const digest of digests) matched = timingSafeEqual(digest, expected) || matched;
  return matched ? { ok: true } : { ok: false, reason: 'bad_signature' };
}

const DEFAULT_TIMEOUT_MS = 15_000;
const TRANSIENT_STATUSES = new Set([408, 425, 429]);
const AUTH_STATUSES = new Set([401, 403, 410]);

/** The error for a non-2xx answer. Messages name only the host: webhook paths often embed tokens. */
function errorForStatus(response: Response, host: string, now: Date): CrmError {
  const status = response.status;
  const code = `http_${status}`;
  if (status >= 300 && status < 400) {
    return new CrmError(
      `Webhook at ${host} answered ${status} (a redirect); redirects are not followed, so set the webhook URL to the final address.`,
      { kind: 'permanent', code },
    );
  }
  if (TRANSIENT_STATUSES.has(status) || status >= 500) {
    const wait = status === 429 ? retryAfterMs(response.headers.get('retry-after'), now) : undefined;
    return new CrmError(`Webhook at ${host} answered ${status}; will retry.`, {
      kind: 'transient',
      code,
      ...(wait === undefined ? {} : { retryAfterMs: wait }),
    });
  }
  if (AUTH_STATUSES.has(status)) {
    // 401/403: the receiver refuses our signature; 410: the endpoint is gone. Either way nothing will
    // get through until an admin fixes the secret or the URL, so the queue should stop and wait.
    const why = status === 410 ? 'says the endpoint is gone' : 'refused the signature';
    return new CrmError(`Webhook at ${host} ${why} (${status}); an admin must check the URL and secret.`, {
      kind: 'auth',
      code,
    });
  }
  return new CrmError(`Webhook at ${host} rejected the event (${status}).`, { kind: 'permanent', code });
}

/** The receiver's record id when its 2xx answer is JSON with an `id`; anything else is fine too. */
async function remoteIdFrom(response: Response): Promise<string | undefined> {
  try {
    const json: unknown = JSON.parse(await response.text());
    if (typeof json !== 'object' || json === null || !('id' in json)) return undefined;
    const id = json.id;
    return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
  } catch {
    // The event was accepted; an unreadable body must not turn that into a failure and a resend.
    return undefined;
  }
}

export function createWebhookConnector(
  options: CrmConnectorOptions<WebhookSettings, WebhookSecrets>,
): CrmConnector {
  const { settings, secrets, fetch, now, timeoutMs = DEFAULT_TIMEOUT_MS } = options;
  const host = new URL(settings.url).host;

  /** POSTs one body with the headers every delivery carries; `signed: false` leaves the signature out. */
  async function post(type: string, id: string, body: string, signed = true): Promise<Response> {
    // Taken per attempt: a retry is signed anew so it lands inside the receiver's replay window.
    const timestamp = Math.floor(now().getTime() / 1000);
    try {
      return await fetch(settings.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'Muster-Webhook/1',
          'X-Muster-Event': type,
          'X-Muster-Delivery': id,
          'X-Muster-Timestamp': String(timestamp),
          ...(signed ? { 'X-Muster-Signature': signWebhook(secrets.signingSecret, timestamp, body) } : {}),
        },
        body,
      });
    } catch (error) {
      throw errorForThrown(error, `Webhook at ${host}`);
    }
  }

  async function push(event: CrmEvent): Promise<CrmPushResult> {
    const response = await post(event.type, event.id, JSON.stringify(webhookPayload(event)));
    if (response.status >= 200 && response.status < 300) return { remoteId: await remoteIdFrom(response) };
    return failed(response);
  }

  /** Releases a failed answer and throws what it means. */
  async function failed(response: Response): Promise<never> {
    // Release the connection; the failure body is not shown (it may echo what we sent).
    await response.body?.cancel().catch(() => undefined);
    // Browsers' fetch hides manual redirects as status 0 ("opaqueredirect"); treat it like a 3xx.
    if (response.type === 'opaqueredirect') {
      throw new CrmError(
        `Webhook at ${host} answered a redirect; redirects are not followed, so set the webhook URL to the final address.`,
        { kind: 'permanent', code: 'redirect' },
      );
    }
    throw errorForStatus(response, host, now());
  }

  /**
   * The check before a connection is saved: a signed ping must be accepted, and the same ping
   * unsigned must be refused, or anyone who knows the URL could post events the receiver believes.
   */
  async function check(): Promise<void> {
    const at = now();
    const id = `ping:${Math.floor(at.getTime() / 1000)}`;
    const body = JSON.stringify(webhookPing(id, at));
    const signed = await post('ping', id, body);
    if (signed.status < 200 || signed.status >= 300) await failed(signed);
    await signed.body?.cancel().catch(() => undefined);
    const unsigned = await post('ping', id, body, false);
    await unsigned.body?.cancel().catch(() => undefined);
    if (unsigned.status >= 200 && unsigned.status < 300) {
      throw new CrmError(
        `Webhook at ${host} accepted a ping without a signature; it must verify X-Muster-Signature.`,
        { kind: 'permanent', code: UNSIGNED_ACCEPTED },
      );
    }
  }

  return {
    kind: 'webhook',
    // A webhook is one-way: there is no account list to search, so accounts are never linked by lookup.
    findAccounts: async () => [],
    push,
    check,
  };
}
