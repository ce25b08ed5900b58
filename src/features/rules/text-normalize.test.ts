import { describe, expect, it } from 'vitest';
import {
  caseOf,
  foldText,
  NormalizedText,
  normalizeForMatching,
  SPACED,
  TOKEN_END,
  TOKEN_START,
  UPPER,
  WORD,
} from './text-normalize.js';

describe('normalizeForMatching', () => {
  it('folds width, case, accents, look-alikes and traditional characters', () => {
    expect(normalizeForMatching('ＦＵＣＫ')).toBe('fuck');
    expect(normalizeForMatching('fück')).toBe('fuck');
    expect(normalizeForMatching('ѕhіt')).toBe('shit');
    expect(normalizeForMatching('代購')).toBe('代购');
    expect(normalizeForMatching('點擊鏈接')).toBe('点击链接');
    expect(normalizeForMatching('Ⓕⓤⓒⓚ')).toBe('fuck');
  });

  it('drops separators and invisible characters', () => {
    expect(normalizeForMatching('加 微.信')).toBe('加微信');
    expect(normalizeForMatching('加\u200b微\u200d信')).toBe('加微信');
    expect(normalizeForMatching('加😀微❤信')).toBe('加微信');
    expect(normalizeForMatching('f\u0336u\u0336c\u0336k\u0336')).toBe('fuck');
  });

  it('reads letters outside the BMP', () => {
    expect(normalizeForMatching('𝐟𝐮𝐜𝐤')).toBe('fuck');
    expect(normalizeForMatching('🅵🆄🅲🅺')).toBe('fuck');
    expect(normalizeForMatching('𨳒你')).toBe('𨳒你');
  });

  it('reads digits and symbols as letters only inside words', () => {
    expect(normalizeForMatching('sh1t')).toBe('shit');
    expect(normalizeForMatching('$cam')).toBe('scam');
    expect(normalizeForMatching('@ss')).toBe('ass');
    expect(normalizeForMatching('a$$')).toBe('ass');
    expect(normalizeForMatching('sh!t')).toBe('shit');
    expect(normalizeForMatching('I have 3 cats')).toBe('ihave3cats');
    expect(normalizeForMatching('A55 win10 $100')).toBe('a55win10100');
    expect(normalizeForMatching('wow!!!')).toBe('wow');
    expect(normalizeForMatching('2024-01-15')).toBe('20240115');
  });

  it('joins spaced-out letters, including leet digits among them', () => {
    expect(normalizeForMatching('s h 1 t')).toBe('shit');
    expect(normalizeForMatching('f.u.c.k')).toBe('fuck');
    expect(normalizeForMatching('1 2 3')).toBe('123');
  });
});

describe('NormalizedText', () => {
  it('maps every unit back to the original text', () => {
    const n = new NormalizedText().read('加 微\u200b信');
    expect(n.length).toBe(3);
    expect([...n.from.subarray(0, 3)]).toEqual([0, 2, 4]);
    expect([...n.to.subarray(0, 3)]).toEqual([1, 3, 5]);
  });

  it('marks English word boundaries and spaced-out runs', () => {
    const n = new NormalizedText().read('pen is f u c k');
    const flags = [...n.flags.subarray(0, n.length)];
    expect(flags.slice(0, 3)).toEqual([WORD | TOKEN_START, WORD, WORD | TOKEN_END]);
    expect(flags.slice(3, 5)).toEqual([WORD | TOKEN_START, WORD | TOKEN_END]);
    expect(flags.slice(5).every((f) => f === (WORD | TOKEN_START | TOKEN_END | SPACED))).toBe(true);
  });

  it('hashes texts that normalize alike to the same number', () => {
    const hash = (text: string) => new NormalizedText().read(text).hash();
    expect(hash('Buy NOW!')).toBe(hash('buy now'));
    expect(hash('代購')).toBe(hash('代购'));
    expect(hash('buy now')).not.toBe(hash('buy cow'));
    expect(Number.isSafeInteger(hash('x'.repeat(1000)))).toBe(true);
  });

  it('leaves Chinese without word flags and is reusable', () => {
    const n = new NormalizedText();
    n.read('a much longer first message to grow the buffers '.repeat(20));
    n.read('加微信');
    expect(n.toString()).toBe('加微信');
    expect([...n.flags.subarray(0, 3)]).toEqual([0, 0, 0]);
  });
});

describe('foldText and caseOf', () => {
  it('keeps the length so indexes carry over', () => {
    expect(foldText('ＱＱ：１２３４５')).toBe('qq:12345');
    expect(foldText('😀Ａ').length).toBe(3);
  });
  it('knows capitals, full-width ones too', () => {
    expect(caseOf('Ａ'.charCodeAt(0))).toBe(UPPER);
    expect(caseOf('中'.charCodeAt(0))).toBe(0);
  });
});
