import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness, snapshot, textOf } from '../helpers/harness.js';
import { C1, person } from '../helpers/roster-people.js';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(async () => {
  await h.app.close();
});

const DAY = 86_400_000;

const rows = () =>
  h.sql
    .prepare(
      `select gm.member_id id, coalesce(gm.side, m.platform_side) side, c.name customer, gm.left_at is not null gone
       from group_members gm join members m on m.id = gm.member_id
       left join customers c on c.id = case when gm.side is not null then gm.customer_id else m.platform_customer_id end
       where gm.group_id = 'slack:T1:C1' order by gm.member_id`,
    )
    .all();
const promptedTo = () =>
  h.platform.sent
    .filter(
      (s) => (s.target.kind === 'dm' || s.target.kind === 'ephemeral') && s.message.text.includes('standup'),
    )
    .map((s) => (s.target.kind === 'channel' ? '' : s.target.user.userId))
    .sort();

describe('a group known from the platform, not only from who spoke', () => {
  it('expects every team member at the standup, lists the silent ones "never spoke since" their join, and prunes only them', async () => {
    await h.run('/standup on');
    const silent = Array.from({ length: 45 }, (_, i) => person(`U${String(i).padStart(2, '0')}`));
    const bot = person('UBOT', { isBot: true });
    const gone = person('UOLD', { isDeactivated: true });
    h.app.roster.listed(
      C1,
      [...silent, person('bob'), person('carol'), bot, gone, person('alice')],
      h.clock.now(),
    );
    await h.post('hello', { user: 'bob' });
    await h.post('hi', { user: 'carol' });

    // Tuesday 2026-12-01 09:30 UTC: every team member, spoken or not; no bot, no deactivated account.
    await h.at('2026-12-01T09:30:00Z');
    expect(promptedTo()).toEqual([...silent.map((p) => p.user.userId), 'alice', 'bob', 'carol'].sort());

    h.clock.advance(31 * DAY);
    await h.post('still here', { user: 'bob' });
    const list = await h.run('/members inactive');
    expect(list.text).toContain('46 members silent for 30 days or more');
    expect(list.text).toContain('*U00*: never spoke since joining on Dec 1, 2026 (31 days ago)');
    expect(list.text).toContain('*carol*: last seen Dec 1, 2026 (31 days ago)');
    expect(list.text).not.toContain('*bob*');
    expect(list.text).not.toContain('UBOT');
    expect(list.text).not.toContain('UOLD');

    const zh = await h.run('/members 不活跃', { user: 'alice', locale: 'zh-CN' });
    expect(zh.text).toContain('*U00*：自 2026年12月1日入群以来从未发言（31 天）');

    const proposal = await h.run('/members prune 30 0');
    const confirm = proposal.responder.replies[0]?.message.blocks
      ?.flatMap((b) => (b.type === 'buttons' ? b.buttons : []))
      .find((b) => b.actionId === 'members.prune.confirm');
    await h.click('members.prune.confirm', confirm?.value ?? '');
    await h.post('I am here after all', { user: 'U01' });
    h.clock.advance(60_000);
    await h.app.tick(h.clock.now());
    const removed = h.platform.moderated.map((a) => (a.kind === 'remove' ? a.user.userId : a.kind)).sort();
    expect(removed).toHaveLength(45);
    expect(removed).not.toContain('U01');
    expect(removed).not.toContain('bob');
    expect(removed).toContain('carol');
  });

  it('a member who leaves is no longer expected; one who comes back keeps their history and is expected again', async () => {
    await h.run('/standup on');
    h.app.roster.listed(C1, [person('bob'), person('dan')], h.clock.now());
    await h.run('/standup 昨天：接口；今天：联调', { user: 'dan' });
    await h.send({ type: 'member.left', ...h.base({ user: 'dan' }) });
    await h.at('2026-12-02T09:30:00Z');
    expect(promptedTo()).toEqual(['alice', 'bob']);
    expect((await h.run('/members')).text).not.toContain('dan');

    await h.send({ type: 'member.joined', ...h.base({ user: 'dan' }) });
    h.platform.sent.length = 0;
    await h.at('2026-12-03T09:30:00Z');
    expect(promptedTo()).toEqual(['alice', 'bob', 'dan']);
    expect(
      h.sql.prepare("select count(*) n from standup_answers where member_id = 'slack:T1:dan'").get(),
    ).toEqual({
      n: 1,
    });
    // Back on Dec 2: silence counts from the return, not from the answer before leaving.
    h.clock.set(new Date('2026-12-20T00:00:00Z'));
    expect((await h.run('/members inactive 30')).text).not.toContain('dan');
  });

  it('names people by their display name in exports, also an owner who never spoke', async () => {
    h.app.roster.listed(C1, [person('UWANG', { displayName: '王芳' })], h.clock.now());
    await h.run('/feedback customer:Acme rating:2 发货太慢了');
    await h.run('/feedback assign 1 <@UWANG>');
    const exported = await h.run('/feedback export');
    const file = exported.responder.replies[0]?.message.attachments?.[0];
    const csv = file && 'text' in file ? file.text : '';
    expect(csv).toContain('王芳');
    expect(csv).not.toContain('UWANG');
  });

  it('stores names without invisible characters, and refuses a name with nothing visible in it', async () => {
    h.app.roster.listed(
      C1,
      [
        person('UWANG', { displayName: '\u200B王\u200C芳\u202E' }),
        person('UBLANK', { displayName: '\u3164\u200B' }),
      ],
      h.clock.now(),
    );
    expect(
      h.sql
        .prepare(
          "select id, display_name from members where id in ('slack:T1:UWANG', 'slack:T1:UBLANK') order by id",
        )
        .all(),
    ).toEqual([
      { id: 'slack:T1:UBLANK', display_name: 'UBLANK' },
      { id: 'slack:T1:UWANG', display_name: '王芳' },
    ]);
    await h.run('/feedback customer:\u200BAcme\u200B rating:4 fine');
    await h.run('/feedback customer:Acme rating:5 great', { locale: 'zh-CN' });
    expect(h.sql.prepare('select name from customers').all()).toEqual([{ name: 'Acme' }]);
    const before = snapshot(h, ['customers', 'feedback_items']);
    const refused = await h.run('/feedback customer:\u200B\u2060 rating:4 fine', { locale: 'en' });
    expect(refused.text).toContain('The customer is missing');
    expect(refused.responder.replies[0]?.visibility).toBe('ephemeral');
    expect(snapshot(h, ['customers', 'feedback_items'])).toBe(before);
  });

  it('a completed listing has whoever it did not name leave; a page names them present again', () => {
    h.app.roster.listed(C1, [person('bob'), person('carol')], h.clock.now());
    const startedAt = new Date(h.clock.now().getTime() + 60_000);
    h.clock.set(startedAt);
    h.app.roster.listed(C1, [person('bob')], startedAt);
    h.app.roster.completed(C1, startedAt);
    expect(rows()).toEqual([
      { id: 'slack:T1:bob', side: 'team', customer: null, gone: 0 },
      { id: 'slack:T1:carol', side: 'team', customer: null, gone: 1 },
    ]);
  });
});

describe('team or customer', () => {
  it('people from another organisation are that customer’s without a command; only their survey clicks count', async () => {
    const acme = { id: 'TACME', name: 'Acme Ltd' };
    h.app.roster.listed(
      C1,
      [
        person('bob'),
        person('ext1', { organization: acme }),
        person('ext2', { organization: acme }),
        person('ext3', { organization: acme }),
        person('guest', { isGuest: true }),
      ],
      h.clock.now(),
    );
    expect(rows()).toEqual([
      { id: 'slack:T1:bob', side: 'team', customer: null, gone: 0 },
      { id: 'slack:T1:ext1', side: 'customer', customer: 'Acme Ltd', gone: 0 },
      { id: 'slack:T1:ext2', side: 'customer', customer: 'Acme Ltd', gone: 0 },
      { id: 'slack:T1:ext3', side: 'customer', customer: 'Acme Ltd', gone: 0 },
      { id: 'slack:T1:guest', side: 'customer', customer: null, gone: 0 },
    ]);
    // Feedback typed for "Ａｃｍｅ-LTD" is the same customer.
    await h.run('/feedback customer:Ａｃｍｅ-LTD rating:4 fine');
    expect(h.sql.prepare('select name from customers').all()).toEqual([{ name: 'Acme Ltd' }]);

    await h.run('/feedback survey Acme Ltd');
    const before = snapshot(h, ['survey_answers', 'feedback_items']);
    const refused = await h.click('feedback.survey.answer', '1:1', { user: 'bob' });
    expect(refused.text).toContain('This survey is for the customer');
    expect(refused.responder.replies[0]?.visibility).toBe('ephemeral');
    expect(snapshot(h, ['survey_answers', 'feedback_items'])).toBe(before);
    await h.click('feedback.survey.answer', '1:5', { user: 'ext2' });
    expect(h.sql.prepare('select member_id from survey_answers').all()).toEqual([
      { member_id: 'slack:T1:ext2' },
    ]);

    // The customer's people see nothing of the team's records.
    expect((await h.run('/members', { user: 'ext1' })).text).toContain(
      'That is for the team that serves this group',
    );
  });

  it('in a group shared with the customer the team’s standup is never posted there: the summary goes to the manager by DM', async () => {
    h.app.roster.listed(
      C1,
      [person('bob'), person('mona'), person('ext1', { organization: { id: 'TACME', name: 'Acme' } })],
      h.clock.now(),
    );
    await h.run('/role add <@mona> manager');
    await h.run('/standup on');
    await h.at('2026-12-01T09:30:00Z');
    expect(promptedTo()).toEqual(['alice', 'bob', 'mona']);
    await h.run('/standup 昨天：报价；今天：联调；阻碍：等客户的测试账号', { user: 'bob' });
    await h.at('2026-12-01T17:00:00Z');
    expect(h.platform.sent.filter((s) => s.target.kind === 'channel')).toEqual([]);
    const summary = h.dmsTo('mona').find((s) => s.message.text.includes('standup summary'));
    expect(summary?.message.text).toContain(
      '<#C1> is shared with the customer, so its standup summary comes to you here instead of into the group.',
    );
    expect(summary && textOf(summary.message)).toContain('等客户的测试账号');
    expect(h.dmsTo('ext1')).toEqual([]);
  });

  it('/role add @person customer <name> makes them that customer’s, in Chinese too; /role remove puts them on the team', async () => {
    await h.post('hi', { user: 'wang' });
    await h.post('hi', { user: 'li' });
    expect((await h.run('/role add <@wang> 客户联系人 阿里巴巴（中国）', { locale: 'zh-CN' })).text).toBe(
      '<@wang> 现在是本群中“阿里巴巴（中国）”的客户方人员。',
    );
    expect((await h.run('/role add <@li> customer Globex', { locale: 'en' })).text).toBe(
      "<@li> is now one of Globex's people in this group.",
    );
    h.app.flush();
    expect(rows()).toEqual([
      { id: 'slack:T1:alice', side: 'team', customer: null, gone: 0 },
      { id: 'slack:T1:li', side: 'customer', customer: 'Globex', gone: 0 },
      // Stored as typed, keyed the way feedback keys customer names, so both find the same customer.
      { id: 'slack:T1:wang', side: 'customer', customer: '阿里巴巴（中国）', gone: 0 },
    ]);
    const list = await h.run('/members');
    expect(list.text).toContain("People in <#C1>: team 1 · customer's people 2");
    expect(list.text).toContain('*Globex*\n• *li*: last seen');
    expect(list.text.indexOf('*Globex*')).toBeLessThan(list.text.indexOf('*阿里巴巴（中国）*'));
    const zh = await h.run('/members 名单', { locale: 'zh-CN' });
    expect(zh.text).toContain('<#C1> 的成员：团队 1 人，客户方 2 人');
    expect(zh.text).toContain('*客户：Globex*');
    expect((await h.run('/role list', { locale: 'en' })).text).toContain('<@li> (Globex)');

    expect((await h.run('/role add <@li> pm Globex')).text).toContain(
      'Only the customer role takes a customer name',
    );
    expect((await h.run('/role remove <@li> customer')).text).toBe('<@li> is no longer Customer.');
    expect((await h.run('/role remove <@li> customer')).text).toBe('<@li> is not Customer: nothing changed.');
    expect(rows()).toMatchObject([
      { side: 'team' },
      { id: 'slack:T1:li', side: 'team' },
      { side: 'customer' },
    ]);
  });

  it('inactive customers are listed apart and pruned only when asked for', async () => {
    h.app.roster.listed(
      C1,
      [person('bob'), person('ext1', { organization: { id: 'TACME', name: 'Acme' } })],
      h.clock.now(),
    );
    h.clock.advance(40 * DAY);
    const list = await h.run('/members inactive');
    expect(textOf(list.responder.replies[0]?.message ?? { text: '' })).toMatch(
      /1 member silent for 30 days or more:\n• \*bob\*[\s\S]*The customer's people silent as long: 1\n\*Acme\*\n• \*ext1\*[\s\S]*\/members prune 30 customers/,
    );
    const teamOnly = await h.run('/members prune 30');
    expect(teamOnly.text).toContain('*bob*');
    expect(teamOnly.text).not.toContain('ext1');
    const withCustomers = await h.run('/members prune 30 3 客户');
    expect(withCustomers.text).toContain('*ext1*');
    // The grace days may be left out before the customers word or name.
    expect((await h.run('/members prune 30 customers')).text).toContain('*ext1*');
    // One customer's people by its name, typed any way feedback would take it.
    const named = await h.run('/members prune 30 ＡＣＭＥ');
    expect(named.text).toContain('*ext1*');
    expect(named.text).toContain('*bob*');
    const before = snapshot(h, ['prunes', 'prune_members']);
    expect((await h.run('/members prune 30 Globex')).text).toBe(
      'No customer called “Globex” has people in this group; its customers are: Acme. Name one as written there, or prune all of them with `/members prune 30 customers`. Nothing was proposed.',
    );
    expect(snapshot(h, ['prunes', 'prune_members'])).toBe(before);
  });

  it('holders of a customer role (Discord) are that customer’s in every group, set by the workspace owner only', async () => {
    h.app.roster.listed(
      C1,
      [person('bob', { platformRoles: ['7'] }), person('ext', { platformRoles: ['42', '7'] })],
      h.clock.now(),
    );
    await h.run('/role add <@gina> admin');
    const before = snapshot(h, ['customer_roles', 'customers']);
    const sides = rows();
    expect((await h.run('/muster settings customer-role <@&42> Acme', { user: 'gina' })).text).toContain(
      'Only a workspace admin',
    );
    expect(snapshot(h, ['customer_roles', 'customers'])).toBe(before);
    expect(rows()).toEqual(sides);
    expect((await h.run('/muster settings customer-role Acme')).text).toContain(
      '/muster settings customer-role @Role',
    );

    expect((await h.run('/muster settings 客户角色 <@&42> 阿里巴巴', { locale: 'zh-CN' })).text).toBe(
      '拥有 <@&42> 的成员现在在本服务器的所有群中都算“阿里巴巴”的客户方人员（管理员仍可在某个群里用 `/role` 另行指定）。',
    );
    expect(rows()).toEqual([
      { id: 'slack:T1:bob', side: 'team', customer: null, gone: 0 },
      { id: 'slack:T1:ext', side: 'customer', customer: '阿里巴巴', gone: 0 },
      { id: 'slack:T1:gina', side: 'team', customer: null, gone: 0 },
    ]);
    // Someone given the role later is placed when the platform lists them.
    h.app.roster.listed(C1, [person('bob', { platformRoles: ['42'] })], h.clock.now());
    const side = () =>
      rows().map((r) => `${(r as { id: string }).id.slice(9)}:${(r as { side: string }).side}`);
    expect(side()).toEqual(['alice:team', 'bob:customer', 'ext:customer', 'gina:team']);

    expect((await h.run('/muster settings customer-role off <@&42>', { locale: 'en' })).text).toBe(
      "<@&42> no longer makes anyone the customer's: its members are on the team again.",
    );
    expect(side()).toEqual(['alice:team', 'bob:team', 'ext:team', 'gina:team']);
    expect((await h.run('/muster settings customer-role off <@&42>')).text).toContain('nothing changed');
  });
});
