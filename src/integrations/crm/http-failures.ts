import { CrmError } from '../../core/crm.js';

/**
 * What every HTTP connector needs when a call goes wrong: the error for a call that threw, the
 * wait a Retry-After header asks for, a scrubber for secrets in the CRM's own words, and how
 * account names are compared.
 */

/**
 * A thrown fetch error (network, timeout) as a transient CrmError. `subject` names the call
 * ("Zoho note", "Webhook at hooks.example.com"); the cause's text is never echoed, as it may hold a URL.
 */
export function errorForThrown(error: unknown, subject: string): CrmError {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return new CrmError(`${subject} did not answer in time; will retry.`, {
      kind: 'transient',
      code: 'timeout',
    });
  }
  const cause = error instanceof Error ? error.cause : undefined;
  const causeCode =
    typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string'
      ? cause.code
      : undefined;
  return new CrmError(`${subject} could not be reached (${causeCode ?? 'network error'}); will retry.`, {
    kind: 'transient',
    code: causeCode ?? 'network',
  });
}

/** Milliseconds from a Retry-After header (delta seconds or an HTTP date), if it says anything usable. */
export function retryAfterMs(header: string | null, now: Date): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

/** Scrubs text from a CRM before it leaves a connector. */
export type Redact = (text: string) => string;

/** Replaces every secret and every token seen so far with "***", and keeps messages short. */
export function makeRedactor(secrets: readonly string[], tokens: () => readonly string[]): Redact {
  return (text) => {
    let out = text;
    for (const secret of [...secrets, ...tokens()]) {
      if (secret.length > 0) out = out.split(secret).join('***');
    }
    return out.length > 300 ? `${out.slice(0, 300)}…` : out;
  };
}

/** How account names are compared: exact apart from case and surrounding whitespace. */
export function normalizeName(name: string): string {
  return name.normalize('NFC').trim().toLowerCase();
}
