import { describe, expect, it } from 'vitest';
import { RULE_CASES, RULE_SETS } from '../../../test/fixtures/rules-cases.js';
import { FloodTracker } from './flood-tracker.js';
import {
  type CompiledRuleSet,
  compileRules,
  compileRulesInSlices,
  type MessageInput,
  type RuleDefinition,
} from './rule-set.js';

const message = (text: string, extra: Partial<MessageInput> = {}): MessageInput => ({
  text,
  authorKey: 'slack:T1:U1',
  channelKey: 'slack:T1:C1',
  at: 1_000_000,
  authorMayBroadcast: false,
  ...extra,
});

describe('the case table', () => {
  const compiled = new Map<string, CompiledRuleSet>();
  const setFor = (rules: keyof typeof RULE_SETS | readonly RuleDefinition[]): CompiledRuleSet => {
    if (typeof rules !== 'string') return compileRules(rules);
    let set = compiled.get(rules);
    if (!set) {
      set = compileRules(RULE_SETS[rules]);
      expect(set.invalid).toEqual([]);
      compiled.set(rules, set);
    }
    return set;
  };

  it('has at least 50 cases per language', () => {
    expect(RULE_CASES.filter((c) => c.lang === 'zh').length).toBeGreaterThanOrEqual(50);
    expect(RULE_CASES.filter((c) => c.lang === 'en').length).toBeGreaterThanOrEqual(50);
  });

  it.each(RULE_CASES.map((c) => [`${c.lang} ${c.note}: ${JSON.stringify(c.text)}`, c] as const))(
    '%s',
    (_, c) => {
      const hits = setFor(c.rules).evaluate(
        message(c.text, { authorMayBroadcast: c.authorMayBroadcast ?? false }),
      );
      expect(hits.map((h) => h.kind)).toEqual(c.expect);
      if (c.evidence !== undefined) expect(hits[0]?.evidence).toBe(c.evidence);
      for (const hit of hits) expect(c.text).toContain(hit.evidence);
    },
  );
});

describe('compileRules', () => {
  it('reports one hit per rule, in rule order, with the original fragment as evidence', () => {
    const set = compileRules([
      { id: 7, kind: 'caps', config: {} },
      { id: 3, kind: 'words', config: { words: ['scam', 'fraud'] } },
      { id: 5, kind: 'words', config: { words: ['加微信'] } },
      { id: 9, kind: 'presets', config: { lists: ['ads'] } },
    ]);
    expect(set.size).toBe(4);
    const hits = set.evaluate(message('THIS IS A $CAM AND A FRAUD, 加 微 信'));
    expect(hits).toEqual([
      {
        ruleId: 7,
        kind: 'caps',
        reason: { key: 'rules.reason.caps', params: { percent: 100 } },
        evidence: expect.any(String),
      },
      {
        ruleId: 3,
        kind: 'words',
        reason: { key: 'rules.reason.words', params: { word: 'scam' } },
        evidence: '$CAM',
      },
      {
        ruleId: 5,
        kind: 'words',
        reason: { key: 'rules.reason.words', params: { word: '加微信' } },
        evidence: '加 微 信',
      },
      {
        ruleId: 9,
        kind: 'presets',
        reason: { key: 'rules.reason.preset.ads', params: { word: '加微信' } },
        evidence: '加 微 信',
      },
    ]);
  });

  it('leaves out rules whose config does not validate, and says which', () => {
    const set = compileRules([
      { id: 1, kind: 'words', config: { words: [] } },
      { id: 2, kind: 'regex', config: { pattern: '(?<=a)b' } },
      { id: 3, kind: 'caps', config: {} },
    ]);
    expect(set.invalid).toEqual([1, 2]);
    expect(set.size).toBe(1);
  });

  it('evaluates an empty rule set to nothing', () => {
    expect(compileRules([]).evaluate(message('anything'), new FloodTracker())).toEqual([]);
  });
});

describe('regex rules', () => {
  it('run many patterns at once and report which matched', () => {
    const set = compileRules([
      { id: 1, kind: 'regex', config: { pattern: '\\bbuy\\s+now\\b' } },
      { id: 2, kind: 'regex', config: { pattern: 'Promo', ignoreCase: false } },
      { id: 3, kind: 'regex', config: { pattern: '免费\\s*送' } },
    ]);
    expect(set.evaluate(message('BUY  NOW, promo, 免费 送')).map((h) => [h.ruleId, h.evidence])).toEqual([
      [1, 'BUY  NOW'],
      [3, '免费 送'],
    ]);
  });

  it('run (a+)+$ over 100k characters in linear time', () => {
    const set = compileRules([{ id: 1, kind: 'regex', config: { pattern: '(a+)+$' } }]);
    expect(set.evaluate(message(`${'a'.repeat(100_000)}!`))).toEqual([]);
    expect(set.evaluate(message('a'.repeat(100_000))).map((h) => h.ruleId)).toEqual([1]);
  });
});

describe('flood rules', () => {
  const set = compileRules([
    { id: 1, kind: 'flood', config: { maxMessages: 3, seconds: 10, repeats: 3, repeatSeconds: 60 } },
  ]);
  const post = (flood: FloodTracker, text: string, at: number, channelKey = 'slack:T1:C1') =>
    set.evaluate(message(text, { at, channelKey }), flood).map((h) => h.reason);

  it('fires on the message after the limit, not at it', () => {
    const flood = new FloodTracker();
    expect(post(flood, 'one', 0)).toEqual([]);
    expect(post(flood, 'two', 1000)).toEqual([]);
    expect(post(flood, 'three', 2000)).toEqual([]);
    expect(post(flood, 'four', 3000)).toEqual([
      { key: 'rules.reason.flood.messages', params: { count: 4, seconds: 10 } },
    ]);
  });

  it('forgets messages outside the window', () => {
    const flood = new FloodTracker();
    for (const at of [0, 1000, 2000]) post(flood, `m${at}`, at);
    expect(post(flood, 'later', 10_500)).toEqual([]);
  });

  it('fires when the same text comes the third time, across channels and evasions', () => {
    const flood = new FloodTracker();
    expect(post(flood, 'Buy cheap followers', 0, 'c1')).toEqual([]);
    expect(post(flood, 'buy  CHEAP followers!', 20_000, 'c2')).toEqual([]);
    expect(post(flood, 'ｂｕｙ cheap followers', 40_000, 'c3')).toEqual([
      { key: 'rules.reason.flood.repeats', params: { count: 3, seconds: 60 } },
    ]);
  });

  it('does not count short acknowledgements as repeats', () => {
    const flood = new FloodTracker();
    for (const at of [0, 20_000, 40_000]) expect(post(flood, '好的', at)).toEqual([]);
  });

  it('keeps members apart', () => {
    const flood = new FloodTracker();
    for (let i = 0; i < 4; i++) {
      expect(set.evaluate(message('hi there', { authorKey: `u${i}`, at: i }), flood)).toEqual([]);
    }
  });

  it('peeks without recording for /rules test', () => {
    const flood = new FloodTracker();
    for (const at of [0, 1000, 2000]) post(flood, `m${at}`, at);
    const peek = () => set.evaluate(message('test', { at: 3000 }), flood, { record: false });
    expect(peek()).toHaveLength(1);
    expect(peek()).toHaveLength(1);
    expect(flood.countMessages('slack:T1:U1', 3000, 10_000)).toBe(3);
  });

  it('are skipped without a tracker', () => {
    expect(set.evaluate(message('x'))).toEqual([]);
  });
});

describe('mention and caps rules', () => {
  const set = compileRules([
    { id: 1, kind: 'mentions', config: { maxMentions: 2 } },
    { id: 2, kind: 'caps', config: { percent: 70, minLetters: 10 } },
  ]);

  it('fire at the thresholds, not below', () => {
    expect(set.evaluate(message('<@U1> <@U2> ok'))).toEqual([]);
    expect(set.evaluate(message('<@U1> <@U2> <@U3> ok')).map((h) => h.kind)).toEqual(['mentions']);
    expect(set.evaluate(message('Deploy DONE now'))).toEqual([]);
    expect(set.evaluate(message('DEPLOY IS DONE NOW')).map((h) => h.kind)).toEqual(['caps']);
  });

  it('let exempt authors broadcast', () => {
    expect(set.evaluate(message('<!channel> release', { authorMayBroadcast: true }))).toEqual([]);
    expect(set.evaluate(message('<!channel> release')).map((h) => h.evidence)).toEqual(['<!channel>']);
  });
});

describe('hostile input', () => {
  const set = compileRules([
    { id: 1, kind: 'words', config: { words: ['加微信', 'fuck'] } },
    { id: 2, kind: 'links', config: {} },
    { id: 3, kind: 'contacts', config: {} },
    { id: 4, kind: 'mentions', config: {} },
    { id: 5, kind: 'caps', config: {} },
    { id: 6, kind: 'flood', config: {} },
  ]);

  // Each would take minutes with a quadratic scan; here they must simply return.
  it.each([
    ['"<" × 100k', '<'.repeat(100_000), []],
    ['"<@" × 50k', '<@'.repeat(50_000), []],
    ['qq and 100k spaces', `qq${' '.repeat(100_000)}x`, []],
    ['微信 and 100k spaces', `微信${' '.repeat(100_000)}!`, []],
    ['a domain and 100k dots', `example.com${'.'.repeat(100_000)}`, ['links']],
    ['a path of 100k punctuation', `example.com/${'.,'.repeat(50_000)}x`, ['links']],
    ['"a@" × 50k', 'a@'.repeat(50_000), []],
    ['"f u c k" × 20k', 'f u c k '.repeat(20_000), ['words']],
  ])('%s', (_, text, kinds) => {
    expect(set.evaluate(message(text), new FloodTracker()).map((h) => h.kind)).toEqual(kinds);
  });
});

describe('compileRulesInSlices', () => {
  const slicesOf = (rules: readonly RuleDefinition[]) => {
    const steps = compileRulesInSlices(rules);
    for (let slices = 1; ; slices++) {
      const step = steps.next();
      if (step.done) return { slices, set: step.value };
    }
  };

  it('compiles a small set in one slice, so it is ready before the message that asked is checked', () => {
    const small = slicesOf([
      { id: 1, kind: 'presets', config: {} },
      { id: 2, kind: 'words', config: { words: ['加微信', 'scam'] } },
      { id: 3, kind: 'regex', config: { pattern: 'buy\\s+now' } },
      { id: 4, kind: 'links', config: {} },
    ]);
    expect(small.slices).toBe(1);
  });

  it('compiles a big set in many slices to the same answers as at once', () => {
    const words = Array.from(
      { length: 19_999 },
      (_, i) => `词${String.fromCharCode(0x4e00 + (i % 5000))}${i}`,
    );
    const rules: RuleDefinition[] = [
      { id: 1, kind: 'words', config: { words: [...words, 'earn money fast'] } },
      { id: 2, kind: 'presets', config: {} },
    ];
    const sliced = slicesOf(rules);
    expect(sliced.set.invalid).toEqual([]);
    expect(sliced.slices).toBeGreaterThan(10);
    const atOnce = compileRules(rules);
    const last = words.at(-1) as string;
    for (const text of [`${words[3]} here`, 'EARN MONEY FAST', '加 微 信', 'nothing at all', last]) {
      expect(sliced.set.evaluate(message(text))).toEqual(atOnce.evaluate(message(text)));
    }
    expect(sliced.set.evaluate(message(`说${last}了`)).map((h) => h.ruleId)).toEqual([1]);
  });
});
