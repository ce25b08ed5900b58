import { DateTime } from 'luxon';
import { defineCommand, defineSubcommand, type GroupContext } from '../../core/commands/define-command.js';
import { opt } from '../../core/commands/options.js';
import type { FeatureModule } from '../../core/commands/registry.js';
import { groupTarget } from '../../core/commands/targets.js';
import { UserFacingError } from '../../core/errors.js';
import { userKey } from '../../core/platform/ids.js';
import type { Block } from '../../core/platform/messages.js';
import { wordTable } from '../../core/word-table.js';
import { customerKey } from '../feedback/feedback.customers.js';
import { customerSections, personLines } from './members.format.js';
import {
  type CustomersAsked,
  DEFAULT_GRACE_DAYS,
  DEFAULT_INACTIVE_DAYS,
  type MembersService,
} from './members.service.js';

/** The longest warning a prune gives before it removes anyone. */
const MAX_GRACE_DAYS = 30;

/** Words that ask for every inactive customer's person, where a prune's last argument could also name one customer. */
const ALL_CUSTOMERS = wordTable(
  Object.fromEntries(['customers', 'customer', 'clients', '客户', '客户方', '含客户'].map((w) => [w, true])),
);

/** What a prune's last argument asks for besides the team: every customer's people, one customer's, or none. */
function customersAsked(include: string | undefined): CustomersAsked {
  if (!include) return { kind: 'none' };
  return ALL_CUSTOMERS[include.toLowerCase()] ? { kind: 'all' } : { kind: 'named', name: include };
}

/** The customers whose people are in a group, by name, each once. */
function groupCustomerNames(service: MembersService, groupId: string): string[] {
  const names = service.list(groupId).customers.map((c) => c.customerName);
  return [...new Set(names.filter((n): n is string => n !== null))];
}

/** `/members list|inactive|prune`: who is in the group, who has gone quiet, and cleaning them out with a warning first. */
export function membersModule(service: MembersService): FeatureModule {
  /** The customer's people, each customer apart, as blocks under a heading. */
  function customerBlocks(
    ctx: GroupContext,
    heading: string,
    people: Parameters<typeof customerSections>[1],
  ): Block[] {
    if (people.length === 0) return [];
    return [
      { type: 'header', text: heading },
      ...customerSections(ctx, people).map(
        (c): Block => ({ type: 'section', text: `${c.title}\n${c.lines}` }),
      ),
    ];
  }

  const list = defineSubcommand({
    name: 'list',
    aliases: ['ls', '列表', '名单', '成员'],
    description: 'cmd.members.list',
    scope: 'group',
    permission: 'member',
    options: {},
    async handle(ctx) {
      const { team, customers } = service.list(ctx.groupId);
      const group = `<#${ctx.conversation.channelId}>`;
      const title = ctx.t('members.listTitle', { group, team: team.length, customers: customers.length });
      const blocks: Block[] = [
        { type: 'header', text: title },
        {
          type: 'section',
          text: `${ctx.t('members.teamHeading')}\n${team.length ? personLines(ctx, team) : ctx.t('members.nobody')}`,
        },
        ...customerBlocks(ctx, ctx.t('members.customersHeading'), customers),
        { type: 'context', text: ctx.t('members.listExplain') },
      ];
      await ctx.reply({ text: title, blocks });
    },
  });

  const inactive = defineSubcommand({
    name: 'inactive',
    aliases: ['不活跃', '潜水'],
    description: 'cmd.members.inactive',
    scope: 'group',
    permission: 'manager',
    options: { days: opt.integer('members.opt.days', { required: false, min: 1, max: 3650 }) },
    async handle(ctx, { days }) {
      const n = days ?? DEFAULT_INACTIVE_DAYS;
      const { team, customers } = service.inactive(ctx.groupId, n, ctx.now);
      if (team.length === 0 && customers.length === 0) {
        await ctx.reply({ text: ctx.t('members.noneInactive', { days: n }) });
        return;
      }
      const title = team.length
        ? ctx.t('members.inactiveTitle', { count: team.length, days: n })
        : ctx.t('members.noneInactiveTeam', { days: n });
      const blocks: Block[] = [
        { type: 'header', text: title },
        ...(team.length ? [{ type: 'section', text: personLines(ctx, team) } as Block] : []),
        ...customerBlocks(
          ctx,
          ctx.t('members.inactiveCustomersTitle', { count: customers.length }),
          customers,
        ),
        ...(customers.length
          ? [{ type: 'context', text: ctx.t('members.customersNotPruned', { days: n }) } as Block]
          : []),
      ];
      await ctx.reply({ text: title, blocks });
    },
  });

  /**
   * A customer named for a prune whose people are not in the group (a typo, half the name) is told
   * apart from one whose people all spoke: the admin sees which customers there are.
   */
  function refuseUnknownCustomer(ctx: GroupContext, typed: string, days: number): void {
    const known = groupCustomerNames(service, ctx.groupId);
    if (known.some((name) => customerKey(name) === customerKey(typed))) return;
    throw new UserFacingError(
      'no_such_customer',
      known.length ? 'members.unknownCustomer' : 'members.noCustomers',
      {
        customer: typed,
        customers: known.join(ctx.t('list.separator')),
        days,
      },
    );
  }

  const prune = defineSubcommand({
    name: 'prune',
    aliases: ['清理', '清退'],
    description: 'cmd.members.prune',
    scope: 'group',
    permission: 'admin',
    options: {
      days: opt.integer('members.opt.days', { required: true, min: 1, max: 3650 }),
      grace: opt.integer('members.opt.grace', { required: false, min: 0, max: MAX_GRACE_DAYS }),
      include: opt.string('members.opt.include', { required: false, rest: true }),
    },
    async handle(ctx, { days, grace, include }) {
      const asked = customersAsked(include);
      if (asked.kind === 'named') refuseUnknownCustomer(ctx, asked.name, days);
      const { prune: proposed, candidates } = service.propose(
        ctx.groupId,
        userKey(ctx.actor.user),
        days,
        ctx.now,
        asked,
      );
      if (asked.kind === 'named' && !candidates.some((c) => c.side === 'customer'))
        throw new UserFacingError('no_such_customer', 'members.noInactiveOfCustomer', {
          customer: asked.name,
          days,
        });
      if (!proposed) {
        await ctx.reply({ text: ctx.t('members.noneInactive', { days }) });
        return;
      }
      const graceDays = grace ?? DEFAULT_GRACE_DAYS;
      const value = `${proposed.id}:${graceDays}`;
      const blocks: Block[] = [
        { type: 'header', text: ctx.t('members.pruneTitle', { count: candidates.length, days }) },
        { type: 'section', text: personLines(ctx, candidates) },
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
        aliases: ['成员'],
        description: 'cmd.members',
        defaultSubcommand: 'list',
        subcommands: [list, inactive, prune],
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
