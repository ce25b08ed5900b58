/**
 * The port every CRM integration implements (src/integrations/crm/<kind>). The crm feature owns
 * the queue (one row per event, retried with backoff, exactly once, surviving restarts); a
 * connector only knows how to talk to its CRM and how to classify what went wrong.
 */

export type CrmKind = 'zoho' | 'fxiaoke' | 'webhook';

/** An account (customer company) record in the CRM. */
export interface CrmAccount {
  id: string;
  name: string;
}

export type CrmEventType =
  | 'feedback.created'
  | 'feedback.status_changed'
  | 'feedback.resolved'
  | 'review.action_item';

/**
 * One thing the group learned about a customer, ready to land on its CRM record. `title` and
 * `body` are plain text already written in the workspace's language; `data` carries the same facts
 * as fields for receivers that parse them (the webhook payload).
 */
export interface CrmEvent {
  /** Unique and stable across retries: "fb:42:created", "fb:42:status:3". Receivers dedupe by it. */
  id: string;
  type: CrmEventType;
  /** ISO 8601 instant the event happened. */
  occurredAt: string;
  /** The linked CRM account; the webhook connector accepts an empty id (customer not linked). */
  accountId: string;
  customer: string;
  title: string;
  body: string;
  data: Record<string, string | number | boolean | null | readonly string[]>;
}

/** What the CRM made of a pushed event: its record id, for the status line and for support. */
export interface CrmPushResult {
  remoteId: string | undefined;
}

/**
 * - `transient`: try again later (5xx, timeouts, rate limits: `retryAfterMs` when the CRM said).
 * - `auth`: the credentials no longer work (refresh token revoked, app secret wrong); nothing will
 *   succeed until an admin reconnects, so syncing stops for the workspace and queued events wait.
 * - `permanent`: this event can never succeed (account deleted, field rejected); it is given up.
 */
export type CrmErrorKind = 'transient' | 'auth' | 'permanent';

export class CrmError extends Error {
  readonly kind: CrmErrorKind;
  readonly retryAfterMs: number | undefined;
  /** The CRM's own code (e.g. Zoho "INVALID_TOKEN", Fxiaoke 20016), for logs and `/crm status`. */
  readonly code: string | undefined;

  constructor(message: string, options: { kind: CrmErrorKind; code?: string; retryAfterMs?: number }) {
    super(message);
    this.name = 'CrmError';
    this.kind = options.kind;
    this.code = options.code;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/**
 * Talks to one CRM for one workspace. Connectors keep their access tokens in memory, refresh them
 * before expiry and retry a call once after an expired-token answer; anything else is thrown as a
 * `CrmError` and left to the queue. Errors never carry a secret in their message.
 * @example const c = createZohoConnector({ settings, secrets, fetch }); await c.push(event)
 */
/** A webhook check's failure code: the receiver took a ping without a signature, so it verifies nothing. */
export const UNSIGNED_ACCEPTED = 'unsigned_accepted';

export interface CrmConnector {
  readonly kind: CrmKind;
  /** Accounts whose name equals `name` (exact, case-insensitive), at most 20; [] where the CRM cannot search. */
  findAccounts(name: string): Promise<CrmAccount[]>;
  /** Lands one event on the account. Must not be called twice for a success (the queue ensures it). */
  push(event: CrmEvent): Promise<CrmPushResult>;
  /**
   * Proves the connection works before it is saved, throwing a CrmError when it does not. Without
   * it, a search for any name is the check (it needs the credentials).
   */
  check?(): Promise<void>;
}

/** The HTTP client connectors use; the app passes global `fetch`, tests the same against fakes. */
export type Fetch = typeof fetch;

/** What every connector factory is given: its settings and secrets (validated), and the I/O it may use. */
export interface CrmConnectorOptions<Settings, Secrets> {
  settings: Settings;
  secrets: Secrets;
  fetch: Fetch;
  /** The injected clock: token expiry and signature timestamps come from it. */
  now: () => Date;
  /** Per-request timeout; a timeout is a transient error. Default 15 s. */
  timeoutMs?: number;
}
