import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness, snapshot, textOf } from '../helpers/harness.js';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(async () => {
  await h.app.close();
});

const sentTo = (user: string) =>
  h.platform.sent.filter(
    (s) => (s.target.kind === 'ephemeral' || s.target.kind === 'dm') && s.target.user.userId === user,
  );
const inThread = () => h.platform.sent.filter((s) => s.target.kind === 'channel' && s.target.threadId);
const answers = () =>
  h.sql
    .prepare(
      'select member_id, answers, late, edited_at is not null edited from standup_answers order by member_id',
    )
    .all();

/** A Shanghai group with bob (Shanghai), carol (Berlin) and dan (an observer); standups at 09:30, deadline 18:00. */
async function shanghaiGroup() {
  await h.run('/muster settings timezone Asia/Shanghai');
  await h.run('/standup on');
  await h.run('/standup config deadline 18:00');
  await h.post('早', { user: 'bob' });
  await h.post('Morning', { user: 'carol' });
  await h.run('/muster timezone Europe/Berlin', { user: 'carol' });
  await h.post('hi', { user: 'dan' });
  await h.run('/role add <@dan> observer');
  h.platform.sent.length = 0;
}

describe('daily standup', () => {
  it('prompts each member at their own 09:30, threads the answers, nudges only stragglers, and summarizes at the deadline', async () => {
    await shanghaiGroup();
    // Tuesday 2026-12-01. 09:30 in Shanghai is 01:30 UTC; 09:30 in Berlin is 08:30 UTC.
    await h.at('2026-12-01T01:29:00Z');
    expect(h.platform.sent).toEqual([]);
    await h.at('2026-12-01T01:30:00Z');
    const thread = h.platform.sent.find((s) => s.target.kind === 'channel');
    expect(thread && textOf(thread.message)).toContain('Daily standup');
    expect(sentTo('bob')).toHaveLength(1);
    expect(sentTo('carol')).toHaveLength(0);
    expect(sentTo('dan')).toHaveLength(0);

    const reply = await h.run('/standup 昨天：写完接口；今天：联调；阻碍：无', { user: 'bob' });
    expect(reply.text).toContain('2026-12-01');
    expect(inThread()).toHaveLength(1);
    expect(inThread()[0]?.target).toMatchObject({ threadId: thread?.ref.messageId });

    await h.at('2026-12-01T08:30:00Z');
    expect(sentTo('carol')).toHaveLength(1);

    // Nudge at 17:00 Shanghai (09:00 UTC): carol only.
    await h.at('2026-12-01T09:00:00Z');
    expect(sentTo('bob')).toHaveLength(1);
    expect(sentTo('carol')).toHaveLength(2);

    // An edit before the deadline replaces the answer.
    await h.run('/standup yesterday: API done; today: integration; blockers: waiting for the customer VPN', {
      user: 'bob',
    });
    expect(answers()).toMatchObject([{ member_id: 'slack:T1:bob', late: 0, edited: 1 }]);

    await h.at('2026-12-01T10:00:00Z');
    const summary = inThread().at(-1);
    const text = summary ? textOf(summary.message) : '';
    h.clock.advance(5 * 60_000);
    expect(text).toContain('<@carol>');
    expect(text).not.toContain('<@dan>');
    expect(text).toContain('waiting for the customer VPN');

    // After the deadline: bob's answer is final; carol's first answer is accepted and flagged late.
    expect((await h.run('/standup yesterday: x; today: y; blockers: none', { user: 'bob' })).text).toContain(
      'final',
    );
    expect(
      (await h.run('/standup yesterday: a; today: b; blockers: none', { user: 'carol' })).text,
    ).toContain('late');
    expect(answers()).toMatchObject([
      { member_id: 'slack:T1:bob', late: 0 },
      { member_id: 'slack:T1:carol', late: 1 },
    ]);
  });

  it('one click from the prompt opens the form; a submission is stored', async () => {
    await shanghaiGroup();
    await h.at('2026-12-01T01:30:00Z');
    const prompt = sentTo('bob')[0];
    const button = prompt?.message.blocks?.flatMap((b) => (b.type === 'buttons' ? b.buttons : []))[0];
    const opened = await h.click(button?.actionId ?? '', button?.value ?? '', { user: 'bob' });
    const form = opened.responder.forms[0];
    expect(form?.fields.map((f) => f.id)).toEqual(['q1', 'q2', 'q3']);
    const submitted = await h.send({
      type: 'form.submitted',
      ...h.base({ user: 'bob' }),
      formId: form?.formId ?? '',
      context: form?.context ?? '',
      values: { q1: '写接口', q2: '联调', q3: '' },
    });
    expect(submitted.rejections).toEqual([]);
    expect(answers()).toMatchObject([{ member_id: 'slack:T1:bob' }]);
  });

  it('inline text that cannot be parsed gets a localized usage reply and stores nothing', async () => {
    await shanghaiGroup();
    const before = snapshot(h, ['standup_answers', 'standup_days']);
    const en = await h.run('/standup did stuff', { user: 'bob' });
    expect(en.responder.replies[0]?.visibility).toBe('ephemeral');
    expect(en.text).toMatch(/yesterday/i);
    await h.run('/muster language zh-CN', { user: 'bob' });
    const zh = await h.run('/standup 今天：联调', { user: 'bob' });
    expect(zh.text).toMatch(/昨天/);
    expect(snapshot(h, ['standup_answers', 'standup_days'])).toBe(before);
  });

  it('away members are neither prompted nor counted missing', async () => {
    await shanghaiGroup();
    expect((await h.run('/standup away 2026-12-01 到 2026-12-02', { user: 'carol' })).text).toContain('away');
    await h.at('2026-12-01T01:30:00Z');
    await h.at('2026-12-01T08:30:00Z');
    expect(sentTo('carol')).toHaveLength(0);
    await h.at('2026-12-01T10:00:00Z');
    const summary = inThread().at(-1);
    expect(summary && textOf(summary.message)).not.toMatch(/missing[^\n]*<@carol>/i);
    expect((await h.run('/standup back', { user: 'carol' })).text).toContain('Welcome back');
  });

  it('is not prompted on weekends, Chinese holidays, but on the adjusted working Saturday 2026-02-28', async () => {
    await shanghaiGroup();
    await h.run('/standup config country CN');
    // Each day is approached from the minute before, as a live clock would.
    const day = async (date: string) => {
      await h.at(`${date}T01:29:00Z`);
      await h.at(`${date}T01:30:00Z`);
      return sentTo('bob').length;
    };
    expect(await day('2026-02-27')).toBe(1); // a Friday
    expect(await day('2026-02-28')).toBe(2); // 调休: a working Saturday
    expect(await day('2026-10-01')).toBe(2); // 国庆
    expect(await day('2026-12-05')).toBe(2); // a Saturday
    expect(await day('2026-12-07')).toBe(3); // Monday
  });

  it('a slot missed by 90 minutes of downtime still goes out; one 3 hours late is skipped', async () => {
    const file = `${process.env.TMPDIR ?? '/tmp'}/muster-standup-${process.pid}-${Date.now()}.db`;
    const first = createHarness({ dbPath: file });
    await first.run('/muster settings timezone Asia/Shanghai');
    await first.run('/standup on');
    await first.post('早', { user: 'bob' });
    first.clock.set(new Date('2026-12-01T01:00:00Z'));
    await first.app.tick(first.clock.now());
    await first.app.close();

    // Down from 09:00 to 11:00 Shanghai: the 09:30 prompt is 90 minutes late, still posted.
    const second = createHarness({ dbPath: file });
    second.clock.set(new Date('2026-12-01T03:00:00Z'));
    await second.app.tick(second.clock.now());
    const toBob = (sent: typeof second.platform.sent) =>
      sent.filter((s) => s.target.kind === 'ephemeral' && s.target.user.userId === 'bob');
    expect(toBob(second.platform.sent)).toHaveLength(1);
    await second.app.close();

    // The next day, down from 09:00 to 12:40: 3 hours 10 minutes late, recorded as skipped.
    const third = createHarness({ dbPath: file });
    third.clock.set(new Date('2026-12-02T04:40:00Z'));
    await third.app.tick(third.clock.now());
    expect(toBob(third.platform.sent)).toHaveLength(0);
    expect(
      third.sql
        .prepare(
          "select status from job_runs where job = 'standup.prompt' and slot = '2026-12-02:slack:T1:bob'",
        )
        .all(),
    ).toEqual([{ status: 'skipped' }]);
    await third.app.close();
  });
});

describe('the Home page', () => {
  it('shows the member their next standup, in their own timezone', async () => {
    await shanghaiGroup();
    h.app.flush();
    const home = await h.send({ type: 'home.opened', ...h.base({ user: 'carol', direct: true }) });
    const text = home.replies.map((r) => textOf(r.message)).join('\n');
    expect(text).toContain('Your next standups');
    // Carol is in Berlin: her 09:30 on Tuesday, December 1.
    expect(text).toMatch(/<#C1>: Tue, Dec 1, 2026, 9:30/);
  });
});

describe('standup times across daylight saving changes', () => {
  it('Shanghai, Berlin and New York members each get the prompt at their own 09:30 before and after DST', async () => {
    await h.run('/muster settings timezone Asia/Shanghai');
    await h.run('/standup on');
    for (const [user, zone] of [
      ['bob', 'Asia/Shanghai'],
      ['carol', 'Europe/Berlin'],
      ['nick', 'America/New_York'],
    ] as const) {
      await h.post('hi', { user });
      await h.run(`/muster timezone ${zone}`, { user });
    }
    // The minute each prompt lands, as UTC instants. US clocks move on 2026-03-08, EU ones on
    // 2026-03-29, and back on 2026-10-25 (EU) and 2026-11-01 (US).
    const expected: [string, 'bob' | 'carol' | 'nick'][] = [
      ['2026-03-06T01:30:00Z', 'bob'], // Friday
      ['2026-03-06T08:30:00Z', 'carol'],
      ['2026-03-06T14:30:00Z', 'nick'],
      ['2026-03-09T08:30:00Z', 'carol'],
      ['2026-03-09T13:30:00Z', 'nick'], // Monday after the US change
      ['2026-03-30T07:30:00Z', 'carol'], // Monday after the EU change
      ['2026-10-26T08:30:00Z', 'carol'], // Monday after the EU change back
      ['2026-10-26T13:30:00Z', 'nick'],
      ['2026-11-02T14:30:00Z', 'nick'], // Monday after the US change back
    ];
    for (const [iso, user] of expected) {
      const instant = new Date(iso);
      const count = () => sentTo(user).length;
      await h.at(new Date(instant.getTime() - 60_000).toISOString());
      const before = count();
      await h.at(iso);
      expect(count(), `${user} at ${iso}`).toBe(before + 1);
    }
  });
});

describe('standup settings, blockers and records', () => {
  it('an admin sets it up in a form; bad values come back on their fields and nothing is saved', async () => {
    const opened = await h.run('/standup setup');
    const form = opened.responder.forms[0];
    expect(form?.fields.map((f) => f.id)).toEqual(['prompt', 'deadline', 'nudge', 'questions', 'country']);
    const submit = (values: Record<string, string>) =>
      h.send({
        type: 'form.submitted',
        ...h.base({}),
        formId: form?.formId ?? '',
        context: form?.context ?? '',
        values,
      });
    const bad = await submit({
      prompt: '25:00',
      deadline: '17:00',
      nudge: '30',
      questions: '',
      country: 'Atlantis',
    });
    expect(Object.keys(bad.rejections[0] ?? {})).toEqual(['prompt', 'country']);
    expect(h.sql.prepare('select count(*) n from standup_configs').get()).toEqual({ n: 0 });
    const good = await submit({
      prompt: '９：００',
      deadline: '18点',
      nudge: '30',
      questions: '今天做什么？\n有什么阻碍？',
      country: '中国',
    });
    expect(good.rejections).toEqual([]);
    expect(
      h.sql
        .prepare(
          'select prompt_time, deadline, nudge_before_minutes, questions, country from standup_configs',
        )
        .get(),
    ).toEqual({
      prompt_time: '09:00',
      deadline: '18:00',
      nudge_before_minutes: 30,
      questions: '["今天做什么？","有什么阻碍？"]',
      country: 'CN',
    });
    // Custom questions: inline answers by number or by the question's own words.
    expect((await h.run('/standup 1：联调；2：无', { user: 'bob' })).text).toContain('is in');
    expect((await h.run('/standup config', { user: 'bob' })).text).toContain('今天做什么？');
    expect((await h.run('/standup config deadline 19:00', { user: 'bob' })).text).toContain(
      'only a group admin',
    );
  });

  it('a blocker reported on consecutive working days is shown as open and escalated to managers once', async () => {
    await shanghaiGroup();
    await h.run('/role add <@mia> manager');
    const day = async (date: string) => {
      await h.at(`${date}T01:29:00Z`);
      await h.at(`${date}T01:30:00Z`);
      await h.run('/standup 昨天：接口；今天：联调；阻碍：客户的测试环境还没开通', { user: 'bob' });
      await h.at(`${date}T09:00:00Z`);
      await h.at(`${date}T09:59:00Z`);
      await h.at(`${date}T10:00:00Z`);
    };
    await day('2026-12-01');
    await day('2026-12-02');
    const escalated = () => sentTo('mia').filter((s) => s.message.text.includes('same blocker'));
    expect(escalated()).toHaveLength(0);
    await day('2026-12-03');
    expect(escalated()).toHaveLength(1);
    expect(escalated()[0]?.message.text).toContain('3 working days');
    await day('2026-12-04');
    expect(escalated()).toHaveLength(1);
    const summary = inThread().at(-1);
    expect(summary && textOf(summary.message)).toContain('客户的测试环境还没开通 _(open 4 days)_');
  });

  it('history and a CSV export that Excel reads, with formulas neutralized', async () => {
    await shanghaiGroup();
    await h.at('2026-12-01T01:30:00Z');
    await h.run('/standup 昨天：=SUM(A1)；今天：联调；阻碍：无', { user: 'bob' });
    const history = await h.run('/standup history <@bob>');
    expect(history.text).toContain('2026-12-01');
    expect((await h.run('/standup export', { user: 'bob' })).text).toContain('only a group manager');
    const exported = await h.run('/standup export 2026-12-01 2026-12-31');
    const file = exported.responder.replies[0]?.message.attachments?.[0];
    const csv = file && 'text' in file ? file.text : '';
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain("'=SUM(A1)");
    expect(csv).toContain('联调');
    expect((await h.run('/standup export 2026-13-45')).text).toContain('not a date');
  });

  it('admins add days off and extra working days, which win over the calendar', async () => {
    await shanghaiGroup();
    await h.run('/standup config country CN');
    const added = await h.run('/standup calendar add-off 2026-12-02 团建');
    expect(added.text).toContain('2026-12-02');
    await h.run('/standup calendar 补班 2026-12-05');
    await h.at('2026-12-02T01:29:00Z');
    await h.at('2026-12-02T01:30:00Z');
    expect(sentTo('bob')).toHaveLength(0);
    await h.at('2026-12-05T01:29:00Z');
    await h.at('2026-12-05T01:30:00Z');
    expect(sentTo('bob')).toHaveLength(1);
    expect((await h.run('/standup calendar add-off 明天', { user: 'bob' })).text).toContain(
      'only a group admin',
    );
  });
});
