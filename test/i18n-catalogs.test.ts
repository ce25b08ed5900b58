import { describe, expect, it } from 'vitest';
import { catalogs, placeholders, pluralForm, translate } from '../src/core/i18n/catalog.js';
import { en } from '../src/core/i18n/en.js';
import { zhCN } from '../src/core/i18n/zh-CN.js';

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
      'role.listLine',
      'help.languageTip',
      'home.title',
      'home.groupLine',
      'rules.line',
      'rules.testHit',
      'rules.logLine',
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
});
