import { closest, distance } from 'fastest-levenshtein';

/**
 * People and channels in the console are known by the names typed for them (`bob`, `张伟`,
 * `王 小明`, `#销售`). The core's mentions (`<@id>`, `<#id>`) and keys (`console:local:id`) take
 * plain ASCII ids, so a name that is not one is carried in its id, reversibly: the same name gives
 * the same id in every session, and the id gives the name back wherever a person reads it.
 */
const PLAIN_ID = /^[A-Za-z0-9.-][A-Za-z0-9_.-]*$/;
const ENCODED = '_';

/**
 * A typed name as the console keeps it: compatibility forms folded (full-width letters, the
 * ideographic space), surrounding spaces gone, inner runs of spaces one.
 * @example personName(' 王　小明 ') === '王 小明'
 */
export function personName(typed: string): string {
  return typed.normalize('NFKC').trim().replace(/\s+/gu, ' ');
}

/** A name the console accepts for a person: letters, digits, `_ . -` and inner spaces. */
export const isPersonName = (name: string): boolean => /^[\p{L}\p{N}_.-]+(?: [\p{L}\p{N}_.-]+)*$/u.test(name);

/**
 * @example consoleId('bob') === 'bob'; consoleId('张伟') === '_5byg5Lyf'
 */
export function consoleId(name: string): string {
  return PLAIN_ID.test(name) ? name : `${ENCODED}${Buffer.from(name, 'utf8').toString('base64url')}`;
}

/** @example consoleName('_5byg5Lyf') === '张伟'; consoleName('bob') === 'bob' */
export function consoleName(id: string): string {
  return id.startsWith(ENCODED) ? Buffer.from(id.slice(1), 'base64url').toString('utf8') : id;
}

/** Words a platform reads as everyone rather than a person (`@here`), left for the rules to see. */
const BROADCAST = new Set(['here', 'channel', 'everyone']);
const OPEN_QUOTES: Record<string, string> = { '"': '"', '“': '”', '「': '」', "'": "'" };
/** What may run on from a Latin name: a known `bob` is not the start of `@bobby`. */
const WORD_CHAR = /[A-Za-z0-9_]/;
const TOKEN = /^[\p{L}\p{N}_.-]+/u;

export interface MentionScan {
  /** The text with each mention in the core's `<@id>` form. */
  text: string;
  /** The people mentioned, by name, in order, each once. */
  names: string[];
  /** Unquoted Chinese names followed by a space and a Chinese word, which may be the rest of the name. */
  runOn: Map<string, string>;
}

/** The name a mention at `at` (just after its `@`) gives, and where it ends; undefined for none. */
function mentionAt(
  text: string,
  at: number,
  known: readonly string[],
): { name: string; end: number } | undefined {
  const close = OPEN_QUOTES[text[at] ?? ''];
  if (close) {
    const end = text.indexOf(close, at + 1);
    const name = end === -1 ? '' : personName(text.slice(at + 1, end));
    return name && isPersonName(name) ? { name, end: end + 1 } : undefined;
  }
  // A known name wins, longest first: `@王 小明` (with its space) or `@张伟你好` (no space in Chinese).
  const folded = text.slice(at).normalize('NFKC');
  const lower = folded.toLowerCase();
  for (const name of known) {
    if (!lower.startsWith(name.toLowerCase())) continue;
    const next = folded[name.length] ?? '';
    if (WORD_CHAR.test(next) && WORD_CHAR.test(name.at(-1) ?? '')) continue;
    return { name, end: at + originalLength(text.slice(at), name.length) };
  }
  const token = TOKEN.exec(folded)?.[0].replace(/[.-]+$/u, '');
  return token ? { name: token, end: at + originalLength(text.slice(at), token.length) } : undefined;
}

/** How many characters of `text` fold (NFKC) to the first `folded` characters. */
function originalLength(text: string, folded: number): number {
  let n = 0;
  while (n < text.length && text.slice(0, n).normalize('NFKC').length < folded) n++;
  return n;
}

/**
 * Rewrites `@name` and `＠name` to `<@id>`. A name in quotes may hold spaces (`@“王 小明”`); a name
 * the console knows is matched as a whole, spaces included; otherwise the mention runs to the
 * first character that cannot be in a name. An `@` inside a word (an email address) is no mention.
 * @example scanMentions('请@张伟看看，@“王 小明”也来', ['张伟']).names → ['张伟', '王 小明']
 */
export function scanMentions(text: string, known: readonly string[]): MentionScan {
  const byLength = [...known].sort((a, b) => b.length - a.length);
  const names: string[] = [];
  const runOn = new Map<string, string>();
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    const atSign = (ch === '@' || ch === '＠') && !/[A-Za-z0-9_.+-]/.test(text[i - 1] ?? '');
    const found = atSign ? mentionAt(text, i + 1, byLength) : undefined;
    if (!found) {
      out += ch;
      i++;
      continue;
    }
    out += `<@${BROADCAST.has(found.name) ? found.name : consoleId(found.name)}>`;
    if (!BROADCAST.has(found.name) && !names.includes(found.name)) names.push(found.name);
    // Chinese names are often typed with a space between family and given name (王 小明).
    const rest = /^ (\p{Script=Han}+)/u.exec(text.slice(found.end))?.[1];
    const han = /^\p{Script=Han}+$/u.test(found.name);
    if (rest && han && !OPEN_QUOTES[text[i + 1] ?? '']) runOn.set(found.name, rest);
    i = found.end;
  }
  return { text: out, names, runOn };
}

/** Names this short differ by one letter as often as not (张伟, 张三; amy, ann): never a typo. */
const TYPO_MIN_LENGTH = 3;

/**
 * A known name an unknown one is probably a typo of (`bbo` for `bob`), if any.
 * @example nearName('bbo', ['bob', 'carol']) === 'bob'
 */
export function nearName(name: string, known: readonly string[]): string | undefined {
  if (!known.length || name.length < TYPO_MIN_LENGTH) return undefined;
  const best = closest(name, [...known]);
  if (best.length < TYPO_MIN_LENGTH) return undefined;
  const allowed = Math.max(1, Math.floor(Math.min(name.length, best.length) / 4));
  if (distance(name, best) <= allowed) return best;
  return known.find((k) => k.length >= TYPO_MIN_LENGTH && isSwap(name, k));
}

/** Two neighbouring letters typed the other way round, the commonest slip (`bbo` for `bob`). */
function isSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff = [...a].flatMap((ch, i) => (ch === b[i] ? [] : [i]));
  const [i, j] = diff;
  return diff.length === 2 && j === (i as number) + 1 && a[i as number] === b[j] && a[j] === b[i as number];
}
