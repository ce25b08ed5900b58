import { describe, expect, it } from 'vitest';
import { consoleSession } from './helpers/console-session.js';

describe('silent members in the console', () => {
  it('people put in a channel are its members: prompted at the standup, listed, and found inactive though they never spoke', async () => {
    const run = await consoleSession(
      [
        ':at 2026-11-30 08:50',
        ':in #general @bob @carol @小王',
        '/standup on',
        ':as bob',
        '大家早上好',
        ':as alice',
        ':advance 1h',
        '/members',
        ':advance 31d',
        '/members 不活跃',
        ':in #nowhere @bad@name',
        '',
      ].join('\n'),
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = run.stdout;
    expect(out).toContain('bob, carol, 小王 now in #general');
    // 09:30: carol and 小王 never spoke, and are prompted all the same.
    for (const name of ['alice', 'bob', 'carol', '小王'])
      expect(out).toContain(`[#general · only ${name} sees this] Muster: Time for your standup in #general.`);
    expect(out).toContain("People in #general: team 4 · customer's people 0");
    expect(out).toMatch(/\*carol\*: never spoke since joining on Nov 30, 2026/);
    // A month later (asked with the Chinese word): the silent ones, "never spoke since" the day they were put in.
    expect(out).toContain('• *小王*: never spoke since joining on Nov 30, 2026 (31 days ago)');
    expect(out).toContain('“@bad@name” is not a person: write each one as @name');
  }, 60_000);
});
