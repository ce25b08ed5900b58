import { describe, expect, it } from 'vitest';
import { parseRuleInput } from './rule-input.js';
import { RULE_KINDS, ruleConfigSchemas } from './rule-kinds.js';

const config = (kind: Parameters<typeof parseRuleInput>[0], text: string) => {
  const parsed = parseRuleInput(kind, text);
  if (!parsed.ok) throw new Error(`${kind} "${text}" did not parse: ${parsed.key}`);
  return ruleConfigSchemas[kind].parse(parsed.config);
};

describe('parseRuleInput', () => {
  it('reads word lists with half- and full-width commas, 、 and ；, no spaces needed', () => {
    expect(config('words', '加微信，代购、scam；刷单')).toEqual({
      words: ['加微信', '代购', 'scam', '刷单'],
    });
    expect(config('words', '“加微信”, earn money fast , 加微信')).toEqual({
      words: ['加微信', 'earn money fast'],
    });
    expect(parseRuleInput('words', '，，')).toEqual({ ok: false, key: 'rules.input.noWords', params: {} });
    expect(parseRuleInput('words', 'ok, !!!')).toEqual({
      ok: false,
      key: 'rules.input.wordUnmatchable',
      params: { word: '!!!' },
    });
  });

  it('reads preset names in either language', () => {
    expect(config('presets', '')).toEqual({ lists: ['profanity', 'ads', 'gambling'] });
    expect(config('presets', '脏话、广告')).toEqual({ lists: ['profanity', 'ads'] });
    expect(config('presets', '赌博')).toEqual({ lists: ['gambling'] });
    expect(config('presets', 'gambling profanity')).toEqual({ lists: ['gambling', 'profanity'] });
    expect(parseRuleInput('presets', 'memes')).toMatchObject({ ok: false, key: 'rules.input.unknownPreset' });
  });

  it('reads link modes and domains', () => {
    expect(config('links', '')).toEqual({ mode: 'all', domains: [], invites: true });
    expect(config('links', '禁止链接')).toEqual({ mode: 'all', domains: [], invites: true });
    expect(config('links', 'deny example.com, spam.io')).toEqual({
      mode: 'deny',
      domains: ['example.com', 'spam.io'],
      invites: true,
    });
    expect(config('links', '只允许example.com和https://www.Muster.dev/docs')).toEqual({
      mode: 'allow',
      domains: ['example.com', 'muster.dev'],
      invites: true,
    });
    expect(config('links', '禁止ｓｐａｍ．ｉｏ，no-invites')).toEqual({
      mode: 'deny',
      domains: ['spam.io'],
      invites: false,
    });
    expect(config('links', 'invites')).toEqual({ mode: 'none', domains: [], invites: true });
    expect(config('links', '邀请链接')).toEqual({ mode: 'none', domains: [], invites: true });
    expect(parseRuleInput('links', 'allow')).toMatchObject({ ok: false, key: 'rules.input.noDomains' });
    expect(parseRuleInput('links', 'deny not_a_domain')).toEqual({
      ok: false,
      key: 'rules.input.badDomain',
      params: { domain: 'not_a_domain' },
    });
  });

  it('reads contact kinds', () => {
    expect(config('contacts', '')).toEqual({ phones: true, chatIds: true, emails: true });
    expect(config('contacts', '手机号和微信')).toEqual({ phones: true, chatIds: true, emails: false });
    expect(config('contacts', 'emails')).toEqual({ phones: false, chatIds: false, emails: true });
    expect(parseRuleInput('contacts', 'fax')).toMatchObject({ ok: false, params: { name: 'fax' } });
  });

  it('reads flood limits in English and Chinese', () => {
    const defaults = { maxMessages: 5, seconds: 10, repeats: 3, repeatSeconds: 60 };
    expect(config('flood', '')).toEqual(defaults);
    expect(config('flood', 'max 8 in 20s')).toEqual({ ...defaults, maxMessages: 8, seconds: 20 });
    expect(config('flood', '8 20')).toEqual({ ...defaults, maxMessages: 8, seconds: 20 });
    expect(config('flood', '20秒内最多8条，1分钟内重复4次')).toEqual({
      maxMessages: 8,
      seconds: 20,
      repeats: 4,
      repeatSeconds: 60,
    });
    expect(config('flood', '５条／１０秒')).toEqual({ ...defaults, maxMessages: 5, seconds: 10 });
    expect(config('flood', 'max 5 in 10s, repeat off')).toEqual({ ...defaults, repeats: 0 });
    expect(config('flood', '重复 关闭')).toEqual({ ...defaults, repeats: 0 });
    expect(parseRuleInput('flood', 'lots')).toMatchObject({ ok: false, key: 'rules.input.flood' });
    expect(parseRuleInput('flood', 'max 500 in 10s')).toMatchObject({
      ok: false,
      key: 'rules.input.floodRange',
    });
    expect(parseRuleInput('flood', 'repeat 1 in 10s')).toMatchObject({
      ok: false,
      key: 'rules.input.floodRange',
    });
  });

  it('reads mention limits and broadcast switches', () => {
    expect(config('mentions', '')).toEqual({ maxMentions: 5, broadcasts: true });
    expect(config('mentions', '最多@8人')).toEqual({ maxMentions: 8, broadcasts: true });
    expect(config('mentions', '8 broadcasts off')).toEqual({ maxMentions: 8, broadcasts: false });
    expect(config('mentions', '8，允许全员')).toEqual({ maxMentions: 8, broadcasts: false });
    expect(config('mentions', '全员')).toEqual({ maxMentions: 0, broadcasts: true });
    expect(parseRuleInput('mentions', 'many')).toMatchObject({ ok: false, key: 'rules.input.mentions' });
    expect(parseRuleInput('mentions', '500')).toMatchObject({ ok: false, key: 'rules.input.mentionsRange' });
  });

  it('reads caps settings', () => {
    expect(config('caps', '')).toEqual({ percent: 70, minLetters: 10 });
    expect(config('caps', '80% 20')).toEqual({ percent: 80, minLetters: 20 });
    expect(config('caps', '超过20个字母且大写超过８０％')).toEqual({ percent: 80, minLetters: 20 });
    expect(parseRuleInput('caps', '150%')).toMatchObject({ ok: false, key: 'rules.input.capsRange' });
    expect(parseRuleInput('caps', 'loud')).toMatchObject({ ok: false, key: 'rules.input.caps' });
  });

  it('reads patterns as written, with /…/i literals', () => {
    expect(config('regex', '免费\\s*送')).toEqual({ pattern: '免费\\s*送', ignoreCase: true });
    expect(config('regex', '/Buy Now/')).toEqual({ pattern: 'Buy Now', ignoreCase: false });
    expect(config('regex', '/buy now/i')).toEqual({ pattern: 'buy now', ignoreCase: true });
    expect(config('regex', '，')).toEqual({ pattern: '，', ignoreCase: true });
    expect(parseRuleInput('regex', '/x/g')).toEqual({
      ok: false,
      key: 'rules.input.regexFlags',
      params: { flags: 'g' },
    });
    expect(parseRuleInput('regex', '(?<=a)b')).toMatchObject({ ok: false, key: 'rules.regex.lookaround' });
  });

  it('gives configs every schema accepts', () => {
    for (const kind of RULE_KINDS) {
      const parsed = parseRuleInput(kind, kind === 'words' ? 'x' : kind === 'regex' ? 'x+' : '');
      expect(parsed.ok && ruleConfigSchemas[kind].safeParse(parsed.config).success).toBe(true);
    }
  });
});
