/**
 * The Zoho CRM connector (REST API v8): finds Accounts by name and lands each event as a Note on
 * the linked Account. Auth is Zoho's self-client OAuth: a long-lived refresh token is traded for
 * hour-long access tokens, which live only in memory.
 */
import { z } from 'zod';
import {
  type CrmAccount,
  type CrmConnector,
  type CrmConnectorOptions,
  CrmError,
  type CrmEvent,
  type CrmPushResult,
} from '../../../core/crm.js';
import { errorForThrown, makeRedactor, normalizeName, type Redact, retryAfterMs } from '../http-failures.js';

const DATA_CENTERS = ['com', 'eu', 'in', 'com.au', 'jp', 'ca', 'sa', 'com.cn', 'uk'] as const;
type DataCenter = (typeof DATA_CENTERS)[number];

export const zohoSettingsSchema = z.object({
  dataCenter: z.enum(DATA_CENTERS).default('com'),
  /** Overrides the accounts server derived from `dataCenter` (tests point it at a fake). */
  accountsUrl: z.string().url().optional(),
});

export const zohoSecretsSchema = z.object({
  clientId: z.string().trim().min(1),
  clientSecret: z.string().trim().min(1),
  refreshToken: z.string().trim().min(1),
});

export type ZohoSettings = z.output<typeof zohoSettingsSchema>;
export type ZohoSecrets = z.output<typeof zohoSecretsSchema>;

const DEFAULT_TIMEOUT_MS = 15_000;
/** Refresh this long before Zoho's stated expiry, so a token never dies mid-request. */
const EXPIRY_MARGIN_MS = 5 * 60_000;
const DEFAULT_EXPIRES_IN_S = 3600;
/** Zoho's 429 rarely carries Retry-After; its limits are per minute, so a minute is a safe guess. */
const DEFAULT_RETRY_AFTER_MS = 60_000;
const MAX_ACCOUNTS = 20;
/** v8 `equals` behaves like contains, so fetch a full page and filter exact matches here. */
const SEARCH_PAGE_SIZE = 200;
/** 401 codes a fresh access token cannot cure: the grant itself lacks the scope or permission. */
const UNREFRESHABLE_401_CODES = new Set(['OAUTH_SCOPE_MISMATCH', 'NO_PERMISSION']);

/** The accounts server for a data center; Canada is the one that does not follow the pattern. */
export function zohoAccountsUrl(settings: ZohoSettings): string {
  if (settings.accountsUrl !== undefined) return settings.accountsUrl.replace(/\/+$/, '');
  if (settings.dataCenter === 'ca') return 'https://accounts.zohocloud.ca';
  return `https://accounts.zoho.${settings.dataCenter}`;
}

/** Used only if a token answer lacks `api_domain`, which Zoho documents as always present. */
function defaultApiDomain(dataCenter: DataCenter): string {
  return `https://www.zohoapis.${dataCenter}`;
}

/**
 * Escapes a search value for Zoho's criteria syntax: `(`, `)` and `,` are structural and must be
 * backslash-escaped (docs: "Burns\,B"), and so must the backslash itself so it cannot escape them.
 */
export function escapeCriteriaValue(value: string): string {
  return value.replace(/[\\(),]/g, (c) => `\\${c}`);
}

/** Like encodeURIComponent, but also encodes `( ) ! ' *`, as Zoho's docs encode `(` as %28. */
function encodeQueryValue(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function queryString(params: Record<string, string>): string {
  return Object.entries(params)
    .map(([key, value]) => `${encodeQueryValue(key)}=${encodeQueryValue(value)}`)
    .join('&');
}

// --- Zoho's answers, parsed loosely: only what we read is checked, everything else passes through.

const tokenAnswerSchema = z.object({
  access_token: z.string().min(1).optional(),
  api_domain: z.string().url().optional(),
  expires_in: z.number().positive().optional(),
  error: z.string().optional(),
});

const apiErrorSchema = z.object({
  code: z.union([z.string(), z.number()]).optional(),
  message: z.string().optional(),
  status: z.string().optional(),
  data: z
    .array(
      z.object({
        code: z.union([z.string(), z.number()]).optional(),
        message: z.string().optional(),
        status: z.string().optional(),
      }),
    )
    .optional(),
});

const searchAnswerSchema = z.object({
  data: z.array(z.object({ id: z.union([z.string(), z.number()]), Account_Name: z.string().nullish() })),
});

const noteAnswerSchema = z.object({
  data: z
    .array(
      z.object({
        code: z.union([z.string(), z.number()]).optional(),
        message: z.string().optional(),
        status: z.string().optional(),
        details: z.object({ id: z.union([z.string(), z.number()]).optional() }).optional(),
      }),
    )
    .min(1),
});

interface AccessToken {
  value: string;
  apiDomain: string;
  expiresAt: number;
}

interface ZohoResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, or undefined for an empty body (204) or a body that is not JSON. */
  body: unknown;
}

/** Zoho's error code and message, from the top level or from the first per-record entry. */
function zohoErrorOf(body: unknown): { code: string | undefined; message: string | undefined } {
  const parsed = apiErrorSchema.safeParse(body);
  if (!parsed.success) return { code: undefined, message: undefined };
  const first = parsed.data.data?.[0];
  const code = parsed.data.code ?? first?.code;
  return {
    code: code === undefined ? undefined : String(code),
    message: parsed.data.message ?? first?.message,
  };
}

/** The CrmError for a non-2xx API answer (401s reach here only after the one retry). */
function errorForApiResponse(response: ZohoResponse, what: string, now: Date, redact: Redact): CrmError {
  const { status } = response;
  const { code, message } = zohoErrorOf(response.body);
  const detail = redact(`${code ?? `HTTP ${status}`}${message ? `: ${message}` : ''}`);
  if (status === 429 || code === 'TOO_MANY_REQUESTS') {
    const wait = retryAfterMs(response.headers.get('retry-after'), now) ?? DEFAULT_RETRY_AFTER_MS;
    return new CrmError(`Zoho ${what} is rate limited (${detail}); will retry.`, {
      kind: 'transient',
      code: code ?? 'TOO_MANY_REQUESTS',
      retryAfterMs: wait,
    });
  }
  if (status >= 500) {
    return new CrmError(`Zoho ${what} failed on Zoho's side (${detail}); will retry.`, {
      kind: 'transient',
      code: code ?? `http_${status}`,
    });
  }
  if (status === 401) {
    return new CrmError(
      `Zoho refused the access token for ${what} (${detail}); an admin must reconnect Zoho.`,
      {
        kind: 'auth',
        code: code ?? 'http_401',
      },
    );
  }
  return new CrmError(`Zoho rejected ${what} (${detail}).`, {
    kind: 'permanent',
    code: code ?? `http_${status}`,
  });
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function createZohoConnector(options: CrmConnectorOptions<ZohoSettings, ZohoSecrets>): CrmConnector {
  const { settings, secrets, now } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const accountsUrl = zohoAccountsUrl(settings);
  let cached: AccessToken | undefined;
  let refreshing: Promise<AccessToken> | undefined;
  const seenTokens: string[] = [];
  const redact = makeRedactor([secrets.clientSecret, secrets.refreshToken], () => seenTokens);

  async function send(url: string, init: RequestInit, what: string): Promise<ZohoResponse> {
    let response: Response;
    try {
      response = await options.fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw errorForThrown(error, `Zoho ${what}`);
    }
    try {
      return { status: response.status, headers: response.headers, body: await readBody(response) };
    } catch (error) {
      // The body stream can still time out or break after the headers arrived.
      throw errorForThrown(error, `Zoho ${what}`);
    }
  }

  async function requestToken(): Promise<AccessToken> {
    // Zoho documents these as query parameters, but accepts a form body too; the body keeps the
    // refresh token and client secret out of URLs that proxies and access logs record.
    const form = new URLSearchParams({
      refresh_token: secrets.refreshToken,
      client_id: secrets.clientId,
      client_secret: secrets.clientSecret,
      grant_type: 'refresh_token',
    });
    const response = await send(
      `${accountsUrl}/oauth/v2/token`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      },
      'accounts server',
    );
    return tokenFromResponse(response);
  }

  function tokenFromResponse(response: ZohoResponse): AccessToken {
    if (response.status === 429 || response.status >= 500) {
      throw errorForApiResponse(response, 'accounts server', now(), redact);
    }
    const parsed = tokenAnswerSchema.safeParse(response.body);
    const answer = parsed.success ? parsed.data : undefined;
    const error = answer?.error;
    if (error !== undefined) throw tokenError(error);
    if (answer?.access_token === undefined || response.status >= 300) {
      // Neither a token nor a documented error: something between us and Zoho answered instead.
      throw new CrmError(`Zoho accounts server gave no access token (HTTP ${response.status}); will retry.`, {
        kind: 'transient',
        code: `http_${response.status}`,
      });
    }
    // Remember recent tokens only: an older one can no longer appear in any answer worth redacting.
    seenTokens.push(answer.access_token);
    if (seenTokens.length > 5) seenTokens.shift();
    const lifetimeMs = (answer.expires_in ?? DEFAULT_EXPIRES_IN_S) * 1000;
    return {
      value: answer.access_token,
      apiDomain: (answer.api_domain ?? defaultApiDomain(settings.dataCenter)).replace(/\/+$/, ''),
      expiresAt: now().getTime() + lifetimeMs - EXPIRY_MARGIN_MS,
    };
  }

  function tokenError(error: string): CrmError {
    // Zoho answers throttled refreshes with "Access Denied" and a "too many requests" description.
    if (error === 'Access Denied') {
      return new CrmError('Zoho accounts server is throttling token refreshes; will retry.', {
        kind: 'transient',
        code: error,
        retryAfterMs: DEFAULT_RETRY_AFTER_MS,
      });
    }
    // invalid_code (refresh token revoked or expired), invalid_client (wrong id or secret) and any
    // other refusal: no retry can fix the credentials, so stop until an admin reconnects.
    return new CrmError(
      `Zoho accounts server refused the credentials (${redact(error)}); an admin must reconnect Zoho.`,
      {
        kind: 'auth',
        code: redact(error),
      },
    );
  }

  /** The current access token; concurrent callers share one in-flight refresh. */
  function accessToken(): Promise<AccessToken> {
    if (cached !== undefined && now().getTime() < cached.expiresAt) return Promise.resolve(cached);
    refreshing ??= requestToken()
      .then((token) => {
        cached = token;
        return token;
      })
      .finally(() => {
        refreshing = undefined;
      });
    return refreshing;
  }

  /** Forgets `token` unless a concurrent call has already replaced it with a fresh one. */
  function invalidate(token: AccessToken): void {
    if (cached === token) cached = undefined;
  }

  function callWith(token: AccessToken, method: string, path: string, body: unknown, what: string) {
    const headers: Record<string, string> = { authorization: `Zoho-oauthtoken ${token.value}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const init: RequestInit = { method, headers };
    if (body !== undefined) init.body = JSON.stringify(body);
    return send(`${token.apiDomain}/crm/v8${path}`, init, what);
  }

  /**
   * One API call, retried once with a fresh token after a 401: the access token may have been
   * revoked or expired early, and a 401 means Zoho did nothing, so even a POST is safe to repeat.
   */
  async function api(method: string, path: string, body: unknown, what: string): Promise<ZohoResponse> {
    const first = await accessToken();
    let response = await callWith(first, method, path, body, what);
    if (response.status === 401 && !UNREFRESHABLE_401_CODES.has(zohoErrorOf(response.body).code ?? '')) {
      invalidate(first);
      response = await callWith(await accessToken(), method, path, body, what);
    }
    return response;
  }

  async function findAccounts(name: string): Promise<CrmAccount[]> {
    const wanted = normalizeName(name);
    if (wanted === '') return [];
    const query = queryString({
      criteria: `(Account_Name:equals:${escapeCriteriaValue(name.trim())})`,
      fields: 'Account_Name',
      per_page: String(SEARCH_PAGE_SIZE),
    });
    const what = 'account search';
    const response = await api('GET', `/Accounts/search?${query}`, undefined, what);
    if (response.status === 204) return [];
    if (response.status < 200 || response.status >= 300)
      throw errorForApiResponse(response, what, now(), redact);
    const parsed = searchAnswerSchema.safeParse(response.body);
    if (!parsed.success) {
      throw new CrmError('Zoho account search answered in an unexpected shape; will retry.', {
        kind: 'transient',
        code: 'unexpected_response',
      });
    }
    return parsed.data.data
      .filter((record) => normalizeName(record.Account_Name ?? '') === wanted)
      .slice(0, MAX_ACCOUNTS)
      .map((record) => ({ id: String(record.id), name: record.Account_Name ?? '' }));
  }

  async function push(event: CrmEvent): Promise<CrmPushResult> {
    const what = `note for ${event.id}`;
    if (event.accountId.trim() === '') {
      throw new CrmError(`Zoho ${what}: the customer is not linked to a Zoho account.`, {
        kind: 'permanent',
        code: 'no_account',
      });
    }
    const note = {
      Note_Title: event.title,
      Note_Content: event.body,
      Parent_Id: { module: { api_name: 'Accounts' }, id: event.accountId },
    };
    const response = await api('POST', '/Notes', { data: [note] }, what);
    return noteResult(response, what);
  }

  function noteResult(response: ZohoResponse, what: string): CrmPushResult {
    const parsed = noteAnswerSchema.safeParse(response.body);
    const record = parsed.success ? parsed.data.data[0] : undefined;
    // Zoho reports a rejected record (deleted account, bad field) inside `data`, with 400 or 2xx.
    if (record?.status === 'error' && response.status < 500 && response.status !== 429) {
      const code = record.code === undefined ? 'error' : String(record.code);
      const detail = redact(`${code}${record.message ? `: ${record.message}` : ''}`);
      throw new CrmError(`Zoho rejected the ${what} (${detail}).`, { kind: 'permanent', code });
    }
    if (response.status < 200 || response.status >= 300)
      throw errorForApiResponse(response, what, now(), redact);
    // A 2xx we cannot read most likely created the note anyway; retrying would post it twice.
    const id = record?.details?.id;
    return { remoteId: id === undefined ? undefined : String(id) };
  }

  return { kind: 'zoho', findAccounts, push };
}
