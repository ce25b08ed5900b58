import { wordTable } from '../../core/word-table.js';
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
  | { kind: 'invalid'; line: string };

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

const NAME = /^@?([\p{L}\p{N}_.-]+)$/u;

/**
 * Parses a console meta command.
 * @example parseMeta(':as bob') → { kind: 'as', user: 'bob' }; parseMeta(':advance 1d') → { kind: 'advance', ms: 86400000 }
 */
export function parseMeta(line: string): MetaCommand {
  const [head = '', ...rest] = line.trim().slice(1).split(/\s+/);
  const arg = rest.join(' ');
  const name = NAME.exec(rest[0] ?? '')?.[1];
  switch (head.toLowerCase()) {
    case 'as':
      return name && rest.length === 1 ? { kind: 'as', user: name } : { kind: 'invalid', line };
    case 'admin':
      return name && rest.length === 1 ? { kind: 'admin', user: name } : { kind: 'invalid', line };
    case 'in': {
      // `:in #sales` moves you there; `:in #sales @bob @carol` puts bob and carol in it.
      const channel = /^#?([\p{L}\p{N}_.-]+)$/u.exec(rest[0] ?? '')?.[1];
      const people = rest.slice(1).map((word) => /^@([\p{L}\p{N}_.-]+)$/u.exec(word)?.[1]);
      if (!channel || people.some((p) => p === undefined)) return { kind: 'invalid', line };
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
      const index = Number(arg);
      return Number.isInteger(index) && index > 0 ? { kind: 'click', index } : { kind: 'invalid', line };
    }
    case 'role':
      return name && rest.length === 2
        ? { kind: 'role', user: name, role: rest[1] as string }
        : { kind: 'invalid', line };
    case 'help':
    case '?':
      return { kind: 'help' };
    case 'quit':
    case 'exit':
    case 'q':
      return { kind: 'quit' };
    default:
      return { kind: 'invalid', line };
  }
}
