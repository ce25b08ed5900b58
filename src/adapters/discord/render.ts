import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIComponentInMessageActionRow,
  ButtonStyle,
  ComponentType,
  LabelBuilder,
  ModalBuilder,
  StringSelectMenuBuilder,
  StringSelectMenuOptionBuilder,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import {
  type Attachment,
  attachmentBytes,
  type Block,
  type Button,
  type FormField,
  type FormSpec,
  type OutboundMessage,
} from '../../core/platform/messages.js';
import { splitLines, truncate } from '../../core/platform/text-split.js';

/** Discord's documented limits, the ones Muster can run into. */
export const DISCORD_LIMITS = {
  content: 2000,
  customId: 100,
  buttonLabel: 80,
  buttonsPerRow: 5,
  rowsPerMessage: 5,
  modalTitle: 45,
  modalInputs: 5,
  inputLabel: 45,
  inputValue: 4000,
  selectOptions: 25,
  filesPerMessage: 10,
} as const;

/** A file as a multipart upload part. */
export interface DiscordFile {
  name: string;
  data: Buffer;
  contentType: string;
}

/** One message as Discord receives it. */
export interface DiscordMessage {
  content: string;
  components: APIActionRowComponent<APIComponentInMessageActionRow>[];
  files: DiscordFile[];
}

/**
 * Custom ids carry what the core needs back: `a|<actionId>|<value>` for buttons, `f|<formId>|<context>`
 * for modals. Discord caps them at 100 characters; a longer one is a programming error, caught in tests.
 * @example encodeCustomId('a', 'settings.edit', 'discord:1:2') === 'a|settings.edit|discord:1:2'
 */
export function encodeCustomId(kind: 'a' | 'f', id: string, data: string): string {
  const encoded = `${kind}|${id}|${data}`;
  if (encoded.length > DISCORD_LIMITS.customId) {
    throw new Error(
      `custom id for ${id} is ${encoded.length} characters; Discord allows ${DISCORD_LIMITS.customId}`,
    );
  }
  return encoded;
}

/** @example decodeCustomId('a|settings.edit|x') → { kind: 'a', id: 'settings.edit', data: 'x' } */
export function decodeCustomId(customId: string): { kind: 'a' | 'f'; id: string; data: string } | undefined {
  const m = /^([af])\|([^|]+)\|([\s\S]*)$/u.exec(customId);
  if (!m) return undefined;
  return { kind: m[1] as 'a' | 'f', id: m[2] as string, data: m[3] as string };
}

/** Emphasis hugs its text (`*a*`, not `a * b`), as in every markdown; the neighbours are not letters. */
const PORTABLE_BOLD = /(^|[^*\p{L}\p{N}_])\*(?=\S)([^*\n]*?\S)\*(?=[^*\p{L}\p{N}_]|$)/gu;

/**
 * The portable markdown subset in Discord's dialect: `*bold*` becomes `**bold**`; italics, code,
 * bullets and `<@id>` mentions are the same on both sides. Code spans are left as they are.
 * @example toDiscordMarkdown('*Timezone* UTC') === '**Timezone** UTC'
 */
export function toDiscordMarkdown(text: string): string {
  return text
    .split(/(`[^`\n]*`)/u)
    .map((piece, i) => (i % 2 === 1 ? piece : piece.replace(PORTABLE_BOLD, '$1**$2**')))
    .join('');
}

function blockText(block: Block): string | undefined {
  switch (block.type) {
    case 'header':
      return `**${block.text}**`;
    case 'section':
      return toDiscordMarkdown(block.text);
    case 'fields':
      return block.fields.map((f) => `**${f.label}**: ${toDiscordMarkdown(f.value)}`).join('\n');
    case 'context':
      // "-#" is Discord's small grey subtext, the closest thing to a context line.
      return block.text
        .split('\n')
        .map((line) => `-# ${toDiscordMarkdown(line)}`)
        .join('\n');
    case 'divider':
      return '';
    case 'buttons':
      return undefined;
  }
}

function buttonRows(buttons: Button[]): APIActionRowComponent<APIComponentInMessageActionRow>[] {
  const rows: APIActionRowComponent<APIComponentInMessageActionRow>[] = [];
  const capped = buttons.slice(0, DISCORD_LIMITS.buttonsPerRow * DISCORD_LIMITS.rowsPerMessage);
  for (let i = 0; i < capped.length; i += DISCORD_LIMITS.buttonsPerRow) {
    rows.push({
      type: ComponentType.ActionRow,
      components: capped.slice(i, i + DISCORD_LIMITS.buttonsPerRow).map(
        (b): APIButtonComponent => ({
          type: ComponentType.Button,
          custom_id: encodeCustomId('a', b.actionId, b.value ?? ''),
          label: truncate(b.label, DISCORD_LIMITS.buttonLabel),
          style:
            b.style === 'primary'
              ? ButtonStyle.Primary
              : b.style === 'danger'
                ? ButtonStyle.Danger
                : ButtonStyle.Secondary,
        }),
      ),
    });
  }
  return rows;
}

/**
 * Renders a message as one or more Discord messages: the body as markdown content, split at line
 * boundaries under 2,000 characters, with the buttons and files on the last part.
 */
export function renderMessage(message: OutboundMessage): DiscordMessage[] {
  const blocks = message.blocks ?? [];
  const body = blocks.length
    ? blocks
        .map(blockText)
        .filter((text): text is string => text !== undefined)
        .join('\n')
    : toDiscordMarkdown(message.text);
  const buttons = blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []));
  const parts = splitLines(body.trim() || toDiscordMarkdown(message.text), DISCORD_LIMITS.content);
  const rendered: DiscordMessage[] = parts.map((content, i) => ({
    content,
    components: i === parts.length - 1 ? buttonRows(buttons) : [],
    files: [],
  }));
  const files = (message.attachments ?? []).map(fileOf);
  // The first ten files ride on the last part, next to its buttons; any more follow on their own.
  for (let i = 0; i < files.length; i += DISCORD_LIMITS.filesPerMessage) {
    const chunk = files.slice(i, i + DISCORD_LIMITS.filesPerMessage);
    const last = rendered[rendered.length - 1];
    if (i === 0 && last) last.files = chunk;
    else rendered.push({ content: '', components: [], files: chunk });
  }
  return rendered;
}

function fileOf(attachment: Attachment): DiscordFile {
  return {
    name: attachment.filename,
    data: attachmentBytes(attachment),
    contentType: attachment.contentType,
  };
}

function input(field: FormField): LabelBuilder {
  const label = new LabelBuilder().setLabel(truncate(field.label, DISCORD_LIMITS.inputLabel));
  if (field.kind === 'select') {
    const menu = new StringSelectMenuBuilder()
      .setCustomId(field.id)
      .setRequired(field.required)
      .addOptions(
        field.options.slice(0, DISCORD_LIMITS.selectOptions).map((o) =>
          new StringSelectMenuOptionBuilder()
            .setValue(o.value)
            .setLabel(truncate(o.label, 100))
            .setDefault(o.value === field.initial),
        ),
      );
    return label.setStringSelectMenuComponent(menu);
  }
  const text = new TextInputBuilder()
    .setCustomId(field.id)
    .setStyle(field.kind === 'longText' ? TextInputStyle.Paragraph : TextInputStyle.Short)
    .setRequired(field.required)
    .setMaxLength(
      Math.min(
        field.kind === 'number' ? 20 : (field.maxLength ?? DISCORD_LIMITS.inputValue),
        DISCORD_LIMITS.inputValue,
      ),
    );
  if (field.initial) text.setValue(field.initial.slice(0, DISCORD_LIMITS.inputValue));
  if ((field.kind === 'text' || field.kind === 'longText') && field.placeholder) {
    text.setPlaceholder(truncate(field.placeholder, 100));
  }
  return label.setTextInputComponent(text);
}

/** A form as a Discord modal. The registry already refuses forms with more than five fields. */
export function renderModal(form: FormSpec): ModalBuilder {
  return new ModalBuilder()
    .setCustomId(encodeCustomId('f', form.formId, form.context))
    .setTitle(truncate(form.title, DISCORD_LIMITS.modalTitle))
    .addLabelComponents(form.fields.slice(0, DISCORD_LIMITS.modalInputs).map(input));
}
