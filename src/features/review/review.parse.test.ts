import { describe, expect, it } from 'vitest';
import { parseActionItem } from './review.parse.js';

// Wednesday 2026-12-02, 11:00 in Shanghai.
const now = new Date('2026-12-02T03:00:00Z');
const zone = 'Asia/Shanghai';

describe('parseActionItem', () => {
  it.each([
    ['整理报价单 <@U2> 周五', { text: '整理报价单', ownerId: 'U2', dueDay: '2026-12-04' }],
    ['整理报价单<@U2>周五', { text: '整理报价单', ownerId: 'U2', dueDay: '2026-12-04' }],
    [
      '<@U2> 回访华星科技，确认交付时间 截止：12月10日',
      { text: '回访华星科技，确认交付时间', ownerId: 'U2', dueDay: '2026-12-10' },
    ],
    [
      'Send the revised quote <@U3|bob> friday',
      { text: 'Send the revised quote', ownerId: 'U3', dueDay: '2026-12-04' },
    ],
    ['Send the quote <@U3> due:2026-12-15', { text: 'Send the quote', ownerId: 'U3', dueDay: '2026-12-15' }],
    ['Fix login <@U3>', { text: 'Fix login', ownerId: 'U3', dueDay: undefined }],
    [
      '跟进续约\u3000<@U2>\u3000下周一\u3000客户：华星科技',
      { text: '跟进续约', ownerId: 'U2', dueDay: '2026-12-07', customer: '华星科技' },
    ],
    [
      'Renewal call <@U3> customer:"Acme Corp" tomorrow',
      { text: 'Renewal call', ownerId: 'U3', dueDay: '2026-12-03', customer: 'Acme Corp' },
    ],
  ])('%s', (raw, expected) => {
    const parsed = parseActionItem(raw, zone, now);
    expect(parsed).toEqual({ ok: true, item: { customer: undefined, ...expected } });
  });

  it.each([
    ['整理报价单 周五', 'review.action.noOwner'],
    ['<@U2> 周五', 'review.action.noText'],
    ['<@U2>', 'review.action.noText'],
    ['整理报价单 <@U2> 截止：下辈子', 'review.action.badDue'],
    ['整理报价单 <@U2> 截止：2026-11-30', 'review.action.pastDue'],
    [`${'很长'.repeat(200)} <@U2>`, 'review.action.tooLong'],
  ])('%s → %s', (raw, error) => {
    expect(parseActionItem(raw, zone, now)).toEqual({ ok: false, error });
  });
});
