import { and, asc, desc, eq, gt, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { auditLog, groups, members, ruleExemptions, ruleSettings, rules, strikes } from '../../db/schema.js';
import {
  DEFAULT_COOLDOWN_MINUTES,
  DEFAULT_LADDER,
  DEFAULT_STRIKE_DAYS,
  type Escalation,
  readEscalation,
  storedEscalation,
} from './escalation.domain.js';
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

/** A time a rule acted on a member: `count` 0 when it acted without a strike. */
export interface StrikeMark {
  ruleId: number;
  count: number;
  at: Date;
  pardoned: boolean;
}

/** Queries over rules, exemptions, strikes and the escalation ladder. */
export class RulesRepo {
  // Enforcement reads strikes on every hit: prepared once. The escalation settings are read each
  // time, inside the enforcing transaction, so a change another process made counts at once.
  readonly #active;
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

  /** The workspace's ladder, strike lifetime and cool-down (the defaults until an admin sets them). */
  ladder(workspaceId: string): Escalation {
    const row = this.db.select().from(ruleSettings).where(eq(ruleSettings.workspaceId, workspaceId)).get();
    return row
      ? readEscalation(row.ladder, row.strikeDays)
      : {
          ladder: [...DEFAULT_LADDER],
          strikeDays: DEFAULT_STRIKE_DAYS,
          cooldownMinutes: DEFAULT_COOLDOWN_MINUTES,
        };
  }

  setEscalation(workspaceId: string, escalation: Escalation, now: Date): void {
    const ladder = storedEscalation(escalation);
    const strikeDays = escalation.strikeDays;
    this.db
      .insert(ruleSettings)
      .values({ workspaceId, ladder, strikeDays, updatedAt: now })
      .onConflictDoUpdate({ target: ruleSettings.workspaceId, set: { ladder, strikeDays, updatedAt: now } })
      .run();
  }

  /** What these rules did to the member since `since`, newest first. */
  marksSince(workspaceId: string, memberId: string, ruleIds: readonly number[], since: Date): StrikeMark[] {
    return this.db
      .select({
        ruleId: sql<number>`${strikes.ruleId}`,
        count: strikes.count,
        at: strikes.at,
        pardoned: sql<boolean>`${strikes.pardonedAt} is not null`,
      })
      .from(strikes)
      .where(
        and(
          eq(strikes.workspaceId, workspaceId),
          eq(strikes.memberId, memberId),
          inArray(strikes.ruleId, [...ruleIds]),
          gte(strikes.at, since),
        ),
      )
      .orderBy(desc(strikes.at))
      .all()
      .map((mark) => ({ ...mark, pardoned: Boolean(mark.pardoned) }));
  }

  /** Display names of members, by key; a member never seen has none. */
  namesOf(ids: readonly string[]): Map<string, string> {
    if (ids.length === 0) return new Map();
    const rows = this.db
      .select({ id: members.id, name: members.displayName })
      .from(members)
      .where(inArray(members.id, [...ids]))
      .all();
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** A group's name and timezone. */
  groupInfo(groupId: string): { name: string | null; timezone: string } | undefined {
    return this.db
      .select({ name: groups.name, timezone: groups.timezone })
      .from(groups)
      .where(eq(groups.id, groupId))
      .get();
  }

  /** Strikes that still count: not expired, not pardoned. */
  activeStrikes(workspaceId: string, memberId: string, now: Date): number {
    return this.#active.get({ workspaceId, memberId, nowMs: now.getTime() })?.n ?? 0;
  }

  strikeHistory(workspaceId: string, memberId: string) {
    return this.db
      .select()
      .from(strikes)
      .where(and(eq(strikes.workspaceId, workspaceId), eq(strikes.memberId, memberId), gt(strikes.count, 0)))
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
