import type { Button, FormField, OutboundMessage } from '../../core/platform/messages.js';

/**
 * Shows canonical mentions the way the console user typed them.
 * @example renderText('Ask <@bob> in <#sales>') === 'Ask @bob in #sales'
 */
export function renderText(text: string): string {
  return text
    .replace(/<@!?([^>|]+)(?:\|([^>]+))?>/g, (_m, id: string, label?: string) => `@${label ?? id}`)
    .replace(/<#([^>|]+)(?:\|([^>]+))?>/g, (_m, id: string, label?: string) => `#${label ?? id}`);
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
            .map((l) => `(${l})`),
        );
        break;
      case 'fields':
        for (const field of block.fields)
          lines.push(`${renderText(field.label)}: ${renderText(field.value)}`);
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

/** The prompt for one form field, e.g. `Timezone [Asia/Shanghai]` or `Language (1 English, 2 简体中文) [en]`. */
export function fieldPrompt(field: FormField): string {
  const choices =
    field.kind === 'select' ? ` (${field.options.map((o, i) => `${i + 1} ${o.label}`).join(', ')})` : '';
  const current = field.initial ? ` [${field.initial}]` : '';
  return `${field.label}${choices}${current}`;
}

/**
 * Reads a select answer typed as its number, value or label.
 * @example selectValue(field, '2') === 'zh-CN'
 */
export function selectValue(
  field: Extract<FormField, { kind: 'select' }>,
  answer: string,
): string | undefined {
  const typed = answer.normalize('NFKC').trim();
  const byNumber = /^\d+$/.test(typed) ? field.options[Number(typed) - 1] : undefined;
  const match =
    byNumber ?? field.options.find((o) => o.value.toLowerCase() === typed.toLowerCase() || o.label === typed);
  return match?.value;
}
