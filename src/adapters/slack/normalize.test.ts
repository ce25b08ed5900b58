import type { BlockAction } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { buttonClick, slashCommand, viewSubmission } from '../../../test/fixtures/slack-payloads.js';
import { rejectionOf as rejection } from '../../../test/helpers/rejections.js';
import { toLocale } from '../../core/i18n/locale.js';
import {
  actorOf,
  normalizeButton,
  normalizeCommand,
  normalizeHomeOpened,
  normalizeMembership,
  normalizeMessage,
  normalizeSubmission,
  readMetadata,
  unescapeSlack,
} from './normalize.js';

const actor = actorOf(
  'T1',
  'U1',
  { displayName: '小王', isAdmin: false, isBot: false, locale: 'zh-CN', timezone: 'Asia/Shanghai' },
  toLocale,
);

describe('Slack normalize', () => {
  it('maps a slash command to the core event, text unescaped, mentions kept', () => {
    const event = normalizeCommand(
      slashCommand({
        text: 'add <@U2|bob> pm &amp; &lt;lead&gt;',
        user_id: 'U1',
        trigger_id: 'tr1',
        response_url: 'http://x',
        command: '/role',
      }),
      actor,
    );
    expect(event).toMatchObject({
      type: 'command.invoked',
      eventId: 'command:tr1',
      command: 'role',
      text: 'add <@U2|bob> pm & <lead>',
      conversation: { platform: 'slack', workspaceId: 'T1', channelId: 'C1' },
      isDirect: false,
      channelName: 'customer-acme',
      actor: { platformLocale: 'zh-CN', platformTimezone: 'Asia/Shanghai', isPlatformAdmin: false },
    });
  });

  it('recognises a DM and leaves out placeholder channel names', () => {
    const event = normalizeCommand(
      slashCommand({
        text: '',
        user_id: 'U1',
        trigger_id: 't',
        response_url: 'u',
        channel_id: 'D123',
        channel_name: 'directmessage',
      }),
      actor,
    );
    expect(event.isDirect).toBe(true);
    expect(event.channelName).toBeUndefined();
  });

  it('maps locales Muster does not speak to none, so the group language applies', () => {
    expect(
      actorOf('T1', 'U1', { displayName: 'x', isAdmin: true, isBot: false, locale: 'ja-JP' }, toLocale)
        .platformLocale,
    ).toBeUndefined();
    expect(
      actorOf('T1', 'U1', { displayName: 'x', isAdmin: true, isBot: false, locale: 'en-GB' }, toLocale)
        .platformLocale,
    ).toBe('en');
  });

  it('keeps thread replies in their thread', () => {
    const event = normalizeMessage(
      { channel: 'C1', channel_type: 'channel', user: 'U1', text: 'ok', ts: '2.0', thread_ts: '1.0' },
      'Ev1',
      'T1',
      actor,
    );
    expect(event).toMatchObject({ threadId: '1.0', message: { messageId: '2.0' }, isDirect: false });
  });

  it('rejects metadata that is not Muster’s', () => {
    expect(readMetadata('not json')).toBeUndefined();
    expect(readMetadata('{"c":1}')).toBeUndefined();
    expect(readMetadata('{"c":"slack:T1:C1","x":"","d":true}')).toEqual({ c: 'slack:T1:C1', x: '', d: true });
    expect(unescapeSlack('a &amp;lt; b')).toBe('a &lt; b');
  });
});

describe('Slack payloads the core must never see', () => {
  const command = (fields: Partial<Parameters<typeof slashCommand>[0]>) =>
    slashCommand({ text: 'help', user_id: 'U1', trigger_id: 'tr', response_url: 'u', ...fields });

  it('a slash command with an empty or missing id is refused, naming the field', () => {
    expect(rejection(() => normalizeCommand(command({ channel_id: '' }), actor))).toEqual({
      reason: 'empty_id',
      details: { type: 'slash_command', field: 'channel_id' },
    });
    expect(
      rejection(() => normalizeCommand(command({ team_id: undefined as unknown as string }), actor)),
    ).toMatchObject({ details: { field: 'team_id' } });
    expect(rejection(() => normalizeCommand(command({ trigger_id: '' }), actor))?.details.field).toBe(
      'trigger_id',
    );
    expect(rejection(() => normalizeCommand(command({}), actor))).toBeUndefined();
  });

  it('an actor needs a workspace and a user; one without a name is shown by their id', () => {
    const profile = { displayName: '', isAdmin: false, isBot: false };
    expect(rejection(() => actorOf('T1', '', profile, toLocale))).toEqual({
      reason: 'empty_id',
      details: { type: 'actor', field: 'user_id' },
    });
    expect(rejection(() => actorOf('', 'U1', profile, toLocale))?.details.field).toBe('team_id');
    expect(actorOf('T1', 'U1', profile, toLocale).displayName).toBe('U1');
  });

  it('a form submission with a null state, or metadata naming an empty channel, is refused', () => {
    const submission = viewSubmission({
      user: 'U1',
      callbackId: 'settings.edit',
      privateMetadata: '',
      values: { timezone: { type: 'plain_text_input', value: 'UTC' } },
      triggerId: 't',
    });
    const metadata = { c: 'slack:T1:C1', x: '', d: false };
    const nullState = {
      ...submission,
      view: { ...submission.view, state: null },
    } as unknown as typeof submission;
    expect(rejection(() => normalizeSubmission(nullState, metadata, actor))).toEqual({
      reason: 'missing_state',
      details: { type: 'view_submission', callbackId: 'settings.edit' },
    });
    expect(rejection(() => normalizeSubmission(submission, { ...metadata, c: 'slack:T1:' }, actor))).toEqual({
      reason: 'empty_id',
      details: { type: 'view_submission', field: 'private_metadata' },
    });
    expect(normalizeSubmission(submission, metadata, actor).values).toEqual({ timezone: 'UTC' });
  });

  it('a click in a channel without a workspace, and events without ids, are refused', () => {
    const click = buttonClick({ user: 'U1', actionId: 'x', value: '1', triggerId: 't', responseUrl: 'u' });
    const [button] = click.actions;
    if (!button) throw new Error('fixture has a button');
    const noTeam = {
      ...click,
      team: null,
      user: { ...click.user, team_id: undefined },
    } as unknown as BlockAction;
    expect(rejection(() => normalizeButton(noTeam, button, actor))?.details.field).toBe('team_id');
    expect(rejection(() => normalizeButton(click, { ...button, action_ts: '' }, actor))?.details.field).toBe(
      'action_ts',
    );
    const message = { channel: 'C1', user: 'U1', text: 'hi', ts: '1.0' };
    expect(rejection(() => normalizeMessage({ ...message, ts: '' }, 'Ev1', 'T1', actor))?.details.field).toBe(
      'ts',
    );
    expect(rejection(() => normalizeMessage(message, '', 'T1', actor))?.details.field).toBe('event_id');
    expect(rejection(() => normalizeMembership('member.joined', '', 'Ev1', 'T1', actor))).toEqual({
      reason: 'empty_id',
      details: { type: 'member.joined', field: 'channel' },
    });
    expect(rejection(() => normalizeHomeOpened('D1', 'Ev1', '', actor))?.details.field).toBe('team_id');
  });
});
