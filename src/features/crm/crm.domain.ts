import { CrmError, type CrmErrorKind, type CrmKind } from '../../core/crm.js';

/** How hard the CRM queue tries before it gives an event up. */
export interface CrmRetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** The most a CRM's own "try again in …" is followed (Fxiaoke's daily quota says: after midnight). */
  maxRetryAfterMs: number;
}

/**
 * A minute first, as the minute tick runs the queue anyway; then doubling to an hour. Ten attempts
 * span about eight hours, long enough to ride out a CRM's bad afternoon.
 */
export const crmRetryPolicy: CrmRetryPolicy = {
  maxAttempts: 10,
  baseDelayMs: 60_000,
  maxDelayMs: 60 * 60_000,
  maxRetryAfterMs: 24 * 60 * 60_000,
};

export type CrmAttemptDecision =
  | { action: 'retry'; delayMs: number }
  | { action: 'give_up'; reason: 'permanent' | 'exhausted' }
  /** The credentials no longer work: stop the workspace's sync; the event waits, not counted as tried. */
  | { action: 'stop' };

/**
 * What the queue does after a failed push. Errors a connector did not classify (a bug, a surprise
 * from fetch) count as transient: a late note is better than a lost one.
 * @example afterCrmFailure(new CrmError('429', { kind: 'transient', retryAfterMs: 20_000 }), 1, policy) → { action: 'retry', delayMs: 20000 }
 */
export function afterCrmFailure(
  error: unknown,
  attemptsSoFar: number,
  policy: CrmRetryPolicy,
): CrmAttemptDecision {
  const kind: CrmErrorKind = error instanceof CrmError ? error.kind : 'transient';
  if (kind === 'auth') return { action: 'stop' };
  if (kind === 'permanent') return { action: 'give_up', reason: 'permanent' };
  if (attemptsSoFar >= policy.maxAttempts) return { action: 'give_up', reason: 'exhausted' };
  const retryAfter = error instanceof CrmError ? error.retryAfterMs : undefined;
  if (retryAfter !== undefined)
    return { action: 'retry', delayMs: Math.min(retryAfter, policy.maxRetryAfterMs) };
  return {
    action: 'retry',
    delayMs: Math.min(policy.baseDelayMs * 2 ** (attemptsSoFar - 1), policy.maxDelayMs),
  };
}

/** What is kept of a failure: its class, the CRM's code, and the connector's message for the logs. */
export interface CrmFailure {
  kind: CrmErrorKind;
  code: string | undefined;
  message: string;
  /** What people are shown next to the plain words: the CRM's own code, else the message. */
  detail: string;
}

const MAX_ERROR_LENGTH = 500;

/**
 * The failure with every known secret blanked out. Connectors already keep secrets out of their
 * messages; this is the second lock, for errors that did not come from a connector.
 */
export function describeFailure(error: unknown, secrets: readonly string[]): CrmFailure {
  const kind: CrmErrorKind = error instanceof CrmError ? error.kind : 'transient';
  const code = error instanceof CrmError ? error.code : undefined;
  const raw = error instanceof Error ? error.message : String(error);
  const message = scrub(raw, secrets);
  const safeCode = code === undefined ? undefined : scrub(code, secrets);
  return { kind, code: safeCode, message, detail: safeCode ?? message };
}

/** `text` with each secret (of 4+ characters, so no common word is hit) replaced by `***`, cut to length. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('***');
  return out.length > MAX_ERROR_LENGTH ? `${out.slice(0, MAX_ERROR_LENGTH - 1)}…` : out;
}

/**
 * The account an event about this customer goes to, or undefined when nothing is queued: with no
 * CRM connected, and for customers not linked (a note needs an account), except on a webhook, whose
 * receiver may match customers by name itself.
 * @example queueAccount('zoho', null) === undefined; queueAccount('webhook', null) === ''
 */
export function queueAccount(kind: CrmKind | undefined, crmAccountId: string | null): string | undefined {
  if (kind === undefined) return undefined;
  const id = crmAccountId?.trim() ?? '';
  if (id !== '') return id;
  return kind === 'webhook' ? '' : undefined;
}

/**
 * The spellings to search a CRM for: as typed, with half-width brackets, and with full-width ones.
 * Chinese company names are kept with （） in most CRMs, but a name typed on another keyboard, or
 * stored by Muster (which folds widths), has ( ). Exact-match searches would miss either way.
 * @example nameVariants('华星科技(上海)有限公司') → ['华星科技(上海)有限公司', '华星科技（上海）有限公司']
 */
export function nameVariants(name: string): string[] {
  const typed = name.trim().replace(/\s+/gu, ' ');
  const half = typed.normalize('NFKC');
  const full = half.replace(/\(/gu, '（').replace(/\)/gu, '）');
  return [...new Set([typed, half, full])].filter((v) => v !== '');
}

/** An account id as people paste them: a Zoho number, a Fxiaoke object id, a receiver's own key. */
const ACCOUNT_ID = /^(?=.*\d)[A-Za-z0-9][\w.:-]{5,99}$/u;

/**
 * Splits `/crm link` text into the customer and an account id typed after it. The last word is
 * taken as the id when it looks like one (six or more characters with a digit, no spaces or Han),
 * so "Acme Logistics" stays a name and "Acme Logistics 4876876000000412001" links by id.
 * @example splitLinkText('华星科技（上海）有限公司 65f0a1b2c3d4e5f600000001') → { customer: '华星科技（上海）有限公司', accountId: '65f0a1b2c3d4e5f600000001' }
 */
export function splitLinkText(text: string): { customer: string; accountId: string | undefined } {
  const words = text
    .replace(/\u3000/gu, ' ')
    .trim()
    .split(/\s+/u);
  const last = words[words.length - 1] ?? '';
  if (words.length >= 2 && ACCOUNT_ID.test(last)) {
    return { customer: words.slice(0, -1).join(' '), accountId: last };
  }
  return { customer: words.join(' '), accountId: undefined };
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/**
 * Whether credentials may be sent to this address: https, or plain http that never leaves the
 * machine. Fxiaoke's secrets travel in request bodies, so a plain-http gateway would expose them.
 */
export function isSafeEndpoint(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
}
