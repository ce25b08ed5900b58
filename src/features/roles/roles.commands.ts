import {
  allows,
  defineCommand,
  defineSubcommand,
  type GroupContext,
} from '../../core/commands/define-command.js';
import { opt } from '../../core/commands/options.js';
import type { FeatureModule } from '../../core/commands/registry.js';
import { UserFacingError } from '../../core/errors.js';
import { translator } from '../../core/i18n/catalog.js';
import { type UserRef, userKey } from '../../core/platform/ids.js';
import type { Block } from '../../core/platform/messages.js';
import type { Delivery } from '../../core/ports.js';
import { ROLE_CHOICES, ROLES, type Role, roleDuty, roleLabel } from '../people/people.domain.js';
import type { RolesService } from './roles.service.js';

const mention = (memberId: string) => `<@${memberId.split(':')[2]}>`;

/** `/role list|add|remove`: who holds which access level and team duty in a group. */
export function rolesModule(service: RolesService, delivery: Delivery): FeatureModule {
  async function tellMember(ctx: GroupContext, member: UserRef, role: Role, added: boolean): Promise<void> {
    const t = translator(service.localeOf(member, ctx.groupId));
    const key = added ? 'role.youWereGiven' : 'role.youLost';
    await delivery.send(
      member.platform,
      { kind: 'dm', user: member, fallback: ctx.conversation },
      {
        text: t(key, {
          role: t(roleLabel(role)),
          group: `<#${ctx.conversation.channelId}>`,
          by: `<@${ctx.actor.user.userId}>`,
          duty: t(roleDuty(role)),
        }),
      },
    );
  }

  const list = defineSubcommand({
    name: 'list',
    aliases: ['ls', '列表', '查看'],
    description: 'cmd.role.list',
    scope: 'group',
    permission: 'member',
    options: {},
    async handle(ctx) {
      const { t } = ctx;
      const holders = service.roster(ctx.groupId);
      const blocks: Block[] = [
        { type: 'header', text: t('role.listTitle', { group: `<#${ctx.conversation.channelId}>` }) },
      ];
      const customers = service.customers(ctx.groupId);
      for (const role of ROLES) {
        const who =
          role === 'customer'
            ? customers.map((c) =>
                c.customerName
                  ? t('role.customerOf', { user: mention(c.memberId), customer: c.customerName })
                  : mention(c.memberId),
              )
            : holders.filter((h) => h.role === role).map((h) => mention(h.memberId));
        blocks.push({
          type: 'section',
          text: t('role.listLine', {
            role: t(roleLabel(role)),
            holders: who.length ? who.join(t('list.separator')) : t('role.nobody'),
            duty: t(roleDuty(role)),
          }),
        });
      }
      blocks.push({
        type: 'context',
        text: allows(ctx.level, 'admin') ? t('role.howToAssign') : t('role.adminsAssign'),
      });
      await ctx.reply({ text: t('role.listTitle', { group: `<#${ctx.conversation.channelId}>` }), blocks });
    },
  });

  const memberAndRole = {
    member: opt.user('opt.member', { required: true }),
    role: opt.choice('opt.role', ROLE_CHOICES, { required: true }),
  };

  /** `add` and `remove` differ only in the service call and the words. */
  function changeRole(adding: boolean) {
    return async (
      ctx: GroupContext,
      { member, role, customer }: { member: UserRef; role: Role; customer?: string | undefined },
    ) => {
      const params = { user: `<@${member.userId}>`, role: ctx.t(roleLabel(role)) };
      if (customer && role !== 'customer')
        throw new UserFacingError('usage', 'role.customerNameOnlyForCustomer', params);
      const actorId = userKey(ctx.actor.user);
      const changed = adding
        ? service.add(ctx.groupId, member, role, actorId, ctx.now, customer)
        : service.remove(ctx.groupId, member, role, actorId, ctx.now);
      if (!changed) {
        throw adding
          ? new UserFacingError('role_already_held', 'role.alreadyHeld', params)
          : new UserFacingError('role_not_held', 'role.notHeld', params);
      }
      await ctx.reply({
        text: customer
          ? ctx.t('role.addedCustomer', { ...params, customer })
          : ctx.t(adding ? 'role.added' : 'role.removed', params),
      });
      if (member.userId !== ctx.actor.user.userId) await tellMember(ctx, member, role, adding);
    };
  }

  const add = defineSubcommand({
    name: 'add',
    aliases: ['assign', 'give', '添加', '设为', '分配'],
    description: 'cmd.role.add',
    scope: 'group',
    permission: 'admin',
    options: { ...memberAndRole, customer: opt.string('opt.customerName', { required: false, rest: true }) },
    handle: changeRole(true),
  });

  const remove = defineSubcommand({
    name: 'remove',
    aliases: ['rm', 'revoke', 'unassign', '移除', '删除', '取消'],
    description: 'cmd.role.remove',
    scope: 'group',
    permission: 'admin',
    options: memberAndRole,
    handle: changeRole(false),
  });

  return {
    commands: [
      defineCommand({
        name: 'role',
        aliases: ['角色', '分工'],
        description: 'cmd.role',
        defaultSubcommand: 'list',
        subcommands: [list, add, remove],
      }),
    ],
  };
}
