import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness, textOf } from '../helpers/harness.js';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(async () => {
  await h.app.close();
});

const roles = () =>
  h.sql
    .prepare('select group_id, member_id, role, assigned_by from group_roles order by member_id, role')
    .all();
const dms = () =>
  h.platform.sent
    .filter((s) => s.target.kind === 'dm')
    .map((s) => ({ to: s.target.kind === 'dm' ? s.target.user.userId : '', text: s.message.text }));

describe('/role', () => {
  it('an admin gives roles; they are stored, audited and the member is told by DM', async () => {
    expect((await h.run('/role add <@bob> pm')).text).toBe('<@bob> is now Project manager.');
    expect((await h.run('/role add <@carol> 客户经理')).text).toBe('<@carol> is now Account manager.');
    expect(roles()).toEqual([
      { group_id: 'slack:T1:C1', member_id: 'slack:T1:bob', role: 'pm', assigned_by: 'slack:T1:alice' },
      {
        group_id: 'slack:T1:C1',
        member_id: 'slack:T1:carol',
        role: 'account_manager',
        assigned_by: 'slack:T1:alice',
      },
    ]);
    expect(
      h.sql.prepare("select action, target_id, details from audit_log where action like 'role.%'").all(),
    ).toEqual([
      { action: 'role.added', target_id: 'slack:T1:bob', details: '{"role":"pm"}' },
      { action: 'role.added', target_id: 'slack:T1:carol', details: '{"role":"account_manager"}' },
    ]);
    expect(dms()).toEqual([
      { to: 'bob', text: expect.stringContaining('<@alice> made you *Project manager* in <#C1>') },
      { to: 'carol', text: expect.stringContaining('Account manager') },
    ]);
  });

  it('tells the member in their own language', async () => {
    await h.run('/muster language zh-CN', { user: 'bob' });
    await h.run('/role add <@bob> support');
    expect(dms()[0]?.text).toBe('<@alice> 在 <#C1> 将你设为*客服*。客服的职责：解答客户问题，处理客户投诉。');
  });

  it('anyone lists who holds what and what each role is for', async () => {
    await h.run('/role add <@bob> pm');
    await h.run('/role add <@carol> pm');
    await h.run('/role add <@dave> manager');
    const { text } = await h.run('/role list', { user: 'erin' });
    expect(text).toContain(
      '*Project manager*: <@bob>, <@carol>\n_owns the project plan and posts its progress every day_',
    );
    expect(text).toContain('*Manager*: <@dave>');
    expect(text).toContain('*Support*: nobody yet');
    expect(text).toContain('Group admins give and take roles.');
    const zh = await h.run('/role', { user: 'erin', locale: 'zh-CN' });
    expect(zh.text).toContain('*项目经理*：<@bob>、<@carol>');
  });

  it('a manager role grants manager level; removing it takes it away', async () => {
    await h.run('/role add <@bob> manager');
    expect((await h.run('/muster help', { user: 'bob' })).text).toContain('Your level in <#C1>: manager.');
    expect((await h.run('/role remove <@bob> manager')).text).toBe('<@bob> is no longer Manager.');
    expect((await h.run('/muster help', { user: 'bob' })).text).toContain('Your level in <#C1>: member.');
    expect(roles()).toEqual([]);
  });

  it('an admin role given in the group makes its holder an admin there only', async () => {
    await h.run('/role add <@bob> admin');
    expect((await h.run('/muster settings timezone Asia/Tokyo', { user: 'bob' })).text).toContain(
      'Asia/Tokyo',
    );
    expect(
      (await h.run('/muster settings timezone Asia/Tokyo', { user: 'bob', channel: 'C2' })).text,
    ).toContain('only a group admin');
  });

  it('refuses members, in their language, and changes nothing', async () => {
    const { text, responder } = await h.run('/role add <@carol> admin', { user: 'bob' });
    expect(responder.replies[0]?.visibility).toBe('ephemeral');
    expect(text).toBe(
      'Sorry, only a group admin can do that here. Ask an admin if you need it (they can give roles with `/role add @member <role>`).',
    );
    expect((await h.run('/role add <@bob> admin', { user: 'bob', locale: 'zh-CN' })).text).toContain(
      '只有本群管理员',
    );
    expect(roles()).toEqual([]);
    expect(h.sql.prepare('select count(*) n from audit_log').get()).toEqual({ n: 0 });
    expect(dms()).toEqual([]);
  });

  it('says when nothing changes', async () => {
    await h.run('/role add <@bob> pm');
    expect((await h.run('/role add <@bob> 项目经理')).text).toBe(
      '<@bob> is already Project manager: nothing changed.',
    );
    expect((await h.run('/role remove <@bob> support')).text).toBe('<@bob> is not Support: nothing changed.');
    expect(h.sql.prepare('select count(*) n from audit_log').get()).toEqual({ n: 1 });
  });

  it('bad arguments give the usage, in English and Chinese', async () => {
    expect((await h.run('/role add bob pm')).text).toBe(
      'The member must mention a person, like @alice, not “bob”.\nUsage: `/role add @member <role> [customer name…]`',
    );
    expect((await h.run('/role add <@bob>')).text).toBe(
      'The role is missing.\nUsage: `/role add @member <role> [customer name…]`',
    );
    expect((await h.run('/role add <@bob> 老板', { user: 'dave', admin: true, locale: 'zh-CN' })).text).toBe(
      '角色只能是管理员、经理、成员、项目经理、客服、客户经理、观察员、客户之一，没有“老板”这一项。\n用法：`/role add @成员 <角色> [客户名称…]`',
    );
    expect(roles()).toEqual([]);
  });

  it('accepts Chinese subcommands and full-width punctuation: ／role 添加 <@bob>\u3000项目经理', async () => {
    expect((await h.run('/role 添加 <@bob>\u3000项目经理')).text).toBe('<@bob> is now Project manager.');
    expect((await h.run('/role 移除 member：<@bob> role：项目经理')).text).toBe(
      '<@bob> is no longer Project manager.',
    );
  });

  it('does not DM yourself when you give yourself a duty', async () => {
    const { responder } = await h.run('/role add <@alice> pm');
    expect(dms()).toEqual([]);
    expect(textOf(responder.replies[0]?.message ?? { text: '' })).toBe('<@alice> is now Project manager.');
  });

  it('a customer (客户) is a guest: told what is theirs, in their language, and held to the rules', async () => {
    expect((await h.run('/role add <@cora> 客户')).text).toBe('<@cora> is now Customer.');
    expect((await h.run('/feedback list', { user: 'cora' })).text).toContain(
      "As the customer's contact you can read the group's rules",
    );
    expect((await h.run('/standup history', { user: 'cora', locale: 'zh-CN' })).text).toContain(
      '作为客户方，你可以查看本群群规',
    );
    expect((await h.run('/rules', { user: 'cora' })).text).toContain('规则');
    await h.run('/rules add words scam');
    await h.post('scam offer', { user: 'cora' });
    expect(h.sql.prepare("select count(*) n from strikes where member_id = 'slack:T1:cora'").get()).toEqual({
      n: 1,
    });
  });
});

describe('a role written as people write it', () => {
  it.each([
    ['en' as const, '/role add <@carol> Account Manager', '<@carol> is now Account manager.'],
    ['en' as const, '/role add <@carol> account-manager', '<@carol> is now Account manager.'],
    ['zh-CN' as const, '/角色 添加 <@carol> 客户经理', '已将 <@carol> 设为客户经理。'],
  ])('%s: %s', async (locale, line, says) => {
    expect((await h.run(line, { locale })).text).toBe(says);
    expect(roles()).toEqual([
      expect.objectContaining({ member_id: 'slack:T1:carol', role: 'account_manager' }),
    ]);
  });
});
