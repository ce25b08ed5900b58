import { DeliveryError } from './platform/platform.js';

/** How hard the outbox tries before it gives up on a transient failure. */
export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 2_000,
  maxDelayMs: 10 * 60_000,
};

export type AttemptDecision =
  | { retry: true; delayMs: number }
  | { retry: false; reason: 'permanent' | 'exhausted' };

/**
 * Decides what happens after a failed send. Adapters classify (`DeliveryError.transient`); errors
 * they did not classify are treated as transient, because a lost message is worse than a late one.
 * The delay is the platform's `Retry-After` when it sent one, else doubles from `baseDelayMs`; both are capped.
 * @example afterFailure(new DeliveryError('429', { transient: true, retryAfterMs: 5000 }), 1, policy) → { retry: true, delayMs: 5000 }
 */
export function afterFailure(error: unknown, attemptsSoFar: number, policy: RetryPolicy): AttemptDecision {
  const transient = error instanceof DeliveryError ? error.transient : true;
  if (!transient) return { retry: false, reason: 'permanent' };
  if (attemptsSoFar >= policy.maxAttempts) return { retry: false, reason: 'exhausted' };
  // The platform's own Retry-After is the best estimate there is; without one, back off exponentially.
  const retryAfter = error instanceof DeliveryError ? error.retryAfterMs : undefined;
  const backoff = retryAfter ?? policy.baseDelayMs * 2 ** (attemptsSoFar - 1);
  return { retry: true, delayMs: Math.min(backoff, policy.maxDelayMs) };
}
