import { DateTime } from 'luxon';
import { REDO_WITHIN_MS, runClaimed } from '../../core/claimed-run.js';
import type { Clock } from '../../core/clock.js';
import { type Translator, translator } from '../../core/i18n/catalog.js';
import type { Locale } from '../../core/i18n/locale.js';
import { shiftDay } from '../../core/local-days.js';
import { type ConversationRef, parseConversationKey, parseUserKey } from '../../core/platform/ids.js';
import type { OutboundMessage } from '../../core/platform/messages.js';
import type { DeliveryTarget } from '../../core/platform/platform.js';
import type { ClaimKey, Delivery, JobClaims, Logger } from '../../core/ports.js';
import { TickWindow } from '../../core/tick-window.js';
import { clockTime, readerTime } from '../../core/zoned-time.js';
import type { Db } from '../../db/client.js';
import { recordGroupAudit } from '../audit/audit.repo.js';
import { pickFirst, readerLocale } from '../people/people.domain.js';
import type { PeopleRepo } from '../people/people.repo.js';
import { workdaysFromColumn } from '../settings/settings.domain.js';
import { blockerKey, isNoBlocker, type StandupAnswers } from './standup.answers.js';
import { sameBlocker } from './standup.blockers.js';
import { groupCalendar, hasHolidayData } from './standup.calendar.js';
import { deadlineOf, type PromptConflict, promptConflicts } from './standup.conflicts.js';
import { type GroupPlan, type PlanBuilds, StandupPlans } from './standup.plans.js';
import type {
  AnswerRow,
  BlockerRow,
  DayTally,
  StandupConfigRow,
  StandupMember,
  StandupRepo,
} from './standup.repo.js';
import { buildSummary, type DayStatus, formatAnswer } from './standup.report.js';
import {
  answeringDay,
  type DueItem,
  dueBetween,
  groupDay,
  isAway,
  type PlannedMember,
  type StandupPlan,
  triage,
} from './standup.schedule.js';
import { unblockButton } from './standup.unblock.js';

export interface StandupDeps {
  db: Db;
  repo: StandupRepo;
  people: PeopleRepo;
  delivery: Delivery;
  claims: JobClaims;
  clock: Clock;
  logger: Logger;
  defaultLocale: Locale;
  /** Slots missed by less than this still run after downtime; older ones are recorded as skipped. */
  catchUpMs: number;
}

/** A question as a group asks it: a stable field id, the label in the reader's language, and whether it asks about blockers. */
export interface Question {
  id: string;
  label: string;
  blockers?: boolean;
}

/** A blocker just reported: how many working days in a row it has been open. */
export interface OpenBlocker {
  id: number;
  text: string;
  days: number;
}

/** Field ids of a standup form, whatever the questions are. */
export const QUESTION_IDS = ['q1', 'q2', 'q3', 'q4', 'q5'] as const;

/** A custom question about what is in the way counts as the blockers question. */
const BLOCKER_QUESTION = /block|imped|stuck|阻碍|障碍|卡点|卡住|问题|困难|风险/iu;
/** How far back the first tick after a start looks for missed slots. */
const START_LOOKBACK_MS = 24 * 60 * 60 * 1000;

export const JOB = {
  thread: 'standup.thread',
  prompt: 'standup.prompt',
  nudge: 'standup.nudge',
  summary: 'standup.summary',
} as const;

/** Telling a member, once per setting, that their prompt comes after the deadline. */
const CONFLICT_JOB = 'standup.conflict';

/** Questions of a group in the reader's language; ids q1..q5 whatever the questions are. */
export function questionsOf(
  config: Pick<StandupConfigRow, 'questions'> | undefined,
  t: Translator,
): Question[] {
  const custom = config?.questions;
  const blockers = blockerQuestion(config);
  if (custom?.length) {
    return custom.map((text, i) => {
      const id = QUESTION_IDS[i] as string;
      return { id, label: text, ...(id === blockers ? { blockers: true } : {}) };
    });
  }
  return [
    { id: 'q1', label: t('standup.q.yesterday') },
    { id: 'q2', label: t('standup.q.today') },
    { id: 'q3', label: t('standup.q.blockers'), blockers: true },
  ];
}

/** The question whose answer is a blocker: the third default one, or a custom one that asks about blockers. */
export function blockerQuestion(config: Pick<StandupConfigRow, 'questions'> | undefined): string | undefined {
  const custom = config?.questions;
  if (!custom?.length) return 'q3';
  // A group asking one question asks for the day's update, never for blockers alone.
  if (custom.length === 1) return undefined;
  const index = custom.findLastIndex((q) => BLOCKER_QUESTION.test(q));
  return index < 0 ? undefined : QUESTION_IDS[index];
}

const mention = (memberId: string) => `<@${parseUserKey(memberId).userId}>`;

/**
 * Daily standups: what the minute tick does (thread, prompts, nudges, summaries, each claimed once
 * and sent through the outbox under its claim key), and recording answers.
 */
export class StandupService {
  readonly #window: TickWindow;
  readonly #plans: StandupPlans;
  /** Plans already checked for prompts after the deadline: a plan is rebuilt when something changes. */
  readonly #checked = new WeakSet<GroupPlan>();

  constructor(private readonly deps: StandupDeps) {
    this.#window = new TickWindow(deps.clock.now(), START_LOOKBACK_MS);
    this.#plans = new StandupPlans(deps.db, deps.repo);
  }

  groupTimezone(groupId: string): string | undefined {
    return this.deps.people.group(groupId)?.timezone;
  }

  #audit(
    groupId: string,
    actorId: string,
    action: string,
    details: Record<string, unknown>,
    now: Date,
    targetId?: string,
  ) {
    recordGroupAudit(this.deps.db, { groupId, actorId, action, targetId, details, at: now });
  }

  /** Saves settings (creating the group's standup on first use) and audits the change. */
  configure(
    groupId: string,
    actorId: string,
    patch: Parameters<StandupRepo['saveConfig']>[1],
    now: Date,
  ): StandupConfigRow {
    return this.deps.db.transaction(() => {
      const before = this.deps.repo.config(groupId);
      const after = this.deps.repo.saveConfig(groupId, patch, now);
      this.#audit(groupId, actorId, 'standup.configured', { before: before ?? null, patch }, now);
      return after;
    });
  }

  setAway(
    groupId: string,
    memberId: string,
    range: { from: string; to: string },
    by: string,
    now: Date,
  ): void {
    this.deps.db.transaction(() => {
      this.deps.repo.addAway({
        groupId,
        memberId,
        fromDay: range.from,
        toDay: range.to,
        setBy: by,
        createdAt: now,
      });
      this.#audit(groupId, by, 'standup.away', range, now, memberId);
    });
  }

  back(groupId: string, memberId: string, today: string): boolean {
    return this.deps.repo.back(groupId, memberId, today) > 0;
  }

  setOverride(
    groupId: string,
    day: string,
    kind: 'off' | 'workday',
    name: string | null,
    by: string,
    now: Date,
  ): void {
    this.deps.db.transaction(() => {
      this.deps.repo.setOverride({ groupId, day, kind, name, createdBy: by });
      this.#audit(groupId, by, 'standup.calendar', { day, kind, name }, now);
    });
  }

  removeOverride(groupId: string, day: string, by: string, now: Date): boolean {
    return this.deps.db.transaction(() => {
      const removed = this.deps.repo.removeOverride(groupId, day);
      if (removed) this.#audit(groupId, by, 'standup.calendar', { day, kind: 'removed' }, now);
      return removed;
    });
  }

  /** The group's last working day before `day` (its workdays, holidays and days off), for digests. */
  workdayBefore(groupId: string, day: string): string | undefined {
    return this.#previousWorkday(groupId, day);
  }

  /** The next days of the group's calendar, with holiday names, for `/standup calendar`. */
  upcomingDays(
    groupId: string,
    now: Date,
    count: number,
  ): { day: string; working: boolean; name?: string }[] {
    const group = this.deps.people.group(groupId);
    if (!group) return [];
    const config = this.deps.repo.config(groupId);
    const overrides = this.deps.repo.overrides(groupId);
    const calendar = groupCalendar({
      country: config?.country ?? null,
      workdays: workdaysFromColumn(group.workdays),
      overrides: overrides.map((o) => ({ day: o.day, kind: o.kind, ...(o.name ? { name: o.name } : {}) })),
    });
    const start = DateTime.fromISO(groupDay(now, group.timezone), { zone: 'UTC' });
    return Array.from({ length: count }, (_, i) => {
      const day = start.plus({ days: i }).toISODate() as string;
      const name = calendar.holidayName(day);
      return { day, working: calendar.isWorkday(day), ...(name ? { name } : {}) };
    });
  }

  #localeOf(groupLocale: string, member?: Pick<StandupMember, 'locale'>): Locale {
    return pickFirst(member?.locale, groupLocale, this.deps.defaultLocale) as Locale;
  }

  /**
   * The standup day a member answers now: the group day of the prompt on the member's own calendar
   * day (someone far from the group answering late in their evening still answers that morning's
   * prompt), else the day of their latest prompt this past week, else the group's today.
   */
  answeringDay(groupId: string, memberId: string, now: Date): string {
    const entry = this.#planOf(groupId, now);
    const member = entry?.members.find((m) => m.memberId === memberId);
    const today = groupDay(now, this.groupTimezone(groupId) ?? 'UTC');
    return entry && member ? (answeringDay(entry.plan, member, now) ?? today) : today;
  }

  /** Members of a group whose prompt comes after the deadline, by name, for `/standup config`. */
  promptConflicts(groupId: string, now: Date): (PromptConflict & { name: string })[] {
    const entry = this.#planOf(groupId, now);
    if (!entry) return [];
    const names = new Map(this.deps.repo.membersOf(groupId).map((m) => [m.memberId, m.name]));
    return promptConflicts(entry.plan, entry.members, now).map((c) => ({
      ...c,
      name: names.get(c.memberId) ?? mention(c.memberId),
    }));
  }

  /**
   * What a member who just set their timezone should know, per group with standups that expects
   * them: a warning where their prompt now comes after the deadline (then the tick sends no DM
   * about it), else, when they keep another zone than the group's, their next prompt and its
   * deadline in their own time.
   */
  timezoneNotes(memberId: string, reader: { t: Translator; locale: Locale }, now: Date): string[] {
    const notes: string[] = [];
    for (const entry of this.plans(now)) {
      const member = entry.members.find((m) => m.memberId === memberId);
      if (!member) continue;
      const [conflict] = promptConflicts(entry.plan, [member], now);
      if (conflict) {
        const key = conflictKey(entry.plan, conflict);
        if (this.deps.claims.claim(key, now, now)) this.deps.claims.finish(key, 'done', now);
        notes.push(conflictText(reader.t, entry.plan, conflict));
      } else if (member.timezone !== entry.plan.timezone) {
        const note = nextPromptNote(reader, entry.plan, member, now);
        if (note) notes.push(note);
      }
    }
    return notes;
  }

  /**
   * One group's plan read afresh, for a command: a command neither builds nor refreshes the plans
   * the tick keeps, so their cost stays where it is measured.
   */
  #planOf(groupId: string, now: Date): GroupPlan | undefined {
    const group = this.deps.people.group(groupId);
    const config = this.deps.repo.config(groupId);
    if (!group || !config?.enabled) return undefined;
    const away = this.deps.repo.awayFrom(groupId, shiftDay(groupDay(now, group.timezone), -8));
    const calendar = groupCalendar({
      country: config.country,
      workdays: workdaysFromColumn(group.workdays),
      overrides: this.deps.repo.overrides(groupId).map((o) => ({ day: o.day, kind: o.kind })),
    });
    return {
      plan: {
        groupId,
        timezone: group.timezone,
        promptTime: config.promptTime,
        deadline: config.deadline,
        nudgeBeforeMinutes: config.nudgeBeforeMinutes,
        calendar,
      },
      members: this.deps.repo.membersOf(groupId).map((m) => ({
        memberId: m.memberId,
        timezone: m.timezone ?? group.timezone,
        away: away.filter((r) => r.memberId === m.memberId).map((r) => ({ from: r.fromDay, to: r.toDay })),
      })),
    };
  }

  /**
   * Tells each member, by DM and once per setting, when their prompt comes after the deadline: on
   * joining, on a timezone change (also one the platform reports) and when the times change. Only
   * plans rebuilt since the last tick are looked at, and only members outside the group's zone.
   */
  async #warnConflicts(plans: readonly GroupPlan[], now: Date): Promise<void> {
    for (const entry of plans) {
      if (this.#checked.has(entry)) continue;
      this.#checked.add(entry);
      const away = entry.members.filter((m) => m.timezone !== entry.plan.timezone);
      if (away.length === 0) continue;
      for (const conflict of promptConflicts(entry.plan, away, now)) {
        const key = conflictKey(entry.plan, conflict);
        await runClaimed(this.deps, 'standup conflict', key, now, now, async () => {
          const group = this.deps.people.group(entry.plan.groupId);
          const member = this.deps.people.member(conflict.memberId);
          if (!group) return;
          const t = translator(readerLocale(member, group, this.deps.defaultLocale));
          const conversation = parseConversationKey(group.id);
          await this.deps.delivery.send(
            conversation.platform,
            { kind: 'dm', user: parseUserKey(conflict.memberId), fallback: conversation },
            { text: conflictText(t, entry.plan, conflict) },
            { dedupeKey: `${key.job}:${key.target}:${key.slot}` },
          );
        });
      }
    }
  }

  /**
   * What the schedule needs for every group with standups on: built on the first call, then only
   * where something changed, by this process or another on the same database (see StandupPlans).
   */
  plans(now: Date): readonly GroupPlan[] {
    return this.#plans.current(now);
  }

  /** How often the plans were built, whole or group by group. */
  get planBuilds(): Readonly<PlanBuilds> {
    return this.#plans.builds;
  }

  /** The member's next standup prompt in each group that expects them, soonest first (for the Home page). */
  nextPrompts(memberId: string, now: Date): { groupId: string; at: Date }[] {
    const week = new Date(now.getTime() + 8 * 24 * 60 * 60 * 1000);
    return this.plans(now)
      .flatMap(({ plan, members }) => {
        const member = members.find((m) => m.memberId === memberId);
        if (!member) return [];
        const next = dueBetween(now, week, [{ plan, members: [member] }])
          .filter((item) => item.kind === 'prompt')
          .sort((a, b) => a.at.getTime() - b.at.getTime())[0];
        return next ? [{ groupId: plan.groupId, at: next.at }] : [];
      })
      .sort((a, b) => a.at.getTime() - b.at.getTime());
  }

  /**
   * The minute job: everything due since the last tick (and slots another process left unfinished),
   * each slot claimed once; older misses are skipped. A busy database stops the tick before its span
   * counts as covered, so the next tick finds the same slots again.
   */
  async tick(now: Date): Promise<void> {
    const { claims, catchUpMs } = this.deps;
    const since = new Date(now.getTime() - REDO_WITHIN_MS);
    const span = this.#window.advance(now, claims.earliestUnfinished(Object.values(JOB), since));
    if (!span) return;
    const plans = this.plans(now);
    await this.#warnConflicts(plans, now);
    const due = dueBetween(span.from, now, plans);
    const { run, skip } = triage(due, now, catchUpMs);
    // Too late to start; one a process that died had started is finished below, however late.
    const started: DueItem[] = [];
    for (const item of skip) {
      if (claims.skip(claimOf(item), now)) {
        this.deps.logger.warn(
          { job: JOB[item.kind], group: item.groupId, day: item.day },
          'standup slot missed; skipped',
        );
      } else started.push(item);
    }
    const ordered = [...run, ...started].sort(
      (a, b) => a.at.getTime() - b.at.getTime() || order(a) - order(b),
    );
    for (const item of ordered) {
      const key = claimOf(item);
      await runClaimed(this.deps, 'standup job', key, item.at, now, () => this.#run(item, key, now));
    }
    this.#window.covered(span);
  }

  async #run(item: DueItem, key: ClaimKey, now: Date): Promise<void> {
    const group = this.deps.people.group(item.groupId);
    const config = this.deps.repo.config(item.groupId);
    if (!group || !config) return;
    const conversation = parseConversationKey(item.groupId);
    const dedupeKey = `${key.job}:${key.target}:${key.slot}`;
    switch (item.kind) {
      case 'thread':
        await this.#openThread(conversation, group, config, item.day, dedupeKey, now);
        return;
      case 'prompt':
        if (item.memberId)
          await this.#prompt(conversation, group, config, item.memberId, item.day, dedupeKey);
        return;
      case 'nudge':
        // Caught up on after downtime once the deadline is past, a nudge would urge what is late.
        if (now < deadlineOf(item.day, config.deadline, group.timezone))
          await this.#nudge(conversation, group, config, item.day, dedupeKey);
        return;
      case 'summary':
        await this.#summarize(conversation, group, config, item.day, dedupeKey, now);
        return;
    }
  }

  /** The day's thread parent; prompts, answers and the summary all hang under it. */
  async #openThread(
    conversation: ConversationRef,
    group: { id: string; locale: string; timezone: string },
    config: StandupConfigRow,
    day: string,
    dedupeKey: string,
    now: Date,
  ): Promise<void> {
    this.#warnMissingCalendar(conversation, group, config, now);
    // The customer's people read a shared group: the team's standup is not posted there.
    if (this.deps.people.hasCustomers(group.id)) return;
    const t = translator(this.#localeOf(group.locale));
    const date = DateTime.fromISO(day, { zone: group.timezone }).setLocale(this.#localeOf(group.locale));
    const message: OutboundMessage = {
      text: t('standup.thread.title', { date: date.toLocaleString(DateTime.DATE_HUGE) }),
      blocks: [
        {
          type: 'header',
          text: t('standup.thread.title', { date: date.toLocaleString(DateTime.DATE_HUGE) }),
        },
        {
          type: 'section',
          text: questionsOf(config, t)
            .map((q, i) => `${i + 1}. ${q.label}`)
            .join('\n'),
        },
        { type: 'buttons', buttons: [answerButton(t, group.id, day)] },
        {
          type: 'context',
          text: t('standup.thread.hint', { deadline: config.deadline, zone: group.timezone }),
        },
      ],
    };
    const sent = await this.deps.delivery.send(
      conversation.platform,
      { kind: 'channel', conversation },
      message,
      {
        dedupeKey,
      },
    );
    const threadId = sent.status === 'sent' ? sent.ref?.messageId : this.deps.repo.sentMessageId(dedupeKey);
    this.deps.repo.setThread(group.id, day, threadId ?? null);
  }

  /** Where a day's posts go: its thread once the parent is known, the channel otherwise. */
  #threadTarget(conversation: ConversationRef, groupId: string, day: string): DeliveryTarget {
    const stored = this.deps.repo.day(groupId, day)?.threadId;
    const threadId = stored ?? this.deps.repo.sentMessageId(`${JOB.thread}:${groupId}:${day}`);
    if (threadId && !stored) this.deps.repo.setThread(groupId, day, threadId);
    return threadId ? { kind: 'channel', conversation, threadId } : { kind: 'channel', conversation };
  }

  async #prompt(
    conversation: ConversationRef,
    group: { id: string; locale: string; timezone: string },
    config: StandupConfigRow,
    memberId: string,
    day: string,
    dedupeKey: string,
  ): Promise<void> {
    if (this.deps.repo.answer(group.id, day, memberId)) return;
    // One prompt per member per morning: read this member alone, not the group's whole list.
    const row = this.deps.people.member(memberId);
    const t = translator(
      this.#localeOf(group.locale, { locale: row?.locale ?? row?.platformLocale ?? null }),
    );
    // The deadline in the member's own time: the group's may be far from theirs.
    const deadline = readerTime(
      t,
      deadlineOf(day, config.deadline, group.timezone),
      row?.timezone ?? row?.platformTimezone ?? group.timezone,
      group.timezone,
    );
    const text = t('standup.prompt.you', { group: `<#${conversation.channelId}>`, deadline });
    await this.deps.delivery.send(
      conversation.platform,
      { kind: 'ephemeral', conversation, user: parseUserKey(memberId) },
      {
        text,
        blocks: [
          { type: 'section', text },
          { type: 'buttons', buttons: [answerButton(t, group.id, day)] },
        ],
      },
      { dedupeKey },
    );
  }

  /** Members expected on a day: not away, not bots or observers (the repo already left those out). */
  #expected(groupId: string, day: string): { expected: StandupMember[]; away: StandupMember[] } {
    const members = this.deps.repo.membersOf(groupId);
    const ranges = this.deps.repo.awayFrom(groupId, day);
    const away = members.filter((m) =>
      isAway(
        {
          memberId: m.memberId,
          timezone: '',
          away: ranges
            .filter((r) => r.memberId === m.memberId)
            .map((r) => ({ from: r.fromDay, to: r.toDay })),
        },
        day,
      ),
    );
    const awayIds = new Set(away.map((m) => m.memberId));
    return { expected: members.filter((m) => !awayIds.has(m.memberId)), away };
  }

  async #nudge(
    conversation: ConversationRef,
    group: { id: string; locale: string; timezone: string },
    config: StandupConfigRow,
    day: string,
    dedupeKey: string,
  ): Promise<void> {
    const answered = new Set(this.deps.repo.answersOn(group.id, day).map((a) => a.memberId));
    const { expected } = this.#expected(group.id, day);
    for (const member of expected.filter((m) => !answered.has(m.memberId))) {
      const t = translator(this.#localeOf(group.locale, member));
      const deadline = readerTime(
        t,
        deadlineOf(day, config.deadline, group.timezone),
        member.timezone ?? group.timezone,
        group.timezone,
      );
      const text = t('standup.nudge', { group: `<#${conversation.channelId}>`, deadline });
      await this.deps.delivery.send(
        conversation.platform,
        { kind: 'ephemeral', conversation, user: parseUserKey(member.memberId) },
        {
          text,
          blocks: [
            { type: 'section', text },
            { type: 'buttons', buttons: [answerButton(t, group.id, day)] },
          ],
        },
        { dedupeKey: `${dedupeKey}:${member.memberId}` },
      );
    }
  }

  /** What the day looks like: who answered, who is missing or away, and the blockers. */
  status(groupId: string, day: string): DayStatus {
    const { expected, away } = this.#expected(groupId, day);
    const names = new Map([...expected, ...away].map((m) => [m.memberId, m.name]));
    const answers = this.deps.repo.answersOn(groupId, day);
    return {
      day,
      expected: expected.map((m) => ({ memberId: m.memberId, name: m.name })),
      answered: answers.map((a) => ({
        memberId: a.memberId,
        name: names.get(a.memberId) ?? this.deps.people.member(a.memberId)?.displayName ?? a.memberId,
        answers: a.answers,
        late: a.late,
        at: a.editedAt ?? a.submittedAt,
      })),
      away: away.map((m) => ({ memberId: m.memberId, name: m.name })),
      // Tracked as answers come in, so a blocker told in other words keeps its age and a closed one is gone.
      blockers: this.deps.repo.blockersOn(groupId, day).map((b) => ({
        memberId: b.memberId,
        name: names.get(b.memberId) ?? this.deps.people.member(b.memberId)?.displayName ?? b.memberId,
        text: b.text,
        openDays: b.days,
      })),
    };
  }

  async #summarize(
    conversation: ConversationRef,
    group: { id: string; locale: string },
    config: StandupConfigRow,
    day: string,
    dedupeKey: string,
    now: Date,
  ): Promise<void> {
    const status = this.status(group.id, day);
    if (this.deps.people.hasCustomers(group.id))
      await this.#summaryToManagers(conversation, group, status, dedupeKey);
    else
      await this.deps.delivery.send(
        conversation.platform,
        this.#threadTarget(conversation, group.id, day),
        buildSummary(status, translator(this.#localeOf(group.locale)), mention),
        { dedupeKey },
      );
    this.deps.repo.markSummarized(group.id, day, now, tallyOf(status));
    await this.#escalateBlockers(conversation, group, config, day, now);
  }

  /** In a group shared with the customer, the day's summary goes to its managers by DM, each in their language. */
  async #summaryToManagers(
    conversation: ConversationRef,
    group: { id: string; locale: string },
    status: DayStatus,
    dedupeKey: string,
  ): Promise<void> {
    for (const managerId of this.#managers(group.id)) {
      const t = translator(readerLocale(this.deps.people.member(managerId), group, this.deps.defaultLocale));
      const summary = buildSummary(status, t, mention);
      await this.deps.delivery.send(
        conversation.platform,
        { kind: 'dm', user: parseUserKey(managerId), fallback: conversation },
        {
          ...summary,
          text: `${t('standup.summary.sharedGroup', { group: `<#${conversation.channelId}>` })}\n${summary.text}`,
        },
        { dedupeKey: `${dedupeKey}:${managerId}` },
      );
    }
  }

  /** Who hears about a group's standup privately: its managers, else its admins. */
  #managers(groupId: string): string[] {
    const roster = this.deps.people.roster(groupId);
    const managers = roster.filter((r) => r.role === 'manager').map((r) => r.memberId);
    return managers.length ? managers : roster.filter((r) => r.role === 'admin').map((r) => r.memberId);
  }

  async #escalateBlockers(
    conversation: ConversationRef,
    group: { id: string; locale: string },
    config: StandupConfigRow,
    day: string,
    now: Date,
  ): Promise<void> {
    const stale = this.deps.repo
      .blockersOn(group.id, day)
      .filter((b) => b.days >= config.blockerEscalateDays && b.escalatedAt === null);
    if (stale.length === 0) return;
    const managers = this.#managers(group.id);
    for (const blocker of stale) {
      // Sent first, marked after: a crash in between redoes the sends, which their keys make no-ops.
      for (const managerId of managers) {
        const manager = this.deps.people.member(managerId);
        const t = translator(readerLocale(manager, group, this.deps.defaultLocale));
        const text = t('standup.blocker.escalated', {
          user: mention(blocker.memberId),
          group: `<#${conversation.channelId}>`,
          days: blocker.days,
          blocker: blocker.text,
        });
        await this.deps.delivery.send(
          conversation.platform,
          { kind: 'dm', user: parseUserKey(managerId), fallback: conversation },
          // A manager who knows it is solved closes it from here.
          {
            text,
            blocks: [
              { type: 'section', text },
              {
                type: 'buttons',
                buttons: [unblockButton(t, group.id, blocker.id)],
              },
            ],
          },
          { dedupeKey: `standup.blocker:${blocker.id}:${managerId}` },
        );
      }
      await this.#tellOwner(conversation, group, blocker);
      this.deps.repo.escalate(blocker.id, now);
    }
  }

  /** The member whose blocker went to the managers hears it by DM, with the button that closes it once solved. */
  async #tellOwner(
    conversation: ConversationRef,
    group: { id: string; locale: string },
    blocker: BlockerRow,
  ): Promise<void> {
    const t = translator(
      readerLocale(this.deps.people.member(blocker.memberId), group, this.deps.defaultLocale),
    );
    const text = t('standup.blocker.escalatedYours', {
      group: `<#${conversation.channelId}>`,
      days: blocker.days,
      blocker: blocker.text,
    });
    await this.deps.delivery.send(
      conversation.platform,
      { kind: 'dm', user: parseUserKey(blocker.memberId), fallback: conversation },
      {
        text,
        blocks: [
          { type: 'section', text },
          { type: 'buttons', buttons: [unblockButton(t, group.id, blocker.id)] },
        ],
      },
      { dedupeKey: `standup.blocker:${blocker.id}:owner` },
    );
  }

  /** Tells admins, once a year in December, when the country calendar has no data for next year. */
  #warnMissingCalendar(
    conversation: ConversationRef,
    group: { id: string; locale: string; timezone: string },
    config: StandupConfigRow,
    now: Date,
  ): void {
    if (!config.country) return;
    const local = DateTime.fromJSDate(now, { zone: group.timezone });
    if (local.month !== 12 || hasHolidayData(config.country, local.year + 1)) return;
    const admins = this.deps.people.adminsOf(
      group.id,
      `${conversation.platform}:${conversation.workspaceId}`,
    );
    for (const admin of admins) {
      const t = translator(readerLocale(admin, group, this.deps.defaultLocale));
      void this.deps.delivery.send(
        conversation.platform,
        { kind: 'dm', user: parseUserKey(admin.id) },
        {
          text: t('standup.calendar.noData', {
            country: config.country,
            year: local.year + 1,
            group: `<#${conversation.channelId}>`,
          }),
        },
        { dedupeKey: `standup.calendar:${group.id}:${local.year + 1}:${admin.id}` },
      );
    }
  }

  /**
   * Records a member's answer for a group day: posted in the day's thread; an edit before the
   * deadline replaces it; after the deadline a first answer is accepted and flagged late, an edit refused.
   */
  async submit(input: {
    groupId: string;
    day: string;
    memberId: string;
    name: string;
    answers: StandupAnswers;
    now: Date;
  }): Promise<{ outcome: 'saved' | 'edited' | 'late' | 'closed'; blocker?: OpenBlocker | undefined }> {
    const { repo } = this.deps;
    const group = this.deps.people.group(input.groupId);
    const config = repo.config(input.groupId);
    if (!group) return { outcome: 'closed' };
    const deadline = deadlineOf(input.day, config?.deadline ?? '17:00', group.timezone);
    const existing = repo.answer(input.groupId, input.day, input.memberId);
    const afterDeadline = input.now > deadline;
    if (existing && afterDeadline) return { outcome: 'closed' };
    const row: AnswerRow = {
      groupId: input.groupId,
      day: input.day,
      memberId: input.memberId,
      answers: input.answers,
      late: existing?.late ?? afterDeadline,
      submittedAt: existing?.submittedAt ?? input.now,
      editedAt: existing ? input.now : null,
    };
    repo.saveAnswer(row);
    const blocker = this.#trackBlocker(config, row);
    const conversation = parseConversationKey(input.groupId);
    const t = translator(this.#localeOf(group.locale));
    // In a group shared with the customer the answer is kept for the summary, not posted.
    if (!this.deps.people.hasCustomers(input.groupId))
      await this.deps.delivery.send(
        conversation.platform,
        this.#threadTarget(conversation, input.groupId, input.day),
        // The name, not a mention: posting someone's own answer should not ping them.
        formatAnswer(
          input.name,
          questionsOf(config, t),
          input.answers,
          { late: row.late, edited: Boolean(existing) },
          t,
        ),
      );
    // A late answer counts in the closed day's figures (reviews, digests), not only in the thread.
    if (row.late && !existing)
      repo.updateTally(input.groupId, input.day, tallyOf(this.status(input.groupId, input.day)));
    return { outcome: existing ? 'edited' : row.late ? 'late' : 'saved', blocker };
  }

  /**
   * A blocker reported again on the next working day, in the same or other words (see sameBlocker),
   * stays one blocker, open one more day. An edit that drops or changes today's blocker takes today
   * back from the one it no longer reports. A closed blocker is never continued.
   */
  #trackBlocker(config: StandupConfigRow | undefined, row: AnswerRow): OpenBlocker | undefined {
    const id = blockerQuestion(config);
    const answer = id ? row.answers[id] : undefined;
    const text = answer && !isNoBlocker(answer) ? answer : undefined;
    const previous = this.#previousWorkday(row.groupId, row.day);
    const open = this.deps.repo.openBlockers(row.groupId, previous ?? row.day, row.memberId);
    const same = text ? open.find((b) => b.lastDay <= row.day && sameBlocker(b.text, text)) : undefined;
    for (const b of open) if (b.lastDay === row.day && b !== same) this.#untrack(b, previous);
    if (!text) return undefined;
    const continued = same && same.lastDay === previous;
    const days = same?.lastDay === row.day ? same.days : continued ? same.days + 1 : 1;
    const blockerId = this.deps.repo.saveBlocker({
      ...(same && (continued || same.lastDay === row.day) ? { id: same.id } : {}),
      groupId: row.groupId,
      memberId: row.memberId,
      key: blockerKey(text),
      text,
      firstDay: same && days > 1 ? same.firstDay : row.day,
      lastDay: row.day,
      days,
      escalatedAt: same && days > 1 ? same.escalatedAt : null,
    });
    return { id: blockerId, text, days };
  }

  /** Today no longer reports this blocker: a new one goes, a continued one ends where it was. */
  #untrack(blocker: BlockerRow, previous: string | undefined): void {
    if (blocker.days <= 1 || !previous) this.deps.repo.deleteBlocker(blocker.id);
    else this.deps.repo.saveBlocker({ ...blocker, days: blocker.days - 1, lastDay: previous });
  }

  /** A member's display name, for lines a person reads. */
  memberName(memberId: string): string | undefined {
    return this.deps.people.member(memberId)?.displayName;
  }

  /** The group's blockers still carried (reported on its last working day or today), oldest first. */
  openBlockers(groupId: string, now: Date): BlockerRow[] {
    const today = groupDay(now, this.groupTimezone(groupId) ?? 'UTC');
    return this.deps.repo.openBlockers(groupId, this.#previousWorkday(groupId, today) ?? today);
  }

  /** Closes a blocker: no longer listed, carried over or escalated. False when it was closed already. */
  closeBlocker(blocker: BlockerRow, by: string, now: Date): boolean {
    return this.deps.db.transaction(() => {
      const closed = this.deps.repo.closeBlocker(blocker.id, by, now);
      if (closed)
        this.#audit(blocker.groupId, by, 'standup.unblock', { text: blocker.text }, now, blocker.memberId);
      return closed;
    });
  }

  #previousWorkday(groupId: string, day: string): string | undefined {
    const group = this.deps.people.group(groupId);
    const config = this.deps.repo.config(groupId);
    if (!group) return undefined;
    const calendar = groupCalendar({
      country: config?.country ?? null,
      workdays: workdaysFromColumn(group.workdays),
      overrides: this.deps.repo.overrides(groupId).map((o) => ({ day: o.day, kind: o.kind })),
    });
    let cursor = DateTime.fromISO(day, { zone: 'UTC' });
    for (let i = 0; i < 14; i++) {
      cursor = cursor.minus({ days: 1 });
      const candidate = cursor.toISODate() as string;
      if (calendar.isWorkday(candidate)) return candidate;
    }
    return undefined;
  }
}

function answerButton(t: Translator, groupId: string, day: string) {
  return {
    actionId: 'standup.open',
    label: t('standup.answerButton'),
    value: `${groupId}|${day}`,
    style: 'primary' as const,
  };
}

function conflictKey(plan: StandupPlan, conflict: PromptConflict): ClaimKey {
  return {
    job: CONFLICT_JOB,
    target: conflict.memberId,
    slot: `${plan.groupId}|${conflict.timezone}|${plan.promptTime}|${plan.deadline}`,
  };
}

/** A member's next prompt in a group and the deadline it has, both in the member's own time. */
function nextPromptNote(
  reader: { t: Translator; locale: Locale },
  plan: StandupPlan,
  member: PlannedMember,
  now: Date,
): string | undefined {
  const week = new Date(now.getTime() + 8 * 24 * 60 * 60 * 1000);
  const next = dueBetween(now, week, [{ plan, members: [member] }])
    .filter((item) => item.kind === 'prompt')
    .sort((a, b) => a.at.getTime() - b.at.getTime())[0];
  if (!next) return undefined;
  const deadline = deadlineOf(next.day, plan.deadline, plan.timezone);
  const local = (at: Date) =>
    DateTime.fromJSDate(at, { zone: member.timezone }).setLocale(reader.locale).toFormat('ccc HH:mm');
  return reader.t('standup.zoneNote', {
    group: `<#${parseConversationKey(plan.groupId).channelId}>`,
    prompt: local(next.at),
    zone: member.timezone,
    deadline: local(deadline),
    groupDeadline: clockTime(deadline, plan.timezone),
    groupZone: plan.timezone,
  });
}

/** The warning a member gets: their prompt and the deadline in their own time, and what to do. */
function conflictText(t: Translator, plan: StandupPlan, conflict: PromptConflict): string {
  return t('standup.conflict.warning', {
    group: `<#${parseConversationKey(plan.groupId).channelId}>`,
    prompt: plan.promptTime,
    zone: conflict.timezone,
    groupPrompt: clockTime(conflict.promptAt, plan.timezone),
    deadline: readerTime(t, conflict.deadlineAt, conflict.timezone, plan.timezone),
  });
}

function claimOf(item: DueItem): ClaimKey {
  return { job: JOB[item.kind], target: item.groupId, slot: item.slot };
}

/** At the same instant the thread goes first, so the prompts have somewhere to point. */
function order(item: DueItem): number {
  return ['thread', 'prompt', 'nudge', 'summary'].indexOf(item.kind);
}

/** Answers from members who were not expected (away, joined late) do not count towards the rate. */
function tallyOf(status: DayStatus): DayTally {
  const expected = new Set(status.expected.map((m) => m.memberId));
  const answered = new Set(status.answered.map((a) => a.memberId));
  return {
    expected: expected.size,
    answered: [...answered].filter((id) => expected.has(id)).length,
    missing: [...expected].filter((id) => !answered.has(id)),
  };
}
