import type { Permission } from '../../core/commands/define-command.js';
import type { Choice } from '../../core/commands/options.js';
import type { MessageKey } from '../../core/i18n/catalog.js';
import type { Locale } from '../../core/i18n/locale.js';
import type { Side } from './membership.domain.js';

/** Access levels and team duties a member can hold in a group. */
export const ROLES = [
  'admin',
  'manager',
  'member',
  'pm',
  'support',
  'account_manager',
  'observer',
  'customer',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_CHOICES: readonly Choice<Role>[] = [
  { value: 'admin', aliases: ['管理员', '群管理员', 'administrator'], label: 'role.admin' },
  { value: 'manager', aliases: ['经理', '主管', '负责人', 'mgr'], label: 'role.manager' },
  { value: 'member', aliases: ['成员', '组员', '团队成员'], label: 'role.member' },
  {
    value: 'pm',
    aliases: ['项目经理', '项目负责人', 'project-manager', 'project_manager'],
    label: 'role.pm',
  },
  { value: 'support', aliases: ['客服', '售后', '技术支持', '支持', '客户支持'], label: 'role.support' },
  {
    value: 'account_manager',
    aliases: ['客户经理', '客户成功', '大客户经理', 'am', 'account-manager', 'accountmanager'],
    label: 'role.account_manager',
  },
  {
    value: 'observer',
    aliases: ['观察员', '观察者', '旁听', '旁听者', 'guest', '访客'],
    label: 'role.observer',
  },
  {
    value: 'customer',
    aliases: ['客户', '客户方', '客户联系人', 'client', 'customer-contact'],
    label: 'role.customer',
  },
];

export function roleLabel(role: Role): MessageKey {
  return `role.${role}`;
}

export function roleDuty(role: Role): MessageKey {
  return `duty.${role}`;
}

/**
 * The access level roles grant in one group. Platform admins (Slack workspace admins, Discord
 * Manage Server, the console owner) are the workspace's owners, admins in every group; duties
 * such as PM grant no extra access; a customer's contact or an observer is a guest, who sees
 * nothing of the team's records.
 * @example levelOf(false, ['pm', 'manager']) === 'manager'
 * @example levelOf(false, ['manager'], 'customer') === 'guest'
 */
export function levelOf(isPlatformAdmin: boolean, roles: readonly string[], side: Side = 'team'): Permission {
  if (isPlatformAdmin) return 'owner';
  // The customer's people see nothing of the team's records, whatever role they were given.
  if (side === 'customer') return 'guest';
  if (roles.includes('admin')) return 'admin';
  if (roles.includes('manager')) return 'manager';
  if (roles.includes('observer')) return 'guest';
  return 'member';
}

/**
 * First that is set: the member's own choice, what their client says, the group's, the workspace's.
 * @example pickFirst(undefined, 'zh-CN', 'en') === 'zh-CN'
 */
export function pickFirst<T extends string>(...candidates: (T | null | undefined)[]): T | undefined {
  return candidates.find((c): c is T => typeof c === 'string' && c.length > 0);
}

/**
 * The language to write to someone in: their own choice, what their client says, the group's,
 * then the default.
 * @example readerLocale({ locale: null, platformLocale: 'zh-CN' }, { locale: 'en' }, 'en') === 'zh-CN'
 */
export function readerLocale(
  member: { locale: Locale | null; platformLocale: Locale | null } | undefined,
  group: { locale: string } | undefined,
  fallback: Locale,
): Locale {
  return pickFirst(member?.locale, member?.platformLocale, group?.locale, fallback) as Locale;
}
