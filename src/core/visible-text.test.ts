import { describe, expect, it } from 'vitest';
import { visibleName } from './visible-text.js';

describe('visibleName', () => {
  it('removes zero-width, bidi and filler characters, and collapses spaces', () => {
    expect(visibleName('\u200BAcme\u200B  Ltd\u202E')).toBe('Acme Ltd');
    expect(visibleName('\uFEFF阿里巴巴\u200C（中国）\u00AD')).toBe('阿里巴巴（中国）');
    expect(visibleName('王\u3164芳\u2800')).toBe('王芳');
    expect(visibleName('bob\u0007\u200E')).toBe('bob');
  });

  it('is empty when nothing visible is left', () => {
    expect(visibleName('\u200B\u200C\u200D\u2060\u3164 \u00A0')).toBe('');
  });

  it('keeps the joiner inside an emoji sequence, and only there', () => {
    expect(visibleName('👨\u200D👩\u200D👧 team')).toBe('👨\u200D👩\u200D👧 team');
    expect(visibleName('a\u200Db')).toBe('ab');
  });
});
