import type { Locale } from '../i18n/locale.js';

/**
 * The portable message vocabulary. Text uses a small markdown subset every adapter can render:
 * `*bold*`, `_italic_`, `` `code` ``, bullet lines starting with "• ", and mentions as `<@userId>`.
 */
export interface Button {
  /** Routed back to the core as `action.clicked` with this id. */
  actionId: string;
  label: string;
  /** Opaque data carried with the click (a group key, an item id). */
  value?: string;
  style?: 'primary' | 'danger';
}

export type Block =
  | { type: 'header'; text: string }
  | { type: 'section'; text: string }
  | { type: 'fields'; fields: { label: string; value: string }[] }
  | { type: 'buttons'; buttons: Button[] }
  | { type: 'context'; text: string }
  | { type: 'divider' };

/**
 * What Muster says. `text` is the notification/fallback line; `blocks` the rich body.
 * @example { text: 'Settings saved', blocks: [{ type: 'section', text: '*Timezone* Asia/Shanghai' }] }
 */
export interface OutboundMessage {
  text: string;
  blocks?: Block[];
  /** Files sent with the message (exports, charts). Adapters upload them the platform's way. */
  attachments?: Attachment[];
}

/**
 * A file. Text files carry `text`, binary ones `base64`, so the outbox can store them as JSON.
 * @example { filename: 'rules-log.csv', contentType: 'text/csv', text: 'when,who\n…' }
 */
export type Attachment = { filename: string; contentType: string } & ({ text: string } | { base64: string });

/** The bytes of an attachment. */
export function attachmentBytes(attachment: Attachment): Buffer {
  return 'text' in attachment
    ? Buffer.from(attachment.text, 'utf8')
    : Buffer.from(attachment.base64, 'base64');
}

interface FieldBase {
  id: string;
  label: string;
  required: boolean;
  initial?: string;
}

export type FormField =
  | (FieldBase & { kind: 'text' | 'longText'; placeholder?: string; maxLength?: number })
  | (FieldBase & { kind: 'number'; min?: number; max?: number })
  | (FieldBase & { kind: 'select'; options: { value: string; label: string }[] });

/**
 * A form the platform shows as a modal (Slack, Discord) or as prompts (console).
 * `formId` routes the submission back to its handler; `context` rides along unchanged.
 * @example { formId: 'settings.form', title: 'Group settings', submitLabel: 'Save', cancelLabel: 'Cancel', context: 'slack:T1:C2', fields: [] }
 */
export interface FormSpec {
  formId: string;
  title: string;
  submitLabel: string;
  cancelLabel: string;
  context: string;
  fields: FormField[];
  /** The reader's language, for a platform that words the form's prompts itself (the console). */
  locale?: Locale;
}
