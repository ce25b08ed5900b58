import {
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  SlashCommandBuilder,
  type SlashCommandSubcommandBuilder,
} from 'discord.js';
import { type CommandSpec, chineseName } from '../../core/commands/define-command.js';
import type { OptionSpec } from '../../core/commands/options.js';
import { type MessageKey, translator } from '../../core/i18n/catalog.js';
import { truncate } from '../../core/platform/text-split.js';

const en = translator('en');
const zh = translator('zh-CN');

/** Discord descriptions are 1-100 characters, in English with a Chinese localization. */
function describe<
  T extends { setDescription(d: string): T; setDescriptionLocalizations(l: Record<string, string>): T },
>(builder: T, key: MessageKey): T {
  return builder
    .setDescription(truncate(en(key), 100))
    .setDescriptionLocalizations({ 'zh-CN': truncate(zh(key), 100) });
}

/** A Chinese client shows (and autocompletes) the command's Chinese name: `/站会 请假`. */
function chineseNames(spec: { aliases?: readonly string[] | undefined }): Record<string, string> | null {
  const name = chineseName(spec);
  return name ? { 'zh-CN': name } : null;
}

function addOption(sub: SlashCommandSubcommandBuilder, name: string, spec: OptionSpec): void {
  switch (spec.kind) {
    case 'string':
      sub.addStringOption((o) => describe(o.setName(name).setRequired(spec.required), spec.label));
      return;
    case 'integer':
      sub.addIntegerOption((o) => {
        describe(o.setName(name).setRequired(spec.required), spec.label);
        if (spec.min !== undefined) o.setMinValue(spec.min);
        if (spec.max !== undefined) o.setMaxValue(spec.max);
        return o;
      });
      return;
    case 'user':
      sub.addUserOption((o) => describe(o.setName(name).setRequired(spec.required), spec.label));
      return;
    case 'channel':
      sub.addChannelOption((o) => describe(o.setName(name).setRequired(spec.required), spec.label));
      return;
    case 'choice':
      sub.addStringOption((o) =>
        describe(o.setName(name).setRequired(spec.required), spec.label).addChoices(
          ...spec.choices.slice(0, 25).map((c) => ({
            name: truncate(en(c.label), 100),
            name_localizations: { 'zh-CN': truncate(zh(c.label), 100) },
            value: c.value,
          })),
        ),
      );
      return;
  }
}

/**
 * The registry's commands as Discord application commands: one per top-level command, each
 * subcommand with typed options, so Discord checks users, channels, ranges and choices itself.
 * Discord wants required options before optional ones; parsing is by name, so order is free.
 */
export function toApplicationCommands(
  commands: readonly CommandSpec[],
): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return commands.map((command) => {
    const builder = describe(
      new SlashCommandBuilder().setName(command.name).setNameLocalizations(chineseNames(command)),
      command.description,
    ).setDMPermission(true);
    for (const sub of command.subcommands) {
      builder.addSubcommand((s) => {
        describe(s.setName(sub.name).setNameLocalizations(chineseNames(sub)), sub.description);
        const options = Object.entries(sub.options).sort(
          ([, a], [, b]) => Number(b.required) - Number(a.required),
        );
        for (const [name, spec] of options) addOption(s, name, spec);
        return s;
      });
    }
    return builder.toJSON();
  });
}
