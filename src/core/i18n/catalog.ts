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
  return template.replace(PLACEHOLDER, (whole, name: string, forms: string | undefined) => {
    const value = params[name];
    if (value === undefined) return whole;
    return forms === undefined ? String(value) : pluralForm(locale, Number(value), forms);
  });
}

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
