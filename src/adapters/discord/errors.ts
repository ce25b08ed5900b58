import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { DeliveryError } from '../../core/platform/platform.js';

/** Discord's JSON error codes Muster names; the rest keep their number. */
const NAMED_CODES: Record<number, string> = {
  10003: 'unknown_channel',
  10007: 'unknown_member',
  10008: 'unknown_message',
  10013: 'unknown_user',
  50001: 'missing_access',
  50007: 'dm_closed',
  50013: 'missing_permissions',
};

/**
 * Classifies a REST failure for the core's delivery policy: 5xx, rate limits and network errors
 * are transient; Discord's JSON error codes (4xx) are about the request and are permanent.
 * @example toDeliveryError(new DiscordAPIError({ code: 50007, message: '…' }, 50007, 403, 'POST', url, {})) → DeliveryError('dm_closed', { transient: false, recipientClosed: true })
 */
export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof RateLimitError) {
    return new DeliveryError('rate_limited', {
      transient: true,
      retryAfterMs: error.retryAfter,
      cause: error,
    });
  }
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === 'number' ? error.code : Number.NaN;
    const name = NAMED_CODES[code] ?? `discord_${error.code}`;
    return new DeliveryError(name, {
      transient: error.status >= 500 || error.status === 429,
      missingPermission: code === 50013 || code === 50001,
      recipientClosed: code === 50007,
      cause: error,
    });
  }
  if (error instanceof HTTPError) {
    const transient = error.status >= 500 || error.status === 429 || error.status === 408;
    return new DeliveryError(`http_${error.status}`, { transient, cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new DeliveryError(message, { transient: true, cause: error });
}
