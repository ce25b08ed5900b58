import type { Translator } from '../i18n/catalog.js';
import type { Locale } from '../i18n/locale.js';
import type { Choice } from './options.js';

const HAN = /\p{Script=Han}/u;

/** A choice's value, or its first English alias when the value is a code (weekday `5` → `friday`). */
function englishWord(choice: Choice): string {
  if (/^\p{L}/u.test(choice.value)) return choice.value;
  return choice.aliases?.find((a) => /^[a-z]/iu.test(a)) ?? choice.value;
}

/**
 * The choices of an option as a reader can type them: the values (or English words) in English; in Chinese each
 * choice's first Chinese word (every one is accepted), or its label when it declares none.
 * @example choiceWords(ROLE_CHOICES, 'zh-CN', t) === '管理员、经理、成员、项目经理、客服、客户经理、观察员、客户'
 * @example choiceWords(ROLE_CHOICES, 'en', t) === 'admin | manager | member | pm | support | account_manager | observer | customer'
 */
export function choiceWords(choices: readonly Choice[], locale: Locale, t: Translator): string {
  if (locale === 'en') return choices.map(englishWord).join(' | ');
  return choices.map((c) => c.aliases?.find((a) => HAN.test(a)) ?? t(c.label)).join(t('list.separator'));
}
