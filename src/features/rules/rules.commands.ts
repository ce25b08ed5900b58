import {
  allows,
  defineCommand,
  defineSubcommand,
  type GroupContext,
} from '../../core/commands/define-command.js';
import { type Choice, matchChoice, opt } from '../../core/commands/options.js';
import type { FeatureModule } from '../../core/commands/registry.js';
import { itemTarget } from '../../core/commands/targets.js';
import { UserFacingError } from '../../core/errors.js';
import type { Translator } from '../../core/i18n/catalog.js';
import { conversationKey, type UserRef, userKey } from '../../core/platform/ids.js';
import type { Block } from '../../core/platform/messages.js';
import { ROLE_CHOICES } from '../people/people.domain.js';
import { describeLadder, formatMinutes, parseCooldown, parseLadder } from './escalation.domain.js';
import { parseActions, parseDateRange, type RuleAction } from './rule-admin.domain.js';
import { describeRule, parseRuleInput, RULE_KINDS, type RuleKind } from './rule-set.js';
import type { RulesAdmin } from './rules.admin.js';
import type { RuleRow } from './rules.repo.js';
import type { RulesService } from './rules.service.js';

const KIND_ALIASES: Record<RuleKind, readonly string[]> = {
  words: ['word', 'banned', '违禁词', '敏感词', '关键词'],
  presets: ['preset', '预设'],
  links: ['link', 'url', '链接', '网址'],
  contacts: ['contact', 'phone', '联系方式', '广告联系', '留联系方式'],
  flood: ['spam', '刷屏', '灌水'],
  mentions: ['mention', '提及', '艾特', '@人'],
  caps: ['shouting', '大写', '大写字母'],
  regex: ['re', 'pattern', '正则', '正则表达式'],
};

const KIND_CHOICES: readonly Choice<RuleKind>[] = RULE_KINDS.map((kind) => ({
  value: kind,
  aliases: KIND_ALIASES[kind],
  label: `rules.kind.${kind}` as const,
}));

const PRESET_CHOICES: readonly Choice<'profanity' | 'ads' | 'gambling'>[] = [
  { value: 'profanity', aliases: ['脏话', '粗口', '辱骂'], label: 'rules.preset.profanity' },
  { value: 'ads', aliases: ['ad', 'spam', '广告', '垃圾广告'], label: 'rules.preset.ads' },
  { value: 'gambling', aliases: ['赌博', '博彩'], label: 'rules.preset.gambling' },
];

const SWITCH_CHOICES: readonly Choice<'on' | 'off'>[] = [
  { value: 'on', aliases: ['开', '开启', '打开', 'enable'], label: 'rules.switch.on' },
  { value: 'off', aliases: ['关', '关闭', 'disable'], label: 'rules.switch.off' },
];

// Rule ids count up from 1; a bound keeps a typed id a number a person can read back.
const MAX_RULE_ID = 999_999_999;

const STATE_AUDIT = { enable: 'rules.enabled', disable: 'rules.disabled', watch: 'rules.watching' } as const;

function describe(rule: RuleRow, t: Translator): string {
  return describeRule({ id: rule.id, kind: rule.kind as RuleKind, config: rule.config }, t);
}

/** One line per rule for admins: id, state, scope, what it does. */
export function ruleLine(rule: RuleRow, t: Translator): string {
  const state = !rule.enabled
    ? t('rules.state.off')
    : rule.mode === 'watch'
      ? t('rules.state.watch')
      : t('rules.state.on');
  const line = rule.groupId ? 'rules.line' : 'rules.lineWorkspace';
  const actions = (rule.actions as RuleAction[]).map((a) => t(`rules.action.${a}`)).join(t('list.separator'));
  return t(line, { id: rule.id, state, rule: describe(rule, t), actions });
}

/** `/rules`: group rules for everyone to read, and their administration for admins. */
export function rulesModule(service: RulesService, admin: RulesAdmin): FeatureModule {
  const idOption = { id: opt.integer('rules.opt.id', { required: true, min: 1, max: MAX_RULE_ID }) };

  /** A workspace-wide rule is changed at the workspace's level; a group's rule in its group. */
  const ruleTarget = ({ id }: { id: number }) => itemTarget(admin.rule(id));

  function owned(ctx: GroupContext, id: number): RuleRow {
    const rule = admin.rule(id);
    if (
      !rule ||
      rule.workspaceId !== ctx.workspaceId ||
      (rule.groupId !== null && rule.groupId !== ctx.groupId)
    ) {
      throw new UserFacingError('rule_not_found', 'rules.notFound', { id });
    }
    return rule;
  }

  async function summary(ctx: GroupContext, visibility: 'ephemeral' | 'channel') {
    const { t } = ctx;
    const rules = admin
      .rulesFor(ctx.workspaceId, ctx.groupId)
      .filter((r) => r.enabled && r.mode === 'enforce');
    const blocks: Block[] = [
      { type: 'header', text: t('rules.summaryTitle', { group: `<#${ctx.conversation.channelId}>` }) },
    ];
    blocks.push({
      type: 'section',
      text: rules.length ? rules.map((r) => `• ${describe(r, t)}`).join('\n') : t('rules.none'),
    });
    const { ladder } = admin.ladder(ctx.workspaceId);
    if (rules.length)
      blocks.push({
        type: 'context',
        text: `${t('rules.ladderTitle')}\n${describeLadder(ladder, t).join('\n')}`,
      });
    if (allows(ctx.level, 'admin') && visibility === 'ephemeral') {
      blocks.push({
        type: 'buttons',
        buttons: [{ actionId: 'rules.post', label: t('rules.postButton'), value: ctx.groupId }],
      });
    }
    await ctx.reply(
      { text: t('rules.summaryTitle', { group: `<#${ctx.conversation.channelId}>` }), blocks },
      visibility,
    );
  }

  const show = defineSubcommand({
    name: 'show',
    aliases: ['查看', '规则'],
    description: 'cmd.rules.show',
    scope: 'group',
    // The group's rules apply to everyone in it, customers included: everyone may read them.
    permission: 'guest',
    options: {},
    handle: (ctx) => summary(ctx, 'ephemeral'),
  });

  const list = defineSubcommand({
    name: 'list',
    aliases: ['ls', '列表'],
    description: 'cmd.rules.list',
    scope: 'group',
    permission: 'manager',
    options: {},
    async handle(ctx) {
      const { t } = ctx;
      const rules = admin.rulesFor(ctx.workspaceId, ctx.groupId);
      const lines = rules.map((r) => ruleLine(r, t));
      await ctx.reply({
        text: t('rules.listTitle'),
        blocks: [
          { type: 'header', text: t('rules.listTitle') },
          { type: 'section', text: lines.length ? lines.join('\n') : t('rules.none') },
          { type: 'context', text: t('rules.listHint') },
        ],
      });
    },
  });

  const add = defineSubcommand({
    name: 'add',
    aliases: ['新增', '添加'],
    description: 'cmd.rules.add',
    scope: 'group',
    permission: 'admin',
    options: {
      kind: opt.choice('rules.opt.kind', KIND_CHOICES, { required: true }),
      text: opt.string('rules.opt.settings', { required: false, rest: true }),
    },
    async handle(ctx, { kind, text }) {
      const parsed = parseRuleInput(kind, text ?? '');
      if (!parsed.ok) throw new UserFacingError('rule_invalid', parsed.key, parsed.params);
      const rule = admin.add(ctx, kind, parsed.config);
      service.invalidate();
      await ctx.reply({ text: ctx.t('rules.added', { line: ruleLine(rule, ctx.t) }) });
    },
  });

  const edit = defineSubcommand({
    name: 'edit',
    aliases: ['修改', '编辑'],
    description: 'cmd.rules.edit',
    scope: 'group',
    permission: 'admin',
    options: { ...idOption, text: opt.string('rules.opt.settings', { required: true, rest: true }) },
    target: ruleTarget,
    async handle(ctx, { id, text }) {
      const rule = owned(ctx, id);
      const parsed = parseRuleInput(rule.kind as RuleKind, text);
      if (!parsed.ok) throw new UserFacingError('rule_invalid', parsed.key, parsed.params);
      const updated = admin.update(ctx, rule, { config: parsed.config }, 'rules.changed');
      service.invalidate();
      await ctx.reply({ text: ctx.t('rules.changed', { line: ruleLine(updated, ctx.t) }) });
    },
  });

  function stateChange(name: 'enable' | 'disable' | 'watch', aliases: string[]) {
    return defineSubcommand({
      name,
      aliases,
      description: `cmd.rules.${name}`,
      scope: 'group',
      permission: 'admin',
      options: idOption,
      target: ruleTarget,
      async handle(ctx, { id }) {
        const rule = owned(ctx, id);
        const patch =
          name === 'enable'
            ? { enabled: true, mode: 'enforce' as const }
            : name === 'watch'
              ? { enabled: true, mode: 'watch' as const }
              : { enabled: false };
        const updated = admin.update(ctx, rule, patch, STATE_AUDIT[name]);
        service.invalidate();
        await ctx.reply({ text: ctx.t(`rules.stateChanged.${name}`, { line: ruleLine(updated, ctx.t) }) });
      },
    });
  }

  const remove = defineSubcommand({
    name: 'remove',
    aliases: ['rm', 'delete', '删除'],
    description: 'cmd.rules.remove',
    scope: 'group',
    permission: 'admin',
    options: idOption,
    target: ruleTarget,
    async handle(ctx, { id }) {
      const rule = owned(ctx, id);
      admin.remove(ctx, rule);
      service.invalidate();
      await ctx.reply({ text: ctx.t('rules.removed', { id }) });
    },
  });

  const scope = defineSubcommand({
    name: 'scope',
    aliases: ['范围'],
    description: 'cmd.rules.scope',
    scope: 'group',
    permission: 'admin',
    // Making a rule apply to every group is a workspace admin's decision.
    permissionFor: ({ where }) => (where === 'workspace' ? 'owner' : 'admin'),
    target: ruleTarget,
    options: {
      ...idOption,
      where: opt.choice(
        'rules.opt.scope',
        [
          { value: 'group', aliases: ['本群', 'here', 'channel'], label: 'rules.scope.group' },
          {
            value: 'workspace',
            aliases: ['全部', '所有群', 'all', 'global'],
            label: 'rules.scope.workspace',
          },
        ] as const,
        { required: true },
      ),
    },
    async handle(ctx, { id, where }) {
      const rule = owned(ctx, id);
      const updated = admin.update(
        ctx,
        rule,
        { groupId: where === 'group' ? ctx.groupId : null },
        'rules.scoped',
      );
      service.invalidate();
      await ctx.reply({ text: ctx.t('rules.scoped', { line: ruleLine(updated, ctx.t) }) });
    },
  });

  const actions = defineSubcommand({
    name: 'actions',
    aliases: ['处理', '动作'],
    description: 'cmd.rules.actions',
    scope: 'group',
    permission: 'admin',
    options: { ...idOption, list: opt.string('rules.opt.actions', { required: true, rest: true }) },
    target: ruleTarget,
    async handle(ctx, { id, list: text }) {
      const rule = owned(ctx, id);
      const parsed = parseActions(text);
      if (!parsed.ok) {
        throw new UserFacingError('rule_actions_invalid', 'rules.badActions', {
          value: parsed.word,
          actions: ctx.t('rules.actionWords'),
        });
      }
      const updated = admin.update(ctx, rule, { actions: parsed.actions }, 'rules.actionsChanged');
      service.invalidate();
      await ctx.reply({ text: ctx.t('rules.actionsChanged', { line: ruleLine(updated, ctx.t) }) });
    },
  });

  const preset = defineSubcommand({
    name: 'preset',
    aliases: ['预设'],
    description: 'cmd.rules.preset',
    scope: 'group',
    permission: 'admin',
    options: {
      name: opt.choice('rules.opt.preset', PRESET_CHOICES, { required: true }),
      state: opt.choice('rules.opt.switch', SWITCH_CHOICES, { required: true }),
    },
    async handle(ctx, { name, state }) {
      const label = ctx.t(`rules.preset.${name}`);
      const rule = admin.setPreset(ctx, name, state === 'on');
      service.invalidate();
      await ctx.reply({
        text: rule
          ? ctx.t('rules.presetOn', { preset: label, line: ruleLine(rule, ctx.t) })
          : ctx.t('rules.presetOff', { preset: label }),
      });
    },
  });

  const test = defineSubcommand({
    name: 'test',
    aliases: ['测试', '试试'],
    description: 'cmd.rules.test',
    scope: 'group',
    permission: 'manager',
    options: { text: opt.string('rules.opt.text', { required: true, rest: true }) },
    async handle(ctx, { text }) {
      const { t } = ctx;
      const hits = await service.test(
        {
          workspaceId: ctx.workspaceId,
          groupId: ctx.groupId,
          memberId: userKey(ctx.actor.user),
          level: 'member',
        },
        text,
        ctx.now,
      );
      const lines = hits.map(({ hit, rule }) =>
        t('rules.testHit', {
          id: rule.id,
          rule: describe(rule, t),
          why: t(hit.reason.key, hit.reason.params),
          evidence: hit.evidence,
          mode: rule.mode === 'watch' ? t('rules.state.watch') : t('rules.state.on'),
        }),
      );
      await ctx.reply({
        text: lines.length ? `${t('rules.testHits')}\n${lines.join('\n')}` : t('rules.testClean'),
      });
    },
  });

  const exempt = defineSubcommand({
    name: 'exempt',
    aliases: ['豁免', '白名单'],
    description: 'cmd.rules.exempt',
    scope: 'group',
    permission: 'admin',
    options: {
      who: opt.string('rules.opt.exemptWho', { required: true }),
      id: opt.integer('rules.opt.id', { required: false, min: 1, max: MAX_RULE_ID }),
    },
    async handle(ctx, { who, id }) {
      if (id !== undefined) owned(ctx, id);
      const subject = exemptSubject(ctx, who);
      const added = admin.exempt(ctx, id ?? null, subject);
      service.invalidate();
      const params = { who: subject.label, rule: id === undefined ? ctx.t('rules.allRules') : `#${id}` };
      await ctx.reply({ text: ctx.t(added ? 'rules.exempted' : 'rules.alreadyExempt', params) });
    },
  });

  const log = defineSubcommand({
    name: 'log',
    aliases: ['日志', '记录'],
    description: 'cmd.rules.log',
    scope: 'group',
    permission: 'manager',
    options: {
      member: opt.user('opt.member', { required: false }),
      from: opt.day('rules.opt.from', { required: false }),
      to: opt.day('rules.opt.to', { required: false }),
    },
    async handle(ctx, { member, from, to }) {
      const range = parseDateRange(from, to, ctx.timezone, ctx.now);
      if (!range.ok) throw new UserFacingError('bad_date', range.key, range.params);
      const rows = admin.log(ctx, member ? userKey(member) : undefined, range.from, range.to);
      const { t } = ctx;
      const lines = admin.logLines(ctx, rows, t);
      const title = admin.logTitle(ctx);
      await ctx.reply({
        text: title,
        blocks: [
          { type: 'header', text: title },
          { type: 'section', text: lines.length ? lines.join('\n') : t('rules.logEmpty') },
        ],
      });
    },
  });

  const strikes = defineSubcommand({
    name: 'strikes',
    aliases: ['违规', '记分'],
    description: 'cmd.rules.strikes',
    scope: 'group',
    permission: 'manager',
    options: { member: opt.user('opt.member', { required: true }) },
    async handle(ctx, { member }) {
      const summary = admin.strikes(ctx, userKey(member));
      await ctx.reply({
        text: ctx.t('rules.strikesOf', {
          user: `<@${member.userId}>`,
          active: summary.active,
          days: summary.strikeDays,
          total: summary.history,
        }),
      });
    },
  });

  const pardon = defineSubcommand({
    name: 'pardon',
    aliases: ['赦免', '清除违规'],
    description: 'cmd.rules.pardon',
    scope: 'group',
    permission: 'admin',
    options: { member: opt.user('opt.member', { required: true }) },
    async handle(ctx, { member }) {
      // A group admin lifts the strikes earned in their group; a workspace admin lifts them all.
      const everywhere = allows(ctx.level, 'owner');
      const lifted = service.pardon(
        { workspaceId: ctx.workspaceId, groupId: ctx.groupId, actorId: userKey(ctx.actor.user) },
        userKey(member),
        everywhere,
      );
      await ctx.reply({
        text: ctx.t(everywhere ? 'rules.pardoned' : 'rules.pardonedHere', {
          user: `<@${member.userId}>`,
          strikes: lifted,
        }),
      });
    },
  });

  const ladder = defineSubcommand({
    name: 'ladder',
    aliases: ['阶梯', '处罚'],
    description: 'cmd.rules.ladder',
    scope: 'group',
    permission: 'member',
    // The ladder is the workspace's: every group escalates the same way.
    permissionFor: (args) => (args.steps ? 'owner' : 'member'),
    options: { steps: opt.string('rules.opt.steps', { required: false, rest: true }) },
    async handle(ctx, { steps }) {
      const { t } = ctx;
      if (steps) {
        const parsed = parseLadder(steps);
        if (!parsed.ok) throw new UserFacingError('ladder_invalid', parsed.key, parsed.params);
        admin.setLadder(ctx, parsed.ladder);
      }
      const current = admin.ladder(ctx.workspaceId);
      await ctx.reply({
        text: [
          t(steps ? 'rules.ladderSaved' : 'rules.ladderTitle'),
          ...describeLadder(current.ladder, t),
          t('rules.strikeDays', { days: current.strikeDays }),
          t('rules.cooldown.current', { duration: formatMinutes(current.cooldownMinutes, t) }),
        ].join('\n'),
      });
    },
  });

  const cooldown = defineSubcommand({
    name: 'cooldown',
    aliases: ['冷却', '冷却时间'],
    description: 'cmd.rules.cooldown',
    scope: 'group',
    permission: 'member',
    // Like the ladder, the cool-down is the workspace's: strikes count across its groups.
    permissionFor: (args) => (args.value ? 'owner' : 'member'),
    options: { value: opt.string('rules.opt.cooldown', { required: false, rest: true }) },
    async handle(ctx, { value }) {
      const { t } = ctx;
      if (value) {
        const parsed = parseCooldown(value);
        if (!parsed.ok) throw new UserFacingError('cooldown_invalid', parsed.key, parsed.params);
        admin.setCooldown(ctx, parsed.minutes);
      }
      const { cooldownMinutes } = admin.ladder(ctx.workspaceId);
      await ctx.reply({
        text: t(value ? 'rules.cooldown.saved' : 'rules.cooldown.current', {
          duration: formatMinutes(cooldownMinutes, t),
        }),
      });
    },
  });

  const exportCsv = defineSubcommand({
    name: 'export',
    aliases: ['导出'],
    description: 'cmd.rules.export',
    scope: 'group',
    permission: 'admin',
    options: {
      from: opt.day('rules.opt.from', { required: false }),
      to: opt.day('rules.opt.to', { required: false }),
    },
    async handle(ctx, { from, to }) {
      const range = parseDateRange(from, to, ctx.timezone, ctx.now);
      if (!range.ok) throw new UserFacingError('bad_date', range.key, range.params);
      const file = admin.exportCsv(ctx, range.from, range.to);
      await ctx.reply({
        text: ctx.t('rules.exported', { rows: file.rows }),
        attachments: [{ filename: file.filename, contentType: 'text/csv', text: file.csv }],
      });
    },
  });

  function exemptSubject(
    ctx: GroupContext,
    raw: string,
  ): { subject: 'member' | 'channel' | 'role'; value: string; label: string } {
    const user = /^<@!?([\w.-]+)(?:\|[^>]*)?>$/u.exec(raw.trim());
    if (user) {
      const ref: UserRef = { ...ctx.conversation, userId: user[1] as string };
      return { subject: 'member', value: userKey(ref), label: `<@${ref.userId}>` };
    }
    const channel = /^<#([\w.-]+)(?:\|[^>]*)?>$/u.exec(raw.trim());
    if (channel) {
      const channelId = channel[1] as string;
      return {
        subject: 'channel',
        value: conversationKey({ ...ctx.conversation, channelId }),
        label: `<#${channelId}>`,
      };
    }
    const role = matchChoice(ROLE_CHOICES, raw);
    if (role) return { subject: 'role', value: role.value, label: ctx.t(role.label) };
    throw new UserFacingError('bad_exempt', 'rules.badExempt', { value: raw });
  }

  return {
    commands: [
      defineCommand({
        name: 'rules',
        aliases: ['群规', '规则'],
        description: 'cmd.rules',
        defaultSubcommand: 'show',
        subcommands: [
          show,
          list,
          add,
          edit,
          remove,
          stateChange('enable', ['启用', '开启']),
          stateChange('disable', ['停用', '关闭']),
          stateChange('watch', ['观察', '试运行']),
          scope,
          actions,
          preset,
          test,
          exempt,
          log,
          strikes,
          pardon,
          ladder,
          cooldown,
          exportCsv,
        ],
      }),
    ],
    actions: [
      {
        actionId: 'rules.post',
        permission: 'admin',
        scope: 'group',
        async handle(ctx) {
          await summary(ctx as GroupContext, 'channel');
        },
      },
    ],
  };
}
