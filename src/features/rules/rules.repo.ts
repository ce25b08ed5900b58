import { and, asc, desc, eq, gt, gte, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { auditLog, ruleExemptions, ruleSettings, rules, strikes } from '../../db/schema.js';
import { DEFAULT_LADDER, DEFAULT_STRIKE_DAYS, type LadderStep } from './escalation.domain.js';
import type { StoredRule } from './rule-limits.js';

export type RuleRow = typeof rules.$inferSelect;
export type ExemptionRow = typeof ruleExemptions.$inferSelect;
export type AuditRow = typeof auditLog.$inferSelect;

export interface NewRule {
  workspaceId: string;
  groupId: string | null;
  kind: string;
  config: unknown;
  actions: string[];
  strikes: number;
  preset?: string | undefined;
  mode?: 'enforce' | 'watch';
  createdBy: string;
}

/** Queries over rules, exemptions, strikes and the escalation ladder. */
export class RulesRepo {
  // Enforcement reads strikes and the ladder on every hit: prepared once, the ladder cached.
  readonly #active;
  readonly #ladders = new Map<string, { ladder: LadderStep[]; strikeDays: number }>();
  readonly #insertStrike;

  constructor(private readonly db: Db) {
    this.#active = db
      .select({ n: sql<number>`coalesce(sum(${strikes.count}), 0)` })
      .from(strikes)
      .where(
        and(
          eq(strikes.workspaceId, sql.placeholder('workspaceId')),
          eq(strikes.memberId, sql.placeholder('memberId')),
          sql`${strikes.expiresAt} > ${sql.placeholder('nowMs')}`,
          isNull(strikes.pardonedAt),
        ),
      )
      .prepare();
    this.#insertStrike = db
      .insert(strikes)
      .values({
        workspaceId: sql.placeholder('workspaceId'),
        memberId: sql.placeholder('memberId'),
        groupId: sql.placeholder('groupId'),
        ruleId: sql.placeholder('ruleId'),
        count: sql.placeholder('count'),
        at: sql.placeholder('at'),
        expiresAt: sql.placeholder('expiresAt'),
      })
      .prepare();
  }

  /** Rules that apply in a group: its own and the workspace-wide ones. */
  rulesFor(workspaceId: string, groupId: string): RuleRow[] {
    return this.db
      .select()
      .from(rules)
      .where(and(eq(rules.workspaceId, workspaceId), or(isNull(rules.groupId), eq(rules.groupId, groupId))))
      .orderBy(asc(rules.id))
      .all();
  }

  /** Every rule of a workspace, in every group and workspace-wide, on or off: for the limits. */
  workspaceRules(workspaceId: string): StoredRule[] {
    return this.db
      .select({ id: rules.id, groupId: rules.groupId, kind: rules.kind, config: rules.config })
      .from(rules)
      .where(eq(rules.workspaceId, workspaceId))
      .all();
  }

  rule(id: number): RuleRow | undefined {
    return this.db.select().from(rules).where(eq(rules.id, id)).get();
  }

  presetRule(workspaceId: string, groupId: string, preset: string): RuleRow | undefined {
    return this.db
      .select()
      .from(rules)
      .where(and(eq(rules.workspaceId, workspaceId), eq(rules.groupId, groupId), eq(rules.preset, preset)))
      .get();
  }

  insert(rule: NewRule, now: Date): RuleRow {
    return this.db
      .insert(rules)
      .values({ ...rule, preset: rule.preset ?? null, mode: rule.mode ?? 'enforce', createdAt: now })
      .returning()
      .get();
  }

  update(
    id: number,
    patch: Partial<Pick<RuleRow, 'config' | 'mode' | 'enabled' | 'groupId' | 'actions'>>,
    now: Date,
  ): void {
    this.db
      .update(rules)
      .set({ ...patch, updatedAt: now })
      .where(eq(rules.id, id))
      .run();
  }

  remove(id: number): void {
    this.db.delete(rules).where(eq(rules.id, id)).run();
  }

  exemptionsFor(workspaceId: string, groupId: string): ExemptionRow[] {
    return this.db
      .select()
      .from(ruleExemptions)
      .where(
        and(
          eq(ruleExemptions.workspaceId, workspaceId),
          or(isNull(ruleExemptions.groupId), eq(ruleExemptions.groupId, groupId)),
        ),
      )
      .all();
  }

  /** True when the exemption is new. */
  addExemption(entry: Omit<typeof ruleExemptions.$inferInsert, 'id'>): boolean {
    return this.db.insert(ruleExemptions).values(entry).onConflictDoNothing().run().changes === 1;
  }

  ladder(workspaceId: string): { ladder: LadderStep[]; strikeDays: number } {
    const cached = this.#ladders.get(workspaceId);
    if (cached) return cached;
    const row = this.db.select().from(ruleSettings).where(eq(ruleSettings.workspaceId, workspaceId)).get();
    const settings = row
      ? { ladder: row.ladder as LadderStep[], strikeDays: row.strikeDays }
      : { ladder: [...DEFAULT_LADDER], strikeDays: DEFAULT_STRIKE_DAYS };
    this.#ladders.set(workspaceId, settings);
    return settings;
  }

  setLadder(workspaceId: string, ladder: LadderStep[], strikeDays: number, now: Date): void {
    this.db
      .insert(ruleSettings)
      .values({ workspaceId, ladder, strikeDays, updatedAt: now })
      .onConflictDoUpdate({ target: ruleSettings.workspaceId, set: { ladder, strikeDays, updatedAt: now } })
      .run();
    this.#ladders.delete(workspaceId);
  }

  /** Strikes that still count: not expired, not pardoned. */
  activeStrikes(workspaceId: string, memberId: string, now: Date): number {
    return this.#active.get({ workspaceId, memberId, nowMs: now.getTime() })?.n ?? 0;
  }

  strikeHistory(workspaceId: string, memberId: string) {
    return this.db
      .select()
      .from(strikes)
      .where(and(eq(strikes.workspaceId, workspaceId), eq(strikes.memberId, memberId)))
      .orderBy(desc(strikes.at))
      .limit(20)
      .all();
  }

  addStrike(entry: Omit<typeof strikes.$inferInsert, 'id' | 'pardonedAt'>): void {
    this.#insertStrike.run({ ...entry, groupId: entry.groupId ?? null, ruleId: entry.ruleId ?? null });
  }

  /** Pardons the active strikes (those earned in `groupId`, when given); returns how many were lifted. */
  pardon(workspaceId: string, memberId: string, now: Date, groupId?: string): number {
    const active = and(
      eq(strikes.workspaceId, workspaceId),
      eq(strikes.memberId, memberId),
      gt(strikes.expiresAt, now),
      isNull(strikes.pardonedAt),
      groupId === undefined ? undefined : eq(strikes.groupId, groupId),
    );
    const lifted = this.db
      .select({ n: sql<number>`coalesce(sum(${strikes.count}), 0)` })
      .from(strikes)
      .where(active)
      .get();
    this.db.update(strikes).set({ pardonedAt: now }).where(active).run();
    return lifted?.n ?? 0;
  }

  /** Rule-related audit entries for a group, newest first. */
  log(filter: {
    workspaceId: string;
    groupId: string;
    targetId?: string;
    from?: Date;
    to?: Date;
    limit: number;
  }) {
    return this.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.workspaceId, filter.workspaceId),
          or(eq(auditLog.groupId, filter.groupId), isNull(auditLog.groupId)),
          sql`${auditLog.action} like 'rules.%'`,
          filter.targetId ? eq(auditLog.targetId, filter.targetId) : undefined,
          filter.from ? gte(auditLog.at, filter.from) : undefined,
          filter.to ? lte(auditLog.at, filter.to) : undefined,
        ),
      )
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(filter.limit)
      .all();
  }
}
