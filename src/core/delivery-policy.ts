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
 * The delay doubles from `baseDelayMs`, is capped, and honours the platform's `retry_after`.
 * @example afterFailure(new DeliveryError('429', { transient: true, retryAfterMs: 5000 }), 1, policy) → { retry: true, delayMs: 5000 }
 */
export function afterFailure(error: unknown, attemptsSoFar: number, policy: RetryPolicy): AttemptDecision {
  const transient = error instanceof DeliveryError ? error.transient : true;
  if (!transient) return { retry: false, reason: 'permanent' };
  if (attemptsSoFar >= policy.maxAttempts) return { retry: false, reason: 'exhausted' };
  const backoff = Math.min(policy.baseDelayMs * 2 ** (attemptsSoFar - 1), policy.maxDelayMs);
  const retryAfter = error instanceof DeliveryError ? (error.retryAfterMs ?? 0) : 0;
  return { retry: true, delayMs: Math.max(backoff, retryAfter) };
}
