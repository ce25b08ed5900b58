import { tokenize } from '../../core/commands/tokenize.js';
import { wordTable } from '../../core/word-table.js';
import { isPersonName, personName } from './console-names.js';

/** A console meta command (lines starting with ':'). */
export type MetaCommand =
  | { kind: 'as'; user: string }
  | { kind: 'admin'; user: string }
  | { kind: 'in'; channel: string; people: string[] }
  | { kind: 'dm' }
  | { kind: 'advance'; ms: number }
  | { kind: 'at'; local: string }
  | { kind: 'click'; index: number }
  | { kind: 'role'; user: string; role: string }
  | { kind: 'help' }
  | { kind: 'quit' }
  | { kind: 'invalid'; line: string; notPerson?: string };

const UNIT_MS = wordTable<number>({ s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 });

/**
 * Reads durations such as `90s`, `2h30m`, `1d`, `1w`.
 * @example parseDuration('2h30m') === 9_000_000
 */
export function parseDuration(text: string): number | undefined {
  const compact = text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  if (!/^(\d+[smhdw])+$/.test(compact)) return undefined;
  let total = 0;
  for (const [, n, unit] of compact.matchAll(/(\d+)([smhdw])/g))
    total += Number(n) * (UNIT_MS[unit as string] as number);
  return total;
}

/** A person named in a control: `bob`, `@张伟`, `＠"王 小明"`; undefined when it is no name. */
function person(word: string | undefined): string | undefined {
  const name = personName((word ?? '').replace(/^[@＠]/u, ''));
  return name && isPersonName(name) ? name : undefined;
}

/**
 * Parses a console meta command (after `:` or the full-width `：`). A name with a space is quoted,
 * or, for `:as` and `:admin`, simply the rest of the line.
 * @example parseMeta(':as bob') → { kind: 'as', user: 'bob' }; parseMeta(':advance 1d') → { kind: 'advance', ms: 86400000 }
 * @example parseMeta(':in #general @张伟 @"王 小明"') → { kind: 'in', channel: 'general', people: ['张伟', '王 小明'] }
 */
export function parseMeta(line: string): MetaCommand {
  const [head, ...rest] = tokenize(line.trim().slice(1)).map((token) => token.text);
  const arg = rest.join(' ');
  const restAsName = person(arg);
  switch ((head ?? '').toLowerCase()) {
    case 'as':
      return restAsName ? { kind: 'as', user: restAsName } : { kind: 'invalid', line };
    case 'admin':
      return restAsName ? { kind: 'admin', user: restAsName } : { kind: 'invalid', line };
    case 'in': {
      // `:in #sales` moves you there; `:in #sales @bob @carol` puts bob and carol in it.
      const channel = /^[#＃]?([\p{L}\p{N}_.-]+)$/u.exec(rest[0] ?? '')?.[1];
      const people = rest.slice(1).map((word) => (/^[@＠]/u.test(word) ? person(word) : undefined));
      const notPerson = rest.slice(1).find((_, i) => people[i] === undefined);
      // `:in #sales @Ann Lee`: say which word is no person and how to write a name with a space.
      if (channel && notPerson !== undefined) return { kind: 'invalid', line, notPerson };
      if (!channel) return { kind: 'invalid', line };
      return { kind: 'in', channel, people: people as string[] };
    }
    case 'dm':
      return { kind: 'dm' };
    case 'advance': {
      const ms = parseDuration(arg);
      return ms ? { kind: 'advance', ms } : { kind: 'invalid', line };
    }
    case 'at':
      return /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?$/.test(arg)
        ? { kind: 'at', local: arg.replace(' ', 'T') }
        : { kind: 'invalid', line };
    case 'click': {
      const index = Number(arg.normalize('NFKC'));
      return Number.isInteger(index) && index > 0 ? { kind: 'click', index } : { kind: 'invalid', line };
    }
    case 'role': {
      const user = person(rest.slice(0, -1).join(' '));
      const role = rest.at(-1);
      return user && role ? { kind: 'role', user, role } : { kind: 'invalid', line };
    }
    case 'help':
    case '帮助':
    case '?':
      return { kind: 'help' };
    case 'quit':
    case 'exit':
    case 'q':
    case '退出':
      return { kind: 'quit' };
    default:
      return { kind: 'invalid', line };
  }
}
