import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { consoleSession, runConsole } from './helpers/console-session.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'muster-logs-'));

/** `--help` of the real process, in a language. */
function help(locale: string): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/app/main.ts', '--help'], {
    cwd: new URL('..', import.meta.url).pathname,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, MUSTER_DEFAULT_LOCALE: locale },
  });
  let stdout = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  return new Promise((resolve) => child.on('close', () => resolve(stdout)));
}

describe('console logs stay out of the conversation', () => {
  it.each([
    {
      locale: 'en',
      banner: (path: string) => `Logs go to ${path} (start with --verbose to see them here instead).`,
    },
    {
      locale: 'zh-CN',
      banner: (path: string) => `日志写入 ${path}（启动时加上 --verbose 可以直接在这里查看）。`,
    },
  ])(
    '$locale: by default they go to muster.log next to the database, named once at the start',
    async ({ locale, banner }) => {
      const dir = tempDir();
      const log = join(dir, 'muster.log');
      const run = await runConsole(join(dir, 'muster.db'), '/muster help\n', {
        LOG_LEVEL: 'info',
        MUSTER_DEFAULT_LOCALE: locale,
      });
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
      expect(run.stdout.split('\n')[2]).toBe(banner(log));
      expect(run.stdout.split(banner(log))).toHaveLength(2);
      expect(run.stdout).not.toContain('"level"');
      expect(readFileSync(log, 'utf8')).toContain('"msg":"stopped"');
    },
    60_000,
  );

  it.each(['en', 'zh-CN'])(
    '%s: --verbose puts them on stderr, and no log file is written',
    async (locale) => {
      const dir = tempDir();
      const run = await runConsole(
        join(dir, 'muster.db'),
        '/muster help\n',
        { LOG_LEVEL: 'info', MUSTER_DEFAULT_LOCALE: locale },
        ['--verbose'],
      );
      expect(run.code).toBe(0);
      expect(run.stderr).toContain('"msg":"stopped"');
      expect(run.stdout).not.toContain('"level"');
      expect(run.stdout).not.toMatch(/Logs go to|日志写入/);
      expect(existsSync(join(dir, 'muster.log'))).toBe(false);
    },
    60_000,
  );

  it('--help names --verbose in both languages', async () => {
    expect(await help('en')).toContain(
      '--verbose, -v             show the console’s logs here (on stderr) instead of in muster.log next to the database',
    );
    expect(await help('zh-CN')).toContain(
      '--verbose, -v             控制台的日志直接显示在终端（stderr），而不是写入数据库旁边的 muster.log',
    );
  }, 120_000);
});

describe('times in the console are the simulated clock’s', () => {
  const script = (weekday: string) =>
    [
      ':at 2026-12-01T09:00',
      '/muster settings',
      ':advance 1d2h30m',
      '/muster settings',
      `/review schedule ${weekday} 16:00`,
      ':at 2026-12-05T10:00',
      `/review schedule ${weekday} 16:00`,
      ':as bob',
      'hello 你好',
      ':as alice',
      ':advance 3d',
      '/members',
      '',
    ].join('\n');

  it('English: "now", "next" and "ago" follow :at and :advance', async () => {
    const run = await consoleSession(script('fri'));
    expect(run.code).toBe(0);
    const out = run.stdout;
    expect(out).toContain('🕒 Tue 2026-12-01 09:00 (Asia/Shanghai)');
    expect(out).toContain('Timezone: Asia/Shanghai (now Tue 09:00)');
    expect(out).toContain('🕒 Wed 2026-12-02 11:30 (Asia/Shanghai)');
    expect(out).toContain('Timezone: Asia/Shanghai (now Wed 11:30)');
    expect(out).toContain('Next review: Fri, Dec 4, 2026, 4:00 PM.');
    expect(out).toContain('Next review: Fri, Dec 11, 2026, 4:00 PM.');
    expect(out).toContain('🕒 Tue 2026-12-08 10:00 (Asia/Shanghai)');
    expect(out).toContain('• *bob*: last seen Dec 5, 2026 (3 days ago)');
  }, 120_000);

  it('Chinese: “当地时间”“下次周会”“几天前”都跟着 :at 和 :advance 走', async () => {
    const run = await consoleSession(script('周五'), { MUSTER_DEFAULT_LOCALE: 'zh-CN' });
    expect(run.code).toBe(0);
    const out = run.stdout;
    expect(out).toContain('🕒 周二 2026-12-01 09:00（Asia/Shanghai 时间）');
    expect(out).toContain('时区：Asia/Shanghai（当地时间周二 09:00）');
    expect(out).toContain('🕒 周三 2026-12-02 11:30（Asia/Shanghai 时间）');
    expect(out).toContain('时区：Asia/Shanghai（当地时间周三 11:30）');
    expect(out).toContain('下次周会：2026年12月4日周五 16:00。');
    expect(out).toContain('下次周会：2026年12月11日周五 16:00。');
    expect(out).toContain('• *bob*：最后发言 2026年12月5日（3 天前）');
  }, 120_000);
});
