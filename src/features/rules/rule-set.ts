import RE2 from 're2';
import type { MessageKey } from '../../core/i18n/catalog.js';
import { type ContactKind, findContacts } from './contact-finder.js';
import type { FloodTracker } from './flood-tracker.js';
import { findLinks } from './link-finder.js';
import {
  checkCaps,
  checkContacts,
  checkLinks,
  checkMentions,
  contactKinds,
  countLetters,
  countMentions,
  type Finding,
} from './message-checks.js';
import { PRESET_TERMS, type PresetName } from './presets.js';
import { regexFlags } from './regex-check.js';
import {
  type FloodConfig,
  type MessageInput,
  type RuleConfig,
  type RuleDefinition,
  type RuleHit,
  type RuleKind,
  ruleConfigSchemas,
} from './rule-kinds.js';
import { NormalizedText } from './text-normalize.js';
import {
  buildWordMatcherInSlices,
  runToEnd,
  type Slices,
  TERMS_PER_SLICE,
  type WordEntry,
  type WordMatcher,
  type WordVisitor,
} from './word-matcher.js';

// The engine's whole API, in one module for the service and commands.
export { FloodTracker } from './flood-tracker.js';
export { validateRegex } from './regex-check.js';
export { describeRule } from './rule-describe.js';
export { parseRuleInput, type RuleInput } from './rule-input.js';
export {
  type MessageInput,
  RULE_KINDS,
  type RuleConfig,
  type RuleDefinition,
  type RuleHit,
  type RuleKind,
  ruleConfigSchemas,
} from './rule-kinds.js';

export interface EvaluateOptions {
  /**
   * Whether to add this message to the flood history (default true). `/rules test` passes false:
   * flood rules then answer "would this message flood?" from the history as it is, and the test
   * message does not count towards the member's next real messages.
   */
  record?: boolean;
}

/** A rule set ready to check messages; build it once per rule change with {@link compileRules}. */
export interface CompiledRuleSet {
  /**
   * The rules a message breaks, at most one hit per rule, in the order the rules were given.
   * Pass the workspace's FloodTracker for every posted message (also in channels without flood
   * rules, so flood rules see activity across channels); without it flood rules are skipped.
   */
  evaluate(message: MessageInput, flood?: FloodTracker, options?: EvaluateOptions): RuleHit[];
  /** Rules compiled (valid ones). */
  readonly size: number;
  /** Ids of rules whose stored config does not validate; they are left out, not thrown on. */
  readonly invalid: readonly number[];
}

const REGEXES_PER_SLICE = 16;
/** Normalized texts shorter than this never count as repeats: "ok", "好的", "+1" are fine to say often. */
const MIN_REPEAT_LENGTH = 4;
// Repeats compare at most this much of a message; spam differs early if at all.
const REPEAT_KEY_LENGTH = 500;

/** A valid rule and its place in the set. */
interface Slot<K extends RuleKind> {
  index: number;
  id: number;
  kind: K;
  config: RuleConfig<K>;
}
type AnySlot = { [K in RuleKind]: Slot<K> }[RuleKind];

interface RegexGroup {
  set: InstanceType<typeof RE2.Set>;
  rules: { slot: Slot<'regex'>; re: InstanceType<typeof RE2> }[];
}

const PRESET_REASON: Record<PresetName, MessageKey> = {
  profanity: 'rules.reason.preset.profanity',
  ads: 'rules.reason.preset.ads',
  gambling: 'rules.reason.preset.gambling',
};

type WordOwner = { slot: Slot<'words'> | Slot<'presets'>; key: MessageKey };

/** The valid rules sorted by what checks them, before anything is compiled. */
interface SortedRules {
  size: number;
  invalid: number[];
  position: Map<number, number>;
  entries: WordEntry[];
  /** For each automaton owner: its rule slot and reason. */
  wordOwners: WordOwner[];
  wordRules: number;
  regexes: Map<string, Slot<'regex'>[]>;
  links: Slot<'links'>[];
  contacts: Slot<'contacts'>[];
  mentions: Slot<'mentions'>[];
  caps: Slot<'caps'>[];
  flood: Slot<'flood'>[];
}

/**
 * Compiles rules into one matcher per engine: one Aho–Corasick automaton for every banned word and
 * preset, one RE2.Set per case mode for every pattern, and shared per-message scans (links,
 * contacts, mentions, letters) that each run once however many rules use them.
 * @example const rules = compileRules([{ id: 1, kind: 'words', config: { words: ['加微信', 'scam'] } }]);
 *          rules.evaluate({ text: '加 微 信 领红包', ... }) → [{ ruleId: 1, kind: 'words', evidence: '加 微 信', ... }]
 */
export function compileRules(rules: readonly RuleDefinition[]): CompiledRuleSet {
  return runToEnd(compileRulesInSlices(rules));
}

/**
 * {@link compileRules} in slices of a few milliseconds, for compiling big rule sets between
 * messages: a set of 100,000 words takes a few hundred slices.
 */
export function* compileRulesInSlices(rules: readonly RuleDefinition[]): Slices<CompiledRuleSet> {
  const sorted = yield* sortRules(rules);
  const normalized = new NormalizedText();
  const words = sorted.entries.length
    ? yield* buildWordMatcherInSlices(sorted.entries, normalized)
    : undefined;
  return new CompiledRules(sorted, words, normalized);
}

function* sortRules(definitions: readonly RuleDefinition[]): Slices<SortedRules> {
  const sorted: SortedRules = {
    size: 0,
    invalid: [],
    position: new Map(),
    entries: [],
    wordOwners: [],
    wordRules: 0,
    regexes: new Map(),
    links: [],
    contacts: [],
    mentions: [],
    caps: [],
    flood: [],
  };
  for (const rule of definitions) {
    const parsed = ruleConfigSchemas[rule.kind].safeParse(rule.config);
    if (!parsed.success) {
      sorted.invalid.push(rule.id);
      continue;
    }
    // The schema was picked by rule.kind, so the config belongs to that kind.
    const slot = { index: sorted.size, id: rule.id, kind: rule.kind, config: parsed.data } as AnySlot;
    sorted.position.set(rule.id, sorted.size++);
    switch (slot.kind) {
      case 'words': {
        const owner = sorted.wordOwners.push({ slot, key: 'rules.reason.words' }) - 1;
        for (const term of slot.config.words) sorted.entries.push({ term, owner });
        sorted.wordRules++;
        // Validating a long list takes milliseconds: a place to let messages through.
        if (slot.config.words.length >= TERMS_PER_SLICE) yield;
        break;
      }
      case 'presets': {
        for (const list of slot.config.lists) {
          const owner = sorted.wordOwners.push({ slot, key: PRESET_REASON[list] }) - 1;
          for (const term of PRESET_TERMS[list]) sorted.entries.push({ term, owner });
        }
        sorted.wordRules++;
        break;
      }
      case 'regex': {
        const flags = regexFlags(slot.config.ignoreCase);
        const group = sorted.regexes.get(flags) ?? [];
        group.push(slot);
        sorted.regexes.set(flags, group);
        // Validating a pattern compiles it: every few patterns, a place to let messages through.
        if (group.length % REGEXES_PER_SLICE === 0) yield;
        break;
      }
      case 'links':
        sorted.links.push(slot);
        break;
      case 'contacts':
        sorted.contacts.push(slot);
        break;
      case 'mentions':
        sorted.mentions.push(slot);
        break;
      case 'caps':
        sorted.caps.push(slot);
        break;
      case 'flood':
        sorted.flood.push(slot);
        break;
    }
  }
  return sorted;
}

class CompiledRules implements CompiledRuleSet, WordVisitor {
  readonly size: number;
  readonly invalid: readonly number[];
  private readonly wordOwners: WordOwner[];
  private readonly wordRules: number;
  private readonly regexGroups: RegexGroup[] = [];
  private readonly links: Slot<'links'>[];
  private readonly contacts: Slot<'contacts'>[];
  private readonly contactKinds: ReadonlySet<ContactKind>;
  private readonly mentions: Slot<'mentions'>[];
  private readonly caps: Slot<'caps'>[];
  private readonly flood: Slot<'flood'>[];
  private readonly position: Map<number, number>;
  private regexBuffer = Buffer.alloc(1024);
  // State of the scan in progress, read by onWord: a scan never allocates a closure.
  private readonly wordHit: Int32Array;
  private generation = 0;
  private scanText = '';
  private scanHits: RuleHit[] = [];
  private scanRemaining = 0;

  constructor(
    sorted: SortedRules,
    private readonly words: WordMatcher | undefined,
    private readonly normalized: NormalizedText,
  ) {
    this.size = sorted.size;
    this.invalid = sorted.invalid;
    this.position = sorted.position;
    this.wordOwners = sorted.wordOwners;
    this.wordRules = sorted.wordRules;
    this.links = sorted.links;
    this.contacts = sorted.contacts;
    this.mentions = sorted.mentions;
    this.caps = sorted.caps;
    this.flood = sorted.flood;
    this.wordHit = new Int32Array(sorted.size);
    for (const [flags, slots] of sorted.regexes) {
      this.regexGroups.push({
        set: new RE2.Set(
          slots.map((s) => s.config.pattern),
          flags,
        ),
        rules: slots.map((slot) => ({ slot, re: new RE2(slot.config.pattern, flags) })),
      });
    }
    this.contactKinds = new Set(this.contacts.flatMap((s) => contactKinds(s.config)));
  }

  evaluate(message: MessageInput, flood?: FloodTracker, options: EvaluateOptions = {}): RuleHit[] {
    const text = message.text;
    const hits: RuleHit[] = [];
    let normalized = false;
    if (this.words) {
      this.normalized.read(text);
      normalized = true;
      this.scanWords(this.words, text, hits);
    }
    if (this.regexGroups.length) this.checkRegexes(text, hits);
    if (this.links.length) {
      const links = findLinks(text);
      for (const s of this.links) add(hits, s, checkLinks(s.config, links, text));
    }
    if (this.contacts.length) {
      const found = findContacts(text, this.contactKinds);
      for (const s of this.contacts) add(hits, s, checkContacts(s.config, found, text));
    }
    if (this.mentions.length) {
      const count = countMentions(text);
      for (const s of this.mentions) {
        add(hits, s, checkMentions(s.config, count, message.authorMayBroadcast, text));
      }
    }
    if (this.caps.length) {
      const count = countLetters(text);
      for (const s of this.caps) add(hits, s, checkCaps(s.config, count, text));
    }
    if (flood) {
      if (!normalized) this.normalized.read(text);
      const repeatKey =
        this.normalized.length >= MIN_REPEAT_LENGTH ? this.normalized.hash(REPEAT_KEY_LENGTH) : undefined;
      for (const s of this.flood) add(hits, s, checkFlood(s.config, flood, message, repeatKey));
      if (options.record !== false) flood.record(message.authorKey, repeatKey, message.at);
    }
    if (hits.length > 1) {
      hits.sort((a, b) => (this.position.get(a.ruleId) ?? 0) - (this.position.get(b.ruleId) ?? 0));
    }
    return hits;
  }

  private scanWords(words: WordMatcher, text: string, hits: RuleHit[]): void {
    if (++this.generation === 0x7fffffff) {
      this.generation = 1;
      this.wordHit.fill(0);
    }
    this.scanText = text;
    this.scanHits = hits;
    this.scanRemaining = this.wordRules;
    words.scan(this.normalized, this);
    this.scanText = '';
  }

  /** Called by the automaton for each match; the first match of each rule is its hit. */
  onWord(owner: number, term: string, first: number, last: number): boolean {
    const { slot, key } = this.wordOwners[owner] as WordOwner;
    if (this.wordHit[slot.index] === this.generation) return false;
    this.wordHit[slot.index] = this.generation;
    const evidence = this.scanText.slice(this.normalized.from[first], this.normalized.to[last]);
    this.scanHits.push({
      ruleId: slot.id,
      kind: slot.kind,
      reason: { key, params: { word: term } },
      evidence,
    });
    return --this.scanRemaining === 0;
  }

  private checkRegexes(text: string, hits: RuleHit[]): void {
    // RE2 reads UTF-8; writing into a kept buffer saves converting the string on every call.
    if (this.regexBuffer.length < text.length * 3) this.regexBuffer = Buffer.alloc(text.length * 3);
    const bytes = this.regexBuffer.subarray(0, this.regexBuffer.write(text));
    for (const group of this.regexGroups) {
      for (const i of group.set.match(bytes)) {
        const rule = group.rules[i];
        if (!rule) continue;
        const evidence = rule.re.exec(text)?.[0] ?? '';
        add(hits, rule.slot, {
          key: 'rules.reason.regex',
          params: { pattern: rule.slot.config.pattern },
          evidence,
        });
      }
    }
  }
}

function add(hits: RuleHit[], slot: Slot<RuleKind>, finding: Finding | undefined): void {
  if (finding) {
    hits.push({
      ruleId: slot.id,
      kind: slot.kind,
      reason: { key: finding.key, params: finding.params },
      evidence: finding.evidence,
    });
  }
}

function checkFlood(
  config: FloodConfig,
  flood: FloodTracker,
  message: MessageInput,
  repeatKey: number | undefined,
): Finding | undefined {
  if (config.maxMessages > 0) {
    const count = flood.countMessages(message.authorKey, message.at, config.seconds * 1000) + 1;
    if (count > config.maxMessages) {
      return {
        key: 'rules.reason.flood.messages',
        params: { count, seconds: config.seconds },
        evidence: message.text,
      };
    }
  }
  if (config.repeats > 0 && repeatKey !== undefined) {
    const count =
      flood.countRepeats(message.authorKey, repeatKey, message.at, config.repeatSeconds * 1000) + 1;
    if (count >= config.repeats) {
      return {
        key: 'rules.reason.flood.repeats',
        params: { count, seconds: config.repeatSeconds },
        evidence: message.text,
      };
    }
  }
  return undefined;
}
