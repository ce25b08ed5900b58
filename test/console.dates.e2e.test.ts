import { describe, expect, it } from 'vitest';
import { consoleSession } from './helpers/console-session.js';

describe('dates and fields typed in the console', () => {
  it('reads relative days, full names up to the next key and several owners, in English then Chinese', async () => {
    const run = await consoleSession(
      [
        ':at 2026-12-02 10:00',
        ':in #general @张伟',
        ':in #general @bob',
        '/review action Renewal call customer: Acme Trading Co. owner: @bob @张伟 due: next friday',
        '/review action Send the quote @bob someday',
        '/muster language zh-CN',
        '/review action 跟进续约 客户：北京 星辰 科技 负责人：@张伟 截止：下下周一',
        '/review action 回访客户 @bob、@张伟 周末前',
        '/review action 整理报价单 @bob 改天',
        '/standup on',
        '/standup away 下周一到下周五',
        '',
      ].join('\n'),
    );
    expect(run.stderr).toBe('');
    const out = run.stdout;
    expect(out).toContain('Action item #1: Renewal call, owner @bob, due Fri, Dec 11.');
    expect(out).toContain('Action item #2: Renewal call, owner @张伟, due Fri, Dec 11.');
    expect(out).toContain(
      'only alice sees this] Muster: I could not read “someday” as a due date, so nothing was added.',
    );
    expect(out).toContain('待办 #3：跟进续约，负责人 @张伟，截止 12月14日周一。');
    expect(out).toContain('待办 #4：回访客户，负责人 @bob，截止 12月4日周五。');
    expect(out).toContain('待办 #5：回访客户，负责人 @张伟，截止 12月4日周五。');
    expect(out).toContain('无法识别截止日期“改天”，未添加待办。');
    expect(out).not.toContain('#6');
    expect(out).toMatch(/@alice.*2026-12-07.*2026-12-11/u);
  });
});
