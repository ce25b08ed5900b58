import { describe, expect, it } from 'vitest';
import { parseActionItem } from './review.parse.js';

// Wednesday 2026-12-02, 11:00 in Shanghai.
const now = new Date('2026-12-02T03:00:00Z');
const zone = 'Asia/Shanghai';

const one = (text: string, ownerId: string, dueDay?: string, customer?: string) => ({
  ok: true,
  items: [{ text, ownerId, dueDay, customer }],
});

describe('parseActionItem', () => {
  it.each([
    ['整理报价单 <@U2> 周五', one('整理报价单', 'U2', '2026-12-04')],
    ['整理报价单<@U2>周五', one('整理报价单', 'U2', '2026-12-04')],
    [
      '<@U2> 回访华星科技，确认交付时间 截止：12月10日',
      one('回访华星科技，确认交付时间', 'U2', '2026-12-10'),
    ],
    ['Send the revised quote <@U3|bob> friday', one('Send the revised quote', 'U3', '2026-12-04')],
    ['Send the quote <@U3> due:2026-12-15', one('Send the quote', 'U3', '2026-12-15')],
    ['Fix login <@U3>', one('Fix login', 'U3')],
    ['跟进续约\u3000<@U2>\u3000下周一\u3000客户：华星科技', one('跟进续约', 'U2', '2026-12-07', '华星科技')],
    [
      'Renewal call <@U3> customer:"Acme Corp" tomorrow',
      one('Renewal call', 'U3', '2026-12-03', 'Acme Corp'),
    ],
  ])('%s', (raw, expected) => {
    expect(parseActionItem(raw, zone, now)).toEqual(expected);
  });

  it.each([
    ['Send the quote <@U3> next friday', one('Send the quote', 'U3', '2026-12-11')],
    ['Send the quote <@U3> the day after tomorrow', one('Send the quote', 'U3', '2026-12-04')],
    ['Send the quote <@U3> in 3 days', one('Send the quote', 'U3', '2026-12-05')],
    ['Send the quote <@U3> before the weekend', one('Send the quote', 'U3', '2026-12-04')],
    ['Close the books <@U3> due: end of month', one('Close the books', 'U3', '2026-12-31')],
    ['整理报价单 <@U2> 下下周一', one('整理报价单', 'U2', '2026-12-14')],
    ['整理报价单 <@U2> 大后天', one('整理报价单', 'U2', '2026-12-05')],
    ['整理报价单 <@U2> 周末前', one('整理报价单', 'U2', '2026-12-04')],
    ['对账 <@U2> 截止：下个月5号', one('对账', 'U2', '2027-01-05')],
    ['<@U2> 回访客户，了解下周的需求', one('回访客户，了解下周的需求', 'U2')],
  ])('reads the due date in %s', (raw, expected) => {
    expect(parseActionItem(raw, zone, now)).toEqual(expected);
  });

  it.each([
    [
      'Renewal call customer: Acme Trading Co. owner: <@U3> due: next friday',
      one('Renewal call', 'U3', '2026-12-11', 'Acme Trading Co.'),
    ],
    [
      'Renewal call <@U3> customer: Acme Trading Co. friday',
      one('Renewal call', 'U3', '2026-12-04', 'Acme Trading Co.'),
    ],
    ['跟进续约 客户：北京 星辰 科技 负责人：<@U2>', one('跟进续约', 'U2', undefined, '北京 星辰 科技')],
    [
      '跟进续约 客户： 北京星辰科技 负责人： <@U2> 截止： 月底',
      one('跟进续约', 'U2', '2026-12-31', '北京星辰科技'),
    ],
    ['Ask <@U5> about pricing owner: <@U3>', one('Ask <@U5> about pricing', 'U3')],
  ])('reads key: value fields with spaces in %s', (raw, expected) => {
    expect(parseActionItem(raw, zone, now)).toEqual(expected);
  });

  it('gives every owner named the task', () => {
    const owners = (raw: string) => {
      const parsed = parseActionItem(raw, zone, now);
      return parsed.ok ? parsed.items.map((i) => [i.ownerId, i.text, i.dueDay]) : parsed;
    };
    expect(owners('Send the quote <@U3> and <@U4> friday')).toEqual([
      ['U3', 'Send the quote', '2026-12-04'],
      ['U4', 'Send the quote', '2026-12-04'],
    ]);
    expect(owners('整理报价单 <@U2>、<@U5> 周五')).toEqual([
      ['U2', '整理报价单', '2026-12-04'],
      ['U5', '整理报价单', '2026-12-04'],
    ]);
    expect(owners('整理报价单 负责人：<@U2> <@U5> <@U2>')).toEqual([
      ['U2', '整理报价单', undefined],
      ['U5', '整理报价单', undefined],
    ]);
  });

  it.each([
    ['整理报价单 周五', 'review.action.noOwner', {}],
    ['<@U2> 周五', 'review.action.noText', {}],
    ['<@U2>', 'review.action.noText', {}],
    ['整理报价单 <@U2> 截止：下辈子', 'review.action.badDue', { value: '下辈子' }],
    ['整理报价单 <@U2> 下下下周', 'review.action.badDue', { value: '下下下周' }],
    ['Send the quote <@U3> friday please', 'review.action.badDue', { value: 'friday please' }],
    ['Send the quote <@U3> someday', 'review.action.badDue', { value: 'someday' }],
    ['<@U2> 回访客户 下下下周', 'review.action.badDue', { value: '下下下周' }],
    ['<@U2> 回访客户 周八', 'review.action.badDue', { value: '周八' }],
    ['<@U2> 回访客户 35号', 'review.action.badDue', { value: '35号' }],
    ['Send the quote <@U3> due: friday soon', 'review.action.badDue', { value: 'friday soon' }],
    ['Send the quote <@U3> call first due: friday', 'review.action.unread', { value: 'call first' }],
    ['整理报价单 <@U2> 截止：2026-11-30', 'review.action.pastDue', {}],
    [`${'很长'.repeat(200)} <@U2>`, 'review.action.tooLong', {}],
  ])('%s → %s', (raw, error, params) => {
    expect(parseActionItem(raw, zone, now)).toEqual({ ok: false, error, params });
  });
});
