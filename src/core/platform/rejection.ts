import type { Logger } from '../ports.js';
import type { PlatformName } from './ids.js';

/**
 * Why an adapter refused a platform payload before it reached the core.
 * - `empty_id`: a user, channel, workspace or event id is missing or empty;
 * - `missing_author`: a message says nobody wrote it;
 * - `missing_data`: an interaction carries no command, component or form data;
 * - `missing_state`: a form submission carries no field values;
 * - `listener_failed`: handling failed for a reason the adapter did not foresee (logged as an error);
 * - `malformed`: an event that reached the core without a field it needs (the core refused it).
 */
export type RejectionReason =
  | 'malformed'
  | 'empty_id'
  | 'missing_author'
  | 'missing_data'
  | 'missing_state'
  | 'listener_failed';

/**
 * Thrown by an adapter's normalize functions for a payload the core must never see; the adapter's
 * listener logs it with `details` (ids and kinds only, never message text), counts it, and goes on
 * with the next event.
 * @example throw new RejectedEvent('empty_id', { field: 'channel_id', type: 'slash_command' })
 */
export class RejectedEvent extends Error {
  readonly reason: RejectionReason;
  readonly details: Record<string, string | undefined>;
  constructor(reason: RejectionReason, details: Record<string, string | undefined>) {
    super(`event rejected: ${reason}`);
    this.name = 'RejectedEvent';
    this.reason = reason;
    this.details = details;
  }
}

/**
 * Checks that every id a payload names is a non-empty string, so `slack:T1:` never becomes a key.
 * @example const { team_id } = requireIds('slash_command', { team_id: body.team_id, channel_id: body.channel_id })
 */
export function requireIds<K extends string>(type: string, ids: { [key in K]?: unknown }): Record<K, string> {
  for (const [field, value] of Object.entries(ids)) {
    if (typeof value !== 'string' || value.trim() === '')
      throw new RejectedEvent('empty_id', { type, field });
  }
  return ids as Record<K, string>;
}

/**
 * Logs and counts what a listener could not hand to the core: a rejected payload as a warning with
 * its details, anything else as an error. Never throws, so the listener goes on to the next event.
 * @example catch (error) { reportRejection(error, { platform: 'slack', listener: 'command' }, logger, count) }
 */
export function reportRejection(
  error: unknown,
  where: { platform: PlatformName; listener: string },
  logger: Logger,
  count: (reason: RejectionReason) => void,
): void {
  if (error instanceof RejectedEvent) {
    logger.warn({ ...where, ...error.details, reason: error.reason }, 'event rejected');
    count(error.reason);
    return;
  }
  logger.error({ ...where, err: error }, 'event could not be handled');
  count('listener_failed');
}
