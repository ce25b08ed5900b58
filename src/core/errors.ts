import type { MessageKey, Params } from './i18n/catalog.js';

/**
 * An error the user caused and can fix: answered ephemerally in their language, never logged as a fault.
 * @example throw new UserFacingError('invalid_timezone', 'error.invalidTimezone', { value: 'Mars/Base' })
 */
export class UserFacingError extends Error {
  readonly code: string;
  readonly key: MessageKey;
  readonly params: Params;
  constructor(code: string, key: MessageKey, params: Params = {}) {
    super(`${code}: ${key}`);
    this.name = 'UserFacingError';
    this.code = code;
    this.key = key;
    this.params = params;
  }
}
