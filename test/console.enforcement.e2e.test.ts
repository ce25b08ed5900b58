import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { consoleSession } from './helpers/console-session.js';

/*
 * The walk-through, in the console as a new user types it: a spam message, then a burst of
 * eight friendly messages, then the log and the CSV a team lead reads. One deletion per offence, no
 * time-out, and a log with names and words, never ids or internal codes.
 */

interface Walk {
  name: string;
  env: Record<string, string>;
  script: readonly string[];
  deleted: string;
  log: readonly string[];
  csvHeader: string;
  csvRows: readonly string[];
}

const WALKS: readonly Walk[] = [
  {
    name: 'English',
    env: {},
    script: [
      ':at 2026-12-02 09:00',
      ':in #general @bob @carol',
      '/rules add words cheap followers',
      '/rules add flood max 3 in 10s, repeat off',
      ':as bob',
      '@carol cheap followers here',
      ':advance 11m',
      // Eight friendly messages within a few seconds: one burst.
      ...['hi all', 'thanks', 'sure', 'will do', 'done', 'ok', 'great', 'see you'],
      ':as alice',
      '/rules log',
      '/rules export',
    ],
    deleted: 'Muster deleted a message in #general',
    log: [
      '== Rule log (newest first) ==',
      '2026-12-02 09:11 · bob · #2 Flooding: 4 messages in 10 s · deleted the message, warned · 2 strikes (+1) · “will do”',
      '2026-12-02 09:00 · bob · #1 Banned words: banned word “cheap followers” · deleted the message, warned · 1 strike (+1) · “@carol cheap followers here”',
    ],
    csvHeader: '\uFEFFTime (Asia/Shanghai),Event,By,Member,Rule,Action taken,Strikes,Reason,Excerpt',
    csvRows: [
      '2026-12-02 09:11:00,Rule enforced on a message,Muster,bob,#2 Flooding,"deleted the message, warned",2,4 messages in 10 s,will do',
    ],
  },
  {
    name: 'Chinese',
    env: { MUSTER_DEFAULT_LOCALE: 'zh-CN' },
    script: [
      ':at 2026-12-02 09:00',
      ':in #general @张伟 @李娜',
      '/rules 添加 违禁词 加微信',
      '/rules 添加 刷屏 10秒内最多3条，重复关闭',
      ':as 张伟',
      '@李娜 你好，加微信领红包',
      ':advance 11m',
      ...['大家好', '收到', '好的', '明白了', '马上处理', '已完成', '谢谢', '辛苦了'],
      ':as alice',
      '/rules 日志',
      '/rules 导出',
    ],
    deleted: 'Muster 删除了 #general 的一条消息',
    log: [
      '== 执行记录（最新在前） ==',
      '2026-12-02 09:11 · 张伟 · 规则 #2（刷屏）：10 秒内发了 4 条消息 · 处理：删除了消息、已提醒 · 违规 2 次（本次 +1） · 摘录：“明白了”',
      '2026-12-02 09:00 · 张伟 · 规则 #1（违禁词）：违禁词“加微信” · 处理：删除了消息、已提醒 · 违规 1 次（本次 +1） · 摘录：“@李娜 你好，加微信领红包”',
    ],
    csvHeader: '\uFEFF时间（Asia/Shanghai）,事件,操作人,成员,规则,处理,违规次数,原因,摘录',
    csvRows: [
      '2026-12-02 09:11:00,按群规处理消息,Muster,张伟,#2（刷屏）,删除了消息、已提醒,2,10 秒内发了 4 条消息,明白了',
    ],
  },
];

describe.each(WALKS)('fair enforcement in the console ($name)', (walk) => {
  it('a spam message and a burst of chatter are two offences, and the log reads as a person writes it', async () => {
    const run = await consoleSession([...walk.script, ''].join('\n'), walk.env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = run.stdout;
    // The spam message, and the burst once: no more deletions, no time-out, no removal.
    expect(out.split(walk.deleted)).toHaveLength(3);
    expect(out).not.toMatch(/You are timed out|You have been removed|你已被禁言|你已被移出/u);
    for (const line of walk.log) expect(out).toContain(line);
    for (const raw of ['console:local', '<@', 'delete:', ':done', 'rules.enforced']) {
      expect(out).not.toContain(raw);
    }

    const files = join(dirname(run.db), 'files');
    const [name] = readdirSync(files);
    const csv = readFileSync(join(files, name ?? ''), 'utf8').split('\r\n');
    expect(csv[0]).toBe(walk.csvHeader);
    for (const row of walk.csvRows) expect(csv).toContain(row);
    expect(csv.join('\n')).not.toMatch(/console:local|<@|delete:|rules\.enforced/u);
  }, 60_000);
});
