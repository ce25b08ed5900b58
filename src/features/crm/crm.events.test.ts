import { describe, expect, it } from 'vitest';
import { translator } from '../../core/i18n/catalog.js';
import {
  actionItemEvent,
  crmEventSchema,
  type FeedbackFacts,
  feedbackCreatedEvent,
  feedbackResolvedEvent,
  feedbackStatusEvent,
  type StatusChangeFacts,
} from './crm.events.js';

const item: FeedbackFacts = {
  id: 42,
  customer: '华星科技(上海)有限公司',
  accountId: '5725767000000100001',
  score: 2,
  scale: 'csat',
  comment: '交付又延期了',
  tags: ['交付', '沟通'],
  group: '#华星-项目群',
  author: '张伟',
  status: 'open',
  createdAt: new Date('2026-12-01T01:00:00Z'),
};

const change: StatusChangeFacts = {
  historyId: 7,
  from: 'in_progress',
  to: 'resolved',
  actor: 'Lin Mei',
  at: new Date('2026-12-02T08:00:00Z'),
  resolution: 'Delivery date confirmed in the weekly report.',
};

describe('CRM events', () => {
  it('a new feedback item is a note with customer, score, comment, tags, group and author', () => {
    const event = feedbackCreatedEvent(item, translator('en'));
    expect(event).toMatchObject({
      id: 'fb:42:created',
      type: 'feedback.created',
      occurredAt: '2026-12-01T01:00:00.000Z',
      accountId: '5725767000000100001',
      customer: '华星科技(上海)有限公司',
      title: 'Feedback #42 from 华星科技(上海)有限公司: 2/5',
      data: {
        feedback_id: 42,
        score: 2,
        scale: 'csat5',
        tags: ['交付', '沟通'],
        author: '张伟',
        status: 'open',
      },
    });
    expect(event.body).toBe(
      'Customer: 华星科技(上海)有限公司\nScore: 2/5\nComment: 交付又延期了\nTags: #交付 #沟通\nGroup: #华星-项目群\nRecorded by: 张伟',
    );
    expect(crmEventSchema.safeParse(event).success).toBe(true);
  });

  it('is written in the workspace’s language, with something for what is missing', () => {
    const event = feedbackCreatedEvent(
      { ...item, comment: ' ', tags: [], scale: 'nps', score: 9 },
      translator('zh-CN'),
    );
    expect(event.title).toBe('客户反馈 #42：华星科技(上海)有限公司，9/10 分');
    expect(event.body).toContain('评分：9/10');
    expect(event.body).toContain('反馈内容：（无）');
    expect(event.body).toContain('标签：无');
    expect(event.body).toContain('记录人：张伟');
    expect(event.data.scale).toBe('nps');
  });

  it('a status change and a resolution have one id per history entry', () => {
    const t = translator('en');
    const moved = feedbackStatusEvent(item, { ...change, historyId: 5, from: 'open', to: 'in_progress' }, t);
    expect(moved).toMatchObject({
      id: 'fb:42:status:5',
      type: 'feedback.status_changed',
      title: 'Feedback #42 is now in progress',
      data: { from_status: 'open', status: 'in_progress', author: 'Lin Mei' },
    });
    expect(moved.body).toBe(
      'Lin Mei moved feedback #42 from open to in progress.\nOriginal feedback: 2/5, “交付又延期了”',
    );
    const resolved = feedbackResolvedEvent(item, change, t);
    expect(resolved).toMatchObject({
      id: 'fb:42:resolved:7',
      type: 'feedback.resolved',
      occurredAt: '2026-12-02T08:00:00.000Z',
      title: 'Feedback #42 resolved',
      data: { status: 'resolved', from_status: 'in_progress', resolved_by: 'Lin Mei' },
    });
    expect(resolved.body).toContain('Resolved by Lin Mei: Delivery date confirmed');
    expect(feedbackResolvedEvent(item, { ...change, historyId: 9 }, t).id).toBe('fb:42:resolved:9');
    expect(feedbackResolvedEvent(item, { ...change, resolution: null }, translator('zh-CN')).body).toContain(
      'Lin Mei 已处理：未填写说明',
    );
  });

  it('an action item names its task, owner and due day', () => {
    const event = actionItemEvent(
      {
        id: 3,
        customer: '华星科技',
        accountId: '',
        text: '回访客户',
        owner: 'bob',
        due: '2026-12-04',
        week: '2026-11-30',
        group: '#C1',
        createdAt: new Date('2026-12-01T01:00:00Z'),
      },
      translator('zh-CN'),
    );
    expect(event).toMatchObject({
      id: 'ai:3:created',
      type: 'review.action_item',
      title: '周会待办事项',
      body: '回访客户\n负责人：bob，截止：2026-12-04。\n群：#C1',
      data: { action_item_id: 3, due: '2026-12-04', week: '2026-11-30', owner: 'bob' },
    });
    expect(crmEventSchema.safeParse(event).success).toBe(true);
  });

  it('the stored-event schema turns away a row that is not an event', () => {
    expect(crmEventSchema.safeParse({ id: 'x' }).success).toBe(false);
    expect(crmEventSchema.safeParse('fb:1:created').success).toBe(false);
  });
});
