import type { FeatureModule } from '../../core/commands/registry.js';
import { parseConversationKey, userKey } from '../../core/platform/ids.js';
import type { Block } from '../../core/platform/messages.js';
import type { Role } from '../people/people.domain.js';
import { roleLabel } from '../people/people.domain.js';
import type { PeopleRepo } from '../people/people.repo.js';
import { localTime } from '../settings/settings.domain.js';

/** The person's Home page: their groups and roles, and their own language and timezone. */
export function homeModule(people: PeopleRepo): FeatureModule {
  return {
    async home(ctx) {
      const { t } = ctx;
      const byGroup = new Map<string, string[]>();
      for (const { groupId, role } of people.rolesOfMember(userKey(ctx.actor.user))) {
        byGroup.set(groupId, [...(byGroup.get(groupId) ?? []), t(roleLabel(role as Role))]);
      }
      const groups = [...byGroup].map(([groupId, roles]) =>
        t('home.groupLine', {
          group: `<#${parseConversationKey(groupId).channelId}>`,
          roles: roles.join(t('list.separator')),
        }),
      );
      const blocks: Block[] = [
        { type: 'header', text: t('home.title') },
        {
          type: 'section',
          text: [t('home.groups'), ...(groups.length ? groups : [t('home.noGroups')])].join('\n'),
        },
        { type: 'divider' },
        {
          type: 'section',
          text: t('home.preferences', {
            language: t(`language.${ctx.locale}`),
            timezone: ctx.timezone,
            time: localTime(ctx.now, ctx.timezone, ctx.locale),
          }),
        },
        { type: 'context', text: t('home.tip') },
      ];
      return blocks;
    },
  };
}
