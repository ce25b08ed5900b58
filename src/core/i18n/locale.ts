import { simplified } from '../simplified.js';

/** The languages Muster speaks. */
export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * Maps what people and platforms call a language to a Muster locale.
 * @example toLocale('zh') === 'zh-CN'; toLocale('中文') === 'zh-CN'; toLocale('en-GB') === 'en'
 */
export function toLocale(input: string): Locale | undefined {
  const value = input.trim().toLowerCase().replace('_', '-');
  if (
    // Muster writes simplified Chinese only; a reader of traditional Chinese still reads it better than English.
    [
      'zh',
      'zh-cn',
      'zh-hans',
      'zh-sg',
      'zh-tw',
      'zh-hk',
      'zh-hant',
      'cn',
      'chinese',
      '中文',
      '简体中文',
      '繁体中文',
      '汉语',
      '简体',
      '繁体',
    ].includes(simplified(value))
  ) {
    return 'zh-CN';
  }
  if (value === 'en' || value.startsWith('en-') || ['english', '英文', '英语'].includes(value)) return 'en';
  return undefined;
}
