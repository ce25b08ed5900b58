import { describe, expect, it } from 'vitest';
import { translator } from '../../core/i18n/catalog.js';
import { describeRule } from './rule-describe.js';
import type { RuleDefinition } from './rule-kinds.js';

const en = translator('en');
const zh = translator('zh-CN');
const both = (rule: Omit<RuleDefinition, 'id'>) => [
  describeRule({ id: 1, ...rule }, en),
  describeRule({ id: 1, ...rule }, zh),
];

describe('describeRule', () => {
  it('lists a few words and the total', () => {
    expect(both({ kind: 'words', config: { words: ['加微信', '代购', 'scam', 'spam', 'x'] } })).toEqual([
      'Banned words (5): 加微信, 代购, scam, …',
      '违禁词（共 5 个）：加微信、代购、scam 等',
    ]);
    expect(both({ kind: 'words', config: { words: ['scam'] } })).toEqual([
      'Banned words (1): scam',
      '违禁词（共 1 个）：scam',
    ]);
  });

  it('describes presets, links and contacts', () => {
    expect(both({ kind: 'presets', config: {} })).toEqual([
      'Preset word lists: profanity, ads and spam, gambling',
      '预设词库：脏话、广告引流、赌博',
    ]);
    expect(both({ kind: 'links', config: {} })).toEqual(['No links', '禁止发链接']);
    expect(
      both({ kind: 'links', config: { mode: 'allow', domains: ['example.com'], invites: false } }),
    ).toEqual(['Links only to example.com', '只允许发 example.com 的链接']);
    expect(both({ kind: 'links', config: { mode: 'deny', domains: ['a.io', 'b.io'] } })).toEqual([
      'No links to a.io, b.io, and no invite links',
      '禁止发 a.io、b.io 的链接和群邀请链接',
    ]);
    expect(both({ kind: 'contacts', config: { emails: false } })).toEqual([
      'No contact details: phone numbers, WeChat and QQ IDs',
      '禁止留联系方式：手机号、微信号和 QQ 号',
    ]);
  });

  it('describes flood, mentions, caps and patterns', () => {
    expect(both({ kind: 'flood', config: { repeats: 0 } })).toEqual([
      'No flooding: more than 5 messages in 10 s',
      '禁止刷屏：10 秒内超过 5 条消息',
    ]);
    expect(both({ kind: 'mentions', config: { maxMentions: 0 } })).toEqual([
      'No @channel, @here or @everyone from members without permission',
      '没有权限的成员不能用 @channel、@here、@everyone',
    ]);
    expect(both({ kind: 'caps', config: {} })).toEqual([
      'No shouting: more than 70% capitals in a message of over 10 letters',
      '禁止大写刷屏：超过 10 个字母的消息里，大写占比不能超过 70%',
    ]);
    expect(both({ kind: 'regex', config: { pattern: 'buy\\s+now', ignoreCase: false } })).toEqual([
      'Messages matching `buy\\s+now` (case-sensitive)',
      '匹配正则 `buy\\s+now` 的消息（区分大小写）',
    ]);
  });

  it('says when a stored config no longer validates', () => {
    expect(both({ kind: 'caps', config: { percent: 'loud' } })).toEqual([
      'Shouting in capitals: its settings can no longer be read; remove the rule and add it again',
      '大写字母过多：设置已无法读取，请删除这条规则后重新添加',
    ]);
  });
});
