import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Seals CRM secrets before they touch the database: AES-256-GCM with a key derived (HKDF-SHA256)
 * from MUSTER_SECRET_KEY, so the database file alone reveals nothing, and any change to a sealed
 * value, or moving it to another row, fails to open instead of yielding garbage.
 */

const VERSION = 'v1';
/** Fixed and public: it only separates this use of the key from any other HKDF use of it. */
const HKDF_SALT = 'muster.secret-box';
const HKDF_INFO = 'v1 crm connection secrets';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const MIN_SECRET_KEY_LENGTH = 32;

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

export interface SecretBox {
  /** `context` (the workspace id) is authenticated, not stored: the value opens only for that row. */
  seal(plaintext: string, context: string): string;
  open(sealed: string, context: string): string;
}

const b64 = (bytes: Buffer): string => bytes.toString('base64url');

/**
 * @example const box = createSecretBox(process.env.MUSTER_SECRET_KEY); box.open(box.seal('s', 'slack:T1'), 'slack:T1') === 's'
 */
export function createSecretBox(secretKey: string): SecretBox {
  if (secretKey.length < MIN_SECRET_KEY_LENGTH) {
    throw new SecretBoxError(`MUSTER_SECRET_KEY must be at least ${MIN_SECRET_KEY_LENGTH} characters.`);
  }
  const key = Buffer.from(hkdfSync('sha256', secretKey, HKDF_SALT, HKDF_INFO, KEY_BYTES));
  return {
    seal(plaintext, context) {
      // A random 96-bit IV per seal: GCM must never see one IV twice under a key.
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [VERSION, b64(iv), b64(cipher.getAuthTag()), b64(body)].join(':');
    },
    open(sealed, context) {
      const [version, iv, tag, body, ...extra] = sealed.split(':');
      if (
        version !== VERSION ||
        iv === undefined ||
        tag === undefined ||
        body === undefined ||
        extra.length
      ) {
        throw new SecretBoxError('The stored CRM secrets are not in a format this Muster can read.');
      }
      const ivBytes = Buffer.from(iv, 'base64url');
      const tagBytes = Buffer.from(tag, 'base64url');
      if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) {
        throw new SecretBoxError('The stored CRM secrets are damaged.');
      }
      const decipher = createDecipheriv('aes-256-gcm', key, ivBytes, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(tagBytes);
      try {
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        // GCM cannot tell a wrong key from a tampered value; the wrong key is by far the likelier.
        throw new SecretBoxError(
          'The stored CRM secrets cannot be opened with this MUSTER_SECRET_KEY: it is not the key they were saved with (or the value was changed). Set the original key, or connect the CRM again.',
        );
      }
    },
  };
}
