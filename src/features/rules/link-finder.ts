import { asciiCode } from './text-normalize.js';

/** A link found in a message. */
export interface FoundLink {
  /** Lower-case host without a trailing dot, e.g. "www.example.com". */
  host: string;
  /** Path, query and fragment as written (may be empty). */
  path: string;
  /** Where the link starts and ends in the original text (scheme included). */
  start: number;
  end: number;
  /** A Discord, Slack, Telegram or WhatsApp invitation to join a group. */
  invite: boolean;
}

/*
 * Top-level domains accepted without "http://" or "www.": the ones spam and ordinary sites use, but
 * not those that collide with file names or run-together sentences (.md, .py, .sh, .js is not one;
 * "home.It was" → .it, "logged.in", "join.us").
 */
const BARE_TLDS = new Set(
  (
    'com net org info biz xyz top vip club site online shop store app dev io co cn hk tw mo jp kr uk de ' +
    'fr ru me cc tv gg ly ws link click live fun icu cyou win bet casino work pro asia mobi name tech ' +
    'space website art ai sg my ph vn th au ca nz br mx eu nl ch se tk ml ga cf gq buzz today life ' +
    'news email one best vip ink red wang xin'
  ).split(' '),
);

const DOT = 0x2e;
const HYPHEN = 0x2d;
const AT = 0x40;
const SLASH = 0x2f;

function isHostUnit(a: number): boolean {
  return (a >= 0x61 && a <= 0x7a) || (a >= 0x30 && a <= 0x39) || a === HYPHEN;
}

// Stops a path: space, the ends of Slack's <url|label>, quotes, and anything not ASCII (Chinese
// text often follows a link with no space: "example.com/a了解一下").
function endsPath(code: number): boolean {
  return (
    code <= 0x20 ||
    code >= 0x7f ||
    code === 0x3c ||
    code === 0x3e ||
    code === 0x7c ||
    code === 0x22 ||
    code === 0x27 ||
    code === 0x60
  );
}

// Ends a sentence rather than a path: "see example.com/a." links "example.com/a".
const TRAILING_PUNCTUATION = '.,;:!?)]}\'"';

/**
 * Finds links: `http(s)://…`, `www.…` and bare domains with a common top-level domain
 * (`example.com/path`), including inside Slack's `<https://x|label>` (both the target and a label
 * that is itself a domain), with full-width letters and dots (`ｅｘａｍｐｌｅ。ｃｏｍ`). The domain part
 * of an email address is not a link. Linear: work starts only at dots.
 * @example findLinks('see <https://a.example.com/x|docs> or spam.io')
 *          → hosts 'a.example.com' and 'spam.io'
 */
export function findLinks(text: string): readonly FoundLink[] {
  const links: FoundLink[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (asciiCode(text.charCodeAt(i)) !== DOT) {
      i++;
      continue;
    }
    let start = i;
    while (start > 0) {
      const a = asciiCode(text.charCodeAt(start - 1));
      if (!isHostUnit(a) && a !== DOT) break;
      start--;
    }
    let end = i + 1;
    while (end < n) {
      const a = asciiCode(text.charCodeAt(end));
      if (!isHostUnit(a) && a !== DOT) break;
      end++;
    }
    const next = end;
    while (start < end && asciiCode(text.charCodeAt(start)) === DOT) start++;
    while (end > start && asciiCode(text.charCodeAt(end - 1)) === DOT) end--;
    const link = readLink(text, start, end);
    if (link) links.push(link);
    // Past the whole run and the path: no character is looked at from two dots.
    i = Math.max(next, link?.end ?? 0);
  }
  return links;
}

function readLink(text: string, start: number, end: number): FoundLink | undefined {
  let host = text.slice(start, end);
  if (!PLAIN_HOST.test(host)) host = foldHost(host);
  if (!isHostName(host)) return undefined;
  const before = start > 0 ? asciiCode(text.charCodeAt(start - 1)) : 0;
  if (before === AT) return undefined;
  let linkStart = start;
  let scheme = false;
  if (before === SLASH) {
    const m = /([a-z][a-z0-9+.-]*):\/\/$/i.exec(text.slice(Math.max(0, start - 20), start));
    if (!m) return undefined;
    scheme = true;
    linkStart = start - m[0].length;
  }
  const tld = host.slice(host.lastIndexOf('.') + 1);
  if (!scheme && !host.startsWith('www.') && !BARE_TLDS.has(tld)) return undefined;
  let pathEnd = end;
  const after = end < text.length ? asciiCode(text.charCodeAt(end)) : 0;
  if (after === SLASH || after === 0x3a || after === 0x3f || after === 0x23) {
    while (pathEnd < text.length && !endsPath(text.charCodeAt(pathEnd))) pathEnd++;
  }
  while (pathEnd > end && TRAILING_PUNCTUATION.includes(text.charAt(pathEnd - 1))) pathEnd--;
  const path = text.slice(end, pathEnd);
  return { host, path, start: linkStart, end: end + path.length, invite: isInvite(host, path) };
}

const PLAIN_HOST = /^[a-z0-9.-]*$/;

/** Full-width letters and dots, capitals: what asciiCode folds, for the rare host that needs it. */
function foldHost(host: string): string {
  const units = new Uint8Array(host.length);
  for (let k = 0; k < host.length; k++) units[k] = asciiCode(host.charCodeAt(k));
  return String.fromCharCode(...units);
}

function isHostName(host: string): boolean {
  const labels = host.split('.');
  if (labels.length < 2) return false;
  for (const label of labels) {
    if (label.length === 0 || label.length > 63) return false;
    if (label.charCodeAt(0) === HYPHEN || label.charCodeAt(label.length - 1) === HYPHEN) return false;
  }
  const tld = labels[labels.length - 1] as string;
  return /^(?:[a-z]{2,24}|xn--[a-z0-9-]+)$/.test(tld);
}

/**
 * Whether a link invites people into another group: discord.gg/x, discord.com/invite/x,
 * join.slack.com/…, t.me/+x or t.me/joinchat/x, chat.whatsapp.com/x.
 */
export function isInvite(host: string, path: string): boolean {
  const bare = host.startsWith('www.') ? host.slice(4) : host;
  const p = path.toLowerCase();
  switch (bare) {
    case 'discord.gg':
    case 'join.slack.com':
    case 'chat.whatsapp.com':
      return p.length > 1;
    case 'discord.com':
    case 'discordapp.com':
      return p.startsWith('/invite/');
    case 't.me':
    case 'telegram.me':
      return p.startsWith('/+') || p.startsWith('/joinchat/');
    default:
      return false;
  }
}

/**
 * Whether `host` is `domain` or one of its subdomains.
 * @example hostMatches('www.example.com', 'example.com') === true; hostMatches('notexample.com', 'example.com') === false
 */
export function hostMatches(host: string, domain: string): boolean {
  return (
    host === domain || (host.endsWith(domain) && host.charCodeAt(host.length - domain.length - 1) === DOT)
  );
}

/**
 * What an admin typed as a domain, reduced to the host a list compares: scheme, path, port, `*.`
 * and `www.` removed, lower case; undefined if it is not a domain.
 * @example normalizeDomain('https://WWW.Example.com/path') === 'example.com'; normalizeDomain('hello') === undefined
 */
export function normalizeDomain(input: string): string | undefined {
  const host = [...input.trim()]
    .map((ch) => {
      const a = asciiCode(ch.charCodeAt(0));
      return a ? String.fromCharCode(a) : ch;
    })
    .join('')
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/[/?#:].*$/, '')
    .replace(/^\*\./, '')
    .replace(/^www\./, '')
    .replace(/\.$/, '');
  return /^[a-z0-9.-]+$/.test(host) && isHostName(host) ? host : undefined;
}
