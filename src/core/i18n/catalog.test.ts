import { describe, expect, it } from 'vitest';
import { translate } from './catalog.js';

describe('a value between Chinese words', () => {
  it('takes no space when it is Chinese itself, and keeps it for Latin words, digits and mentions', () => {
    expect(translate('zh-CN', 'crm.disconnected', { crm: '纷享销客', cancelled: 2 })).toBe(
      '已断开纷享销客并删除凭证。2 条排队中的记录已放弃；客户关联保留。',
    );
    expect(translate('zh-CN', 'crm.disconnected', { crm: 'Zoho CRM', cancelled: 0 })).toBe(
      '已断开 Zoho CRM 并删除凭证。0 条排队中的记录已放弃；客户关联保留。',
    );
    expect(translate('zh-CN', 'crm.link.choose', { crm: '纷享销客', count: 2, customer: '星辰' })).toBe(
      '纷享销客里有 2 个名为“星辰”的客户，是哪一个？',
    );
  });

  it('keeps spaces inside a value and leaves English as it is', () => {
    expect(translate('zh-CN', 'crm.disconnected', { crm: '北京 星辰（中国）', cancelled: 1 })).toBe(
      '已断开北京 星辰（中国）并删除凭证。1 条排队中的记录已放弃；客户关联保留。',
    );
    expect(translate('zh-CN', 'crm.disconnected', { crm: '@小王', cancelled: 1 })).toContain(
      '已断开 @小王 并',
    );
    expect(
      translate('zh-CN', 'console.quoteHint', { name: '陈', rest: '明', channel: '#general' }),
    ).toContain('叫 @陈 的人');
    expect(translate('en', 'crm.disconnected', { crm: 'Zoho CRM', cancelled: 1 })).not.toContain('{');
  });
});
