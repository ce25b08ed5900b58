import { describe, expect, it } from 'vitest';
import { consoleSession } from './helpers/console-session.js';

/** A week's start in the console: an admin puts someone away, bob reports one blocker on two days in other words, then closes it. */
function script(lines: { away: string; awayByMember: string; day1: string; day2: string; list: string }) {
  return [
    ':at 2026-11-30 08:50',
    ':in #general @张伟 @bob',
    '/standup on',
    lines.away,
    ':as bob',
    lines.awayByMember,
    ':advance 1h',
    lines.day1,
    ':advance 1d',
    lines.day2,
    lines.list,
    ':click 1',
    lines.list,
    '',
  ].join('\n');
}

describe('standup answers, blockers and away days in the console', () => {
  it('in Chinese: 张伟 is put away by name, labels split with nothing between them, the blocker closed from the list', async () => {
    const run = await consoleSession(
      script({
        away: '/站会 请假 12月10日到12月12日 @张伟',
        awayByMember: '/站会 请假 12月20日 @张伟',
        day1: '/站会 昨日：修复登录今日：写测试卡点：等客户提供测试账号',
        day2: '/站会 昨天：写测试。今天：联调。阻碍：还在等客户的测试账号',
        list: '/站会 阻碍',
      }),
      { MUSTER_DEFAULT_LOCALE: 'zh-CN' },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = run.stdout;
    expect(out).toContain('已登记 @张伟 从 2026-12-10 到 2026-12-12 请假');
    expect(out).toContain('抱歉，只有本群管理员才能执行这个操作。');
    expect(out).not.toContain('已登记 @张伟 从 2026-12-20');
    expect(out).toMatch(
      /\*昨天\*\n {2}修复登录\n {2}\*今天\*\n {2}写测试\n {2}\*阻碍\*\n {2}等客户提供测试账号/u,
    );
    expect(out).toContain('已记下阻碍：“等客户提供测试账号”');
    expect(out).toContain('这个阻碍仍未解决：“还在等客户的测试账号”，已连续报告 2 个工作日。');
    expect(out).toContain('1. *bob*：还在等客户的测试账号（已持续 2 个工作日，自 2026-11-30 起）');
    expect(out).toContain('已关闭 bob 的阻碍：“还在等客户的测试账号”。');
    expect(out).toContain('本群目前没有未解决的阻碍。🎉');
  });

  it('in English: the same with English labels and words', async () => {
    const run = await consoleSession(
      script({
        away: '/standup away 12-10 12-12 @张伟',
        awayByMember: '/standup away 12-20 @张伟',
        day1: '/standup Yesterday: fixed login. Today: tests. Blocked: waiting on API keys from Acme',
        day2: "/standup yesterday: tests, today: integration, blockers: still waiting for Acme's API key",
        list: '/standup blockers',
      }),
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = run.stdout;
    expect(out).toContain('@张伟 is away from 2026-12-10 to 2026-12-12');
    expect(out).toContain('Sorry, only a group admin can do that here.');
    expect(out).not.toContain('is away from 2026-12-20');
    expect(out).toContain('Blocker noted: “waiting on API keys from Acme”.');
    expect(out).toContain(
      "Still open: “still waiting for Acme's API key”, reported 2 working days in a row.",
    );
    expect(out).toContain(
      "1. *bob*: still waiting for Acme's API key _(open 2 working days, since 2026-11-30)_",
    );
    expect(out).toContain("bob’s blocker is closed: “still waiting for Acme's API key”.");
    expect(out).toContain('No open blockers in this group. 🎉');
  });
});
