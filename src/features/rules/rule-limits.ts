import type { MessageKey, Params } from '../../core/i18n/catalog.js';
import { parseConversationKey } from '../../core/platform/ids.js';
import { PRESET_NAMES, PRESET_TERMS } from './presets.js';

/**
 * How much a group's and a workspace's rules may hold. Memory and compile time grow with the words
 * and their characters (one automaton state per character), so both are capped: the worst allowed
 * group (100,000 words, 1,000,000 characters, 100 rules) compiles in well under 150 MB and a couple
 * of seconds (bench/rules.bench.ts, "worst allowed set"). A workspace-wide rule counts in every group
 * it applies to. Rules that are off count too, so turning one back on never needs room.
 */
export const RULE_LIMITS = {
  rulesPerGroup: 100,
  rulesPerWorkspace: 1000,
  wordsPerGroup: 100_000,
  charactersPerGroup: 1_000_000,
  wordsPerWorkspace: 300_000,
  charactersPerWorkspace: 3_000_000,
} as const;

/** A stored rule, as far as the limits care. */
export interface StoredRule {
  id: number;
  groupId: string | null;
  kind: string;
  config: unknown;
}

interface Usage {
  rules: number;
  words: number;
  characters: number;
}

/** The words (banned words, preset lists) a rule puts in the automaton, and their characters. */
export function sizeOf(kind: string, config: unknown): { words: number; characters: number } {
  let terms: readonly unknown[] = [];
  if (kind === 'words') {
    const words = (config as { words?: unknown } | null)?.words;
    if (Array.isArray(words)) terms = words;
  } else if (kind === 'presets') {
    const lists = (config as { lists?: unknown } | null)?.lists;
    const names = Array.isArray(lists) ? PRESET_NAMES.filter((n) => lists.includes(n)) : PRESET_NAMES;
    terms = names.flatMap((n) => PRESET_TERMS[n]);
  }
  let characters = 0;
  for (const term of terms) if (typeof term === 'string') characters += term.length;
  return { words: terms.length, characters };
}

const none = (): Usage => ({ rules: 0, words: 0, characters: 0 });

/** The workspace-wide rules' usage and each group's own, in one pass. */
interface Totals {
  wide: Usage;
  own: Map<string, Usage>;
}

function totals(rules: readonly StoredRule[]): Totals {
  const result: Totals = { wide: none(), own: new Map() };
  for (const rule of rules) {
    let usage = result.wide;
    if (rule.groupId !== null) {
      usage = result.own.get(rule.groupId) ?? none();
      result.own.set(rule.groupId, usage);
    }
    const size = sizeOf(rule.kind, rule.config);
    usage.rules++;
    usage.words += size.words;
    usage.characters += size.characters;
  }
  return result;
}

/** What applies in a group: its own rules and the workspace-wide ones. */
function groupUsage(t: Totals, groupId: string): Usage {
  const own = t.own.get(groupId) ?? none();
  return {
    rules: own.rules + t.wide.rules,
    words: own.words + t.wide.words,
    characters: own.characters + t.wide.characters,
  };
}

/**
 * What the workspace compiles: each group with rules of its own compiles them with the
 * workspace-wide ones, and the groups without share one set of the workspace-wide ones; so
 * workspace-wide words count once for each group with rules of its own, and once more.
 */
function workspaceUsage(t: Totals): Usage {
  const usage = none();
  for (const own of t.own.values()) {
    usage.rules += own.rules;
    usage.words += own.words;
    usage.characters += own.characters;
  }
  const copies = t.own.size + 1;
  return {
    rules: usage.rules + t.wide.rules,
    words: usage.words + t.wide.words * copies,
    characters: usage.characters + t.wide.characters * copies,
  };
}

const number = (n: number) => n.toLocaleString('en-US');

/** A limit a change would pass, as a localized message: the limit, what is used, what to do. */
export interface LimitProblem {
  key: MessageKey;
  params: Params;
}

/**
 * Checks a change to a workspace's rules (`before` → `after`) made from `groupId`. Only a change
 * that takes a measure over its limit, or further over it, is refused: rules stored before the
 * limits existed can still be edited down or removed.
 */
export function checkLimits(
  before: readonly StoredRule[],
  after: readonly StoredRule[],
  groupId: string,
): LimitProblem | undefined {
  const grows = (was: number, now: number, max: number) => now > max && now > was;
  const old = totals(before);
  const changed = totals(after);
  // The acting group first, then every group a workspace-wide change reaches with rules of its own.
  for (const group of new Set([groupId, ...changed.own.keys()])) {
    const was = groupUsage(old, group);
    const now = groupUsage(changed, group);
    const params = { group: `<#${parseConversationKey(group).channelId}>` };
    if (grows(was.rules, now.rules, RULE_LIMITS.rulesPerGroup)) {
      return {
        key: 'rules.limit.groupRules',
        params: { ...params, used: number(was.rules), max: number(RULE_LIMITS.rulesPerGroup) },
      };
    }
    if (
      grows(was.words, now.words, RULE_LIMITS.wordsPerGroup) ||
      grows(was.characters, now.characters, RULE_LIMITS.charactersPerGroup)
    ) {
      return {
        key: 'rules.limit.groupSize',
        params: { ...params, ...sizes(was, now, RULE_LIMITS.wordsPerGroup, RULE_LIMITS.charactersPerGroup) },
      };
    }
  }
  const was = workspaceUsage(old);
  const now = workspaceUsage(changed);
  if (grows(was.rules, now.rules, RULE_LIMITS.rulesPerWorkspace)) {
    return {
      key: 'rules.limit.workspaceRules',
      params: { used: number(was.rules), max: number(RULE_LIMITS.rulesPerWorkspace) },
    };
  }
  if (
    grows(was.words, now.words, RULE_LIMITS.wordsPerWorkspace) ||
    grows(was.characters, now.characters, RULE_LIMITS.charactersPerWorkspace)
  ) {
    return {
      key: 'rules.limit.workspaceSize',
      params: sizes(was, now, RULE_LIMITS.wordsPerWorkspace, RULE_LIMITS.charactersPerWorkspace),
    };
  }
  return undefined;
}

function sizes(was: Usage, now: Usage, maxWords: number, maxCharacters: number): Params {
  return {
    words: number(now.words),
    characters: number(now.characters),
    usedWords: number(was.words),
    usedCharacters: number(was.characters),
    maxWords: number(maxWords),
    maxCharacters: number(maxCharacters),
  };
}
