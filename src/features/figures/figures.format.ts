import { DateTime } from 'luxon';
import type { Translator } from '../../core/i18n/catalog.js';
import type { Locale } from '../../core/i18n/locale.js';
import { truncate } from '../../core/platform/text-split.js';
import type { ActionItemFigure, GroupFigures } from './figures.domain.js';

/** How a reader sees things: their language, their timezone, and how to mention someone. */
export interface Reader {
  t: Translator;
  locale: Locale;
  zone: string;
  mention(memberId: string): string;
}

/** Lines kept per list, so a busy group's section stays readable; the rest is counted. */
const LIST_MAX = 8;
const QUOTE_MAX = 80;

export function percent(rate: number | null): string {
  return rate === null ? '–' : `${Math.round(rate * 100)}%`;
}

/** "↑5 pts" / "↓3 pts" / "→" against the previous period; empty without one. */
export function trend(current: number | null, previous: number | null, t: Translator): string {
  if (current === null || previous === null) return '';
  const points = Math.round((current - previous) * 100);
  if (points === 0) return t('figures.trend.flat');
  return t(points > 0 ? 'figures.trend.up' : 'figures.trend.down', { points: Math.abs(points) });
}

/** A due day as the reader reads it: "Fri, Dec 4" / "12月4日周五". */
export function dueLabel(day: string, reader: Reader): string {
  return DateTime.fromISO(day, { zone: 'UTC' })
    .setLocale(reader.locale)
    .toLocaleString({ month: 'short', day: 'numeric', weekday: 'short' });
}

function capped(lines: string[], t: Translator): string[] {
  if (lines.length <= LIST_MAX) return lines;
  return [...lines.slice(0, LIST_MAX), t('figures.andMore', { n: lines.length - LIST_MAX })];
}

export function participationLine(f: GroupFigures, t: Translator): string {
  const p = f.participation;
  if (p.days.length === 0) return t('figures.participation.none');
  const change = trend(p.rate, p.previousRate, t);
  return t('figures.participation.line', {
    rate: percent(p.rate),
    days: p.days.length,
    trend: change ? ` ${change}` : '',
  });
}

/** Members who missed days; with answers listed too in the review's full view. */
export function memberLines(f: GroupFigures, reader: Reader): string[] {
  const missed = f.participation.members.filter((m) => m.missed > 0);
  const lines = missed.map((m) =>
    reader.t('figures.member.missed', { name: m.name, answered: m.answered, missed: m.missed }),
  );
  if (f.participation.days.length > 0)
    lines.push(reader.t(missed.length ? 'figures.member.restAll' : 'figures.member.everyone'));
  return capped(lines, reader.t);
}

export function blockerLines(f: GroupFigures, t: Translator): string[] {
  if (f.blockers.length === 0) return [t('figures.blockers.none')];
  return capped(
    f.blockers.map((b) =>
      t(
        b.solved
          ? 'figures.blocker.solved'
          : b.escalated
            ? 'figures.blocker.escalated'
            : 'figures.blocker.open',
        {
          name: b.name,
          days: b.days,
          text: truncate(b.text.replace(/\s+/gu, ' '), QUOTE_MAX),
        },
      ),
    ),
    t,
  );
}

export function feedbackLine(f: GroupFigures, t: Translator): string {
  const fb = f.feedback;
  const line = scaleLine(f, t);
  // Scores kept on the scale they were given on are named apart, never mixed into the figure.
  return fb.otherScaleCount > 0
    ? `${line}\n${t('figures.feedback.otherScale', { count: fb.otherScaleCount })}`
    : line;
}

function scaleLine(f: GroupFigures, t: Translator): string {
  const fb = f.feedback;
  if (fb.count === 0) return t('figures.feedback.none', { previous: fb.previousCount });
  const score =
    fb.scale === 'nps'
      ? t('figures.feedback.nps', { nps: Math.round(fb.nps ?? 0) })
      : t('figures.feedback.average', { average: (fb.average ?? 0).toFixed(1) });
  return t('figures.feedback.line', {
    count: fb.count,
    score,
    previous: fb.previousCount,
    alerts: fb.alerts,
  });
}

export function worstLines(f: GroupFigures, t: Translator): string[] {
  const max = f.feedback.scale === 'nps' ? 10 : 5;
  return f.feedback.worst.map((w) =>
    t('figures.feedback.worst', {
      id: w.id,
      customer: w.customer,
      score: w.score,
      max,
      comment: w.comment ? truncate(w.comment.replace(/\s+/gu, ' '), QUOTE_MAX) : '–',
    }),
  );
}

export function moderationLine(f: GroupFigures, t: Translator): string {
  const m = f.moderation;
  if (m.violations === 0) return t('figures.moderation.none');
  return t('figures.moderation.line', {
    violations: m.violations,
    offenders: m.offenders,
    sanctions: m.sanctions,
  });
}

export function inactiveLine(f: GroupFigures, t: Translator): string {
  const i = f.inactive;
  if (i.count === 0) return t('figures.inactive.none');
  const more = i.count - i.names.length;
  return t('figures.inactive.line', {
    count: i.count,
    names: i.names.join(t('list.separator')) + (more > 0 ? t('figures.inactive.more', { n: more }) : ''),
  });
}

/** "due Wed, Dec 9" or "no due date", as a line about an open item says it. */
export function duePhrase(dueDay: string | null, reader: Reader): string {
  return dueDay
    ? reader.t('figures.action.dueOn', { day: dueLabel(dueDay, reader) })
    : reader.t('figures.action.noDue');
}

export function actionLine(item: ActionItemFigure, reader: Reader): string {
  const overdue = item.overdue && item.dueDay;
  return reader.t(overdue ? 'figures.action.overdue' : 'figures.action.open', {
    id: item.id,
    text: truncate(item.text, QUOTE_MAX),
    owner: reader.mention(item.ownerId),
    due: overdue ? dueLabel(overdue, reader) : duePhrase(item.dueDay, reader),
  });
}

export function actionLines(items: readonly ActionItemFigure[], reader: Reader): string[] {
  if (items.length === 0) return [reader.t('figures.actions.none')];
  return capped(
    items.map((i) => actionLine(i, reader)),
    reader.t,
  );
}
