import { describe, expect, it } from 'vitest';
import { consoleSession } from './helpers/console-session.js';

describe('the standup day in the console', () => {
  it('a Monday: thread and prompts at 09:30, an answer in the thread, a nudge for the straggler, the summary at the deadline', async () => {
    const run = await consoleSession(
      [
        ':at 2026-11-30 08:50',
        '/standup on',
        ':as bob',
        '大家早上好',
        ':as alice',
        ':advance 1h',
        ':as bob',
        '/standup 昨天：完成登录页；今天：联调接口；阻碍：等客户的测试账号',
        ':as alice',
        ':advance 7h',
        ':advance 1h',
        '',
      ].join('\n'),
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = run.stdout;
    // 09:30: the day's thread for the group, and a prompt only each member sees.
    expect(out).toMatch(/\[#general\] Muster: == Daily standup · Monday, November 30, 2026 ==/);
    expect(out).toContain('[#general · only bob sees this] Muster: Time for your standup in #general.');
    expect(out).toContain('[#general · only alice sees this] Muster: Time for your standup in #general.');
    // bob's answer goes into the thread, not the channel.
    expect(out).toMatch(/\[#general › thread [^\]]+\] Muster: [\s\S]*完成登录页/);
    // 16:00: only alice, who has not answered, is nudged.
    expect(out).toContain('[#general · only alice sees this] Muster: Your standup in #general is not in yet');
    expect(out).not.toContain(
      '[#general · only bob sees this] Muster: Your standup in #general is not in yet',
    );
    // 17:00: the summary in the thread names who is missing and shows the blocker with its owner.
    const summary = out.slice(out.lastIndexOf('› thread'));
    expect(summary).toContain('@alice');
    expect(summary).toContain('等客户的测试账号');
  });
});
