import type { Statement } from 'better-sqlite3';
import { nextDay } from '../../core/local-days.js';
import { parseConversationKey } from '../../core/platform/ids.js';
import type { Db } from '../../db/client.js';
import type { FeedbackRepo } from '../feedback/feedback.repo.js';
import { SCALES } from '../feedback/feedback.scale.js';
import {
  type ActionItemFigure,
  type BlockerFigure,
  type DayRange,
  type DayTallyPoint,
  type FeedbackItemFigure,
  type FiguresPeriod,
  type GroupFigures,
  type MemberParticipation,
  participationRate,
  rangeInstants,
  sortActions,
} from './figures.domain.js';

/** Members silent this long count as inactive in reviews and digests (the `/members inactive` default). */
export const INACTIVE_DAYS = 30;
const DAY_MS = 86_400_000;
const WORST_ITEMS = 3;
const INACTIVE_NAMES = 5;
/** Members a digest lists per group: more than it shows, so ties sort by name among them. */
const DIGEST_MEMBERS = 10;

interface GroupRow {
  id: string;
  name: string | null;
  timezone: string;
}

interface TallyRow {
  day: string;
  expected: number;
  answered: number;
  missing: string | null;
}

/**
 * The figures of a group over a period, read with aggregate queries (closed standup days, daily
 * feedback sums, indexed ranges of the audit log), so a manager's digest over twenty large groups
 * with a year of history reads a few hundred rows, not their history.
 */
export class FiguresRepo {
  readonly #group: Statement<[string], GroupRow>;
  readonly #tallies: Statement<[string, string, string], TallyRow>;
  readonly #answersByMember: Statement<[string, string, string], { memberId: string; n: number }>;
  readonly #names: Statement<[string], { id: string; name: string }>;
  readonly #blockers: Statement<
    [string, string, string],
    {
      memberId: string;
      name: string | null;
      text: string;
      days: number;
      escalated: number;
      solved: number;
    }
  >;
  readonly #feedbackSettings: Statement<[string], { scale: 'csat' | 'nps'; threshold: number | null }>;
  readonly #worst: Statement<[string, number, number, number, string, number], FeedbackItemFigure>;
  readonly #alerts: Statement<[string, number, number, number, string], { n: number }>;
  readonly #violations: Statement<
    [string, number, number],
    { n: number; offenders: number; sanctions: number }
  >;
  readonly #inactive: Statement<[string, number, number], { name: string; n: number }>;
  readonly #actions: Statement<
    [string],
    { id: number; text: string; ownerId: string; dueDay: string | null }
  >;

  constructor(
    db: Db,
    private readonly feedback: FeedbackRepo,
  ) {
    const c = db.$client;
    this.#group = c.prepare('select id, name, timezone from groups where id = ?');
    this.#tallies = c.prepare(
      `select day, expected_count expected, answered_count answered, missing from standup_days
       where group_id = ? and day >= ? and day <= ? and expected_count > 0 order by day`,
    );
    this.#answersByMember = c.prepare(
      `select member_id memberId, count(*) n from standup_answers
       where group_id = ? and day >= ? and day <= ? group by member_id`,
    );
    this.#names = c.prepare(
      `select m.id id, m.display_name name from members m where m.id in (select value from json_each(?))`,
    );
    this.#blockers = c.prepare(
      `select b.member_id memberId, m.display_name name, b.text text, b.days days, b.escalated_at is not null escalated,
              b.closed_at is not null solved
       from standup_blockers b left join members m on m.id = b.member_id
       where b.group_id = ? and b.last_day >= ? and b.last_day <= ?
       order by escalated desc, b.days desc, b.id`,
    );
    this.#feedbackSettings = c.prepare('select scale, threshold from feedback_settings where group_id = ?');
    this.#worst = c.prepare(
      `select f.id id, c.name customer, f.score score, f.comment comment from feedback_items f
       join customers c on c.id = f.customer_id
       where f.group_id = ? and f.created_at >= ? and f.created_at < ? and f.score <= ? and f.scale = ?
       order by f.score, f.created_at desc limit ?`,
    );
    this.#alerts = c.prepare(
      `select count(*) n from feedback_items where group_id = ? and created_at >= ? and created_at < ? and score <= ? and scale = ?`,
    );
    // The ladder's step is in the audit details; a message is one violation however many rules it broke.
    this.#violations = c.prepare(
      `select count(*) n, count(distinct target_id) offenders,
         sum(json_extract(details, '$.step') in ('timeout', 'remove', 'ban')) sanctions
       from audit_log where group_id = ? and action = 'rules.enforced' and at >= ? and at < ?`,
    );
    // One scan gives both the count (a window over every match) and the first names.
    this.#inactive = c.prepare(
      `select m.display_name name, count(*) over () n
       from group_members a join members m on m.id = a.member_id
       where a.group_id = ? and a.left_at is null and max(a.joined_at, coalesce(a.last_active_at, 0)) < ?
         and m.is_bot = 0 and m.is_deactivated = 0 and m.is_platform_admin = 0
         and coalesce(a.side, m.platform_side) = 'team'
         and not exists (select 1 from group_roles r where r.group_id = a.group_id and r.member_id = a.member_id)
       order by max(a.joined_at, coalesce(a.last_active_at, 0)) limit ?`,
    );
    this.#actions = c.prepare(
      `select id, text, owner_id ownerId, due_day dueDay from action_items where group_id = ? and status = 'open'`,
    );
  }

  /** Closed standup days of a group in a range, for the chart. */
  tallies(groupId: string, range: DayRange): DayTallyPoint[] {
    return this.#tallies
      .all(groupId, range.from, range.to)
      .map((r) => ({ day: r.day, expected: r.expected, answered: r.answered }));
  }

  /**
   * Everything a review or a digest says about one group. `today` is the group's local day (for
   * overdue items); `perMember` adds each member's answers (the review lists them, digests do not).
   */
  figures(
    groupId: string,
    period: FiguresPeriod,
    now: Date,
    today: string,
    perMember: boolean,
  ): GroupFigures {
    const group = this.#group.get(groupId);
    const zone = group?.timezone ?? 'UTC';
    const { current, previous } = period;
    const tallies = this.#tallies.all(groupId, current.from, current.to);
    const days = tallies.map((r) => ({ day: r.day, expected: r.expected, answered: r.answered }));
    const previousDays = this.tallies(groupId, previous);
    const span = rangeInstants(current, zone);
    const settings = this.#feedbackSettings.get(groupId);
    const scale = settings?.scale ?? 'csat';
    const threshold = settings?.threshold ?? SCALES[scale].defaultThreshold;
    // The daily sums answer count, average and NPS; the full stats report (tags, customers, resolve times) is not needed here.
    const sums = this.feedback.sums(groupId, current.from, nextDay(current.to), scale);
    const previousSums = this.feedback.sums(groupId, previous.from, nextDay(previous.to), scale);
    const violations = this.#violations.get(groupId, span.from.getTime(), span.to.getTime());
    const inactive = this.#inactive.all(groupId, now.getTime() - INACTIVE_DAYS * DAY_MS, INACTIVE_NAMES);
    const actions: ActionItemFigure[] = this.#actions
      .all(groupId)
      .map((a) => ({ ...a, overdue: a.dueDay !== null && a.dueDay < today }));
    return {
      groupId,
      // Without a known name, the channel id reads better than the encoded key.
      name: group?.name ?? `#${parseConversationKey(groupId).channelId}`,
      participation: {
        days,
        rate: participationRate(days),
        previousDays,
        previousRate: participationRate(previousDays),
        members: this.#memberParticipation(groupId, current, tallies, perMember),
      },
      blockers: this.#blockers.all(groupId, current.from, current.to).map(
        (b): BlockerFigure => ({
          memberId: b.memberId,
          name: b.name ?? b.memberId,
          text: b.text,
          days: b.days,
          escalated: b.escalated === 1,
          solved: b.solved === 1,
        }),
      ),
      feedback: {
        scale,
        count: sums.n,
        average: scale === 'csat' && sums.n > 0 ? sums.total / sums.n : null,
        nps: scale === 'nps' && sums.n > 0 ? ((sums.promoters - sums.detractors) / sums.n) * 100 : null,
        previousCount: previousSums.n,
        otherScaleCount: this.feedback.sums(
          groupId,
          current.from,
          nextDay(current.to),
          scale === 'nps' ? 'csat' : 'nps',
        ).n,
        alerts: this.#alerts.get(groupId, span.from.getTime(), span.to.getTime(), threshold, scale)?.n ?? 0,
        worst: this.#worst.all(
          groupId,
          span.from.getTime(),
          span.to.getTime(),
          threshold,
          scale,
          WORST_ITEMS,
        ),
      },
      moderation: {
        violations: violations?.n ?? 0,
        offenders: violations?.offenders ?? 0,
        sanctions: violations?.sanctions ?? 0,
      },
      inactive: {
        count: inactive[0]?.n ?? 0,
        names: inactive.map((r) => r.name),
      },
      actions: sortActions(actions),
    };
  }

  /**
   * Who missed days, from the closed days' missing lists; with `withAnswers`, everyone who answered
   * too (the review lists them all). A digest shows only the few who missed most, so only their
   * names are read: a large group's missing lists name hundreds of people over a week.
   */
  #memberParticipation(
    groupId: string,
    range: DayRange,
    tallies: readonly TallyRow[],
    withAnswers: boolean,
  ): MemberParticipation[] {
    const missed = new Map<string, number>();
    for (const t of tallies)
      for (const id of t.missing ? (JSON.parse(t.missing) as string[]) : [])
        missed.set(id, (missed.get(id) ?? 0) + 1);
    const answered = new Map<string, number>();
    if (withAnswers)
      for (const r of this.#answersByMember.all(groupId, range.from, range.to)) answered.set(r.memberId, r.n);
    const ids = [...new Set([...missed.keys(), ...answered.keys()])];
    const rows = ids.map((id) => ({
      memberId: id,
      answered: answered.get(id) ?? 0,
      missed: missed.get(id) ?? 0,
    }));
    const order = (a: (typeof rows)[number], b: (typeof rows)[number]) =>
      b.missed - a.missed || a.answered - b.answered;
    const kept = withAnswers
      ? rows
      : rows.sort((a, b) => order(a, b) || a.memberId.localeCompare(b.memberId)).slice(0, DIGEST_MEMBERS);
    if (kept.length === 0) return [];
    const names = new Map(
      this.#names.all(JSON.stringify(kept.map((r) => r.memberId))).map((r) => [r.id, r.name]),
    );
    return kept
      .map((r) => ({ ...r, name: names.get(r.memberId) ?? r.memberId }))
      .sort((a, b) => order(a, b) || a.name.localeCompare(b.name));
  }
}
