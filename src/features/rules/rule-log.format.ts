import { DateTime } from 'luxon';
import type { MessageKey, Params, Translator } from '../../core/i18n/catalog.js';
import { formatMinutes } from './escalation.domain.js';
import { type NameOf, readable } from './excerpt.js';
import type { RuleKind } from './rule-kinds.js';
import type { AuditRow } from './rules.repo.js';

/** Audit actions of rules, each with its words in the catalog (`rules.audit.*`, `rules.event.*`). */
export const AUDIT_ACTIONS = [
  'added',
  'changed',
  'removed',
  'enabled',
  'disabled',
  'watching',
  'scoped',
  'actionsChanged',
  'exempted',
  'ladderChanged',
  'cooldownChanged',
  'enforced',
  'watched',
  'pardoned',
] as const;
type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What an entry's details may hold, old entries included. */
interface Details {
  rule?: number;
  rules?: number[];
  kind?: string;
  kinds?: string[];
  reason?: string;
  reasonParams?: Params;
  actions?: Record<string, string>;
  strikes?: number;
  added?: number;
  minutes?: number;
  excerpt?: string;
}

/** Who is who in the entries being shown: a member's display name, a channel's name. */
export interface LogNames {
  member(key: string): string;
  nameOf: NameOf;
}

const ORDER = ['delete', 'warn', 'timeout', 'remove', 'ban', 'alert'];

function actionOf(row: AuditRow): AuditAction | undefined {
  const action = row.action.slice('rules.'.length) as AuditAction;
  return AUDIT_ACTIONS.includes(action) ? action : undefined;
}

/** "#1 Banned words, #2 Contact details": each rule by its id and the name of its kind. */
function rulesOf(details: Details, t: Translator): string {
  const ids = details.rules ?? (details.rule !== undefined && details.rule !== null ? [details.rule] : []);
  const kinds = details.kinds ?? (details.kind ? [details.kind] : []);
  return ids
    .map((id, i) => {
      const kind = kinds[i] as RuleKind | undefined;
      return kind ? t('rules.log.rule', { id, name: t(`rules.kind.${kind}`) }) : `#${id}`;
    })
    .join(t('list.separator'));
}

/** What Muster did, in words: "deleted the message, warned", or why it could not. */
function doneOf(details: Details, t: Translator): string {
  const entries = Object.entries(details.actions ?? {}).sort(
    ([a], [b]) => ORDER.indexOf(a) - ORDER.indexOf(b),
  );
  if (entries.length === 0) return t('rules.done.nothing');
  return entries
    .map(([action, outcome]) => {
      if (outcome.startsWith('fallback:')) {
        const why = outcome.slice('fallback:'.length) as 'not_supported' | 'missing_permission' | 'failed';
        const label =
          action === 'ban' ? t('rules.step.ban') : t(`rules.action.${action as 'delete'}` as MessageKey);
        return t('rules.done.fallback', { action: label, why: t(`rules.fallback.${why}`) });
      }
      if (action === 'timeout') {
        return t('rules.done.timeout', { duration: formatMinutes(details.minutes ?? 10, t) });
      }
      return t(`rules.done.${action as 'delete'}` as MessageKey);
    })
    .join(t('list.separator'));
}

function strikesOf(details: Details, t: Translator): string {
  if (details.strikes === undefined) return '';
  if (details.added === 0) return t('rules.log.noStrike', { strikes: details.strikes });
  return t('rules.log.strike', { strikes: details.strikes, added: details.added ?? details.strikes });
}

function reasonOf(details: Details, t: Translator): string {
  return details.reason && details.reasonParams ? t(details.reason as MessageKey, details.reasonParams) : '';
}

function excerptOf(details: Details, names: LogNames): string {
  return details.excerpt ? readable(details.excerpt, names.nameOf) : '';
}

const by = (row: AuditRow, names: LogNames) => (row.actorId ? names.member(row.actorId) : 'Muster');

/** One entry of the log, in the reader's language and timezone, as a person would write it. */
export function logLine(row: AuditRow, t: Translator, zone: string, names: LogNames): string {
  const when = DateTime.fromJSDate(row.at, { zone }).toFormat('yyyy-LL-dd HH:mm');
  const details = row.details as Details;
  const action = actionOf(row);
  const whom = row.targetId ? names.member(row.targetId) : '';
  if (action === 'enforced' || action === 'watched') {
    const rule = rulesOf(details, t);
    const line = t(action === 'enforced' ? 'rules.log.enforced' : 'rules.log.watched', {
      when,
      whom,
      rule,
      why: reasonOf(details, t) || rule,
      done: doneOf(details, t),
      strikes: strikesOf(details, t),
    });
    const excerpt = excerptOf(details, names);
    return excerpt ? `${line} · ${t('rules.log.excerpt', { text: excerpt })}` : line;
  }
  return t('rules.logLine', {
    when,
    who: by(row, names),
    what: action ? t(`rules.audit.${action}`) : row.action,
    whom,
    rule: rulesOf(details, t),
    actions: '',
    excerpt: '',
  })
    .replace(/\s{2,}/gu, ' ')
    .trim();
}

/** The header and rows of the CSV export: the same facts as the log, one column each. */
export function csvTable(
  rows: readonly AuditRow[],
  t: Translator,
  zone: string,
  names: LogNames,
): string[][] {
  const header = [
    t('rules.csv.time', { zone }),
    t('rules.csv.event'),
    t('rules.csv.by'),
    t('rules.csv.member'),
    t('rules.csv.rule'),
    t('rules.csv.done'),
    t('rules.csv.strikes'),
    t('rules.csv.reason'),
    t('rules.csv.excerpt'),
  ];
  const body = rows.map((row) => {
    const details = row.details as Details;
    const action = actionOf(row);
    const acted = action === 'enforced';
    return [
      DateTime.fromJSDate(row.at, { zone }).toFormat('yyyy-LL-dd HH:mm:ss'),
      action ? t(`rules.event.${action}`) : row.action,
      by(row, names),
      row.targetId ? names.member(row.targetId) : '',
      rulesOf(details, t),
      acted ? doneOf(details, t) : '',
      acted && details.strikes !== undefined ? String(details.strikes) : '',
      reasonOf(details, t),
      excerptOf(details, names),
    ];
  });
  return [header, ...body];
}
