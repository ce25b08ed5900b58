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

/** Start-up failures a person can act on, said in words, with what to do about them. */
export class DiscordStartError extends Error {
  override readonly name = 'DiscordStartError';
  constructor(
    message: string,
    /** The next step, when it is not "check the token". */
    readonly hint?: string,
  ) {
    super(message);
  }
}

/**
 * A gateway close a person must fix, said in words.
 * @example gatewayCloseError(4014).hint → 'In the Discord Developer Portal → …'
 */
export function gatewayCloseError(code: number): DiscordStartError {
  switch (code) {
    case 4004:
      return new DiscordStartError('Discord rejected DISCORD_TOKEN (close code 4004)');
    case 4014:
      return new DiscordStartError(
        'Discord refused the privileged intents Muster needs (close code 4014)',
        'In the Discord Developer Portal → your application → Bot → Privileged Gateway Intents, turn on SERVER MEMBERS INTENT and MESSAGE CONTENT INTENT, save, and start Muster again.',
      );
    default:
      return new DiscordStartError(`the Discord gateway closed the connection (code ${code})`);
  }
}

/**
 * What went wrong while logging in, in words where Muster knows them. discord.js rejects login
 * with plain errors: `Error('Used disallowed intents')` for 4014, `Error('Authentication failed')`
 * for 4004, and code `TokenInvalid` when REST answers 401 before any gateway session.
 * @example startErrorOf(new Error('Used disallowed intents')).message → 'Discord refused the privileged intents …'
 */
export function startErrorOf(error: unknown): Error {
  if (error instanceof DiscordStartError) return error;
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 4014 || code === 4004) return gatewayCloseError(code);
  if (code === 'TokenInvalid') return new DiscordStartError('Discord rejected DISCORD_TOKEN');
  const text = error instanceof Error ? error.message : '';
  if (/disallowed intent/i.test(text)) return gatewayCloseError(4014);
  if (/authentication failed/i.test(text)) return gatewayCloseError(4004);
  return error instanceof Error ? error : new Error(String(error));
}
