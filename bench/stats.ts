/** One line of the bench table and of bench-results.json. */
export interface Result {
  name: string;
  value: number;
  unit: string;
  target: string;
}

/** A logger that says nothing: benches measure Muster, not pino. */
export const silent = { debug() {}, info() {}, warn() {}, error() {} };

export function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

export function p99(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length * 0.99)] as number;
}
