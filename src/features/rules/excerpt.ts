import { truncate } from '../../core/platform/text-split.js';

const EXCERPT_CONTEXT = 12;
export const EXCERPT_MAX = 40;

/** Looks up who a mention or which channel a channel link names; undefined when unknown. */
export type NameOf = (kind: 'user' | 'channel', id: string) => string | undefined;

// `<@U1>`, `<@!1>`, `<@U1|ann>`, `<#C1>`, `<#C1|general>`, `<!here>`, `<!subteam^S1|@team>`.
const TOKEN = /<([@#!])!?([^>|\s]+)(?:\|([^>]*))?>/gu;

/**
 * Text as a person reads it: mentions become @Name, channel links #name, broadcasts @here.
 * @example readable('hi <@U1> in <#C1|general>', (k, id) => (k === 'user' ? 'Ann Lee' : undefined)) === 'hi @Ann Lee in #general'
 */
export function readable(text: string, nameOf: NameOf): string {
  return text.replace(TOKEN, (_token, sigil: string, id: string, label: string | undefined) => {
    const shown = label?.replace(/^[@#]/u, '');
    if (sigil === '#') return `#${shown || nameOf('channel', id) || id}`;
    if (sigil === '!') return `@${shown || id.replace(/\^.*$/u, '')}`;
    return `@${shown || nameOf('user', id) || id}`;
  });
}

/**
 * A short excerpt around what matched, for the audit log: the match itself with a little context
 * (whole words where words are spaced), never more than {@link EXCERPT_MAX} characters of the message.
 * @example excerptOf('hello please 加微信 abc123 now thanks', '加微信') === '…please 加微信 abc123 now…'; excerptOf('加微信', '加微信') === '加微信'
 */
export function excerptOf(text: string, evidence: string): string {
  const found = text.indexOf(evidence);
  const at = Math.max(0, found);
  const length = found < 0 ? 0 : evidence.length;
  let start = Math.max(0, at - EXCERPT_CONTEXT);
  let end = Math.min(text.length, at + length + EXCERPT_CONTEXT);
  // A cut word says nothing: start and end at a space when there is one in the context.
  const space = text.indexOf(' ', start);
  if (start > 0 && space >= 0 && space < at) start = space + 1;
  const lastSpace = text.lastIndexOf(' ', end);
  if (end < text.length && lastSpace > at + length) end = lastSpace;
  let excerpt = truncate(text.slice(start, end), EXCERPT_MAX);
  if (start > 0) excerpt = `…${excerpt}`;
  if (end < text.length && !excerpt.endsWith('…')) excerpt = `${excerpt}…`;
  return excerpt;
}

/** For a flood, what matters is the pace, not a word: the message that went over the limit, cut short. */
export function floodExcerpt(text: string): string {
  return truncate(text.replace(/\s+/gu, ' ').trim(), EXCERPT_MAX);
}
