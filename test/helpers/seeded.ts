/**
 * mulberry32: a small, fast, seedable generator, so a test or a bench draws the same sequence on
 * every run and a failure replays exactly.
 * @example const random = seeded(42); random() // always the same first number in [0, 1)
 */
export function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
