import type { MessageKey, Params, Translator } from '../../core/i18n/catalog.js';
import { wordTable } from '../../core/word-table.js';

/** What a ladder step does to a member who reaches it. */
export type StepAction = 'warn' | 'timeout' | 'remove' | 'ban';

export interface LadderStep {
  strikes: number;
  action: StepAction;
  /** Time-out length. */
  minutes?: number;
}

/** Carl-bot/Dyno style: a warning first, then short and long time-outs, then out. */
export const DEFAULT_LADDER: readonly LadderStep[] = [
  { strikes: 1, action: 'warn' },
  { strikes: 3, action: 'timeout', minutes: 10 },
  { strikes: 5, action: 'timeout', minutes: 24 * 60 },
  { strikes: 7, action: 'remove' },
];

export const DEFAULT_STRIKE_DAYS = 30;

/** A member gets at most one strike per rule within this many minutes, unless the workspace says otherwise. */
export const DEFAULT_COOLDOWN_MINUTES = 10;
/** A cool-down from a minute to a day: shorter would not join a burst, longer would hide a second offence. */
export const COOLDOWN_RANGE = { min: 1, max: 1440 } as const;
/** A ladder is read by members: a handful of steps, each at a count of strikes people can reach. */
export const MAX_LADDER_STEPS = 10;
export const MAX_LADDER_STRIKES = 100;

/** The workspace's escalation: the ladder, how long strikes last, and the cool-down between strikes. */
export interface Escalation {
  ladder: LadderStep[];
  strikeDays: number;
  cooldownMinutes: number;
}

/**
 * Escalation as stored in `rule_settings.ladder`: the object `{ steps, cooldownMinutes }`, or the bare
 * list of steps stored before cool-downs existed (which then has the default cool-down).
 */
export function readEscalation(stored: unknown, strikeDays: number): Escalation {
  if (Array.isArray(stored)) {
    return { ladder: stored as LadderStep[], strikeDays, cooldownMinutes: DEFAULT_COOLDOWN_MINUTES };
  }
  const { steps, cooldownMinutes } = stored as { steps: LadderStep[]; cooldownMinutes?: number };
  return { ladder: steps, strikeDays, cooldownMinutes: cooldownMinutes ?? DEFAULT_COOLDOWN_MINUTES };
}

/** What {@link readEscalation} reads back. */
export function storedEscalation(escalation: Escalation): { steps: LadderStep[]; cooldownMinutes: number } {
  return { steps: escalation.ladder, cooldownMinutes: escalation.cooldownMinutes };
}

/**
 * The step a hit crosses: the highest step whose threshold lies in (before, after]. A member who
 * jumps two steps at once gets the harsher one; a step already passed is never applied again.
 * @example stepCrossed(DEFAULT_LADDER, 2, 3) → { strikes: 3, action: 'timeout', minutes: 10 }
 */
export function stepCrossed(
  ladder: readonly LadderStep[],
  before: number,
  after: number,
): LadderStep | undefined {
  let crossed: LadderStep | undefined;
  for (const step of ladder) {
    if (step.strikes > before && step.strikes <= after && (!crossed || step.strikes > crossed.strikes))
      crossed = step;
  }
  return crossed;
}

const ACTION_WORDS = wordTable<StepAction>({
  warn: 'warn',
  warning: 'warn',
  警告: 'warn',
  提醒: 'warn',
  timeout: 'timeout',
  mute: 'timeout',
  禁言: 'timeout',
  remove: 'remove',
  kick: 'remove',
  移出: 'remove',
  踢出: 'remove',
  ban: 'ban',
  封禁: 'ban',
});

const UNIT_MINUTES = wordTable<number>({
  m: 1,
  min: 1,
  mins: 1,
  minute: 1,
  minutes: 1,
  分: 1,
  分钟: 1,
  h: 60,
  hour: 60,
  hours: 60,
  小时: 60,
  时: 60,
  d: 1440,
  day: 1440,
  days: 1440,
  天: 1440,
  日: 1440,
});

/** Discord caps time-outs at 28 days. */
const MAX_TIMEOUT_MINUTES = 28 * 1440;

/**
 * Where a step starts inside a run typed without commas (`1 warn 3 timeout 10m 7 remove`): a number,
 * `次`/`strikes` at most, then an action word. A time-out's length (`10 min`) never matches.
 */
const STEP_START = new RegExp(
  `(?<=\\S\\s*)(?<![\\d])(\\d+\\s*(?:次|strikes?|x)?\\s*(?:${Object.keys(ACTION_WORDS).join('|')})(?![a-z]))`,
  'giu',
);

export type LadderParse = { ok: true; ladder: LadderStep[] } | { ok: false; key: MessageKey; params: Params };

/**
 * Reads a ladder as an admin types it, in English or Chinese, with either kind of comma.
 * @example parseLadder('1 warn, 3 timeout 10m, 7 remove') → ok
 * @example parseLadder('1次警告，3次禁言10分钟，7次移出') → ok
 */
export function parseLadder(text: string): LadderParse {
  const parts = text
    .normalize('NFKC')
    .replace(STEP_START, ',$1')
    .split(/[,;，；、\n]+/u)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return { ok: false, key: 'rules.ladder.empty', params: {} };
  if (parts.length > MAX_LADDER_STEPS) {
    return {
      ok: false,
      key: 'rules.ladder.tooManySteps',
      params: { max: MAX_LADDER_STEPS, given: parts.length },
    };
  }
  const steps: LadderStep[] = [];
  for (const part of parts) {
    const m =
      /^(\d+)\s*(?:次|strikes?|x)?\s*([a-z\u4e00-\u9fff]+?)\s*(?:(\d+)\s*([a-z\u4e00-\u9fff]+))?$/iu.exec(
        part,
      );
    const action = m ? ACTION_WORDS[(m[2] as string).toLowerCase()] : undefined;
    if (!m || !action) return { ok: false, key: 'rules.ladder.badStep', params: { step: part } };
    // Only a time-out has a length: `1 warn 1 timeout` is two steps typed wrong, not a warning.
    if (action !== 'timeout' && m[3])
      return { ok: false, key: 'rules.ladder.badStep', params: { step: part } };
    const step: LadderStep = { strikes: Number(m[1]), action };
    if (step.strikes < 1 || step.strikes > MAX_LADDER_STRIKES) {
      return {
        ok: false,
        key: 'rules.ladder.strikesRange',
        params: { step: part, min: 1, max: MAX_LADDER_STRIKES },
      };
    }
    if (action === 'timeout') {
      const unit = m[4] ? UNIT_MINUTES[m[4].toLowerCase()] : undefined;
      if (!m[3] || !unit) return { ok: false, key: 'rules.ladder.needsLength', params: { step: part } };
      step.minutes = Number(m[3]) * unit;
      if (!(step.minutes >= 1 && step.minutes <= MAX_TIMEOUT_MINUTES)) {
        return { ok: false, key: 'rules.ladder.tooLong', params: { step: part } };
      }
    }
    if (step.strikes < 1 || steps.some((s) => s.strikes === step.strikes)) {
      return { ok: false, key: 'rules.ladder.badStep', params: { step: part } };
    }
    steps.push(step);
  }
  return { ok: true, ladder: steps.sort((a, b) => a.strikes - b.strikes) };
}

export type CooldownParse = { ok: true; minutes: number } | { ok: false; key: MessageKey; params: Params };

/**
 * Reads a cool-down as an admin types it: a number with a unit (minutes when none is given).
 * @example parseCooldown('15m') → { ok: true, minutes: 15 }; parseCooldown('1 小时') → { ok: true, minutes: 60 }
 */
export function parseCooldown(text: string): CooldownParse {
  const m = /^(\d+)\s*([a-z\u4e00-\u9fff]*)$/iu.exec(text.normalize('NFKC').trim());
  const unit = m?.[2] ? UNIT_MINUTES[m[2].toLowerCase()] : 1;
  const minutes = m && unit ? Number(m[1]) * unit : Number.NaN;
  if (!(minutes >= COOLDOWN_RANGE.min && minutes <= COOLDOWN_RANGE.max)) {
    return { ok: false, key: 'rules.cooldown.range', params: { value: text.trim() } };
  }
  return { ok: true, minutes };
}

/** A duration as people say it: "10 min", "1 day", "3 小时". */
export function formatMinutes(minutes: number, t: Translator): string {
  if (minutes % 1440 === 0) return t('rules.duration.days', { n: minutes / 1440 });
  if (minutes % 60 === 0) return t('rules.duration.hours', { n: minutes / 60 });
  return t('rules.duration.minutes', { n: minutes });
}

/** One line per step, e.g. "3 strikes → time out for 10 min". */
export function describeLadder(ladder: readonly LadderStep[], t: Translator): string[] {
  return ladder.map((step) =>
    t('rules.ladder.step', {
      strikes: step.strikes,
      action:
        step.action === 'timeout'
          ? t('rules.step.timeout', { duration: formatMinutes(step.minutes ?? 10, t) })
          : t(`rules.step.${step.action}`),
    }),
  );
}
