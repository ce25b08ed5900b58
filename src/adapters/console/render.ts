import type { Translator } from '../../core/i18n/catalog.js';
import type { Button, FormField, OutboundMessage } from '../../core/platform/messages.js';
import { consoleName } from './console-names.js';

/**
 * Shows canonical mentions the way the console user typed them: by name, never by id.
 * @example renderText('Ask <@bob> and <@_5byg5Lyf> in <#sales> or <#_6ZSA5ZSu>') === 'Ask @bob and @张伟 in #sales or #销售'
 */
export function renderText(text: string): string {
  return text
    .replace(
      /<@!?([^>|]+)(?:\|([^>]+))?>/g,
      (_m, id: string, label?: string) => `@${label ?? consoleName(id)}`,
    )
    .replace(
      /<#([^>|]+)(?:\|([^>]+))?>/g,
      (_m, id: string, label?: string) => `#${label ?? consoleName(id)}`,
    );
}

// The console's own punctuation around a message's words follows their language: （…） and ： for Chinese.
const HAN = /\p{Script=Han}/u;
/** A label ending in Chinese or its full-width punctuation (平均分（满分 5）) takes a full-width colon. */
const HAN_END = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]$/u;

const THREAD_TITLE_MAX = 48;

/**
 * What a thread is called in the console: the first line of the message it hangs from, without
 * header marks, cut short.
 * @example threadTitle('== Daily standup · Monday, November 30, 2026 ==') === 'Daily standup · Monday, November 30, 2026'
 */
export function threadTitle(firstLine: string): string {
  const title = firstLine.replace(/^==\s*|\s*==$/gu, '').trim();
  const chars = [...title];
  return chars.length > THREAD_TITLE_MAX ? `${chars.slice(0, THREAD_TITLE_MAX - 1).join('')}…` : title;
}

/** A message as terminal lines, with its buttons numbered for `:click N`. */
export function renderMessage(message: OutboundMessage): { lines: string[]; buttons: Button[] } {
  if (!message.blocks?.length) return { lines: renderText(message.text).split('\n'), buttons: [] };
  const lines: string[] = [];
  const buttons: Button[] = [];
  for (const block of message.blocks) {
    switch (block.type) {
      case 'header':
        lines.push(`== ${renderText(block.text)} ==`);
        break;
      case 'section':
        lines.push(...renderText(block.text).split('\n'));
        break;
      case 'context':
        lines.push(
          ...renderText(block.text)
            .split('\n')
            .map((l) => (HAN.test(l) ? `（${l}）` : `(${l})`)),
        );
        break;
      case 'fields':
        for (const field of block.fields) {
          const label = renderText(field.label);
          lines.push(`${label}${HAN_END.test(label) ? '：' : ': '}${renderText(field.value)}`);
        }
        break;
      case 'buttons':
        lines.push(
          block.buttons
            .map((button) => {
              buttons.push(button);
              return `[${buttons.length}] ${button.label}`;
            })
            .join('   '),
        );
        break;
      case 'divider':
        lines.push('--');
        break;
    }
  }
  return { lines, buttons };
}

/**
 * The prompt for one form field in the reader's language: its label, whether it may be left empty,
 * the choices and the current value.
 * @example fieldPrompt(language, t) === 'Language (1 English, 2 简体中文) [en]:'
 * @example fieldPrompt(note, zh) === '备注（可选）：'
 */
export function fieldPrompt(field: FormField, t: Translator): string {
  const parts = [field.label];
  // Some labels say so themselves ("CRM account ID (optional)"), for platforms that would not.
  if (!field.required && !field.label.includes(t('console.optional'))) parts.push(t('console.optional'));
  if (field.kind === 'select') {
    const choices = field.options.map((o, i) => `${i + 1} ${o.label}`).join(t('list.separator'));
    parts.push(t('console.choices', { choices }));
  }
  if (field.initial) parts.push(`[${field.initial}]`);
  // Full-width brackets carry their own spacing; half-width words are set apart by a space.
  const text = parts.reduce((all, part) =>
    all.endsWith('）') || part.startsWith('（') ? `${all}${part}` : `${all} ${part}`,
  );
  return t('console.prompt', { field: text });
}

/**
 * Reads a select answer typed as its number, value or label.
 * @example selectValue(field, '2') === 'zh-CN'
 */
export function selectValue(
  field: Extract<FormField, { kind: 'select' }>,
  answer: string,
): string | undefined {
  // A person picked from a list may be typed as a mention (`@张伟`).
  const typed = answer.normalize('NFKC').trim().replace(/^@/u, '');
  const byNumber = /^\d+$/.test(typed) ? field.options[Number(typed) - 1] : undefined;
  const match =
    byNumber ?? field.options.find((o) => o.value.toLowerCase() === typed.toLowerCase() || o.label === typed);
  return match?.value;
}
