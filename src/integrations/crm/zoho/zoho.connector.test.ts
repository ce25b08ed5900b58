import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeZoho, startFakeZoho } from '../../../../test/fakes/fake-zoho.js';
import { type CrmConnector, CrmError, type CrmEvent, type Fetch } from '../../../core/crm.js';
import {
  createZohoConnector,
  escapeCriteriaValue,
  type ZohoSecrets,
  zohoAccountsUrl,
  zohoSecretsSchema,
  zohoSettingsSchema,
} from './zoho.connector.js';

const START = Date.parse('2025-03-03T09:00:00Z');
const MINUTE = 60_000;

let fake: FakeZoho;
let nowMs = START;
const now = (): Date => new Date(nowMs);

beforeEach(async () => {
  nowMs = START;
  fake = await startFakeZoho();
});

afterEach(async () => {
  await fake.close();
});

function secretsOf(z: FakeZoho): ZohoSecrets {
  return { clientId: z.clientId, clientSecret: z.clientSecret, refreshToken: z.refreshToken };
}

function connector(overrides: { fetch?: Fetch; secrets?: Partial<ZohoSecrets>; timeoutMs?: number } = {}) {
  return createZohoConnector({
    settings: zohoSettingsSchema.parse({ accountsUrl: fake.url }),
    secrets: { ...secretsOf(fake), ...overrides.secrets },
    fetch: overrides.fetch ?? fetch,
    now,
    ...(overrides.timeoutMs === undefined ? {} : { timeoutMs: overrides.timeoutMs }),
  });
}

function event(overrides: Partial<CrmEvent> = {}): CrmEvent {
  return {
    id: 'fb:42:created',
    type: 'feedback.created',
    occurredAt: '2025-03-03T08:59:00Z',
    accountId: '5725767000000100001',
    customer: 'Acme',
    title: 'Feedback #42: export is slow',
    body: 'Exports over 10k rows take minutes.\nReported by Mei in #acme.',
    data: { feedbackId: 42 },
    ...overrides,
  };
}

async function caught(promise: Promise<unknown>): Promise<CrmError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof CrmError)) throw new Error(`expected a CrmError, got ${String(error)}`);
  return error;
}

function seedAcme(): void {
  fake.accounts = [{ id: '5725767000000100001', name: 'Acme' }];
}

describe('Zoho connector: schemas', () => {
  it('defaults the data center to com and trims secrets', () => {
    expect(zohoSettingsSchema.parse({})).toEqual({ dataCenter: 'com' });
    expect(zohoSecretsSchema.parse({ clientId: ' id ', clientSecret: 's', refreshToken: 'r' }).clientId).toBe(
      'id',
    );
    expect(
      zohoSecretsSchema.safeParse({ clientId: '  ', clientSecret: 's', refreshToken: 'r' }).success,
    ).toBe(false);
    expect(zohoSettingsSchema.safeParse({ dataCenter: 'mars' }).success).toBe(false);
  });

  it('derives the accounts server from the data center, Canada included', () => {
    expect(zohoAccountsUrl(zohoSettingsSchema.parse({}))).toBe('https://accounts.zoho.com');
    expect(zohoAccountsUrl(zohoSettingsSchema.parse({ dataCenter: 'eu' }))).toBe('https://accounts.zoho.eu');
    expect(zohoAccountsUrl(zohoSettingsSchema.parse({ dataCenter: 'ca' }))).toBe(
      'https://accounts.zohocloud.ca',
    );
    expect(zohoAccountsUrl(zohoSettingsSchema.parse({ accountsUrl: 'http://127.0.0.1:9/' }))).toBe(
      'http://127.0.0.1:9',
    );
  });

  it('escapes the criteria syntax characters and the backslash', () => {
    expect(escapeCriteriaValue('Acme (Asia), Ltd')).toBe('Acme \\(Asia\\)\\, Ltd');
    expect(escapeCriteriaValue('a\\b')).toBe('a\\\\b');
    expect(escapeCriteriaValue('华星科技（上海）有限公司')).toBe('华星科技（上海）有限公司');
  });
});

describe('Zoho connector: access token', () => {
  it('fetches the token once, reuses it, and refreshes it when the hour is nearly up', async () => {
    seedAcme();
    const crm = connector();
    await crm.findAccounts('Acme');
    await crm.push(event());
    nowMs += 50 * MINUTE;
    await crm.findAccounts('Acme');
    expect(fake.tokenRequests).toBe(1);
    const [firstToken] = fake.issuedTokens;
    for (const req of fake.requestsTo('/crm/'))
      expect(req.headers.authorization).toBe(`Zoho-oauthtoken ${firstToken}`);

    nowMs += 6 * MINUTE; // 56 minutes in: within the 5-minute margin before expiry
    await crm.findAccounts('Acme');
    expect(fake.tokenRequests).toBe(2);
    expect(fake.requestsTo('search').at(-1)?.headers.authorization).toBe(
      `Zoho-oauthtoken ${fake.issuedTokens[1]}`,
    );
  });

  it('sends the grant in a form body, keeping secrets out of the URL', async () => {
    await connector().findAccounts('Acme');
    const [tokenReq] = fake.requestsTo('token');
    expect(tokenReq?.method).toBe('POST');
    expect(tokenReq?.url).toBe('/oauth/v2/token');
    expect(Object.fromEntries(new URLSearchParams(tokenReq?.body))).toEqual({
      refresh_token: fake.refreshToken,
      client_id: fake.clientId,
      client_secret: fake.clientSecret,
      grant_type: 'refresh_token',
    });
  });

  it('shares one in-flight refresh between concurrent calls', async () => {
    seedAcme();
    const crm = connector();
    await Promise.all([crm.findAccounts('Acme'), crm.findAccounts('Acme'), crm.push(event())]);
    expect(fake.tokenRequests).toBe(1);
  });

  it('a refused refresh token is an auth error', async () => {
    fake.revokeRefreshToken();
    const error = await caught(connector().findAccounts('Acme'));
    expect(error.kind).toBe('auth');
    expect(error.code).toBe('invalid_code');
  });

  it('a wrong client secret is an auth error', async () => {
    const error = await caught(connector({ secrets: { clientSecret: 'not-the-secret' } }).push(event()));
    expect(error.kind).toBe('auth');
    expect(error.code).toBe('invalid_client');
  });

  it('an accounts server outage is transient', async () => {
    fake.failNext('token', 1, { status: 503, body: { error: 'service unavailable' } });
    const error = await caught(connector().findAccounts('Acme'));
    expect(error.kind).toBe('transient');
  });
});

describe('Zoho connector: findAccounts', () => {
  it('finds Chinese names with full-width punctuation, exact matches only', async () => {
    fake.accounts = [
      { id: '1', name: '华星科技（上海）有限公司' },
      { id: '2', name: '华星科技（上海）有限公司北京分公司' },
      { id: '3', name: '华星科技' },
    ];
    const found = await connector().findAccounts('华星科技（上海）有限公司');
    expect(found).toEqual([{ id: '1', name: '华星科技（上海）有限公司' }]);
    const [search] = fake.requestsTo('search');
    expect(search?.query.criteria).toBe('(Account_Name:equals:华星科技（上海）有限公司)');
    // Only ASCII goes on the wire: the UTF-8 bytes are percent-encoded.
    expect(search?.url).toMatch(/^[\x21-\x7e]+$/);
    expect(search?.query.fields).toBe('Account_Name');
  });

  it('escapes ( ) and , so Zoho parses the name as one value', async () => {
    fake.accounts = [
      { id: '1', name: 'Acme (Asia), Ltd' },
      { id: '2', name: 'Acme (Asia), Ltd. Shanghai Branch' },
      { id: '3', name: 'ACME (ASIA), LTD' },
    ];
    const found = await connector().findAccounts('Acme (Asia), Ltd');
    expect(found.map((a) => a.id)).toEqual(['1', '3']);
    const [search] = fake.requestsTo('search');
    expect(search?.query.criteria).toBe('(Account_Name:equals:Acme \\(Asia\\)\\, Ltd)');
    expect(search?.url).toContain('Acme%20%5C%28Asia%5C%29%5C%2C%20Ltd');
  });

  it('filters out the contains-like hits of v8 equals', async () => {
    fake.accounts = [
      { id: '1', name: 'Acme' },
      { id: '2', name: 'Acme Holdings' },
      { id: '3', name: 'Big Acme' },
      { id: '4', name: ' acme ' },
    ];
    const found = await connector().findAccounts('  ACME ');
    expect(found.map((a) => a.id)).toEqual(['1', '4']);
  });

  it('keeps a backslash in a name intact', async () => {
    fake.accounts = [{ id: '7', name: 'Foo\\Bar' }];
    expect(await connector().findAccounts('Foo\\Bar')).toEqual([{ id: '7', name: 'Foo\\Bar' }]);
  });

  it('returns [] on 204 No Content', async () => {
    fake.accounts = [{ id: '1', name: 'Acme' }];
    expect(await connector().findAccounts('Globex')).toEqual([]);
    expect(fake.requestsTo('search')).toHaveLength(1);
  });

  it('returns [] for a blank name without calling Zoho', async () => {
    expect(await connector().findAccounts('   ')).toEqual([]);
    expect(fake.requests).toHaveLength(0);
  });

  it('returns at most 20 accounts', async () => {
    fake.accounts = Array.from({ length: 25 }, (_, i) => ({ id: String(i + 1), name: 'Acme' }));
    expect(await connector().findAccounts('Acme')).toHaveLength(20);
  });

  it('retries a search once with a fresh token after INVALID_TOKEN', async () => {
    seedAcme();
    const crm = connector();
    await crm.findAccounts('Acme');
    fake.expireTokens();
    expect(await crm.findAccounts('Acme')).toHaveLength(1);
    expect(fake.tokenRequests).toBe(2);
    expect(fake.requestsTo('search')).toHaveLength(3);
  });
});

describe('Zoho connector: push', () => {
  it('creates exactly one note on the account and returns its id', async () => {
    seedAcme();
    const result = await connector().push(event());
    expect(fake.notes).toHaveLength(1);
    const [note] = fake.notes;
    expect(note).toMatchObject({
      parentId: '5725767000000100001',
      module: 'Accounts',
      title: 'Feedback #42: export is slow',
      content: 'Exports over 10k rows take minutes.\nReported by Mei in #acme.',
    });
    expect(result.remoteId).toBe(note?.id);
    const [post] = fake.requestsTo('notes');
    expect(post?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(post?.body ?? '')).toEqual({
      data: [
        {
          Note_Title: 'Feedback #42: export is slow',
          Note_Content: 'Exports over 10k rows take minutes.\nReported by Mei in #acme.',
          Parent_Id: { module: { api_name: 'Accounts' }, id: '5725767000000100001' },
        },
      ],
    });
  });

  it('after an expired token: one refresh, one retry, exactly one note', async () => {
    seedAcme();
    const crm = connector();
    await crm.findAccounts('Acme');
    fake.expireTokens();
    const result = await crm.push(event());
    expect(fake.tokenRequests).toBe(2);
    expect(fake.requestsTo('notes')).toHaveLength(2);
    expect(fake.notes).toHaveLength(1);
    expect(result.remoteId).toBe(fake.notes[0]?.id);
  });

  it('a second 401 after the refresh is an auth error', async () => {
    seedAcme();
    const invalid = { code: 'INVALID_TOKEN', details: {}, message: 'invalid oauth token', status: 'error' };
    fake.failNext('notes', 2, { status: 401, body: invalid });
    const error = await caught(connector().push(event()));
    expect(error.kind).toBe('auth');
    expect(error.code).toBe('INVALID_TOKEN');
    expect(fake.tokenRequests).toBe(2);
    expect(fake.requestsTo('notes')).toHaveLength(2);
    expect(fake.notes).toHaveLength(0);
  });

  it('an expired token with a revoked refresh token is an auth error', async () => {
    seedAcme();
    const crm = connector();
    await crm.push(event());
    fake.expireTokens();
    fake.revokeRefreshToken();
    const error = await caught(crm.push(event({ id: 'fb:42:status:1' })));
    expect(error.kind).toBe('auth');
    expect(fake.notes).toHaveLength(1);
  });

  it('a scope mismatch is an auth error without a pointless refresh', async () => {
    seedAcme();
    fake.failNext('notes', 1, {
      status: 401,
      body: {
        code: 'OAUTH_SCOPE_MISMATCH',
        details: {},
        message: 'invalid oauth scope to access this URL',
        status: 'error',
      },
    });
    const error = await caught(connector().push(event()));
    expect(error.kind).toBe('auth');
    expect(fake.tokenRequests).toBe(1);
  });

  it('a 500 is transient', async () => {
    seedAcme();
    fake.failNext('notes', 1, {
      status: 500,
      body: { code: 'INTERNAL_ERROR', message: 'Internal Server Error', status: 'error' },
    });
    const error = await caught(connector().push(event()));
    expect(error.kind).toBe('transient');
    expect(error.code).toBe('INTERNAL_ERROR');
    expect(fake.notes).toHaveLength(0);
  });

  it('a 429 with Retry-After is transient and says when to come back', async () => {
    seedAcme();
    const body = { code: 'TOO_MANY_REQUESTS', details: {}, message: 'too many requests', status: 'error' };
    fake.failNext('notes', 1, { status: 429, body, headers: { 'retry-after': '42' } });
    const error = await caught(connector().push(event()));
    expect(error.kind).toBe('transient');
    expect(error.code).toBe('TOO_MANY_REQUESTS');
    expect(error.retryAfterMs).toBe(42_000);
  });

  it('a 429 without Retry-After waits a minute', async () => {
    seedAcme();
    fake.failNext('search', 1, { status: 429, body: { code: 'TOO_MANY_REQUESTS', status: 'error' } });
    const error = await caught(connector().findAccounts('Acme'));
    expect(error.kind).toBe('transient');
    expect(error.retryAfterMs).toBe(60_000);
  });

  it('an unknown (deleted) account is permanent', async () => {
    seedAcme();
    const error = await caught(connector().push(event({ accountId: '5725767000000999999' })));
    expect(error.kind).toBe('permanent');
    expect(error.code).toBe('INVALID_DATA');
    expect(fake.notes).toHaveLength(0);
  });

  it('an unlinked customer is permanent without calling Zoho', async () => {
    const error = await caught(connector().push(event({ accountId: '' })));
    expect(error.kind).toBe('permanent');
    expect(fake.requests).toHaveLength(0);
  });

  it('other 4xx answers are permanent', async () => {
    seedAcme();
    fake.failNext('notes', 1, {
      status: 403,
      body: { code: 'NO_PERMISSION', details: {}, message: 'permission denied', status: 'error' },
    });
    const error = await caught(connector().push(event()));
    expect(error.kind).toBe('permanent');
    expect(error.code).toBe('NO_PERMISSION');
  });

  it('a dropped connection is transient', async () => {
    seedAcme();
    fake.failNext('notes', 1, { hangUp: true });
    const error = await caught(connector().push(event()));
    expect(error.kind).toBe('transient');
  });

  it('a timeout is transient, and every request carries an abort signal', async () => {
    const signals: (AbortSignal | null | undefined)[] = [];
    const timingOut: Fetch = async (_input, init) => {
      signals.push(init?.signal);
      throw new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    };
    const error = await caught(connector({ fetch: timingOut, timeoutMs: 1000 }).findAccounts('Acme'));
    expect(error.kind).toBe('transient');
    expect(error.code).toBe('timeout');
    expect(signals[0]).toBeInstanceOf(AbortSignal);
  });
});

describe('Zoho connector: data centers', () => {
  /**
   * Records every URL the connector asks for and answers from the fake: the real Zoho host `from`
   * is rewritten to the fake, and the fake's own URL (the api_domain it hands out) passes through.
   */
  function redirectingFetch(from: string, seen: string[]): Fetch {
    return (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      seen.push(url);
      if (url.startsWith(fake.url)) return fetch(url, init);
      if (!url.startsWith(from)) throw new Error(`unexpected host: ${url}`);
      return fetch(fake.url + url.slice(from.length), init);
    };
  }

  it('without accountsUrl, com.cn refreshes at accounts.zoho.com.cn and uses the returned api_domain', async () => {
    seedAcme();
    const seen: string[] = [];
    const crm: CrmConnector = createZohoConnector({
      settings: zohoSettingsSchema.parse({ dataCenter: 'com.cn' }),
      secrets: secretsOf(fake),
      fetch: redirectingFetch('https://accounts.zoho.com.cn', seen),
      now,
    });
    await crm.findAccounts('Acme');
    expect(seen[0]).toBe('https://accounts.zoho.com.cn/oauth/v2/token');
    expect(seen[1]?.startsWith(`${fake.url}/crm/v8/Accounts/search?`)).toBe(true);
  });

  it('ca goes to accounts.zohocloud.ca', async () => {
    const seen: string[] = [];
    const crm = createZohoConnector({
      settings: zohoSettingsSchema.parse({ dataCenter: 'ca' }),
      secrets: secretsOf(fake),
      fetch: redirectingFetch('https://accounts.zohocloud.ca', seen),
      now,
    });
    fake.revokeRefreshToken();
    await caught(crm.findAccounts('Acme'));
    expect(seen).toEqual(['https://accounts.zohocloud.ca/oauth/v2/token']);
  });
});

describe('Zoho connector: secrets stay out of errors', () => {
  it('no client secret, refresh token or access token appears in any error message', async () => {
    seedAcme();
    const crm = connector();
    await crm.findAccounts('Acme'); // obtain an access token the fake can echo back
    const token = fake.issuedTokens[0] ?? '';
    const echo = `bad ${token} ${fake.refreshToken} ${fake.clientSecret}`;
    const errors: CrmError[] = [];

    fake.failNext('notes', 1, {
      status: 500,
      body: { code: 'INTERNAL_ERROR', message: echo, status: 'error' },
    });
    errors.push(await caught(crm.push(event())));
    fake.failNext('notes', 1, {
      status: 400,
      body: { data: [{ code: 'INVALID_DATA', message: echo, status: 'error' }] },
    });
    errors.push(await caught(crm.push(event())));
    fake.failNext('search', 1, { status: 429, body: { code: 'TOO_MANY_REQUESTS', message: echo } });
    errors.push(await caught(crm.findAccounts('Acme')));
    fake.failNext('notes', 2, { status: 401, body: { code: 'INVALID_TOKEN', message: echo } });
    errors.push(await caught(crm.push(event())));
    fake.failNext('token', 1, { status: 200, body: { error: `invalid_code ${fake.refreshToken}` } });
    fake.expireTokens();
    errors.push(await caught(crm.push(event())));
    fake.failNext('notes', 1, { hangUp: true });
    errors.push(await caught(crm.push(event())));
    fake.revokeRefreshToken();
    errors.push(await caught(connector().findAccounts('Acme')));
    errors.push(
      await caught(connector({ secrets: { clientSecret: 'wrong-secret-value' } }).findAccounts('Acme')),
    );

    expect(errors).toHaveLength(8);
    const secrets = [fake.clientSecret, fake.refreshToken, 'wrong-secret-value', ...fake.issuedTokens];
    for (const error of errors) {
      for (const secret of secrets) {
        expect(error.message).not.toContain(secret);
        expect(String(error.code)).not.toContain(secret);
      }
    }
  });
});
