import { DateTime } from 'luxon';
import {
  allows,
  defineCommand,
  defineSubcommand,
  type HandlerContext,
} from '../../core/commands/define-command.js';
import { type Choice, opt } from '../../core/commands/options.js';
import type { FeatureModule } from '../../core/commands/registry.js';
import { UserFacingError } from '../../core/errors.js';
import { userKey } from '../../core/platform/ids.js';
import { parseLocalTime } from '../settings/settings.domain.js';
import type { Cadence } from './digest.schedule.js';
import type { DigestService } from './digest.service.js';

const CADENCES: readonly Choice<Cadence>[] = [
  { value: 'daily', aliases: ['day', '每日', '每天', '日报'], label: 'digest.cadence.daily' },
  { value: 'weekly', aliases: ['week', '每周', '周报'], label: 'digest.cadence.weekly' },
];

/** Managers read the digest before their day starts. */
const DEFAULT_TIME = '08:30';

/** `/digest subscribe|unsubscribe|now`: a manager's figures across their groups, by DM. Works in a DM too. */
export function digestModule(service: DigestService): FeatureModule {
  /**
   * Where the caller manages groups. Managing is a role per group, so it is checked here against
   * the groups, not the caller's level in the place they typed the command (often a DM).
   */
  function managerScopes(ctx: HandlerContext): { workspaceId: string; memberId: string }[] {
    const scopes = service.managerScopes(ctx.workspaceId, userKey(ctx.actor.user));
    if (scopes.length > 0) return scopes;
    // An owner may take the manager role themselves: say how, not only that there is nothing.
    if (ctx.actor.isPlatformAdmin || allows(ctx.level, 'owner'))
      throw new UserFacingError('noGroups', 'digest.noGroups.owner', { name: ctx.actor.displayName });
    throw new UserFacingError('noGroups', 'digest.noGroups', {});
  }

  const subscribe = defineSubcommand({
    name: 'subscribe',
    aliases: ['订阅', 'on'],
    description: 'cmd.digest.subscribe',
    scope: 'anywhere',
    permission: 'member',
    options: {
      cadence: opt.choice('digest.opt.cadence', CADENCES, { required: true }),
      time: opt.string('digest.opt.time', { required: false }),
    },
    async handle(ctx, { cadence, time }) {
      const local = time === undefined ? DEFAULT_TIME : parseLocalTime(time);
      if (!local) throw new UserFacingError('badTime', 'digest.error.badTime', { value: time ?? '' });
      const scopes = managerScopes(ctx);
      const [first] = scopes
        .map((scope) => service.subscribe(scope.workspaceId, scope.memberId, cadence, local, ctx.now))
        .sort((a, b) => a.next.getTime() - b.next.getTime());
      if (!first) return;
      // The zone the digest follows (the member's, else the workspace's), which the reply names.
      const lines = [
        ctx.t('digest.subscribed', {
          cadence: ctx.t(`digest.cadence.${cadence}`),
          time: local,
          zone: first.zone,
          next: DateTime.fromJSDate(first.next, { zone: first.zone })
            .setLocale(ctx.locale)
            .toLocaleString(DateTime.DATETIME_MED_WITH_WEEKDAY),
        }),
      ];
      const suggested = scopes
        .map((scope) => service.zoneToSuggest(scope.workspaceId, scope.memberId))
        .find((zone) => zone !== undefined);
      if (suggested) lines.push(ctx.t('digest.zoneHint', { zone: first.zone, groupZone: suggested }));
      const other: Cadence = cadence === 'daily' ? 'weekly' : 'daily';
      if (scopes.some((scope) => service.cadences(scope.workspaceId, scope.memberId).includes(other)))
        lines.push(ctx.t('digest.alsoOn', { cadence: ctx.t(`digest.cadence.${other}`) }));
      await ctx.reply({ text: lines.join('\n') });
    },
  });

  const unsubscribe = defineSubcommand({
    name: 'unsubscribe',
    aliases: ['退订', '取消', 'off'],
    description: 'cmd.digest.unsubscribe',
    scope: 'anywhere',
    permission: 'member',
    options: { cadence: opt.choice('digest.opt.cadence', CADENCES, { required: false }) },
    async handle(ctx, { cadence }) {
      const me = userKey(ctx.actor.user);
      const scopes = [
        { workspaceId: ctx.workspaceId, memberId: me },
        ...service.managerScopes(ctx.workspaceId, me),
      ];
      const stopped =
        scopes.filter((scope) => service.unsubscribe(scope.workspaceId, scope.memberId, cadence)).length > 0;
      if (stopped && cadence)
        await ctx.reply({
          text: ctx.t('digest.unsubscribedOne', { cadence: ctx.t(`digest.cadence.${cadence}`) }),
        });
      else await ctx.reply({ text: ctx.t(stopped ? 'digest.unsubscribed' : 'digest.notSubscribed') });
    },
  });

  const now = defineSubcommand({
    name: 'now',
    aliases: ['立即', '现在'],
    description: 'cmd.digest.now',
    scope: 'anywhere',
    permission: 'member',
    options: { cadence: opt.choice('digest.opt.cadence', CADENCES, { required: false }) },
    async handle(ctx, { cadence }) {
      for (const scope of managerScopes(ctx)) {
        const subscribed = service.cadences(scope.workspaceId, scope.memberId);
        const chosen: Cadence[] = cadence ? [cadence] : subscribed.length ? subscribed : ['weekly'];
        for (const one of chosen) await service.sendNow(scope.workspaceId, scope.memberId, one, ctx.now);
      }
      await ctx.reply({ text: ctx.t('digest.sentNow') });
    },
  });

  return {
    commands: [
      defineCommand({
        name: 'digest',
        aliases: ['简报'],
        description: 'cmd.digest',
        defaultSubcommand: 'now',
        subcommands: [subscribe, unsubscribe, now],
      }),
    ],
  };
}
