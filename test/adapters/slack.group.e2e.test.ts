import { afterEach, describe, expect, it } from 'vitest';
import type { FakeSlack } from '../fakes/fake-slack.js';
import { buttonClick, eventCallback, slashCommand } from '../fixtures/slack-payloads.js';
import { formBody, postToBolt, type SlackHarness, startSlack } from '../helpers/slack-harness.js';

let s: SlackHarness | undefined;
afterEach(async () => {
  await s?.stop();
  s = undefined;
});

const DAY = 86_400_000;
const SPEAKERS = ['UADMIN', 'UBOB', 'UZH', 'UAMY', 'UDAN'];
/** 45 people who never speak: odd ones in Shanghai, even ones in Berlin. */
const SILENT = Array.from({ length: 45 }, (_, i) => `USIL${String(i).padStart(2, '0')}`);
const zoneOf = (i: number) => (i % 2 ? 'Asia/Shanghai' : 'Europe/Berlin');

function seed(fake: FakeSlack): void {
  fake.users.set('UBOT', { name: 'muster', is_bot: true });
  fake.users.set('UAMY', { name: 'amy', tz: 'America/New_York', locale: 'en-US' });
  fake.users.set('UDAN', { name: 'dan', tz: 'Europe/Berlin', locale: 'en-GB' });
  SILENT.forEach((id, i) => {
    fake.users.set(id, { name: `silent${i}`, tz: zoneOf(i), locale: i % 2 ? 'zh-CN' : 'en-US' });
  });
  fake.channelMembers.set('C1', ['UBOT', ...SPEAKERS, ...SILENT]);
}

let seq = 0;
/** Runs a slash command; returns the reply's text and blocks (through response_url, or posted to the channel). */
async function command(text: string, user: string, command = '/members'): Promise<string> {
  const h = s as SlackHarness;
  const posts = h.fake.callsTo('chat.postMessage').length;
  const id = `r${++seq}`;
  const res = await postToBolt(
    h.port,
    formBody({
      ...(slashCommand({
        command,
        text,
        user_id: user,
        trigger_id: h.fake.trigger(),
        response_url: h.fake.responseUrl(id),
      }) as unknown as Record<string, string>),
    }),
    'application/x-www-form-urlencoded',
  );
  expect(res.status).toBe(200);
  const reply = () =>
    h.fake.responses.find((r) => r.id === id)?.body ?? h.fake.callsTo('chat.postMessage')[posts]?.body;
  await h.fake.waitFor(() => reply() !== undefined);
  const body = reply() ?? {};
  return [String(body.text ?? ''), JSON.stringify(body.blocks ?? [])].join('\n');
}

async function say(user: string, text: string): Promise<void> {
  const h = s as SlackHarness;
  const ts = `1700000100.${String(++seq).padStart(6, '0')}`;
  const body = JSON.stringify(
    eventCallback(
      { type: 'message', user, channel: 'C1', channel_type: 'channel', text, ts },
      `Ev-say-${seq}`,
    ),
  );
  expect((await postToBolt(h.port, body, 'application/json')).status).toBe(200);
}

async function event(payload: Record<string, unknown>): Promise<void> {
  const h = s as SlackHarness;
  const body = JSON.stringify(eventCallback(payload, `Ev-${++seq}`));
  expect((await postToBolt(h.port, body, 'application/json')).status).toBe(200);
}

async function click(user: string, actionId: string, value: string): Promise<number> {
  const h = s as SlackHarness;
  const payload = buttonClick({
    user,
    actionId,
    value,
    triggerId: h.fake.trigger(),
    responseUrl: h.fake.responseUrl(`click${++seq}`),
  });
  return (
    await postToBolt(
      h.port,
      formBody({ payload: JSON.stringify(payload) }),
      'application/x-www-form-urlencoded',
    )
  ).status;
}

/** Who got a standup prompt (an ephemeral message in C1) since the given call count. */
function prompted(since: number): string[] {
  return (
    (s as SlackHarness).fake
      .callsTo('chat.postEphemeral')
      .slice(since)
      // In each reader's language: "Time for your standup in #C1." / "该填写 #C1 的站会了。"
      .filter((c) => /Time for your standup|该填写 .* 的站会了/u.test(String(c.body.text)))
      .map((c) => String(c.body.user))
      .sort()
  );
}

/** Runs the minute tick at an instant and waits for the sends it queued. */
async function at(iso: string): Promise<void> {
  const h = s as SlackHarness;
  h.h.clock.set(new Date(iso));
  await h.h.app.tick(h.h.clock.now());
  await h.h.app.outbox.drain();
}

const groupRows = (sql: string) => (s as SlackHarness).h.sql.prepare(sql).all();

describe('a Slack channel of 50 where 45 never spoke (real Bolt, fake Slack)', () => {
  it('prompts every team member at their own 09:30, lists the silent ones "never spoke since", and prunes only them', async () => {
    s = await startSlack('http', { prepare: seed });
    expect(
      groupRows("select count(*) n from group_members where group_id = 'slack:T1:C1' and left_at is null"),
    ).toEqual([{ n: 51 }]);
    expect(await command('on', 'UADMIN', '/standup')).toContain('The daily standup is on.');
    for (const user of SPEAKERS.slice(1)) await say(user, 'morning');

    // Tuesday 2026-12-01: 09:30 in Shanghai is 01:30 UTC, in Berlin 08:30 UTC.
    const start = s.fake.callsTo('chat.postEphemeral').length;
    await at('2026-12-01T01:30:00Z');
    await s.fake.waitFor(() => prompted(start).length >= 23);
    expect(prompted(start)).toEqual([...SILENT.filter((_, i) => i % 2), 'UZH'].sort());
    const berlin = s.fake.callsTo('chat.postEphemeral').length;
    await at('2026-12-01T08:30:00Z');
    await s.fake.waitFor(() => prompted(berlin).length >= 24);
    expect(prompted(berlin)).toEqual([...SILENT.filter((_, i) => i % 2 === 0), 'UDAN'].sort());
    expect(prompted(0)).not.toContain('UBOT');

    // A month on, the speakers spoke again; the 45 never did.
    s.h.clock.set(new Date(Date.parse('2026-12-01T01:00:00Z') + 30 * DAY));
    for (const user of SPEAKERS) await say(user, 'still here');
    s.h.clock.advance(DAY + 3_600_000);
    const inactive = await command('inactive', 'UADMIN');
    expect(inactive).toContain('45 members silent for 30 days or more');
    expect(inactive).toContain('*silent0*: never spoke since joining on Dec 1, 2026 (31 days ago)');
    for (const speaker of ['amy', 'dan', 'bob', '小王', 'ann'])
      expect(inactive).not.toContain(`*${speaker}*`);

    const proposal = await command('prune 30 0', 'UADMIN');
    const value = /"value":"(\d+:0)"/.exec(proposal)?.[1] ?? '';
    expect(await click('UADMIN', 'members.prune.confirm', value)).toBe(200);
    await s.fake.waitFor(() => s?.fake.callsTo('chat.postMessage').length !== undefined);
    s.h.clock.advance(60_000);
    await at(s.h.clock.now().toISOString());
    await s.fake.waitFor(() => (s?.fake.callsTo('conversations.kick').length ?? 0) === 45);
    expect(
      s.fake
        .callsTo('conversations.kick')
        .map((c) => String(c.body.user))
        .sort(),
    ).toEqual([...SILENT].sort());
    expect(s.fake.channelMembers.get('C1')).toEqual(['UBOT', ...SPEAKERS]);
  });

  it('a join and a leave change the group within one event; the one who left is not prompted, and keeps their history on return', async () => {
    s = await startSlack('http', { prepare: seed });
    await command('on', 'UADMIN', '/standup');
    s.fake.users.set('UNEW', { name: 'newton', tz: 'Europe/Berlin', locale: 'en-GB' });
    await event({
      type: 'member_joined_channel',
      user: 'UNEW',
      channel: 'C1',
      channel_type: 'C',
      team: 'T1',
    });
    await s.fake.waitFor(
      () =>
        groupRows("select 1 from group_members where member_id = 'slack:T1:UNEW' and left_at is null")
          .length === 1,
    );
    await command('昨天：写接口；今天：联调', 'UDAN', '/standup');
    await event({ type: 'member_left_channel', user: 'UDAN', channel: 'C1', channel_type: 'C', team: 'T1' });
    await s.fake.waitFor(
      () =>
        groupRows("select 1 from group_members where member_id = 'slack:T1:UDAN' and left_at is not null")
          .length === 1,
    );
    const wednesday = s.fake.callsTo('chat.postEphemeral').length;
    await at('2026-12-02T08:30:00Z');
    await s.fake.waitFor(() => prompted(wednesday).length >= 23);
    expect(prompted(wednesday)).toContain('UNEW');
    expect(prompted(wednesday)).not.toContain('UDAN');

    await event({
      type: 'member_joined_channel',
      user: 'UDAN',
      channel: 'C1',
      channel_type: 'C',
      team: 'T1',
    });
    await s.fake.waitFor(
      () =>
        groupRows("select 1 from group_members where member_id = 'slack:T1:UDAN' and left_at is null")
          .length === 1,
    );
    const thursday = s.fake.callsTo('chat.postEphemeral').length;
    await at('2026-12-03T08:30:00Z');
    await s.fake.waitFor(() => prompted(thursday).length >= 24);
    expect(prompted(thursday)).toContain('UDAN');
    expect(groupRows("select day from standup_answers where member_id = 'slack:T1:UDAN'")).toEqual([
      { day: '2026-12-01' },
    ]);
  });
});

describe('a Slack Connect channel (real Bolt, fake Slack)', () => {
  it('three people from another organisation are its customer without a command; only their survey clicks count', async () => {
    s = await startSlack('http', {
      prepare(fake) {
        seed(fake);
        fake.teams.set('T2', { name: 'Globex' });
        for (const id of ['WG1', 'WG2', 'WG3'])
          fake.users.set(id, { name: `globex-${id}`, team_id: 'T2', listed: false });
        fake.channelMembers.set('C1', ['UBOT', ...SPEAKERS, 'WG1', 'WG2', 'WG3']);
      },
    });
    expect(
      groupRows(
        `select gm.member_id id, coalesce(gm.side, m.platform_side) side, c.name customer
         from group_members gm join members m on m.id = gm.member_id left join customers c on c.id = m.platform_customer_id
         where coalesce(gm.side, m.platform_side) = 'customer' order by id`,
      ),
    ).toEqual([
      { id: 'slack:T1:WG1', side: 'customer', customer: 'Globex' },
      { id: 'slack:T1:WG2', side: 'customer', customer: 'Globex' },
      { id: 'slack:T1:WG3', side: 'customer', customer: 'Globex' },
    ]);
    expect(await command('survey Globex', 'UADMIN', '/feedback')).toContain('Survey #1 is posted');
    // Other posts (the requester's note) may arrive first: wait for the survey itself.
    const surveyPost = () =>
      s?.fake.callsTo('chat.postMessage').find((c) => JSON.stringify(c.body.blocks ?? '').includes('survey'));
    await s.fake.waitFor(() => surveyPost() !== undefined);
    const survey = surveyPost();
    const value = /"value":"(\d+:1)"/.exec(JSON.stringify(survey?.body.blocks ?? []))?.[1] ?? '';
    expect(value).not.toBe('');
    const answers = () =>
      groupRows(
        'select a.member_id, f.score from survey_answers a join feedback_items f on f.id = a.item_id order by a.member_id',
      );

    expect(await click('UBOB', 'feedback.survey.answer', value)).toBe(200);
    await s.fake.waitFor(
      () => s?.fake.responses.some((r) => String(r.body.text).includes('for the customer')) ?? false,
    );
    expect(answers()).toEqual([]);
    expect(await click('WG2', 'feedback.survey.answer', value)).toBe(200);
    await s.fake.waitFor(() => answers().length === 1);
    expect(answers()).toEqual([{ member_id: 'slack:T1:WG2', score: 1 }]);
  });
});
