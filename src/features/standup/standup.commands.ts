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
import { leadingDay, parseDay, parseDayRange } from '../../core/dates.js';
import { UserFacingError } from '../../core/errors.js';
import type { Translator } from '../../core/i18n/catalog.js';
import { parseConversationKey, type UserRef, userKey } from '../../core/platform/ids.js';
import type { FormField, FormSpec } from '../../core/platform/messages.js';
import { clockTime, readerTime } from '../../core/zoned-time.js';
import { parseLocalTime } from '../settings/settings.domain.js';
import { DEFAULT_QUESTIONS, parseInlineAnswers, type StandupAnswers } from './standup.answers.js';
import { hasHolidayData, SUPPORTED_COUNTRIES } from './standup.calendar.js';
import { DEFAULT_TIMES, deadlineOf, type StandupTimes, timesProblem } from './standup.conflicts.js';
import type { StandupRepo } from './standup.repo.js';
import { formatHistoryLine, standupCsv } from './standup.report.js';
import { groupDay } from './standup.schedule.js';
import { QUESTION_IDS, questionsOf, type StandupService } from './standup.service.js';
import { blockerCommands, blockerNote } from './standup.unblock.js';

const FORM = 'standup.form';
const SETUP = 'standup.setup';
const HISTORY_LIMIT = 30;

const CONFIG_KEYS: readonly Choice<'prompt' | 'deadline' | 'nudge' | 'questions' | 'country' | 'escalate'>[] =
  [
    { value: 'prompt', aliases: ['time', '提醒时间', '时间'], label: 'standup.key.prompt' },
    { value: 'deadline', aliases: ['截止', '截止时间'], label: 'standup.key.deadline' },
    { value: 'nudge', aliases: ['催交', '提前提醒'], label: 'standup.key.nudge' },
    { value: 'questions', aliases: ['问题'], label: 'standup.key.questions' },
    { value: 'country', aliases: ['国家', '日历'], label: 'standup.key.country' },
    { value: 'escalate', aliases: ['升级'], label: 'standup.key.escalate' },
  ];

const CALENDAR_ACTIONS: readonly Choice<'show' | 'add-off' | 'add-workday' | 'remove'>[] = [
  { value: 'show', aliases: ['查看'], label: 'standup.calendar.show' },
  { value: 'add-off', aliases: ['放假', '休息', 'off'], label: 'standup.calendar.addOff' },
  { value: 'add-workday', aliases: ['补班', '上班', 'workday'], label: 'standup.calendar.addWorkday' },
  { value: 'remove', aliases: ['删除', '取消'], label: 'standup.calendar.remove' },
];

/** Allowed whole numbers: a nudge within the working day, an escalation within about six weeks. */
const NUMBER_RANGES = { nudge: { min: 0, max: 600 }, escalate: { min: 1, max: 30 } } as const;

/** Questions typed one per line (or split by ；/;), 1 to 5 of them. */
export function parseQuestions(text: string): string[] | undefined {
  const questions = text
    .split(/\n|[;；]/u)
    .map((q) => q.trim())
    .filter(Boolean);
  return questions.length >= 1 && questions.length <= QUESTION_IDS.length ? questions : undefined;
}

/** `/standup`: answer, and the group's standup settings, calendar, away days and history. */
export function standupModule(service: StandupService, repo: StandupRepo): FeatureModule {
  /** The group's standup day now, in the group's timezone (not the reader's). */
  function today(ctx: HandlerContext, groupId: string): string {
    return groupDay(ctx.now, groupTimezone(ctx, groupId));
  }

  /**
   * A day that came back in a button or a form: one the group was asked about (its prompt went
   * out), or today in the group's timezone (the command's form). Any other day is refused.
   */
  function answerableDay(ctx: HandlerContext, groupId: string, day: string | undefined): string {
    if (!day || !/^\d{4}-\d{2}-\d{2}$/u.test(day) || !repo.config(groupId))
      throw new UserFacingError('stale', 'error.staleAction', {});
    const current = [today(ctx, groupId), service.answeringDay(groupId, memberKey(ctx), ctx.now)];
    if (!current.includes(day) && !repo.day(groupId, day))
      throw new UserFacingError('standup_bad_day', 'standup.notAStandupDay', { day });
    return day;
  }

  const blockers = blockerCommands(service, repo);

  /** The group named by a standup button's or form's `group|day` payload. */
  const payloadGroup = (payload: string) => groupTarget(payload.split('|')[0]);

  function groupTimezone(ctx: HandlerContext, groupId: string): string {
    return service.groupTimezone(groupId) ?? ctx.timezone;
  }

  function answerForm(ctx: HandlerContext, groupId: string, day: string): FormSpec {
    const config = repo.config(groupId);
    const existing = repo.answer(groupId, day, memberKey(ctx))?.answers;
    const fields: FormField[] = questionsOf(config, ctx.t).map((q) => {
      const initial = existing?.[q.id];
      return {
        id: q.id,
        label: q.label,
        kind: 'longText' as const,
        // The blockers question may be left empty: nothing in the way.
        required: !q.blockers,
        maxLength: 2000,
        ...(initial ? { initial } : {}),
      };
    });
    return {
      formId: FORM,
      title: ctx.t('standup.form.title', { day }),
      submitLabel: ctx.t('form.save'),
      cancelLabel: ctx.t('form.cancel'),
      context: `${groupId}|${day}`,
      fields,
    };
  }

  async function record(
    ctx: HandlerContext,
    groupId: string,
    day: string,
    answers: StandupAnswers,
  ): Promise<void> {
    const result = await service.submit({
      groupId,
      day,
      memberId: memberKey(ctx),
      name: ctx.actor.displayName,
      answers,
      now: ctx.now,
    });
    if (result.outcome === 'closed') throw new UserFacingError('standup_closed', 'standup.closed', { day });
    const text = ctx.t(`standup.recorded.${result.outcome}`, { day });
    await ctx.reply(
      result.blocker
        ? { text, blocks: [{ type: 'section', text }, ...blockerNote(ctx.t, groupId, result.blocker)] }
        : { text },
    );
  }

  function inlineAnswers(ctx: GroupContext, text: string): StandupAnswers {
    const config = repo.config(ctx.groupId);
    const custom = config?.questions;
    const parsed = custom?.length
      ? parseInlineAnswers(
          text,
          questionsOf(config, ctx.t).map((q) => ({ id: q.id, text: q.label, blockers: q.blockers })),
        )
      : parseInlineAnswers(
          text,
          DEFAULT_QUESTIONS.map((q) => ({ id: q.id })),
        );
    if (!parsed.ok) throw new UserFacingError('standup_unparsed', parsed.key, parsed.params);
    if (custom?.length) return parsed.answers;
    // Default questions are stored under the same field ids as custom ones.
    const ids = DEFAULT_QUESTIONS.map((q) => q.id);
    return Object.fromEntries(ids.map((id, i) => [QUESTION_IDS[i] as string, parsed.answers[id] ?? '']));
  }

  const answer = defineSubcommand({
    name: 'answer',
    aliases: ['填写', '回答'],
    description: 'cmd.standup.answer',
    scope: 'group',
    permission: 'member',
    options: { text: opt.string('standup.opt.answers', { required: false, rest: true }) },
    async handle(ctx, { text }) {
      const day = service.answeringDay(ctx.groupId, memberKey(ctx), ctx.now);
      if (!text) {
        await ctx.openForm(answerForm(ctx, ctx.groupId, day));
        return;
      }
      await record(ctx, ctx.groupId, day, inlineAnswers(ctx, text));
    },
  });

  function setupForm(ctx: GroupContext): FormSpec {
    const config = repo.config(ctx.groupId);
    return {
      formId: SETUP,
      title: ctx.t('standup.setup.title'),
      submitLabel: ctx.t('form.save'),
      cancelLabel: ctx.t('form.cancel'),
      context: ctx.groupId,
      fields: [
        {
          id: 'prompt',
          label: ctx.t('standup.key.prompt'),
          kind: 'text',
          required: true,
          initial: config?.promptTime ?? '09:30',
          placeholder: '09:30',
        },
        {
          id: 'deadline',
          label: ctx.t('standup.key.deadline'),
          kind: 'text',
          required: true,
          initial: config?.deadline ?? '17:00',
          placeholder: '17:00',
        },
        {
          id: 'nudge',
          label: ctx.t('standup.key.nudge'),
          kind: 'number',
          required: true,
          min: 0,
          max: 600,
          initial: String(config?.nudgeBeforeMinutes ?? 60),
        },
        {
          id: 'questions',
          label: ctx.t('standup.key.questions'),
          kind: 'longText',
          required: false,
          placeholder: ctx.t('standup.setup.questionsHint'),
          ...(config?.questions?.length ? { initial: config.questions.join('\n') } : {}),
        },
        {
          id: 'country',
          label: ctx.t('standup.key.country'),
          kind: 'text',
          required: false,
          placeholder: 'CN',
          ...(config?.country ? { initial: config.country } : {}),
        },
      ],
    };
  }

  const setup = defineSubcommand({
    name: 'setup',
    aliases: ['设置'],
    description: 'cmd.standup.setup',
    scope: 'group',
    permission: 'admin',
    options: {},
    async handle(ctx) {
      await ctx.openForm(setupForm(ctx));
    },
  });

  /** One setting, checked; the same rules for the form and for `/standup config`. */
  function parseSetting(
    key: (typeof CONFIG_KEYS)[number]['value'],
    raw: string,
    t: Translator,
  ): { ok: true; patch: Parameters<StandupRepo['saveConfig']>[1] } | { ok: false; error: string } {
    const value = raw.normalize('NFKC').trim();
    switch (key) {
      case 'prompt':
      case 'deadline': {
        const time = parseLocalTime(value);
        if (!time) return { ok: false, error: t('standup.bad.time', { value: raw }) };
        return { ok: true, patch: key === 'prompt' ? { promptTime: time } : { deadline: time } };
      }
      case 'nudge':
      case 'escalate': {
        const n = /^\d+$/u.test(value) ? Number(value) : Number.NaN;
        const { min, max } = NUMBER_RANGES[key];
        if (!(n >= min && n <= max))
          return { ok: false, error: t(`standup.bad.${key}`, { value: raw, min, max }) };
        return { ok: true, patch: key === 'nudge' ? { nudgeBeforeMinutes: n } : { blockerEscalateDays: n } };
      }
      case 'questions': {
        if (!value || ['default', '默认'].includes(value)) return { ok: true, patch: { questions: null } };
        const questions = parseQuestions(raw);
        if (!questions) return { ok: false, error: t('standup.bad.questions', { max: QUESTION_IDS.length }) };
        return { ok: true, patch: { questions } };
      }
      case 'country': {
        if (!value || ['none', '无'].includes(value.toLowerCase()))
          return { ok: true, patch: { country: null } };
        const country = value.toUpperCase() === 'CHINA' || value === '中国' ? 'CN' : value.toUpperCase();
        if (!SUPPORTED_COUNTRIES.includes(country)) {
          return {
            ok: false,
            error: t('standup.bad.country', { value: raw, examples: 'CN, US, GB, DE, JP, SG' }),
          };
        }
        return { ok: true, patch: { country } };
      }
    }
  }

  /** The group's times after a change, checked together; the error says what is allowed. */
  function timesError(
    groupId: string,
    patch: Parameters<StandupRepo['saveConfig']>[1],
    t: Translator,
  ): { field: 'deadline' | 'nudge'; text: string } | undefined {
    const config = repo.config(groupId);
    const times: StandupTimes = {
      promptTime: patch.promptTime ?? config?.promptTime ?? DEFAULT_TIMES.promptTime,
      deadline: patch.deadline ?? config?.deadline ?? DEFAULT_TIMES.deadline,
      nudgeBeforeMinutes:
        patch.nudgeBeforeMinutes ?? config?.nudgeBeforeMinutes ?? DEFAULT_TIMES.nudgeBeforeMinutes,
    };
    const problem = timesProblem(times);
    if (!problem) return undefined;
    const params = {
      prompt: times.promptTime,
      deadline: times.deadline,
      nudge: times.nudgeBeforeMinutes,
      span: problem.span,
      earliest: DateTime.fromISO(`2000-01-01T${times.promptTime}`, { zone: 'UTC' })
        .plus({ minutes: 1 })
        .toFormat('HH:mm'),
    };
    const key = problem.key === 'order' ? 'standup.bad.deadlineOrder' : 'standup.bad.nudgeSpan';
    return { field: problem.field, text: t(key, params) };
  }

  /** Members prompted only after the deadline, each with their prompt and the deadline in their time. */
  function conflictLines(ctx: GroupContext): string[] {
    const conflicts = service.promptConflicts(ctx.groupId, ctx.now);
    if (conflicts.length === 0) return [];
    const zone = groupTimezone(ctx, ctx.groupId);
    return [
      ctx.t('standup.conflicts.title'),
      ...conflicts.map((c) =>
        ctx.t('standup.conflicts.line', {
          name: c.name,
          prompt: repo.config(ctx.groupId)?.promptTime ?? DEFAULT_TIMES.promptTime,
          zone: c.timezone,
          deadline: clockTime(c.deadlineAt, c.timezone),
          groupDeadline: clockTime(c.deadlineAt, zone),
        }),
      ),
      ctx.t('standup.conflicts.fix'),
    ];
  }

  function describeConfig(ctx: GroupContext): string {
    const config = repo.config(ctx.groupId);
    if (!config) return ctx.t('standup.notSetUp');
    const questions = questionsOf(config, ctx.t)
      .map((q, i) => `${i + 1}. ${q.label}`)
      .join('\n');
    const zone = groupTimezone(ctx, ctx.groupId);
    const view = ctx.t('standup.configView', {
      state: ctx.t(config.enabled ? 'standup.state.on' : 'standup.state.off'),
      prompt: config.promptTime,
      deadline: readerTime(
        ctx.t,
        deadlineOf(today(ctx, ctx.groupId), config.deadline, zone),
        ctx.timezone,
        zone,
      ),
      nudge: config.nudgeBeforeMinutes,
      country: config.country ?? ctx.t('standup.noCountry'),
      escalate: config.blockerEscalateDays,
      questions,
    });
    // Who is prompted after the deadline is for those who can change the times.
    const conflicts = allows(ctx.level, 'admin') ? conflictLines(ctx) : [];
    return [view, ...conflicts].join('\n');
  }

  const configure = defineSubcommand({
    name: 'config',
    aliases: ['配置'],
    description: 'cmd.standup.config',
    scope: 'group',
    permission: 'member',
    permissionFor: (args) => (args.key ? 'admin' : 'member'),
    options: {
      key: opt.choice('standup.opt.key', CONFIG_KEYS, { required: false }),
      value: opt.string('opt.value', { required: false, rest: true }),
    },
    async handle(ctx, { key, value }) {
      if (key) {
        const parsed = parseSetting(key, value ?? '', ctx.t);
        if (!parsed.ok)
          throw new UserFacingError('standup_bad_setting', 'error.plain', { text: parsed.error });
        const problem = timesError(ctx.groupId, parsed.patch, ctx.t);
        if (problem) throw new UserFacingError('standup_bad_setting', 'error.plain', { text: problem.text });
        service.configure(ctx.groupId, userKey(ctx.actor.user), parsed.patch, ctx.now);
      }
      await ctx.reply({ text: describeConfig(ctx) });
    },
  });

  function toggle(name: 'on' | 'off', aliases: string[]) {
    return defineSubcommand({
      name,
      aliases,
      description: `cmd.standup.${name}`,
      scope: 'group',
      permission: 'admin',
      options: {},
      async handle(ctx) {
        service.configure(ctx.groupId, userKey(ctx.actor.user), { enabled: name === 'on' }, ctx.now);
        await ctx.reply(
          { text: `${ctx.t(`standup.turned.${name}`)}\n${describeConfig(ctx)}` },
          name === 'on' ? 'channel' : 'ephemeral',
        );
      },
    });
  }

  const away = defineSubcommand({
    name: 'away',
    aliases: ['请假', '不在'],
    description: 'cmd.standup.away',
    scope: 'group',
    permission: 'member',
    permissionFor: (args) => (args.member ? 'admin' : 'member'),
    options: {
      when: opt.string('standup.opt.when', { required: true, rest: true }),
      member: opt.user('opt.member', { required: false }),
    },
    async handle(ctx, { when, member }) {
      const zone = groupTimezone(ctx, ctx.groupId);
      const range = parseDayRange(when, zone, ctx.now);
      if (!range) throw new UserFacingError('standup_bad_away', 'standup.bad.away', { value: when });
      const who: UserRef = member ?? ctx.actor.user;
      service.setAway(ctx.groupId, userKey(who), range, userKey(ctx.actor.user), ctx.now);
      await ctx.reply({
        text:
          range.from === range.to
            ? ctx.t('standup.awaySetDay', { user: `<@${who.userId}>`, day: range.from })
            : ctx.t('standup.awaySet', { user: `<@${who.userId}>`, from: range.from, to: range.to }),
      });
    },
  });

  const back = defineSubcommand({
    name: 'back',
    aliases: ['销假', '回来'],
    description: 'cmd.standup.back',
    scope: 'group',
    permission: 'member',
    permissionFor: (args) => (args.member ? 'admin' : 'member'),
    options: { member: opt.user('opt.member', { required: false }) },
    async handle(ctx, { member }) {
      const who: UserRef = member ?? ctx.actor.user;
      const ended = service.back(ctx.groupId, userKey(who), today(ctx, ctx.groupId));
      await ctx.reply({
        text: ctx.t(ended ? 'standup.backDone' : 'standup.notAway', { user: `<@${who.userId}>` }),
      });
    },
  });

  const calendar = defineSubcommand({
    name: 'calendar',
    aliases: ['日历', '假期'],
    description: 'cmd.standup.calendar',
    scope: 'group',
    permission: 'member',
    permissionFor: (args) => (args.action && args.action !== 'show' ? 'admin' : 'member'),
    options: {
      action: opt.choice('standup.opt.calendarAction', CALENDAR_ACTIONS, { required: false }),
      date: opt.string('standup.opt.date', { required: false }),
      name: opt.string('standup.opt.dayName', { required: false, rest: true }),
    },
    async handle(ctx, { action, date, name }) {
      const zone = groupTimezone(ctx, ctx.groupId);
      if (action && action !== 'show') {
        // A day may take several words (`next friday 团建`): the longest phrase that reads as one.
        const words = [date, ...(name ?? '').split(/\s+/u)].filter((w): w is string => Boolean(w));
        const lead = leadingDay(words, zone, ctx.now);
        if (!lead) throw new UserFacingError('standup_bad_day', 'standup.bad.day', { value: date ?? '' });
        const { day } = lead;
        const dayName = words.slice(lead.words).join(' ') || null;
        if (action === 'remove') {
          if (!service.removeOverride(ctx.groupId, day, userKey(ctx.actor.user), ctx.now)) {
            throw new UserFacingError('standup_no_override', 'standup.calendar.noOverride', { day });
          }
        } else {
          service.setOverride(
            ctx.groupId,
            day,
            action === 'add-off' ? 'off' : 'workday',
            dayName,
            userKey(ctx.actor.user),
            ctx.now,
          );
        }
      }
      await ctx.reply({ text: calendarView(ctx, zone) });
    },
  });

  function calendarView(ctx: GroupContext, zone: string): string {
    const config = repo.config(ctx.groupId);
    const year = DateTime.fromJSDate(ctx.now, { zone }).year;
    const lines = [
      ctx.t('standup.calendar.title', { country: config?.country ?? ctx.t('standup.noCountry') }),
    ];
    const upcoming = service.upcomingDays(ctx.groupId, ctx.now, 14);
    lines.push(
      ...upcoming.map((d) =>
        ctx
          .t(d.working ? 'standup.calendar.work' : 'standup.calendar.off', { day: d.day, name: d.name ?? '' })
          .trim(),
      ),
    );
    const overrides = repo.overrides(ctx.groupId);
    if (overrides.length) {
      lines.push(ctx.t('standup.calendar.overrides'));
      lines.push(
        ...overrides.map((o) =>
          `• ${o.day} ${ctx.t(o.kind === 'off' ? 'standup.calendar.addOff' : 'standup.calendar.addWorkday')} ${o.name ?? ''}`.trim(),
        ),
      );
    }
    for (const y of [year, year + 1]) {
      if (config?.country && !hasHolidayData(config.country, y)) {
        lines.push(ctx.t('standup.calendar.noDataShort', { country: config.country, year: y }));
      }
    }
    return lines.join('\n');
  }

  const history = defineSubcommand({
    name: 'history',
    aliases: ['历史', '记录'],
    description: 'cmd.standup.history',
    scope: 'group',
    permission: 'member',
    options: {
      member: opt.user('opt.member', { required: false }),
      from: opt.day('standup.opt.from', { required: false }),
      to: opt.day('standup.opt.to', { required: false }),
    },
    async handle(ctx, { member, from, to }) {
      const range = dayRange(ctx, from, to);
      const config = repo.config(ctx.groupId);
      const questions = questionsOf(config, ctx.t);
      const rows = repo.history({
        groupId: ctx.groupId,
        memberId: member ? userKey(member) : undefined,
        ...range,
        limit: HISTORY_LIMIT,
      });
      const lines = rows.map((r) =>
        formatHistoryLine(
          { day: r.answer.day, name: r.name, answers: r.answer.answers, late: r.answer.late },
          questions,
          ctx.t,
        ),
      );
      await ctx.reply({
        text: ctx.t('standup.historyTitle'),
        blocks: [
          { type: 'header', text: ctx.t('standup.historyTitle') },
          { type: 'section', text: lines.length ? lines.join('\n') : ctx.t('standup.historyEmpty') },
        ],
      });
    },
  });

  function dayRange(ctx: GroupContext, from: string | undefined, to: string | undefined) {
    const zone = groupTimezone(ctx, ctx.groupId);
    const start = from ? parseDay(from, zone, ctx.now) : undefined;
    if (from && !start) throw new UserFacingError('standup_bad_day', 'standup.bad.day', { value: from });
    const end = to ? parseDay(to, zone, ctx.now) : undefined;
    if (to && !end) throw new UserFacingError('standup_bad_day', 'standup.bad.day', { value: to });
    return { from: start, to: end };
  }

  const exportCsv = defineSubcommand({
    name: 'export',
    aliases: ['导出'],
    description: 'cmd.standup.export',
    scope: 'group',
    permission: 'manager',
    options: {
      from: opt.day('standup.opt.from', { required: false }),
      to: opt.day('standup.opt.to', { required: false }),
    },
    async handle(ctx, { from, to }) {
      const range = dayRange(ctx, from, to);
      const questions = questionsOf(repo.config(ctx.groupId), ctx.t);
      const rows = repo.history({ groupId: ctx.groupId, ...range, limit: 100_000 });
      const csv = standupCsv(
        rows.map((r) => ({
          day: r.answer.day,
          member: r.name,
          answers: r.answer.answers,
          late: r.answer.late,
          at: r.answer.editedAt ?? r.answer.submittedAt,
        })),
        questions,
        // The reader's own time, with its offset, like every time Muster shows.
        ctx.timezone,
        ctx.t,
      );
      const stamp = DateTime.fromJSDate(ctx.now, { zone: ctx.timezone }).toFormat('yyyyLLdd');
      await ctx.reply({
        text: ctx.t('standup.exported', { rows: rows.length }),
        attachments: [{ filename: `muster-standups-${stamp}.csv`, contentType: 'text/csv', text: csv }],
      });
    },
  });

  return {
    async home(ctx) {
      const next = service.nextPrompts(userKey(ctx.actor.user), ctx.now);
      if (next.length === 0) return [];
      const lines = next.map((n) => {
        const when = DateTime.fromJSDate(n.at, { zone: ctx.timezone })
          .setLocale(ctx.locale)
          .toLocaleString(DateTime.DATETIME_MED_WITH_WEEKDAY);
        // Named when the reader keeps another timezone than the group's.
        const sameZone = service.groupTimezone(n.groupId) === ctx.timezone;
        return ctx.t('standup.home.line', {
          group: `<#${parseConversationKey(n.groupId).channelId}>`,
          when: sameZone ? when : ctx.t('time.inZone', { time: when, zone: ctx.timezone }),
        });
      });
      return [
        { type: 'divider' },
        { type: 'section', text: [ctx.t('standup.home.title'), ...lines].join('\n') },
      ];
    },
    commands: [
      defineCommand({
        name: 'standup',
        aliases: ['站会', '每日站会'],
        description: 'cmd.standup',
        defaultSubcommand: 'answer',
        textSubcommand: 'answer',
        subcommands: [
          answer,
          setup,
          configure,
          toggle('on', ['开启', '启用']),
          toggle('off', ['关闭', '停用']),
          away,
          back,
          calendar,
          history,
          exportCsv,
          ...blockers.subcommands,
        ],
      }),
    ],
    actions: [
      ...blockers.actions,
      {
        actionId: 'standup.open',
        permission: 'member',
        scope: 'anywhere',
        target: payloadGroup,
        async handle(ctx, value) {
          const groupId = ctx.targetGroupId as string;
          const day = answerableDay(ctx, groupId, value.split('|')[1]);
          await ctx.openForm(answerForm(ctx, groupId, day));
        },
      },
    ],
    forms: [
      {
        formId: FORM,
        fields: QUESTION_IDS,
        permission: 'member',
        target: payloadGroup,
        async handle(ctx, values, context) {
          const groupId = ctx.targetGroupId as string;
          const day = answerableDay(ctx, groupId, context.split('|')[1]);
          const config = repo.config(groupId);
          const questions = questionsOf(config, ctx.t);
          const errors: Record<string, string> = {};
          const answers: StandupAnswers = {};
          for (const q of questions) {
            const text = (values[q.id] ?? '').trim();
            // Nothing in the blockers box means nothing is blocking.
            if (!text && !q.blockers) errors[q.id] = ctx.t('standup.form.required');
            answers[q.id] = text;
          }
          if (Object.keys(errors).length) return { errors };
          await record(ctx, groupId, day, answers);
          return {};
        },
      },
      {
        formId: SETUP,
        fields: ['prompt', 'deadline', 'nudge', 'questions', 'country'],
        permission: 'admin',
        target: (groupId) => ({ groupId }),
        async handle(ctx, values, groupId) {
          if (groupId !== ctx.groupId) throw new UserFacingError('stale', 'error.staleAction', {});
          const errors: Record<string, string> = {};
          let patch: Parameters<StandupRepo['saveConfig']>[1] = {};
          for (const key of ['prompt', 'deadline', 'nudge', 'questions', 'country'] as const) {
            const parsed = parseSetting(key, values[key] ?? '', ctx.t);
            if (parsed.ok) patch = { ...patch, ...parsed.patch };
            else errors[key] = parsed.error;
          }
          const problem = Object.keys(errors).length ? undefined : timesError(groupId, patch, ctx.t);
          if (problem) errors[problem.field] = problem.text;
          if (Object.keys(errors).length) return { errors };
          service.configure(groupId, userKey(ctx.actor.user), { ...patch, enabled: true }, ctx.now);
          await ctx.reply(
            { text: `${ctx.t('standup.turned.on')}\n${describeConfig(ctx as GroupContext)}` },
            'channel',
          );
          return {};
        },
      },
    ],
  };
}
