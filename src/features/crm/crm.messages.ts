import { type CrmErrorKind, type CrmKind, UNSIGNED_ACCEPTED } from '../../core/crm.js';
import type { Translator } from '../../core/i18n/catalog.js';

export function crmName(t: Translator, kind: CrmKind): string {
  return t(`crm.kind.${kind}`);
}

/**
 * A failure in the reader's words: what it means for the sync, then the CRM's own code (as the CRM
 * wrote it: it is what its support will ask for). The connector's full message is in the logs.
 */
export function failureText(
  t: Translator,
  kind: CrmKind,
  failure: { kind: CrmErrorKind; detail: string },
): string {
  return t(`crm.failure.${failure.kind}`, { crm: crmName(t, kind), detail: failure.detail });
}

/**
 * Why a connection was not saved. A webhook's check is a ping to the admin's own receiver, so its
 * failure says what the receiver did with it (refused the signature, took an unsigned one, …).
 */
export function checkFailureText(
  t: Translator,
  kind: CrmKind,
  failure: { kind: CrmErrorKind; code: string | undefined; detail: string },
  host: string | undefined,
): string {
  if (kind !== 'webhook') return failureText(t, kind, failure);
  const key =
    failure.code === UNSIGNED_ACCEPTED ? 'crm.ping.unsigned' : (`crm.ping.${failure.kind}` as const);
  return t(key, { host: host ?? '', detail: failure.detail });
}

/** The admins' DM when the CRM refused the credentials: what happened, what waits, what to do. */
export function stopNotice(t: Translator, kind: CrmKind, reason: string, waiting: number): string {
  return t('crm.stopped.notice', {
    crm: crmName(t, kind),
    reason: failureText(t, kind, { kind: 'auth', detail: reason }),
    waiting,
    fix: t(`crm.fix.${kind}`),
  });
}
