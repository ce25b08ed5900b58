import { DateTime } from 'luxon';
import type { GroupContext } from '../../core/commands/define-command.js';
import { csvDocument } from '../../core/csv.js';
import { UserFacingError } from '../../core/errors.js';
import type { Translator } from '../../core/i18n/catalog.js';
import { parseWorkspaceKey, userKey } from '../../core/platform/ids.js';
import type { Db } from '../../db/client.js';
import { recordAudit } from '../audit/audit.repo.js';
import type { LadderStep } from './escalation.domain.js';
import { defaultActions } from './rule-admin.domain.js';
import { checkLimits, type StoredRule } from './rule-limits.js';
import { csvTable, type LogNames, logLine } from './rule-log.format.js';
import { parseRuleInput, type RuleKind } from './rule-set.js';
import type { AuditRow, RuleRow, RulesRepo } from './rules.repo.js';

const LOG_LIMIT = 25;
const EXPORT_LIMIT = 100_000;

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
      this.repo.setEscalation(ctx.workspaceId, { ...before, ladder }, ctx.now);
      this.#audit(ctx, 'rules.ladderChanged', { before: before.ladder, after: ladder });
    });
  }

  setCooldown(ctx: GroupContext, minutes: number): void {
    this.db.transaction(() => {
      const before = this.repo.ladder(ctx.workspaceId);
      this.repo.setEscalation(ctx.workspaceId, { ...before, cooldownMinutes: minutes }, ctx.now);
      this.#audit(ctx, 'rules.cooldownChanged', { before: before.cooldownMinutes, after: minutes });
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

  /** The log's title: it names the reader's timezone when it is not the group's. */
  logTitle(ctx: GroupContext): string {
    const groupZone = this.repo.groupInfo(ctx.groupId)?.timezone;
    return groupZone && groupZone !== ctx.timezone
      ? ctx.t('rules.logTitleZone', { zone: ctx.timezone })
      : ctx.t('rules.logTitle');
  }

  /** Lines of the log in the reader's language and timezone, people and channels by name. */
  logLines(ctx: GroupContext, rows: readonly AuditRow[], t: Translator): string[] {
    const names = this.#names(ctx, rows);
    return rows.map((row) => logLine(row, t, ctx.timezone, names));
  }

  /** The group's rule audit log as CSV, in the reader's language and timezone. */
  exportCsv(ctx: GroupContext, from?: Date, to?: Date): { filename: string; csv: string; rows: number } {
    const rows = this.repo.log({
      workspaceId: ctx.workspaceId,
      groupId: ctx.groupId,
      from,
      to,
      limit: EXPORT_LIMIT,
    });
    const day = DateTime.fromJSDate(ctx.now, { zone: ctx.timezone }).toFormat('yyyyLLdd');
    return {
      filename: `muster-rules-log-${day}.csv`,
      csv: csvDocument(csvTable(rows, ctx.t, ctx.timezone, this.#names(ctx, rows))),
      rows: rows.length,
    };
  }

  /** Display names of everyone the entries name (actors, members, mentions in excerpts), read at once. */
  #names(ctx: GroupContext, rows: readonly AuditRow[]): LogNames {
    const workspace = parseWorkspaceKey(ctx.workspaceId);
    const keyOf = (id: string) => userKey({ ...workspace, userId: id });
    const keys = new Set<string>();
    for (const row of rows) {
      if (row.actorId) keys.add(row.actorId);
      if (row.targetId) keys.add(row.targetId);
      const excerpt = (row.details as { excerpt?: string }).excerpt ?? '';
      for (const m of excerpt.matchAll(/<@!?([^>|\s]+)/gu)) keys.add(keyOf(m[1] as string));
    }
    const names = this.repo.namesOf([...keys]);
    // A member Muster never saw is shown by the platform's id for them, never by the stored key.
    const member = (key: string) => names.get(key) ?? key.slice(key.lastIndexOf(':') + 1);
    return {
      member,
      nameOf: (kind, id) =>
        kind === 'user'
          ? names.get(keyOf(id))
          : (this.repo.groupInfo(`${ctx.workspaceId}:${id}`)?.name ?? undefined),
    };
  }
}
