/**
 * A local third-party webhook receiver, written from docs/webhook.md alone. It deliberately does
 * not import the connector's verifyWebhook: tests pass only if the documented recipe, implemented
 * independently, accepts what the connector sends.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RejectionReason = 'malformed' | 'stale' | 'bad_signature' | 'bad_json';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
}

export interface AcceptedDelivery {
  deliveryId: string;
  event: string;
  timestamp: number;
  payload: unknown;
  rawBody: string;
  /** The id this receiver answered with ({ "id": ... }). */
  remoteId: string;
}

export interface Rejection {
  reason: RejectionReason;
  request: ReceivedRequest;
}

export interface ScriptedFailure {
  status: number;
  headers?: Record<string, string>;
  /** Fail only after verifying and recording the delivery, as a receiver whose answer got lost. */
  afterAccepting?: boolean;
}

export interface FakeWebhookReceiverOptions {
  secret: string;
  /** The receiver's clock; tests share their fixed clock with it. */
  now?: () => Date;
  toleranceSeconds?: number;
  /** false: a careless receiver that takes any request, signed or not (the connection check refuses it). */
  verifiesSignatures?: boolean;
}

interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export class FakeWebhookReceiver {
  /** Every request, in arrival order, whatever became of it. */
  readonly requests: ReceivedRequest[] = [];
  /** Verified deliveries, one per X-Muster-Delivery. */
  readonly deliveries: AcceptedDelivery[] = [];
  readonly rejections: Rejection[] = [];
  /** Verified requests whose delivery id had already been accepted. */
  duplicates = 0;
  /** Verified pings: answered, never recorded as deliveries (docs: "The ping"). */
  pings = 0;
  readonly #secret: string;
  readonly #now: () => Date;
  readonly #toleranceSeconds: number;
  readonly #verifies: boolean;
  readonly #failures: ScriptedFailure[] = [];
  #server: Server | undefined;
  port = 0;

  constructor(options: FakeWebhookReceiverOptions) {
    this.#secret = options.secret;
    this.#now = options.now ?? (() => new Date());
    this.#toleranceSeconds = options.toleranceSeconds ?? 300;
    this.#verifies = options.verifiesSignatures ?? true;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks/muster`;
  }

  /** The next `count` requests are answered with `failure.status`. */
  failNext(count: number, failure: ScriptedFailure): void {
    for (let i = 0; i < count; i++) this.#failures.push(failure);
  }

  async start(): Promise<void> {
    this.#server = createServer((req, res) => {
      void this.#handle(req).then(({ status, headers, body }) => {
        res
          .writeHead(status, { 'content-type': 'application/json', ...headers })
          .end(body === undefined ? '' : JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.#server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.#server?.closeAllConnections();
      this.#server?.close(() => resolve());
    });
  }

  async #handle(req: IncomingMessage): Promise<Answer> {
    const raw = await readBody(req);
    const request: ReceivedRequest = {
      method: req.method ?? '',
      path: req.url ?? '',
      headers: req.headers,
      rawBody: raw.toString('utf8'),
    };
    this.requests.push(request);
    const failure = this.#failures.shift();
    if (failure && !failure.afterAccepting) return { status: failure.status, headers: failure.headers };
    const answer = this.#receive(raw, request);
    if (failure) return { status: failure.status, headers: failure.headers };
    return answer;
  }

  #receive(raw: Buffer, request: ReceivedRequest): Answer {
    const reason = this.#verifies ? this.#verify(raw, request.headers) : undefined;
    if (reason) return this.#reject(reason, request);
    let payload: unknown;
    try {
      payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
    } catch {
      return this.#reject('bad_json', request);
    }
    // Docs: a verified ping is answered 2xx and otherwise ignored.
    if (header(request.headers, 'x-muster-event') === 'ping') {
      this.pings++;
      return { status: 200, body: {} };
    }
    const deliveryId = header(request.headers, 'x-muster-delivery') ?? '';
    const seen = this.deliveries.find((d) => d.deliveryId === deliveryId);
    if (seen) {
      // Docs: answer a duplicate with success so the sender stops retrying, but do not act twice.
      this.duplicates++;
      return { status: 200, body: { id: seen.remoteId } };
    }
    const remoteId = `rcv-${this.deliveries.length + 1}`;
    this.deliveries.push({
      deliveryId,
      event: header(request.headers, 'x-muster-event') ?? '',
      timestamp: Number(header(request.headers, 'x-muster-timestamp')),
      payload,
      rawBody: request.rawBody,
      remoteId,
    });
    return { status: 200, body: { id: remoteId } };
  }

  #reject(reason: RejectionReason, request: ReceivedRequest): Answer {
    this.rejections.push({ reason, request });
    return { status: reason === 'bad_json' ? 400 : 401, body: { error: reason } };
  }

  /** The recipe from docs/webhook.md, step by step. */
  #verify(raw: Buffer, headers: IncomingHttpHeaders): RejectionReason | undefined {
    // 1. Read the timestamp and signature headers.
    const timestamp = header(headers, 'x-muster-timestamp') ?? '';
    const signature = header(headers, 'x-muster-signature') ?? '';
    if (!/^\d+$/.test(timestamp) || !header(headers, 'x-muster-delivery')) return 'malformed';
    // 2. Reject timestamps more than 5 minutes from our clock, either way.
    const nowSeconds = Math.floor(this.#now().getTime() / 1000);
    if (Math.abs(nowSeconds - Number(timestamp)) > this.#toleranceSeconds) return 'stale';
    // 3. HMAC-SHA256 of "<timestamp>.<raw body>" with the signing secret, as hex.
    const expected = createHmac('sha256', this.#secret)
      .update(Buffer.concat([Buffer.from(`${timestamp}.`, 'utf8'), raw]))
      .digest();
    // 4. Compare in constant time with each "v1=" value in the signature header.
    const candidates = signature
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part.startsWith('v1='))
      .map((part) => Buffer.from(part.slice(3), 'hex'));
    if (candidates.length === 0) return 'malformed';
    const ok = candidates.some((c) => c.length === expected.length && timingSafeEqual(c, expected));
    return ok ? undefined : 'bad_signature';
  }
}
