import { describe, expect, it } from 'vitest';
import { type ContactKind, findContacts } from './contact-finder.js';

const ALL = new Set<ContactKind>(['phone', 'chatId', 'email']);
const found = (text: string) => findContacts(text, ALL).map((c) => [c.kind, text.slice(c.start, c.end)]);

describe('findContacts', () => {
  it('finds Chinese mobile numbers in every common layout', () => {
    for (const phone of [
      '13812345678',
      '138 1234 5678',
      '138-1234-5678',
      '+86 138 1234 5678',
      '+8613812345678',
      '0086-13812345678',
      '(+86)13812345678',
      '１３８１２３４５６７８',
    ]) {
      expect(found(`电话${phone}谢谢`)).toEqual([['phone', phone]]);
    }
  });

  it('does not take order numbers, dates, times or prices for phones', () => {
    expect(found('订单号 2024011513812345678')).toEqual([]);
    expect(found('SF1381234567890')).toEqual([]);
    expect(found('2024-01-15 13:30, ¥13800.00, 1380000000')).toEqual([]);
  });

  it('finds WeChat and QQ IDs behind their many spellings', () => {
    expect(found('微信：zhangsan')).toEqual([['chatId', '微信：zhangsan']]);
    expect(found('加我VX abc_123')).toEqual([['chatId', 'VX abc_123']]);
    expect(found('薇信号 wxid_88a')).toEqual([['chatId', '薇信号 wxid_88a']]);
    expect(found('wx: bob_smith')).toEqual([['chatId', 'wx: bob_smith']]);
    expect(found('QQ：12345678')).toEqual([['chatId', 'QQ：12345678']]);
    expect(found('扣扣87654321')).toEqual([['chatId', '扣扣87654321']]);
  });

  it('does not fire on WeChat without an ID', () => {
    expect(found('我们用微信沟通，微信支付 100000 元，vx同号')).toEqual([]);
    expect(found('微信 official account')).toEqual([]);
    expect(found('wx.request(options)')).toEqual([]);
  });

  it('finds email addresses, full-width at signs too', () => {
    expect(found('write to a.b+c@mail.example.com.')).toEqual([['email', 'a.b+c@mail.example.com']]);
    expect(found('zhang＠example.cn')).toEqual([['email', 'zhang＠example.cn']]);
    expect(found('@everyone user@localhost')).toEqual([]);
  });

  it('looks only for the kinds asked for', () => {
    expect(findContacts('13812345678 a@b.com', new Set<ContactKind>(['email'])).map((c) => c.kind)).toEqual([
      'email',
    ]);
  });
});
