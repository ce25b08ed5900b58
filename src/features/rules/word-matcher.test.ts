import { describe, expect, it } from 'vitest';
import { NormalizedText } from './text-normalize.js';
import { buildWordMatcher, type WordEntry, type WordMatcher } from './word-matcher.js';

function matcher(terms: string[]): WordMatcher {
  return buildWordMatcher(
    terms.map((term, owner) => ({ term, owner })),
    new NormalizedText(),
  );
}

/** Every match as [term, original fragment]. */
function matches(m: WordMatcher, text: string): [string, string][] {
  const n = new NormalizedText().read(text);
  const found: [string, string][] = [];
  m.scan(n, {
    onWord: (_owner, term, first, last) => {
      found.push([term, text.slice(n.from[first], n.to[last])]);
      return false;
    },
  });
  return found;
}

describe('WordMatcher', () => {
  const m = matcher(['he', 'she', 'his', 'hers', '加微信', '微信', 'ass', 'earn money fast', 'v信']);

  it('finds overlapping terms in one pass (Aho–Corasick)', () => {
    expect(matches(m, 'ushers')).toEqual([]);
    expect(matches(m, 'she hers his')).toEqual([
      ['she', 'she'],
      ['hers', 'hers'],
      ['his', 'his'],
    ]);
    expect(matches(m, '请加微信')).toEqual([
      ['加微信', '加微信'],
      ['微信', '微信'],
    ]);
  });

  it('respects English word boundaries but not Chinese ones', () => {
    expect(matches(m, 'class assassin')).toEqual([]);
    expect(matches(m, '我ass你')).toEqual([['ass', 'ass']]);
    expect(matches(m, '加V信')).toEqual([['v信', 'V信']]);
    expect(matches(m, 'vv信')).toEqual([]);
  });

  it('lets phrases match with or without their spaces, but never joins other words', () => {
    expect(matches(m, 'earn money fast')).toEqual([['earn money fast', 'earn money fast']]);
    expect(matches(m, 'EARNMONEYFAST')).toEqual([['earn money fast', 'EARNMONEYFAST']]);
    expect(matches(m, 'ear nmoney fast')).toEqual([]);
    expect(matches(m, 'a ss')).toEqual([]);
    expect(matches(m, 'a s s')).toEqual([['ass', 'a s s']]);
  });

  it('keeps every owner of a term and reports unmatchable terms', () => {
    const entries: WordEntry[] = [
      { term: 'Scam', owner: 1 },
      { term: 'scam', owner: 2 },
      { term: '!!!', owner: 3 },
    ];
    const shared = buildWordMatcher(entries, new NormalizedText());
    expect(shared.patternCount).toBe(1);
    expect(shared.unmatchable).toEqual([{ term: '!!!', owner: 3 }]);
    const owners: number[] = [];
    shared.scan(new NormalizedText().read('a scam'), {
      onWord: (owner) => {
        owners.push(owner);
        return false;
      },
    });
    expect(owners).toEqual([1, 2]);
  });

  it('stops when the visitor says so', () => {
    let calls = 0;
    m.scan(new NormalizedText().read('she she she'), {
      onWord: () => {
        calls++;
        return true;
      },
    });
    expect(calls).toBe(1);
  });

  it('handles thousands of terms', () => {
    // Letters only: with digits, leet folding would make some of these terms equal.
    const word = (i: number) =>
      `w${[...i.toString(26)].map((d) => String.fromCharCode(97 + Number.parseInt(d, 26))).join('')}`;
    const many = matcher(Array.from({ length: 5000 }, (_, i) => word(i)));
    expect(matches(many, `say ${word(4321)} and ${word(4321)}x`)).toEqual([[word(4321), word(4321)]]);
  });
});
