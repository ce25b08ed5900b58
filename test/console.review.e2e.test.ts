import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { consoleSession } from './helpers/console-session.js';

describe('reviews and digests in the console', () => {
  it('the agenda appears when the clock reaches the reminder, and the Monday digest arrives with its chart saved to a file', async () => {
    const run = await consoleSession(
      [
        ':at 2026-12-04 14:40',
        '/role add @alice manager',
        '/review schedule 周五 16:00',
        '/review action 整理报价单 @bob 下周一',
        '/digest subscribe weekly 08:30',
        ':advance 10m',
        ':advance 10m',
        ':at 2026-12-07 08:20',
        ':advance 10m',
        '',
      ].join('\n'),
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = run.stdout;
    // 15:00 Friday, an hour before the review: the agenda in the channel, once.
    const agenda = out.indexOf('[#general] Muster: == Weekly review · general ==');
    expect(agenda).toBeGreaterThan(out.indexOf('🕒 Fri 2026-12-04 15:00 (Asia/Shanghai)'));
    expect(agenda).toBeLessThan(out.indexOf(':at 2026-12-07'));
    expect(out.split('Weekly review · general').length - 1).toBe(1);
    expect(out).toContain('• #1 整理报价单: @bob, due Mon, Dec 7');
    // 08:30 Monday: the digest by DM, the chart saved next to the database and its path printed.
    expect(out).toContain('[DM with alice] Muster: == Weekly digest · Nov 30 – Dec 6 ==');
    expect(out.indexOf('Weekly digest')).toBeGreaterThan(
      out.indexOf('🕒 Mon 2026-12-07 08:30 (Asia/Shanghai)'),
    );
    const saved = /📎 participation\.png saved to (\S+)/u.exec(out);
    expect(saved).not.toBeNull();
    const path = saved?.[1] ?? '';
    expect(existsSync(path)).toBe(true);
    expect(readFileSync(path).subarray(1, 4).toString('latin1')).toBe('PNG');
  });
});
