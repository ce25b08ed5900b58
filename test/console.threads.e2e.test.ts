import { describe, expect, it } from 'vitest';
import { consoleSession } from './helpers/console-session.js';

describe('threads in the console', () => {
  it.each([
    {
      locale: 'en',
      answer: '/standup yesterday: docs; today: tests',
      shows: '[#general › thread “Daily standup · Monday, November 30, 2026”] Muster: *alice*',
    },
    {
      locale: 'zh-CN',
      answer: '/standup 昨天：写文档；今天：测试',
      shows: '[#general › 话题“站会 · 2026年11月30日星期一”] Muster: *alice*',
    },
  ])(
    '$locale: a thread is named by the message it hangs from, never by an id',
    async ({ locale, answer, shows }) => {
      const run = await consoleSession(
        [':at 2026-11-30 08:50', '/standup on', ':advance 1h', answer, ''].join('\n'),
        {
          MUSTER_DEFAULT_LOCALE: locale,
        },
      );
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(shows);
      expect(run.stdout).not.toMatch(/(thread|话题) ?m\d+/u);
    },
    60_000,
  );
});
