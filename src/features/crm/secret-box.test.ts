import { describe, expect, it } from 'vitest';
import { createSecretBox, SecretBoxError } from './secret-box.js';

const KEY = 'k'.repeat(32);
const OTHER_KEY = 'o'.repeat(44);
const SECRET = '1000.refresh-token.秘密-9d8c7b6a';

describe('secret box', () => {
  it('opens what it sealed, and the sealed text shows nothing of the secret', () => {
    const box = createSecretBox(KEY);
    const sealed = box.seal(SECRET, 'slack:T1');
    expect(sealed).toMatch(/^v1:[\w-]+:[\w-]+:[\w-]+$/);
    expect(sealed).not.toContain('refresh-token');
    expect(box.open(sealed, 'slack:T1')).toBe(SECRET);
  });

  it('seals the same secret differently each time (a fresh IV)', () => {
    const box = createSecretBox(KEY);
    expect(box.seal(SECRET, 'slack:T1')).not.toBe(box.seal(SECRET, 'slack:T1'));
  });

  it('refuses a wrong key, another row, a changed value and an unknown format, saying so', () => {
    const sealed = createSecretBox(KEY).seal(SECRET, 'slack:T1');
    expect(() => createSecretBox(OTHER_KEY).open(sealed, 'slack:T1')).toThrow(
      /not the key they were saved with/,
    );
    expect(() => createSecretBox(KEY).open(sealed, 'slack:T2')).toThrow(SecretBoxError);
    const [v, iv, tag, body] = sealed.split(':') as [string, string, string, string];
    const flipped = `${body.slice(0, -2)}${body.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(() => createSecretBox(KEY).open([v, iv, tag, flipped].join(':'), 'slack:T1')).toThrow(
      SecretBoxError,
    );
    expect(() => createSecretBox(KEY).open(`v9:${iv}:${tag}:${body}`, 'slack:T1')).toThrow(/format/);
    expect(() => createSecretBox(KEY).open('not sealed', 'slack:T1')).toThrow(SecretBoxError);
  });

  it('will not work with a short key', () => {
    expect(() => createSecretBox('too-short')).toThrow(/at least 32/);
  });
});
