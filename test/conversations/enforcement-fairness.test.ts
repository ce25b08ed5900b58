import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness, snapshot, type Who } from '../helpers/harness.js';

/*
 * Enforcement is fair: a burst is one offence, a member gets at most one strike per rule within the
 * cool-down, escalation happens on the ladder, every number a rule takes is bounded, and the log
 * reads as a person would write it. Each case runs in English and in Chinese, with the commands
 * and messages a person of that language would type.
 */

interface Lang {
  name: 'en' | 'zh-CN';
  setup: readonly string[];
  /** A flood rule: more than 3 messages in 10 s. */
  floodRule: string;
  /** The default flood rule (more than 5 in 10 s). */
  defaultFlood: string;
  wordsRule: string;
  contactsRule: string;
  spam: string;
  spamAndContact: string;
  chatter: (i: number) => string;
  cooldown: (value: string) => string;
  ladder: (steps: string) => string;
  /** A ladder of a warning at 1 strike and a time-out at 2, and one with an absurd step. */
  shortLadder: string;
  absurdLadder: string;
  texts: {
    cooldownShown: string;
    cooldownSaved: string;
    cooldownRange: string;
    ladderTooMany: string;
    ladderStrikesRange: string;
    floodRange: string;
    warnNoStrike: string;
    csvHeader: string;
    deleted: string;
    warned: string;
    floodWord: string;
    wordsName: string;
  };
  cooldownInputs: { ok: string; okMinutes: number; bad: readonly string[] };
  /** Commands with an absurd number, and what the refusal must say about the allowed range. */
  absurd: readonly (readonly [string, string])[];
}

const EN: Lang = {
  name: 'en',
  setup: [],
  floodRule: '/rules add flood max 3 in 10s, repeat off',
  defaultFlood: '/rules add flood',
  wordsRule: '/rules add words cheap followers, scam',
  contactsRule: '/rules add contacts',
  spam: 'Buy cheap followers here, best price in town',
  spamAndContact: 'cheap followers, call 13812345678',
  chatter: (i) => `Thanks all, point ${i} is done`,
  cooldown: (value) => `/rules cooldown ${value}`.trim(),
  ladder: (steps) => `/rules ladder ${steps}`,
  shortLadder: '1 warn, 2 timeout 10m',
  absurdLadder: '1 warn, 100000 remove',
  texts: {
    cooldownShown: 'one strike per rule every 10 min',
    cooldownSaved: 'one strike per rule every 30 min',
    cooldownRange: 'from 1 minute to 24 hours',
    ladderTooMany: 'at most 10 steps',
    ladderStrikesRange: '1 to 100 strikes',
    floodRange: '1–3600 seconds',
    warnNoStrike: 'No new strike',
    csvHeader: 'Time (UTC),Event,By,Member,Rule,Action taken,Strikes,Reason,Excerpt',
    deleted: 'deleted the message',
    warned: 'warned',
    floodWord: 'Flooding',
    wordsName: 'Banned words',
  },
  cooldownInputs: { ok: '30m', okMinutes: 30, bad: ['0', '2000m', '5 days', 'soon'] },
  absurd: [
    ['/rules enable 0', 'between 1 and 999999999'],
    ['/rules enable 99999999999999999999', 'between 1 and 999999999'],
    ['/rules ladder 0 warn, 3 remove', '1 to 100 strikes'],
    ['/rules ladder 1 warn, 3 timeout 90d', 'from 1 minute to 28 days'],
    ['/rules add flood max 5 in 0s', '1–3600 seconds'],
    ['/rules add flood max 500 in 10s', 'messages can be 1–60'],
    ['/rules add caps 150% 10', '1–100%'],
    ['/rules add mentions 500', '1–100'],
    ['/rules log 2026-12-05 2026-12-01', 'Give the earlier date first'],
  ],
};

const ZH: Lang = {
  name: 'zh-CN',
  setup: ['/muster settings language zh-CN', '/muster language zh-CN'],
  floodRule: '/rules add 刷屏 10秒内最多3条，重复关闭',
  defaultFlood: '/rules 添加 刷屏',
  wordsRule: '/rules 添加 违禁词 加微信，代购',
  contactsRule: '/rules 添加 联系方式',
  spam: '想要便宜货的加微信私聊我',
  spamAndContact: '代购找我，电话 13812345678',
  chatter: (i) => `好的，第${i}项已经处理完了`,
  cooldown: (value) => `/rules 冷却 ${value}`.trim(),
  ladder: (steps) => `/rules 阶梯 ${steps}`,
  shortLadder: '1次警告，2次禁言10分钟',
  absurdLadder: '1次警告，100000次移出',
  texts: {
    cooldownShown: '冷却时间为 10 分钟',
    cooldownSaved: '冷却时间已设为 30 分钟',
    cooldownRange: '1 分钟到 24 小时',
    ladderTooMany: '最多 10 级',
    ladderStrikesRange: '1–100 次',
    floodRange: '1–3600 秒',
    warnNoStrike: '不再另记违规',
    csvHeader: '时间（UTC）,事件,操作人,成员,规则,处理,违规次数,原因,摘录',
    deleted: '删除了消息',
    warned: '已提醒',
    floodWord: '刷屏',
    wordsName: '违禁词',
  },
  cooldownInputs: { ok: '30分钟', okMinutes: 30, bad: ['0', '2000分钟', '5天', '马上'] },
  absurd: [
    ['/rules 启用 0', '1 到 999999999'],
    ['/rules 启用 99999999999999999999', '1 到 999999999'],
    ['/rules 阶梯 0次警告，3次移出', '1–100 次'],
    ['/rules 阶梯 1次警告，3次禁言90天', '1 分钟到 28 天'],
    ['/rules 添加 刷屏 0秒内最多5条', '1–3600 秒'],
    ['/rules 添加 刷屏 10秒内最多500条', '消息数可设 1–60 条'],
    ['/rules 添加 大写 150% 10', '1–100%'],
    ['/rules 添加 提及 500', '1–100'],
    ['/rules 日志 2026-12-05 2026-12-01', '请先写较早的日期'],
  ],
};

let h: Harness;
let other: Harness | undefined;
afterEach(async () => {
  await h.app.close();
  await other?.app.close();
  other = undefined;
});

const BOB: Who = { user: 'bob' };
const moderated = (x: Harness = h) =>
  x.platform.moderated.map((a) => (a.kind === 'delete' ? 'delete' : `${a.kind}:${a.user.userId}`));
const activeStrikes = (x: Harness = h) =>
  (
    x.sql.prepare('select coalesce(sum(count), 0) n from strikes where pardoned_at is null').get() as {
      n: number;
    }
  ).n;
const enforced = () =>
  (
    h.sql.prepare("select details from audit_log where action = 'rules.enforced' order by id").all() as {
      details: string;
    }[]
  ).map((r) => JSON.parse(r.details) as { rules: number[]; kinds: string[]; strikes: number; added: number });
const warningsTo = (user: string) =>
  h.platform.sent.filter((s) => s.target.kind === 'ephemeral' && s.target.user.userId === user);
/** What a rules command could change. */
const RULE_TABLES = ['rules', 'rule_exemptions', 'rule_settings', 'strikes', 'audit_log'];
const seconds = (n: number) => h.clock.advance(n * 1000);
const minutes = (n: number) => h.clock.advance(n * 60_000);

async function start(lang: Lang, options: Parameters<typeof createHarness>[0] = {}): Promise<Harness> {
  const x = createHarness(options);
  for (const line of lang.setup) await x.run(line);
  if (lang.name === 'zh-CN') await x.run('/muster language zh-CN', BOB);
  return x;
}

async function added(line: string) {
  const reply = await h.run(line);
  expect(reply.text).toMatch(/^(Rule added|已添加规则)/u);
}

describe.each([EN, ZH])('fair enforcement ($name)', (lang) => {
  it('the issue’s first example: eight friendly messages a second apart are one offence, not a time-out', async () => {
    h = await start(lang);
    await added(lang.floodRule);
    for (let i = 1; i <= 8; i++) {
      await h.post(lang.chatter(i), BOB);
      seconds(1);
    }
    // The flood rule acted once for the burst: one message deleted, one warning, one strike.
    expect(moderated()).toEqual(['delete']);
    expect(warningsTo('bob')).toHaveLength(1);
    expect(activeStrikes()).toBe(1);
    expect(enforced()).toHaveLength(1);
  });

  it('the issue’s second example: one spam message followed by chatter does not end in removal', async () => {
    h = await start(lang);
    await added(lang.wordsRule);
    await added(lang.defaultFlood);
    await h.post(lang.spam, BOB);
    seconds(1);
    for (let i = 1; i <= 12; i++) {
      await h.post(lang.chatter(i), BOB);
      seconds(1);
    }
    // The spam message and the one burst of chatter: two offences, two strikes, no removal.
    expect(moderated().filter((m) => m !== 'delete')).toEqual([]);
    expect(activeStrikes()).toBe(2);
    expect(enforced().map((e) => e.kinds.join('+'))).toEqual(['words', 'flood']);
  });

  it('a message deleted for one rule does not count towards a flood afterwards', async () => {
    h = await start(lang);
    await added(lang.wordsRule);
    await added(lang.defaultFlood);
    await h.post(lang.spam, BOB);
    seconds(1);
    // Five more messages within 10 s would be the sixth with the spam message, but it is gone.
    for (let i = 1; i <= 5; i++) {
      await h.post(lang.chatter(i), BOB);
      seconds(1);
    }
    expect(enforced().map((e) => e.kinds.join('+'))).toEqual(['words']);
    expect(activeStrikes()).toBe(1);
  });

  it('one message that breaks two rules is one offence: one strike, one entry naming both', async () => {
    h = await start(lang);
    await added(lang.wordsRule);
    await added(lang.contactsRule);
    await h.post(lang.spamAndContact, BOB);
    expect(moderated()).toEqual(['delete']);
    expect(activeStrikes()).toBe(1);
    expect(enforced().map((e) => e.rules)).toEqual([[1, 2]]);
    expect(warningsTo('bob')).toHaveLength(1);
  });

  it('within the cool-down a repeat is deleted without a new strike; after it, the next strike comes', async () => {
    h = await start(lang);
    await added(lang.wordsRule);
    await h.post(lang.spam, BOB);
    minutes(5);
    await h.post(lang.spam, BOB);
    expect(moderated()).toEqual(['delete', 'delete']);
    expect(activeStrikes()).toBe(1);
    expect(warningsTo('bob').at(-1)?.message.text).toContain(lang.texts.warnNoStrike);
    minutes(6);
    await h.post(lang.spam, BOB);
    expect(activeStrikes()).toBe(2);
    expect(enforced().map((e) => e.added)).toEqual([1, 0, 1]);
  });

  it('escalation happens on the ladder, one strike per cool-down, not per message', async () => {
    h = await start(lang);
    await h.run(lang.ladder(lang.shortLadder));
    await added(lang.wordsRule);
    for (let i = 0; i < 10; i++) {
      await h.post(lang.spam, BOB);
      minutes(1);
    }
    expect(moderated().filter((m) => m !== 'delete')).toEqual([]);
    minutes(1);
    await h.post(lang.spam, BOB);
    expect(moderated().filter((m) => m !== 'delete')).toEqual(['timeout:bob']);
  });

  it('a burst stays one burst while messages keep coming; a new burst acts again, striking only after the cool-down', async () => {
    h = await start(lang);
    await added(lang.floodRule);
    for (let i = 1; i <= 30; i++) {
      await h.post(lang.chatter(i), BOB);
      seconds(2);
    }
    expect(moderated()).toEqual(['delete']);
    seconds(20);
    for (let i = 1; i <= 5; i++) {
      await h.post(lang.chatter(i), BOB);
      seconds(1);
    }
    // A second burst: acted on again, but inside the cool-down, so no second strike.
    expect(moderated()).toEqual(['delete', 'delete']);
    expect(activeStrikes()).toBe(1);
    minutes(11);
    for (let i = 1; i <= 5; i++) {
      await h.post(lang.chatter(i), BOB);
      seconds(1);
    }
    expect(activeStrikes()).toBe(2);
  });

  it('the cool-down is the workspace’s setting, shown, changed by its admins and bounded', async () => {
    h = await start(lang);
    expect((await h.run(lang.cooldown(''), BOB)).text).toContain(lang.texts.cooldownShown);
    const before = snapshot(h, RULE_TABLES);
    for (const bad of lang.cooldownInputs.bad) {
      const refused = await h.run(lang.cooldown(bad));
      expect(refused.text).toContain(lang.texts.cooldownRange);
      expect(refused.responder.replies[0]?.visibility).toBe('ephemeral');
    }
    expect(snapshot(h, RULE_TABLES)).toBe(before);
    expect((await h.run(lang.cooldown(lang.cooldownInputs.ok))).text).toContain(lang.texts.cooldownSaved);
    await added(lang.wordsRule);
    await h.post(lang.spam, BOB);
    minutes(lang.cooldownInputs.okMinutes - 1);
    await h.post(lang.spam, BOB);
    expect(activeStrikes()).toBe(1);
    minutes(2);
    await h.post(lang.spam, BOB);
    expect(activeStrikes()).toBe(2);
  });

  it('ladders and rule numbers are bounded, with the allowed range said and nothing stored', async () => {
    h = await start(lang);
    const before = snapshot(h, RULE_TABLES);
    const steps = Array.from({ length: 199 }, (_, i) => `${i + 1} warn`).join(', ');
    const long = await h.run(lang.ladder(steps));
    expect(long.text).toContain(lang.texts.ladderTooMany);
    expect(long.responder.replies[0]?.visibility).toBe('ephemeral');
    expect((await h.run(lang.ladder(lang.absurdLadder))).text).toContain(lang.texts.ladderStrikesRange);
    const flood =
      lang.name === 'en' ? '/rules add flood max 5 in 99999s' : '/rules 添加 刷屏 99999秒内最多5条';
    expect((await h.run(flood)).text).toContain(lang.texts.floodRange);
    for (const [line, range] of lang.absurd) {
      const refused = await h.run(line);
      expect(refused.text, line).toContain(range);
      expect(refused.responder.replies[0]?.visibility, line).toBe('ephemeral');
    }
    expect(snapshot(h, RULE_TABLES)).toBe(before);
  });

  it('two instances on one database give one strike for two offences at the same moment', async () => {
    const dbPath = join(mkdtempSync(join(tmpdir(), 'muster-fair-')), 'muster.db');
    h = await start(lang, { dbPath });
    await added(lang.wordsRule);
    other = createHarness({ dbPath });
    const postTo = (x: Harness, tag: string) => {
      const b = x.base(BOB);
      const eventId = `${tag}-${b.eventId}`;
      return x.send({
        type: 'message.posted',
        ...b,
        eventId,
        message: { conversation: b.conversation, messageId: `m-${eventId}` },
        text: lang.spam,
      });
    };
    await Promise.all([postTo(h, 'a'), postTo(other, 'b')]);
    expect([...moderated(), ...moderated(other)]).toEqual(['delete', 'delete']);
    expect(activeStrikes()).toBe(1);
  });
});

interface LogCase {
  name: 'en' | 'zh-CN';
  setup: readonly string[];
  wordsRule: string;
  floodRule: string;
  bob: string;
  carol: string;
  /** Bob's offending message, mentioning Carol. */
  offence: string;
  burst: readonly string[];
  line: { words: string; flood: string; zone: string };
  csv: { header: string; row: readonly string[] };
}

const LOG_CASES: readonly LogCase[] = [
  {
    name: 'en',
    setup: [],
    wordsRule: '/rules add words scam',
    floodRule: '/rules add flood max 3 in 10s, repeat off',
    bob: 'Bob Lee',
    carol: 'Carol Wu',
    offence: '<@U0CAROL> scam offer for you today',
    burst: ['hi', 'ok', 'yes', 'done'],
    line: {
      words:
        '2026-11-30 20:20 · Bob Lee · #1 Banned words: banned word “scam” · deleted the message, warned · 1 strike (+1) · “@Carol Wu scam offer for…”',
      flood:
        'Bob Lee · #2 Flooding: 4 messages in 10 s · deleted the message, warned · 2 strikes (+1) · “done”',
      zone: 'Rule log (newest first, times in America/New_York)',
    },
    csv: {
      header: 'Time (America/New_York),Event,By,Member,Rule,Action taken,Strikes,Reason,Excerpt',
      row: [
        '2026-11-30 20:20:00',
        'Rule enforced on a message',
        'Muster',
        'Bob Lee',
        '#1 Banned words',
        '"deleted the message, warned"',
        '1',
        'banned word “scam”',
        // A leading @ would start a spreadsheet formula: the cell is defused with a quote.
        `"'@Carol Wu scam offer for…"`,
      ],
    },
  },
  {
    name: 'zh-CN',
    setup: ['/muster settings language zh-CN', '/muster language zh-CN'],
    wordsRule: '/rules 添加 违禁词 加微信',
    floodRule: '/rules 添加 刷屏 10秒内最多3条，重复关闭',
    bob: '王小明',
    carol: '李娜',
    offence: '<@U0CAROL> 你好，加微信领红包吧',
    burst: ['好的', '收到', '明白', '好了'],
    line: {
      words:
        '2026-11-30 20:20 · 王小明 · 规则 #1（违禁词）：违禁词“加微信” · 处理：删除了消息、已提醒 · 违规 1 次（本次 +1） · 摘录：“@李娜 你好，加微信领红包吧”',
      flood:
        '王小明 · 规则 #2（刷屏）：10 秒内发了 4 条消息 · 处理：删除了消息、已提醒 · 违规 2 次（本次 +1） · 摘录：“好了”',
      zone: '执行记录（最新在前，时间为 America/New_York）',
    },
    csv: {
      header: '时间（America/New_York）,事件,操作人,成员,规则,处理,违规次数,原因,摘录',
      row: [
        '2026-11-30 20:20:00',
        '按群规处理消息',
        'Muster',
        '王小明',
        '#1（违禁词）',
        '删除了消息、已提醒',
        '1',
        '违禁词“加微信”',
        `"'@李娜 你好，加微信领红包吧"`,
      ],
    },
  },
];

describe.each(LOG_CASES)('the enforcement log and its CSV read as a person writes ($name)', (lang) => {
  async function postAs(userId: string, name: string, text: string) {
    const b = h.base({ user: userId });
    const event = { ...b, actor: { ...b.actor, displayName: name } };
    return h.send({
      type: 'message.posted',
      ...event,
      message: { conversation: b.conversation, messageId: `m-${b.eventId}` },
      text,
    });
  }

  it('names the rule, the action, the member and the mentioned, in the reader’s language and timezone', async () => {
    h = createHarness();
    for (const line of lang.setup) await h.run(line);
    await h.run('/muster settings timezone Asia/Shanghai');
    await h.run('/muster timezone America/New_York');
    await added(lang.wordsRule);
    await added(lang.floodRule);
    await postAs('U0CAROL', lang.carol, lang.burst[0] as string);
    minutes(20);
    h.platform.moderated.length = 0;
    await postAs('U0BOB', lang.bob, lang.offence);
    minutes(11);
    for (const text of lang.burst) {
      await postAs('U0BOB', lang.bob, text);
      seconds(1);
    }
    expect(moderated()).toEqual(['delete', 'delete']);

    const log = (await h.run('/rules log')).text;
    expect(log).toContain(lang.line.zone);
    expect(log).toContain(lang.line.words);
    expect(log).toContain(lang.line.flood);
    for (const raw of ['U0BOB', '<@', 'slack:T1', 'delete:', ':done', '…n', '好…了']) {
      expect(log).not.toContain(raw);
    }

    const exported = await h.run('/rules export');
    const file = exported.responder.replies[0]?.message.attachments?.[0];
    const lines = file && 'text' in file ? file.text.split('\r\n') : [];
    expect(lines[0]).toBe(`\uFEFF${lang.csv.header}`);
    expect(lines.find((line) => line.startsWith(lang.csv.row[0] as string))).toBe(lang.csv.row.join(','));
    for (const raw of ['U0BOB', '<@', 'slack:T1', 'delete:', 'rules.enforced', 'sent']) {
      expect(file && 'text' in file ? file.text : '').not.toContain(raw);
    }
  });
});
