import { DateTime } from 'luxon';
import { defineCommand, defineSubcommand, type GroupContext } from '../../core/commands/define-command.js';
import { opt } from '../../core/commands/options.js';
import type { FeatureModule } from '../../core/commands/registry.js';
import { groupTarget } from '../../core/commands/targets.js';
import { UserFacingError } from '../../core/errors.js';
import { parseUserKey, userKey } from '../../core/platform/ids.js';
import type { Block } from '../../core/platform/messages.js';
import { DEFAULT_GRACE_DAYS, DEFAULT_INACTIVE_DAYS, type MembersService } from './members.service.js';

/** The longest warning a prune gives before it removes anyone. */
const MAX_GRACE_DAYS = 30;

/** Long lists are cut in the reply; the count says how many there are. */
const MAX_LISTED = 50;

/** `/members inactive|prune`: who has gone quiet, and cleaning them out with a warning first. */
export function membersModule(service: MembersService): FeatureModule {
  function lines(ctx: GroupContext, list: { memberId: string; lastActiveAt: Date }[]): string {
    const shown = list.slice(0, MAX_LISTED).map((m) =>
      ctx.t('members.line', {
        user: `<@${parseUserKey(m.memberId).userId}>`,
        date: DateTime.fromJSDate(m.lastActiveAt, { zone: ctx.timezone })
          .setLocale(ctx.locale)
          .toLocaleString(DateTime.DATE_MED),
        days: Math.floor((ctx.now.getTime() - m.lastActiveAt.getTime()) / 86_400_000),
      }),
    );
    if (list.length > MAX_LISTED) shown.push(ctx.t('members.andMore', { n: list.length - MAX_LISTED }));
    return shown.join('\n');
  }

  const inactive = defineSubcommand({
    name: 'inactive',
    aliases: ['不活跃', '潜水'],
    description: 'cmd.members.inactive',
    scope: 'group',
    permission: 'manager',
    options: { days: opt.integer('members.opt.days', { required: false, min: 1, max: 3650 }) },
    async handle(ctx, { days }) {
      const n = days ?? DEFAULT_INACTIVE_DAYS;
      const list = service.inactive(ctx.groupId, n, ctx.now);
      await ctx.reply({
        text: list.length
          ? `${ctx.t('members.inactiveTitle', { count: list.length, days: n })}\n${lines(ctx, list)}`
          : ctx.t('members.noneInactive', { days: n }),
      });
    },
  });

  const prune = defineSubcommand({
    name: 'prune',
    aliases: ['清理', '清退'],
    description: 'cmd.members.prune',
    scope: 'group',
    permission: 'admin',
    options: {
      days: opt.integer('members.opt.days', { required: true, min: 1, max: 3650 }),
      grace: opt.integer('members.opt.grace', { required: false, min: 0, max: MAX_GRACE_DAYS }),
    },
    async handle(ctx, { days, grace }) {
      const { prune: proposed, candidates } = service.propose(
        ctx.groupId,
        userKey(ctx.actor.user),
        days,
        ctx.now,
      );
      if (!proposed) {
        await ctx.reply({ text: ctx.t('members.noneInactive', { days }) });
        return;
      }
      const graceDays = grace ?? DEFAULT_GRACE_DAYS;
      const value = `${proposed.id}:${graceDays}`;
      const blocks: Block[] = [
        { type: 'header', text: ctx.t('members.pruneTitle', { count: candidates.length, days }) },
        { type: 'section', text: lines(ctx, candidates) },
        { type: 'context', text: ctx.t('members.pruneExplain', { grace: graceDays }) },
        {
          type: 'buttons',
          buttons: [
            {
              actionId: 'members.prune.confirm',
              label: ctx.t('members.pruneConfirm', { count: candidates.length }),
              value,
              style: 'danger',
            },
            { actionId: 'members.prune.cancel', label: ctx.t('members.pruneCancel'), value },
          ],
        },
      ];
      await ctx.reply({ text: ctx.t('members.pruneTitle', { count: candidates.length, days }), blocks });
    },
  });

  function pruneRef(value: string): { id: number; grace: number } {
    const [id, grace] = value.split(':').map(Number);
    // The grace period rides in the button: only one the command could have offered counts.
    if (
      !Number.isInteger(id) ||
      !Number.isInteger(grace) ||
      (grace as number) < 0 ||
      (grace as number) > MAX_GRACE_DAYS
    )
      throw new UserFacingError('stale', 'error.staleAction', {});
    return { id: id as number, grace: grace as number };
  }

  return {
    commands: [
      defineCommand({
        name: 'members',
        description: 'cmd.members',
        defaultSubcommand: 'inactive',
        subcommands: [inactive, prune],
      }),
    ],
    actions: [
      {
        actionId: 'members.prune.confirm',
        permission: 'admin',
        scope: 'group',
        target: (value) => groupTarget(service.pruneGroup(Number(value.split(':')[0]))),
        async handle(ctx, value) {
          const { id, grace } = pruneRef(value);
          const groupId = ctx.groupId as string;
          await ctx.reply({ text: ctx.t('members.pruneWarning.progress') });
          const prune = await service.confirm(id, groupId, userKey(ctx.actor.user), grace);
          if (!prune || prune.status === 'cancelled')
            throw new UserFacingError('stale', 'error.staleAction', {});
          await ctx.reply({
            text: ctx.t('members.pruneStarted', {
              count: service.candidates(id),
              deadline: DateTime.fromJSDate(prune.graceUntil ?? ctx.now, { zone: ctx.timezone })
                .setLocale(ctx.locale)
                .toLocaleString(DateTime.DATETIME_MED),
            }),
          });
        },
      },
      {
        actionId: 'members.prune.cancel',
        permission: 'admin',
        scope: 'group',
        target: (value) => groupTarget(service.pruneGroup(Number(value.split(':')[0]))),
        async handle(ctx, value) {
          const { id } = pruneRef(value);
          const cancelled = service.cancel(id, ctx.groupId as string);
          await ctx.reply({
            text: ctx.t(cancelled ? 'members.pruneCancelled' : 'members.pruneNotCancellable'),
          });
        },
      },
    ],
  };
}
