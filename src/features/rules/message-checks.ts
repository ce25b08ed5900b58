import type { MessageKey, Params } from '../../core/i18n/catalog.js';
import type { ContactKind, FoundContact } from './contact-finder.js';
import { type FoundLink, hostMatches } from './link-finder.js';
import type { CapsConfig, ContactsConfig, LinksConfig, MentionsConfig } from './rule-kinds.js';
import { caseOf, LOWER, UPPER } from './text-normalize.js';

/*
 * The per-message matchers of the kinds that need no automaton, set or history: each reads what the
 * rule set found in the message once (links, contacts, mentions, letter counts) and decides for one
 * rule's config. Pure: plain values in, a finding or undefined out.
 */

/** Why a rule fired, and the fragment of the original text that shows it. */
export interface Finding {
  key: MessageKey;
  params: Params;
  evidence: string;
}

/** The first link the config forbids. */
export function checkLinks(
  config: LinksConfig,
  links: readonly FoundLink[],
  text: string,
): Finding | undefined {
  for (const link of links) {
    const evidence = text.slice(link.start, link.end);
    const domain = link.host;
    if (link.invite && config.invites)
      return { key: 'rules.reason.links.invite', params: { domain }, evidence };
    if (config.mode === 'all') return { key: 'rules.reason.links.any', params: { domain }, evidence };
    const listed = config.domains.some((d) => hostMatches(link.host, d));
    if (config.mode === 'allow' && !listed) {
      return { key: 'rules.reason.links.notAllowed', params: { domain }, evidence };
    }
    if (config.mode === 'deny' && listed)
      return { key: 'rules.reason.links.denied', params: { domain }, evidence };
  }
  return undefined;
}

const CONTACT_REASON: Record<ContactKind, MessageKey> = {
  phone: 'rules.reason.contacts.phone',
  chatId: 'rules.reason.contacts.chatId',
  email: 'rules.reason.contacts.email',
};

/** The contact kinds a config looks for. */
export function contactKinds(config: ContactsConfig): ContactKind[] {
  const kinds: ContactKind[] = [];
  if (config.phones) kinds.push('phone');
  if (config.chatIds) kinds.push('chatId');
  if (config.emails) kinds.push('email');
  return kinds;
}

/** The first contact detail (in text order) of a kind the config forbids. */
export function checkContacts(
  config: ContactsConfig,
  contacts: readonly FoundContact[],
  text: string,
): Finding | undefined {
  const wanted = contactKinds(config);
  let first: FoundContact | undefined;
  for (const c of contacts) if (wanted.includes(c.kind) && (!first || c.start < first.start)) first = c;
  return (
    first && { key: CONTACT_REASON[first.kind], params: {}, evidence: text.slice(first.start, first.end) }
  );
}

/** Mentions in a message: people and user groups, and the first broadcast, if any. */
export interface MentionCount {
  mentions: number;
  broadcast: string | undefined;
}

// Slack <@U1> / <@U1|bob>, Discord <@1> / <@!1> / role <@&1>, the console's <@bob>; Slack user groups.
// No class runs past "<", so a message of "<@<@<@…" cannot make the scan quadratic.
const MENTION = /<@[!&]?([^<>|\s]+)(?:\|[^<>]*)?>|<!subteam\^[^<>]+>/g;
// Slack <!here>, <!channel|channel>; the console's <@here>; Discord's plain @everyone and @here.
const BROADCAST =
  /<!(?:channel|here|everyone)(?:\|[^<>]*)?>|<@(?:channel|here|everyone)>|(?<![\w@.])@(?:everyone|here)(?![\w])/;
const BROADCAST_NAMES = new Set(['channel', 'here', 'everyone']);

/** @example countMentions('<@U1> <@!2> <!here>') → { mentions: 2, broadcast: '<!here>' } */
export function countMentions(text: string): MentionCount {
  if (!text.includes('@') && !text.includes('<!')) return { mentions: 0, broadcast: undefined };
  let mentions = 0;
  for (const m of text.matchAll(MENTION)) if (!BROADCAST_NAMES.has(m[1] ?? '')) mentions++;
  return { mentions, broadcast: BROADCAST.exec(text)?.[0] };
}

export function checkMentions(
  config: MentionsConfig,
  found: MentionCount,
  mayBroadcast: boolean,
  text: string,
): Finding | undefined {
  if (config.broadcasts && found.broadcast && !mayBroadcast) {
    return {
      key: 'rules.reason.mentions.broadcast',
      params: { mention: found.broadcast },
      evidence: found.broadcast,
    };
  }
  if (config.maxMentions > 0 && found.mentions > config.maxMentions) {
    return {
      key: 'rules.reason.mentions.count',
      params: { count: found.mentions, max: config.maxMentions },
      evidence: text,
    };
  }
  return undefined;
}

/** Letters that have a case, and how many of them are capitals. */
export interface LetterCount {
  letters: number;
  capitals: number;
}

/**
 * Counts cased letters (full-width ones too; Chinese has no case), skipping Slack and Discord
 * entities like `<@U0ABC>` and `<https://…>`, whose IDs and URLs are not shouting.
 * @example countLetters('HELLO <@U0ABCDEF> there') → { letters: 10, capitals: 5 }
 */
export function countLetters(text: string): LetterCount {
  let letters = 0;
  let capitals = 0;
  let closes = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3c && closes && isEntity(text, i + 1)) {
      const close = text.indexOf('>', i);
      // With no ">" left, no later "<" can close either: stop looking.
      closes = close >= 0;
      if (closes) {
        i = close;
        continue;
      }
    }
    const kind = caseOf(c);
    if (kind === UPPER) {
      letters++;
      capitals++;
    } else if (kind === LOWER) letters++;
  }
  return { letters, capitals };
}

function isEntity(text: string, at: number): boolean {
  const next = text.charCodeAt(at);
  return (
    next === 0x40 ||
    next === 0x23 ||
    next === 0x21 ||
    text.startsWith('http', at) ||
    text.startsWith('mailto:', at)
  );
}

export function checkCaps(config: CapsConfig, count: LetterCount, text: string): Finding | undefined {
  if (count.letters <= config.minLetters) return undefined;
  const percent = Math.round((count.capitals * 100) / count.letters);
  if (count.capitals * 100 <= config.percent * count.letters) return undefined;
  return { key: 'rules.reason.caps', params: { percent }, evidence: text };
}
