import { DateTime } from 'luxon';
import type { GroupContext } from '../../core/commands/define-command.js';
import { csvField } from '../../core/csv.js';
import { UserFacingError } from '../../core/errors.js';
import type { Translator } from '../../core/i18n/catalog.js';
import { userKey } from '../../core/platform/ids.js';
import type { Db } from '../../db/client.js';
import { recordAudit } from '../audit/audit.repo.js';
import type { LadderStep } from './escalation.domain.js';
import { defaultActions } from './rule-admin.domain.js';
import { checkLimits, type StoredRule } from './rule-limits.js';
import { parseRuleInput, type RuleKind } from './rule-set.js';
import type { AuditRow, RuleRow, RulesRepo } from './rules.repo.js';

const LOG_LIMIT = 25;
const AUDIT_ACTIONS = [
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
  'enforced',
  'watched',
  'pardoned',
] as const;
type AuditAction = (typeof AUDIT_ACTIONS)[number];
const EXPORT_LIMIT = 100_000;

const mention = (key: string | null) => (key ? `<@${key.split(':')[2]}>` : 'Muster');

/** Rule changes as admins make them: each one stored and audited in one transaction. */
export class RulesAdmin {
  constructor(
    private readonly db: Db,
    private readonly repo: RulesRepo,
  ) {}

  rule(id: number): RuleRow | undefined {
    return this.repo.rule(id);
  }

  rulesFor(workspaceId: string, groupId: string): RuleRow[] {
    return this.repo.rulesFor(workspaceId, groupId);
  }

  #audit(ctx: GroupContext, action: string, details: Record<string, unknown>, targetId?: string): void {
    recordAudit(this.db, {
      workspaceId: ctx.workspaceId,
      groupId: ctx.groupId,
      actorId: userKey(ctx.actor.user),
      action,
      targetId,
      details,
      at: ctx.now,
    });
  }

  /**
   * Refuses a change that would take the group or the workspace past a limit (see RULE_LIMITS),
   * before anything is written.
   */
  #checkLimits(ctx: GroupContext, change: (rules: StoredRule[]) => StoredRule[]): void {
    const before = this.repo.workspaceRules(ctx.workspaceId);
    const problem = checkLimits(before, change(before), ctx.groupId);
    if (problem) throw new UserFacingError('rule_limit', problem.key, problem.params);
  }

  add(ctx: GroupContext, kind: RuleKind, config: unknown, preset?: string): RuleRow {
    this.#checkLimits(ctx, (rules) => [...rules, { id: 0, groupId: ctx.groupId, kind, config }]);
    return this.db.transaction(() => {
      const rule = this.repo.insert(
        {
          workspaceId: ctx.workspaceId,
          groupId: ctx.groupId,
          kind,
          config,
          actions: defaultActions(kind),
          strikes: 1,
          preset,
          createdBy: userKey(ctx.actor.user),
        },
        ctx.now,
      );
      this.#audit(ctx, 'rules.added', { rule: rule.id, kind, config });
      return rule;
    });
  }

  update(
    ctx: GroupContext,
    rule: RuleRow,
    patch: Partial<Pick<RuleRow, 'config' | 'mode' | 'enabled' | 'groupId' | 'actions'>>,
    action: string,
  ): RuleRow {
    if (patch.config !== undefined || patch.groupId !== undefined) {
      const moved = { ...rule, ...patch };
      this.#checkLimits(ctx, (rules) => rules.map((r) => (r.id === rule.id ? moved : r)));
    }
    return this.db.transaction(() => {
      this.repo.update(rule.id, patch, ctx.now);
      const before = Object.fromEntries(Object.keys(patch).map((k) => [k, rule[k as keyof RuleRow]]));
      this.#audit(ctx, action, { rule: rule.id, kind: rule.kind, before, after: patch });
      return this.repo.rule(rule.id) as RuleRow;
    });
  }

  remove(ctx: GroupContext, rule: RuleRow): void {
    this.db.transaction(() => {
      this.repo.remove(rule.id);
      this.#audit(ctx, 'rules.removed', { rule: rule.id, kind: rule.kind, config: rule.config });
    });
  }

  /** Turns a preset on (a rule of kind `presets` in this group) or off; returns the rule when on. */
  setPreset(ctx: GroupContext, name: string, on: boolean): RuleRow | undefined {
    const existing = this.repo.presetRule(ctx.workspaceId, ctx.groupId, name);
    if (!on) {
      if (existing) this.remove(ctx, existing);
      return undefined;
    }
    if (existing) {
      return existing.enabled
        ? existing
        : this.update(ctx, existing, { enabled: true, mode: 'enforce' }, 'rules.enabled');
    }
    const parsed = parseRuleInput('presets', name);
    if (!parsed.ok) throw new Error(`preset ${name} does not parse`);
    return this.add(ctx, 'presets', parsed.config, name);
  }

  exempt(
    ctx: GroupContext,
    ruleId: number | null,
    subject: { subject: 'member' | 'channel' | 'role'; value: string },
  ): boolean {
    return this.db.transaction(() => {
      const added = this.repo.addExemption({
        workspaceId: ctx.workspaceId,
        ruleId,
        groupId: ctx.groupId,
        subject: subject.subject,
        value: subject.value,
        createdBy: userKey(ctx.actor.user),
        createdAt: ctx.now,
      });
      if (added) this.#audit(ctx, 'rules.exempted', { rule: ruleId, ...subject });
      return added;
    });
  }

  ladder(workspaceId: string) {
    return this.repo.ladder(workspaceId);
  }

  setLadder(ctx: GroupContext, ladder: LadderStep[]): void {
    this.db.transaction(() => {
      const before = this.repo.ladder(ctx.workspaceId);
      this.repo.setLadder(ctx.workspaceId, ladder, before.strikeDays, ctx.now);
      this.#audit(ctx, 'rules.ladderChanged', { before: before.ladder, after: ladder });
    });
  }

  strikes(ctx: GroupContext, memberId: string) {
    return {
      active: this.repo.activeStrikes(ctx.workspaceId, memberId, ctx.now),
      history: this.repo.strikeHistory(ctx.workspaceId, memberId).reduce((n, s) => n + s.count, 0),
      strikeDays: this.repo.ladder(ctx.workspaceId).strikeDays,
    };
  }

  log(ctx: GroupContext, memberId: string | undefined, from?: Date, to?: Date): AuditRow[] {
    return this.repo.log({
      workspaceId: ctx.workspaceId,
      groupId: ctx.groupId,
      targetId: memberId,
      from,
      to,
      limit: LOG_LIMIT,
    });
  }

  /** One line of the log in the reader's language and timezone. */
  formatLogLine(row: AuditRow, t: Translator, zone: string): string {
    const when = DateTime.fromJSDate(row.at, { zone }).toFormat('yyyy-LL-dd HH:mm');
    const details = row.details as {
      rule?: number;
      excerpt?: string;
      actions?: Record<string, string>;
      strikes?: number;
    };
    const actions = details.actions
      ? Object.entries(details.actions)
          .map(
            ([action, outcome]) =>
              `${action}${outcome === 'done' || outcome === 'sent' ? '' : ` (${outcome})`}`,
          )
          .join(', ')
      : '';
    return t('rules.logLine', {
      when,
      who: mention(row.actorId),
      what: AUDIT_ACTIONS.includes(row.action.slice('rules.'.length) as AuditAction)
        ? t(`rules.audit.${row.action.slice('rules.'.length) as AuditAction}`)
        : row.action,
      whom: row.targetId ? mention(row.targetId) : '',
      rule: details.rule !== undefined ? `#${details.rule}` : '',
      actions,
      excerpt: details.excerpt ? `“${details.excerpt}”` : '',
    })
      .replace(/\s{2,}/g, ' ')
      .trim();
  }

  /** The group's rule audit log as CSV (UTF-8 with a BOM, so spreadsheet apps read Chinese right). */
  exportCsv(ctx: GroupContext, from?: Date, to?: Date): { filename: string; csv: string; rows: number } {
    const rows = this.repo.log({
      workspaceId: ctx.workspaceId,
      groupId: ctx.groupId,
      from,
      to,
      limit: EXPORT_LIMIT,
    });
    const header = ['time', 'action', 'actor', 'member', 'rule', 'actions', 'strikes', 'excerpt'];
    const lines = rows.map((row) => {
      const d = row.details as {
        rule?: number;
        rules?: number[];
        excerpt?: string;
        actions?: Record<string, string>;
        strikes?: number;
      };
      return [
        DateTime.fromJSDate(row.at, { zone: ctx.timezone }).toISO() ?? '',
        row.action,
        row.actorId ?? 'muster',
        row.targetId ?? '',
        String(d.rule ?? d.rules?.join(' ') ?? ''),
        d.actions
          ? Object.entries(d.actions)
              .map(([a, o]) => `${a}:${o}`)
              .join(' ')
          : '',
        d.strikes === undefined ? '' : String(d.strikes),
        d.excerpt ?? '',
      ]
        .map(csvField)
        .join(',');
    });
    const day = DateTime.fromJSDate(ctx.now, { zone: ctx.timezone }).toFormat('yyyyLLdd');
    return {
      filename: `muster-rules-log-${day}.csv`,
      csv: `\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n`,
      rows: rows.length,
    };
  }
}
