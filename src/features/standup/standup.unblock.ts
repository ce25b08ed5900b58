import { memberKey } from '../../core/commands/actor.js';
import {
  type ActionSpec,
  allows,
  defineSubcommand,
  type HandlerContext,
} from '../../core/commands/define-command.js';
import { opt } from '../../core/commands/options.js';
import { groupTarget } from '../../core/commands/targets.js';
import { UserFacingError } from '../../core/errors.js';
import type { Translator } from '../../core/i18n/catalog.js';
import { parseUserKey } from '../../core/platform/ids.js';
import type { Block, Button } from '../../core/platform/messages.js';
import { blockerSimilarity, SAME_BLOCKER } from './standup.blockers.js';
import type { BlockerRow, StandupRepo } from './standup.repo.js';
import type { OpenBlocker, StandupService } from './standup.service.js';

export const UNBLOCK_ACTION = 'standup.unblock';

/** The button that closes one blocker; its value names the group and the blocker. */
export function unblockButton(t: Translator, groupId: string, blockerId: number, label?: string): Button {
  return {
    actionId: UNBLOCK_ACTION,
    label: label ?? t('standup.unblock.buttonMine'),
    value: `${groupId}|${blockerId}`,
  };
}

/** What a member reads after answering with a blocker: its age once carried over, and how to close it. */
export function blockerNote(t: Translator, groupId: string, blocker: OpenBlocker): Block[] {
  const text =
    blocker.days > 1
      ? t('standup.recorded.blockerOpen', { text: blocker.text, days: blocker.days })
      : t('standup.recorded.blockerNew', { text: blocker.text });
  return [
    { type: 'section', text },
    { type: 'buttons', buttons: [unblockButton(t, groupId, blocker.id)] },
  ];
}

/** `/standup blockers` and `/standup unblock`, and the button that closes a blocker. */
export function blockerCommands(service: StandupService, repo: StandupRepo) {
  /** Who may close a blocker: the member who reported it, or a manager of its group. */
  function mayClose(ctx: HandlerContext, blocker: BlockerRow): boolean {
    return blocker.memberId === memberKey(ctx) || allows(ctx.level, 'manager');
  }

  function nameOf(memberId: string): string {
    return service.memberName(memberId) ?? `<@${parseUserKey(memberId).userId}>`;
  }

  function line(ctx: HandlerContext, blocker: BlockerRow, n: number): string {
    return ctx.t('standup.blockers.line', {
      n,
      name: nameOf(blocker.memberId),
      text: blocker.text,
      days: blocker.days,
      since: blocker.firstDay,
    });
  }

  async function close(ctx: HandlerContext, blocker: BlockerRow): Promise<void> {
    if (!mayClose(ctx, blocker))
      throw new UserFacingError('standup_not_yours', 'standup.unblock.notYours', {
        name: nameOf(blocker.memberId),
      });
    if (!service.closeBlocker(blocker, memberKey(ctx), ctx.now))
      throw new UserFacingError('standup_closed_already', 'standup.unblock.already', {});
    await ctx.reply({
      text: ctx.t('standup.unblock.done', { name: nameOf(blocker.memberId), text: blocker.text }),
    });
  }

  /** The blocker a `/standup unblock` argument names: a number in the group's list, or its words. */
  function pick(ctx: HandlerContext & { groupId: string }, which: string | undefined): BlockerRow {
    const open = service.openBlockers(ctx.groupId, ctx.now);
    const mine = open.filter((b) => b.memberId === memberKey(ctx));
    const value = which?.normalize('NFKC').trim().replace(/^#/u, '') ?? '';
    if (!value) {
      if (mine.length === 1) return mine[0] as BlockerRow;
      if (mine.length === 0) throw new UserFacingError('standup_no_blocker', 'standup.unblock.noneOpen', {});
      const list = mine.map((b) => line(ctx, b, open.indexOf(b) + 1)).join('\n');
      throw new UserFacingError('standup_which_blocker', 'standup.unblock.which', {
        count: mine.length,
        list,
      });
    }
    if (/^\d+$/u.test(value)) {
      const numbered = open[Number(value) - 1];
      if (numbered) return numbered;
    } else {
      // Words: the member's own blocker they best describe, else (for a manager) anyone's.
      const candidates = allows(ctx.level, 'manager') ? [...mine, ...open] : mine;
      const scored = candidates
        .map((b) => ({ b, score: matchScore(b.text, value) }))
        .filter((s) => s.score >= SAME_BLOCKER)
        .sort((a, b) => b.score - a.score);
      if (scored[0]) return scored[0].b;
    }
    throw new UserFacingError('standup_no_such_blocker', 'standup.unblock.notFound', { value: which ?? '' });
  }

  const blockers = defineSubcommand({
    name: 'blockers',
    aliases: ['阻碍', '卡点', '障碍'],
    description: 'cmd.standup.blockers',
    scope: 'group',
    permission: 'member',
    options: {},
    async handle(ctx) {
      const open = service.openBlockers(ctx.groupId, ctx.now);
      if (open.length === 0) {
        await ctx.reply({ text: ctx.t('standup.blockers.none') });
        return;
      }
      const lines = open.map((b, i) => line(ctx, b, i + 1));
      const buttons = open.flatMap((b, i) =>
        mayClose(ctx, b)
          ? [unblockButton(ctx.t, ctx.groupId, b.id, ctx.t('standup.unblock.button', { n: i + 1 }))]
          : [],
      );
      const title = ctx.t('standup.blockers.title', { count: open.length });
      await ctx.reply({
        text: title,
        blocks: [
          { type: 'section', text: `*${title}*\n${lines.join('\n')}` },
          ...(buttons.length ? [{ type: 'buttons' as const, buttons }] : []),
          { type: 'context', text: ctx.t('standup.blockers.hint') },
        ],
      });
    },
  });

  const unblock = defineSubcommand({
    name: 'unblock',
    aliases: ['resolve', 'solved', '解除', '已解决', '解决'],
    description: 'cmd.standup.unblock',
    scope: 'group',
    permission: 'member',
    options: { which: opt.string('standup.opt.blocker', { required: false, rest: true }) },
    async handle(ctx, { which }) {
      await close(ctx, pick(ctx, which));
    },
  });

  const button: ActionSpec = {
    actionId: UNBLOCK_ACTION,
    permission: 'member',
    scope: 'anywhere',
    target: (value) => groupTarget(value.split('|')[0]),
    async handle(ctx, value) {
      const [groupId, id] = value.split('|');
      const blocker = repo.blocker(Number(id));
      if (!blocker || blocker.groupId !== groupId)
        throw new UserFacingError('stale', 'error.staleAction', {});
      await close(ctx, blocker);
    },
  };

  return { subcommands: [blockers, unblock], actions: [button] };
}

/** How well typed words name a blocker: as a rewording, or as a part of it ("Acme" for "API keys from Acme"). */
function matchScore(blocker: string, words: string): number {
  const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');
  return fold(blocker).includes(fold(words)) ? 1 : blockerSimilarity(blocker, words);
}
