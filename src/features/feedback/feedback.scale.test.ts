import { describe, expect, it } from 'vitest';
import { isLow, npsClass, SCALES, validScore } from './feedback.scale.js';

describe('SCALES', () => {
  it('are CSAT 1–5 alerting at 2 and NPS 0–10 alerting at 6', () => {
    expect(SCALES).toEqual({
      csat: { min: 1, max: 5, defaultThreshold: 2 },
      nps: { min: 0, max: 10, defaultThreshold: 6 },
    });
  });
});

describe('validScore', () => {
  it('takes whole numbers within the scale, ends included', () => {
    expect([1, 2, 3, 4, 5].every((s) => validScore('csat', s))).toBe(true);
    expect([0, 10].every((s) => validScore('nps', s))).toBe(true);
  });

  it('refuses scores outside the scale, fractions and non-numbers', () => {
    for (const score of [0, 6, -1, 4.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(validScore('csat', score), String(score)).toBe(false);
    }
    for (const score of [-1, 11, 7.5]) expect(validScore('nps', score), String(score)).toBe(false);
  });
});

describe('npsClass', () => {
  it('puts 9–10 as promoters, 7–8 as passives, 0–6 as detractors', () => {
    expect([10, 9, 8, 7, 6, 0].map(npsClass)).toEqual([
      'promoter',
      'promoter',
      'passive',
      'passive',
      'detractor',
      'detractor',
    ]);
  });
});

describe('isLow', () => {
  it('alerts at or below the threshold', () => {
    expect(isLow('csat', 2, SCALES.csat.defaultThreshold)).toBe(true);
    expect(isLow('csat', 1, 2)).toBe(true);
    expect(isLow('csat', 3, 2)).toBe(false);
    expect(isLow('nps', 6, SCALES.nps.defaultThreshold)).toBe(true);
    expect(isLow('nps', 7, 6)).toBe(false);
    expect(isLow('csat', 3, 3)).toBe(true);
  });

  it('never alerts on a score the scale cannot hold', () => {
    expect(isLow('csat', 0, 2)).toBe(false);
    expect(isLow('nps', -1, 6)).toBe(false);
  });
});
