import { describe, expect, it } from 'vitest';
import { excerptOf, floodExcerpt, readable } from './excerpt.js';

describe('audit excerpts', () => {
  it('keep a little context around the hit and never the whole of a long message', () => {
    expect(excerptOf('hello please 加微信 abc123 now thanks', '加微信')).toBe('…please 加微信 abc123 now…');
    expect(excerptOf('大家好，加 微 信 了解一下优惠，详情请私聊我，谢谢大家支持', '加 微 信')).toBe(
      '大家好，加 微 信 了解一下优惠，详情请私…',
    );
    // A short message is kept as it is: a slice of it would say less, not protect more.
    expect(excerptOf('需要的加 微 信了解一下', '加 微 信')).toBe('需要的加 微 信了解一下');
    // A short message is the hit itself: a slice such as “加…信” would say nothing.
    expect(excerptOf('加微信', '加微信')).toBe('加微信');
    const long = `${'x'.repeat(500)} scam ${'y'.repeat(500)}`;
    expect(excerptOf(long, 'scam').length).toBeLessThanOrEqual(42);
  });
});

describe('readable text', () => {
  const nameOf = (kind: 'user' | 'channel', id: string) =>
    kind === 'user' ? ({ U1: 'Ann Lee', U2: '王小明' } as Record<string, string>)[id] : undefined;

  it('shows mentions as @Name, channel links as #name and broadcasts as @here, never a raw token', () => {
    expect(readable('<@U1> 和 <@U2> 请看 <#C1|general>', nameOf)).toBe('@Ann Lee 和 @王小明 请看 #general');
    expect(readable('<!here> <@U9|bob> <@U8>', nameOf)).toBe('@here @bob @U8');
  });

  it('keeps a flood excerpt to the message that went over the limit', () => {
    expect(floodExcerpt('ok')).toBe('ok');
    expect(floodExcerpt(`${'好'.repeat(60)}`)).toHaveLength(40);
  });
});
