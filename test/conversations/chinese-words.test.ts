import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness, snapshot } from '../helpers/harness.js';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(async () => {
  await h.app.close();
});

const roles = () =>
  h.sql.prepare('select member_id, role from group_roles order by member_id, role').all() as {
    member_id: string;
    role: string;
  }[];

describe('command words and choices typed in Chinese, simplified or traditional', () => {
  it('English: the command and role words as declared', async () => {
    expect((await h.run('/role add <@bob> observer')).text).toBe('<@bob> is now Observer.');
    expect((await h.run('/role add <@carol> pm')).text).toBe('<@carol> is now Project manager.');
    expect(roles()).toEqual([
      { member_id: 'slack:T1:bob', role: 'observer' },
      { member_id: 'slack:T1:carol', role: 'pm' },
    ]);
  });

  it('Chinese: synonyms and traditional forms of the command, subcommand and role', async () => {
    const zh = { locale: 'zh-CN' } as const;
    expect((await h.run('/角色 添加 <@bob> 观察者', zh)).text).toBe('已将 <@bob> 设为观察员。');
    expect((await h.run('/角色 分配 <@carol> 項目經理', zh)).text).toBe('已将 <@carol> 设为项目经理。');
    expect((await h.run('/分工 設為 <@dave> 客服', zh)).text).toBe('已将 <@dave> 设为客服。');
    expect((await h.run('/ROLE 刪除 <@dave> 客服', zh)).text).toBe('已取消 <@dave> 的客服角色。');
    expect(roles()).toEqual([
      { member_id: 'slack:T1:bob', role: 'observer' },
      { member_id: 'slack:T1:carol', role: 'pm' },
    ]);
  });

  it('Chinese: the other commands answer to their Chinese names, traditional too', async () => {
    const zh = { locale: 'zh-CN' } as const;
    expect((await h.run('/群規 列表', zh)).text).toContain('还没有规则');
    expect((await h.run('/站會 設置', zh)).text).not.toContain('没有 `/');
    expect((await h.run('/反饋 列表', zh)).text).toContain('没有符合条件的反馈');
    expect((await h.run('/週會 歷史', zh)).text).toBe('最近 4 周没有会议纪要或待办。');
    expect((await h.run('/成員 列表', zh)).text).toContain('成员');
  });

  it('a word that is no command is still refused in the reader language, nothing stored', async () => {
    const before = snapshot(h, ['group_roles', 'audit_log']);
    expect((await h.run('/天气 列表', { locale: 'zh-CN' })).text).toBe(
      '没有 `/天气` 这个命令。发送 `/muster help` 查看可用命令。',
    );
    // One slip from a Chinese name suggests it, in commands and subcommands alike.
    expect((await h.run('/站回 请假', { locale: 'zh-CN' })).text).toBe(
      '没有 `/站回` 这个命令。你是不是想用 `/站会`？',
    );
    expect((await h.run('/群规 列彪', { locale: 'zh-CN' })).text).toBe(
      '`/rules` 没有 `列彪` 这个子命令。你是不是想用 `/rules 列表`？',
    );
    expect((await h.run('/standupp list', { user: 'erin' })).text).toBe(
      "I don't know the command `/standupp`. Did you mean `/standup`?",
    );
    expect((await h.run('/角色 添加 <@bob> 觀察', { locale: 'zh-CN' })).text).toBe(
      '角色只能是管理员、经理、成员、项目经理、客服、客户经理、观察员、客户之一，没有“觀察”这一项。\n用法：`/role add @成员 <角色> [客户名称…]`',
    );
    expect(snapshot(h, ['group_roles', 'audit_log'])).toBe(before);
  });
});

describe('traditional forms inside what people type: answer labels, weekdays, languages', () => {
  const stored = () => ({
    workdays: h.sql.prepare("select workdays from groups where id = 'slack:T1:C1'").get(),
    review: h.sql.prepare('select weekday, audience from review_settings').get(),
    answers: h.sql.prepare('select answers from standup_answers').all(),
  });

  it('English: the same settings typed in English', async () => {
    await h.run('/muster settings workdays mon-thu');
    await h.run('/review schedule friday 16:00 managers');
    await h.run('/standup on');
    expect((await h.run('/standup yesterday: API; today: tests; blockers: none')).text).toContain(
      'your standup for 2026-12-01 is in',
    );
    expect(stored()).toEqual({
      workdays: { workdays: '1,2,3,4' },
      review: { weekday: 5, audience: 'managers' },
      answers: [{ answers: JSON.stringify({ q1: 'API', q2: 'tests', q3: 'none' }) }],
    });
    expect((await h.run('/feedback customer:Acme rating:2 late delivery')).text).toBe(
      'Feedback #1 recorded: Acme, 2/5.',
    );
  });

  it('Chinese: 週一至週四, 週五 經理, 阻礙 and 繁體中文 are read as their simplified forms; answers keep what was typed', async () => {
    const zh = { locale: 'zh-CN' } as const;
    await h.run('/muster 設置 工作日 週一至週四', zh);
    await h.run('/週會 安排 週五 16:00 經理', zh);
    await h.run('/站會 開啟', zh);
    expect((await h.run('/站會 昨天：寫接口；今天：聯調；阻礙：無', zh)).text).toBe(
      '收到，2026-12-01 的站会已提交。',
    );
    expect(stored()).toEqual({
      workdays: { workdays: '1,2,3,4' },
      review: { weekday: 5, audience: 'managers' },
      answers: [{ answers: JSON.stringify({ q1: '寫接口', q2: '聯調', q3: '無' }) }],
    });
    expect((await h.run('/反饋 客戶：阿里巴巴 評分：2 發貨太慢', zh)).text).toBe(
      '已记录反馈 #1：阿里巴巴，2/5 分。',
    );
    expect(
      h.sql
        .prepare(
          'select c.name customer, score, comment from feedback_items f join customers c on c.id = f.customer_id',
        )
        .get(),
    ).toEqual({
      customer: '阿里巴巴',
      score: 2,
      comment: '發貨太慢',
    });
    expect((await h.run('/muster 語言 繁體中文', { user: 'bob' })).text).toBe(
      '好的，Muster 之后会用简体中文和你交流。',
    );
  });
});

describe('help shows the Chinese command words to Chinese readers', () => {
  it('zh-CN: each line with its Chinese form next to it', async () => {
    const { text } = await h.run('/muster help', { locale: 'zh-CN' });
    expect(text).toContain('`/role add @成员 <角色> [客户名称…]`（也可写作 `/角色 添加`）——给成员分配角色');
    expect(text).toContain('（也可写作 `/站会 请假`）');
    expect(text).toContain('（也可写作 `/群规 查看`）');
  });

  it('English: no Chinese words in the help', async () => {
    const { text } = await h.run('/muster help');
    expect(text).toContain('`/role add @member <role> [customer name…]` — Give a member a role');
    // Only the tip that points Chinese readers to their language is written in Chinese.
    expect(text.replace(/需要中文？.*$/mu, '')).not.toMatch(/也可写作|站会|角色/u);
  });
});
