import { distance } from 'fastest-levenshtein';
import {
  type ActionSpec,
  type CommandSpec,
  type FormHandlerSpec,
  type HomeSection,
  MAX_FORM_FIELDS,
  type SubcommandSpec,
} from './define-command.js';
import { foldKeyword } from './tokenize.js';

/** What the features contribute: commands, and the handlers for the buttons and forms they show. */
export interface FeatureModule {
  commands?: readonly CommandSpec[];
  actions?: readonly ActionSpec[];
  forms?: readonly FormHandlerSpec[];
  /** A part of the person's Home page, in module order. */
  home?: HomeSection;
}

/**
 * All commands, buttons and forms, registered explicitly at start-up.
 * @example const registry = new CommandRegistry([settingsModule, rolesModule]); registry.command('role')
 */
export class CommandRegistry {
  readonly #commands = new Map<string, CommandSpec>();
  /** Folded alias → command name. */
  readonly #aliases = new Map<string, string>();
  readonly #actions = new Map<string, ActionSpec>();
  readonly #forms = new Map<string, FormHandlerSpec>();
  readonly #home: HomeSection[] = [];

  constructor(modules: readonly FeatureModule[]) {
    for (const module of modules) {
      for (const command of module.commands ?? []) this.#addCommand(command);
      for (const action of module.actions ?? []) this.#addUnique(this.#actions, action.actionId, action);
      for (const form of module.forms ?? []) {
        if (form.fields.length > MAX_FORM_FIELDS) {
          throw new Error(
            `form "${form.formId}" declares ${form.fields.length} fields; forms hold at most ${MAX_FORM_FIELDS}`,
          );
        }
        this.#addUnique(this.#forms, form.formId, form);
      }
      if (module.home) this.#home.push(module.home);
    }
  }

  #addCommand(spec: CommandSpec): void {
    for (const alias of spec.aliases ?? []) {
      const word = foldKeyword(alias);
      const owner = this.#aliases.get(word) ?? this.#commands.get(word)?.name;
      if (owner !== undefined && owner !== spec.name)
        throw new Error(`/${word} names /${owner} and /${spec.name}`);
      this.#aliases.set(word, spec.name);
    }
    const existing = this.#commands.get(spec.name);
    if (!existing) {
      this.#commands.set(spec.name, spec);
      return;
    }
    const taken = new Set(existing.subcommands.flatMap((s) => [s.name, ...(s.aliases ?? [])]));
    for (const sub of spec.subcommands) {
      for (const word of [sub.name, ...(sub.aliases ?? [])]) {
        if (taken.has(word)) throw new Error(`/${spec.name} ${word} is declared twice`);
      }
    }
    this.#commands.set(spec.name, {
      ...existing,
      aliases: [...(existing.aliases ?? []), ...(spec.aliases ?? [])],
      defaultSubcommand: existing.defaultSubcommand ?? spec.defaultSubcommand,
      textSubcommand: existing.textSubcommand ?? spec.textSubcommand,
      subcommands: [...existing.subcommands, ...spec.subcommands],
    });
  }

  #addUnique<T>(map: Map<string, T>, id: string, value: T): void {
    if (map.has(id)) throw new Error(`"${id}" is registered twice`);
    map.set(id, value);
  }

  commands(): CommandSpec[] {
    return [...this.#commands.values()];
  }

  /** A command by its name or one of its aliases, traditional Chinese and full-width forms included. */
  command(name: string): CommandSpec | undefined {
    const word = foldKeyword(name).replace(/^\//, '');
    return this.#commands.get(this.#aliases.get(word) ?? word);
  }

  actions(): ActionSpec[] {
    return [...this.#actions.values()];
  }

  forms(): FormHandlerSpec[] {
    return [...this.#forms.values()];
  }

  action(actionId: string): ActionSpec | undefined {
    return this.#actions.get(actionId);
  }

  form(formId: string): FormHandlerSpec | undefined {
    return this.#forms.get(formId);
  }

  homeSections(): readonly HomeSection[] {
    return this.#home;
  }
}

/** Finds a subcommand by its name or an alias, ignoring case, full-width and traditional forms. */
export function findSubcommand(command: CommandSpec, word: string): SubcommandSpec | undefined {
  const folded = foldKeyword(word);
  return command.subcommands.find(
    (s) => s.name === folded || s.aliases?.some((a) => foldKeyword(a) === folded),
  );
}

/**
 * The words a typo is compared with: the name and the Chinese aliases. Short English aliases (`ls`,
 * `rm`) would make unrelated slips look close.
 * @example suggestable({ name: 'list', aliases: ['ls', '列表'] }) → ['list', '列表']
 */
export function suggestable(spec: { name: string; aliases?: readonly string[] | undefined }): string[] {
  return [spec.name, ...(spec.aliases ?? []).filter((a) => /\p{Script=Han}/u.test(a))];
}

/**
 * The closest known word to a typo, if it is close enough to be a likely intent.
 * @example closest('hlep', ['help', 'settings']) === 'help'
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const folded = foldKeyword(word);
  let best: { word: string; score: number } | undefined;
  for (const candidate of candidates) {
    const score = candidate.startsWith(folded) && folded.length >= 2 ? 0.5 : distance(folded, candidate);
    if (!best || score < best.score) best = { word: candidate, score };
  }
  if (!best) return undefined;
  // A third of the word's length (at least 2 edits) catches swaps and slips without suggesting nonsense;
  // a Chinese word is two or three characters, each a word's worth, so one slip at most (站回 → 站会).
  const least = /\p{Script=Han}/u.test(best.word) ? 1 : 2;
  return best.score <= Math.max(least, Math.floor(best.word.length / 3)) ? best.word : undefined;
}
