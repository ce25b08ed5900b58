import RE2 from 're2';
import { describe, expect, it } from 'vitest';
import { translate } from '../../core/i18n/catalog.js';
import { MAX_PATTERN_LENGTH, validateRegex } from './regex-check.js';

describe('validateRegex', () => {
  it('accepts what RE2 runs', () => {
    expect(validateRegex('\\bbuy\\s+now\\b')).toEqual({ ok: true });
    expect(validateRegex('免费\\s*送|\\p{Han}{2}币')).toEqual({ ok: true });
    expect(validateRegex('(?P<id>\\d+)')).toEqual({ ok: true });
    expect(validateRegex('[(?=]x')).toEqual({ ok: true });
  });

  it('refuses look-behind and look-ahead, saying why and what to do instead', () => {
    const result = validateRegex('(?<=a)b');
    expect(result).toEqual({ ok: false, key: 'rules.regex.lookaround', params: { fragment: '(?<=' } });
    if (result.ok) return;
    const en = translate('en', result.key, result.params);
    expect(en).toContain('`(?<=`');
    expect(en).toContain('linear time');
    expect(en).toContain('`ab` rather than `(?<=a)b`');
    expect(translate('zh-CN', result.key, result.params)).toContain('线性时间');
    expect(validateRegex('a(?!b)')).toMatchObject({ ok: false, params: { fragment: '(?!' } });
    expect(validateRegex('(?<!x)y')).toMatchObject({ ok: false, key: 'rules.regex.lookaround' });
  });

  it('refuses back-references and atomic groups', () => {
    expect(validateRegex('(a)\\1')).toEqual({
      ok: false,
      key: 'rules.regex.backreference',
      params: { fragment: '\\1' },
    });
    expect(validateRegex('(?<w>a)\\k<w>')).toMatchObject({ ok: false, params: { fragment: '\\k<w>' } });
    expect(validateRegex('(?>ab)')).toMatchObject({ ok: false, key: 'rules.regex.atomic' });
  });

  it('refuses broken, empty, overlong and match-everything patterns', () => {
    expect(validateRegex('[a')).toMatchObject({ ok: false, key: 'rules.regex.invalid' });
    expect(validateRegex('  ')).toMatchObject({ ok: false, key: 'rules.regex.empty' });
    expect(validateRegex('a'.repeat(MAX_PATTERN_LENGTH + 1))).toMatchObject({
      ok: false,
      key: 'rules.regex.tooLong',
    });
    expect(validateRegex('a*')).toMatchObject({ ok: false, key: 'rules.regex.matchesEverything' });
  });

  it('leaves catastrophic patterns linear: (a+)+$ on 100k characters returns', () => {
    expect(validateRegex('(a+)+$')).toEqual({ ok: true });
    const re = new RE2('(a+)+$', 'u');
    expect(re.test(`${'a'.repeat(100_000)}!`)).toBe(false);
    expect(re.test('a'.repeat(100_000))).toBe(true);
  });
});
