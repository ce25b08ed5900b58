import type { types } from '@slack/bolt';
import type { Block, FormField, FormSpec, OutboundMessage } from '../../core/platform/messages.js';
import { splitLines, truncate } from '../../core/platform/text-split.js';

type KnownBlock = types.KnownBlock;

/** Slack's documented limits, the ones Muster can run into. */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  blocksPerModal: 100,
  sectionText: 3000,
  fieldText: 2000,
  fieldsPerSection: 10,
  buttonsPerActions: 25,
  buttonLabel: 75,
  modalTitle: 24,
  textInput: 3000,
  /** Longer plain messages are split; Slack's own advice is to stay under 4,000 characters. */
  plainText: 3000,
} as const;

/** One message as Slack receives it. */
export interface SlackMessage {
  text: string;
  blocks?: KnownBlock[];
}

function mrkdwn(text: string) {
  return { type: 'mrkdwn' as const, text };
}

function toSlackBlocks(block: Block, blockIndex: number): KnownBlock[] {
  switch (block.type) {
    case 'header':
      // Header blocks are plain text and would show mentions raw; a bold section keeps them.
      return [{ type: 'section', text: mrkdwn(truncate(`*${block.text}*`, SLACK_LIMITS.sectionText)) }];
    case 'section':
      return splitLines(block.text, SLACK_LIMITS.sectionText).map((text) => ({
        type: 'section',
        text: mrkdwn(text),
      }));
    case 'context':
      return [{ type: 'context', elements: [mrkdwn(truncate(block.text, SLACK_LIMITS.sectionText))] }];
    case 'divider':
      return [{ type: 'divider' }];
    case 'fields': {
      const sections: KnownBlock[] = [];
      for (let i = 0; i < block.fields.length; i += SLACK_LIMITS.fieldsPerSection) {
        sections.push({
          type: 'section',
          fields: block.fields
            .slice(i, i + SLACK_LIMITS.fieldsPerSection)
            .map((f) => mrkdwn(truncate(`*${f.label}*\n${f.value}`, SLACK_LIMITS.fieldText))),
        });
      }
      return sections;
    }
    case 'buttons': {
      const rows: KnownBlock[] = [];
      for (let i = 0; i < block.buttons.length; i += SLACK_LIMITS.buttonsPerActions) {
        rows.push({
          type: 'actions',
          block_id: `b${blockIndex}-${i}`,
          elements: block.buttons.slice(i, i + SLACK_LIMITS.buttonsPerActions).map((button, j) => ({
            type: 'button' as const,
            // action_id must be unique in its block, and one actionId may appear on several buttons.
            action_id: `${button.actionId}~${i + j}`,
            text: { type: 'plain_text' as const, text: truncate(button.label, SLACK_LIMITS.buttonLabel) },
            value: button.value ?? '',
            ...(button.style ? { style: button.style } : {}),
          })),
        });
      }
      return rows;
    }
  }
}

/** The Muster action id behind a Slack action_id. */
export function actionIdOf(slackActionId: string): string {
  const cut = slackActionId.lastIndexOf('~');
  return cut === -1 ? slackActionId : slackActionId.slice(0, cut);
}

/**
 * Renders a message as one or more Slack messages: plain text up to 3,000 characters per message,
 * blocks up to 50 per message, split at block and line boundaries, never mid-word.
 */
export function renderMessage(message: OutboundMessage): SlackMessage[] {
  if (!message.blocks?.length)
    return splitLines(message.text, SLACK_LIMITS.plainText).map((text) => ({ text }));
  const blocks = message.blocks.flatMap((block, i) => toSlackBlocks(block, i));
  const messages: SlackMessage[] = [];
  for (let i = 0; i < blocks.length; i += SLACK_LIMITS.blocksPerMessage) {
    messages.push({
      // The notification text; later parts repeat it so each notification still says what it is.
      text: truncate(message.text, SLACK_LIMITS.plainText),
      blocks: blocks.slice(i, i + SLACK_LIMITS.blocksPerMessage),
    });
  }
  return messages;
}

/** What rides in a modal's private_metadata so a submission finds its conversation again. */
export interface FormMetadata {
  /** Encoded conversation key. */
  c: string;
  /** The form's own context. */
  x: string;
  /** Whether the conversation is a DM. */
  d: boolean;
}

function inputBlock(field: FormField): KnownBlock {
  const label = { type: 'plain_text' as const, text: truncate(field.label, 2000) };
  const base = { type: 'input' as const, block_id: field.id, label, optional: !field.required };
  switch (field.kind) {
    case 'text':
    case 'longText':
      return {
        ...base,
        element: {
          type: 'plain_text_input',
          action_id: field.id,
          multiline: field.kind === 'longText',
          max_length: Math.min(field.maxLength ?? SLACK_LIMITS.textInput, SLACK_LIMITS.textInput),
          ...(field.initial ? { initial_value: field.initial } : {}),
          ...(field.placeholder
            ? { placeholder: { type: 'plain_text', text: truncate(field.placeholder, 150) } }
            : {}),
        },
      };
    case 'number':
      return {
        ...base,
        element: {
          type: 'number_input',
          action_id: field.id,
          is_decimal_allowed: false,
          ...(field.min !== undefined ? { min_value: String(field.min) } : {}),
          ...(field.max !== undefined ? { max_value: String(field.max) } : {}),
          ...(field.initial ? { initial_value: field.initial } : {}),
        },
      };
    case 'select': {
      const options = field.options.map((o) => ({
        text: { type: 'plain_text' as const, text: truncate(o.label, 75) },
        value: o.value,
      }));
      const initial = options.find((o) => o.value === field.initial);
      return {
        ...base,
        element: {
          type: 'static_select',
          action_id: field.id,
          options,
          ...(initial ? { initial_option: initial } : {}),
        },
      };
    }
  }
}

/**
 * A form as a Slack modal. Fields become input blocks whose block_id is the field id, so
 * `response_action: errors` can point at them.
 */
export function renderModal(form: FormSpec, metadata: FormMetadata): types.ModalView {
  if (form.fields.length > SLACK_LIMITS.blocksPerModal) {
    throw new Error(
      `form ${form.formId} has ${form.fields.length} fields; a Slack modal holds ${SLACK_LIMITS.blocksPerModal}`,
    );
  }
  return {
    type: 'modal',
    callback_id: form.formId,
    title: { type: 'plain_text', text: truncate(form.title, SLACK_LIMITS.modalTitle) },
    submit: { type: 'plain_text', text: truncate(form.submitLabel, SLACK_LIMITS.modalTitle) },
    close: { type: 'plain_text', text: truncate(form.cancelLabel, SLACK_LIMITS.modalTitle) },
    private_metadata: JSON.stringify(metadata),
    blocks: form.fields.map(inputBlock),
  };
}
