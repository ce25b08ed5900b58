import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeFxiaoke, startFakeFxiaoke } from '../../../../test/fakes/fake-fxiaoke.js';
import { CrmError, type CrmEvent, type Fetch } from '../../../core/crm.js';
import {
  classifyFxiaokeError,
  createFxiaokeConnector,
  fxiaokeSecretsSchema,
  fxiaokeSettingsSchema,
} from './fxiaoke.connector.js';

const START = Date.parse('2025-06-02T02:00:00Z'); // 10:00 in Shanghai
const ACCOUNT_ID = '65f0a1b2c3d4e5f600000001';

let fake: FakeFxiaoke;
let nowMs: number;
const now = (): Date => new Date(nowMs);
const advance = (ms: number): void => {
  nowMs += ms;
};

function connector(overrides: { fetch?: Fetch; secrets?: Partial<FakeFxiaoke['secrets']> } = {}) {
  return createFxiaokeConnector({
    settings: fxiaokeSettingsSchema.parse({ baseUrl: fake.url }),
    secrets: fxiaokeSecretsSchema.parse({ ...fake.secrets, ...overrides.secrets }),
    fetch: overrides.fetch ?? fetch,
    now,
  });
}

function event(overrides: Partial<CrmEvent> = {}): CrmEvent {
  return {
    id: 'fb:42:created',
    type: 'feedback.created',
    occurredAt: '2025-06-02T01:59:00Z',
    accountId: ACCOUNT_ID,
    customer: '华星科技（上海）有限公司',
    title: 'New feedback #42',
    body: 'Export times out for large reports.',
    data: { feedbackId: 42 },
    ...overrides,
  };
}

/** Runs `action`, expecting a CrmError, and returns it. */
async function crmErrorOf(action: Promise<unknown>): Promise<CrmError> {
  const error = await action.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CrmError);
  return error as CrmError;
}

beforeEach(async () => {
  nowMs = START;
  fake = await startFakeFxiaoke({ now });
});

afterEach(async () => {
  await fake.close();
});

describe('schemas', () => {
  it('defaults the base URL and trims secrets', () => {
    expect(fxiaokeSettingsSchema.parse({}).baseUrl).toBe('https://open.fxiaoke.com');
    const secrets = fxiaokeSecretsSchema.parse({ ...fake.secrets, appId: `  ${fake.appId} ` });
    expect(secrets.appId).toBe(fake.appId);
    expect(fxiaokeSecretsSchema.safeParse({ ...fake.secrets, currentOpenUserId: '   ' }).success).toBe(false);
  });
});

describe('corpAccessToken', () => {
  it('is fetched once and reused, also by concurrent calls', async () => {
    const c = connector();
    await Promise.all([
      c.findAccounts('Acme Robotics'),
      c.push(event()),
      c.findAccounts('北京云帆数据有限公司'),
    ]);
    await c.push(event({ id: 'fb:42:status:1' }));
    expect(fake.tokenRequests).toBe(1);
    const [token] = fake.requestsTo('token');
    expect(token?.body).toEqual({
      appId: fake.appId,
      appSecret: fake.appSecret,
      permanentCode: fake.permanentCode,
    });
    for (const request of fake.requests) {
      expect(request.thirdTraceId).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('is refreshed 10 minutes before it expires, not earlier', async () => {
    const c = connector();
    await c.findAccounts('Acme Robotics');
    advance(6599 * 1000);
    await c.findAccounts('Acme Robotics');
    expect(fake.tokenRequests).toBe(1);

    advance(2 * 1000); // 6601 s: inside Fxiaoke's window for handing out a new token
    await c.findAccounts('Acme Robotics');
    expect(fake.tokenRequests).toBe(2);
    expect(fake.issuedTokens).toHaveLength(2);
    const [first, second] = fake.issuedTokens;
    const used = fake.requestsTo('query').map((r) => r.body.corpAccessToken);
    expect(used).toEqual([first, first, second]);
  });
});

describe('push', () => {
  it('creates exactly one sales record related to the account, with flows off', async () => {
    const result = await connector().push(event());
    expect(fake.records).toHaveLength(1);
    const [record] = fake.records;
    expect(result).toEqual({ remoteId: record?._id });
    expect(record?.accountIds).toEqual([ACCOUNT_ID]);
    expect(record?.relatedApiNames).toEqual(['AccountObj']);
    expect(record?.content).toBe('New feedback #42\nExport times out for large reports.');
    expect(record?.triggerApprovalFlow).toBe(false);
    expect(record?.triggerWorkFlow).toBe(false);
    expect(record?.createdBy).toBe(fake.openUserId);
    const [create] = fake.requestsTo('create');
    expect(create?.body).toMatchObject({ corpId: fake.corpId, currentOpenUserId: fake.openUserId });
  });

  it('keeps Chinese text and full-width punctuation intact', async () => {
    const title = '客户反馈：导出报表超时（第42号）';
    const body = '“大报表”导出需要５分钟以上，客户希望本周内修复！？——张伟；附：截图。';
    await connector().push(event({ title, body }));
    expect(fake.records[0]?.content).toBe(`${title}\n${body}`);
  });

  it('answers an unknown account as permanent, without creating anything', async () => {
    const error = await crmErrorOf(connector().push(event({ accountId: '65f0a1b2c3d4e5f6ffffffff' })));
    expect(error.kind).toBe('permanent');
    expect(error.code).toBe('15002');
    expect(fake.records).toHaveLength(0);
  });

  it('refuses an event with no linked account without calling Fxiaoke', async () => {
    const error = await crmErrorOf(connector().push(event({ accountId: ' ' })));
    expect(error.kind).toBe('permanent');
    expect(fake.requests).toHaveLength(0);
  });
});

describe('expired tokens', () => {
  it('refreshes once and retries once, creating exactly one record', async () => {
    const c = connector();
    await c.findAccounts('Acme Robotics');
    fake.expireTokens();
    const result = await c.push(event());
    expect(fake.tokenRequests).toBe(2);
    expect(fake.requestsTo('create').map((r) => r.answered)).toEqual([20016, 0]);
    expect(fake.records).toHaveLength(1);
    expect(result.remoteId).toBe(fake.records[0]?._id);
  });

  // A token just issued that is called expired again is Fxiaoke-side trouble: the token endpoint
  // has just proven the credentials good, so stopping the workspace for an admin would not help.
  it('is transient when the fresh token is also called expired', async () => {
    const c = connector();
    await c.findAccounts('Acme Robotics');
    fake.failNext('create', 2, { errorCode: 20016, errorMessage: 'corpAccessToken不存在或者已经过期' });
    const error = await crmErrorOf(c.push(event()));
    expect(error.kind).toBe('transient');
    expect(error.code).toBe('20016');
    expect(fake.requestsTo('create')).toHaveLength(2);
    expect(fake.tokenRequests).toBe(2);
    expect(fake.records).toHaveLength(0);
  });
});

describe('failures', () => {
  it('is auth when the app has been revoked', async () => {
    const c = connector();
    await c.findAccounts('Acme Robotics');
    fake.revokeApp();
    const error = await crmErrorOf(c.push(event()));
    expect(error.kind).toBe('auth');
    expect(error.code).toBe('20006');
    expect(fake.records).toHaveLength(0);
  });

  it('is auth for a wrong permanent code, and for a wrong secret answered with a parameter code', async () => {
    const wrongCode = await crmErrorOf(connector({ secrets: { permanentCode: 'WRONG' } }).push(event()));
    expect(wrongCode).toMatchObject({ kind: 'auth', code: '20015' });
    // Fxiaoke has been seen answering a bad appSecret with 10006 ("missing parameter").
    fake.failNext('token', 1, { errorCode: 10006, errorMessage: '缺少参数scope' });
    const probed = await crmErrorOf(connector().push(event()));
    expect(probed).toMatchObject({ kind: 'auth', code: '10006' });
  });

  it('is transient when Fxiaoke is busy', async () => {
    fake.failNext('create', 1, { errorCode: -1, errorMessage: '系统繁忙' });
    const error = await crmErrorOf(connector().push(event()));
    expect(error).toMatchObject({ kind: 'transient', code: '-1' });
    expect(fake.records).toHaveLength(0);
  });

  it('waits for the daily quota to reset at midnight China time', async () => {
    fake.failNext('query', 1, { errorCode: 30002, errorMessage: '当天访问频次超限（0点重新统计）' });
    const error = await crmErrorOf(connector().findAccounts('Acme Robotics'));
    expect(error).toMatchObject({ kind: 'transient', code: '30002', retryAfterMs: 14 * 3600_000 });
  });

  it('is transient for an HTTP 502 from the gateway', async () => {
    fake.failNext('create', 1, { httpStatus: 502 });
    const error = await crmErrorOf(connector().push(event()));
    expect(error).toMatchObject({ kind: 'transient', code: 'HTTP 502' });
  });

  it('is auth when the base URL redirects (not the open API gateway)', async () => {
    fake.failNext('token', 1, { httpStatus: 302 });
    const error = await crmErrorOf(connector().findAccounts('Acme Robotics'));
    expect(error).toMatchObject({ kind: 'auth', code: 'HTTP 302' });
  });

  it('is transient when the token endpoint is down', async () => {
    fake.failNext('token', 1, { httpStatus: 503 });
    const error = await crmErrorOf(connector().findAccounts('Acme Robotics'));
    expect(error.kind).toBe('transient');
  });

  it('is transient on a timeout, and passes a timeout signal to fetch', async () => {
    let signal: AbortSignal | null | undefined;
    const timingOut: Fetch = (_input, init) => {
      signal = init?.signal;
      return Promise.reject(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    };
    const error = await crmErrorOf(connector({ fetch: timingOut }).findAccounts('Acme Robotics'));
    expect(error).toMatchObject({ kind: 'transient', code: 'timeout' });
    expect(signal).toBeInstanceOf(AbortSignal);
  });

  it('is transient when Fxiaoke cannot be reached', async () => {
    const c = connector();
    await fake.close();
    const error = await crmErrorOf(c.findAccounts('Acme Robotics'));
    expect(error.kind).toBe('transient');
    fake = await startFakeFxiaoke({ now });
  });
});

describe('findAccounts', () => {
  it('finds a Chinese company name with full-width brackets', async () => {
    const accounts = await connector().findAccounts('华星科技（上海）有限公司');
    expect(accounts).toEqual([{ id: ACCOUNT_ID, name: '华星科技（上海）有限公司' }]);
    const [query] = fake.requestsTo('query');
    expect(query?.body.data).toMatchObject({
      dataObjectApiName: 'AccountObj',
      search_query_info: {
        limit: 20,
        offset: 0,
        filters: [{ field_name: 'name', field_values: ['华星科技（上海）有限公司'], operator: 'EQ' }],
      },
    });
  });

  it('keeps only exact matches, ignoring case and surrounding space', async () => {
    fake.looseNameSearch = true;
    const c = connector();
    expect(await c.findAccounts('  华星科技（上海）有限公司 ')).toEqual([
      { id: ACCOUNT_ID, name: '华星科技（上海）有限公司' },
    ]);
    expect(await c.findAccounts('acme robotics')).toEqual([
      { id: '65f0a1b2c3d4e5f600000003', name: 'Acme Robotics' },
    ]);
    expect(await c.findAccounts('华星科技')).toEqual([]);
  });

  it('answers [] for an unknown or empty name', async () => {
    const c = connector();
    expect(await c.findAccounts('不存在的公司')).toEqual([]);
    expect(await c.findAccounts('   ')).toEqual([]);
    expect(fake.requestsTo('query')).toHaveLength(1);
  });

  it('returns at most 20 accounts', async () => {
    fake.accounts.push(...Array.from({ length: 30 }, (_, i) => ({ _id: `dup-${i}`, name: 'Same Name Ltd' })));
    expect(await connector().findAccounts('Same Name Ltd')).toHaveLength(20);
  });
});

describe('classifyFxiaokeError', () => {
  it.each([
    [20016, 'corpAccessToken不存在或者已经过期', 'transient'],
    [11014, '参数corpAccessToken不合法', 'transient'],
    [-1, '系统繁忙', 'transient'],
    [-2, '系统错误', 'transient'],
    [14001, '接口调用超过限制', 'transient'],
    [30002, '当天访问频次超限（0点重新统计）', 'transient'],
    [30004, '秒频次超限', 'transient'],
    [50009, '服务异常，如:超时', 'transient'],
    [20006, 'appId或appSecret错误', 'auth'],
    [20015, '永久授权码错误', 'auth'],
    [11013, '参数permanentCode不合法', 'auth'],
    [20021, '在当前企业下，该app的状态为停用', 'auth'],
    [20022, '企业没有对该app授权', 'auth'],
    [20020, '应用没有获取该企业的数据的权限', 'auth'],
    [15003, 'APP没有访问权限', 'auth'],
    [20012, 'openUserId未找到', 'auth'],
    [30003, '客户没有购买openapi配额', 'auth'],
    [15002, '参数不合法', 'permanent'],
    [32000, '参数错误', 'permanent'],
    [10006, 'the request uri=[/cgi/x], apiName=[null] is not exists', 'permanent'],
    [320001401, '数据已作废或已删除', 'permanent'],
    [999999, '服务器繁忙，请稍后再试', 'transient'],
    [999998, 'upstream request timeout', 'transient'],
  ] as const)('%i %s → %s', (code, message, kind) => {
    expect(classifyFxiaokeError(code, message)).toBe(kind);
  });
});

describe('secrets', () => {
  it('never appear in an error message', async () => {
    const errors: CrmError[] = [];
    const leak = `${fake.appSecret} ${fake.permanentCode}`;
    // Fxiaoke echoing the request back in its message is the worst case.
    fake.failNext('token', 1, { errorCode: 20006, errorMessage: `appSecret错误: ${leak}` });
    errors.push(await crmErrorOf(connector().push(event())));

    const c = connector();
    await c.findAccounts('Acme Robotics');
    const token = fake.issuedTokens[0] ?? 'missing';
    fake.failNext('create', 1, {
      errorCode: 15002,
      errorMessage: `参数不合法 corpAccessToken=${token} ${leak}`,
    });
    errors.push(await crmErrorOf(c.push(event())));
    fake.failNext('query', 1, { httpStatus: 500 });
    errors.push(await crmErrorOf(c.findAccounts('Acme Robotics')));
    errors.push(await crmErrorOf(connector({ secrets: { permanentCode: 'WRONG-CODE' } }).push(event())));

    expect(errors).toHaveLength(4);
    for (const error of errors) {
      for (const secret of [fake.appSecret, fake.permanentCode, token, 'WRONG-CODE']) {
        expect(error.message).not.toContain(secret);
      }
    }
  });
});
