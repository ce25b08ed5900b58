import { describe, expect, it } from 'vitest';
import { slashCommand } from '../../../test/fixtures/slack-payloads.js';
import { toLocale } from '../../core/i18n/locale.js';
import { actorOf, normalizeCommand, normalizeMessage, readMetadata, unescapeSlack } from './normalize.js';

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
