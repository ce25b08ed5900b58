import { DateTime } from 'luxon';
import { memberKey } from '../../core/commands/actor.js';
import {
  defineCommand,
  defineSubcommand,
  type GroupContext,
  type HandlerContext,
} from '../../core/commands/define-command.js';
import { type Choice, opt } from '../../core/commands/options.js';
import type { FeatureModule } from '../../core/commands/registry.js';
import { parseDay } from '../../core/dates.js';
import { UserFacingError } from '../../core/errors.js';
import { parseUserKey, userKey } from '../../core/platform/ids.js';
import type { OutboundMessage } from '../../core/platform/messages.js';
import { truncate } from '../../core/platform/text-split.js';
import { newCustomerQuestion } from '../feedback/customer-question.js';
import { actionLine, dueLabel, duePhrase, type Reader } from '../figures/figures.format.js';
import { parseLocalTime } from '../settings/settings.domain.js';
import { noteLines, REVIEW_ACTIONS } from './review.agenda.js';
import { ACTION_TEXT_MAX, type ActionItemInput, parseActionItem } from './review.parse.js';
import type { ReviewService } from './review.service.js';

const WEEKDAYS: readonly Choice<'1' | '2' | '3' | '4' | '5' | '6' | '7'>[] = [
  { value: '1', aliases: ['monday', 'mon', '周一', '星期一', '礼拜一'], label: 'review.day.1' },
  { value: '2', aliases: ['tuesday', 'tue', '周二', '星期二', '礼拜二'], label: 'review.day.2' },
  { value: '3', aliases: ['wednesday', 'wed', '周三', '星期三', '礼拜三'], label: 'review.day.3' },
  { value: '4', aliases: ['thursday', 'thu', '周四', '星期四', '礼拜四'], label: 'review.day.4' },
  { value: '5', aliases: ['friday', 'fri', '周五', '星期五', '礼拜五'], label: 'review.day.5' },
  { value: '6', aliases: ['saturday', 'sat', '周六', '星期六', '礼拜六'], label: 'review.day.6' },
  {
    value: '7',
    aliases: ['sunday', 'sun', '周日', '周天', '星期日', '星期天', '礼拜天'],
    label: 'review.day.7',
  },
];

const AUDIENCES: readonly Choice<'group' | 'managers'>[] = [
  { value: 'group', aliases: ['all', 'everyone', '全员', '群', '群组'], label: 'review.audience.group' },
  { value: 'managers', aliases: ['manager', '经理', '主管', '管理层'], label: 'review.audience.managers' },
];

const HISTORY_DEFAULT_WEEKS = 4;
/** Items listed on the Home page, and how many get a button (a row of five fits every platform). */
const HOME_ITEMS = 10;
const HOME_BUTTONS = 5;
const NOTES_MAX = 2000;
const OWNER_OPTIONS = 25;
const NOTES_FORM = 'review.notes';
/** `/review notes edit 3 <new text>`: the one explicit way to change a note already taken. */
const NOTE_EDIT = /^(?:edit|replace|修改|编辑|替换)\s*#?(\d+)\s+([\s\S]+)$/iu;
const ACTION_FORM = 'review.action';

function reader(ctx: HandlerContext): Reader {
  return {
    t: ctx.t,
    locale: ctx.locale,
    zone: ctx.timezone,
    mention: (id) => `<@${parseUserKey(id).userId}>`,
  };
}

function when(ctx: HandlerContext, at: Date): string {
  return DateTime.fromJSDate(at, { zone: ctx.timezone })
    .setLocale(ctx.locale)
    .toLocaleString(DateTime.DATETIME_MED_WITH_WEEKDAY);
}

/** `/review`: the weekly review's schedule, agenda, notes, action items and history. */
export function reviewModule(service: ReviewService): FeatureModule {
  const schedule = defineSubcommand({
    name: 'schedule',
    aliases: ['安排', '时间', '设置'],
    description: 'cmd.review.schedule',
    scope: 'group',
    permission: 'manager',
    options: {
      day: opt.choice('review.opt.day', WEEKDAYS, { required: true }),
      time: opt.string('review.opt.time', { required: true }),
      audience: opt.choice('review.opt.audience', AUDIENCES, { required: false }),
      // Up to a day ahead: a Monday review's agenda can go out on Sunday, not a week early.
      before: opt.integer('review.opt.before', { required: false, min: 0, max: 24 * 60 }),
    },
    async handle(ctx: GroupContext, { day, time, audience, before }) {
      const local = parseLocalTime(time);
      if (!local) throw new UserFacingError('badTime', 'review.error.badTime', { value: time });
      const { settings, next, zone } = service.schedule(
        ctx.groupId,
        {
          weekday: Number(day),
          time: local,
          ...(audience ? { audience } : {}),
          ...(before !== undefined ? { remindBeforeMinutes: before } : {}),
        },
        userKey(ctx.actor.user),
        ctx.now,
      );
      await ctx.reply(
        {
          text: ctx.t('review.scheduled', {
            day: ctx.t(`review.day.${settings.weekday}` as 'review.day.1'),
            time: settings.time,
            zone,
            // The reader's own time, named when they keep another timezone than the group's.
            next:
              ctx.timezone === zone
                ? when(ctx, next)
                : ctx.t('time.inZone', { time: when(ctx, next), zone: ctx.timezone }),
            before: settings.remindBeforeMinutes,
            audience: ctx.t(`review.audience.${settings.audience}`),
          }),
        },
        'channel',
      );
    },
  });

  const off = defineSubcommand({
    name: 'off',
    aliases: ['关闭', '停止'],
    description: 'cmd.review.off',
    scope: 'group',
    permission: 'manager',
    options: {},
    async handle(ctx: GroupContext) {
      const changed = service.off(ctx.groupId, userKey(ctx.actor.user), ctx.now);
      await ctx.reply(
        { text: ctx.t(changed ? 'review.offDone' : 'review.alreadyOff') },
        changed ? 'channel' : 'ephemeral',
      );
    },
  });

  const now = defineSubcommand({
    name: 'now',
    aliases: ['agenda', '议程', '现在', '开始'],
    description: 'cmd.review.now',
    scope: 'group',
    permission: 'member',
    options: {},
    async handle(ctx: GroupContext) {
      await ctx.reply(service.agenda(ctx.groupId, reader(ctx), ctx.now));
    },
  });

  const notes = defineSubcommand({
    name: 'notes',
    aliases: ['纪要', '记录', '笔记'],
    description: 'cmd.review.notes',
    scope: 'group',
    permission: 'manager',
    options: { text: opt.string('review.opt.notes', { required: false, rest: true }) },
    async handle(ctx: GroupContext, { text }) {
      const trimmed = (text ?? '').trim();
      if (!trimmed) {
        await ctx.reply(notesList(ctx));
        return;
      }
      const edit = NOTE_EDIT.exec(trimmed);
      const body = (edit?.[2] ?? trimmed).trim();
      if (body.length > NOTES_MAX)
        throw new UserFacingError('tooLong', 'review.error.notesTooLong', {
          length: body.length,
          max: NOTES_MAX,
        });
      if (edit) {
        const id = Number(edit[1]);
        const edited = service.editNote(ctx.groupId, id, body, userKey(ctx.actor.user), ctx.now);
        if (!edited) throw new UserFacingError('noNote', 'review.note.notFound', { id });
        await ctx.reply({
          text: ctx.t('review.note.replaced', { id, before: truncate(edited.before, 200) }),
        });
        return;
      }
      await replyAdded(ctx, ctx.groupId, body);
    },
  });

  async function replyAdded(ctx: HandlerContext, groupId: string, body: string): Promise<void> {
    const added = service.addNote(groupId, body, userKey(ctx.actor.user), ctx.now);
    await ctx.reply({ text: ctx.t('review.note.added', added) });
  }

  function notesList(ctx: GroupContext): OutboundMessage {
    const taken = service.notes(ctx.groupId, ctx.now);
    const title = ctx.t('review.notes.title');
    if (taken.length === 0) return { text: ctx.t('review.notes.none') };
    const lines = noteLines(taken, reader(ctx));
    return {
      text: [title, ...lines].join('\n'),
      blocks: [
        { type: 'header', text: title },
        { type: 'section', text: lines.join('\n') },
        { type: 'context', text: ctx.t('review.notes.zone', { zone: ctx.timezone }) },
        { type: 'context', text: ctx.t('review.notes.hint') },
      ],
    };
  }

  const action = defineSubcommand({
    name: 'action',
    aliases: ['待办', '任务', 'todo'],
    description: 'cmd.review.action',
    scope: 'group',
    permission: 'manager',
    options: { item: opt.string('review.opt.item', { required: true, rest: true }) },
    async handle(ctx: GroupContext, { item }) {
      const parsed = parseActionItem(item, ctx.timezone, ctx.now);
      if (!parsed.ok) throw new UserFacingError('badAction', parsed.error, parsed.params);
      // A customer close to known ones but none of them is asked about before anything is added.
      const customer = parsed.items.find((one) => one.customer)?.customer;
      const near = service.nearMatchesOfNew(ctx.workspaceId, customer);
      if (customer && near.length) {
        await ctx.reply(newCustomerQuestion(ctx.t, customer, near));
        return;
      }
      for (const one of parsed.items) await addAction(ctx, ctx.groupId, one);
    },
  });

  /** Who the action-item form offers as owner: the group's people, and the one filling it in. */
  function ownerChoices(ctx: HandlerContext, groupId: string): { memberId: string; name: string }[] {
    const me = memberKey(ctx);
    const people = service.owners(groupId);
    // The one opening the form can always take the task, even before saying anything here.
    if (!people.some((p) => p.memberId === me)) people.unshift({ memberId: me, name: ctx.actor.displayName });
    return people.slice(0, OWNER_OPTIONS);
  }

  /** Records an item (the owner is told by DM) and says so in the group. */
  async function addAction(ctx: HandlerContext, groupId: string, item: ActionItemInput): Promise<void> {
    const row = await service.addAction(groupId, ctx.workspaceId, item, userKey(ctx.actor.user), ctx.now);
    await ctx.reply(
      {
        text: ctx.t('review.actionAdded', {
          id: row.id,
          text: truncate(row.text, 200),
          owner: `<@${item.ownerId}>`,
          due: duePhrase(row.dueDay, reader(ctx)),
        }),
      },
      'channel',
    );
  }

  async function markDone(ctx: HandlerContext, id: number): Promise<void> {
    const result = service.done(id, ctx.targetGroupId, memberKey(ctx), ctx.level, ctx.now);
    switch (result.outcome) {
      case 'notFound':
        throw new UserFacingError('notFound', 'review.error.noItem', { id });
      case 'notAllowed':
        throw new UserFacingError('notAllowed', 'review.error.notOwner', { id });
      case 'already':
        await ctx.reply({ text: ctx.t('review.alreadyDone', { id }) });
        return;
      case 'done':
        await ctx.reply(
          { text: ctx.t('review.doneOk', { id, text: truncate(result.item?.text ?? '', 200) }) },
          'channel',
        );
    }
  }

  const done = defineSubcommand({
    name: 'done',
    aliases: ['完成', '关闭任务'],
    description: 'cmd.review.done',
    scope: 'group',
    // The item's owner may close it whatever their level; the service applies that rule.
    permission: 'guest',
    options: { id: opt.integer('review.opt.id', { required: true, min: 1 }) },
    target: ({ id }) => service.actionTarget(id),
    async handle(ctx: GroupContext, { id }) {
      await markDone(ctx, id);
    },
  });

  const history = defineSubcommand({
    name: 'history',
    aliases: ['历史', '记录回顾'],
    description: 'cmd.review.history',
    scope: 'group',
    permission: 'member',
    options: { weeks: opt.integer('review.opt.weeks', { required: false, min: 1, max: 52 }) },
    async handle(ctx: GroupContext, { weeks }) {
      const n = weeks ?? HISTORY_DEFAULT_WEEKS;
      const past = service.history(ctx.groupId, n, ctx.now);
      if (past.length === 0) {
        await ctx.reply({ text: ctx.t('review.history.none', { weeks: n }) });
        return;
      }
      const r = reader(ctx);
      const sections = past.map((week) => {
        const lines = [
          `*${ctx.t('review.history.week', { week: dueLabel(week.week, r) })}*`,
          week.notes.length
            ? ctx.t('review.history.notes', { notes: noteLines(week.notes, r).join('\n') })
            : ctx.t('review.history.noNotes'),
          ...week.items.map((i) =>
            ctx.t(i.status === 'done' ? 'review.history.itemDone' : 'review.history.itemOpen', {
              id: i.id,
              text: truncate(i.text, 200),
              owner: r.mention(i.ownerId),
              due: duePhrase(i.dueDay, r),
            }),
          ),
        ];
        return lines.join('\n');
      });
      await ctx.reply({
        text: ctx.t('review.history.title', { weeks: n }),
        blocks: [
          { type: 'header', text: ctx.t('review.history.title', { weeks: n }) },
          ...sections.map((text) => ({ type: 'section' as const, text })),
        ],
      });
    },
  });

  return {
    async home(ctx) {
      const items = service.openItemsOf(userKey(ctx.actor.user), ctx.now);
      if (items.length === 0) return [];
      const r = reader(ctx);
      return [
        { type: 'divider' },
        {
          type: 'section',
          text: [
            ctx.t('review.home.title', { count: items.length }),
            ...items.slice(0, HOME_ITEMS).map((i) => actionLine(i, r)),
          ].join('\n'),
        },
        {
          type: 'buttons',
          buttons: items.slice(0, HOME_BUTTONS).map((i) => ({
            actionId: 'review.done',
            label: ctx.t('review.home.done', { id: i.id }),
            value: String(i.id),
          })),
        },
      ];
    },
    commands: [
      defineCommand({
        name: 'review',
        aliases: ['周会'],
        description: 'cmd.review',
        defaultSubcommand: 'now',
        subcommands: [schedule, off, now, notes, action, done, history],
      }),
    ],
    forms: [
      {
        formId: NOTES_FORM,
        fields: ['notes'],
        permission: 'manager',
        target: (groupId) => ({ groupId }),
        async handle(ctx, values, groupId) {
          const notes = (values.notes ?? '').trim();
          if (!notes) return { errors: { notes: ctx.t('review.form.required') } };
          if (notes.length > NOTES_MAX)
            return {
              errors: { notes: ctx.t('review.error.notesTooLong', { length: notes.length, max: NOTES_MAX }) },
            };
          await replyAdded(ctx, groupId, notes);
          return {};
        },
      },
      {
        formId: ACTION_FORM,
        fields: ['text', 'owner', 'due', 'customer'],
        permission: 'manager',
        target: (groupId) => ({ groupId }),
        async handle(ctx, values, groupId) {
          const text = (values.text ?? '').trim();
          const owner = (values.owner ?? '').trim();
          const dueText = (values.due ?? '').trim();
          const dueDay = dueText ? parseDay(dueText, ctx.timezone, ctx.now) : undefined;
          const errors: Record<string, string> = {};
          if (!text) errors.text = ctx.t('review.form.required');
          else if (text.length > ACTION_TEXT_MAX) errors.text = ctx.t('review.action.tooLong');
          if (!owner) errors.owner = ctx.t('review.form.required');
          // The owner comes back from a select: only someone the form offered counts.
          else if (!ownerChoices(ctx, groupId).some((p) => p.memberId === owner))
            errors.owner = ctx.t('review.form.badOwner');
          if (dueText && !dueDay) errors.due = ctx.t('review.form.badDue', { value: dueText });
          else if (dueDay && dueDay < (parseDay('today', ctx.timezone, ctx.now) ?? dueDay))
            errors.due = ctx.t('review.action.pastDue');
          if (Object.keys(errors).length) return { errors };
          const customer = (values.customer ?? '').trim();
          await addAction(ctx, groupId, {
            text,
            ownerId: parseUserKey(owner).userId,
            dueDay,
            customer: customer || undefined,
          });
          return {};
        },
      },
    ],
    actions: [
      {
        // On the agenda, posted in the group or sent to each manager by DM.
        actionId: REVIEW_ACTIONS.notes,
        permission: 'manager',
        scope: 'anywhere',
        target: (groupId) => ({ groupId }),
        async handle(ctx, groupId) {
          await ctx.openForm({
            formId: NOTES_FORM,
            title: ctx.t('review.form.notes'),
            submitLabel: ctx.t('form.save'),
            cancelLabel: ctx.t('form.cancel'),
            context: groupId,
            fields: [
              {
                id: 'notes',
                kind: 'longText',
                label: ctx.t('review.field.notes'),
                required: true,
                maxLength: NOTES_MAX,
              },
            ],
          });
        },
      },
      {
        actionId: REVIEW_ACTIONS.action,
        permission: 'manager',
        scope: 'anywhere',
        target: (groupId) => ({ groupId }),
        async handle(ctx, groupId) {
          const people = ownerChoices(ctx, groupId);
          await ctx.openForm({
            formId: ACTION_FORM,
            title: ctx.t('review.form.action'),
            submitLabel: ctx.t('form.save'),
            cancelLabel: ctx.t('form.cancel'),
            context: groupId,
            fields: [
              {
                id: 'text',
                kind: 'text',
                label: ctx.t('review.field.text'),
                required: true,
                maxLength: ACTION_TEXT_MAX,
              },
              {
                id: 'owner',
                kind: 'select',
                label: ctx.t('review.field.owner'),
                required: true,
                options: people.map((p) => ({ value: p.memberId, label: p.name })),
              },
              {
                id: 'due',
                kind: 'text',
                label: ctx.t('review.field.due'),
                required: false,
                placeholder: ctx.t('review.field.duePlaceholder'),
              },
              { id: 'customer', kind: 'text', label: ctx.t('review.field.customer'), required: false },
            ],
          });
        },
      },
      {
        // The button on the owner's DM: the DM has no group, so the item says which group it is in.
        actionId: 'review.done',
        permission: 'guest',
        scope: 'anywhere',
        target: (value) => service.actionTarget(Number(value)),
        async handle(ctx, value) {
          const id = Number(value);
          if (!Number.isInteger(id)) throw new UserFacingError('stale', 'error.staleAction', {});
          await markDone(ctx, id);
        },
      },
    ],
  };
}
