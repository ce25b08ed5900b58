import { DateTime } from 'luxon';
import { REDO_WITHIN_MS, runClaimed } from '../../core/claimed-run.js';
import { translator } from '../../core/i18n/catalog.js';
import type { Locale } from '../../core/i18n/locale.js';
import { localDayOf, shiftDay } from '../../core/local-days.js';
import { type PlatformName, parseUserKey, parseWorkspaceKey } from '../../core/platform/ids.js';
import type { OutboundMessage } from '../../core/platform/messages.js';
import type { ClaimKey, Delivery, JobClaims, Logger } from '../../core/ports.js';
import { TickWindow } from '../../core/tick-window.js';
import type { FiguresPeriod, GroupFigures } from '../figures/figures.domain.js';
import { periodEndingBefore } from '../figures/figures.domain.js';
import type { Reader } from '../figures/figures.format.js';
import type { FiguresRepo } from '../figures/figures.repo.js';
import { pickFirst, readerLocale } from '../people/people.domain.js';
import type { PeopleRepo } from '../people/people.repo.js';
import { composeDigest, type DigestParts } from './digest.compose.js';
import type { DigestRepo } from './digest.repo.js';
import {
  type Cadence,
  type DigestPlan,
  digestPeriod,
  digestsBetween,
  nextDigest,
  weekdayBefore,
} from './digest.schedule.js';
import { type ParticipationSeries, participationPng, participationTable } from './participation-chart.js';

/** What a platform lets a digest be: how long a message, and whether a file can go with it. */
export interface DigestLimits {
  maxChars: number;
  files: boolean;
}

export interface DigestDeps {
  repo: DigestRepo;
  figures: FiguresRepo;
  people: PeopleRepo;
  delivery: Delivery;
  claims: JobClaims;
  logger: Logger;
  defaultLocale: Locale;
  defaultTimezone: string;
  catchUpMs: number;
  startedAt: Date;
  limits(platform: PlatformName): DigestLimits;
  /** Draws the chart; the default renders with the bundled font. */
  drawChart?: typeof participationPng;
  /** A group's last working day before a day, by its calendar; weekdays when not given. */
  workdayBefore?(groupId: string, day: string): string | undefined;
}

export const DIGEST_JOB = 'digest';
const START_LOOKBACK_MS = 24 * 60 * 60 * 1000;
const CHART_DAYS = 28;

const mention = (memberId: string) => `<@${parseUserKey(memberId).userId}>`;

/** A digest ready to send: its messages, the first carrying the chart when there is one. */
export interface BuiltDigest {
  messages: OutboundMessage[];
  groups: number;
}

/** Manager digests: subscriptions, and one DM per manager covering every group they manage. */
export class DigestService {
  readonly #window: TickWindow;

  constructor(private readonly deps: DigestDeps) {
    this.#window = new TickWindow(deps.startedAt, START_LOOKBACK_MS);
  }

  /**
   * The workspaces a command from this place is about, as (workspace, member) pairs: this one when
   * the member manages groups in it. A Discord DM is a workspace of its own (`@me`) with no groups:
   * there, every server where the same person manages groups. Empty when they manage none.
   */
  managerScopes(workspaceId: string, memberId: string): { workspaceId: string; memberId: string }[] {
    if (this.deps.repo.managedGroups(workspaceId, memberId).length > 0) return [{ workspaceId, memberId }];
    const user = parseUserKey(memberId);
    return this.deps.repo
      .managedWorkspaces(user.platform, user.userId)
      .filter((ws) => ws !== workspaceId)
      .map((ws) => ({ workspaceId: ws, memberId: `${ws}:${user.userId}` }));
  }

  /** Subscribes to one cadence (the other, if on, stays on); when the next one goes, in the zone it follows. */
  subscribe(
    workspaceId: string,
    memberId: string,
    cadence: Cadence,
    time: string,
    now: Date,
  ): { next: Date; zone: string } {
    this.deps.repo.subscribe({ workspaceId, memberId, cadence, time, createdAt: now });
    const zone = this.#zoneOf(memberId, workspaceId);
    return { next: nextDigest({ workspaceId, memberId, cadence, time, zone }, now), zone };
  }

  unsubscribe(workspaceId: string, memberId: string, cadence?: Cadence): boolean {
    return this.deps.repo.unsubscribe(workspaceId, memberId, cadence);
  }

  /** The cadences a member gets, daily before weekly. */
  cadences(workspaceId: string, memberId: string): Cadence[] {
    return this.deps.repo.subscriptions(workspaceId, memberId).map((s) => s.cadence);
  }

  /**
   * The digest of one manager at `now`: figures per managed group over the covered days (each in
   * its group's timezone), the overview across them, and for the weekly one the 4-week chart as a
   * PNG, or as a text table where files cannot be sent or the chart cannot be drawn. Scheduled
   * digests end yesterday; asked for now (`upToToday`), they include today's closed standups too.
   */
  build(workspaceId: string, memberId: string, cadence: Cadence, now: Date, upToToday = false): BuiltDigest {
    const member = this.deps.people.member(memberId);
    const locale = readerLocale(member, undefined, this.#workspaceLocale(workspaceId));
    const zone = this.#zoneOf(memberId, workspaceId);
    const reader: Reader = { t: translator(locale), locale, zone, mention };
    const platform = parseWorkspaceKey(workspaceId).platform;
    const limits = this.deps.limits(platform);
    const managed = this.deps.repo.managedGroups(workspaceId, memberId);
    // The period ends the day before `end`: yesterday, or today when asked for now.
    const endOf = (day: string) => (upToToday ? shiftDay(day, 1) : day);
    const periods = managed.map((g) =>
      digestPeriod(cadence, endOf(localDayOf(now, g.timezone)), (day) => this.#workdayBefore(g.id, day)),
    );
    const figures: GroupFigures[] = managed.map((g, i) =>
      this.deps.figures.figures(g.id, periods[i] as FiguresPeriod, now, localDayOf(now, g.timezone), false),
    );
    const mine = digestPeriod(cadence, endOf(localDayOf(now, zone)), weekdayBefore).current;
    // A daily digest is dated by the latest working day it covers: groups' calendars may differ.
    const latest = periods
      .map((p) => p.current.to)
      .sort()
      .at(-1);
    const period = cadence === 'daily' && latest ? { from: latest, to: latest } : mine;
    const day = (iso: string) =>
      DateTime.fromISO(iso, { zone: 'UTC' })
        .setLocale(locale)
        .toLocaleString({ month: 'short', day: 'numeric' });
    const title =
      cadence === 'weekly'
        ? reader.t('digest.title.weekly', { from: day(period.from), to: day(period.to) })
        : reader.t('digest.title.daily', { date: day(period.to) });
    const parts: DigestParts = { title };
    let chart: Buffer | undefined;
    if (cadence === 'weekly' && managed.length > 0) {
      const series: ParticipationSeries[] = managed.map((g, i) => ({
        group: figures[i]?.name ?? g.id,
        points: this.deps.figures.tallies(
          g.id,
          periodEndingBefore(endOf(localDayOf(now, g.timezone)), CHART_DAYS).current,
        ),
      }));
      chart = limits.files ? this.#chart(series, reader) : undefined;
      if (chart) parts.chartCaption = reader.t('digest.chart.caption');
      else
        parts.table = participationTable(series, {
          group: reader.t('digest.table.group'),
          week: (start) => day(start),
          more: (count) => reader.t('digest.table.more', { count }),
        });
    }
    const messages = composeDigest(figures, reader, parts, limits.maxChars);
    const first = messages[0];
    if (chart && first)
      first.attachments = [
        { filename: 'participation.png', contentType: 'image/png', base64: chart.toString('base64') },
      ];
    return { messages, groups: managed.length };
  }

  /** Sends a digest now (`/digest now`), outside the schedule. */
  async sendNow(workspaceId: string, memberId: string, cadence: Cadence, now: Date): Promise<void> {
    await this.#send(workspaceId, memberId, this.build(workspaceId, memberId, cadence, now, true), undefined);
  }

  /** The minute job: each subscriber's digest at their local time, claimed once per day (also when left unfinished by a process that died). */
  async tick(now: Date): Promise<void> {
    const since = new Date(now.getTime() - REDO_WITHIN_MS);
    const span = this.#window.advance(now, this.deps.claims.earliestUnfinished([DIGEST_JOB], since));
    if (!span) return;
    const { from } = span;
    const plans: DigestPlan[] = this.deps.repo.all().map((s) => ({
      workspaceId: s.workspaceId,
      memberId: s.memberId,
      cadence: s.cadence,
      time: s.time,
      zone: pickFirst(
        s.timezone,
        s.platformTimezone,
        s.workspaceTimezone,
        this.deps.defaultTimezone,
      ) as string,
    }));
    for (const due of digestsBetween(from, now, plans)) {
      const key: ClaimKey = {
        job: DIGEST_JOB,
        target: due.plan.memberId,
        slot: `${due.plan.cadence}:${due.day}`,
      };
      await runClaimed(this.deps, 'digest', key, due.at, now, async () => {
        const built = this.build(due.plan.workspaceId, due.plan.memberId, due.plan.cadence, now);
        // A manager whose groups are all gone gets nothing rather than an empty digest.
        if (built.groups > 0)
          await this.#send(
            due.plan.workspaceId,
            due.plan.memberId,
            built,
            `${key.job}:${key.target}:${key.slot}`,
          );
      });
    }
    // Reached only when no digest stopped on a busy database (that throws): the next span starts here.
    this.#window.covered(span);
  }

  async #send(
    workspaceId: string,
    memberId: string,
    built: BuiltDigest,
    dedupeKey: string | undefined,
  ): Promise<void> {
    const platform = parseWorkspaceKey(workspaceId).platform;
    for (const [i, message] of built.messages.entries())
      await this.deps.delivery.send(
        platform,
        { kind: 'dm', user: parseUserKey(memberId) },
        message,
        dedupeKey ? { dedupeKey: `${dedupeKey}:${i}` } : {},
      );
  }

  /** The chart, or nothing when it cannot be drawn (the table goes instead; the digest still goes). */
  #chart(series: ParticipationSeries[], reader: Reader): Buffer | undefined {
    try {
      return (this.deps.drawChart ?? participationPng)(series, {
        title: reader.t('digest.chart.title'),
        rateAxis: reader.t('digest.chart.axis'),
      });
    } catch (error) {
      this.deps.logger.error({ err: error }, 'digest chart could not be drawn; sending the table');
      return undefined;
    }
  }

  #workdayBefore(groupId: string, day: string): string {
    return this.deps.workdayBefore?.(groupId, day) ?? weekdayBefore(day);
  }

  /**
   * The one zone the groups someone manages are on, when they have no zone of their own and the
   * digest follows another: what `/muster timezone` would move it to. Undefined otherwise.
   */
  zoneToSuggest(workspaceId: string, memberId: string): string | undefined {
    const member = this.deps.people.member(memberId);
    if (member?.timezone || member?.platformTimezone) return undefined;
    const zones = new Set(this.deps.repo.managedGroups(workspaceId, memberId).map((g) => g.timezone));
    const [only] = zones;
    return zones.size === 1 && only !== this.#zoneOf(memberId, workspaceId) ? only : undefined;
  }

  #zoneOf(memberId: string, workspaceId: string): string {
    const member = this.deps.people.member(memberId);
    const workspace = this.deps.people.workspace(workspaceId);
    return pickFirst(
      member?.timezone,
      member?.platformTimezone,
      workspace?.defaultTimezone,
      this.deps.defaultTimezone,
    ) as string;
  }

  #workspaceLocale(workspaceId: string): Locale {
    return (
      (this.deps.people.workspace(workspaceId)?.defaultLocale as Locale | null) ?? this.deps.defaultLocale
    );
  }
}
