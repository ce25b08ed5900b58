import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local Zoho: the accounts server's refresh-token grant and the CRM REST API v8 endpoints the
 * connector uses (Accounts search, Notes insert), written from Zoho's public documentation. One
 * server plays both roles, so its `url` is both the accounts URL and the `api_domain` it hands out.
 */

export interface FakeZohoAccount {
  id: string;
  name: string;
}

export interface FakeZohoNote {
  id: string;
  parentId: string;
  module: string;
  title: string | undefined;
  content: string;
}

export interface RecordedRequest {
  method: string;
  /** The request target exactly as sent (path and still-encoded query). */
  url: string;
  path: string;
  /** Query parameters, decoded. */
  query: Record<string, string>;
  headers: Record<string, string>;
  /** The raw body text ('' when none). */
  body: string;
}

export interface ScriptedFailure {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Drop the connection without answering, as a network failure looks to the client. */
  hangUp?: boolean;
}

/** 'token' | 'search' | 'notes', a path prefix ("/crm/v8/Notes"), or any predicate. */
export type RequestMatcher =
  | 'token'
  | 'search'
  | 'notes'
  | `/${string}`
  | ((req: RecordedRequest) => boolean);

type Json = Record<string, unknown>;

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const TOKEN_PATH = '/oauth/v2/token';
const SEARCH_PATH = '/crm/v8/Accounts/search';
const NOTES_PATH = '/crm/v8/Notes';

function matches(matcher: RequestMatcher, req: RecordedRequest): boolean {
  if (typeof matcher === 'function') return matcher(req);
  if (matcher === 'token') return req.path === TOKEN_PATH;
  if (matcher === 'search') return req.path === SEARCH_PATH;
  if (matcher === 'notes') return req.path === NOTES_PATH;
  return req.path.startsWith(matcher);
}

/** Zoho's envelope for a request-level error. */
function apiError(status: number, code: string, message: string, details: Json = {}): Reply {
  return { status, body: { code, details, message, status: 'error' } };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[key] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

interface Criterion {
  field: string;
  operator: string;
  value: string;
}

/**
 * Parses one `(field:operator:value)` criterion as Zoho does: inside the value, `\x` stands for
 * `x`, and an unescaped `(`, `)` or `,` is a syntax error (the docs require escaping them).
 */
export function parseCriterion(criteria: string): Criterion | undefined {
  if (!criteria.startsWith('(') || !criteria.endsWith(')')) return undefined;
  const inner = criteria.slice(1, -1);
  const first = inner.indexOf(':');
  const second = inner.indexOf(':', first + 1);
  if (first <= 0 || second <= first + 1) return undefined;
  const raw = inner.slice(second + 1);
  let value = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charAt(i);
    if (c === '\\') {
      if (i + 1 >= raw.length) return undefined;
      value += raw.charAt(++i);
    } else if (c === '(' || c === ')' || c === ',') {
      return undefined;
    } else {
      value += c;
    }
  }
  return { field: inner.slice(0, first), operator: inner.slice(first + 1, second), value };
}

export class FakeZoho {
  readonly clientId = '1000.FAKECLIENTID0123456789';
  readonly clientSecret = 'fake-client-secret-5f3c9a1e7b2d4c8f';
  /** The one refresh token the fake accepts; `issueRefreshToken` replaces it. */
  refreshToken = '1000.fake-refresh-token.9d8c7b6a5f4e3d2c';
  /** Seed with the Accounts the search and notes endpoints know. */
  accounts: FakeZohoAccount[] = [];
  readonly notes: FakeZohoNote[] = [];
  readonly requests: RecordedRequest[] = [];
  /** Every access token ever issued, in order. */
  readonly issuedTokens: string[] = [];
  tokenRequests = 0;
  /** `expires_in` in token answers, seconds. */
  expiresIn = 3600;
  readonly #validTokens = new Set<string>();
  readonly #failures: { matcher: RequestMatcher; remaining: number; failure: ScriptedFailure }[] = [];
  #refreshTokenRevoked = false;
  #seq = 0;
  #server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      this.#handle(req, res).catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 'INTERNAL_ERROR', message: String(error), status: 'error' }));
      });
    });
    this.#server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    const server = this.#server;
    if (server === undefined) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The next `n` requests the matcher selects get `failure` instead of their normal answer. */
  failNext(matcher: RequestMatcher, n: number, failure: ScriptedFailure): void {
    this.#failures.push({ matcher, remaining: n, failure });
  }

  /** Every access token issued so far stops working (401 INVALID_TOKEN), as after expiry. */
  expireTokens(): void {
    this.#validTokens.clear();
  }

  /** The refresh token is revoked: the token endpoint answers `{ error: 'invalid_code' }`. */
  revokeRefreshToken(): void {
    this.#refreshTokenRevoked = true;
  }

  /**
   * An admin generates a new grant in the API console: a new refresh token works, every earlier
   * one stays refused.
   */
  issueRefreshToken(): string {
    this.refreshToken = `1000.fake-refresh-token.${Math.random().toString(16).slice(2, 18)}`;
    this.#refreshTokenRevoked = false;
    return this.refreshToken;
  }

  requestsTo(matcher: RequestMatcher): RecordedRequest[] {
    return this.requests.filter((req) => matches(matcher, req));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: flatHeaders(req),
      body: await readBody(req),
    };
    this.requests.push(recorded);
    if (recorded.path === TOKEN_PATH) this.tokenRequests++;
    const scripted = this.#takeFailure(recorded);
    if (scripted?.hangUp) {
      req.socket.destroy();
      return;
    }
    const reply: Reply = scripted ? { ...scripted, status: scripted.status ?? 500 } : this.#route(recorded);
    const headers: Record<string, string> = { ...reply.headers };
    if (reply.body !== undefined) headers['content-type'] ??= 'application/json;charset=UTF-8';
    res.writeHead(reply.status, headers);
    res.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
  }

  #takeFailure(req: RecordedRequest): ScriptedFailure | undefined {
    const entry = this.#failures.find((f) => f.remaining > 0 && matches(f.matcher, req));
    if (entry === undefined) return undefined;
    entry.remaining--;
    return entry.failure;
  }

  #route(req: RecordedRequest): Reply {
    if (req.path === TOKEN_PATH && req.method === 'POST') return this.#token(req);
    if (!req.path.startsWith('/crm/'))
      return apiError(
        404,
        'INVALID_URL_PATTERN',
        'Please check if the URL trying to access is a correct one',
      );
    const authFailure = this.#authenticate(req);
    if (authFailure !== undefined) return authFailure;
    if (req.path === SEARCH_PATH && req.method === 'GET') return this.#search(req);
    if (req.path === NOTES_PATH && req.method === 'POST') return this.#insertNotes(req);
    return apiError(404, 'INVALID_URL_PATTERN', 'Please check if the URL trying to access is a correct one');
  }

  /** Zoho takes the grant's parameters from the query string or a form body. */
  #token(req: RecordedRequest): Reply {
    const params = new URLSearchParams(req.query);
    if (req.headers['content-type']?.includes('application/x-www-form-urlencoded')) {
      for (const [key, value] of new URLSearchParams(req.body)) params.set(key, value);
    }
    if (params.get('grant_type') !== 'refresh_token')
      return { status: 200, body: { error: 'unsupported_grant_type' } };
    if (params.get('client_id') !== this.clientId || params.get('client_secret') !== this.clientSecret) {
      return { status: 200, body: { error: 'invalid_client' } };
    }
    // Zoho answers a bad refresh token with HTTP 200 and an error field, not a 4xx.
    if (params.get('refresh_token') !== this.refreshToken || this.#refreshTokenRevoked) {
      return { status: 200, body: { error: 'invalid_code' } };
    }
    const token = `1000.fakeaccess${++this.#seq}.${Math.random().toString(16).slice(2, 14)}`;
    this.issuedTokens.push(token);
    this.#validTokens.add(token);
    return {
      status: 200,
      body: {
        access_token: token,
        scope: 'ZohoCRM.modules.accounts.READ ZohoCRM.modules.notes.CREATE ZohoSearch.securesearch.READ',
        api_domain: this.url,
        token_type: 'Bearer',
        expires_in: this.expiresIn,
      },
    };
  }

  #authenticate(req: RecordedRequest): Reply | undefined {
    const match = /^Zoho-oauthtoken (\S+)$/.exec(req.headers.authorization ?? '');
    if (match === null) return apiError(401, 'AUTHENTICATION_FAILURE', 'Authentication failed');
    if (!this.#validTokens.has(match[1] ?? '')) return apiError(401, 'INVALID_TOKEN', 'invalid oauth token');
    return undefined;
  }

  /** v8 search: `equals` on a text field behaves like a case-insensitive contains. */
  #search(req: RecordedRequest): Reply {
    const criteria = req.query.criteria;
    if (criteria === undefined)
      return apiError(400, 'REQUIRED_PARAM_MISSING', 'One of the expected parameter is missing', {
        param: 'criteria',
      });
    const criterion = parseCriterion(criteria);
    if (criterion === undefined)
      return apiError(400, 'INVALID_QUERY', 'Invalid query formed', { reason: 'invalid criteria' });
    if (criterion.field !== 'Account_Name')
      return apiError(400, 'INVALID_QUERY', 'invalid field', { api_name: criterion.field });
    if (criterion.operator !== 'equals' && criterion.operator !== 'starts_with') {
      return apiError(400, 'INVALID_QUERY', 'invalid operator found', { operator: criterion.operator });
    }
    const needle = criterion.value.toLowerCase();
    const hits = this.accounts.filter((a) =>
      criterion.operator === 'equals'
        ? a.name.toLowerCase().includes(needle)
        : a.name.toLowerCase().startsWith(needle),
    );
    const perPage = Math.min(Number(req.query.per_page ?? 200) || 200, 200);
    const page = hits.slice(0, perPage);
    // Zoho answers an empty search with 204 and no body at all.
    if (page.length === 0) return { status: 204 };
    return {
      status: 200,
      body: {
        data: page.map((a) => ({ Account_Name: a.name, id: a.id })),
        info: { per_page: perPage, count: page.length, page: 1, more_records: hits.length > perPage },
      },
    };
  }

  #insertNotes(req: RecordedRequest): Reply {
    let parsed: unknown;
    try {
      parsed = JSON.parse(req.body);
    } catch {
      return apiError(400, 'INVALID_DATA', 'body is not a valid JSON');
    }
    const records = (parsed as { data?: unknown }).data;
    if (!Array.isArray(records) || records.length === 0) {
      return apiError(400, 'INVALID_DATA', 'invalid data', {
        expected_data_type: 'jsonarray',
        api_name: 'data',
      });
    }
    const results = records.map((record: unknown, index) => this.#insertNote(record, index));
    const failed = results.filter((r) => r.status === 'error').length;
    const status = failed === 0 ? 201 : failed === results.length ? 400 : 207;
    return { status, body: { data: results } };
  }

  /** One Notes record, v8 style: `Parent_Id: { module: { api_name }, id }` and mandatory content. */
  #insertNote(record: unknown, index: number): Json {
    const note = (typeof record === 'object' && record !== null ? record : {}) as Json;
    const path = `$.data[${index}]`;
    const content = note.Note_Content;
    if (typeof content !== 'string' || content === '') {
      return recordError('MANDATORY_NOT_FOUND', 'required field not found', {
        api_name: 'Note_Content',
        json_path: `${path}.Note_Content`,
      });
    }
    const parent = note.Parent_Id as { module?: { api_name?: unknown }; id?: unknown } | undefined;
    if (typeof parent !== 'object' || parent === null) {
      return recordError('MANDATORY_NOT_FOUND', 'required field not found', {
        api_name: 'Parent_Id',
        json_path: `${path}.Parent_Id`,
      });
    }
    const module = parent.module?.api_name;
    if (module !== 'Accounts') {
      return recordError('INVALID_DATA', 'invalid data', {
        api_name: 'module',
        json_path: `${path}.Parent_Id.module`,
      });
    }
    const parentId = typeof parent.id === 'string' ? parent.id : undefined;
    if (parentId === undefined || !this.accounts.some((a) => a.id === parentId)) {
      return recordError('INVALID_DATA', 'the related id given seems to be invalid', {
        api_name: 'Parent_Id',
        json_path: `${path}.Parent_Id.id`,
      });
    }
    const id = String(5_725_767_000_000_000_000n + BigInt(++this.#seq));
    const title = typeof note.Note_Title === 'string' ? note.Note_Title : undefined;
    this.notes.push({ id, parentId, module, title, content });
    const at = new Date().toISOString();
    const by = { name: 'Fake Admin', id: '5725767000000411001' };
    return {
      code: 'SUCCESS',
      details: { Modified_Time: at, Modified_By: by, Created_Time: at, id, Created_By: by },
      message: 'record added',
      status: 'success',
    };
  }
}

function recordError(code: string, message: string, details: Json): Json {
  return { code, details, message, status: 'error' };
}

export async function startFakeZoho(): Promise<FakeZoho> {
  const fake = new FakeZoho();
  await fake.start();
  return fake;
}
