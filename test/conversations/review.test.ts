import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness, snapshot, textOf } from '../helpers/harness.js';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(async () => {
  await h.app.close();
});

const inChannel = () => h.platform.sent.filter((s) => s.target.kind === 'channel' && !s.target.threadId);
const agendas = () => inChannel().filter((s) => s.message.text.startsWith('Weekly review'));
const REVIEW_TABLES = ['review_settings', 'reviews', 'action_items'];

/** A Shanghai group: alice (admin), bob, carol, max (manager); standups on, deadline 18:00. */
async function group() {
  await h.run('/muster settings timezone Asia/Shanghai');
  await h.run('/standup on');
  await h.run('/standup config deadline 18:00');
  await h.run('/role add <@max> manager');
  for (const user of ['bob', 'carol', 'max']) await h.post('早', { user });
  await h.run('/rules add words scam');
}

/** One standup day: prompts at 09:30, the given answers, the summary at 18:00 (Shanghai). */
async function standupDay(day: string, answers: Record<string, string>) {
  await h.at(`${day}T01:30:00Z`);
  for (const [user, text] of Object.entries(answers)) await h.run(`/standup ${text}`, { user });
  await h.at(`${day}T10:00:00Z`);
}

const ok = 'yesterday: docs; today: tests; blockers: none';
const blocked = 'yesterday: docs; today: tests; blockers: waiting for the test account';

describe('/review settings', () => {
  it('managers set the schedule in Chinese; members cannot; a bad time changes nothing', async () => {
    await group();
    const set = await h.run('/review schedule 周五 16:00 经理 30', { user: 'max', locale: 'zh-CN' });
    expect(set.text).toContain('周会定于每周五 16:00');
    expect(set.text).toContain('提前 30 分钟发给经理（私信）');
    expect(
      h.sql.prepare('select weekday, time, audience, remind_before_minutes b from review_settings').get(),
    ).toEqual({
      weekday: 5,
      time: '16:00',
      audience: 'managers',
      b: 30,
    });
    const before = snapshot(h, REVIEW_TABLES);
    const denied = await h.run('/review schedule monday 10:00', { user: 'bob' });
    expect(denied.text).toContain('only a group manager');
    const bad = await h.run('/review schedule 周一 二十五点', { user: 'max', locale: 'zh-CN' });
    expect(bad.text).toContain('不是有效时间');
    expect(bad.responder.replies.every((r) => r.visibility !== 'channel')).toBe(true);
    const badAction = await h.run('/review action 整理报价单 周五', { user: 'max', locale: 'zh-CN' });
    expect(badAction.text).toContain('请用 @ 指定负责人');
    expect(snapshot(h, REVIEW_TABLES)).toBe(before);
  });
});

describe('weekly review', () => {
  it('posts the agenda an hour before Friday 16:00 with the week’s figures, once', async () => {
    await group();
    await h.run('/review schedule friday 16:00', { user: 'max' });
    // The week before: Friday 2026-12-04, everyone answered.
    await standupDay('2026-12-04', { alice: ok, bob: ok, carol: ok, max: ok });

    await standupDay('2026-12-07', { alice: blocked, bob: ok, carol: ok, max: ok });
    const added = await h.run('/review action 整理报价单 <@bob> 周三', { user: 'max' });
    expect(added.text).toContain('#1');
    expect(h.dmsTo('bob').map((s) => s.message.text)).toEqual([
      expect.stringContaining(
        'You own a new action item from <#C1> (added by <@max>): #1 整理报价单. Due Wed, Dec 9.',
      ),
    ]);
    await h.at('2026-12-08T01:30:00Z');
    await h.run('/feedback customer:华星科技 rating:2 交付又延期了', { user: 'bob' });
    await h.post('this is a scam', { user: 'carol' });
    await h.run(`/standup ${blocked}`, { user: 'alice' });
    await h.run(`/standup ${ok}`, { user: 'bob' });
    await h.run(`/standup ${ok}`, { user: 'max' });
    await h.at('2026-12-08T10:00:00Z');
    await standupDay('2026-12-09', { alice: blocked, max: ok });
    await h.post('scam again', { user: 'carol' });
    await h.run('/feedback customer:Acme rating:4 good', { user: 'bob' });
    // bob's due-day reminder went out at 09:00 Shanghai on Wednesday, once.
    expect(h.dmsTo('bob').filter((s) => s.message.text.includes('due today'))).toHaveLength(1);
    await standupDay('2026-12-10', { alice: blocked, bob: ok, carol: ok, max: ok });
    await h.run('/feedback customer:Acme rating:5 great', { user: 'bob' });
    await h.run('/review action Call Acme back <@carol> friday', { user: 'max' });
    // frank has been silent for 40 days.
    await h.post('hello', { user: 'frank' });
    h.app.flush();
    h.sql
      .prepare(
        "update group_members set last_active_at = ?, joined_at = ? where member_id = 'slack:T1:frank'",
      )
      .run(new Date('2026-11-01T00:00:00Z').getTime(), new Date('2026-11-01T00:00:00Z').getTime());

    await h.at('2026-12-11T01:00:00Z');
    await h.at('2026-12-11T06:59:00Z');
    expect(agendas()).toEqual([]);
    await h.at('2026-12-11T07:00:00Z');
    expect(agendas()).toHaveLength(1);
    const agenda = textOf(agendas()[0]?.message ?? { text: '' });
    // Mon 4/4, Tue 3/4, Wed 2/4, Thu 4/4 = 13/16; the week before 4/4.
    expect(agenda).toContain('Participation 81% over 4 days (↓ 19 pts)');
    expect(agenda).toContain('• carol: answered 2, missed 2');
    expect(agenda).toContain('• bob: answered 3, missed 1');
    expect(agenda).toContain('• Everyone else answered every day.');
    expect(agenda).toContain('• ⚠️ alice (4 days, escalated): waiting for the test account');
    expect(agenda).toContain('Ratings: 3, average 3.7/5 (previous period: 0); low scores alerted: 1');
    expect(agenda).toContain('• #1 华星科技: 2/5, “交付又延期了”');
    expect(agenda).toContain('Rule violations: 2 (people: 1; time-outs or removals: 0)');
    expect(agenda).toContain('Silent for 30+ days (1): frank');
    expect(agenda).toMatch(
      /🔴 #1 整理报价单: <@bob>, was due Wed, Dec 9 \(overdue\)[\s\S]*#2 Call Acme back: <@carol>, due Fri, Dec 11/u,
    );
    expect(agenda).toContain('Review starts Fri, Dec 11, 2026, 4:00 PM (Asia/Shanghai)');

    await h.at('2026-12-11T07:01:00Z');
    await h.at('2026-12-11T08:00:00Z');
    expect(agendas()).toHaveLength(1);
    // carol was reminded of her item on its due day, at 09:00 her (the group's) time.
    expect(h.dmsTo('carol').filter((s) => s.message.text.includes('due today'))).toHaveLength(1);

    // bob's Home page lists his open item, overdue, with a button to close it.
    const home = await h.send({
      type: 'home.opened',
      ...h.base({ user: 'bob', direct: true, locale: 'zh-CN' }),
    });
    const homeText = home.replies.map((r) => textOf(r.message)).join('\n');
    expect(homeText).toContain('*你的未完成待办*（1 项）');
    expect(homeText).toMatch(/🔴 #1 整理报价单：负责人 <@bob>，原定.*截止（已逾期）/u);
    expect(homeText).toContain('[完成 #1]');

    // Done items leave the agenda; history keeps them.
    const notOwner = await h.run('/review done 1', { user: 'carol' });
    expect(notOwner.text).toContain('Only the owner of #1');
    await h.click('review.done', '1', { user: 'bob', direct: true });
    expect(h.sql.prepare('select status, done_by from action_items where id = 1').get()).toEqual({
      status: 'done',
      done_by: 'slack:T1:bob',
    });
    await h.run('/review notes 华星科技交付延期：本周五前给出新排期。', { user: 'max' });
    const now = await h.run('/review now', { user: 'bob' });
    expect(now.text).not.toContain('整理报价单');
    expect(now.text).toContain('华星科技交付延期：本周五前给出新排期。');
    const history = await h.run('/review history', { user: 'bob', locale: 'zh-CN' });
    expect(history.text).toContain('纪要：\n#1 华星科技交付延期：本周五前给出新排期。（max，');
    expect(history.text).toContain('• ✅ #1 整理报价单：负责人 <@bob>');
    expect(history.text).toContain('• #2 Call Acme back：负责人 <@carol>');
  });

  it('sends the agenda to managers by DM, each in their language, when the audience is managers', async () => {
    await group();
    await h.run('/role add <@mia> manager');
    await h.run('/muster language zh-CN', { user: 'mia' });
    await h.run('/review schedule friday 16:00 managers', { user: 'max' });
    await h.at('2026-12-04T07:00:00Z');
    expect(agendas()).toEqual([]);
    const agendaDms = (user: string) =>
      h
        .dmsTo(user)
        .map((s) => s.message.text)
        .filter((text) => /Weekly review|周会议程/u.test(text));
    expect(agendaDms('max')).toEqual([expect.stringContaining('Weekly review · #C1')]);
    expect(agendaDms('mia')).toEqual([expect.stringContaining('周会议程 · #C1')]);
    expect(agendaDms('bob')).toEqual([]);
  });

  it('in a group shared with the customer, the agenda goes to the managers, never into the group', async () => {
    await group();
    await h.run('/role add <@cora> customer');
    await h.run('/review schedule friday 16:00', { user: 'max' });
    await h.at('2026-12-04T07:00:00Z');
    expect(agendas()).toEqual([]);
    expect(h.dmsTo('max').filter((s) => s.message.text.startsWith('Weekly review'))).toHaveLength(1);
    expect(h.dmsTo('cora').filter((s) => s.message.text.startsWith('Weekly review'))).toEqual([]);
  });

  it('an owner who never spoke in the group closes their item from the DM button', async () => {
    await group();
    await h.run('/review action Send the contract <@zed> friday', { user: 'max' });
    const [dm] = h.dmsTo('zed');
    const button = dm?.message.blocks?.flatMap((b) => (b.type === 'buttons' ? b.buttons : []))[0];
    expect(button?.actionId).toBe('review.done');
    expect((await h.click('review.done', button?.value ?? '', { user: 'zed', direct: true })).text).toContain(
      'is done',
    );
    expect(h.sql.prepare('select status, done_by from action_items').get()).toEqual({
      status: 'done',
      done_by: 'slack:T1:zed',
    });
  });

  it('keeps the local time across a DST change and fires each week once', async () => {
    await h.run('/muster settings timezone America/New_York');
    await h.run('/review schedule monday 09:00', { user: 'alice' });
    // 2027-03-08 is EST (UTC-5): 08:00 local is 13:00Z. 2027-03-15 is EDT (UTC-4): 12:00Z.
    const postedAt: string[] = [];
    const tickAt = async (iso: string) => {
      const before = agendas().length;
      await h.at(iso);
      if (agendas().length > before) postedAt.push(iso);
    };
    for (const iso of ['2027-03-08T12:59:00Z', '2027-03-08T13:00:00Z', '2027-03-08T14:00:00Z'])
      await tickAt(iso);
    for (const iso of ['2027-03-15T11:59:00Z', '2027-03-15T12:00:00Z', '2027-03-15T13:00:00Z'])
      await tickAt(iso);
    expect(postedAt).toEqual(['2027-03-08T13:00:00Z', '2027-03-15T12:00:00Z']);
    expect(agendas()).toHaveLength(2);
  });
});

describe('the agenda’s buttons', () => {
  it('take a manager one click to the notes and action-item forms; members are refused; bad input keeps the form open', async () => {
    await group();
    await h.run('/review schedule friday 16:00', { user: 'max' });
    await h.at('2026-12-04T07:00:00Z');
    const agenda = agendas()[0]?.message;
    const buttons = agenda?.blocks?.flatMap((b) => (b.type === 'buttons' ? b.buttons : [])) ?? [];
    expect(buttons.map((b) => [b.actionId, b.label])).toEqual([
      ['review.notes.open', '📝 Add a note'],
      ['review.action.open', '➕ Add action item'],
    ]);

    const denied = await h.click('review.action.open', 'slack:T1:C1', { user: 'bob' });
    expect(denied.text).toContain('only a group manager');
    expect(denied.responder.forms).toEqual([]);

    const opened = await h.click('review.action.open', 'slack:T1:C1', { user: 'max', locale: 'zh-CN' });
    const form = opened.responder.forms[0];
    expect(form?.title).toBe('新建待办');
    expect(form?.fields.map((f) => f.id)).toEqual(['text', 'owner', 'due', 'customer']);
    const owner = form?.fields.find((f) => f.id === 'owner');
    const options = owner?.kind === 'select' ? owner.options.map((o) => o.value) : [];
    expect(options).toContain('slack:T1:bob');

    const submit = (values: Record<string, string>) =>
      h.send({
        type: 'form.submitted',
        ...h.base({ user: 'max', locale: 'zh-CN' }),
        formId: form?.formId ?? '',
        context: form?.context ?? '',
        values,
      });
    const before = snapshot(h, REVIEW_TABLES);
    const bad = await submit({ text: '', owner: 'slack:T1:bob', due: '下辈子', customer: '' });
    expect(bad.rejections).toEqual([
      { text: '请填写此项。', due: expect.stringContaining('无法识别截止日期') },
    ]);
    expect(snapshot(h, REVIEW_TABLES)).toBe(before);

    const good = await submit({
      text: '整理报价单，发给华星科技',
      owner: 'slack:T1:bob',
      due: '下周一',
      customer: '华星科技',
    });
    expect(good.rejections).toEqual([]);
    expect(
      h.sql
        .prepare('select text, owner_id owner, due_day due, customer_id is not null linked from action_items')
        .all(),
    ).toEqual([{ text: '整理报价单，发给华星科技', owner: 'slack:T1:bob', due: '2026-12-07', linked: 1 }]);
    expect(h.dmsTo('bob').some((s) => s.message.text.includes('整理报价单，发给华星科技'))).toBe(true);

    const notes = await h.click('review.notes.open', 'slack:T1:C1', { user: 'max' });
    const notesForm = notes.responder.forms[0];
    expect(notesForm?.fields.map((f) => f.id)).toEqual(['notes']);
    const saved = await h.send({
      type: 'form.submitted',
      ...h.base({ user: 'max' }),
      formId: notesForm?.formId ?? '',
      context: notesForm?.context ?? '',
      values: { notes: '报价本周内发出。' },
    });
    expect(saved.rejections).toEqual([]);
    const notesTaken = () =>
      h.sql
        .prepare(
          'select r.week, n.text, n.author_id from review_notes n join reviews r on r.id = n.review_id',
        )
        .all();
    expect(notesTaken()).toEqual([
      { week: '2026-11-30', text: '报价本周内发出。', author_id: 'slack:T1:max' },
    ]);
    // The form adds a note: it opens empty, and what was written before stays.
    const again = await h.click('review.notes.open', 'slack:T1:C1', { user: 'max' });
    expect(again.responder.forms[0]?.fields[0]).not.toHaveProperty('initial');
  });
});

describe('review reminders across a restart', () => {
  it('a second process on the same file never posts the agenda or a due reminder again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'muster-review-'));
    const dbPath = join(dir, 'muster.db');
    try {
      await h.app.close();
      h = createHarness({ dbPath });
      await h.run('/muster settings timezone Asia/Shanghai');
      await h.run('/review schedule friday 16:00', { user: 'alice' });
      await h.run('/review action Ship it <@bob> friday', { user: 'alice' });
      await h.at('2026-12-04T01:00:00Z');
      await h.at('2026-12-04T07:00:00Z');
      const first = h.platform.sent.length;
      expect(agendas()).toHaveLength(1);
      expect(h.dmsTo('bob').filter((s) => s.message.text.includes('due today'))).toHaveLength(1);
      await h.app.close();

      h = createHarness({ dbPath });
      await h.at('2026-12-04T07:30:00Z');
      expect(h.platform.sent).toHaveLength(0);
      expect(first).toBeGreaterThan(0);
      expect(
        h.sql.prepare("select count(*) n from job_runs where job like 'review.%' and status = 'done'").get(),
      ).toEqual({ n: 2 });
    } finally {
      await h.app.close();
      h = createHarness();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
