import { DateTime } from 'luxon';
import { memberKey } from '../../core/commands/actor.js';
import {
  allows,
  defineCommand,
  defineSubcommand,
  type GroupContext,
  type HandlerContext,
} from '../../core/commands/define-command.js';
import { type Choice, opt } from '../../core/commands/options.js';
import type { FeatureModule } from '../../core/commands/registry.js';
import { groupTarget } from '../../core/commands/targets.js';
import { UserFacingError } from '../../core/errors.js';
import type { Translator } from '../../core/i18n/catalog.js';
import { type UserRef, userKey } from '../../core/platform/ids.js';
import type { FormSpec, OutboundMessage } from '../../core/platform/messages.js';
import { CUSTOMER_CREATE, newCustomerQuestion } from './customer-question.js';
import { feedbackCsv } from './feedback.csv.js';
import { customerDisplayName, customerKey } from './feedback.customers.js';
import { parseListFilters } from './feedback.list-filters.js';
import { parseFeedbackInline, parseTags } from './feedback.parse.js';
import type { FeedbackRepo, FeedbackRow } from './feedback.repo.js';
import { SCALES, type Scale } from './feedback.scale.js';
import type { CaptureInput, FeedbackService } from './feedback.service.js';
import { formatStats, type Period, periodBounds } from './feedback.stats.js';

const FORM = 'feedback.form';
const RESOLVE_FORM = 'feedback.resolveForm';
const SURVEY_COMMENT = 'feedback.surveyComment';
const SCALE_CONFIRM = 'feedback.scale.confirm';
const SCALE_KEEP = 'feedback.scale.keep';
const LIST_LIMIT = 20;

const PERIODS: readonly Choice<Period>[] = [
  { value: 'week', aliases: ['周', '本周'], label: 'feedback.period.week' },
  { value: 'month', aliases: ['月', '本月'], label: 'feedback.period.month' },
  { value: 'quarter', aliases: ['季度', '本季度'], label: 'feedback.period.quarter' },
];

const SETTING_KEYS: readonly Choice<'scale' | 'threshold' | 'customer' | 'alerts' | 'escalate'>[] = [
  { value: 'scale', aliases: ['评分方式', '量表'], label: 'feedback.key.scale' },
  { value: 'threshold', aliases: ['提醒分数', '阈值'], label: 'feedback.key.threshold' },
  { value: 'customer', aliases: ['客户', '默认客户'], label: 'feedback.key.customer' },
  { value: 'alerts', aliases: ['提醒频道'], label: 'feedback.key.alerts' },
  { value: 'escalate', aliases: ['升级'], label: 'feedback.key.escalate' },
];

function statusLabel(status: FeedbackRow['status'], t: Translator): string {
  return t(`feedback.status.${status}`);
}

/** `/feedback`: record what customers say, follow it up, and report on it. */
export function feedbackModule(service: FeedbackService, repo: FeedbackRepo): FeatureModule {
  const nameOf = (memberId: string) => service.memberName(memberId);
  const mention = (memberId: string) => `<@${memberId.split(':')[2]}>`;

  function line(item: FeedbackRow, t: Translator, zone: string): string {
    const customer = repo.customer(item.customerId)?.name ?? '?';
    return t('feedback.line', {
      id: item.id,
      date: DateTime.fromJSDate(item.createdAt, { zone }).toFormat('yyyy-LL-dd'),
      customer,
      score: item.score,
      max: SCALES[item.scale].max,
      status: statusLabel(item.status, t),
      owner: item.ownerId ? mention(item.ownerId) : t('feedback.nobody'),
      comment: item.comment.length > 80 ? `${item.comment.slice(0, 79)}…` : item.comment,
      tags: item.tags.map((tag) => `#${tag}`).join(' '),
    }).trim();
  }

  function form(ctx: GroupContext): FormSpec {
    const settings = service.settings(ctx.groupId);
    const { min, max } = SCALES[settings.scale];
    const fallback = settings.defaultCustomerId ? repo.customer(settings.defaultCustomerId)?.name : undefined;
    return {
      formId: FORM,
      title: ctx.t('feedback.form.title'),
      submitLabel: ctx.t('form.save'),
      cancelLabel: ctx.t('form.cancel'),
      context: ctx.groupId,
      fields: [
        {
          id: 'customer',
          label: ctx.t('feedback.field.customer'),
          kind: 'text',
          required: !fallback,
          ...(fallback ? { initial: fallback } : {}),
          maxLength: 200,
        },
        {
          id: 'score',
          label: ctx.t('feedback.field.score', { min, max }),
          kind: 'number',
          required: true,
          min,
          max,
        },
        {
          id: 'comment',
          label: ctx.t('feedback.field.comment'),
          kind: 'longText',
          required: false,
          maxLength: 2000,
        },
        {
          id: 'tags',
          label: ctx.t('feedback.field.tags'),
          kind: 'text',
          required: false,
          placeholder: ctx.t('feedback.field.tagsExample'),
        },
        { id: 'crm', label: ctx.t('feedback.field.crm'), kind: 'text', required: false, maxLength: 100 },
      ],
    };
  }

  async function store(ctx: HandlerContext & { groupId: string }, input: CaptureInput): Promise<void> {
    const item = await service.capture(input);
    const customer = repo.customer(item.customerId)?.name ?? '';
    await ctx.reply({
      text: ctx.t('feedback.recorded', {
        id: item.id,
        customer,
        score: item.score,
        max: SCALES[item.scale].max,
      }),
    });
  }

  /** The warning before a scale switch: how many scores stay on the old scale, with a button either way. */
  function scaleConfirmation(
    ctx: HandlerContext,
    groupId: string,
    change: { from: Scale; to: Scale; kept: number },
  ): OutboundMessage {
    const from = ctx.t(`feedback.scale.${change.from}`);
    const to = ctx.t(`feedback.scale.${change.to}`);
    const text = ctx.t('feedback.scale.confirm', {
      from,
      to,
      kept: change.kept,
      threshold: SCALES[change.to].defaultThreshold,
      value: change.to,
    });
    return {
      text,
      blocks: [
        { type: 'section', text },
        {
          type: 'buttons',
          buttons: [
            {
              actionId: SCALE_CONFIRM,
              label: ctx.t('feedback.scale.confirmButton', { to }),
              value: `${change.to}|${groupId}`,
              style: 'danger',
            },
            { actionId: SCALE_KEEP, label: ctx.t('feedback.scale.keepButton', { from }), value: groupId },
          ],
        },
      ],
    };
  }

  function switchedText(ctx: HandlerContext, groupId: string, from: Scale): string {
    const to = service.settings(groupId).scale;
    return ctx.t('feedback.scale.switched', {
      from: ctx.t(`feedback.scale.${from}`),
      to: ctx.t(`feedback.scale.${to}`),
      kept: repo.countNotOn(groupId, to),
    });
  }

  function baseInput(ctx: GroupContext): Pick<CaptureInput, 'workspaceId' | 'groupId' | 'authorId'> {
    return { workspaceId: ctx.workspaceId, groupId: ctx.groupId, authorId: userKey(ctx.actor.user) };
  }

  const add = defineSubcommand({
    name: 'add',
    aliases: ['记录', '新增'],
    description: 'cmd.feedback.add',
    scope: 'group',
    permission: 'member',
    options: { text: opt.string('feedback.opt.text', { required: false, rest: true }) },
    async handle(ctx, { text }) {
      if (!text) {
        await ctx.openForm(form(ctx));
        return;
      }
      const parsed = parseFeedbackInline(text);
      if (!parsed.ok) throw new UserFacingError('feedback_unparsed', parsed.key, parsed.params);
      const input: CaptureInput = { ...baseInput(ctx), ...parsed.input, tags: parsed.input.tags };
      const [problem] = service.check(input);
      if (problem) {
        throw new UserFacingError('feedback_invalid', 'feedback.error.inline', {
          problem: ctx.t(problem.key, problem.params),
          usage: ctx.t('feedback.usage'),
        });
      }
      if (await askedAboutNewCustomer(ctx, input.customer)) return;
      await store(ctx, input);
    },
  });

  /** A typed customer close to known ones but none of them: asked about, nothing stored (true). */
  async function askedAboutNewCustomer(ctx: HandlerContext, typed: string | undefined): Promise<boolean> {
    const near = service.nearMatchesOfNew(ctx.workspaceId, typed);
    if (!typed || near.length === 0) return false;
    await ctx.reply(newCustomerQuestion(ctx.t, typed, near));
    return true;
  }

  function ownItem(ctx: GroupContext, id: number): FeedbackRow {
    const item = service.item(ctx.workspaceId, id);
    if (!item) throw new UserFacingError('feedback_not_found', 'feedback.notFound', { id });
    return item;
  }

  function mayChange(ctx: HandlerContext, item: FeedbackRow): void {
    if (!service.mayChange(item, memberKey(ctx), allows(ctx.level, 'manager'))) {
      throw new UserFacingError('feedback_not_owner', 'feedback.notOwner', { id: item.id });
    }
  }

  const idOption = { id: opt.integer('feedback.opt.id', { required: true, min: 1 }) };
  /** Every action on an item is authorized in the item's own group. */
  const itemTarget = ({ id }: { id: number }) => groupTarget(service.itemGroup(id));

  const assign = defineSubcommand({
    name: 'assign',
    aliases: ['指派', '分配'],
    description: 'cmd.feedback.assign',
    scope: 'group',
    permission: 'member',
    options: { ...idOption, member: opt.user('opt.member', { required: true }) },
    target: itemTarget,
    async handle(ctx, { id, member }) {
      const item = ownItem(ctx, id);
      mayChange(ctx, item);
      const ownerId = userKey(member as UserRef);
      const status = item.status === 'resolved' ? 'resolved' : 'in_progress';
      service.change(item, userKey(ctx.actor.user), 'assigned', { ownerId, status });
      await ctx.reply({ text: ctx.t('feedback.assigned', { id, user: `<@${member.userId}>` }) });
      await service.tellOwner(item, ownerId, userKey(ctx.actor.user));
    },
  });

  async function resolve(ctx: HandlerContext, item: FeedbackRow, note: string): Promise<void> {
    mayChange(ctx, item);
    if (item.status === 'resolved')
      throw new UserFacingError('feedback_resolved', 'feedback.alreadyResolved', { id: item.id });
    service.change(item, userKey(ctx.actor.user), 'resolved', {
      status: 'resolved',
      resolution: note,
      resolvedAt: ctx.now,
      ownerId: item.ownerId ?? userKey(ctx.actor.user),
    });
    await ctx.reply({ text: ctx.t('feedback.resolved', { id: item.id }) });
  }

  const resolveCmd = defineSubcommand({
    name: 'resolve',
    aliases: ['解决', '完成'],
    description: 'cmd.feedback.resolve',
    scope: 'group',
    permission: 'member',
    options: { ...idOption, note: opt.string('feedback.opt.note', { required: true, rest: true }) },
    target: itemTarget,
    async handle(ctx, { id, note }) {
      await resolve(ctx, ownItem(ctx, id), note);
    },
  });

  const reopen = defineSubcommand({
    name: 'reopen',
    aliases: ['重新打开'],
    description: 'cmd.feedback.reopen',
    scope: 'group',
    permission: 'member',
    options: idOption,
    target: itemTarget,
    async handle(ctx, { id }) {
      const item = ownItem(ctx, id);
      mayChange(ctx, item);
      if (item.status !== 'resolved')
        throw new UserFacingError('feedback_open', 'feedback.notResolved', { id });
      service.change(item, userKey(ctx.actor.user), 'reopened', {
        status: item.ownerId ? 'in_progress' : 'open',
        resolvedAt: null,
      });
      await ctx.reply({ text: ctx.t('feedback.reopened', { id }) });
    },
  });

  const show = defineSubcommand({
    name: 'show',
    aliases: ['查看', '详情'],
    description: 'cmd.feedback.show',
    scope: 'group',
    permission: 'member',
    options: idOption,
    target: itemTarget,
    async handle(ctx, { id }) {
      const item = ownItem(ctx, id);
      const history = repo.historyOf(item.id).map((h) =>
        ctx.t('feedback.historyLine', {
          when: DateTime.fromJSDate(h.at, { zone: ctx.timezone }).toFormat('yyyy-LL-dd HH:mm'),
          who: h.actorId ? mention(h.actorId) : 'Muster',
          what: ctx.t(
            `feedback.action.${h.action as 'created' | 'alerted' | 'assigned' | 'taken' | 'resolved' | 'reopened' | 'escalated'}`,
          ),
        }),
      );
      await ctx.reply({
        text: line(item, ctx.t, ctx.timezone),
        blocks: [
          { type: 'section', text: line(item, ctx.t, ctx.timezone) },
          ...(item.resolution
            ? [{ type: 'section' as const, text: ctx.t('feedback.resolution', { note: item.resolution }) }]
            : []),
          { type: 'context', text: history.join('\n') },
        ],
      });
    },
  });

  const list = defineSubcommand({
    name: 'list',
    aliases: ['列表'],
    description: 'cmd.feedback.list',
    scope: 'group',
    permission: 'member',
    options: { filters: opt.string('feedback.opt.filters', { required: false, rest: true }) },
    async handle(ctx, { filters }) {
      const parsed = parseListFilters(filters ?? '', ctx.timezone, ctx.now, ctx.t('feedback.list.usage'));
      if (!parsed.ok) throw new UserFacingError('feedback_list_filter', parsed.key, parsed.params);
      const { customer: named, status, tags, from, to } = parsed.filters;
      const customer = named ? repo.customerByKey(ctx.workspaceId, customerKey(named)) : undefined;
      if (named && !customer) {
        throw new UserFacingError('feedback_no_customer', 'feedback.unknownCustomer', {
          name: customerDisplayName(named),
        });
      }
      const rows = repo
        .list({
          groupId: ctx.groupId,
          customerId: customer?.id,
          from: from ? DateTime.fromISO(from, { zone: ctx.timezone }).toJSDate() : undefined,
          to: to ? DateTime.fromISO(to, { zone: ctx.timezone }).endOf('day').toJSDate() : undefined,
          status,
          limit: tags.length ? 1000 : LIST_LIMIT,
        })
        .filter((r) => tags.every((tag) => r.tags.includes(tag)))
        .slice(0, LIST_LIMIT);
      await ctx.reply({
        text: ctx.t('feedback.listTitle'),
        blocks: [
          { type: 'header', text: ctx.t('feedback.listTitle') },
          {
            type: 'section',
            text: rows.length
              ? rows.map((r) => line(r, ctx.t, ctx.timezone)).join('\n')
              : ctx.t('feedback.listEmpty'),
          },
        ],
      });
    },
  });

  const stats = defineSubcommand({
    name: 'stats',
    aliases: ['统计'],
    description: 'cmd.feedback.stats',
    scope: 'group',
    permission: 'member',
    options: { period: opt.choice('feedback.opt.period', PERIODS, { required: false }) },
    async handle(ctx, { period }) {
      const chosen = period ?? 'week';
      const settings = service.settings(ctx.groupId);
      const zone = ctx.timezone;
      const bounds = periodBounds(chosen, ctx.now, zone);
      await ctx.reply(
        formatStats(repo.stats(ctx.groupId, settings.scale, bounds), settings.scale, chosen, ctx.t),
      );
    },
  });

  const exportCsv = defineSubcommand({
    name: 'export',
    aliases: ['导出'],
    description: 'cmd.feedback.export',
    scope: 'group',
    permission: 'manager',
    options: {},
    async handle(ctx) {
      const rows = repo.list({ groupId: ctx.groupId, limit: 100_000 }).reverse();
      const csv = feedbackCsv(
        rows.map((r) => {
          const customer = repo.customer(r.customerId);
          return {
            createdAt: r.createdAt,
            customer: customer?.name ?? '',
            crmAccountId: customer?.crmAccountId ?? '',
            score: r.score,
            scale: r.scale,
            comment: r.comment,
            tags: r.tags,
            status: r.status,
            owner: r.ownerId ? (nameOf(r.ownerId) ?? '') : '',
            group: ctx.conversation.channelId,
            author: nameOf(r.authorId) ?? r.authorId,
            resolvedAt: r.resolvedAt,
            resolution: r.resolution ?? '',
          };
        }),
        ctx.timezone,
      );
      const stamp = DateTime.fromJSDate(ctx.now, { zone: ctx.timezone }).toFormat('yyyyLLdd');
      await ctx.reply({
        text: ctx.t('feedback.exported', { rows: rows.length }),
        attachments: [{ filename: `muster-feedback-${stamp}.csv`, contentType: 'text/csv', text: csv }],
      });
    },
  });

  const survey = defineSubcommand({
    name: 'survey',
    aliases: ['调查', '问卷', '满意度调查'],
    description: 'cmd.feedback.survey',
    scope: 'group',
    permission: 'member',
    options: { target: opt.string('feedback.opt.surveyTarget', { required: false, rest: true }) },
    async handle(ctx, { target }) {
      // `[customer] [@contact]` in any order: the mention is the contact, the rest the customer.
      const text = target ?? '';
      const contact = /<@!?([\w.-]+)(?:\|[^>]*)?>/u.exec(text);
      // A second contact would be dropped without a word: refused, saying how to ask each one.
      if ((text.match(/<@!?[\w.-]+(?:\|[^>]*)?>/gu) ?? []).length > 1)
        throw new UserFacingError('survey_contacts', 'feedback.survey.oneContact', {});
      const customer = text.replace(/<@!?[\w.-]+(?:\|[^>]*)?>/gu, ' ').trim();
      if (await askedAboutNewCustomer(ctx, customer || undefined)) return;
      const started = await service.startSurvey({
        workspaceId: ctx.workspaceId,
        groupId: ctx.groupId,
        actorId: userKey(ctx.actor.user),
        customer: customer || undefined,
        contactId: contact ? userKey({ ...ctx.conversation, userId: contact[1] as string }) : undefined,
      });
      await ctx.reply({
        text: ctx.t(contact ? 'feedback.survey.sentTo' : 'feedback.survey.posted', {
          id: started.id,
          customer: repo.customer(started.customerId)?.name ?? '',
          user: contact ? `<@${contact[1]}>` : '',
          closes: DateTime.fromJSDate(started.closesAt, { zone: ctx.timezone })
            .setLocale(ctx.locale)
            .toLocaleString(DateTime.DATETIME_MED),
        }),
      });
    },
  });

  const settings = defineSubcommand({
    name: 'settings',
    aliases: ['设置'],
    description: 'cmd.feedback.settings',
    scope: 'group',
    permission: 'member',
    permissionFor: (args) => (args.key ? 'admin' : 'member'),
    options: {
      key: opt.choice('feedback.opt.key', SETTING_KEYS, { required: false }),
      value: opt.string('opt.value', { required: false, rest: true }),
    },
    async handle(ctx, { key, value }) {
      const named = key === 'customer' && !/^(none|无)$/iu.test((value ?? '').trim());
      if (named && (await askedAboutNewCustomer(ctx, value))) return;
      const before = service.settings(ctx.groupId).scale;
      const outcome = key ? service.configure(ctx, key, value ?? '') : { kind: 'saved' as const };
      if (outcome.kind === 'confirmScale') {
        await ctx.reply(scaleConfirmation(ctx, ctx.groupId, outcome));
        return;
      }
      const after = service.settings(ctx.groupId).scale;
      // With no score on the old scale there is nothing to tell apart: the settings say it all.
      if (after !== before && repo.countNotOn(ctx.groupId, after) > 0) {
        await ctx.reply({ text: switchedText(ctx, ctx.groupId, before) }, 'channel');
        return;
      }
      const current = service.settings(ctx.groupId);
      const customer = current.defaultCustomerId ? repo.customer(current.defaultCustomerId)?.name : undefined;
      await ctx.reply({
        text: ctx.t('feedback.settingsView', {
          scale: ctx.t(`feedback.scale.${current.scale}`),
          threshold: current.threshold,
          customer: customer ?? ctx.t('feedback.notSet'),
          alerts: current.alertChannelId ? `<#${current.alertChannelId}>` : ctx.t('feedback.notSet'),
          escalate: current.escalateHours,
        }),
      });
    },
  });

  return {
    commands: [
      defineCommand({
        name: 'feedback',
        aliases: ['反馈', '客户反馈'],
        description: 'cmd.feedback',
        defaultSubcommand: 'add',
        textSubcommand: 'add',
        subcommands: [add, survey, assign, resolveCmd, reopen, show, list, stats, exportCsv, settings],
      }),
    ],
    actions: [
      {
        actionId: CUSTOMER_CREATE,
        permission: 'member',
        scope: 'anywhere',
        async handle(ctx, typed) {
          if (customerKey(typed) === '') throw new UserFacingError('stale', 'error.staleAction', {});
          const customer = service.createCustomer(ctx.workspaceId, typed, userKey(ctx.actor.user));
          await ctx.reply({ text: ctx.t('feedback.customer.created', { customer: customer.name }) });
        },
      },
      {
        actionId: SCALE_CONFIRM,
        permission: 'admin',
        scope: 'anywhere',
        target: (value) => groupTarget(value.slice(value.indexOf('|') + 1)),
        async handle(ctx, value) {
          const [to, groupId] = [value.slice(0, value.indexOf('|')), value.slice(value.indexOf('|') + 1)];
          if (to !== 'csat' && to !== 'nps') throw new UserFacingError('stale', 'error.staleAction', {});
          const from = service.settings(groupId).scale;
          if (from === to) throw new UserFacingError('stale', 'error.staleAction', {});
          service.configure(
            { workspaceId: ctx.workspaceId, groupId, actor: ctx.actor, now: ctx.now },
            'scale',
            `${to} confirm`,
          );
          await ctx.reply({ text: switchedText(ctx, groupId, from) }, 'channel');
        },
      },
      {
        actionId: SCALE_KEEP,
        permission: 'admin',
        scope: 'anywhere',
        target: (groupId) => groupTarget(groupId),
        async handle(ctx, groupId) {
          const from = ctx.t(`feedback.scale.${service.settings(groupId).scale}`);
          await ctx.reply({ text: ctx.t('feedback.scale.kept', { from }) });
        },
      },
      {
        actionId: 'feedback.survey.answer',
        // The customer's people answer surveys: guests included.
        permission: 'guest',
        scope: 'anywhere',
        target: (value) => service.surveyTarget(Number(value.split(':')[0])),
        async handle(ctx, value) {
          const [surveyId, score] = value.split(':').map(Number);
          if (!Number.isInteger(surveyId) || !Number.isInteger(score))
            throw new UserFacingError('stale', 'error.staleAction', {});
          await service.answerSurvey(surveyId as number, userKey(ctx.actor.user), score as number);
          // The score counts already; the comment is a bonus, one click away.
          await ctx.openForm({
            formId: SURVEY_COMMENT,
            title: ctx.t('feedback.survey.thanks', { score: score as number }),
            submitLabel: ctx.t('form.save'),
            cancelLabel: ctx.t('feedback.survey.skip'),
            context: String(surveyId),
            fields: [
              {
                id: 'comment',
                label: ctx.t('feedback.survey.commentLabel'),
                kind: 'longText',
                required: false,
                maxLength: 2000,
              },
            ],
          });
        },
      },
      {
        actionId: 'feedback.take',
        permission: 'member',
        scope: 'anywhere',
        target: (value) => groupTarget(service.itemGroup(Number(value))),
        async handle(ctx, value) {
          const item = service.item(ctx.workspaceId, Number(value));
          if (!item) throw new UserFacingError('stale', 'error.staleAction', {});
          const me = userKey(ctx.actor.user);
          if (item.ownerId && item.ownerId !== me) {
            throw new UserFacingError('feedback_owned', 'feedback.alreadyOwned', {
              id: item.id,
              user: mention(item.ownerId),
            });
          }
          service.change(item, me, 'taken', {
            ownerId: me,
            status: item.status === 'resolved' ? 'resolved' : 'in_progress',
          });
          await ctx.reply({ text: ctx.t('feedback.taken', { id: item.id }) });
        },
      },
      {
        actionId: 'feedback.resolve',
        permission: 'member',
        scope: 'anywhere',
        target: (value) => groupTarget(service.itemGroup(Number(value))),
        async handle(ctx, value) {
          const item = service.item(ctx.workspaceId, Number(value));
          if (!item) throw new UserFacingError('stale', 'error.staleAction', {});
          await ctx.openForm({
            formId: RESOLVE_FORM,
            title: ctx.t('feedback.resolveForm.title', { id: item.id }),
            submitLabel: ctx.t('form.save'),
            cancelLabel: ctx.t('form.cancel'),
            context: String(item.id),
            fields: [
              {
                id: 'note',
                label: ctx.t('feedback.field.note'),
                kind: 'longText',
                required: true,
                maxLength: 2000,
              },
            ],
          });
        },
      },
    ],
    forms: [
      {
        formId: SURVEY_COMMENT,
        fields: ['comment'],
        permission: 'guest',
        target: (context) => service.surveyTarget(Number(context)),
        async handle(ctx, values, context) {
          const comment = (values.comment ?? '').trim();
          if (comment) service.addSurveyComment(Number(context), userKey(ctx.actor.user), comment);
          await ctx.reply({ text: ctx.t('feedback.survey.recorded') });
          return {};
        },
      },
      {
        formId: FORM,
        fields: ['customer', 'score', 'comment', 'tags', 'crm'],
        permission: 'member',
        target: (context) => ({ groupId: context }),
        async handle(ctx, values, groupId) {
          if (groupId !== ctx.groupId) throw new UserFacingError('stale', 'error.staleAction', {});
          const raw = (values.score ?? '').normalize('NFKC').trim();
          const input: CaptureInput = {
            workspaceId: ctx.workspaceId,
            groupId,
            authorId: userKey(ctx.actor.user),
            customer: values.customer,
            score: /^\d+$/u.test(raw) ? Number(raw) : undefined,
            comment: (values.comment ?? '').trim(),
            tags: parseTags(values.tags ?? ''),
            crmAccountId: values.crm?.trim() || undefined,
          };
          const problems = service.check(input);
          if (problems.length) {
            // The CRM id's form field is called `crm`.
            return {
              errors: Object.fromEntries(
                problems.map((p) => [p.field === 'crmAccountId' ? 'crm' : p.field, ctx.t(p.key, p.params)]),
              ),
            };
          }
          await store(ctx as GroupContext, input);
          return {};
        },
      },
      {
        formId: RESOLVE_FORM,
        fields: ['note'],
        permission: 'member',
        target: (context) => groupTarget(service.itemGroup(Number(context))),
        async handle(ctx, values, context) {
          const item = service.item(ctx.workspaceId, Number(context));
          if (!item) throw new UserFacingError('stale', 'error.staleAction', {});
          await resolve(ctx, item, (values.note ?? '').trim());
          return {};
        },
      },
    ],
  };
}
