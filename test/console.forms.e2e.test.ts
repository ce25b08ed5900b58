import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { consoleSession } from './helpers/console-session.js';

/** What the database holds after a forms session: the feedback kept, and whether the lines typed inside a form ran. */
function rows(db: string) {
  const sqlite = new Database(db, { readonly: true });
  try {
    return {
      feedback: sqlite.prepare('select score, comment from feedback_items order by id').all(),
      standups: sqlite.prepare('select count(*) n from standup_configs').get(),
      groups: sqlite.prepare('select id, locale from groups order by id').all(),
    };
  } finally {
    sqlite.close();
  }
}

describe('forms in the console', () => {
  it('English: each field asked by its label, optional ones marked; a command or control inside a form is not an answer', async () => {
    const run = await consoleSession(
      [
        ':at 2026-11-30 09:00',
        '/feedback',
        '/standup on',
        ':in #sales',
        'Acme Ltd',
        '/muster help',
        ':cancel',
        '/feedback',
        'Acme Ltd',
        '4',
        'Replies are slow',
        '',
        '',
        '/muster settings',
        ':click 1',
        '/muster language zh-CN',
        '',
        ':cancel',
        '',
      ].join('\n'),
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const stillOpen = (field: string) =>
      `│ ✗ The form “Customer feedback” is still open, so that line was not taken as an answer. Answer “${field}” below, or type :cancel (or press Ctrl-C) to close the form first.\n│ ${field}:\n`;
    expect(run.stdout).toContain(`alice@#general> /feedback
┌ Form: Customer feedback. Enter keeps the value in [brackets]; :cancel stops.
│ Customer:
│ > /standup on
${stillOpen('Customer')}│ > :in #sales
${stillOpen('Customer')}│ > Acme Ltd
│ Rating (1–5):
│ > /muster help
${stillOpen('Rating (1–5)')}│ > :cancel
└ Form cancelled; nothing was saved.
`);
    // Every optional field says so, once, even where the label already does.
    expect(run.stdout).toContain(`│ What did they say? (optional):
│ > Replies are slow
│ Tags (optional):
│ > 
│ CRM account ID (optional):
│ > 
└ Form sent.
[#general · only alice sees this] Muster: Feedback #1 recorded: Acme Ltd, 4/5.`);
    // Choices are listed, numbered, with the current value.
    expect(run.stdout).toContain(`│ Timezone [Asia/Shanghai]:
│ > /muster language zh-CN
│ ✗ The form “Group settings” is still open, so that line was not taken as an answer. Answer “Timezone” below, or type :cancel (or press Ctrl-C) to close the form first.
│ Timezone [Asia/Shanghai]:
│ > 
│ Language (1 English, 2 简体中文 (Chinese)) [en]:
│ > :cancel
└ Form cancelled; nothing was saved.`);
    expect(run.stdout).not.toContain('The daily standup is on');
    expect(run.stdout).not.toContain('== Muster: what you can do here ==');
    expect(rows(run.db)).toEqual({
      feedback: [{ score: 4, comment: 'Replies are slow' }],
      standups: { n: 0 },
      groups: [{ id: 'console:local:general', locale: 'en' }],
    });
  }, 60_000);

  it('Chinese: 表单逐项显示标签和（可选），命令和控制台操作不会被当作答案，:取消 和 ：取消 都能关闭表单', async () => {
    const run = await consoleSession(
      [
        ':at 2026-11-30 09:00',
        '/feedback',
        '／standup on',
        '：as bob',
        '华星科技',
        '/muster help',
        '：取消',
        '/feedback',
        '华星科技',
        '3',
        '发货太慢',
        '',
        '',
        '/muster settings',
        ':click 1',
        ':in #销售',
        '',
        '2',
        '/muster settings 语言 英文',
        ':取消',
        '',
      ].join('\n'),
      { MUSTER_DEFAULT_LOCALE: 'zh-CN' },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const stillOpen = (field: string) =>
      `│ ✗ 表单“客户反馈”还没填完，这一行不会被当作答案。请在下面回答“${field}”；如果要先关闭表单，输入 :取消（或按 Ctrl-C）。\n│ ${field}：\n`;
    expect(run.stdout).toContain(`alice@#general> /feedback
┌ 表单：客户反馈。直接回车保留 [方括号] 里的值；输入 :取消 关闭表单。
│ 客户：
│ > ／standup on
${stillOpen('客户')}│ > ：as bob
${stillOpen('客户')}│ > 华星科技
│ 评分（1–5）：
│ > /muster help
${stillOpen('评分（1–5）')}│ > ：取消
└ 已取消表单，没有保存任何内容。
`);
    expect(run.stdout).toContain(`│ 客户说了什么？（可选）：
│ > 发货太慢
│ 标签（可选）：
│ > 
│ CRM 客户编号（可选）：
│ > 
└ 表单已提交。
[#general · 仅 alice 可见] Muster: 已记录反馈 #1：华星科技，3/5 分。`);
    // The language choices are listed in Chinese, with Chinese punctuation.
    expect(run.stdout).toContain(
      '│ 语言（1 English（英文）、2 简体中文）[zh-CN]：\n│ > 2\n│ 工作日 [周一至周五]：',
    );
    expect(run.stdout).toContain('│ ✗ 表单“群设置”还没填完');
    expect(run.stdout).toContain('└ 已取消表单，没有保存任何内容。');
    // The control typed inside the form did not run: bob never spoke, #销售 was never opened.
    expect(run.stdout).not.toContain('你现在是 bob');
    expect(rows(run.db)).toEqual({
      feedback: [{ score: 3, comment: '发货太慢' }],
      standups: { n: 0 },
      groups: [{ id: 'console:local:general', locale: 'zh-CN' }],
    });
  }, 60_000);

  it('a form is worded in its reader’s language, whatever the console’s: 先把自己的语言改成中文，再填英文控制台里的表单', async () => {
    const run = await consoleSession(
      [':at 2026-11-30 09:00', '/muster language zh-CN', '/feedback', '/feedback', ':取消', ''].join('\n'),
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`┌ 表单：客户反馈。直接回车保留 [方括号] 里的值；输入 :取消 关闭表单。
│ 客户：
│ > /feedback
│ ✗ 表单“客户反馈”还没填完`);
    expect(run.stdout).toContain('└ 已取消表单，没有保存任何内容。');
    // The console's own lines stay in its language (MUSTER_DEFAULT_LOCALE, English here).
    expect(run.stdout).toContain('Muster console: a local workspace in your terminal.');
  }, 60_000);

  it.each([
    {
      locale: 'en',
      typed: '@张伟',
      prompt: '│ Owner (1 alice, 2 bob, 3 张伟):',
      done: '[#general] Muster: Action item #1: 整理报价单, owner @张伟',
    },
    {
      locale: 'zh-CN',
      typed: '＠张伟',
      prompt: '│ 负责人（1 alice、2 bob、3 张伟）：',
      done: '[#general] Muster: 待办 #1：整理报价单，负责人 @张伟',
    },
  ])(
    '$locale: a person picked from a list may be typed as a mention ($typed)',
    async ({ locale, typed, prompt, done }) => {
      const run = await consoleSession(
        [
          ':at 2026-11-30 08:50',
          ':in #general @张伟 @bob',
          '/role add @alice manager',
          '/review schedule mon 10:00',
          ':advance 10m',
          ':click 2',
          '整理报价单',
          typed,
          '',
          '',
          '',
        ].join('\n'),
        { MUSTER_DEFAULT_LOCALE: locale },
      );
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`${prompt}\n│ > ${typed}\n`);
      expect(run.stdout).toContain(done);
    },
    60_000,
  );
});
