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

/** Names of the `{placeholders}` in a message, for the catalog-parity test and for callers. */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string))].sort();
}

/**
 * Fills `{name}` placeholders. A missing parameter stays visible as `{name}` rather than
 * vanishing, so a slip shows in tests instead of producing a silently wrong sentence.
 * @example translate('zh-CN', 'role.assigned', { user: '<@bob>', role: '项目经理' })
 */
export function translate(locale: Locale, key: MessageKey, params: Params = {}): string {
  const template = catalogs[locale][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** @example const t = translator('en'); t('help.title') */
export function translator(locale: Locale): Translator {
  return (key, params) => translate(locale, key, params);
}
