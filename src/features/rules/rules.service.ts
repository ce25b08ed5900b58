import type { Clock } from '../../core/clock.js';
import { allows } from '../../core/commands/define-command.js';
import type { Locale } from '../../core/i18n/locale.js';
import type { MessagePosted } from '../../core/platform/events.js';
import { conversationKey, userKey } from '../../core/platform/ids.js';
import type { Delivery, Logger, ResolvedActor } from '../../core/ports.js';
import type { Db } from '../../db/client.js';
import { recordAudit } from '../audit/audit.repo.js';
import type { Moderator } from '../moderation/moderator.js';
import type { PeopleRepo } from '../people/people.repo.js';
import { CompiledSets } from './compiled-sets.js';
import { Enforcer } from './enforcer.js';
import { FloodTracker } from './flood-tracker.js';
import {
  type CompiledRuleSet,
  compileRules,
  type MessageInput,
  type RuleDefinition,
  type RuleHit,
  type RuleKind,
} from './rule-set.js';
import type { ExemptionRow, RuleRow, RulesRepo } from './rules.repo.js';

export interface RulesDeps {
  db: Db;
  repo: RulesRepo;
  people: PeopleRepo;
  moderator: Moderator;
  delivery: Delivery;
  clock: Clock;
  logger: Logger;
  defaultLocale: Locale;
}

/** A group's rules as checks see them: the newest compiled set, and the rows and exemptions as stored now. */
interface GroupRules {
  set: CompiledRuleSet;
  byId: Map<number, RuleRow>;
  exemptions: ExemptionRow[];
  /** While the group's current rules compile (`set` is then the previous set): settles with the new set. */
  next: Promise<CompiledRuleSet | undefined> | undefined;
}

interface GroupState {
  /** Set by {@link RulesService.invalidate}: reread the rows before the next check. */
  stale: boolean;
  definitions: RuleDefinition[];
  /** Key of the compiled set the rows call for. */
  key: string;
  byId: Map<number, RuleRow>;
  exemptions: ExemptionRow[];
  /** The newest compiled set the group has had, and its key: older than `key` while that compiles. */
  set: CompiledRuleSet | undefined;
  setKey: string | undefined;
}

const NO_RULES = compileRules([]);
// Messages held for a second check while a set compiles; far above what a group posts in the seconds
// a compile takes, and a bound on the memory they hold if something goes wrong.
const MAX_RECHECKS = 1000;

/** Who a check is about: the author as the directory resolved them, where they wrote. */
export interface Author {
  workspaceId: string;
  groupId: string;
  memberId: string;
  level: ResolvedActor['level'];
}

/** A message as first checked, kept for a second check once a new set has compiled. */
interface Checked {
  event: MessagePosted;
  who: ResolvedActor;
  author: Author;
  message: MessageInput;
  now: Date;
}

/** Hits with their rule rows; hits of rules that are gone or off are dropped. */
function withRules(rules: GroupRules, hits: RuleHit[]): { hit: RuleHit; rule: RuleRow }[] {
  return hits.flatMap((hit) => {
    const rule = rules.byId.get(hit.ruleId);
    return rule ? [{ hit, rule }] : [];
  });
}

/**
 * Group rules at run time: compiled sets cached per group (rebuilt only when a rule changes), the
 * exemption check, and enforcement with strikes and the escalation ladder. Every act is audited.
 *
 * Compiling never holds up a message: after a change, messages are checked against the group's
 * previous set while the new one compiles in the background ({@link CompiledSets}), and each is
 * checked again against the new set once it is ready, so none slips through a new rule. A message
 * the previous set already acted on is not checked again: one message is one offence.
 */
export class RulesService {
  readonly #groups = new Map<string, GroupState>();
  readonly #sets: CompiledSets;
  readonly #rechecks = new Set<Promise<void>>();
  readonly flood = new FloodTracker();
  readonly #enforcer: Enforcer;

  constructor(private readonly deps: RulesDeps) {
    this.#sets = new CompiledSets(deps.logger);
    this.#enforcer = new Enforcer(deps, this.flood);
  }

  /** Marks every group's rules for rereading; each keeps its compiled set until the new one is ready. */
  invalidate(): void {
    for (const group of this.#groups.values()) group.stale = true;
  }

  /** Resolves once no rule set is compiling and every message held for one has been checked. */
  async settled(): Promise<void> {
    for (;;) {
      await this.#sets.idle();
      if (this.#rechecks.size === 0) return;
      await Promise.all(this.#rechecks);
    }
  }

  rulesOf(workspaceId: string, groupId: string): GroupRules {
    let group = this.#groups.get(groupId);
    if (!group || group.stale) {
      group = this.#read(workspaceId, groupId, group);
      this.#groups.set(groupId, group);
      this.#dropUnused();
    }
    let next: GroupRules['next'];
    if (group.setKey !== group.key) {
      const compiled = this.#sets.get(group.key, group.definitions);
      if (compiled.set) {
        group.set = compiled.set;
        group.setKey = group.key;
        this.#dropUnused();
      } else {
        next = compiled.ready;
      }
    }
    return { set: group.set ?? NO_RULES, byId: group.byId, exemptions: group.exemptions, next };
  }

  /** The group's rows and exemptions as stored now, keeping the compiled set it has. */
  #read(workspaceId: string, groupId: string, before: GroupState | undefined): GroupState {
    const rows = this.deps.repo.rulesFor(workspaceId, groupId).filter((r) => r.enabled);
    const definitions = rows.map((r) => ({ id: r.id, kind: r.kind as RuleKind, config: r.config }));
    return {
      stale: false,
      definitions,
      key: CompiledSets.keyOf(definitions),
      byId: new Map(rows.map((r) => [r.id, r])),
      exemptions: this.deps.repo.exemptionsFor(workspaceId, groupId),
      set: before?.set,
      setKey: before?.setKey,
    };
  }

  /** Lets go of compiled sets no group uses or waits for. */
  #dropUnused(): void {
    const keys = new Set<string>();
    for (const group of this.#groups.values()) {
      keys.add(group.key);
      if (group.setKey) keys.add(group.setKey);
    }
    this.#sets.keepOnly(keys);
  }

  /** Hits that apply to this author here: admins and managers, and exempt members, roles and channels, are left out. */
  #applicable(rules: GroupRules, hits: RuleHit[], author: Author, channelKey: string): RuleHit[] {
    // Customers and observers (guests) are held to the rules like members.
    if (allows(author.level, 'manager')) return [];
    if (hits.length === 0) return hits;
    const exemptions = rules.exemptions;
    if (exemptions.length === 0) return hits;
    let roles: string[] | undefined;
    const exempt = (e: ExemptionRow): boolean => {
      if (e.subject === 'member') return e.value === author.memberId;
      if (e.subject === 'channel') return e.value === channelKey;
      roles ??= this.deps.people.rolesOf(author.groupId, author.memberId);
      return roles.includes(e.value);
    };
    const exemptAll = exemptions.some((e) => e.ruleId === null && exempt(e));
    if (exemptAll) return [];
    return hits.filter((h) => !exemptions.some((e) => e.ruleId === h.ruleId && exempt(e)));
  }

  /**
   * What would fire for this text, and why; records nothing (for `/rules test`). Unlike a message, a
   * test waits for a compile in progress, so it always answers for the rules as they are now.
   */
  async test(author: Author, text: string, now: Date): Promise<{ hit: RuleHit; rule: RuleRow }[]> {
    let rules = this.rulesOf(author.workspaceId, author.groupId);
    if (rules.next) {
      await rules.next;
      rules = this.rulesOf(author.workspaceId, author.groupId);
    }
    const hits = rules.set.evaluate(
      {
        text,
        authorKey: author.memberId,
        channelKey: author.groupId,
        at: now.getTime(),
        authorMayBroadcast: false,
      },
      this.flood,
      { record: false },
    );
    return withRules(rules, hits);
  }

  /** Checks a posted message and enforces what it breaks. */
  async onMessage(event: MessagePosted, who: ResolvedActor): Promise<void> {
    if (!who.groupId || event.actor.isBot) return;
    const rules = this.rulesOf(who.workspaceId, who.groupId);
    if (rules.set.size === 0 && !rules.next) return;
    const author: Author = {
      workspaceId: who.workspaceId,
      groupId: who.groupId,
      memberId: userKey(event.actor.user),
      level: who.level,
    };
    if (allows(author.level, 'manager')) return;
    const now = this.deps.clock.now();
    const message: MessageInput = {
      text: event.text,
      authorKey: author.memberId,
      channelKey: conversationKey(event.conversation),
      at: now.getTime(),
      authorMayBroadcast: false,
    };
    const hits = withRules(
      rules,
      this.#applicable(rules, rules.set.evaluate(message, this.flood), author, message.channelKey),
    );
    if (rules.next && !hits.some((h) => h.rule.mode === 'enforce')) {
      this.#recheckWhenCompiled(rules.next, { event, who, author, message, now }, hits);
    }
    await this.#act({ event, who, author, message, now }, hits);
  }

  /**
   * Checks the message again once the set compiling now is ready, for the rules the previous set
   * did not already find. The message is already in the flood history, so flood rules are not run
   * again.
   */
  #recheckWhenCompiled(
    next: Promise<CompiledRuleSet | undefined>,
    checked: Checked,
    found: readonly { hit: RuleHit }[],
  ): void {
    if (this.#rechecks.size >= MAX_RECHECKS) {
      this.deps.logger.warn(
        { group: checked.author.groupId },
        'rule set compiling: message not held for a recheck',
      );
      return;
    }
    const seen = new Set(found.map((f) => f.hit.ruleId));
    const recheck = next
      .then(async (set) => {
        const { author, message } = checked;
        const rules = this.rulesOf(author.workspaceId, author.groupId);
        if (!set) {
          // Dropped for a newer change's compile: wait for that one. (A failed one has no `next`.)
          if (rules.next) this.#recheckWhenCompiled(rules.next, checked, found);
          return;
        }
        const hits = this.#applicable(rules, set.evaluate(message), author, message.channelKey);
        await this.#act(
          checked,
          withRules(rules, hits).filter((h) => !seen.has(h.hit.ruleId)),
        );
      })
      .catch((err: unknown) => this.deps.logger.error({ err }, 'rule recheck failed'))
      .finally(() => this.#rechecks.delete(recheck));
    this.#rechecks.add(recheck);
  }

  /** Logs hits of rules in watch mode and enforces the others. */
  async #act(checked: Checked, hits: { hit: RuleHit; rule: RuleRow }[]): Promise<void> {
    const { event, author, now } = checked;
    for (const { hit, rule } of hits.filter((w) => w.rule.mode === 'watch')) {
      recordAudit(this.deps.db, {
        workspaceId: author.workspaceId,
        groupId: author.groupId,
        action: 'rules.watched',
        targetId: author.memberId,
        details: {
          rule: rule.id,
          kind: rule.kind,
          reason: hit.reason.key,
          excerpt: this.#enforcer.excerptFor(event, { hit, rule }),
        },
        at: now,
      });
    }
    const enforced = hits.filter((w) => w.rule.mode === 'enforce');
    if (enforced.length > 0) await this.#enforcer.enforce(event, checked.who, author, enforced, now);
  }

  /** Lifts a member's active strikes: those earned in the author's group, or `everywhere` in the workspace. */
  pardon(
    author: { workspaceId: string; groupId: string; actorId: string },
    memberId: string,
    everywhere: boolean,
  ): number {
    const now = this.deps.clock.now();
    return this.deps.db.transaction(() => {
      const lifted = this.deps.repo.pardon(
        author.workspaceId,
        memberId,
        now,
        everywhere ? undefined : author.groupId,
      );
      recordAudit(this.deps.db, {
        workspaceId: author.workspaceId,
        groupId: author.groupId,
        actorId: author.actorId,
        action: 'rules.pardoned',
        targetId: memberId,
        details: { strikes: lifted, everywhere },
        at: now,
      });
      return lifted;
    });
  }
}
