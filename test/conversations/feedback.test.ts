import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness, snapshot } from '../helpers/harness.js';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(async () => {
  await h.app.close();
});

const items = () =>
  h.sql
    .prepare(
      'select f.score, f.comment, f.tags, f.scale, c.name customer, c.crm_account_id crm from feedback_items f join customers c on c.id = f.customer_id order by f.id',
    )
    .all();
const FEEDBACK_TABLES = ['customers', 'feedback_items', 'feedback_history', 'feedback_settings'];

async function team() {
  await h.run('/role add <@amy> account_manager');
  await h.run('/role add <@max> manager');
  await h.run('/role add <@pat> pm');
  h.platform.sent.length = 0;
}

describe('/feedback capture', () => {
  it('the form and the inline command store the same row; differently typed names are one customer', async () => {
    const opened = await h.run('/feedback', { user: 'bob' });
    const form = opened.responder.forms[0];
    expect(form?.fields.map((f) => f.id)).toEqual(['customer', 'score', 'comment', 'tags', 'crm']);
    const submitted = await h.send({
      type: 'form.submitted',
      ...h.base({ user: 'bob' }),
      formId: form?.formId ?? '',
      context: form?.context ?? '',
      values: {
        customer: 'Acme Ltd',
        score: '4',
        comment: 'late delivery again',
        tags: '#logistics',
        crm: '',
      },
    });
    expect(submitted.rejections).toEqual([]);
    await h.run('/feedback customer:"ACME ltd" rating:4 late delivery again #logistics', { user: 'bob' });
    await h.run('/feedback 客户：“Ａｃｍｅ Ltd.”评分：4 late delivery again＃logistics', { user: 'bob' });
    const rows = items() as { customer: string; score: number; comment: string; tags: string }[];
    expect(rows).toHaveLength(3);
    expect(
      new Set(rows.map((r) => JSON.stringify([r.customer, r.score, r.comment.trim(), r.tags]))),
    ).toHaveProperty('size', 1);
    expect(h.sql.prepare('select count(*) n from customers').get()).toEqual({ n: 1 });
  });

  it('bad input names the field, in the reader’s language, and stores nothing', async () => {
    await h.run('/feedback customer:Acme rating:3 fine', { user: 'bob' });
    const before = snapshot(h, FEEDBACK_TABLES);
    expect((await h.run('/feedback customer:Acme rating:9 great', { user: 'bob' })).text).toMatch(/1.*5/);
    expect((await h.run('/feedback rating:3 no customer given', { user: 'bob' })).text).toMatch(/customer/i);
    await h.run('/muster language zh-CN', { user: 'bob' });
    expect((await h.run('/feedback 客户：Acme 评分：0 太差', { user: 'bob' })).text).toMatch(/评分|分数/);
    expect((await h.run('/feedback show 999', { user: 'bob' })).text).toContain('999');
    expect(snapshot(h, FEEDBACK_TABLES)).toBe(before);
  });

  it('a group default customer means members need not type it', async () => {
    expect((await h.run('/feedback settings customer Acme Ltd')).text).toContain('Acme Ltd');
    await h.run('/feedback rating:5 smooth launch', { user: 'bob' });
    expect(items()).toMatchObject([{ customer: 'Acme Ltd', score: 5 }]);
  });
});

describe('alerts and follow-up', () => {
  it('a score of 1 alerts the account managers and managers of the group, once, even after a restart', async () => {
    await team();
    await h.run('/feedback customer:Acme rating:1 the system was down all morning', { user: 'bob' });
    expect(h.dmsTo('amy')).toHaveLength(1);
    expect(h.dmsTo('max')).toHaveLength(1);
    expect(h.dmsTo('pat')).toHaveLength(0);
    expect(h.dmsTo('bob')).toHaveLength(0);
    const alert = h.dmsTo('amy')[0]?.message;
    expect(
      alert?.blocks?.flatMap((b) => (b.type === 'buttons' ? b.buttons.map((x) => x.actionId) : [])),
    ).toEqual(['feedback.take', 'feedback.resolve']);
    await h.app.tick(h.clock.now());
    await h.app.tick(h.clock.now());
    expect(h.dmsTo('amy')).toHaveLength(1);
    await h.run('/feedback customer:Acme rating:4 ok now', { user: 'bob' });
    expect(h.dmsTo('amy')).toHaveLength(1);
  });

  it('also posts to the group’s alert channel when one is set', async () => {
    await team();
    expect((await h.run('/feedback settings alerts <#C9>')).text).toContain('<#C9>');
    expect((await h.run('/feedback settings alerts C9', { user: 'bob' })).text).toContain(
      'only a group admin',
    );
    await h.run('/feedback customer:Acme rating:2 slow', { user: 'bob' });
    const inAlerts = h.platform.sent.filter(
      (s) => s.target.kind === 'channel' && s.target.conversation.channelId === 'C9',
    );
    expect(inAlerts).toHaveLength(1);
    expect(inAlerts[0]?.message.text).toContain('2/5');
  });

  it('never into a group shared with the customer: not this group, not one with customers in it', async () => {
    await team();
    await h.run('/role add <@cora> customer', { channel: 'C7' });
    const before = snapshot(h, FEEDBACK_TABLES);
    expect((await h.run('/feedback settings alerts <#C1>')).text).toContain('team-only channel');
    const zh = await h.run('/feedback 设置 提醒频道 <#C7>', { locale: 'zh-CN' });
    expect(zh.text).toContain('团队内部频道');
    expect(snapshot(h, FEEDBACK_TABLES)).toBe(before);
    // A team channel chosen first that later takes in a customer gets no more alerts; the DMs still go.
    await h.run('/feedback settings alerts <#C9>');
    await h.run('/role add <@cora> customer', { channel: 'C9' });
    await h.run('/feedback customer:Acme rating:1 down again', { user: 'bob' });
    expect(
      h.platform.sent.filter((s) => s.target.kind === 'channel' && s.target.conversation.channelId === 'C9'),
    ).toEqual([]);
    expect(h.dmsTo('amy')).toHaveLength(1);
  });

  it('an alert the process never sent goes out on the next tick, once', async () => {
    await team();
    h.sql
      .prepare(
        `insert into customers (workspace_id, key, name, created_at) values ('slack:T1', 'acme', 'Acme', ?)`,
      )
      .run(h.clock.now().getTime());
    h.sql
      .prepare(
        `insert into feedback_items (workspace_id, group_id, customer_id, score, scale, comment, tags, author_id, created_at)
         values ('slack:T1', 'slack:T1:C1', 1, 1, 'csat', 'saved before a crash', '[]', 'slack:T1:bob', ?)`,
      )
      .run(h.clock.now().getTime());
    await h.app.tick(h.clock.now());
    await h.app.tick(h.clock.now());
    expect(h.dmsTo('amy')).toHaveLength(1);
  });

  it('the owner or a manager follows up; others are refused; unresolved low scores escalate once', async () => {
    await team();
    await h.run('/feedback settings escalate 24');
    await h.run('/feedback customer:Acme rating:2 invoice wrong', { user: 'bob' });
    await h.run('/feedback customer:Globex rating:1 outage', { user: 'bob' });
    await h.run('/feedback customer:Initech rating:5 great support', { user: 'bob' });
    expect((await h.run('/feedback resolve 1 fixed', { user: 'bob' })).text).toContain('#1');
    expect(h.sql.prepare('select status from feedback_items where id = 1').get()).toEqual({ status: 'open' });
    const take = await h.click('feedback.take', '1', { user: 'amy' });
    expect(take.text).toContain('#1');
    expect((await h.run('/feedback resolve 1 refunded the difference', { user: 'amy' })).text).toContain(
      '#1',
    );
    expect((await h.run('/feedback assign 2 <@pat>', { user: 'max' })).text).toContain('<@pat>');
    expect(h.dmsTo('pat')).toHaveLength(1);
    expect((await h.run('/feedback reopen 1', { user: 'pat' })).text).toContain('#1');

    h.clock.advance(23 * 3_600_000);
    await h.app.tick(h.clock.now());
    const escalations = () => h.dmsTo('max').filter((s) => s.message.text.includes('24'));
    expect(escalations()).toHaveLength(0);
    h.clock.advance(2 * 3_600_000);
    await h.app.tick(h.clock.now());
    await h.app.tick(h.clock.now());
    // Only #2: #1 was resolved and #3 is a happy customer.
    expect(escalations()).toHaveLength(1);
    expect(escalations()[0]?.message.text).toContain('#2');
    const history = await h.run('/feedback show 1');
    expect(history.text).toContain('refunded the difference');
  });
});

describe('surveys', () => {
  it('three members answer (one of them twice): three answers, a comment form each time, and the result when it closes', async () => {
    await team();
    const started = await h.run('/feedback survey Acme Ltd');
    expect(started.text).toContain('Survey #1');
    const post = h.platform.sent.find((s) => s.target.kind === 'channel');
    const buttons = post?.message.blocks?.flatMap((b) => (b.type === 'buttons' ? b.buttons : [])) ?? [];
    expect(buttons.map((b) => b.label)).toEqual(['1', '2', '3', '4', '5']);
    const tap = (user: string, score: number) => h.click('feedback.survey.answer', `1:${score}`, { user });
    const first = await tap('bob', 4);
    expect(first.responder.forms[0]?.fields.map((f) => f.id)).toEqual(['comment']);
    await tap('carol', 5);
    await tap('dan', 3);
    await tap('bob', 2);
    expect(h.sql.prepare('select count(*) n from survey_answers where survey_id = 1').get()).toEqual({
      n: 3,
    });
    expect(h.sql.prepare('select score from feedback_items order by id').all()).toEqual([
      { score: 2 },
      { score: 5 },
      { score: 3 },
    ]);
    // bob's change to 2 is a low score: the people responsible hear about it, once.
    expect(h.dmsTo('amy')).toHaveLength(1);
    h.clock.advance(25 * 3_600_000);
    await h.app.tick(h.clock.now());
    await h.app.tick(h.clock.now());
    const results = h.platform.sent.filter((s) => s.message.text.includes('closed:'));
    expect(results).toHaveLength(1);
    expect(results[0]?.message.text).toContain('3 answers, average 3.3/5');
    expect((await tap('erin', 5)).text).toContain('closed');
  });

  it('a score the survey did not offer is refused and stores nothing; the customer’s answer is taken', async () => {
    await team();
    await h.run('/role add <@cora> customer');
    await h.run('/feedback survey Acme Ltd');
    const before = snapshot(h, [...FEEDBACK_TABLES, 'survey_answers']);
    for (const value of ['1:999', '1:-50', '1:-1000000', '1:0']) {
      expect((await h.click('feedback.survey.answer', value, { user: 'cora' })).text).toContain(
        'from 1 to 5',
      );
    }
    expect(
      (await h.click('feedback.survey.answer', '1:6', { user: 'cora', locale: 'zh-CN' })).text,
    ).toContain('1 到 5 之间的整数');
    expect(snapshot(h, [...FEEDBACK_TABLES, 'survey_answers'])).toBe(before);
    await h.click('feedback.survey.answer', '1:4', { user: 'cora' });
    expect(h.sql.prepare('select score from feedback_items').all()).toEqual([{ score: 4 }]);
  });

  it('in a group with the customer’s people, only they answer: a team member’s click records nothing', async () => {
    await team();
    await h.run('/role add <@cora> customer');
    await h.run('/feedback survey Acme Ltd');
    const before = snapshot(h, [...FEEDBACK_TABLES, 'survey_answers']);
    expect((await h.click('feedback.survey.answer', '1:1', { user: 'bob' })).text).toContain(
      'This survey is for the customer',
    );
    expect((await h.click('feedback.survey.answer', '1:1', { user: 'amy', locale: 'zh-CN' })).text).toContain(
      '这份调查是请客户填写的',
    );
    expect(snapshot(h, [...FEEDBACK_TABLES, 'survey_answers'])).toBe(before);
    await h.click('feedback.survey.answer', '1:5', { user: 'cora' });
    expect(h.sql.prepare('select score from feedback_items').all()).toEqual([{ score: 5 }]);
  });

  it('in a group with the customer’s people, the result goes to the team by DM, not into the group', async () => {
    await team();
    await h.run('/role add <@cora> customer');
    await h.run('/feedback survey Acme Ltd');
    await h.click('feedback.survey.answer', '1:2', { user: 'cora' });
    h.clock.advance(25 * 3_600_000);
    await h.app.tick(h.clock.now());
    await h.app.tick(h.clock.now());
    const results = h.platform.sent.filter((s) => s.message.text.includes('closed:'));
    // Whoever asked, and the account managers and managers: never the group.
    expect(results.map((r) => (r.target.kind === 'dm' ? r.target.user.userId : 'group')).sort()).toEqual([
      'alice',
      'amy',
      'max',
    ]);
  });

  it('a survey sent to one contact takes only their answer', async () => {
    await h.run('/feedback settings customer 阿里巴巴');
    await h.run('/feedback survey <@lin>');
    expect(h.platform.sent.some((s) => s.target.kind === 'dm' && s.target.user.userId === 'lin')).toBe(true);
    expect((await h.click('feedback.survey.answer', '1:5', { user: 'bob' })).text).toContain('someone else');
    await h.click('feedback.survey.answer', '1:5', { user: 'lin' });
    expect(h.sql.prepare('select count(*) n from survey_answers').get()).toEqual({ n: 1 });
  });

  it('the contact answers from the DM the survey came in, though they never spoke in the group', async () => {
    await h.run('/feedback settings customer 阿里巴巴');
    await h.run('/feedback survey <@lin>');
    const answered = await h.click('feedback.survey.answer', '1:4', { user: 'lin', direct: true });
    expect(answered.responder.forms[0]?.fields.map((f) => f.id)).toEqual(['comment']);
    expect(h.sql.prepare('select score from feedback_items').all()).toEqual([{ score: 4 }]);
    // Someone else who never spoke there cannot answer it from their own DM.
    expect((await h.click('feedback.survey.answer', '1:1', { user: 'zoe', direct: true })).text).toContain(
      'not part of',
    );
    expect(h.sql.prepare('select score from feedback_items').all()).toEqual([{ score: 4 }]);
  });
});

describe('reports', () => {
  it('lists by customer, tag and status; exports a CSV that parses back with Chinese intact', async () => {
    await h.run('/feedback customer:Acme rating:2 发货太慢了 #物流', { user: 'bob' });
    await h.run('/feedback customer:Globex rating:5 =HYPERLINK("x") #support', { user: 'bob' });
    expect((await h.run('/feedback list acme')).text).toContain('发货太慢了');
    expect((await h.run('/feedback list #support')).text).not.toContain('发货太慢了');
    expect((await h.run('/feedback list open')).text).toContain('Globex');
    const exported = await h.run('/feedback export');
    const file = exported.responder.replies[0]?.message.attachments?.[0];
    const csv = file && 'text' in file ? file.text : '';
    expect(csv.startsWith('\uFEFFDate,Customer,CRM Account ID,Score')).toBe(true);
    expect(csv).toContain('发货太慢了');
    expect(csv).not.toMatch(/,=HYPERLINK/);
    const stats = await h.run('/feedback stats week');
    expect(stats.text).toContain('Feedback: 2 (+2 vs last week)');
    expect(stats.text).toContain('#物流 (1)');
  });
});

describe('feedback sums after a timezone change', () => {
  it('moves an item to its new local day, and later feedback follows the new timezone', async () => {
    // 2026-12-01 20:00 UTC is still Dec 1 in UTC, already Dec 2 in Shanghai.
    h.clock.set(new Date('2026-12-01T20:00:00Z'));
    await h.run('/feedback customer:华星科技 rating:2 晚上十点还在等回复 #售后', { user: 'bob' });
    const days = () =>
      h.sql.prepare('select day, count, total from feedback_daily order by day').all() as {
        day: string;
        count: number;
        total: number;
      }[];
    expect(days()).toEqual([{ day: '2026-12-01', count: 1, total: 2 }]);
    await h.run('/muster settings timezone Asia/Shanghai');
    expect(days()).toEqual([{ day: '2026-12-02', count: 1, total: 2 }]);
    await h.run('/feedback customer:华星科技 rating:4 已解决', { user: 'bob' });
    expect(days()).toEqual([{ day: '2026-12-02', count: 2, total: 6 }]);
    expect(h.sql.prepare('select day, tag, count from feedback_daily_tags').all()).toEqual([
      { day: '2026-12-02', tag: '售后', count: 1 },
    ]);
  });
});
