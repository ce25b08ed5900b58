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
}
