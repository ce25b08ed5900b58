import {
  allows,
  type CommandSpec,
  defineCommand,
  defineSubcommand,
} from '../../core/commands/define-command.js';
import type { FeatureModule } from '../../core/commands/registry.js';
import { helpLine } from '../../core/commands/usage.js';
import type { Block } from '../../core/platform/messages.js';

/** `/muster help`: what the caller may run here, with usage, in their language. */
export function helpModule(commands: () => readonly CommandSpec[]): FeatureModule {
  const help = defineSubcommand({
    name: 'help',
    aliases: ['?', 'h', '帮助', '说明'],
    description: 'cmd.muster.help',
    scope: 'anywhere',
    permission: 'guest',
    options: {},
    async handle(ctx) {
      const { t } = ctx;
      const blocks: Block[] = [{ type: 'header', text: t('help.title') }];
      let hidden = 0;
      for (const command of commands()) {
        const lines = command.subcommands
          .filter((sub) => {
            const runnable =
              allows(ctx.level, sub.permission) && (sub.scope === 'anywhere' || ctx.groupId !== undefined);
            if (!runnable) hidden++;
            return runnable;
          })
          .map((sub) => helpLine(command, sub, ctx.locale, t));
        if (lines.length)
          blocks.push({ type: 'section', text: `*${t(command.description)}*\n${lines.join('\n')}` });
      }
      const where = ctx.groupId
        ? t('help.levelInGroup', {
            level: t(`level.${ctx.level}`),
            group: `<#${ctx.conversation.channelId}>`,
          })
        : t('help.inDirect');
      blocks.push({
        type: 'context',
        text: [where, hidden ? t('help.moreForOthers') : '', t('help.languageTip')]
          .filter(Boolean)
          .join('\n'),
      });
      await ctx.reply({ text: t('help.title'), blocks });
    },
  });
  return {
    commands: [
      defineCommand({
        name: 'muster',
        description: 'cmd.muster',
        defaultSubcommand: 'help',
        subcommands: [help],
      }),
    ],
  };
}
