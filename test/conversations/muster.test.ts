import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness, snapshot, textOf } from '../helpers/harness.js';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(async () => {
  await h.app.close();
});

const groupRow = () =>
  h.sql.prepare("select * from groups where id = 'slack:T1:C1'").get() as Record<string, unknown>;

describe('/muster help', () => {
  it('answers in English, ephemerally, listing admin commands for an admin', async () => {
    const { responder, text } = await h.run('/muster help');
    expect(responder.replies).toHaveLength(1);
    expect(responder.replies[0]?.visibility).toBe('ephemeral');
    expect(text).toContain('Muster: what you can do here');
    expect(text).toContain('/role add @member <role>');
    expect(text).toContain('/muster settings [setting] [value…]');
  });

  it('answers in Chinese after /muster language zh-CN, and the choice is stored', async () => {
    const switched = await h.run('/muster language zh-CN');
    expect(switched.text).toBe('好的，Muster 之后会用简体中文和你交流。');
    expect(h.sql.prepare("select locale from members where id = 'slack:T1:alice'").get()).toEqual({
      locale: 'zh-CN',
    });
    const { text } = await h.run('/muster help');
    expect(text).toContain('Muster：你在这里可以做什么');
    expect(text).toContain('/role add @成员 <角色>');
  });

  it('accepts Chinese language names and full-width input: ／muster 语言 中文', async () => {
    expect((await h.run('/muster 语言 中文')).text).toContain('简体中文');
    expect((await h.run('/muster ｈｅｌｐ')).text).toContain('你在这里可以做什么');
  });

  it('lists only what the caller may run', async () => {
    const { text } = await h.run('/muster help', { user: 'bob' });
    expect(text).toContain('/role list');
    expect(text).not.toContain('/role add');
    expect(text).toContain('Admins and managers see more commands.');
  });

  it('in a DM leaves out group-only commands and says where they work', async () => {
    const { text } = await h.run('/muster help', { direct: true });
    expect(text).toContain('/muster timezone');
    expect(text).not.toContain('/role list');
    expect(text).toContain('group commands work in the group channel');
  });

  it('is what /muster with no words shows', async () => {
    expect((await h.run('/muster')).text).toContain('Muster: what you can do here');
  });

  it('follows the client locale a platform sends (Discord) when the member chose none', async () => {
    expect((await h.run('/muster help', { user: 'bob', locale: 'zh-CN' })).text).toContain(
      '你在这里可以做什么',
    );
  });
});

describe('/muster settings', () => {
  it('shows the settings to a member, without the edit button', async () => {
    const { text } = await h.run('/muster settings', { user: 'bob' });
    expect(text).toContain('Timezone: UTC (now Tue 01:00)');
    expect(text).toContain('Workdays: Mon–Fri');
    expect(text).toContain('Working hours: 09:00–18:00');
    expect(text).toContain('Only group admins can change these.');
    expect(text).not.toContain('[Edit settings]');
  });

  it('lets an admin change each setting, in English or Chinese, and audits it', async () => {
    expect((await h.run('/muster settings timezone asia/shanghai')).text).toContain(
      'Timezone: UTC → *Asia/Shanghai*',
    );
    expect((await h.run('/muster settings 工作日 周一至周六')).text).toContain(
      'Workdays: Mon–Fri → *Mon–Sat*',
    );
    expect((await h.run('/muster settings 工作时间：９：３０－１８：００')).text).toContain('09:30–18:00');
    expect((await h.run('/muster settings language 中文')).text).toContain('简体中文');
    expect(groupRow()).toMatchObject({
      timezone: 'Asia/Shanghai',
      workdays: '1,2,3,4,5,6',
      work_start: '09:30',
      work_end: '18:00',
      locale: 'zh-CN',
    });
    const audit = h.sql
      .prepare(
        "select action, actor_id, details from audit_log where action = 'settings.changed' order by id",
      )
      .all() as { details: string; actor_id: string }[];
    expect(audit).toHaveLength(4);
    expect(audit[0]?.actor_id).toBe('slack:T1:alice');
    expect(JSON.parse(audit[0]?.details ?? '{}')).toEqual({
      from: { timezone: 'UTC' },
      to: { timezone: 'Asia/Shanghai' },
    });
  });

  it('the group language becomes the default for members who chose none', async () => {
    await h.run('/muster settings language zh-CN');
    expect((await h.run('/muster help', { user: 'bob' })).text).toContain('你在这里可以做什么');
  });

  it('refuses a member who tries to change a setting, in their language, and changes nothing', async () => {
    await h.run('/muster settings', { user: 'bob' });
    await h.run('/muster help', { user: 'carol', locale: 'zh-CN' });
    const before = snapshot(h);
    const { text, responder } = await h.run('/muster settings timezone Asia/Shanghai', { user: 'bob' });
    expect(responder.replies[0]?.visibility).toBe('ephemeral');
    expect(text).toContain('only a group admin can do that');
    const denied = await h.run('/muster settings 时区 Asia/Shanghai', { user: 'carol', locale: 'zh-CN' });
    expect(denied.text).toContain('只有本群管理员才能执行这个操作');
    expect(snapshotWithoutChatter(snapshot(h))).toEqual(snapshotWithoutChatter(before));
    expect(groupRow()).toMatchObject({ timezone: 'UTC' });
  });

  it('explains a bad value, suggests the likely zone, and changes nothing', async () => {
    await h.run('/muster settings');
    const before = groupRow();
    expect((await h.run('/muster settings timezone Asia/Shangai')).text).toBe(
      '“Asia/Shangai” is not a timezone. Did you mean Asia/Shanghai?',
    );
    expect((await h.run('/muster settings workdays someday')).text).toContain('Try Mon-Fri');
    expect(
      (await h.run('/muster settings 工作时间 18:00-09:00', { locale: 'zh-CN', user: 'dave', admin: true }))
        .text,
    ).toContain('请写成 `09:00-18:00`');
    expect((await h.run('/muster settings timezone')).text).toBe(
      'Which Timezone? For example: `/muster settings timezone Asia/Shanghai`',
    );
    expect(groupRow()).toEqual(before);
  });

  it('gives the usage for an unknown setting', async () => {
    const { text } = await h.run('/muster settings colour blue');
    expect(text).toBe(
      'The setting must be one of timezone | language | workdays | hours | customer-role, not “colour”.\nUsage: `/muster settings [setting] [value…]`',
    );
  });

  it('is group-only: in a DM it says where to run it', async () => {
    expect((await h.run('/muster settings', { direct: true })).text).toContain('works in a group channel');
  });

  it('one click from the settings view to a form that saves everything', async () => {
    const view = await h.run('/muster settings');
    const buttons = view.responder.replies[0]?.message.blocks?.find((b) => b.type === 'buttons');
    expect(buttons?.type === 'buttons' && buttons.buttons[0]?.label).toBe('Edit settings');
    const click = await h.send({
      type: 'action.clicked',
      ...h.base({}),
      actionId: 'settings.edit',
      value: '',
    });
    const form = click.forms[0];
    expect(form?.fields.map((f) => [f.id, f.initial])).toEqual([
      ['timezone', 'UTC'],
      ['language', 'en'],
      ['workdays', 'Mon–Fri'],
      ['hours', '09:00-18:00'],
    ]);
    const submit = await h.send({
      type: 'form.submitted',
      ...h.base({}),
      formId: form?.formId ?? '',
      context: form?.context ?? '',
      values: { timezone: 'Europe/Berlin', language: 'en', workdays: 'Mon–Fri', hours: '08:00-16:00' },
    });
    expect(submit.rejections).toEqual([]);
    expect(textOf(submit.replies[0]?.message ?? { text: '' })).toContain('Europe/Berlin');
    expect(groupRow()).toMatchObject({
      timezone: 'Europe/Berlin',
      work_start: '08:00',
      work_end: '16:00',
      workdays: '1,2,3,4,5',
    });
  });

  it('keeps the form open with a message on each bad field, and saves nothing', async () => {
    await h.run('/muster settings');
    const submit = await h.send({
      type: 'form.submitted',
      ...h.base({ locale: 'zh-CN' }),
      formId: 'settings.form',
      context: 'slack:T1:C1',
      values: { timezone: 'Mars/Base', language: 'en', workdays: '周一至周五', hours: '9点-8点' },
    });
    expect(Object.keys(submit.rejections[0] ?? {})).toEqual(['timezone', 'hours']);
    expect(submit.rejections[0]?.timezone).toContain('不是有效的时区');
    expect(groupRow()).toMatchObject({ timezone: 'UTC', work_start: '09:00' });
  });

  it('does not let a member open or submit the form', async () => {
    await h.post('hello', { user: 'bob' });
    const click = await h.send({
      type: 'action.clicked',
      ...h.base({ user: 'bob' }),
      actionId: 'settings.edit',
      value: '',
    });
    expect(click.forms).toEqual([]);
    const submit = await h.send({
      type: 'form.submitted',
      ...h.base({ user: 'bob' }),
      formId: 'settings.form',
      context: 'slack:T1:C1',
      values: { timezone: 'Europe/Berlin', language: 'en', workdays: 'mon-fri', hours: '08:00-16:00' },
    });
    expect(textOf(submit.replies[0]?.message ?? { text: '' })).toContain('only a group admin');
    expect(groupRow()).toMatchObject({ timezone: 'UTC' });
  });
});

describe('/muster timezone and language', () => {
  it('stores a member timezone, shows local time, and it wins over the group', async () => {
    expect((await h.run('/muster timezone Asia/Shanghai', { user: 'bob' })).text).toContain(
      'Asia/Shanghai (your time now: Tue 09:00)',
    );
    expect((await h.run('/muster timezone', { user: 'bob' })).text).toContain(
      'Your timezone is Asia/Shanghai',
    );
    expect((await h.run('/muster timezone', { user: 'carol' })).text).toContain('Your timezone is UTC');
  });

  it('works in a DM and rejects a bad zone without saving', async () => {
    const { text } = await h.run('/muster timezone Mars/Base', { user: 'bob', direct: true });
    expect(text).toContain('“Mars/Base” is not a timezone');
    expect(h.sql.prepare("select timezone from members where id = 'slack:T1:bob'").get()).toEqual({
      timezone: null,
    });
  });

  it('gives the usage for a language Muster does not speak', async () => {
    const { text } = await h.run('/muster language fr');
    expect(text).toBe(
      'The language must be one of en | zh-CN, not “fr”.\nUsage: `/muster language <language>`',
    );
  });
});

/** Receiving an event records activity and queues the reply: only the command's own effects matter. */
function snapshotWithoutChatter(s: string): unknown {
  const [workspaces, groups, members, roles, audit] = JSON.parse(s) as Record<string, unknown>[][];
  return { workspaces, groups, members: members?.map(({ last_active_at: _, ...m }) => m), roles, audit };
}
