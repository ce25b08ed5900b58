import { PassThrough } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createConsoleAdapter } from '../src/adapters/console/console.adapter.js';
import { ConsoleClock } from '../src/adapters/console/console-clock.js';
import { createApp } from '../src/app/container.js';
import { FixedClock } from '../src/core/clock.js';
import type { Locale } from '../src/core/i18n/locale.js';

const CTRL_C = '\u0003';

/** A key press or typed line, and what the terminal shows once it is handled. */
type Step = [keys: string, shows: string];

/**
 * The console as a person at a terminal drives it (prompts, keys), over the real app: each step's
 * keys go in once the last step's answer is on the screen; what the terminal showed comes back,
 * escape codes removed.
 */
async function atTerminal(
  locale: Locale,
  steps: Step[],
  leaveWith: 'end of input' | 'Ctrl-C' = 'end of input',
): Promise<{ screen: string; feedback: number }> {
  const clock = new ConsoleClock(new FixedClock(new Date('2026-11-30T01:00:00Z')), false);
  const app = createApp({
    config: { dbPath: ':memory:', defaultLocale: locale, defaultTimezone: 'Asia/Shanghai' },
    clock,
    logger: pino({ level: 'silent' }),
  });
  const input = new PassThrough();
  const output = new PassThrough();
  let screen = '';
  output.on('data', (d) => {
    screen += d;
  });
  const console = createConsoleAdapter({
    input,
    output,
    interactive: true,
    clock,
    locale,
    timezone: 'Asia/Shanghai',
    onTimeMoved: (now) => app.tick(now),
    filesDir: '/nonexistent',
  });
  app.attach(console.platform);
  const session = console.run(app.sink, app.roster);
  const times = (text: string) => screen.split(text).length - 1;
  for (const [keys, shows] of steps) {
    const before = times(shows);
    const shown = new Promise<void>((resolve) => {
      const check = () => {
        if (times(shows) <= before) return;
        output.off('data', check);
        resolve();
      };
      output.on('data', check);
    });
    input.write(keys);
    await shown;
  }
  // Left open, the input would keep the session waiting: only Ctrl-C can end it then.
  if (leaveWith === 'Ctrl-C') input.write(CTRL_C);
  else input.end();
  await session;
  const feedback = app.db.sqlite.prepare('select count(*) n from feedback_items').get() as { n: number };
  await app.close();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: terminal escape sequences are what is removed
  return { screen: screen.replace(/\u001b\[[0-9;]*[A-Za-z]/g, ''), feedback: feedback.n };
}

describe('Ctrl-C at the console', () => {
  it('English: closes an open form, saving nothing, and the console goes on', async () => {
    const { screen, feedback } = await atTerminal('en', [
      ['/feedback\r', '│ Customer:'],
      ['Acme Ltd\r', '│ Rating (1–5):'],
      [CTRL_C, '└ Form cancelled; nothing was saved.'],
      ['/muster help\r', '== Muster: what you can do here =='],
    ]);
    // The form is gone: the next line was a command again, not the rating.
    expect(screen).not.toContain('Feedback #1 recorded');
    expect(feedback).toBe(0);
  });

  it('Chinese: 按 Ctrl-C 关闭正在填写的表单，不保存，控制台继续可用', async () => {
    const { screen, feedback } = await atTerminal('zh-CN', [
      ['/feedback\r', '│ 客户：'],
      ['华星科技\r', '│ 评分（1–5）：'],
      [CTRL_C, '└ 已取消表单，没有保存任何内容。'],
      ['/muster help\r', '== Muster：你在这里可以做什么 =='],
    ]);
    expect(screen).not.toContain('已记录反馈');
    expect(feedback).toBe(0);
  });

  it.each([
    { locale: 'en' as const, help: '== Muster: what you can do here ==' },
    { locale: 'zh-CN' as const, help: '== Muster：你在这里可以做什么 ==' },
  ])(
    '$locale: with no form open, Ctrl-C leaves the console (没有表单时按 Ctrl-C 退出)',
    async ({ locale, help }) => {
      // atTerminal returns only once the session is over, and the input is never ended here.
      const { screen } = await atTerminal(locale, [['/muster help\r', help]], 'Ctrl-C');
      expect(screen.split(help)).toHaveLength(2);
    },
  );
});
