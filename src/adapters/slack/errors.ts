import { webApi } from '@slack/bolt';
import { DeliveryError } from '../../core/platform/platform.js';

// Slack's own words for "try again later"; everything else it answers is about the request itself.
const TRANSIENT_PLATFORM_ERRORS = new Set([
  'ratelimited',
  'rate_limited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'team_added_to_org',
]);

// Answers that mean "Muster lacks a scope or a role": an admin can fix them, so admins are told.
const PERMISSION_ERRORS = new Set([
  'missing_scope',
  'no_permission',
  'restricted_action',
  'cant_delete_message',
  'cant_kick_from_general',
  'not_allowed_token_type',
]);

/**
 * Classifies a Web API failure for the core's delivery policy: rate limits, 5xx and network
 * errors are transient; `channel_not_found`, `not_in_channel` and the like are permanent.
 * @example toDeliveryError(new webApi.WebAPIRateLimitedError(1)) → DeliveryError { transient: true, retryAfterMs: 1000 }
 */
export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof webApi.WebAPIRateLimitedError) {
    return new DeliveryError('ratelimited', {
      transient: true,
      retryAfterMs: error.retryAfter * 1000,
      cause: error,
    });
  }
  if (error instanceof webApi.WebAPIPlatformError) {
    const code = error.data.error;
    return new DeliveryError(code, {
      transient: TRANSIENT_PLATFORM_ERRORS.has(code),
      missingPermission: PERMISSION_ERRORS.has(code),
      cause: error,
    });
  }
  if (error instanceof webApi.WebAPIHTTPError) {
    const transient = error.statusCode >= 500 || error.statusCode === 429 || error.statusCode === 408;
    return new DeliveryError(`http_${error.statusCode}`, { transient, cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new DeliveryError(message, { transient: true, cause: error });
}
