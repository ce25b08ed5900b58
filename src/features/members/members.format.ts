import { DateTime } from 'luxon';
import type { Translator } from '../../core/i18n/catalog.js';
import type { Locale } from '../../core/i18n/locale.js';
import { silentSince } from '../people/membership.domain.js';

/** Long lists are cut in a reply; the count says how many there are. */
export const MAX_LISTED = 50;

/** Where and for whom a list is written. */
export interface Reader {
  t: Translator;
  now: Date;
  timezone: string;
  locale: Locale;
}

/** A person in a group as a list line needs them. */
export interface ListedPerson {
  displayName: string;
  joinedAt: Date;
  lastActiveAt: Date | null;
}

function date(reader: Reader, at: Date): string {
  return DateTime.fromJSDate(at, { zone: reader.timezone })
    .setLocale(reader.locale)
    .toLocaleString(DateTime.DATE_MED);
}

/** Whole days from `at` to now on the reader's calendar: yesterday evening is one day ago. */
function calendarDays(reader: Reader, at: Date): number {
  const day = (d: Date) => DateTime.fromJSDate(d, { zone: reader.timezone }).startOf('day');
  return Math.max(0, Math.round(day(reader.now).diff(day(at), 'days').days));
}

/**
 * One person: when they last spoke, or that they never did since joining.
 * @example personLine(reader, { displayName: 'Bob', joinedAt, lastActiveAt: null }) → '• *Bob*: never spoke since joining on Oct 17, 2026 (45 days)'
 */
export function personLine(reader: Reader, person: ListedPerson): string {
  const since = silentSince(person.joinedAt, person.lastActiveAt);
  const spoke = person.lastActiveAt !== null && person.lastActiveAt >= person.joinedAt;
  // Counted in the reader's calendar days: "0 days ago" is not how anyone says today.
  const days = calendarDays(reader, since);
  if (days === 0)
    return reader.t(spoke ? 'members.lineToday' : 'members.lineNeverSpokeToday', {
      user: `*${person.displayName}*`,
    });
  return reader.t(spoke ? 'members.line' : 'members.lineNeverSpoke', {
    user: `*${person.displayName}*`,
    date: date(reader, since),
    days,
  });
}

/** Lines for a list, cut at MAX_LISTED with a count of the rest. */
export function personLines(reader: Reader, list: readonly ListedPerson[]): string {
  const shown = list.slice(0, MAX_LISTED).map((p) => personLine(reader, p));
  if (list.length > MAX_LISTED) shown.push(reader.t('members.andMore', { n: list.length - MAX_LISTED }));
  return shown.join('\n');
}

/**
 * The customer's people grouped by customer, each group under its customer's name (or "not yet
 * assigned to a customer"), customers in name order.
 */
export function customerSections<P extends ListedPerson & { customerName: string | null }>(
  reader: Reader,
  people: readonly P[],
): { title: string; lines: string }[] {
  const byCustomer = new Map<string, P[]>();
  for (const p of people) {
    const name = p.customerName ?? '';
    byCustomer.set(name, [...(byCustomer.get(name) ?? []), p]);
  }
  return [...byCustomer.entries()]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b, reader.locale)))
    .map(([name, list]) => ({
      title: name
        ? reader.t('members.customerHeading', { customer: name })
        : reader.t('members.customerUnassigned'),
      lines: personLines(reader, list),
    }));
}
