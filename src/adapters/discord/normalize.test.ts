import { describe, expect, it } from 'vitest';
import { rejectionOf as rejection } from '../../../test/helpers/rejections.js';
import {
  actorOf,
  type DiscordPerson,
  DM_WORKSPACE,
  isDiscordAdmin,
  normalizeCommand,
  normalizeComponent,
  normalizeMembership,
  normalizeMessage,
  normalizeSubmission,
  readModalFields,
  readOptions,
  unbuildablePacket,
} from './normalize.js';

const person: DiscordPerson = {
  userId: '42',
  displayName: 'Bob',
  bot: false,
  permissions: 0n,
  locale: 'zh-CN',
};
const base = { id: '900', guildId: 'G1', channelId: 'C1', person };

describe('people', () => {
  it('Administrator or Manage Server make a Muster admin; nothing in DMs does', () => {
    expect(isDiscordAdmin(1n << 3n)).toBe(true);
    expect(isDiscordAdmin(1n << 5n)).toBe(true);
    expect(isDiscordAdmin((1n << 13n) | (1n << 40n))).toBe(false);
    expect(isDiscordAdmin(undefined)).toBe(false);
  });

  it('the interaction locale becomes the platform locale; unknown ones are left out', () => {
    expect(actorOf('G1', person).platformLocale).toBe('zh-CN');
    expect(actorOf('G1', { ...person, locale: 'en-GB' }).platformLocale).toBe('en');
    expect(actorOf('G1', { ...person, locale: 'ja' })).not.toHaveProperty('platformLocale');
    expect(actorOf(null, person).user).toEqual({
      platform: 'discord',
      workspaceId: DM_WORKSPACE,
      userId: '42',
    });
  });
});

describe('commands', () => {
  it('reads the subcommand and typed values', () => {
    expect(
      readOptions([
        {
          name: 'add',
          type: 1,
          options: [
            { name: 'member', type: 6, value: '7' },
            { name: 'role', type: 3, value: 'pm' },
          ],
        },
      ]),
    ).toEqual({ subcommand: 'add', values: { member: '7', role: 'pm' } });
    expect(readOptions([])).toEqual({ subcommand: undefined, values: {} });
  });

  it('a command in a DM is direct and filed under the DM workspace', () => {
    const event = normalizeCommand({ ...base, guildId: null, commandName: 'muster', options: [] });
    expect(event).toMatchObject({
      eventId: 'interaction:900',
      isDirect: true,
      conversation: { platform: 'discord', workspaceId: '@me', channelId: 'C1' },
    });
  });

  it('a command in a thread belongs to the parent channel', () => {
    const event = normalizeCommand({
      ...base,
      channelId: 'T1',
      threadParentId: 'C1',
      commandName: 'muster',
      options: [{ name: 'help', type: 1 }],
    });
    expect(event.conversation.channelId).toBe('C1');
    expect(event.text).toBe('help');
  });
});

describe('components and modals', () => {
  it('a button carries its action id and value; a select its first choice; the message is where it was clicked', () => {
    expect(
      normalizeComponent({
        ...base,
        channelId: 'T1',
        threadParentId: 'C1',
        customId: 'a|settings.edit|x',
        messageId: 'M1',
      }),
    ).toMatchObject({
      actionId: 'settings.edit',
      value: 'x',
      conversation: { channelId: 'C1' },
      message: { conversation: { channelId: 'T1' }, messageId: 'M1' },
    });
    expect(normalizeComponent({ ...base, customId: 'a|pick|', values: ['b', 'c'] })?.value).toBe('b');
    expect(normalizeComponent({ ...base, customId: 'f|settings.form|x' })).toBeUndefined();
    expect(normalizeComponent({ ...base, customId: 'another-bots-button' })).toBeUndefined();
  });

  it('reads text inputs and select menus of a submitted modal', () => {
    expect(
      readModalFields([
        ['timezone', { type: 4, value: 'Asia/Shanghai' }],
        ['language', { type: 3, values: ['zh-CN'] }],
        ['nothing', { type: 3, values: [] }],
      ]),
    ).toEqual({ timezone: 'Asia/Shanghai', language: 'zh-CN', nothing: '' });
    expect(
      normalizeSubmission({
        ...base,
        customId: 'f|settings.form|discord:G1:C1',
        fields: { timezone: 'UTC' },
      }),
    ).toMatchObject({ formId: 'settings.form', context: 'discord:G1:C1', values: { timezone: 'UTC' } });
  });
});

describe('messages', () => {
  it('a thread message counts for the parent group and keeps its own place', () => {
    const event = normalizeMessage({
      id: 'M9',
      guildId: 'G1',
      channelId: 'T1',
      threadParentId: 'C1',
      content: 'hi',
      person,
    });
    expect(event).toMatchObject({
      eventId: 'message:M9',
      conversation: { channelId: 'C1' },
      message: { conversation: { channelId: 'T1' }, messageId: 'M9' },
      threadId: 'T1',
    });
  });
});

describe('malformed events are rejected before the core', () => {
  const command = { ...base, commandName: 'muster', options: [] };

  it('an empty interaction, channel, server or user id is refused, naming the field', () => {
    expect(rejection(() => normalizeCommand({ ...command, id: '' }))).toEqual({
      reason: 'empty_id',
      details: { type: 'command', field: 'interaction_id' },
    });
    expect(rejection(() => normalizeCommand({ ...command, channelId: '' }))?.details.field).toBe(
      'channel_id',
    );
    expect(rejection(() => normalizeCommand({ ...command, guildId: '' }))?.details.field).toBe('guild_id');
    expect(rejection(() => normalizeCommand({ ...command, threadParentId: ' ' }))?.details.field).toBe(
      'parent_id',
    );
    expect(rejection(() => normalizeCommand({ ...command, person: { ...person, userId: '' } }))).toEqual({
      reason: 'empty_id',
      details: { type: 'actor', field: 'user_id' },
    });
    expect(rejection(() => normalizeCommand({ ...command, commandName: '' }))?.details.field).toBe('command');
    expect(
      rejection(() => normalizeComponent({ ...base, channelId: '', customId: 'a|x|1' }))?.details,
    ).toEqual({ type: 'component', field: 'channel_id' });
    expect(
      rejection(() => normalizeSubmission({ ...base, id: '', customId: 'f|x|', fields: {} }))?.details,
    ).toEqual({ type: 'modal_submit', field: 'interaction_id' });
    expect(rejection(() => normalizeMembership('member.joined', 'G1', '', person, 1))?.details.field).toBe(
      'channel_id',
    );
    // A DM has no server: a null guild is not an empty one.
    expect(rejection(() => normalizeCommand({ ...command, guildId: null }))).toBeUndefined();
  });

  it('a message without an author or ids is refused', () => {
    const message = { id: 'm1', guildId: 'G1', channelId: 'C1', content: 'hi', person };
    expect(rejection(() => normalizeMessage({ ...message, person: undefined }))).toEqual({
      reason: 'missing_author',
      details: { type: 'message', message: 'm1' },
    });
    expect(rejection(() => normalizeMessage({ ...message, channelId: '' }))?.details.field).toBe(
      'channel_id',
    );
    expect(rejection(() => normalizeMessage(message))).toBeUndefined();
  });

  it('a person without a name is shown by their id, not stored without one', () => {
    expect(actorOf('G1', { ...person, displayName: '' }).displayName).toBe('42');
    expect(actorOf('G1', { ...person, displayName: '  ' }).displayName).toBe('42');
    expect(actorOf('G1', { ...person, displayName: undefined as unknown as string }).displayName).toBe('42');
    // discord.js leaves `bot` null on a user it only partly knows.
    expect(actorOf('G1', { ...person, bot: null as unknown as boolean }).isBot).toBe(false);
  });

  it('gateway packets discord.js cannot build are recognised; good and unrelated ones are not', () => {
    const user = { id: '42', username: 'bob' };
    expect(unbuildablePacket({ t: 'INTERACTION_CREATE', d: { id: '1', type: 2, user } })).toMatchObject({
      reason: 'missing_data',
      details: { type: 'interaction', interaction: '1' },
    });
    expect(
      unbuildablePacket({ t: 'INTERACTION_CREATE', d: { id: '1', type: 5, data: null, user } })?.reason,
    ).toBe('missing_data');
    expect(unbuildablePacket({ t: 'INTERACTION_CREATE', d: { id: '1', type: 2, data: {} } })).toMatchObject({
      reason: 'empty_id',
      details: { field: 'user' },
    });
    expect(unbuildablePacket({ t: 'GUILD_MEMBER_REMOVE', d: { guild_id: 'G1' } })?.reason).toBe('empty_id');
    expect(
      unbuildablePacket({ t: 'INTERACTION_CREATE', d: { id: '1', type: 2, data: {}, user } }),
    ).toBeUndefined();
    expect(
      unbuildablePacket({ t: 'INTERACTION_CREATE', d: { id: '1', type: 3, data: {}, member: { user } } }),
    ).toBeUndefined();
    // A ping (type 1) has no data to build from.
    expect(unbuildablePacket({ t: 'INTERACTION_CREATE', d: { id: '1', type: 1, user } })).toBeUndefined();
    expect(unbuildablePacket({ t: 'GUILD_MEMBER_ADD', d: { guild_id: 'G1', user } })).toBeUndefined();
    expect(unbuildablePacket({ t: 'MESSAGE_CREATE', d: {} })).toBeUndefined();
    expect(unbuildablePacket({ t: null, d: null })).toBeUndefined();
  });
});
