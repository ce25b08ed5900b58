import { describe, expect, it } from 'vitest';
import { excerptOf } from './rules.service.js';

describe('audit excerpts', () => {
  it('keep a little context around the hit and never the whole message', () => {
    expect(excerptOf('hello please 加微信 abc123 now thanks', '加微信')).toBe('…please 加微信 abc123…');
    expect(excerptOf('需要的加 微 信了解一下', '加 微 信')).toBe('…的加 微 信了…');
    expect(excerptOf('加微信', '加微信')).toBe('加…信');
    const long = `${'x'.repeat(500)} scam ${'y'.repeat(500)}`;
    expect(excerptOf(long, 'scam').length).toBeLessThanOrEqual(42);
  });
});
