import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local Fxiaoke (纷享销客) open API, body-parameter flavour, written from the open platform's
 * docs (developer.fxiaoke.com/openapi_v2: "Legacy Parameter Passing", global return codes, the
 * AccountObj query and ActiveRecordObj create pages). It keeps what a connector can observe:
 * - every API error is HTTP 200 with `errorCode` / `errorMessage` / `traceId`; an unknown path is
 *   errorCode 10006 and a non-POST is a plain-text 404, as the real gateway does;
 * - a corpAccessToken lives 7200 s; asking again within 6600 s of issuing returns the same token
 *   (with the remaining seconds), a new one is issued only after that;
 * - data calls check the token (20016 when unknown or expired), corpId and currentOpenUserId;
 * - create defaults `triggerApprovalFlow` / `triggerWorkFlow` to true, as the docs say, and
 *   records what was sent so tests can see the connector turned them off.
 * Codes for things the docs leave open (an unknown related record) are this fake's choice.
 */

export type FakeFxiaokeEndpoint = 'token' | 'query' | 'create';

export interface FakeFxiaokeFailure {
  /** A non-200 status makes the answer a gateway error page instead of a JSON envelope. */
  httpStatus?: number;
  errorCode?: number;
  errorMessage?: string;
}

export interface FakeFxiaokeRequest {
  method: string;
  path: string;
  endpoint: FakeFxiaokeEndpoint | 'unknown';
  thirdTraceId: string | null;
  body: Record<string, unknown>;
  /** The errorCode answered (the HTTP status for a non-200 answer). */
  answered: number;
}

export interface FakeAccount {
  _id: string;
  name: string;
}

export interface FakeRelatedObject {
  describe_api_name: string;
  id: string;
  name?: string;
}

/** A sales record (ActiveRecordObj) the fake created. */
export interface FakeActiveRecord {
  _id: string;
  content: string;
  relatedObjectData: FakeRelatedObject[];
  relatedApiNames: string[];
  /** The ids of the AccountObj records it is related to. */
  accountIds: string[];
  owner: unknown;
  createdBy: string;
  /** As sent: undefined when the request left them out (Fxiaoke then treats them as true). */
  triggerApprovalFlow: unknown;
  triggerWorkFlow: unknown;
  objectData: Record<string, unknown>;
}

interface IssuedToken {
  value: string;
  issuedAt: number;
}

interface FxAnswer {
  status: number;
  body: Record<string, unknown> | string;
}

const TOKEN_LIFETIME_S = 7200;
/** Within this age a token request returns the token already issued. */
const SAME_TOKEN_WINDOW_S = 6600;

const ENDPOINTS: Record<string, FakeFxiaokeEndpoint> = {
  '/cgi/corpAccessToken/get/V2': 'token',
  '/cgi/crm/v2/data/query': 'query',
  '/cgi/crm/v2/data/create': 'create',
};

const DEFAULT_ACCOUNTS: FakeAccount[] = [
  { _id: '65f0a1b2c3d4e5f600000001', name: '华星科技（上海）有限公司' },
  { _id: '65f0a1b2c3d4e5f600000002', name: '华星科技（上海）有限公司苏州分公司' },
  { _id: '65f0a1b2c3d4e5f600000003', name: 'Acme Robotics' },
  { _id: '65f0a1b2c3d4e5f600000004', name: '北京云帆数据有限公司' },
];

function hex(bytes: number): string {
  return randomBytes(bytes).toString('hex').toUpperCase();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function apiError(errorCode: number, errorMessage: string): FxAnswer {
  return { status: 200, body: { errorCode, errorMessage, errorDescription: errorMessage } };
}

export interface FakeFxiaokeOptions {
  /** The clock token lifetimes follow; tests pass the same one the connector gets. */
  now?: () => Date;
  accounts?: FakeAccount[];
}

export class FakeFxiaoke {
  readonly appId = 'FSAID_131f00d';
  readonly appSecret = 'fake-app-secret-5b2c0c1d9e8f4a7b';
  readonly permanentCode = 'FAKEPERMANENTCODE0123456789ABCDE';
  readonly corpId = 'FSCID_5E0F1A2B3C4D5E6F7A8B9C0D1E2F3A4B';
  /** The operator the app is allowed to act as. */
  readonly openUserId = 'FSUID_43B6C5E99623942DF0BF6E0A0B325AD1';
  readonly accounts: FakeAccount[];
  readonly records: FakeActiveRecord[] = [];
  readonly requests: FakeFxiaokeRequest[] = [];
  /** Tokens handed out, in order (a repeat answer within 6600 s is not a new entry). */
  readonly issuedTokens: string[] = [];
  /**
   * Makes name EQ behave like a contains search, standing in for a tenant whose search is looser
   * than the connector asks for, so tests can see the connector filter to exact matches itself.
   */
  looseNameSearch = false;
  readonly #now: () => Date;
  readonly #tokens = new Map<string, IssuedToken>();
  readonly #failures = new Map<FakeFxiaokeEndpoint, FakeFxiaokeFailure[]>();
  #current: IssuedToken | undefined;
  #revokedCode: number | undefined;
  #server: Server | undefined;
  #seq = 0;
  port = 0;

  constructor(options: FakeFxiaokeOptions = {}) {
    this.#now = options.now ?? (() => new Date());
    this.accounts = [...(options.accounts ?? DEFAULT_ACCOUNTS)];
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The app credentials and operator, shaped like the connector's secrets. */
  get secrets(): { appId: string; appSecret: string; permanentCode: string; currentOpenUserId: string } {
    return {
      appId: this.appId,
      appSecret: this.appSecret,
      permanentCode: this.permanentCode,
      currentOpenUserId: this.openUserId,
    };
  }

  /** Token requests received, answered or not. */
  get tokenRequests(): number {
    return this.requestsTo('token').length;
  }

  requestsTo(endpoint: FakeFxiaokeEndpoint): FakeFxiaokeRequest[] {
    return this.requests.filter((r) => r.endpoint === endpoint);
  }

  /** The next `n` requests to `endpoint` get this answer instead of being served. */
  failNext(endpoint: FakeFxiaokeEndpoint, n: number, failure: FakeFxiaokeFailure): void {
    const queued = this.#failures.get(endpoint) ?? [];
    for (let i = 0; i < n; i++) queued.push(failure);
    this.#failures.set(endpoint, queued);
  }

  /** Every token issued so far answers 20016 from now on; the next token request issues a new one. */
  expireTokens(): void {
    this.#tokens.clear();
    this.#current = undefined;
  }

  /**
   * The app's credentials stop working (secret reset, app disabled): the token endpoint answers
   * `errorCode` (20006 "appId或appSecret错误" by default) and issued tokens stop working too.
   */
  revokeApp(errorCode = 20006): void {
    this.#revokedCode = errorCode;
    this.expireTokens();
  }

  async start(): Promise<void> {
    this.#server = createServer((req, res) => {
      void this.#handle(req).then((answer) => this.#send(res, answer));
    });
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.#server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.#server?.closeAllConnections();
      this.#server?.close(() => resolve());
    });
  }

  #send(res: ServerResponse, answer: FxAnswer): void {
    if (typeof answer.body === 'string') {
      res.writeHead(answer.status, { 'content-type': 'text/html; charset=utf-8' }).end(answer.body);
      return;
    }
    const traceId = `E-O.fake.${++this.#seq}`;
    res
      .writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8' })
      .end(JSON.stringify({ traceId, ...answer.body }));
  }

  async #handle(req: IncomingMessage): Promise<FxAnswer> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(req);
    const endpoint = ENDPOINTS[url.pathname] ?? 'unknown';
    let body: Record<string, unknown> = {};
    try {
      const parsed: unknown = raw.length > 0 ? JSON.parse(raw) : {};
      if (isRecord(parsed)) body = parsed;
    } catch {
      // Logged with an empty body; the answer below says why.
    }
    const request: FakeFxiaokeRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      endpoint,
      thirdTraceId: url.searchParams.get('thirdTraceId'),
      body,
      answered: 0,
    };
    this.requests.push(request);
    const answer = this.#answer(request, raw);
    request.answered =
      answer.status !== 200 || typeof answer.body === 'string'
        ? answer.status
        : Number(answer.body.errorCode ?? 0);
    return answer;
  }

  #answer(request: FakeFxiaokeRequest, raw: string): FxAnswer {
    if (request.method !== 'POST') return { status: 404, body: '404 page not found' };
    if (request.endpoint === 'unknown') {
      return apiError(10006, `the request uri=[${request.path}], apiName=[null] is not exists`);
    }
    const failure = this.#failures.get(request.endpoint)?.shift();
    if (failure) return this.#failureAnswer(failure);
    if (raw.length > 0 && Object.keys(request.body).length === 0) return apiError(12004, 'POST的数据包为空');
    if (request.endpoint === 'token') return this.#token(request.body);
    const denied = this.#checkCommon(request.body);
    if (denied) return denied;
    return request.endpoint === 'query' ? this.#query(request.body) : this.#create(request.body);
  }

  #failureAnswer(failure: FakeFxiaokeFailure): FxAnswer {
    const status = failure.httpStatus ?? 200;
    if (status !== 200) return { status, body: `<html><body><h1>${status}</h1>gateway error</body></html>` };
    return apiError(failure.errorCode ?? -1, failure.errorMessage ?? '系统繁忙');
  }

  #token(body: Record<string, unknown>): FxAnswer {
    if (typeof body.appId !== 'string' || body.appId.length === 0) return apiError(10001, '缺少参数appId');
    if (typeof body.appSecret !== 'string' || body.appSecret.length === 0) {
      return apiError(10002, '缺少参数appSecret');
    }
    if (typeof body.permanentCode !== 'string' || body.permanentCode.length === 0) {
      return apiError(10012, '缺少参数permanentCode');
    }
    if (this.#revokedCode !== undefined) return apiError(this.#revokedCode, 'appId或appSecret错误');
    if (body.appId !== this.appId || body.appSecret !== this.appSecret) {
      return apiError(20006, 'appId或appSecret错误');
    }
    if (body.permanentCode !== this.permanentCode) return apiError(20015, '永久授权码错误');
    const nowMs = this.#now().getTime();
    const current = this.#current;
    const ageS = current === undefined ? Number.POSITIVE_INFINITY : (nowMs - current.issuedAt) / 1000;
    const token = current !== undefined && ageS < SAME_TOKEN_WINDOW_S ? current : this.#issue(nowMs);
    const remainingS = Math.floor(TOKEN_LIFETIME_S - (nowMs - token.issuedAt) / 1000);
    return {
      status: 200,
      body: {
        errorCode: 0,
        errorMessage: 'success',
        corpAccessToken: token.value,
        corpId: this.corpId,
        expiresIn: remainingS,
      },
    };
  }

  #issue(nowMs: number): IssuedToken {
    const token = { value: hex(16), issuedAt: nowMs };
    this.#tokens.set(token.value, token);
    this.#current = token;
    this.issuedTokens.push(token.value);
    return token;
  }

  /** The body-parameter checks every data call passes before it is served. */
  #checkCommon(body: Record<string, unknown>): FxAnswer | undefined {
    const value = body.corpAccessToken;
    if (typeof value !== 'string' || value.length === 0) return apiError(20017, 'corpAccessToken为必填项');
    const token = this.#tokens.get(value);
    const alive = token !== undefined && this.#now().getTime() - token.issuedAt < TOKEN_LIFETIME_S * 1000;
    if (!alive) return apiError(20016, 'corpAccessToken不存在或者已经过期');
    if (typeof body.corpId !== 'string' || body.corpId.length === 0) return apiError(10014, '缺少参数corpId');
    if (body.corpId !== this.corpId) return apiError(11015, '参数corpId不合法');
    if (typeof body.currentOpenUserId !== 'string' || body.currentOpenUserId.length === 0) {
      return apiError(10010, '缺少参数openUserId');
    }
    if (body.currentOpenUserId !== this.openUserId) return apiError(20012, 'openUserId未找到');
    if (!isRecord(body.data)) return apiError(15002, '参数不合法: data');
    return undefined;
  }

  #query(body: Record<string, unknown>): FxAnswer {
    const data = body.data as Record<string, unknown>;
    if (data.dataObjectApiName !== 'AccountObj') return apiError(15002, '参数不合法: dataObjectApiName');
    const info = data.search_query_info;
    if (!isRecord(info)) return apiError(15002, '参数不合法: search_query_info');
    const { limit, offset, filters } = info;
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 100) {
      return apiError(15002, '参数不合法: limit 最大为100');
    }
    if (typeof offset !== 'number' || offset < 0 || offset % limit !== 0) {
      return apiError(15002, '参数不合法: offset 必须是 limit 的整数倍');
    }
    if (offset > 10000) return apiError(10013, 'offset out of range 10000');
    if (!Array.isArray(filters)) return apiError(15002, '参数不合法: filters');
    let rows = [...this.accounts];
    for (const filter of filters) {
      if (!isRecord(filter) || typeof filter.field_name !== 'string' || !isStringArray(filter.field_values)) {
        return apiError(15002, '参数不合法: filters 中 field_values 必须是列表');
      }
      const matches = this.#matcher(filter.field_name, filter.field_values, filter.operator);
      if (matches === undefined) return apiError(15002, `参数不合法: operator ${String(filter.operator)}`);
      rows = rows.filter(matches);
    }
    const page = rows
      .slice(offset, offset + limit)
      .map((row) => ({ ...row, object_describe_api_name: 'AccountObj' }));
    const total = data.find_explicit_total_num === false ? {} : { total: rows.length };
    return {
      status: 200,
      body: { errorCode: 0, errorMessage: 'OK', data: { dataList: page, offset, limit, ...total } },
    };
  }

  #matcher(field: string, values: string[], operator: unknown): ((row: FakeAccount) => boolean) | undefined {
    const read = (row: FakeAccount): string => (field === '_id' ? row._id : field === 'name' ? row.name : '');
    switch (operator) {
      case 'EQ':
        if (this.looseNameSearch && field === 'name') {
          return (row) => values.some((v) => read(row).toLowerCase().includes(v.trim().toLowerCase()));
        }
        return (row) => read(row) === values[0];
      case 'IN':
        return (row) => values.includes(read(row));
      case 'LIKE':
        return (row) => values.some((v) => read(row).includes(v));
      default:
        return undefined;
    }
  }

  #create(body: Record<string, unknown>): FxAnswer {
    const data = body.data as Record<string, unknown>;
    const objectData = data.object_data;
    if (!isRecord(objectData)) return apiError(15002, '参数不合法: object_data');
    if (objectData.dataObjectApiName !== 'ActiveRecordObj') {
      return apiError(15002, `参数不合法: dataObjectApiName ${String(objectData.dataObjectApiName)}`);
    }
    const content = objectData.active_record_content;
    if (typeof content !== 'string' || content.trim().length === 0)
      return apiError(15002, '销售记录内容不能为空');
    const related = this.#related(objectData);
    if ('error' in related) return related.error;
    const record: FakeActiveRecord = {
      _id: hex(12).toLowerCase(),
      content,
      relatedObjectData: related.objects,
      relatedApiNames: related.apiNames,
      accountIds: related.objects.filter((o) => o.describe_api_name === 'AccountObj').map((o) => o.id),
      owner: objectData.owner,
      createdBy: String(body.currentOpenUserId),
      triggerApprovalFlow: body.triggerApprovalFlow,
      triggerWorkFlow: body.triggerWorkFlow,
      objectData,
    };
    this.records.push(record);
    return {
      status: 200,
      body: { errorCode: 0, errorMessage: 'OK', errorDescription: 'success', dataId: record._id },
    };
  }

  /** Validates the what-list field (关联业务对象): related records must exist and match their apiNames. */
  #related(
    objectData: Record<string, unknown>,
  ): { objects: FakeRelatedObject[]; apiNames: string[] } | { error: FxAnswer } {
    const raw = objectData.related_object_data ?? [];
    const apiNames = objectData.related_api_names ?? [];
    if (!Array.isArray(raw) || !isStringArray(apiNames)) {
      return { error: apiError(15002, '参数不合法: related_object_data') };
    }
    const objects: FakeRelatedObject[] = [];
    for (const entry of raw) {
      if (!isRecord(entry) || typeof entry.describe_api_name !== 'string' || typeof entry.id !== 'string') {
        return { error: apiError(15002, '参数不合法: related_object_data') };
      }
      if (entry.describe_api_name !== 'AccountObj' || !this.accounts.some((a) => a._id === entry.id)) {
        return { error: apiError(15002, `关联对象数据不存在或已作废: ${entry.id}`) };
      }
      if (!apiNames.includes(entry.describe_api_name)) {
        return { error: apiError(15002, '参数不合法: related_api_names 与 related_object_data 不一致') };
      }
      objects.push({
        describe_api_name: entry.describe_api_name,
        id: entry.id,
        ...(typeof entry.name === 'string' ? { name: entry.name } : {}),
      });
    }
    return { objects, apiNames };
  }
}

export async function startFakeFxiaoke(options: FakeFxiaokeOptions = {}): Promise<FakeFxiaoke> {
  const fake = new FakeFxiaoke(options);
  await fake.start();
  return fake;
}
