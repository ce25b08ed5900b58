import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RULE_LIMITS } from '../../src/features/rules/rule-limits.js';
import { createHarness, type Harness, snapshot } from '../helpers/harness.js';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(async () => {
  // A compile still running would outlive the app; let it finish first.
  await h.app.rules.settled();
  await h.app.close();
});

const BOB = { user: 'bob' };
const RULE_TABLES = ['rules', 'rule_exemptions', 'rule_settings', 'strikes', 'audit_log'];
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** `count` distinct English words that no normalization folds together: "qxaaaa", "qxaaab", … */
function words(count: number, offset = 0): string[] {
  const list: string[] = [];
  for (let i = offset; i < offset + count; i++) {
    let word = '';
    for (let n = i, k = 0; k < 4; k++, n = Math.floor(n / 26)) word = LETTERS[n % 26] + word;
    list.push(`qx${word}`);
  }
  return list;
}

const list = (count: number, offset: number) => words(count, offset).join('，');
const rulesOf = () => h.sql.prepare('select count(*) n from rules').get() as { n: number };
const deleted = () => h.platform.moderated.filter((a) => a.kind === 'delete').length;

/**
 * Stores a words rule as an earlier `/rules add` would have: a command carries at most 40,000
 * characters, so lists this long are set up in the database.
 */
function storeWords(list: string[], channel = 'C1'): void {
  h.sql
    .prepare(
      `insert into rules (workspace_id, group_id, kind, config, actions, created_at)
       values ('slack:T1', ?, 'words', ?, '["delete","warn"]', 0)`,
    )
    .run(`slack:T1:${channel}`, JSON.stringify({ words: list }));
}

describe('rule limits', () => {
  beforeEach(async () => {
    // The groups exist once someone has spoken in them.
    await h.run('/rules list');
    await h.run('/rules list', { channel: 'C2' });
  });

  it('refuses words past the group limit, in English and Chinese, and stores nothing', async () => {
    // 4 × 20,000 + 19,990 + 10 words: exactly at the limit, which is allowed.
    for (let i = 0; i < 4; i++) storeWords(words(20_000));
    storeWords(words(19_990, 100_000));
    expect((await h.run(`/rules add words ${list(10, 200_000)}`)).text).toMatch(/^Rule added: `#6`/);
    const before = snapshot(h, RULE_TABLES);

    const refused = await h.run(`/rules edit 6 ${list(11, 200_000)}`);
    expect(refused.text).toContain('That would give <#C1> 100,001 banned words and phrases');
    expect(refused.text).toContain('at most 100,000 words and 1,000,000 characters');
    expect(refused.text).toContain('it has 100,000 (');
    expect(refused.responder.replies[0]?.visibility).toBe('ephemeral');

    await h.run('/muster language zh-CN');
    const chinese = await h.run('/rules add words 加微信，代购');
    expect(chinese.text).toContain('这样 <#C1> 的违禁词将达到 100,002 个');
    expect(chinese.text).toContain('一个群最多 100,000 个词、1,000,000 个字符，目前已有 100,000 个词');
    expect(chinese.text).toContain('请删掉不再需要的词或规则');
    // Preset lists are words too.
    expect((await h.run('/rules preset ads on')).text).toContain('<#C1> 的违禁词将达到 100,068 个');
    expect(snapshot(h, RULE_TABLES)).toBe(before);

    // Making room works: a smaller rule, then the words that did not fit.
    expect((await h.run('/rules edit 1 违禁词甲')).text).not.toContain('违禁词将达到');
    expect((await h.run('/rules add words 加微信，代购')).text).not.toContain('违禁词将达到');
  });

  it('refuses making a rule workspace-wide when another group would pass its limit', async () => {
    for (let i = 0; i < 5; i++) storeWords(words(20_000));
    expect((await h.run('/rules add words 代购', { channel: 'C2' })).text).toMatch(/^Rule added: `#6`/);
    const before = snapshot(h, RULE_TABLES);
    const refused = await h.run('/rules scope 6 workspace', { channel: 'C2' });
    expect(refused.text).toContain('That would give <#C1> 100,001 banned words');
    expect(refused.text).toContain('/rules scope <id> group');
    expect(snapshot(h, RULE_TABLES)).toBe(before);
  });

  it('refuses a rule past the rules-per-group limit, and then a preset too', async () => {
    for (let i = 0; i < RULE_LIMITS.rulesPerGroup; i++) storeWords(['w']);
    const before = snapshot(h, RULE_TABLES);
    const refused = await h.run('/rules add caps');
    expect(refused.text).toContain('<#C1> already has 100 rules');
    expect(refused.text).toContain('a group can have at most 100');
    await h.run('/muster language zh-CN');
    const preset = await h.run('/rules preset gambling on');
    expect(preset.text).toContain(
      '<#C1> 已有 100 条规则（含全工作区规则，启用和停用的都算），一个群最多 100 条。',
    );
    expect(snapshot(h, RULE_TABLES)).toBe(before);
    expect(rulesOf().n).toBe(RULE_LIMITS.rulesPerGroup);
  });

  it('refuses past the workspace limits, counting every group', async () => {
    for (const channel of ['C2', 'C3', 'C4']) {
      await h.run('/rules list', { channel });
      for (let i = 0; i < 5; i++) storeWords(words(20_000), channel);
    }
    const before = snapshot(h, RULE_TABLES);
    const refused = await h.run('/rules add words 加微信');
    expect(refused.text).toContain('That would give this workspace 300,001 banned words and phrases');
    expect(refused.text).toContain('A workspace can have at most 300,000 words and 3,000,000 characters');
    await h.run('/muster language zh-CN');
    const chinese = await h.run('/rules preset ads on');
    expect(chinese.text).toContain('这样本工作区要检查的违禁词将达到 300,068 个');
    expect(chinese.text).toContain('一个工作区最多 300,000 个词、3,000,000 个字符');
    expect(snapshot(h, RULE_TABLES)).toBe(before);
  });

  it('refuses a rule past the rules-per-workspace limit', async () => {
    for (let g = 0; g < RULE_LIMITS.rulesPerWorkspace / 50; g++) {
      await h.run('/rules list', { channel: `C${g + 10}` });
      for (let i = 0; i < 50; i++) storeWords(['w'], `C${g + 10}`);
    }
    const before = snapshot(h, RULE_TABLES);
    const refused = await h.run('/rules add contacts');
    expect(refused.text).toContain('This workspace already has 1,000 rules across its groups');
    expect(refused.text).toContain('a workspace can have at most 1,000');
    expect(snapshot(h, RULE_TABLES)).toBe(before);
  });
});

/** A long list (5,000 words: a compile of several slices) with `first` among them, as one command. */
const LONG = ['违禁词甲', ...words(4_999)].join('，');

describe('compiling in the background', () => {
  it('a message is handled while a big rule set compiles, and the held message is checked once it is ready', async () => {
    await h.run(`/rules add words ${LONG}`);
    await h.run('/rules add words scam', { channel: 'C2' });

    // C1's 5,000 words start compiling on its first message; the message does not wait for them.
    await h.post('这里有违禁词甲', { ...BOB, channel: 'C1' });
    expect(deleted()).toBe(0);
    // Meanwhile another group's message is handled to the end: deleted by its small rule.
    await h.post('great scam here', { ...BOB, channel: 'C2' });
    expect(deleted()).toBe(1);
    expect(
      h.platform.moderated[0]?.kind === 'delete' && h.platform.moderated[0].message.conversation.channelId,
    ).toBe('C2');

    // Once compiled, the held message is checked against the new set and enforced.
    await h.app.rules.settled();
    expect(deleted()).toBe(2);
    const last = h.platform.moderated.at(-1);
    expect(last?.kind === 'delete' && last.message.conversation.channelId).toBe('C1');
  });

  it('after an edit, messages are checked against the previous set until the new one is ready', async () => {
    await h.run('/rules add words 代购');
    await h.post('hello', BOB);
    await h.run(`/rules edit 1 代购，${LONG}`);

    await h.post('代购便宜', BOB);
    expect(deleted()).toBe(1);
    await h.post('违禁词甲 is new', BOB);
    expect(deleted()).toBe(1);
    await h.app.rules.settled();
    expect(deleted()).toBe(2);
    // One message is one offence: the first message, caught by the old set, is not checked again.
    expect(h.sql.prepare('select count(*) n from strikes').get()).toEqual({ n: 2 });
    await h.post('违禁词甲 again', BOB);
    expect(deleted()).toBe(3);
  });

  it('a message held for a compile that a newer change replaced is checked against the newer rules', async () => {
    await h.run('/rules add words 代购');
    await h.post('hello', BOB);
    await h.run(`/rules edit 1 代购，${LONG}`);
    await h.post('违禁词甲 is new', BOB);
    // Another change before that compile finished: its compile is dropped for the newer one.
    await h.run('/rules add words 新词乙');
    await h.post('新词乙 too', BOB);
    expect(deleted()).toBe(0);
    await h.app.rules.settled();
    expect(deleted()).toBe(2);
  });

  it('/rules test answers for the rules as they are now, waiting for the compile', async () => {
    await h.run(`/rules add words ${LONG}`);
    const result = await h.run('/rules test 这是违禁词甲吗');
    expect(result.text).toContain('This text would break');
    expect(result.text).toContain('违禁词甲');
  });
});
