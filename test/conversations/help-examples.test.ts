import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Catalog, catalogs } from '../../src/core/i18n/catalog.js';
import type { Locale } from '../../src/core/i18n/locale.js';
import { createHarness, type Harness } from '../helpers/harness.js';

/**
 * Every command form the help and the messages advertise, run as the workspace owner: none may come
 * back as a usage error or an unknown command. Placeholders are filled from the table below; a new
 * placeholder in a help text fails the test until it is given a value here.
 */

/** What a placeholder stands for in a runnable example; '' leaves an optional one out. */
const VALUES: Record<string, string> = {
  '{user}': '<@bob>',
  '{groupZone}': 'Asia/Shanghai',
  '<zone>': 'Asia/Shanghai',
  '<时区>': 'Asia/Shanghai',
  '{customer}': 'Acme',
  '{id}': '1',
  '{days}': '30',
  '{value}': 'nps',
  '<customer name>': 'Acme',
  '<客户名称>': '阿里巴巴',
  '[customer name…]': '',
  '[客户名称…]': '',
  '<role>': 'manager',
  '<角色>': '经理',
  '<id>': '1',
  '<编号>': '1',
  '<rule id>': '1',
  '<规则编号>': '1',
  '[rule id]': '',
  '[规则编号]': '',
  '<text>': 'buy now',
  '<text…>': 'buy now',
  '<文字>': '加微信',
  '<文字…>': '加微信',
  '<IANA name>': 'Asia/Shanghai',
  '<IANA 时区>': 'Asia/Shanghai',
  '<setting>': 'timezone',
  '<value>': 'Asia/Shanghai',
  '<设置项>': '时区',
  '<值>': 'Asia/Shanghai',
  '[setting]': '',
  '[value…]': '',
  '[设置项]': '',
  '[值…]': '',
  '<date>': '2026-12-24',
  '<日期>': '12月24日',
  '[name]': 'Christmas',
  '[名称]': '平安夜',
  '[name…]': '',
  '[名称…]': '',
  '[date]': '',
  '[日期]': '',
  '<number>': '1',
  '<new text>': 'Call Acme back',
  '<新内容>': '回访客户',
  '<text> ': 'notes',
  '<内容>': '本周交付顺利',
  '<task>': 'Send the quote',
  '<任务>': '整理报价单',
  '@owner': '<@bob>',
  '@负责人': '<@bob>',
  '<due>': 'friday',
  '<截止日>': '周五',
  '[due]': 'friday',
  '[截止日]': '周五',
  '<customer>': 'Acme',
  '<客户>': '阿里巴巴',
  '<customer…>': 'Acme',
  '<客户…>': '阿里巴巴',
  '[account id]': '',
  '[客户编号]': '',
  '<account id>': '4876876000000412001',
  '<客户编号>': '65f0a1b2c3d4e5f600000001',
  '<crm>': 'zoho',
  '<类型>': 'zoho',
  '@member': '<@bob>',
  '@成员': '<@bob>',
  '[@member]': '',
  '[@成员]': '',
  '@person': '<@bob>',
  '@you': '<@bob>',
  '@你': '<@bob>',
  '@Role': '<@&42>',
  '@身份组': '<@&42>',
  '@alice': '<@bob>',
  '@{name}': '<@bob>',
  '@小王': '<@bob>',
  '<language>': 'en',
  '<语言>': 'zh-CN',
  '[timezone]': '',
  '[时区]': '',
  '<days>': '30',
  '<天数>': '30',
  '[days]': '',
  '[天数]': '',
  '[grace days]': '',
  '[宽限天数]': '',
  '[customers or a customer name…]': '',
  '[客户或客户名称…]': '',
  '[feedback…]': '',
  '[反馈内容…]': '',
  '[filters…]': '',
  '[筛选条件…]': '',
  '[period]': '',
  '[周期]': '',
  '[customer @contact…]': '',
  '[客户 @联系人…]': '',
  '<note…>': 'called them back',
  '<处理说明…>': '已回电',
  '[daily or weekly]': '',
  '[每日或每周]': '',
  '<daily or weekly>': 'weekly',
  '<每日或每周>': '每周',
  '[time]': '',
  '[时间]': '',
  '<task @owner [due]…>': 'Send the quote <@bob> friday',
  '<任务 @负责人 [截止日]…>': '整理报价单 <@bob> 周五',
  '<item number>': '1',
  '<待办编号>': '1',
  '[weeks]': '',
  '[周数]': '',
  '[notes…]': '',
  '[纪要…]': '',
  '<day>': 'friday',
  '<星期>': '周五',
  '<time>': '16:00',
  '<时间>': '16:00',
  '[who gets it]': '',
  '[发送对象]': '',
  '[minutes before]': '',
  '[提前分钟数]': '',
  '<actions…>': '3 timeout 10m',
  '<处理方式…>': '3 禁言 10分钟',
  '<settings>': 'scam, fraud',
  '<设置>': '骗子，诈骗',
  '[cool-down, e.g. 10m…]': '',
  '[冷却时间，例如 10 分钟…]': '',
  '<settings…>': 'scam, fraud',
  '<设置…>': '骗子，诈骗',
  '@member|#channel|role': '<@bob>',
  '@成员|#频道|角色': '<@bob>',
  '[from (date)]': '',
  '[to (date)]': '',
  '[开始日期]': '',
  '[结束日期]': '',
  '[steps…]': '',
  '[阶梯…]': '',
  '<preset>': 'ads',
  '<预设>': '广告',
  '<on|off>': 'on',
  '<开|关>': '开',
  '<scope>': 'group',
  '<范围>': 'group',
  '[answers…]': '',
  '[内容…]': '',
  '<date | from to | until date…>': '2026-12-24 to 2026-12-31',
  '<日期 | 起止日期 | 到某天…>': '12月24日到12月31日',
  '[show|add-off|add-workday|remove]': '',
  '[操作（查看|放假|补班|删除）]': '',
  '[from]': '',
  '[to]': '',
  '[number or words…]': '',
  '[编号或内容…]': '',
  '[edit <number>]': '',
  '[修改 <编号>]': '',
};

/**
 * Optional parts filled in, so each usage line also runs whole; keyed `/command sub|part` where the
 * part means something else in another command.
 */
const FULL: Record<string, string> = {
  '[rule id]': '1',
  '[规则编号]': '1',
  '/muster settings|[setting]': 'timezone',
  '/muster settings|[设置项]': '时区',
  '/muster settings|[value…]': 'Asia/Shanghai',
  '/muster settings|[值…]': 'Asia/Shanghai',
  '/standup config|[setting]': 'escalate',
  '/standup config|[设置项]': '升级',
  '/standup config|[value…]': '3',
  '/standup config|[值…]': '3',
  '/feedback settings|[setting]': 'threshold',
  '/feedback settings|[设置项]': '提醒分数',
  '/feedback settings|[value…]': '2',
  '/feedback settings|[值…]': '2',
  '[date]': '2026-12-24',
  '[日期]': '12月24日',
  '[name…]': 'Christmas Eve',
  '[名称…]': '平安夜',
  '[show|add-off|add-workday|remove]': 'add-off',
  '[操作（查看|放假|补班|删除）]': '放假',
  '[@member]': '<@bob>',
  '[@成员]': '<@bob>',
  '[timezone]': 'Europe/London',
  '[时区]': 'Asia/Shanghai',
  '[days]': '30',
  '[天数]': '30',
  '[grace days]': '7',
  '[宽限天数]': '7',
  '[customers or a customer name…]': 'Acme',
  '[客户或客户名称…]': '客户',
  '[feedback…]': 'customer:Acme rating:4 quick replies',
  '[反馈内容…]': '客户：阿里巴巴 评分：4 回复很快',
  '[filters…]': 'Acme',
  '[筛选条件…]': '阿里巴巴',
  '[customer @contact…]': 'Acme <@bob>',
  '[客户 @联系人…]': '阿里巴巴 <@bob>',
  '[daily or weekly]': 'daily',
  '[每日或每周]': '每日',
  '[time]': '08:30',
  '[时间]': '08:30',
  '[weeks]': '4',
  '[周数]': '4',
  '[notes…]': 'Shipped on time',
  '[纪要…]': '本周按时交付',
  '[who gets it]': 'managers',
  '[发送对象]': '经理',
  '[minutes before]': '60',
  '[提前分钟数]': '60',
  '[cool-down, e.g. 10m…]': '15m',
  '[冷却时间，例如 10 分钟…]': '15分钟',
  '[from (date)]': '2026-11-01',
  '[to (date)]': '2026-12-31',
  '[开始日期]': '11月1日',
  '[结束日期]': '12月31日',
  '[from]': '2026-11-01',
  '[to]': '2026-12-31',
  '[steps…]': '1 warn, 3 timeout 10m, 5 remove',
  '[阶梯…]': '1 警告，3 禁言 10分钟，5 移出',
  '/standup answer|[answers…]': 'yesterday: a; today: b; blockers: none',
  '/standup answer|[内容…]': '昨天：a；今天：b；阻碍：无',
  '[number or words…]': '1',
  '[编号或内容…]': '1',
};

/** Placeholders whose words mean something else in another command (`<类型>` of a rule and of a CRM). */
const PHRASES: Record<string, string> = {
  '<kind> [settings…]': 'words scam',
  '<类型> [设置…]': 'words 骗子',
};

/** Fragments that are not Muster commands: the platform's own, a template, a regular expression. */
const NOT_MUSTER = [/^\/invite /u, /^\/\{command\}$/u, /^\/[^\s/]+\/[a-z]*$/u];

/** Every concrete line an advertised form stands for: placeholders filled, `a|b` alternatives each. */
function concrete(fragment: string, whole = false): string[] {
  const words = fragment.split(' ').slice(0, 2).join(' ');
  let line = Object.entries(PHRASES).reduce((text, [phrase, value]) => text.replace(phrase, value), fragment);
  // Innermost first, so `[edit <number>]` and `<task @owner [due]…>` are looked up whole when listed.
  for (let guard = 0; guard < 10; guard++) {
    const next = line.replace(/\{\w+\}|<[^<>]*>|\[[^[\]]*\]|@[^\s<>[\]]+/gu, (token) => {
      if (/^<[@#][&!]?[\w-]+>$/u.test(token)) return token;
      const value = (whole ? (FULL[`${words}|${token}`] ?? FULL[token]) : undefined) ?? VALUES[token];
      if (value === undefined) throw new Error(`no value for the placeholder ${token} in ${fragment}`);
      return value;
    });
    if (next === line) break;
    line = next;
  }
  line = line.replaceAll('…', 'x').replace(/\s+/gu, ' ').trim();
  const parts = line.split(' ');
  const at = parts.findIndex((w) => w.includes('|') && !w.startsWith('<'));
  if (at < 0) return [line];
  return (parts[at] as string)
    .split('|')
    .flatMap((choice) => concrete([...parts.slice(0, at), choice, ...parts.slice(at + 1)].join(' '), whole));
}

/** What a usage or unknown-command reply looks like, in either language. */
const FAILURES = (['en', 'zh-CN'] as const).flatMap((locale) =>
  (
    [
      'error.usage',
      'error.unknownCommand',
      'error.unknownCommandDidYouMean',
      'error.unknownSubcommand',
      'error.unknownSubcommandDidYouMean',
      'error.unexpected',
    ] as const
  ).map(
    (key) =>
      new RegExp(
        (catalogs[locale] as Catalog)[key]
          .split(/\{\w+\}/u)
          .filter((part) => part.trim())
          .map((part) => part.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&'))
          .join('[\\s\\S]*?'),
        'u',
      ),
  ),
);

/** Backticked command forms in every message of a catalog (hints, errors, how-tos). */
function advertisedInMessages(locale: Locale): string[] {
  return Object.values(catalogs[locale]).flatMap((text) =>
    [...text.matchAll(/`(\/[^`]+)`/gu)].map((m) => m[1] as string),
  );
}

/** Marks a usage line to run with its optional parts filled in too. */
const WHOLE = 'whole:';

/**
 * The help's lines: each usage (with and without its optional parts), its Chinese words with the same arguments,
 * and every example in its description, as a command when it is not one already.
 */
function advertisedInHelp(help: string): string[] {
  return help.split('\n').flatMap((line) => {
    // The reader's language is the person's, whatever language the test asked in.
    const cut = Math.max(line.indexOf(' — '), line.indexOf('——'));
    if (!line.startsWith('`/') || cut < 0) return [];
    const [usage = '', chinese] = [...line.slice(0, cut).matchAll(/`([^`]+)`/gu)].map((m) => m[1] as string);
    const words = usage.split(' ').slice(0, 2).join(' ');
    const args = usage.split(' ').slice(2).join(' ');
    const examples = [...line.slice(cut).matchAll(/`([^`]+)`/gu)].map((m) => m[1] as string);
    return [
      usage,
      `${WHOLE}${usage}`,
      ...(chinese ? [`${chinese} ${args}`, `${WHOLE}${chinese} ${args}`] : []),
      ...examples.flatMap((e) =>
        e.startsWith('/') ? [e] : [`${words} ${e}`, ...(chinese ? [`${chinese} ${e}`] : [])],
      ),
    ];
  });
}

let h: Harness;
beforeAll(async () => {
  h = createHarness();
  await h.post('hello', { user: 'bob' });
  await h.run('/standup on');
  await h.run('/feedback add customer:Acme rating:2 slow replies', { user: 'bob' });
  await h.run('/rules add words scam');
  await h.run('/review action Send the quote <@bob> friday');
});
afterAll(async () => {
  await h.app.close();
});

describe('everything the help advertises works', () => {
  for (const locale of ['en', 'zh-CN'] as const) {
    it(`runs every advertised form in ${locale} without a usage or unknown-command error`, async () => {
      // Messages earlier in this run may have switched the owner's language: the help is read in this one.
      await h.run(`/muster language ${locale}`);
      const help = (await h.run('/muster help', { locale })).text;
      expect(help).toContain(catalogs[locale]['help.title']);
      const forms = [...new Set([...advertisedInHelp(help), ...advertisedInMessages(locale)])];
      expect(forms.length).toBeGreaterThan(100);
      expect(await failures(forms, { locale })).toEqual([]);
    });

    it(`runs what the help lists in a direct message there, in ${locale}`, async () => {
      const who = { locale, direct: true };
      await h.run(`/muster language ${locale}`, who);
      const forms = advertisedInHelp((await h.run('/muster help', who)).text);
      expect(forms.length).toBeGreaterThan(5);
      expect(await failures(forms, who)).toEqual([]);
    });
  }
});

/** The lines of these forms that come back as a usage or unknown-command error, with the reply. */
async function failures(forms: readonly string[], who: { locale: Locale; direct?: boolean }) {
  const lines = forms
    .filter((form) => !NOT_MUSTER.some((rx) => rx.test(form)))
    .flatMap((form) => (form.startsWith(WHOLE) ? concrete(form.slice(WHOLE.length), true) : concrete(form)));
  const failed: string[] = [];
  for (const line of [...new Set(lines)]) {
    const reply = await h.run(line, who);
    if (FAILURES.some((rx) => rx.test(reply.text))) failed.push(`${line}\n  → ${reply.text}`);
  }
  return failed;
}

describe('an admin sets someone else away, as the help says', () => {
  const away = () =>
    h.sql
      .prepare(
        "select member_id, from_day, to_day, set_by from standup_away where member_id = 'slack:T1:bob'",
      )
      .all();

  it('in English and Chinese; a member cannot, and nothing is stored then', async () => {
    h.sql.prepare('delete from standup_away').run();
    await h.run('/muster language en');
    expect((await h.run('/standup away 12-10 12-12 <@bob>', { locale: 'en' })).text).toContain(
      'from 2026-12-10 to 2026-12-12',
    );
    await h.run('/muster language zh-CN');
    expect((await h.run('/站会 请假 12月14日到12月15日 <@bob>', { locale: 'zh-CN' })).text).toContain(
      '2026-12-14',
    );
    expect(away()).toEqual([
      { member_id: 'slack:T1:bob', from_day: '2026-12-10', to_day: '2026-12-12', set_by: 'slack:T1:alice' },
      { member_id: 'slack:T1:bob', from_day: '2026-12-14', to_day: '2026-12-15', set_by: 'slack:T1:alice' },
    ]);
    await h.post('hi', { user: 'carol' });
    expect((await h.run('/standup away 12-20 <@bob>', { user: 'carol' })).text).toContain(
      'only a group admin',
    );
    expect((await h.run('/站会 请假 12月20日 <@bob>', { user: 'carol', locale: 'zh-CN' })).text).toContain(
      '管理员',
    );
    expect(away()).toHaveLength(2);
  });
});
