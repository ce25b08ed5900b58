import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { translator } from '../../src/core/i18n/catalog.js';
import { conversationKey, type PlatformName, userKey } from '../../src/core/platform/ids.js';
import { discordDriver, type PlatformDriver, slackDriver } from '../helpers/contract-drivers.js';
import { counter } from '../helpers/discord-harness.js';

const en = translator('en');

/**
 * What each platform can do, said here so a capability that flips by mistake fails the suite
 * instead of quietly switching the scenario to its other branch.
 */
const PLATFORMS: {
  name: PlatformName;
  make: () => PlatformDriver;
  deletesOthers: boolean;
  ephemeral: boolean;
}[] = [
  // Slack without SLACK_ADMIN_USER_TOKEN.
  { name: 'slack', make: slackDriver, deletesOthers: false, ephemeral: true },
  { name: 'discord', make: discordDriver, deletesOthers: true, ephemeral: false },
];

async function eventually(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > 3_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe.each(PLATFORMS)('the $name adapter honours the platform port', (expected) => {
  let p: PlatformDriver;
  beforeEach(async () => {
    p = expected.make();
    await p.start();
  });
  afterEach(async () => {
    await p.stop();
  });

  const groupRow = () =>
    p.h.sql
      .prepare('select timezone, locale, work_start from groups where id = ?')
      .get(conversationKey(p.group));

  it('declares the capabilities its behaviour below relies on', () => {
    expect(p.platform.name).toBe(expected.name);
    expect(p.platform.capabilities).toMatchObject({
      deleteOthersMessages: expected.deletesOthers,
      ephemeral: expected.ephemeral,
      forms: true,
      buttons: true,
    });
  });

  it('help: answers only the caller, in their language', async () => {
    const chinese = await p.sendCommand('zh', 'muster', 'help');
    expect(chinese.callerOnly).toBe(true);
    expect(chinese.text).toContain('Muster：你在这里可以做什么');
    const english = await p.sendCommand('bob', 'muster', 'help');
    expect(english.callerOnly).toBe(true);
    expect(english.text).toContain('Muster: what you can do here');
    expect(p.publicly()).toEqual([]);
  });

  it('role change: an admin’s /role add is stored and the member is told by DM', async () => {
    const reply = await p.sendCommand('admin', 'role', 'add', { member: { user: 'bob' }, role: 'pm' });
    expect(reply.callerOnly).toBe(true);
    expect(reply.text).toContain(en('role.pm'));
    expect(p.h.sql.prepare('select group_id, member_id, role from group_roles').all()).toEqual([
      { group_id: conversationKey(p.group), member_id: userKey(p.user('bob')), role: 'pm' },
    ]);
    await eventually(() => p.privately('bob').length === 1, 'the DM to bob');
    expect(p.privately('bob')[0]).toContain(en('role.pm'));

    const denied = await p.sendCommand('bob', 'role', 'add', { member: { user: 'zh' }, role: 'support' });
    expect(denied.callerOnly).toBe(true);
    expect(denied.text).toContain(en('level.admin'));
    expect(p.h.sql.prepare('select count(*) n from group_roles').get()).toEqual({ n: 1 });
  });

  it('button click: the settings edit button reaches the core as action.clicked and opens the form', async () => {
    const view = await p.sendCommand('admin', 'muster', 'settings');
    expect(view.callerOnly).toBe(true);
    expect(view.actions).toEqual(['settings.edit']);
    const { form } = await p.clickButton('admin', view, 'settings.edit');
    expect(form?.formId).toBe('settings.form');
    expect(form?.fields.map((f) => f.id)).toEqual(['timezone', 'language', 'workdays', 'hours']);
    expect(form?.fields.filter((f) => f.select).map((f) => f.id)).toEqual(['language']);
    expect(await counter(p.h, 'muster_events_in_total', { platform: p.name, type: 'action.clicked' })).toBe(
      1,
    );
    // The platform may see the modal before the core has counted the click.
    const counted = () =>
      counter(p.h, 'muster_commands_total', { command: 'action:settings.edit', outcome: 'ok' });
    await eventually(async () => (await counted()) === 1, 'the click to be counted');
  });

  it('form submit: a bad value is refused and stores nothing; a good one is stored and confirmed', async () => {
    const view = await p.sendCommand('admin', 'muster', 'settings');
    const { form } = await p.clickButton('admin', view, 'settings.edit');
    if (!form) throw new Error('the settings form did not open');
    const bad = await p.submitForm('admin', form, {
      timezone: 'Mars/Base',
      language: 'en',
      workdays: 'Mon-Fri',
      hours: '09:00-18:00',
    });
    expect(bad.saved).toBe(false);
    expect(bad.text).toContain('“Mars/Base” is not a timezone.');
    expect(groupRow()).toEqual({ timezone: 'UTC', locale: 'en', work_start: '09:00' });

    const good = await p.submitForm('admin', form, {
      timezone: 'Asia/Shanghai',
      language: 'zh-CN',
      workdays: '周一至周五',
      hours: '9:30-18:30',
    });
    expect(good.saved).toBe(true);
    expect(good.text).toContain('Asia/Shanghai');
    expect(groupRow()).toEqual({ timezone: 'Asia/Shanghai', locale: 'zh-CN', work_start: '09:30' });
    expect(p.publicly()).toEqual([]);
  });

  it('DM: platform.send to a person arrives in their DMs and nowhere else', async () => {
    const result = await p.h.app.outbox.send(
      p.name,
      { kind: 'dm', user: p.user('bob') },
      { text: 'Your review is due today' },
    );
    expect(result).toMatchObject({ status: 'sent' });
    expect(p.privately('bob')).toEqual(['Your review is due today']);
    expect(p.privately('admin')).toEqual([]);
    expect(p.publicly()).toEqual([]);
  });

  it('ephemeral: an interaction reply and an ephemeral send are seen by that person only', async () => {
    const reply = await p.sendCommand('bob', 'muster', 'timezone');
    expect(reply.callerOnly).toBe(true);
    expect(reply.text).toContain(en('timezone.current').split('{')[0] ?? '');
    // Where the platform has no ephemeral messages outside interactions, the core sends a DM.
    const result = await p.h.app.outbox.send(
      p.name,
      { kind: 'ephemeral', conversation: p.group, user: p.user('bob') },
      { text: 'Only you can see this' },
    );
    expect(result).toMatchObject({ status: 'sent' });
    expect(p.privately('bob')).toEqual(['Only you can see this']);
    expect(p.privately('admin')).toEqual([]);
    expect(p.publicly()).toEqual([]);
  });

  it('delete: done where the platform can; otherwise not_supported and the admins are told', async () => {
    await p.sendCommand('admin', 'muster', 'help');
    const message = await p.postMessage('bob', 'buy cheap followers at example.com');
    expect(message.conversation).toEqual(p.group);
    expect(await counter(p.h, 'muster_events_in_total', { platform: p.name, type: 'message.posted' })).toBe(
      1,
    );
    const outcome = await p.h.app.moderator.apply({ kind: 'delete', message, reason: 'Rule #2: no ads' });
    if (expected.deletesOthers) {
      expect(outcome).toEqual({ status: 'done' });
      expect(p.exists(message)).toBe(false);
      expect(p.privately('admin')).toEqual([]);
    } else {
      expect(outcome).toEqual({ status: 'fallback', reason: 'not_supported' });
      expect(p.exists(message)).toBe(true);
      expect(p.privately('admin')).toHaveLength(1);
      expect(p.privately('admin')[0]).toContain('Rule #2: no ads');
    }
    expect(p.privately('bob')).toEqual([]);
  });
});
