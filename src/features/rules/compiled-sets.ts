import { createHash } from 'node:crypto';
import type { Logger } from '../../core/ports.js';
import { type CompiledRuleSet, compileRulesInSlices, type RuleDefinition } from './rule-set.js';
import type { Slices } from './word-matcher.js';

interface Entry {
  /** Set once compiled. */
  set: CompiledRuleSet | undefined;
  /** The compile still to run, or undefined once finished or failed. */
  slices: Slices<CompiledRuleSet> | undefined;
  /** Settles with the set, or undefined if the compile failed or was dropped. */
  ready: Promise<CompiledRuleSet | undefined>;
  settle: (set: CompiledRuleSet | undefined) => void;
}

/**
 * What {@link CompiledSets.get} has for a rule list: the set; or a promise of it while it compiles
 * (undefined if the compile is dropped for a newer one); or neither if it failed to compile.
 */
export type Compiled =
  | { set: CompiledRuleSet; ready?: undefined }
  | { set?: undefined; ready: Promise<CompiledRuleSet | undefined> }
  | { set?: undefined; ready?: undefined };

/**
 * Compiled rule sets by content, compiled between messages. Groups with the same rules (the same
 * workspace-wide rules and nothing else, say) share one set. A big set compiles in slices of a few
 * milliseconds with the event loop free in between, one set at a time so two big compiles never
 * hold their working memory at once; a small set compiles in its first slice, at once.
 */
export class CompiledSets {
  readonly #entries = new Map<string, Entry>();
  /** Keys waiting for their compile to run, oldest first. */
  readonly #queue: string[] = [];
  #running = false;
  #idle: (() => void)[] = [];

  constructor(
    private readonly logger: Logger,
    // Between two slices: setImmediate lets every waiting message be handled first.
    private readonly later: (run: () => void) => void = setImmediate,
  ) {}

  /** Equal rule lists (same ids, kinds and configs, in order) have equal keys. */
  static keyOf(rules: readonly RuleDefinition[]): string {
    const hash = createHash('sha256');
    for (const rule of rules)
      hash.update(`${rule.id}\u0000${rule.kind}\u0000${JSON.stringify(rule.config)}\u0001`);
    return hash.digest('base64');
  }

  /** The set compiled from `rules` (whose key is `key`), starting its compile if nobody has. */
  get(key: string, rules: readonly RuleDefinition[]): Compiled {
    const known = this.#entries.get(key);
    if (known) return known.set ? { set: known.set } : known.slices ? { ready: known.ready } : {};
    let settle: Entry['settle'] = () => undefined;
    const ready = new Promise<CompiledRuleSet | undefined>((resolve) => {
      settle = resolve;
    });
    const entry: Entry = { set: undefined, slices: compileRulesInSlices(rules), ready, settle };
    this.#entries.set(key, entry);
    // The first slice now: most sets are small and are ready before the message that asked is checked.
    this.#step(key, entry);
    if (entry.set) return { set: entry.set };
    this.#queue.push(key);
    this.#run();
    return { ready };
  }

  /** Forgets every set whose key is not listed; a compile nobody needs any more stops. */
  keepOnly(keys: ReadonlySet<string>): void {
    for (const [key, entry] of this.#entries) {
      if (keys.has(key)) continue;
      this.#entries.delete(key);
      entry.slices = undefined;
      entry.settle(undefined);
    }
  }

  /** Resolves once nothing is compiling. */
  idle(): Promise<void> {
    if (!this.#running) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  /** Runs one slice of the entry's compile; false when it is finished (or failed). */
  #step(key: string, entry: Entry): boolean {
    if (!entry.slices) return false;
    try {
      const step = entry.slices.next();
      if (!step.done) return true;
      entry.set = step.value;
      this.logger.debug({ rules: step.value.size }, 'rule set compiled');
    } catch (err) {
      // Groups keep the set they had. The entry stays, with neither set nor slices, so messages do
      // not start the same failing compile again; the next rule change (a new key) tries again.
      this.logger.error({ err, key }, 'rule set did not compile');
    }
    entry.slices = undefined;
    entry.settle(entry.set);
    return false;
  }

  #run(): void {
    if (this.#running) return;
    this.#running = true;
    const slice = (): void => {
      const key = this.#queue[0];
      const entry = key === undefined ? undefined : this.#entries.get(key);
      if (key !== undefined && (!entry || !this.#step(key, entry))) this.#queue.shift();
      if (this.#queue.length > 0) {
        this.later(slice);
        return;
      }
      this.#running = false;
      for (const resolve of this.#idle.splice(0)) resolve();
    };
    this.later(slice);
  }
}
