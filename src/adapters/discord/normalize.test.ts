import { describe, expect, it } from 'vitest';
import {
  actorOf,
  type DiscordPerson,
  DM_WORKSPACE,
  isDiscordAdmin,
  normalizeCommand,
  normalizeComponent,
  normalizeMessage,
  normalizeSubmission,
  readModalFields,
  readOptions,
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
