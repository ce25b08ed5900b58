/** How a group rates: CSAT (1–5, the default) or NPS (0–10). */
export type Scale = 'csat' | 'nps';

/**
 * Each scale's range and the score at or below which feedback alerts, unless the group sets its own.
 * @example SCALES.nps → { min: 0, max: 10, defaultThreshold: 6 }
 */
export const SCALES: Readonly<Record<Scale, { min: number; max: number; defaultThreshold: number }>> = {
  csat: { min: 1, max: 5, defaultThreshold: 2 },
  nps: { min: 0, max: 10, defaultThreshold: 6 },
};

/**
 * Whether a score can be given on a scale: a whole number within its range.
 * @example validScore('csat', 5) === true; validScore('csat', 0) === false; validScore('nps', 7.5) === false
 */
export function validScore(scale: Scale, score: number): boolean {
  const { min, max } = SCALES[scale];
  return Number.isInteger(score) && score >= min && score <= max;
}

/** Where an NPS answer falls: 9–10 promote, 7–8 are passive, 0–6 detract. */
export type NpsClass = 'promoter' | 'passive' | 'detractor';

/**
 * @example npsClass(9) === 'promoter'; npsClass(8) === 'passive'; npsClass(6) === 'detractor'
 */
export function npsClass(score: number): NpsClass {
  return score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
}

/**
 * Whether a score should alert: at or below the threshold. A score the scale cannot hold never
 * alerts, so a bad row cannot page anyone.
 * @example isLow('csat', 2, 2) === true; isLow('nps', 7, 6) === false
 */
export function isLow(scale: Scale, score: number, threshold: number): boolean {
  return validScore(scale, score) && score <= threshold;
}
