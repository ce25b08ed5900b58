import type { Translator } from '../../core/i18n/catalog.js';
import { contactKinds } from './message-checks.js';
import { type RuleConfig, type RuleDefinition, type RuleKind, ruleConfigSchemas } from './rule-kinds.js';

/** Words shown before "…" in a description; the full list is in the rule. */
const SHOWN_WORDS = 3;

type AnyRule = { [K in RuleKind]: { kind: K; config: RuleConfig<K> } }[RuleKind];

/**
 * One localized line saying what a rule forbids.
 * @example describeRule({ id: 1, kind: 'words', config: { words: ['加微信', '代购', 'scam', 'spam'] } }, t)
 *          === 'Banned words (4): 加微信, 代购, scam, …' (en) / '违禁词（共 4 个）：加微信、代购、scam 等' (zh-CN)
 */
export function describeRule(rule: RuleDefinition, t: Translator): string {
  const parsed = ruleConfigSchemas[rule.kind].safeParse(rule.config);
  if (!parsed.success) return t('rules.describe.invalid', { kind: t(`rules.kind.${rule.kind}`) });
  // The schema was picked by rule.kind, so the config belongs to that kind.
  const typed = { kind: rule.kind, config: parsed.data } as AnyRule;
  const list = (items: readonly string[]) => items.join(t('list.separator'));
  switch (typed.kind) {
    case 'words': {
      const { words } = typed.config;
      const shown = list(words.slice(0, SHOWN_WORDS));
      return words.length > SHOWN_WORDS
        ? t('rules.describe.wordsMore', { total: words.length, words: shown })
        : t('rules.describe.words', { total: words.length, words: shown });
    }
    case 'presets':
      return t('rules.describe.presets', {
        lists: list(typed.config.lists.map((l) => t(`rules.preset.${l}`))),
      });
    case 'links': {
      const { mode, invites } = typed.config;
      const domains = list(typed.config.domains);
      if (mode === 'all') return t('rules.describe.links.all');
      if (mode === 'none') return t('rules.describe.links.invites');
      if (mode === 'allow') {
        return t(invites ? 'rules.describe.links.allowNoInvites' : 'rules.describe.links.allow', { domains });
      }
      return t(invites ? 'rules.describe.links.denyNoInvites' : 'rules.describe.links.deny', { domains });
    }
    case 'contacts':
      return t('rules.describe.contacts', {
        what: list(contactKinds(typed.config).map((k) => t(`rules.contact.${k}`))),
      });
    case 'flood': {
      const { maxMessages, seconds, repeats, repeatSeconds } = typed.config;
      const params = { messages: maxMessages, seconds, repeats, repeatSeconds };
      if (maxMessages > 0 && repeats > 0) return t('rules.describe.flood.both', params);
      return t(maxMessages > 0 ? 'rules.describe.flood.messages' : 'rules.describe.flood.repeats', params);
    }
    case 'mentions': {
      const { maxMentions, broadcasts } = typed.config;
      if (maxMentions > 0 && broadcasts) return t('rules.describe.mentions.both', { max: maxMentions });
      return maxMentions > 0
        ? t('rules.describe.mentions.count', { max: maxMentions })
        : t('rules.describe.mentions.broadcast');
    }
    case 'caps':
      return t('rules.describe.caps', { percent: typed.config.percent, letters: typed.config.minLetters });
    case 'regex':
      return t(typed.config.ignoreCase ? 'rules.describe.regex' : 'rules.describe.regexCaseSensitive', {
        pattern: typed.config.pattern,
      });
  }
}
