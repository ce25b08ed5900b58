/**
 * The Fxiaoke (纷享销客 / ShareCRM) connector, on the open platform's body-parameter API: a
 * self-built app trades appId + appSecret + permanentCode for a two-hour corpAccessToken, and every
 * data call carries that token, the corpId and the operator's open user id in its JSON body.
 * Accounts are `AccountObj`; each event lands as a sales record (`ActiveRecordObj`, 销售记录)
 * related to the account, which is what shows in the account's follow-up activity (跟进动态).
 */
import { z } from 'zod';
import {
  type CrmAccount,
  type CrmConnector,
  type CrmConnectorOptions,
  CrmError,
  type CrmErrorKind,
  type CrmEvent,
  type CrmPushResult,
} from '../../../core/crm.js';
import { errorForThrown, makeRedactor, normalizeName } from '../http-failures.js';

export const fxiaokeSettingsSchema = z.object({
  /** The open API gateway of the tenant's cloud; other clouds use `open-<cloud domain>`. */
  baseUrl: z.string().url().default('https://open.fxiaoke.com'),
});

export const fxiaokeSecretsSchema = z.object({
  appId: z.string().trim().min(1),
  appSecret: z.string().trim().min(1),
  permanentCode: z.string().trim().min(1),
  /** The open user id (FSUID_…) records are created as; its data permissions bound every call. */
  currentOpenUserId: z.string().trim().min(1),
});

export type FxiaokeSettings = z.output<typeof fxiaokeSettingsSchema>;
export type FxiaokeSecrets = z.output<typeof fxiaokeSecretsSchema>;

const TOKEN_PATH = '/cgi/corpAccessToken/get/V2';
const QUERY_PATH = '/cgi/crm/v2/data/query';
const CREATE_PATH = '/cgi/crm/v2/data/create';

const DEFAULT_TIMEOUT_MS = 15_000;
/**
 * Fxiaoke hands back the same token when asked within 6600 s of issuing it and a new one only in
 * the last 600 s, so refreshing 10 minutes early is the earliest moment a refresh actually helps.
 */
const REFRESH_MARGIN_MS = 10 * 60_000;
const DEFAULT_EXPIRES_IN_S = 7200;
const MAX_ACCOUNTS = 20;
/** Per-interface limit is 100 calls per 20 s; waiting out one window is enough. */
const RATE_WINDOW_MS = 20_000;
/** China Standard Time has no DST, so the daily quota's midnight reset is a fixed UTC+8 offset. */
const CHINA_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** The token is missing, unknown or expired: drop it, fetch a new one, retry once. */
const TOKEN_REFRESH_CODES = new Set([20016, 11014, 20005]);

/**
 * Codes only an admin can cure: the app's credentials are wrong, the app was disabled or lost its
 * authorization, the operator user is gone, or the tenant has no Open API quota at all.
 */
const AUTH_CODES = new Set([
  11001, // appId 不合法
  11002, // appSecret 不合法
  11003, // appAccessToken 不合法
  11008, // openUserId 不合法
  11013, // permanentCode 不合法
  12002, // 登录状态错误
  15003, // APP 没有访问权限
  20006, // appId 或 appSecret 错误
  20012, // openUserId 未找到
  20014, // 应用没有获取该员工的数据的权限
  20015, // 永久授权码错误
  20017, // corpId 未找到 (also answered for a missing corpAccessToken)
  20020, // 应用没有获取该企业的数据的权限
  20021, // 在当前企业下，该 app 的状态为停用
  20022, // 企业没有对该 app 授权
  30003, // 客户没有购买 openapi 配额
  30027, // 员工不存在 (the operator user)
]);

const TRANSIENT_CODES = new Set([
  -2, // 系统错误
  -1, // 系统繁忙
  14001, // 接口调用超过限制
  30002, // 当天访问频次超限（0 点重新统计）
  30004, // 秒频次超限
  50009, // 服务异常，如：超时
]);

/** Fxiaoke warns its messages change, so they only break ties for codes we do not know. */
const BUSY_MESSAGE = /繁忙|超时|稍后|频繁|限流|超限|busy|timeout|timed out|try again|rate limit|too many/i;

/**
 * What a non-zero Fxiaoke errorCode means for the queue. Expired-token codes count as transient:
 * the connector has already refreshed once, and a token that was just issued proves the
 * credentials work, so stopping the workspace for an admin would not help.
 */
export function classifyFxiaokeError(errorCode: number, errorMessage: string): CrmErrorKind {
  if (AUTH_CODES.has(errorCode)) return 'auth';
  if (TRANSIENT_CODES.has(errorCode) || TOKEN_REFRESH_CODES.has(errorCode)) return 'transient';
  return BUSY_MESSAGE.test(errorMessage) ? 'transient' : 'permanent';
}

/** Milliseconds until the next 00:00 China time, when the daily call quota resets. */
function msUntilChinaMidnight(now: Date): number {
  const chinaMs = now.getTime() + CHINA_OFFSET_MS;
  return DAY_MS - (((chinaMs % DAY_MS) + DAY_MS) % DAY_MS);
}

function retryAfterFor(errorCode: number, now: Date): number | undefined {
  if (errorCode === 30002) return msUntilChinaMidnight(now);
  if (errorCode === 14001 || errorCode === 30004) return RATE_WINDOW_MS;
  return undefined;
}

// --- Fxiaoke's answers, parsed loosely: only what we read is checked.

const envelopeSchema = z.object({
  errorCode: z.number(),
  errorMessage: z.string().optional(),
  errorDescription: z.string().optional(),
});

const tokenAnswerSchema = z.object({
  corpAccessToken: z.string().min(1),
  corpId: z.string().min(1),
  expiresIn: z.number().positive().optional(),
});

const queryAnswerSchema = z.object({
  data: z
    .object({
      dataList: z.array(z.object({ _id: z.string(), name: z.string().nullish() })).optional(),
    })
    .nullish(),
});

const createAnswerSchema = z.object({ dataId: z.string().min(1).optional() });

interface CorpToken {
  value: string;
  corpId: string;
  /** When we stop using it (already includes the refresh margin). */
  refreshAt: number;
}

/**
 * Fxiaoke answers API errors as HTTP 200, so any other status came from something in front of it:
 * 5xx/408/429 are passing trouble; redirects (www.fxiaoke.com answers 302 with a login page) and
 * 401/403/404 mean `baseUrl` is not, or may not reach, the open API, which only an admin can fix;
 * anything else is a request the gateway will keep rejecting.
 */
function errorForHttpStatus(status: number, what: string): CrmError {
  const detail = `HTTP ${status}`;
  if (status >= 500 || status === 408 || status === 429) {
    return new CrmError(`Fxiaoke ${what} failed (${detail}); will retry.`, {
      kind: 'transient',
      code: detail,
    });
  }
  if ((status >= 300 && status < 400) || status === 401 || status === 403 || status === 404) {
    return new CrmError(`Fxiaoke ${what} was refused (${detail}); check the API base URL and app access.`, {
      kind: 'auth',
      code: detail,
    });
  }
  return new CrmError(`Fxiaoke ${what} was rejected (${detail}).`, { kind: 'permanent', code: detail });
}

/** A JSON answer Fxiaoke produced: a success body, or its errorCode and message. */
type Answer = { ok: true; body: unknown } | { ok: false; errorCode: number; errorMessage: string };

/** The connector's view of one call: what it is, for messages, and what it posts. */
interface Call {
  what: string;
  path: string;
  body: Record<string, unknown>;
}

export function createFxiaokeConnector(
  options: CrmConnectorOptions<FxiaokeSettings, FxiaokeSecrets>,
): CrmConnector {
  const { settings, secrets, now } = options;
  const baseUrl = settings.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let token: CorpToken | undefined;
  let refreshing: Promise<CorpToken> | undefined;
  /** Every token we were handed, so a message echoing an old one is still scrubbed. */
  const seenTokens: string[] = [];
  const redact = makeRedactor([secrets.appSecret, secrets.permanentCode], () => seenTokens);

  /** Posts JSON and reads Fxiaoke's envelope; transport trouble is thrown as a CrmError. */
  async function post(call: Call): Promise<Answer> {
    // thirdTraceId is Fxiaoke's per-request trace id: it lets their support find a failed call.
    const url = `${baseUrl}${call.path}?thirdTraceId=${crypto.randomUUID()}`;
    let response: Response;
    try {
      response = await options.fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', accept: 'application/json' },
        body: JSON.stringify(call.body),
        // A redirect never leads to the open API, and following it would replay the secrets.
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw errorForThrown(error, `Fxiaoke ${call.what}`);
    }
    if (response.status !== 200) {
      await response.body?.cancel().catch(() => undefined);
      throw errorForHttpStatus(response.status, call.what);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
        throw errorForThrown(error, `Fxiaoke ${call.what}`);
      }
      // A 200 that is not JSON is a gateway page, not Fxiaoke; it tends to pass.
      throw new CrmError(`Fxiaoke ${call.what} answered with something that is not JSON; will retry.`, {
        kind: 'transient',
        code: 'bad_response',
      });
    }
    const envelope = envelopeSchema.safeParse(body);
    if (!envelope.success) {
      throw new CrmError(`Fxiaoke ${call.what} answered without an errorCode; will retry.`, {
        kind: 'transient',
        code: 'bad_response',
      });
    }
    const { errorCode, errorMessage, errorDescription } = envelope.data;
    if (errorCode === 0) return { ok: true, body };
    return { ok: false, errorCode, errorMessage: errorMessage ?? errorDescription ?? '' };
  }

  function apiError(what: string, errorCode: number, errorMessage: string, kind?: CrmErrorKind): CrmError {
    const resolved = kind ?? classifyFxiaokeError(errorCode, errorMessage);
    const detail = redact(errorMessage.length > 0 ? `${errorCode}: ${errorMessage}` : String(errorCode));
    const suffix =
      resolved === 'transient'
        ? '; will retry.'
        : resolved === 'auth'
          ? '; an admin must reconnect Fxiaoke.'
          : '.';
    const retryAfterMs = resolved === 'transient' ? retryAfterFor(errorCode, now()) : undefined;
    return new CrmError(`Fxiaoke ${what} failed (errorCode ${detail})${suffix}`, {
      kind: resolved,
      code: String(errorCode),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }

  async function fetchToken(): Promise<CorpToken> {
    const what = 'token request';
    const answer = await post({
      what,
      path: TOKEN_PATH,
      body: { appId: secrets.appId, appSecret: secrets.appSecret, permanentCode: secrets.permanentCode },
    });
    if (!answer.ok) {
      // Failing to get a token for anything but passing trouble is a credentials or app problem
      // (Fxiaoke even answers a wrong appSecret with a "missing parameter" code), so no call will
      // work until an admin looks: that is `auth`, never a reason to drop one event.
      const kind = classifyFxiaokeError(answer.errorCode, answer.errorMessage);
      throw apiError(
        what,
        answer.errorCode,
        answer.errorMessage,
        kind === 'transient' ? 'transient' : 'auth',
      );
    }
    const parsed = tokenAnswerSchema.safeParse(answer.body);
    if (!parsed.success) {
      throw new CrmError(`Fxiaoke ${what} succeeded without a usable token; will retry.`, {
        kind: 'transient',
        code: 'bad_response',
      });
    }
    const { corpAccessToken, corpId, expiresIn = DEFAULT_EXPIRES_IN_S } = parsed.data;
    seenTokens.push(corpAccessToken);
    const lifetimeMs = expiresIn * 1000;
    // A token handed back late in its life must still be used at least once.
    const margin = Math.min(REFRESH_MARGIN_MS, lifetimeMs / 2);
    return { value: corpAccessToken, corpId, refreshAt: now().getTime() + lifetimeMs - margin };
  }

  /** The cached token, or one shared refresh: Fxiaoke forbids concurrent token requests. */
  function currentToken(): Promise<CorpToken> {
    if (token !== undefined && now().getTime() < token.refreshAt) return Promise.resolve(token);
    if (refreshing === undefined) {
      refreshing = fetchToken()
        .then((fresh) => {
          token = fresh;
          return fresh;
        })
        .finally(() => {
          refreshing = undefined;
        });
    }
    return refreshing;
  }

  /** One data call with the common body parameters; an expired token is refreshed and retried once. */
  async function callApi(what: string, path: string, payload: Record<string, unknown>): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      const used = await currentToken();
      const answer = await post({
        what,
        path,
        body: {
          corpAccessToken: used.value,
          corpId: used.corpId,
          currentOpenUserId: secrets.currentOpenUserId,
          ...payload,
        },
      });
      if (answer.ok) return answer.body;
      if (attempt === 0 && TOKEN_REFRESH_CODES.has(answer.errorCode)) {
        // Only drop the token that failed; a concurrent call may already have replaced it.
        if (token === used) token = undefined;
        continue;
      }
      throw apiError(what, answer.errorCode, answer.errorMessage);
    }
  }

  async function findAccounts(name: string): Promise<CrmAccount[]> {
    const wanted = normalizeName(name);
    if (wanted.length === 0) return [];
    const body = await callApi('account search', QUERY_PATH, {
      data: {
        dataObjectApiName: 'AccountObj',
        // Skipping the total count makes the query cheaper; we never page.
        find_explicit_total_num: false,
        search_query_info: {
          limit: MAX_ACCOUNTS,
          offset: 0,
          filters: [{ field_name: 'name', field_values: [name.trim()], operator: 'EQ' }],
          orders: [],
          fieldProjection: ['_id', 'name'],
        },
      },
    });
    const parsed = queryAnswerSchema.safeParse(body);
    if (!parsed.success) {
      throw new CrmError('Fxiaoke account search answered in an unexpected shape; will retry.', {
        kind: 'transient',
        code: 'bad_response',
      });
    }
    const rows = parsed.data.data?.dataList ?? [];
    // EQ's collation is Fxiaoke's; the port promises exact (case-insensitive) matches, so check.
    return rows
      .filter((row): row is { _id: string; name: string } => typeof row.name === 'string')
      .filter((row) => normalizeName(row.name) === wanted)
      .slice(0, MAX_ACCOUNTS)
      .map((row) => ({ id: row._id, name: row.name }));
  }

  /** The sales record's text: the title as its first line, so list views show it. */
  function recordContent(event: CrmEvent): string {
    return event.body.length > 0 ? `${event.title}\n${event.body}` : event.title;
  }

  async function push(event: CrmEvent): Promise<CrmPushResult> {
    if (event.accountId.trim().length === 0) {
      throw new CrmError('Fxiaoke needs a linked account to record this event on.', {
        kind: 'permanent',
        code: 'no_account',
      });
    }
    const body = await callApi('sales record create', CREATE_PATH, {
      // Both default to true; an integration writing notes must not start approvals or workflows.
      triggerApprovalFlow: false,
      triggerWorkFlow: false,
      data: {
        object_data: {
          dataObjectApiName: 'ActiveRecordObj',
          active_record_content: recordContent(event),
          // 关联业务对象 is a what-list field: the records, plus the set of their object apiNames.
          related_api_names: ['AccountObj'],
          related_object_data: [
            { describe_api_name: 'AccountObj', id: event.accountId, name: event.customer },
          ],
          owner: [secrets.currentOpenUserId],
        },
      },
    });
    const parsed = createAnswerSchema.safeParse(body);
    return { remoteId: parsed.success ? parsed.data.dataId : undefined };
  }

  return { kind: 'fxiaoke', findAccounts, push };
}
