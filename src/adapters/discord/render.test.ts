import { describe, expect, it } from 'vitest';
import type { FormSpec } from '../../core/platform/messages.js';
import {
  DISCORD_LIMITS,
  decodeCustomId,
  encodeCustomId,
  renderMessage,
  renderModal,
  toDiscordMarkdown,
} from './render.js';

describe('toDiscordMarkdown', () => {
  it.each([
    ['*bold*', '**bold**'],
    ['*Timezone* UTC', '**Timezone** UTC'],
    ['• *Timezone*: UTC → *Asia/Shanghai*', '• **Timezone**: UTC → **Asia/Shanghai**'],
    ['(*note*)', '(**note**)'],
    ['*设置* 已保存', '**设置** 已保存'],
    ['_italic_ and `code`', '_italic_ and `code`'],
    ['**already bold**', '**already bold**'],
    ['2*3*4 = 24', '2*3*4 = 24'],
    ['a * b * c', 'a * b * c'],
    ['5 * 3 = *15*', '5 * 3 = **15**'],
    ['`/muster *x*` and *y*', '`/muster *x*` and **y**'],
    ['*a*', '**a**'],
    ['*one*\n*two*', '**one**\n**two**'],
    ['<@123> and <#456>', '<@123> and <#456>'],
  ])('%j → %j', (portable, discord) => {
    expect(toDiscordMarkdown(portable)).toBe(discord);
  });
});

describe('renderMessage', () => {
  it('keeps a short message whole, with blocks as markdown lines', () => {
    const [part, ...rest] = renderMessage({
      text: 'Settings',
      blocks: [
        { type: 'header', text: 'Settings for <#1>' },
        { type: 'fields', fields: [{ label: 'Timezone', value: '*UTC*' }] },
        { type: 'divider' },
        { type: 'context', text: 'one\ntwo' },
        { type: 'buttons', buttons: [{ actionId: 'settings.edit', label: 'Edit', style: 'primary' }] },
      ],
    });
    expect(rest).toEqual([]);
    expect(part?.content).toBe('**Settings for <#1>**\n**Timezone**: **UTC**\n\n-# one\n-# two');
    expect(part?.components).toEqual([
      { type: 1, components: [{ type: 2, custom_id: 'a|settings.edit|', label: 'Edit', style: 1 }] },
    ]);
    expect(part?.files).toEqual([]);
  });

  it('splits a long reply at line boundaries under 2,000 characters, buttons on the last part', () => {
    const lines = Array.from({ length: 120 }, (_, i) => `• line ${i} ${'x'.repeat(40)}`);
    const parts = renderMessage({
      text: 'long',
      blocks: [
        { type: 'section', text: lines.join('\n') },
        { type: 'buttons', buttons: [{ actionId: 'more', label: 'More' }] },
      ],
    });
    expect(parts.length).toBeGreaterThan(2);
    for (const part of parts) {
      expect(part.content.length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
      expect(part.content.startsWith('• line ')).toBe(true);
    }
    expect(parts.map((p) => p.content).join('\n')).toBe(lines.join('\n'));
    expect(parts.map((p) => p.components.length)).toEqual([...parts.slice(1).map(() => 0), 1]);
  });

  it('cuts a single line longer than the limit, and nothing else', () => {
    const parts = renderMessage({ text: `short\n${'y'.repeat(4500)}` });
    expect(parts.map((p) => p.content.length)).toEqual([5, 2000, 2000, 500]);
  });

  it('falls back to the text when the blocks render to nothing', () => {
    expect(renderMessage({ text: '*Done*', blocks: [{ type: 'divider' }] })[0]?.content).toBe('**Done**');
  });

  it('puts files on the last part, ten a message', () => {
    const attachments = Array.from({ length: 12 }, (_, i) => ({
      filename: `part-${i}.csv`,
      contentType: 'text/csv',
      text: 'when,who\n',
    }));
    const parts = renderMessage({ text: 'Exported', attachments });
    expect(parts.map((p) => [p.content, p.files.length])).toEqual([
      ['Exported', 10],
      ['', 2],
    ]);
    expect(parts[0]?.files[0]).toEqual({
      name: 'part-0.csv',
      contentType: 'text/csv',
      data: Buffer.from('when,who\n'),
    });
    expect(
      renderMessage({
        text: 'x',
        attachments: [{ filename: 'a.png', contentType: 'image/png', base64: 'AAE=' }],
      })[0]?.files[0]?.data,
    ).toEqual(Buffer.from([0, 1]));
  });

  it('caps buttons at 5 rows of 5 and labels at 80 characters', () => {
    const buttons = Array.from({ length: 30 }, (_, i) => ({ actionId: `b${i}`, label: 'L'.repeat(100) }));
    const [part] = renderMessage({ text: 't', blocks: [{ type: 'buttons', buttons }] });
    expect(part?.components).toHaveLength(5);
    const all = part?.components.flatMap((row) => row.components) ?? [];
    expect(all).toHaveLength(25);
    for (const b of all) expect('label' in b && (b.label ?? '').length).toBe(80);
  });
});

describe('custom ids', () => {
  it('round-trip, with separators inside the data', () => {
    const id = encodeCustomId('f', 'settings.form', 'discord:1200000000000000001:1300000000000000001');
    expect(decodeCustomId(id)).toEqual({
      kind: 'f',
      id: 'settings.form',
      data: 'discord:1200000000000000001:1300000000000000001',
    });
    expect(decodeCustomId('a|x|a|b')).toEqual({ kind: 'a', id: 'x', data: 'a|b' });
    expect(decodeCustomId('someone-elses-button')).toBeUndefined();
  });

  it('stay within 100 characters: a longer one is refused where it is made', () => {
    expect(encodeCustomId('a', 'x', 'v'.repeat(96))).toHaveLength(100);
    expect(() => encodeCustomId('a', 'x', 'v'.repeat(97))).toThrow(/101 characters; Discord allows 100/);
    expect(() =>
      renderMessage({
        text: 't',
        blocks: [{ type: 'buttons', buttons: [{ actionId: 'a', label: 'b', value: 'v'.repeat(200) }] }],
      }),
    ).toThrow(/Discord allows 100/);
  });
});

describe('renderModal', () => {
  const form: FormSpec = {
    formId: 'settings.form',
    title: 'A title that is much longer than the forty-five characters Discord allows',
    submitLabel: 'Save',
    cancelLabel: 'Cancel',
    context: 'discord:1200000000000000001:1300000000000000001',
    fields: [
      {
        kind: 'text',
        id: 'timezone',
        label: 'Timezone',
        required: true,
        initial: 'UTC',
        placeholder: 'Asia/Shanghai',
      },
      {
        kind: 'select',
        id: 'language',
        label: 'Language',
        required: true,
        initial: 'zh-CN',
        options: [
          { value: 'en', label: 'English' },
          { value: 'zh-CN', label: '简体中文' },
        ],
      },
      { kind: 'longText', id: 'note', label: 'Note', required: false, maxLength: 9000 },
      { kind: 'number', id: 'days', label: 'Days', required: false, min: 1, max: 30 },
    ],
  };

  it('wraps every input in a label, keeps initial values and Discord limits', () => {
    const json = renderModal(form).toJSON();
    expect(json.custom_id).toBe('f|settings.form|discord:1200000000000000001:1300000000000000001');
    expect(json.title).toHaveLength(DISCORD_LIMITS.modalTitle);
    expect(json.components.map((c) => c.type)).toEqual([18, 18, 18, 18]);
    const [timezone, language, note, days] = json.components.map((c) =>
      'component' in c ? c.component : undefined,
    );
    expect(timezone).toMatchObject({
      type: 4,
      custom_id: 'timezone',
      style: 1,
      value: 'UTC',
      required: true,
    });
    expect(language).toMatchObject({ type: 3, custom_id: 'language', required: true });
    expect(language && 'options' in language ? language.options : []).toEqual([
      { value: 'en', label: 'English', default: false },
      { value: 'zh-CN', label: '简体中文', default: true },
    ]);
    expect(note).toMatchObject({ type: 4, style: 2, max_length: 4000, required: false });
    expect(days).toMatchObject({ type: 4, style: 1, max_length: 20 });
  });
});
