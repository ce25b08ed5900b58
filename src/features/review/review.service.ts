import { DateTime } from 'luxon';
import { REDO_WITHIN_MS, runClaimed } from '../../core/claimed-run.js';
import { allows, type Permission, type Target } from '../../core/commands/define-command.js';
import { translator } from '../../core/i18n/catalog.js';
import type { Locale } from '../../core/i18n/locale.js';
import { localDayOf, shiftDay } from '../../core/local-days.js';
import { parseConversationKey, parseUserKey, userKey } from '../../core/platform/ids.js';
import type { OutboundMessage } from '../../core/platform/messages.js';
import type { Delivery, JobClaims, Logger } from '../../core/ports.js';
import { TickWindow } from '../../core/tick-window.js';
import type { Db } from '../../db/client.js';
import { recordGroupAudit } from '../audit/audit.repo.js';
import { nearMatchesOfNew } from '../feedback/customer-question.js';
import { customerDisplayName, customerKey } from '../feedback/feedback.customers.js';
import type { CustomerRow, FeedbackRepo } from '../feedback/feedback.repo.js';
import { type ActionItemFigure, type FiguresPeriod, sortActions } from '../figures/figures.domain.js';
import { dueLabel, type Reader } from '../figures/figures.format.js';
import type { FiguresRepo } from '../figures/figures.repo.js';
import { pickFirst, readerLocale } from '../people/people.domain.js';
import type { MemberRow, PeopleRepo } from '../people/people.repo.js';
import { agendaMessage } from './review.agenda.js';
import type { ActionItemInput } from './review.parse.js';
import type { ActionItemRow, ReviewNote, ReviewRepo, ReviewSettingsRow } from './review.repo.js';
import {
  type DueReminder,
  dueRemindersBetween,
  nextReview,
  type ReviewPlan,
  remindersBetween,
  weekOf,
} from './review.schedule.js';

export interface ReviewDeps {
  db: Db;
  repo: ReviewRepo;
  figures: FiguresRepo;
  feedback: FeedbackRepo;
  people: PeopleRepo;
  delivery: Delivery;
  claims: JobClaims;
  logger: Logger;
  defaultLocale: Locale;
  catchUpMs: number;
  startedAt: Date;
  /**
   * Told about every new action item that names a customer (the CRM sync listens), inside the
   * transaction that stores it. Synchronous, and it must not throw: a throw would undo the item.
   */
  onActionItem?(item: ActionItemRow): void;
}

export const REVIEW_JOB = { reminder: 'review.reminder', due: 'review.due' } as const;

/** People offered as owners in the action-item form: a select holds 25 options on Discord. */
const OWNER_CHOICES = 25;

/** How far back the first tick after a start looks for missed slots, as the standup does. */
const START_LOOKBACK_MS = 24 * 60 * 60 * 1000;
/** How far back the first tick after a start looks for due days missed while the process was down. */
const OVERDUE_LOOKBACK_MS = 7 * 24 * 60 * 60 * 1000;

const mention = (memberId: string) => `<@${parseUserKey(memberId).userId}>`;

function planOf(settings: ReviewSettingsRow, zone: string): ReviewPlan {
  return {
    groupId: settings.groupId,
    zone,
    weekday: settings.weekday,
    time: settings.time,
    remindBeforeMinutes: settings.remindBeforeMinutes,
  };
}

export type DoneOutcome = 'done' | 'already' | 'notFound' | 'notAllowed';

/** Weekly reviews: the schedule, the agenda with the week's figures, notes and action items. */
export class ReviewService {
  readonly #window: TickWindow;
  /** Whether a tick went through since the start (the first one looks further back for due days). */
  #started = false;

  constructor(private readonly deps: ReviewDeps) {
    this.#window = new TickWindow(deps.startedAt, START_LOOKBACK_MS);
  }

  schedule(
    groupId: string,
    change: Partial<Pick<ReviewSettingsRow, 'weekday' | 'time' | 'audience' | 'remindBeforeMinutes'>>,
    by: string,
    now: Date,
  ): { settings: ReviewSettingsRow; next: Date; zone: string } {
    const current = this.deps.repo.settings(groupId);
    const settings = this.deps.repo.saveSettings({
      groupId,
      enabled: true,
      weekday: change.weekday ?? current?.weekday ?? 5,
      time: change.time ?? current?.time ?? '16:00',
      audience: change.audience ?? current?.audience ?? 'group',
      remindBeforeMinutes: change.remindBeforeMinutes ?? current?.remindBeforeMinutes ?? 60,
      updatedAt: now,
    });
    recordGroupAudit(this.deps.db, {
      groupId: groupId,
      actorId: by,
      action: 'review.scheduled',
      details: { ...change },
      at: now,
    });
    const zone = this.#zone(groupId);
    return { settings, next: nextReview(planOf(settings, zone), now), zone };
  }

  off(groupId: string, by: string, now: Date): boolean {
    const current = this.deps.repo.settings(groupId);
    if (!current?.enabled) return false;
    this.deps.repo.saveSettings({ ...current, enabled: false, updatedAt: now });
    recordGroupAudit(this.deps.db, {
      groupId: groupId,
      actorId: by,
      action: 'review.off',
      details: {},
      at: now,
    });
    return true;
  }

  /** The agenda now: this week so far against last week, for a meeting that starts now or for a look. */
  agenda(groupId: string, reader: Reader, now: Date): OutboundMessage {
    const zone = this.#zone(groupId);
    const today = localDayOf(now, zone);
    const week = weekOf(today);
    return agendaMessage(
      this.deps.figures.figures(groupId, weekPeriod(week, today), now, today, true),
      reader,
      { at: now, notes: this.deps.repo.notesSince(groupId, week, week) },
      true,
    );
  }

  /** This week's notes so far, oldest first. */
  notes(groupId: string, now: Date): ReviewNote[] {
    const week = weekOf(localDayOf(now, this.#zone(groupId)));
    return this.deps.repo.notesSince(groupId, week, week);
  }

  /** Who an item can be given to from the form: the group's most recently active people. */
  owners(groupId: string): { memberId: string; name: string }[] {
    return this.deps.repo.recentMembers(groupId, OWNER_CHOICES);
  }

  /** Adds a note to this week's review, after the ones already taken: nothing is written over. */
  addNote(groupId: string, text: string, by: string, now: Date): { id: number; count: number } {
    const week = weekOf(localDayOf(now, this.#zone(groupId)));
    return this.deps.db.transaction(() => {
      const note = this.deps.repo.addNote(groupId, week, by, text, now);
      recordGroupAudit(this.deps.db, {
        groupId,
        actorId: by,
        action: 'review.note.added',
        details: { week, note: note.id, length: text.length },
        at: now,
      });
      return { id: note.id, count: this.deps.repo.notesSince(groupId, week, week).length };
    });
  }

  /**
   * Replaces one note's text, explicitly: the old text is kept in the audit log and returned, so
   * the reply can say what was replaced.
   */
  editNote(groupId: string, id: number, text: string, by: string, now: Date): { before: string } | undefined {
    return this.deps.db.transaction(() => {
      const note = this.deps.repo.note(groupId, id);
      if (!note) return undefined;
      this.deps.repo.editNote(id, text, by, now);
      recordGroupAudit(this.deps.db, {
        groupId,
        actorId: by,
        action: 'review.note.edited',
        details: { week: note.week, note: id, before: note.text },
        at: now,
      });
      return { before: note.text };
    });
  }

  /** Customers named close to an item's customer that is none of them yet: asked about before one is made. */
  nearMatchesOfNew(workspaceId: string, typed: string | undefined): CustomerRow[] {
    return nearMatchesOfNew(this.deps.feedback, workspaceId, typed);
  }

  /** Records an item and tells its owner, in their language; the DM goes out once. */
  async addAction(
    groupId: string,
    workspaceId: string,
    input: ActionItemInput,
    by: string,
    now: Date,
  ): Promise<ActionItemRow> {
    const ownerId = userKey({ ...parseConversationKey(groupId), userId: input.ownerId });
    this.deps.people.ensureMember(ownerId, workspaceId, input.ownerId, now);
    const customer = input.customer
      ? this.deps.feedback.ensureCustomer(
          workspaceId,
          customerKey(input.customer),
          customerDisplayName(input.customer),
          now,
        )
      : undefined;
    const week = weekOf(localDayOf(now, this.#zone(groupId)));
    // One transaction: what the listener records (the CRM queue row) commits with the item or not at all.
    const item = this.deps.db.transaction(() => {
      const row = this.deps.repo.addAction({
        workspaceId,
        groupId,
        week,
        text: input.text,
        ownerId,
        dueDay: input.dueDay ?? null,
        customerId: customer?.id ?? null,
        status: 'open',
        createdBy: by,
        createdAt: now,
      });
      recordGroupAudit(this.deps.db, {
        groupId: groupId,
        actorId: by,
        action: 'review.action',
        details: { id: row.id, owner: ownerId, due: row.dueDay },
        at: now,
      });
      if (row.customerId !== null) this.deps.onActionItem?.(row);
      return row;
    });
    await this.#dmOwner(item, 'review.assigned', `review.assigned:${item.id}`);
    return item;
  }

  /** Owners, whoever created the item, and managers may close it. */
  /** Where closing an action item is authorized: its group, and its owner, who may close it from anywhere. */
  actionTarget(id: number): Target | undefined {
    const item = Number.isSafeInteger(id) ? this.deps.repo.action(id) : undefined;
    return item && { groupId: item.groupId, addressee: item.ownerId };
  }

  done(
    id: number,
    groupId: string | undefined,
    by: string,
    level: Permission,
    now: Date,
  ): { outcome: DoneOutcome; item?: ActionItemRow } {
    const item = this.deps.repo.action(id);
    // `level` is the actor's level in `groupId`, which the dispatcher checked is the item's group.
    if (!item || item.groupId !== groupId) return { outcome: 'notFound' };
    const manager = allows(level, 'manager');
    if (item.status === 'done') return { outcome: 'already', item };
    if (!manager && by !== item.ownerId && by !== item.createdBy) return { outcome: 'notAllowed', item };
    if (!this.deps.repo.markDone(id, by, now)) return { outcome: 'already', item };
    recordGroupAudit(this.deps.db, {
      groupId: item.groupId,
      actorId: by,
      action: 'review.done',
      details: { id },
      at: now,
    });
    return { outcome: 'done', item };
  }

  /** A member's open items across groups, overdue first (each by its group's today). */
  openItemsOf(memberId: string, now: Date): ActionItemFigure[] {
    return sortActions(
      this.deps.repo.openOwnedBy(memberId).map((i) => ({
        id: i.id,
        text: i.text,
        ownerId: i.ownerId,
        dueDay: i.dueDay,
        overdue: i.dueDay !== null && i.dueDay < localDayOf(now, this.#zone(i.groupId)),
      })),
    );
  }

  /** Past weeks with their notes and the items agreed in them, newest first. */
  history(
    groupId: string,
    weeks: number,
    now: Date,
  ): { week: string; notes: ReviewNote[]; items: ActionItemRow[] }[] {
    const thisWeek = weekOf(localDayOf(now, this.#zone(groupId)));
    const from = shiftDay(thisWeek, -7 * (weeks - 1));
    const notes = this.deps.repo.notesSince(groupId, from);
    const items = this.deps.repo.actionsSince(groupId, from);
    const weeksSeen = [...new Set([...notes.map((n) => n.week), ...items.map((i) => i.week)])]
      .sort()
      .reverse();
    return weeksSeen.map((week) => ({
      week,
      notes: notes.filter((n) => n.week === week),
      items: items.filter((i) => i.week === week),
    }));
  }

  /** The minute job: agendas before reviews and due-day reminders, each claimed once (also when left unfinished by a process that died). */
  async tick(now: Date): Promise<void> {
    const since = new Date(now.getTime() - REDO_WITHIN_MS);
    const span = this.#window.advance(
      now,
      this.deps.claims.earliestUnfinished(Object.values(REVIEW_JOB), since),
    );
    if (!span) return;
    const { from } = span;
    const plans = this.deps.repo.enabled().map(({ settings, zone }) => planOf(settings, zone));
    for (const due of remindersBetween(from, now, plans))
      await runClaimed(
        this.deps,
        'review job',
        { job: REVIEW_JOB.reminder, target: due.groupId, slot: due.week },
        due.at,
        now,
        () => this.#remind(due, now),
      );
    // The first tick after a start also finds due days the process was down for, a week back.
    await this.#remindDue(
      this.#started ? from : new Date(Math.min(from.getTime(), now.getTime() - OVERDUE_LOOKBACK_MS)),
      now,
    );
    // Reached only when no slot stopped on a busy database (that throws): the next span starts here.
    this.#window.covered(span);
    this.#started = true;
  }

  /**
   * Reminds owners of open items whose due-day morning fell in (from, now]. Unlike an agenda, such
   * a reminder is never too late while the item is open: one the scheduler catches up on after
   * downtime says how overdue the item is.
   */
  async #remindDue(from: Date, now: Date): Promise<void> {
    // Owners live in every timezone: look a day either side of UTC's days, then compare instants.
    const items = this.deps.repo.openDueBetween(
      shiftDay(localDayOf(from, 'UTC'), -1),
      shiftDay(localDayOf(now, 'UTC'), 1),
    );
    const zoned = items.flatMap((i) =>
      i.dueDay ? [{ id: i.id, dueDay: i.dueDay, zone: this.#memberZone(i.ownerId, i.groupId) }] : [],
    );
    for (const r of dueRemindersBetween(from, now, zoned)) {
      const zone = zoned.find((z) => z.id === r.id)?.zone ?? 'UTC';
      const overdue = daysBetween(r.dueDay, localDayOf(now, zone));
      await runClaimed(
        this.deps,
        'review job',
        { job: REVIEW_JOB.due, target: String(r.id), slot: r.dueDay },
        now,
        now,
        async () => {
          const item = this.deps.repo.action(r.id);
          if (item?.status !== 'open') return;
          const dedupeKey = `${REVIEW_JOB.due}:${r.id}:${r.dueDay}`;
          if (overdue > 0) await this.#dmOwner(item, 'review.overdue', dedupeKey, overdue);
          else await this.#dmOwner(item, 'review.dueToday', dedupeKey);
        },
      );
    }
  }

  async #remind(due: DueReminder, now: Date): Promise<void> {
    const group = this.deps.people.group(due.groupId);
    const settings = this.deps.repo.settings(due.groupId);
    if (!group || !settings) return;
    const today = localDayOf(now, group.timezone);
    const reviewDay = localDayOf(due.reviewAt, group.timezone);
    // Days up to the review (a reminder the evening before still covers the whole week so far).
    const lastDay = [today, reviewDay].sort()[0] ?? today;
    const figures = this.deps.figures.figures(due.groupId, weekPeriod(due.week, lastDay), now, today, true);
    const notes = this.deps.repo.notesSince(due.groupId, due.week, due.week);
    const conversation = parseConversationKey(due.groupId);
    const dedupeKey = `${REVIEW_JOB.reminder}:${due.groupId}:${due.week}`;
    // The agenda names low scores, rule breaches and silent members: never in front of the customer.
    if (settings.audience === 'group' && !this.deps.people.hasCustomers(due.groupId)) {
      const reader = this.#reader(undefined, group);
      await this.deps.delivery.send(
        conversation.platform,
        { kind: 'channel', conversation },
        agendaMessage(figures, reader, { at: due.reviewAt, notes }, true),
        { dedupeKey },
      );
      return;
    }
    const roster = this.deps.people.roster(due.groupId);
    let managers = roster.filter((r) => r.role === 'manager').map((r) => r.memberId);
    if (managers.length === 0) managers = roster.filter((r) => r.role === 'admin').map((r) => r.memberId);
    for (const id of [...new Set(managers)]) {
      const reader = this.#reader(this.deps.people.member(id), group);
      await this.deps.delivery.send(
        conversation.platform,
        { kind: 'dm', user: parseUserKey(id), fallback: conversation },
        agendaMessage(figures, reader, { at: due.reviewAt, notes }),
        { dedupeKey: `${dedupeKey}:${id}` },
      );
    }
  }

  async #dmOwner(
    item: ActionItemRow,
    key: 'review.assigned' | 'review.dueToday' | 'review.overdue',
    dedupeKey: string,
    overdueDays = 0,
  ): Promise<void> {
    const group = this.deps.people.group(item.groupId);
    const owner = this.deps.people.member(item.ownerId);
    const reader = this.#reader(owner, group ?? { locale: this.deps.defaultLocale, timezone: 'UTC' });
    const conversation = parseConversationKey(item.groupId);
    // An item with no due date is told so in its own sentence, not "due no due date".
    const text = reader.t(key === 'review.assigned' && !item.dueDay ? 'review.assignedNoDue' : key, {
      id: item.id,
      text: item.text,
      group: `<#${conversation.channelId}>`,
      by: mention(item.createdBy),
      due: item.dueDay ? dueLabel(item.dueDay, reader) : reader.t('figures.action.noDue'),
      days: overdueDays,
    });
    await this.deps.delivery.send(
      conversation.platform,
      { kind: 'dm', user: parseUserKey(item.ownerId), fallback: conversation },
      {
        text,
        blocks: [
          { type: 'section', text },
          {
            type: 'buttons',
            buttons: [
              {
                actionId: 'review.done',
                label: reader.t('review.button.done'),
                value: String(item.id),
                style: 'primary',
              },
            ],
          },
        ],
      },
      { dedupeKey },
    );
  }

  #reader(member: MemberRow | undefined, group: { locale: string; timezone: string }): Reader {
    const locale = readerLocale(member, group, this.deps.defaultLocale);
    return {
      t: translator(locale),
      locale,
      zone: pickFirst(member?.timezone, member?.platformTimezone, group.timezone) ?? 'UTC',
      mention,
    };
  }

  #zone(groupId: string): string {
    return this.deps.people.group(groupId)?.timezone ?? 'UTC';
  }

  #memberZone(memberId: string, groupId: string): string {
    const member = this.deps.people.member(memberId);
    return pickFirst(member?.timezone, member?.platformTimezone, this.#zone(groupId)) ?? 'UTC';
  }
}

/** Whole days from one YYYY-MM-DD day to a later one. @example daysBetween('2026-12-02', '2026-12-05') === 3 */
function daysBetween(from: string, to: string): number {
  return Math.round(
    DateTime.fromISO(to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days').days,
  );
}

/** A review week: from its Monday to `lastDay`, against the whole week before. */
export function weekPeriod(week: string, lastDay: string): FiguresPeriod {
  return {
    current: { from: week, to: lastDay },
    previous: { from: shiftDay(week, -7), to: shiftDay(week, -1) },
  };
}
