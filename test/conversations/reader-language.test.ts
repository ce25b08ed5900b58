import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Locale } from '../../src/core/i18n/locale.js';
import type { FormSpec } from '../../src/core/platform/messages.js';
import { createHarness, type Harness, textOf } from '../helpers/harness.js';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(async () => {
  await h.app.close();
});

/** Every word a person reads in a form: title, labels, placeholders, choices, buttons. */
function formText(form: FormSpec): string {
  return [
    form.title,
    form.submitLabel ?? '',
    ...form.fields.flatMap((f) => [
      f.label,
      ...(f.kind === 'text' || f.kind === 'longText' ? [f.placeholder ?? ''] : []),
      ...(f.kind === 'select' ? f.options.map((o) => o.label) : []),
    ]),
  ].join('\n');
}

/**
 * A week of a new team's first use, every command once, with mistakes: what Muster answers, posts,
 * sends by DM and shows in forms, as one text.
 */
async function tour(locale: Locale, lines: readonly string[]): Promise<string> {
  const who = { locale };
  await h.run(`/muster settings language ${locale}`, who);
  await h.run(`/muster language ${locale}`, { user: 'bob', locale });
  const seen: string[] = [];
  h.platform.sent.length = 0;
  for (const line of lines) {
    const { responder, text } = await h.run(line, who);
    seen.push(text, ...responder.forms.map(formText));
  }
  // The standup's day in the group's zone (Shanghai): prompt, nudge, summary.
  for (const at of ['01:30', '08:00', '09:00']) await h.at(`2026-12-02T${at}:00Z`);
  seen.push(...h.platform.sent.map((s) => textOf(s.message)));
  return seen.join('\n');
}

/** Words a Chinese reader reads in Latin letters too: products, standards, ids people type. */
const LATIN_IN_CHINESE = new Set([
  'muster',
  'slack',
  'discord',
  'zoho',
  'crm',
  'nps',
  'csv',
  'iana',
  'utc',
  'id',
  'webhook',
  'fxiaoke',
  'https',
  'qq',
  // Codes people type: languages and holiday calendars.
  'zh',
  'cn',
  'en',
  'us',
  // People and groups the tour itself names.
  'alice',
  'bob',
  'carol',
]);

/** The Latin words in a Chinese text, leaving out code (`/standup …`), mentions, zone names and URLs. */
function latinWords(text: string): string[] {
  const prose = text
    .replace(/`[^`]*`/gu, ' ')
    .replace(/<[@#][^>]+>/gu, ' ')
    .replace(/\b[A-Z][A-Za-z_]+\/[A-Za-z_/+-]+/gu, ' ')
    .replace(/https?:\/\/\S+/gu, ' ');
  return [...new Set(prose.match(/[A-Za-z]{2,}/gu) ?? [])].filter(
    (word) => !LATIN_IN_CHINESE.has(word.toLowerCase()),
  );
}

const CHINESE_TOUR = [
  '/muster help',
  '/muster settings',
  '/muster settings 时区 Asia/Shanghai',
  '/muster settings 工作日 周一至周五',
  '/muster settings 工作时间 9点到18点',
  '/muster settings 颜色 红',
  '/muster timezone',
  '/muster language 法语',
  '/role',
  '/role add <@carol> 观察者',
  '/role add <@carol> 老板',
  '/standup setup',
  '/standup on',
  '/standup config',
  '/standup config 截止 18:00',
  '/standup config 天气 晴',
  '/standup config 催交 999',
  '/standup calendar',
  '/standup away 12月24日 到 12月31日',
  '/standup away 下辈子',
  '/standup back',
  '/standup 昨天：写接口；今天：联调；阻碍：无',
  '/standup 明天：休息',
  '/standup history',
  '/standup blockers',
  '/standup unblock',
  '/rules',
  '/rules add words 加微信，代购',
  '/rules cooldown',
  '/rules cooldown 三年',
  '/rules add 天气 晴',
  '/rules list',
  '/rules ladder',
  '/rules test 加微信',
  '/rules log',
  '/rules strikes <@bob>',
  '/members',
  '/members inactive',
  '/feedback',
  '/feedback settings',
  '/feedback 客户：阿里巴巴 评分：2 发货太慢 #物流',
  '/feedback 客户：阿里巴巴 评分：九',
  '/feedback list',
  '/feedback stats',
  '/review schedule 周五 16:00 经理 60',
  '/review schedule 周八 16:00',
  '/review now',
  '/review action 整理报价单 <@bob> 周五',
  '/review notes 报价下周定',
  '/review notes',
  '/review history',
  '/digest subscribe 每周 08:30',
  '/digest now',
  '/crm',
  '/crm connect',
  '/crm link 阿里巴巴',
];

const ENGLISH_TOUR = [
  '/muster help',
  '/muster settings',
  '/muster settings timezone Asia/Shanghai',
  '/muster settings workdays mon-fri',
  '/muster settings hours 9:00-18:00',
  '/muster settings colour red',
  '/muster timezone',
  '/muster language french',
  '/role',
  '/role add <@carol> observer',
  '/role add <@carol> boss',
  '/standup setup',
  '/standup on',
  '/standup config',
  '/standup config deadline 18:00',
  '/standup config weather sunny',
  '/standup config nudge 999',
  '/standup calendar',
  '/standup away 2026-12-24 to 2026-12-31',
  '/standup away someday',
  '/standup back',
  '/standup yesterday: wrote the API; today: testing; blockers: none',
  '/standup tomorrow: rest',
  '/standup history',
  '/standup blockers',
  '/standup unblock',
  '/rules',
  '/rules add words scam, crypto',
  '/rules cooldown',
  '/rules cooldown three years',
  '/rules add weather sunny',
  '/rules list',
  '/rules ladder',
  '/rules test scam',
  '/rules log',
  '/rules strikes <@bob>',
  '/members',
  '/members inactive',
  '/feedback',
  '/feedback settings',
  '/feedback customer:Acme rating:2 late delivery #logistics',
  '/feedback customer:Acme rating:nine',
  '/feedback list',
  '/feedback stats',
  '/review schedule friday 16:00 managers 60',
  '/review schedule someday 16:00',
  '/review now',
  '/review action Send the quote <@bob> friday',
  '/review notes Quote to be settled next week',
  '/review notes',
  '/review history',
  '/digest subscribe weekly 08:30',
  '/digest now',
  '/crm',
  '/crm connect',
  '/crm link Acme',
];

describe('every reply, post, DM and form is in the reader’s language', () => {
  it('zh-CN: a week of use, mistakes included, reads in Chinese (no English words but product names)', async () => {
    const text = await tour('zh-CN', CHINESE_TOUR);
    expect(text).toContain('站会');
    expect(text).toContain('星期只能是周一、周二、周三、周四、周五、周六、周日之一，没有“周八”这一项。');
    expect(text).toContain('标签\n#物流 #价格\nCRM 客户编号（可选）');
    // The one line written in the other language on purpose: how to switch to it.
    const tip = 'Prefer English? Send `/muster language en`.';
    expect(text).toContain(tip);
    expect(latinWords(text.replaceAll(tip, ''))).toEqual([]);
  });

  it('en: the same week in English has no Chinese but what the reader typed and the language tip', async () => {
    const text = await tour('en', ENGLISH_TOUR);
    expect(text).toContain('standup');
    expect(text).toContain(
      'The day must be one of monday | tuesday | wednesday | thursday | friday | saturday | sunday, not “someday”.',
    );
    expect(text).toContain('3 strikes → time-out for 10 min\n5 strikes → time-out for 1 day');
    // Examples of what to type (`/rules add words 加微信, scam`) may show Chinese input.
    const chinese = text
      .replace(/`[^`]*`/gu, '')
      .split('\n')
      .filter((line) => /\p{Script=Han}/u.test(line) && !line.includes('需要中文'));
    expect(chinese).toEqual([]);
  });
});
