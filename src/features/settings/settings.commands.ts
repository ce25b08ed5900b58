import {
  allows,
  defineCommand,
  defineSubcommand,
  type HandlerContext,
} from '../../core/commands/define-command.js';
import { opt } from '../../core/commands/options.js';
import type { FeatureModule } from '../../core/commands/registry.js';
import { UserFacingError } from '../../core/errors.js';
import { type MessageKey, type Translator, translator } from '../../core/i18n/catalog.js';
import { type Locale, toLocale } from '../../core/i18n/locale.js';
import { userKey } from '../../core/platform/ids.js';
import type { FormSpec, OutboundMessage } from '../../core/platform/messages.js';
import { parseCustomerRole } from '../people/customer-role.js';
import type { GroupRow } from '../people/people.repo.js';
import {
  formatWorkdays,
  type GroupSettingsPatch,
  localTime,
  parseSetting,
  SETTING_KEYS,
  type SettingParse,
  workdaysFromColumn,
} from './settings.domain.js';
import type { SettingsService } from './settings.service.js';

const SETTING_CHOICES = [
  { value: 'timezone', aliases: ['tz', 'zone', '时区'], label: 'setting.timezone' },
  { value: 'language', aliases: ['lang', 'locale', '语言'], label: 'setting.language' },
  { value: 'workdays', aliases: ['days', '工作日'], label: 'setting.workdays' },
  { value: 'hours', aliases: ['time', 'times', '工作时间', '时间'], label: 'setting.hours' },
  {
    value: 'customer-role',
    aliases: ['customer_role', 'customerrole', '客户角色', '客户身份组'],
    label: 'setting.customerRole',
  },
] as const;

const LANGUAGE_CHOICES = [
  { value: 'en', aliases: ['english', 'en-us', 'en-gb', '英文', '英语'], label: 'language.en' },
  {
    value: 'zh-CN',
    aliases: [
      'zh',
      'zh-cn',
      'zh_cn',
      'zh-tw',
      'zh-hk',
      'cn',
      'chinese',
      '中文',
      '简体中文',
      '汉语',
      '繁体中文',
    ],
    label: 'language.zh-CN',
  },
] as const;

const EDIT_ACTION = 'settings.edit';
const EDIT_FORM = 'settings.form';

function problemText(ctx: HandlerContext, result: Extract<SettingParse, { ok: false }>, raw: string): string {
  if (result.problem === 'timezone') {
    return result.suggestion
      ? ctx.t('settings.badTimezoneDidYouMean', { value: raw, suggestion: result.suggestion })
      : ctx.t('settings.badTimezone', { value: raw });
  }
  return ctx.t(`settings.bad.${result.problem}`, { value: raw });
}

function settingsView(ctx: HandlerContext, group: GroupRow): OutboundMessage {
  const { t } = ctx;
  const canEdit = allows(ctx.level, 'admin');
  return {
    text: t('settings.title', { group: `<#${ctx.conversation.channelId}>` }),
    blocks: [
      { type: 'header', text: t('settings.title', { group: `<#${ctx.conversation.channelId}>` }) },
      {
        type: 'fields',
        fields: [
          {
            label: t('setting.timezone'),
            value: t('settings.timezoneValue', {
              timezone: group.timezone,
              time: localTime(ctx.now, group.timezone, ctx.locale),
            }),
          },
          { label: t('setting.language'), value: t(`language.${group.locale}`) },
          {
            label: t('setting.workdays'),
            value: formatWorkdays(workdaysFromColumn(group.workdays), ctx.locale),
          },
          { label: t('setting.hours'), value: `${group.workStart}–${group.workEnd}` },
        ],
      },
      { type: 'context', text: canEdit ? t('settings.howToChange') : t('settings.adminsOnly') },
      ...(canEdit
        ? [
            {
              type: 'buttons' as const,
              buttons: [
                { actionId: EDIT_ACTION, label: t('settings.editButton'), style: 'primary' as const },
              ],
            },
          ]
        : []),
    ],
  };
}

function settingsForm(ctx: HandlerContext, group: GroupRow): FormSpec {
  const { t } = ctx;
  return {
    formId: EDIT_FORM,
    title: t('settings.formTitle'),
    submitLabel: t('form.save'),
    cancelLabel: t('form.cancel'),
    context: group.id,
    fields: [
      {
        kind: 'text',
        id: 'timezone',
        label: t('setting.timezone'),
        required: true,
        initial: group.timezone,
        placeholder: 'Asia/Shanghai',
      },
      {
        kind: 'select',
        id: 'language',
        label: t('setting.language'),
        required: true,
        initial: group.locale,
        options: LANGUAGE_CHOICES.map((c) => ({ value: c.value, label: t(c.label) })),
      },
      {
        kind: 'text',
        id: 'workdays',
        label: t('setting.workdays'),
        required: true,
        initial: formatWorkdays(workdaysFromColumn(group.workdays), ctx.locale),
        placeholder: t('settings.workdaysPlaceholder'),
      },
      {
        kind: 'text',
        id: 'hours',
        label: t('setting.hours'),
        required: true,
        initial: `${group.workStart}-${group.workEnd}`,
        placeholder: '09:00-18:00',
      },
    ],
  };
}

function changedSummary(ctx: HandlerContext, before: GroupRow, after: GroupRow): string {
  const { t } = ctx;
  const lines: string[] = [];
  const change = (setting: MessageKey, from: string, to: string) =>
    lines.push(t('settings.changed', { setting: t(setting), before: from, after: to }));
  if (before.timezone !== after.timezone) change('setting.timezone', before.timezone, after.timezone);
  if (before.locale !== after.locale)
    change('setting.language', t(`language.${before.locale}`), t(`language.${after.locale}`));
  if (before.workdays !== after.workdays) {
    const show = (c: string) => formatWorkdays(workdaysFromColumn(c), ctx.locale);
    change('setting.workdays', show(before.workdays), show(after.workdays));
  }
  if (before.workStart !== after.workStart || before.workEnd !== after.workEnd) {
    change('setting.hours', `${before.workStart}–${before.workEnd}`, `${after.workStart}–${after.workEnd}`);
  }
  return lines.length
    ? `${t('settings.saved', { group: `<#${ctx.conversation.channelId}>` })}\n${lines.join('\n')}`
    : t('settings.unchanged');
}

/** `/muster settings`, `/muster timezone`, `/muster language`, and the settings form. */
export function settingsModule(
  service: SettingsService,
  /** What other features say about a member's new timezone (standups prompted after their deadline). */
  timezoneNotes: (
    memberId: string,
    reader: { t: Translator; locale: Locale },
    now: Date,
  ) => string[] = () => [],
): FeatureModule {
  /** `customer-role @Role [customer]` or `customer-role off @Role`: the reply's text. */
  function customerRole(ctx: HandlerContext, value: string): string {
    const request = parseCustomerRole(value);
    if (request.kind === 'invalid') throw new UserFacingError('usage', 'settings.customerRole.usage', {});
    const role = `<@&${request.roleId}>`;
    const actorId = userKey(ctx.actor.user);
    if (request.kind === 'clear') {
      const cleared = service.setCustomerRole(ctx.workspaceId, request.roleId, undefined, actorId, ctx.now);
      return ctx.t(cleared ? 'settings.customerRole.cleared' : 'settings.customerRole.notSet', { role });
    }
    const name = request.customerName ?? null;
    service.setCustomerRole(ctx.workspaceId, request.roleId, name, actorId, ctx.now);
    return name
      ? ctx.t('settings.customerRole.setNamed', { role, customer: name })
      : ctx.t('settings.customerRole.set', { role });
  }

  const settings = defineSubcommand({
    name: 'settings',
    aliases: ['设置', 'config'],
    description: 'cmd.muster.settings',
    scope: 'group',
    permission: 'member',
    // The customer role holds in every group of the workspace: its owners decide it.
    permissionFor: (args) => (args.setting === 'customer-role' ? 'owner' : args.setting ? 'admin' : 'member'),
    target: (args, origin) =>
      args.setting === 'customer-role' ? { workspaceId: origin.workspaceId } : undefined,
    options: {
      setting: opt.choice('opt.setting', SETTING_CHOICES, { required: false }),
      value: opt.string('opt.value', { required: false, rest: true }),
    },
    async handle(ctx, { setting, value }) {
      const group = service.group(ctx.groupId);
      if (!setting) {
        await ctx.reply(settingsView(ctx, group));
        return;
      }
      if (setting === 'customer-role') {
        await ctx.reply({ text: customerRole(ctx, value ?? '') });
        return;
      }
      if (value === undefined) {
        throw new UserFacingError('missing_value', 'settings.missingValue', {
          setting: ctx.t(`setting.${setting}`),
          example: ctx.t(`settings.example.${setting}`),
        });
      }
      const parsed = parseSetting(setting, value, toLocale);
      if (!parsed.ok)
        throw new UserFacingError('invalid_setting', 'error.plain', {
          text: problemText(ctx, parsed, value),
        });
      const after = service.updateGroup(ctx.groupId, parsed.patch, userKey(ctx.actor.user), ctx.now);
      await ctx.reply({ text: changedSummary(ctx, group, after) });
    },
  });

  const timezone = defineSubcommand({
    name: 'timezone',
    aliases: ['tz', '时区'],
    description: 'cmd.muster.timezone',
    scope: 'anywhere',
    permission: 'guest',
    options: { timezone: opt.string('opt.timezone', { required: false }) },
    async handle(ctx, args) {
      if (!args.timezone) {
        await ctx.reply({
          text: ctx.t('timezone.current', {
            timezone: ctx.timezone,
            time: localTime(ctx.now, ctx.timezone, ctx.locale),
          }),
        });
        return;
      }
      const parsed = parseSetting('timezone', args.timezone, toLocale);
      if (!parsed.ok)
        throw new UserFacingError('invalid_timezone', 'error.plain', {
          text: problemText(ctx, parsed, args.timezone),
        });
      const zone = parsed.patch.timezone as string;
      const me = userKey(ctx.actor.user);
      service.setMemberPreference(me, { timezone: zone });
      const saved = ctx.t('timezone.saved', { timezone: zone, time: localTime(ctx.now, zone, ctx.locale) });
      const notes = timezoneNotes(me, { t: ctx.t, locale: ctx.locale }, ctx.now);
      await ctx.reply({ text: [saved, ...notes].join('\n') });
    },
  });

  const language = defineSubcommand({
    name: 'language',
    aliases: ['lang', '语言'],
    description: 'cmd.muster.language',
    scope: 'anywhere',
    permission: 'guest',
    options: { language: opt.choice('opt.language', LANGUAGE_CHOICES, { required: true }) },
    async handle(ctx, args) {
      service.setMemberPreference(userKey(ctx.actor.user), { locale: args.language });
      // Answer in the language just chosen: that is the proof it worked.
      const t = translator(args.language);
      await ctx.reply({ text: t('language.saved', { language: t(`language.${args.language}`) }) });
    },
  });

  return {
    commands: [
      defineCommand({
        name: 'muster',
        description: 'cmd.muster',
        defaultSubcommand: 'help',
        subcommands: [settings, timezone, language],
      }),
    ],
    actions: [
      {
        actionId: EDIT_ACTION,
        permission: 'admin',
        scope: 'group',
        async handle(ctx) {
          await ctx.openForm(settingsForm(ctx, service.group(ctx.groupId as string)));
        },
      },
    ],
    forms: [
      {
        formId: EDIT_FORM,
        fields: SETTING_KEYS,
        permission: 'admin',
        target: (groupId) => ({ groupId }),
        async handle(ctx, values, groupId) {
          // The level was resolved for the conversation the form came from; it must be the same group.
          if (groupId !== ctx.groupId) throw new UserFacingError('stale_form', 'error.staleAction');
          const before = service.group(groupId);
          const errors: Record<string, string> = {};
          const patch: GroupSettingsPatch = {};
          for (const key of SETTING_KEYS) {
            const raw = values[key] ?? '';
            const parsed = parseSetting(key, raw, toLocale);
            if (parsed.ok) Object.assign(patch, parsed.patch);
            else errors[key] = problemText(ctx, parsed, raw);
          }
          if (Object.keys(errors).length) return { errors };
          const after = service.updateGroup(groupId, patch, userKey(ctx.actor.user), ctx.now);
          await ctx.reply({ text: changedSummary(ctx, before, after) });
          return {};
        },
      },
    ],
  };
}
