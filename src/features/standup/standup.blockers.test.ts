import { describe, expect, it } from 'vitest';
import { blockerFeatures, blockerSimilarity, SAME_BLOCKER, sameBlocker, stem } from './standup.blockers.js';

describe('sameBlocker', () => {
  it('recognises one English problem told in other words', () => {
    for (const [a, b] of [
      ['waiting on API keys from Acme', "still waiting for Acme's API key"],
      ['no access to prod', 'Still no prod access.'],
      ['design review pending', 'Waiting for the design review'],
      ['Acme API keys', 'Acme API keys for production'],
      ['waiting on credentials from Acme', 'still waiting on Acme credentails'],
    ]) {
      expect(sameBlocker(a as string, b as string), `${a} | ${b}`).toBe(true);
    }
  });

  it('recognises one Chinese problem told in other words', () => {
    for (const [a, b] of [
      ['等客户提供测试账号', '还在等客户的测试账号'],
      ['等客户提供测试账号', '客户的测试账号还没给'],
      ['等设计稿', '还在等设计稿。'],
      ['服务器磁盘满了', '服务器磁盘还是满的'],
      ['API 限流', 'API 限流还没解决'],
    ]) {
      expect(sameBlocker(a as string, b as string), `${a} | ${b}`).toBe(true);
    }
  });

  it('keeps near misses apart: another customer, system, environment or thing', () => {
    for (const [a, b] of [
      ['waiting on API keys from Acme', 'waiting on API keys from Globex'],
      ['no access to prod', 'no access to staging'],
      ['API 限流', 'API 超时'],
      ['VPN down', 'VPN'],
      ['等客户提供测试账号', '等客户提供测试数据'],
      ['等客户提供测试账号', '等客户提供生产账号'],
      ['在线支付报错', '离线支付报错'],
      ['等设计稿', '等测试报告'],
    ]) {
      expect(sameBlocker(a as string, b as string), `${a} | ${b}`).toBe(false);
    }
  });

  it('puts the threshold between the closest near miss and the loosest rewording', () => {
    expect(blockerSimilarity('Acme API keys', 'Acme API keys for production')).toBeGreaterThanOrEqual(
      SAME_BLOCKER,
    );
    expect(blockerSimilarity('API keys Acme prod', 'API keys Acme staging')).toBeLessThan(SAME_BLOCKER);
    expect(blockerSimilarity('在线支付报错', '离线支付报错')).toBeLessThan(SAME_BLOCKER);
  });

  it('finds nothing alike in text with no content, but the same words are the same blocker', () => {
    expect(blockerSimilarity('still waiting', 'still waiting')).toBe(0);
    expect(sameBlocker('Still waiting!', 'still waiting')).toBe(true);
    expect(sameBlocker('ＡＰＩ　限流！', 'api限流')).toBe(true);
  });
});

describe('blockerFeatures', () => {
  it('keeps what a blocker is about, not how it stands', () => {
    expect(blockerFeatures("Still waiting for Acme's API keys")).toEqual(['acme', 'api', 'key']);
    expect(blockerFeatures('还在等客户的测试账号')).toEqual([
      '^客',
      '客户',
      '户测',
      '测试',
      '试账',
      '账号',
      '号$',
    ]);
    expect(blockerFeatures('卡')).toEqual(['卡']);
  });

  it('stems English words the same way on both sides', () => {
    expect(stem('waiting')).toBe('wait');
    expect(stem('keys')).toBe('key');
    expect(stem('access')).toBe('access');
    expect(stem('approvals')).toBe('approval');
  });
});
