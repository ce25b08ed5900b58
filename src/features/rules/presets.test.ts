import { describe, expect, it } from 'vitest';
import { PRESET_NAMES, PRESET_TERMS } from './presets.js';
import { normalizeForMatching } from './text-normalize.js';

describe('preset lists', () => {
  it('each hold Chinese and English terms that can all match', () => {
    for (const name of PRESET_NAMES) {
      const terms = PRESET_TERMS[name];
      expect(terms.some((t) => /\p{Script=Han}/u.test(t))).toBe(true);
      expect(terms.some((t) => /^[a-z0-9 -]+$/.test(t))).toBe(true);
      expect(terms.filter((t) => normalizeForMatching(t) === '')).toEqual([]);
    }
  });

  it('include the spec’s ads and gambling phrases', () => {
    expect(PRESET_TERMS.ads).toEqual(
      expect.arrayContaining([
        '加微信',
        '代购',
        '刷单',
        '兼职日结',
        '免费领取',
        '点击链接',
        'earn money fast',
      ]),
    );
    expect(PRESET_TERMS.ads).toContain('crypto giveaway');
    expect(PRESET_TERMS.gambling).toEqual(
      expect.arrayContaining(['博彩', '百家乐', '六合彩', '网赌', 'casino bonus']),
    );
  });

  it('drop the junk of the LDNOOBW Chinese list', () => {
    const chinese = PRESET_TERMS.profanity.filter((t) => /\p{Script=Han}/u.test(t));
    for (const junk of [
      '乳',
      '性',
      '奶',
      '幹',
      '逼',
      '处女',
      '成人',
      '祖宗',
      '刚度',
      '你全家',
      '靠背',
      '13点',
    ]) {
      expect(chinese).not.toContain(junk);
    }
    expect(chinese).toEqual(expect.arrayContaining(['他妈的', '傻逼', '屌', '草泥马']));
    // Single characters only when obscene on their own.
    expect(chinese.filter((t) => [...t].length === 1).sort()).toEqual(['屄', '屌', '肏', '閪', '𨳒'].sort());
  });

  it('take English profanity from LDNOOBW without everyday words', () => {
    expect(PRESET_TERMS.profanity).toEqual(expect.arrayContaining(['fuck', 'shit', 'motherfucker']));
    for (const everyday of ['tied up', 'how to kill', 'snatch', 'xxx', 'sex', 'nude']) {
      expect(PRESET_TERMS.profanity).not.toContain(everyday);
    }
  });
});
