import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export interface ApiCall {
  method: string;
  token: string | undefined;
  body: Record<string, unknown>;
}

interface CannedFailure {
  status?: number;
  headers?: Record<string, string>;
  body: Record<string, unknown>;
}

export interface FakeUser {
  name: string;
  /** The person's home workspace; another team's id for a Slack Connect person. Default T1. */
  team_id?: string;
  real_name?: string;
  display_name?: string;
  tz?: string;
  locale?: string;
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
  is_bot?: boolean;
  /** Deactivated. */
  deleted?: boolean;
  /** Multi-channel guest. */
  is_restricted?: boolean;
  /** Single-channel guest. */
  is_ultra_restricted?: boolean;
  /** False: users.list leaves them out (a Slack Connect person from another organisation); users.info knows them. */
  listed?: boolean;
}

/** Slack's published rate tiers (calls a minute, per method and workspace), for the methods the fake enforces. */
export const FAKE_TIERS: Readonly<Record<string, number>> = {
  'conversations.members': 100, // Tier 4
  'users.list': 20, // Tier 2
  'users.info': 100, // Tier 4
  'users.conversations': 50, // Tier 3
  'team.info': 50, // Tier 3
  'conversations.history': 50, // Tier 3
};

/** Slack's cursors are opaque strings; the fake's carry an offset. */
function cursorAt(kind: string, offset: number): string {
  return Buffer.from(`${kind}:${offset}`).toString('base64');
}

function offsetOf(kind: string, cursor: unknown): number | undefined {
  if (cursor === undefined || cursor === '') return 0;
  const [prefix, offset] = Buffer.from(String(cursor), 'base64').toString('utf8').split(':');
  const n = Number(offset);
  return prefix === kind && Number.isInteger(n) && n >= 0 ? n : undefined;
}

/**
 * Slack's `limit`: its default when absent or 0 (users.list: everyone at once), at most 1000
 * (conversations.members, users.list).
 */
function pageLimit(raw: unknown, fallback: number): number {
  const n = Number(raw ?? 0);
  return Number.isFinite(n) && n > 0 ? Math.min(Math.floor(n), 1000) : fallback;
}

/** One page of a cursor-paginated list, as Slack answers: `next_cursor` empty on the last page. */
function paginate<T>(
  kind: string,
  items: readonly T[],
  body: Record<string, unknown>,
  fallback: number,
): { page: T[]; response_metadata: { next_cursor: string } } | undefined {
  const offset = offsetOf(kind, body.cursor);
  if (offset === undefined) return undefined;
  const end = offset + pageLimit(body.limit, fallback);
  return {
    page: items.slice(offset, end),
    response_metadata: { next_cursor: end < items.length ? cursorAt(kind, end) : '' },
  };
}

const JSON_FIELDS = new Set(['blocks', 'view', 'attachments', 'metadata']);

/** A message as conversations.history returns it (metadata only when asked for). */
export interface PostedMessage {
  channel: string;
  ts: string;
  text: string;
  thread_ts?: string;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Form bodies carry JSON-valued fields (`blocks`, `view`) as strings; decode them like Slack does. */
function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw))
    out[key] = JSON_FIELDS.has(key) ? JSON.parse(value) : value;
  return out;
}

/**
 * A local Slack: the Web API (`POST /api/<method>`), response_url endpoints and the Socket Mode
 * WebSocket, written from Slack's documentation and the checked facts in the platform notes.
 */
export class FakeSlack {
  readonly calls: ApiCall[] = [];
  readonly responses: { id: string; body: Record<string, unknown> }[] = [];
  /** Uploaded file contents by file id (files.uploadV2). */
  readonly uploads = new Map<string, string>();
  readonly users = new Map<string, FakeUser>();
  /** Every chat.postMessage Slack accepted, oldest first: what a channel shows, and what history returns. */
  readonly posted: PostedMessage[] = [];
  /** Milliseconds every Web API answer takes (a platform is never instant). */
  latencyMs = 0;
  /** Who is in each channel (conversations.members), in Slack's order; the bot too when it is in. */
  readonly channelMembers = new Map<string, string[]>();
  /** Workspaces by id (team.info): this one, and the organisations of Slack Connect people. */
  readonly teams = new Map<string, { name: string; domain?: string }>([
    ['T1', { name: 'Acme', domain: 'acme' }],
  ]);
  /** The 429s the opt-in tier limits answered, per method. */
  readonly rateLimited = new Map<string, number>();
  readonly #window = new Map<string, number[]>();
  #tierClock: (() => number) | undefined;
  readonly botToken = 'xoxb-fake-bot-token-0123456789';
  readonly appToken = 'xapp-fake-app-token-9876543210';
  readonly #failures = new Map<string, CannedFailure[]>();
  readonly #triggers = new Map<string, number>();
  readonly #pending = new Map<string, (payload: unknown) => void>();
  #server: Server | undefined;
  #wss: WebSocketServer | undefined;
  #socket: WebSocket | undefined;
  #connected: (() => void) | undefined;
  #seq = 0;
  port = 0;

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  responseUrl(id: string): string {
    return `http://127.0.0.1:${this.port}/respond/${id}`;
  }

  /** A trigger id as Slack issues it with an interaction; valid for 3 seconds. */
  trigger(): string {
    const id = `trig-${++this.#seq}`;
    this.#triggers.set(id, Date.now());
    return id;
  }

  /** The next call(s) to `method` fail with this answer. */
  failNext(method: string, failure: CannedFailure, times = 1): void {
    this.#failures.set(method, [
      ...(this.#failures.get(method) ?? []),
      ...Array.from({ length: times }, () => failure),
    ]);
  }

  /**
   * Opt-in: enforce Slack's per-method tier limits (FAKE_TIERS) over a sliding minute of `clock`
   * (milliseconds). A call over the limit gets HTTP 429 with `Retry-After` (seconds until a slot
   * frees) and `{ ok: false, error: 'ratelimited' }`, and is not counted as made.
   */
  enforceTierLimits(clock: () => number = Date.now): void {
    this.#tierClock = clock;
  }

  /** Calls someone else made against the workspace's limit (another app, an earlier run). */
  spendRateLimit(method: string, calls: number): void {
    const now = this.#tierClock?.() ?? Date.now();
    this.#window.set(method, [
      ...(this.#window.get(method) ?? []),
      ...Array.from({ length: calls }, () => now),
    ]);
  }

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  async start(): Promise<void> {
    this.#wss = new WebSocketServer({ noServer: true });
    this.#server = createServer((req, res) => {
      void this.#handle(req).then(({ status, headers, body }) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
      });
    });
    this.#server.on('upgrade', (req, socket, head) => {
      this.#wss?.handleUpgrade(req, socket, head, (ws) => this.#onSocket(ws));
    });
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.#server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const client of this.#wss?.clients ?? []) client.terminate();
    this.#wss?.close();
    await new Promise<void>((resolve) => {
      this.#server?.closeAllConnections();
      this.#server?.close(() => resolve());
    });
  }

  /** Resolves once a Socket Mode client has connected and been greeted. */
  connected(): Promise<void> {
    if (this.#socket) return Promise.resolve();
    return new Promise((resolve) => {
      this.#connected = resolve;
    });
  }

  /** Sends a Socket Mode envelope and resolves with the app's acknowledgement payload. */
  sendEnvelope(type: 'slash_commands' | 'interactive' | 'events_api', payload: unknown): Promise<unknown> {
    const socket = this.#socket;
    if (!socket) throw new Error('no socket mode client connected');
    const envelopeId = `env-${++this.#seq}`;
    return new Promise((resolve) => {
      this.#pending.set(envelopeId, resolve);
      socket.send(
        JSON.stringify({
          envelope_id: envelopeId,
          type,
          payload,
          accepts_response_payload: type !== 'events_api',
          retry_attempt: 0,
          retry_reason: '',
        }),
      );
    });
  }

  /** Waits (briefly, polling) until a condition on the recorded traffic holds. */
  async waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
    const start = Date.now();
    while (!condition()) {
      if (Date.now() - start > timeoutMs) throw new Error('timed out waiting for the fake Slack');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  #onSocket(ws: WebSocket): void {
    this.#socket = ws;
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as { envelope_id?: string; payload?: unknown };
      if (!message.envelope_id) return;
      this.#pending.get(message.envelope_id)?.(message.payload);
      this.#pending.delete(message.envelope_id);
    });
    ws.on('close', () => {
      if (this.#socket === ws) this.#socket = undefined;
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'fake' },
        connection_info: { app_id: 'A1' },
      }),
    );
    this.#connected?.();
  }

  async #handle(
    req: IncomingMessage,
  ): Promise<{ status: number; headers?: Record<string, string>; body: Record<string, unknown> }> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(req);
    if (url.pathname.startsWith('/upload/')) {
      // files.uploadV2 sends the bytes to the URL getUploadURLExternal handed out.
      this.uploads.set(url.pathname.slice('/upload/'.length), raw);
      return { status: 200, body: { ok: true } };
    }
    if (url.pathname.startsWith('/respond/')) {
      this.responses.push({
        id: url.pathname.slice('/respond/'.length),
        body: parseBody(raw, req.headers['content-type']),
      });
      return { status: 200, body: { ok: true } };
    }
    const method = url.pathname.replace(/^\/api\//, '');
    const body = parseBody(raw, req.headers['content-type']);
    const token = req.headers.authorization?.replace(/^Bearer /, '') ?? (body.token as string | undefined);
    this.calls.push({ method, token, body });
    const expected = method === 'apps.connections.open' ? this.appToken : this.botToken;
    if (token !== expected) return { status: 200, body: { ok: false, error: 'invalid_auth' } };
    const limited = this.#overLimit(method);
    if (limited) return limited;
    const failure = this.#failures.get(method)?.shift();
    if (failure) {
      if (failure.status === 429) this.rateLimited.set(method, (this.rateLimited.get(method) ?? 0) + 1);
      return { status: failure.status ?? 200, headers: failure.headers ?? {}, body: failure.body };
    }
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
    return { status: 200, body: this.#answer(method, body) };
  }

  /** A 429 when tier limits are on and the method has used its minute; else the call is counted. */
  #overLimit(
    method: string,
  ): { status: number; headers: Record<string, string>; body: Record<string, unknown> } | undefined {
    const limit = FAKE_TIERS[method];
    if (!this.#tierClock || limit === undefined) return undefined;
    const now = this.#tierClock();
    const recent = (this.#window.get(method) ?? []).filter((t) => t > now - 60_000);
    this.#window.set(method, recent);
    if (recent.length < limit) {
      recent.push(now);
      return undefined;
    }
    this.rateLimited.set(method, (this.rateLimited.get(method) ?? 0) + 1);
    const oldest = recent[0] ?? now;
    const retryAfter = Math.max(1, Math.ceil((oldest + 60_000 - now) / 1000));
    return {
      status: 429,
      headers: { 'retry-after': String(retryAfter) },
      body: { ok: false, error: 'ratelimited' },
    };
  }

  /** A user as users.list and users.info return them (locale only when asked for). */
  #user(id: string, user: FakeUser, withLocale: boolean): Record<string, unknown> {
    return {
      id,
      team_id: user.team_id ?? 'T1',
      name: user.name,
      deleted: user.deleted ?? false,
      real_name: user.real_name ?? user.name,
      tz: user.tz ?? 'America/Los_Angeles',
      ...(withLocale ? { locale: user.locale ?? 'en-US' } : {}),
      is_admin: user.is_admin ?? false,
      is_owner: user.is_owner ?? false,
      is_primary_owner: user.is_primary_owner ?? false,
      is_restricted: user.is_restricted ?? false,
      is_ultra_restricted: user.is_ultra_restricted ?? false,
      is_bot: user.is_bot ?? false,
      profile: { display_name: user.display_name ?? user.name, real_name: user.real_name ?? user.name },
    };
  }

  /** Newest first, like Slack: a channel's top-level messages, or a thread's (parent included). */
  #history(body: Record<string, unknown>, thread: string | undefined): Record<string, unknown> {
    const limit = Number(body.limit ?? 100);
    const withMetadata = String(body.include_all_metadata) === 'true';
    const messages = this.posted
      .filter(
        (m) =>
          m.channel === body.channel && (thread ? m.ts === thread || m.thread_ts === thread : !m.thread_ts),
      )
      .reverse()
      .slice(0, limit)
      .map(({ metadata, channel: _channel, ...m }) => ({
        type: 'message',
        ...m,
        ...(withMetadata && metadata ? { metadata } : {}),
      }));
    return { ok: true, messages, has_more: false };
  }

  #answer(method: string, body: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://acme.slack.com/',
          team: 'Acme',
          team_id: 'T1',
          user: 'muster',
          user_id: 'UBOT',
          bot_id: 'BBOT',
        };
      case 'users.info': {
        const id = String(body.user);
        const user = this.users.get(id);
        if (!user) return { ok: false, error: 'user_not_found' };
        return { ok: true, user: this.#user(id, user, Boolean(body.include_locale)) };
      }
      case 'users.list': {
        const listed = [...this.users].filter(([, user]) => user.listed !== false);
        const page = paginate('users', listed, body, Number.POSITIVE_INFINITY);
        if (!page) return { ok: false, error: 'invalid_cursor' };
        const withLocale = String(body.include_locale) === 'true';
        return {
          ok: true,
          members: page.page.map(([id, user]) => this.#user(id, user, withLocale)),
          cache_ts: 1700000000,
          response_metadata: page.response_metadata,
        };
      }
      case 'conversations.members': {
        const members = this.channelMembers.get(String(body.channel));
        if (!members) return { ok: false, error: 'channel_not_found' };
        const page = paginate('members', members, body, 100);
        if (!page) return { ok: false, error: 'invalid_cursor' };
        return { ok: true, members: page.page, response_metadata: page.response_metadata };
      }
      case 'users.conversations': {
        const user = String(body.user ?? 'UBOT');
        const types = String(body.types ?? 'public_channel').split(',');
        const channels = [...this.channelMembers]
          .filter(
            ([id, members]) =>
              members.includes(user) &&
              types.includes(id.startsWith('G') ? 'private_channel' : 'public_channel'),
          )
          .map(([id]) => ({
            id,
            name: id.toLowerCase(),
            is_channel: true,
            is_private: id.startsWith('G'),
            is_member: true,
          }));
        const page = paginate('channels', channels, body, 100);
        if (!page) return { ok: false, error: 'invalid_cursor' };
        return { ok: true, channels: page.page, response_metadata: page.response_metadata };
      }
      case 'team.info': {
        const id = String(body.team ?? 'T1');
        const team = this.teams.get(id);
        if (!team) return { ok: false, error: 'team_not_found' };
        return { ok: true, team: { id, name: team.name, domain: team.domain ?? team.name.toLowerCase() } };
      }
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(body.users)}` } };
      case 'chat.postMessage': {
        const ts = `1700000000.${String(++this.#seq).padStart(6, '0')}`;
        this.posted.push({
          channel: String(body.channel),
          ts,
          text: String(body.text ?? ''),
          ...(body.thread_ts ? { thread_ts: String(body.thread_ts) } : {}),
          ...(body.metadata ? { metadata: body.metadata as PostedMessage['metadata'] & object } : {}),
        });
        return { ok: true, channel: body.channel, ts, message: { text: body.text } };
      }
      case 'conversations.history':
        return this.#history(body, undefined);
      case 'conversations.replies':
        return this.#history(body, String(body.ts));
      case 'conversations.kick': {
        const members = this.channelMembers.get(String(body.channel));
        const user = String(body.user);
        if (!members?.includes(user)) return { ok: false, error: 'not_in_channel' };
        this.channelMembers.set(
          String(body.channel),
          members.filter((id) => id !== user),
        );
        return { ok: true };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `1700000000.${String(++this.#seq).padStart(6, '0')}` };
      case 'views.open': {
        const issued = this.#triggers.get(String(body.trigger_id));
        if (issued === undefined || Date.now() - issued > 3_000)
          return { ok: false, error: 'expired_trigger_id' };
        return { ok: true, view: { id: `V${++this.#seq}`, ...(body.view as object) } };
      }
      case 'apps.connections.open':
        return { ok: true, url: `ws://127.0.0.1:${this.port}/socket` };
      case 'files.getUploadURLExternal': {
        const id = `F${++this.#seq}`;
        return { ok: true, file_id: id, upload_url: `http://127.0.0.1:${this.port}/upload/${id}` };
      }
      case 'files.completeUploadExternal': {
        const files = JSON.parse(String(body.files ?? '[]')) as { id: string; title?: string }[];
        const missing = files.find((f) => !this.uploads.has(f.id));
        if (missing) return { ok: false, error: 'file_not_found' };
        return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title ?? '' })) };
      }
      default:
        return { ok: true };
    }
  }
}
