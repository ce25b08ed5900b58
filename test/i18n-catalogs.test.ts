import { describe, expect, it } from 'vitest';
import { catalogs, placeholders, pluralForm, range, translate } from '../src/core/i18n/catalog.js';
import { en } from '../src/core/i18n/en.js';
import { zhCN } from '../src/core/i18n/zh-CN.js';
import { typographyProblems } from './helpers/chinese-typography.js';

describe('message catalogs', () => {
  it('have exactly the same keys', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  });

  it('use the same placeholders for every key', () => {
    const mismatches = Object.keys(en).filter(
      (key) =>
        JSON.stringify(placeholders(en[key as keyof typeof en])) !==
        JSON.stringify(placeholders(zhCN[key as keyof typeof en])),
    );
    expect(mismatches).toEqual([]);
  });

  it('have no empty messages', () => {
    for (const catalog of Object.values(catalogs)) {
      expect(Object.entries(catalog).filter(([, v]) => v.trim() === '')).toEqual([]);
    }
  });

  it('write Chinese in Chinese: every zh-CN message that is prose contains Han characters', () => {
    // Keys whose values are legitimately not Chinese: separators, examples, placeholders-only.
    const exempt = new Set([
      'list.separator',
      'error.plain',
      'help.line',
      'settings.changed',
      // Punctuation around values only: a time with its zone, a quoted name, a note with its author.
      'time.inZone',
      'feedback.customer.quoted',
      'review.note.line',
      'role.listLine',
      'help.languageTip',
      'home.title',
      'home.groupLine',
      'rules.line',
      'rules.testHit',
      'rules.logLine',
      'rules.log.rule',
      'feedback.error.inline',
      'feedback.historyLine',
      'figures.feedback.nps',
      // A product's name, which Chinese users write in Latin letters too.
      'crm.kind.zoho',
      'standup.home.line',
      'standup.answer.title',
      'standup.history.line',
      'standup.history.pair',
      'standup.history.separator',
      // A time and its zone's IANA name, nothing to translate.
      'time.inZone',
      // The console's prompt punctuation around a form's own words.
      'console.prompt',
      'console.choices',
      'console.fieldError',
    ]);
    const latinOnly = Object.entries(zhCN).filter(
      ([key, value]) =>
        !exempt.has(key) && !key.startsWith('settings.example.') && !/\p{Script=Han}/u.test(value),
    );
    expect(latinOnly.map(([k]) => k)).toEqual([]);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('zh-CN', 'role.added', { user: '@小王', role: '项目经理' })).toBe(
      '已将 @小王 设为项目经理。',
    );
    expect(translate('en', 'role.added', { user: '@bob' })).toBe('@bob is now {role}.');
  });

  it('says English counts with the right form of the word: 1 day, 2 days, 0 days', () => {
    expect(translate('en', 'members.inactiveTitle', { count: 1, days: 1 })).toBe(
      '1 member silent for 1 day or more:',
    );
    expect(translate('en', 'members.inactiveTitle', { count: 2, days: 30 })).toBe(
      '2 members silent for 30 days or more:',
    );
    expect(translate('en', 'members.inactiveTitle', { count: 0, days: 0 })).toBe(
      '0 members silent for 0 days or more:',
    );
    expect(translate('zh-CN', 'members.inactiveTitle', { count: 1, days: 1 })).toBe(
      '1 位成员已 1 天或更久未发言：',
    );
    expect(pluralForm('en', 1, 'day|days')).toBe('day');
    expect(pluralForm('en', 1.5, 'day|days')).toBe('days');
    // A count that is not a number (a formatted figure) takes the general form.
    expect(pluralForm('en', Number.NaN, 'day|days')).toBe('days');
  });

  it('never puts a bare count before an English plural noun ("1 strikes"): the count picks the form', () => {
    const bare =
      /\{\w+\} (?:working |banned )?(?:day|week|hour|minute|strike|member|answer|time|question|message|mention|account|item|character|word|rule|row|letter|setting|blocker|group|score|rating|survey|prompt|point)s\b/u;
    expect(
      Object.entries(en)
        .filter(([, value]) => bare.test(value))
        .map(([key]) => key),
    ).toEqual([]);
  });

  it('never builds a range whose ends may be equal ("(1–1)"): a range placeholder shows one value then', () => {
    const literalRange = /\d[–-]\{\w+\}|\{(?!min\})\w+\}[–-]\{\w+\}/u;
    for (const catalog of Object.values(catalogs)) {
      expect(
        Object.entries(catalog)
          .filter(([, value]) => literalRange.test(value))
          .map(([key]) => key),
      ).toEqual([]);
    }
    expect(range(1, 1)).toBe('1');
    expect(range(1, 3)).toBe('1–3');
    expect(
      translate('en', 'standup.parse.unlabeledNumbered', { numbers: range(1, 1), usage: '/standup 1: …' }),
    ).toBe('Start each answer with the question’s number (1) or its text. Usage: `/standup 1: …`');
    expect(
      translate('zh-CN', 'standup.parse.unlabeledNumbered', { numbers: range(1, 2), usage: '/standup 1：…' }),
    ).toBe('每条回答请以问题序号（1–2）或问题原文开头。用法：`/standup 1：…`');
  });

  it('write Chinese with full-width punctuation, no space around it, and a space before and after Latin words, digits and values', () => {
    expect(
      Object.entries(zhCN).flatMap(([key, value]) =>
        typographyProblems(key, value).map((problem) => `${key}: ${problem}`),
      ),
    ).toEqual([]);
  });

  it('the typography rules catch what they are for, and pass what Chinese writes that way', () => {
    const bad = [
      '连接Zoho CRM',
      '共{count}条',
      '已提交 {count}条。',
      '时区:UTC',
      '请填写评分(1–5)',
      '已保存!',
      '你确定吗?',
      '第一，第二;第三',
      '请假 。',
      '（可选 ）',
      '提醒时间： 09:00',
      '每10分钟',
    ];
    expect(bad.filter((value) => typographyProblems('x', value).length === 0)).toEqual([]);
    const good = [
      '连接 Zoho CRM',
      '共 {count} 条',
      '已将 {user} 设为{role}。',
      '{name}只能是{choices}之一，没有“{value}”这一项。',
      '发送 `/standup 昨天：…; 今天：…` 填写',
      '截止时间 09:00（Asia/Shanghai）',
      '请写成 12月24日 或 2026年12月24日。',
      '输入 :help 查看控制台操作。',
      '请填写以 https://example.com 开头的地址。',
    ];
    expect(good.filter((value) => typographyProblems('arg.x', value).length > 0)).toEqual([]);
  });

  it('name every option in Chinese starting with a Chinese word, as the arg.* errors join it to their words', () => {
    const options = Object.entries(zhCN).filter(([key]) => /(?:^|\.)opt\./u.test(key));
    expect(options.length).toBeGreaterThan(20);
    expect(options.filter(([, label]) => !/^[\p{Script=Han}@#]/u.test(label)).map(([key]) => key)).toEqual(
      [],
    );
  });

  it('call the daily standup by one name in Chinese: 站会', () => {
    const otherNames = /每日进展|每日站会|晨会|站立会议|每日例会/u;
    expect(
      Object.entries(zhCN)
        .filter(([, value]) => otherNames.test(value))
        .map(([key]) => key),
    ).toEqual([]);
    for (const key of [
      'cmd.standup',
      'cmd.standup.on',
      'standup.setup.title',
      'standup.thread.title',
    ] as const) {
      expect(zhCN[key]).toContain('站会');
    }
  });
});
