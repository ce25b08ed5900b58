import { describe, expect, it } from 'vitest';
import {
  defineCommand,
  defineSubcommand,
  type FormHandlerSpec,
  MAX_FORM_FIELDS,
} from '../../core/commands/define-command.js';
import { opt } from '../../core/commands/options.js';
import { CommandRegistry } from '../../core/commands/registry.js';
import { translator } from '../../core/i18n/catalog.js';
import { toApplicationCommands } from './commands.js';
import { DISCORD_LIMITS } from './render.js';

const zh = translator('zh-CN');
const en = translator('en');

const everyKind = defineCommand({
  name: 'role',
  description: 'cmd.role',
  subcommands: [
    defineSubcommand({
      name: 'add',
      description: 'cmd.role.add',
      scope: 'group',
      permission: 'admin',
      // Optional first on purpose: Discord refuses required options after optional ones.
      options: {
        days: opt.integer('opt.value', { required: false, min: 1, max: 365 }),
        note: opt.string('opt.timezone', { required: false, rest: true }),
        member: opt.user('opt.member', { required: true }),
        where: opt.channel('opt.setting', { required: true }),
        role: opt.choice(
          'opt.role',
          [
            { value: 'pm', label: 'role.pm' },
            { value: 'support', label: 'role.support' },
          ],
          { required: true },
        ),
      },
      async handle() {},
    }),
  ],
});

describe('toApplicationCommands', () => {
  it('types every option, puts required ones first and localizes descriptions and choices', () => {
    const [command] = toApplicationCommands([everyKind]);
    expect(command).toMatchObject({
      name: 'role',
      description: en('cmd.role'),
      description_localizations: { 'zh-CN': zh('cmd.role') },
    });
    const [sub] = command?.options ?? [];
    expect(sub).toMatchObject({
      type: 1,
      name: 'add',
      description_localizations: { 'zh-CN': zh('cmd.role.add') },
    });
    const options = sub && 'options' in sub ? (sub.options ?? []) : [];
    expect(options.map((o) => [o.name, o.type, o.required ?? false])).toEqual([
      ['member', 6, true],
      ['where', 7, true],
      ['role', 3, true],
      ['days', 4, false],
      ['note', 3, false],
    ]);
    expect(options.find((o) => o.name === 'days')).toMatchObject({ min_value: 1, max_value: 365 });
    expect(options.find((o) => o.name === 'role')).toMatchObject({
      choices: [
        { name: en('role.pm'), name_localizations: { 'zh-CN': zh('role.pm') }, value: 'pm' },
        { name: en('role.support'), name_localizations: { 'zh-CN': zh('role.support') }, value: 'support' },
      ],
    });
    for (const option of options) {
      expect(option.description.length).toBeGreaterThan(0);
      expect(option.description.length).toBeLessThanOrEqual(100);
      expect(option.description_localizations?.['zh-CN']).toBeTruthy();
    }
  });
});

describe('forms hold at most five fields (Discord modals)', () => {
  const form = (fields: string[]): FormHandlerSpec => ({
    formId: 'too.long',
    fields,
    permission: 'admin',
    handle: async () => ({}),
  });

  it('is the same limit as a Discord modal', () => {
    expect(MAX_FORM_FIELDS).toBe(DISCORD_LIMITS.modalInputs);
  });

  it('a form declaring six fields fails when the registry is built, not when someone opens it', () => {
    expect(() => new CommandRegistry([{ forms: [form(['a', 'b', 'c', 'd', 'e', 'f'])] }])).toThrow(
      'form "too.long" declares 6 fields; forms hold at most 5',
    );
    expect(() => new CommandRegistry([{ forms: [form(['a', 'b', 'c', 'd', 'e'])] }])).not.toThrow();
  });
});
