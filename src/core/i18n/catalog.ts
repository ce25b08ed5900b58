import { en } from './en.js';
import type { Locale } from './locale.js';
import { zhCN } from './zh-CN.js';

/** Every message Muster can say; `en` is the source of truth for the keys. */
export type MessageKey = keyof typeof en;
export type Params = Record<string, string | number>;
export type Catalog = Record<MessageKey, string>;

/** Looks up and fills a message. */
export type Translator = (key: MessageKey, params?: Params) => string;

export const catalogs: Record<Locale, Catalog> = { en, 'zh-CN': zhCN };

/** `{name}`, or `{name:one|other}` for the word a count needs (`{days} {days:day|days}`). */
const PLACEHOLDER = /\{(\w+)(?::([^{}]*))?\}/g;

/** Names of the `{placeholders}` in a message, for the catalog-parity test and for callers. */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1] as string))].sort();
}

/** CLDR's plural categories in the order a message lists their words. */
const CATEGORIES: readonly Intl.LDMLPluralRule[] = ['zero', 'one', 'two', 'few', 'many', 'other'];
const pluralRules = new Map<Locale, { rules: Intl.PluralRules; order: Intl.LDMLPluralRule[] }>();

/**
 * The form of a word for a count, by the locale's plural rules: `forms` lists one word per category
 * the language has, in CLDR order (English: `one|other`).
 * @example pluralForm('en', 1, 'day|days') === 'day'
 */
export function pluralForm(locale: Locale, count: number, forms: string): string {
  let known = pluralRules.get(locale);
  if (!known) {
    const rules = new Intl.PluralRules(locale);
    const categories = rules.resolvedOptions().pluralCategories;
    known = { rules, order: CATEGORIES.filter((c) => categories.includes(c)) };
    pluralRules.set(locale, known);
  }
  const words = forms.split('|');
  return words[known.order.indexOf(known.rules.select(count))] ?? words[words.length - 1] ?? '';
}

/**
 * Fills `{name}` placeholders, and `{name:one|other}` with the word the count in `name` needs. A
 * missing parameter stays visible as `{name}` rather than vanishing, so a slip shows in tests
 * instead of producing a silently wrong sentence.
 * @example translate('zh-CN', 'role.assigned', { user: '<@bob>', role: '项目经理' })
 * @example translate('en', 'members.inactiveTitle', { count: 1, days: 30 }) === '1 member silent for 30 days or more:'
 */
export function translate(locale: Locale, key: MessageKey, params: Params = {}): string {
  const template = catalogs[locale][key];
  const filled = (whole: string, name: string, forms: string | undefined): string => {
    const value = params[name];
    if (value === undefined) return whole;
    return forms === undefined ? String(value) : pluralForm(locale, Number(value), forms);
  };
  if (locale !== 'zh-CN') return template.replace(PLACEHOLDER, filled);
  return template.replace(
    SPACED_PLACEHOLDER,
    (whole, before: string, name: string, forms: string | undefined, after: string, at: number) => {
      const value = filled(whole.trim(), name, forms);
      // A Chinese template spaces a value apart for Latin words and digits (连接 Zoho CRM); a Chinese
      // value next to Chinese text takes no space (连接纷享销客), as a Chinese writer would set it.
      // A mention or channel keeps its spaces: they end the name where the platform reads it.
      const mention = MENTION.test(value) || (!before && MENTION.test(template[at - 1] ?? ''));
      const glued = (outside: string | undefined, inside: string | undefined) =>
        !mention && HAN.test(outside ?? '') && CHINESE_EDGE.test(inside ?? '');
      const lead = before && glued(template[at - 1], value[0]) ? '' : before;
      const trail = after && glued(template[at + whole.length], value[value.length - 1]) ? '' : after;
      return `${lead}${value}${trail}`;
    },
  );
}

/** A placeholder with the single space a Chinese template may put on either side of it. */
const SPACED_PLACEHOLDER = /( ?)\{(\w+)(?::([^{}]*))?\}( ?)/g;
const HAN = /^\p{Script=Han}$/u;
const MENTION = /^[@＠#<]/u;
/** Chinese characters and the full-width punctuation a Chinese value may begin or end with. */
const CHINESE_EDGE = /^[\p{Script=Han}\u3000-\u303f\uff00-\uffef“”‘’]$/u;

/**
 * A range of numbers as a message shows it: one value when both ends are the same.
 * @example range(1, 3) === '1–3'; range(1, 1) === '1'
 */
export function range(from: number, to: number): string {
  return from === to ? String(from) : `${from}–${to}`;
}

/** @example const t = translator('en'); t('help.title') */
export function translator(locale: Locale): Translator {
  return (key, params) => translate(locale, key, params);
}
