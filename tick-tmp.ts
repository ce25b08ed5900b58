import { performance } from 'node:perf_hooks';
import { dueBetween } from './src/features/standup/standup.schedule.js';
import { generate, tickEnds } from './bench/tmp-copy.js';
const plans = generate(100_000);
const ends = tickEnds();
const run = (end: number) => dueBetween(new Date(end - 60000), new Date(end), plans).length;
for (let i = 0; i < 30; i++) run(ends[i % ends.length]!);
const rows: string[] = [];
for (const end of ends) {
  const t = performance.now(); const n = run(end); const d = performance.now() - t;
  rows.push(`${new Date(end).toISOString().slice(11,16)} ${n.toString().padStart(6)} ${d.toFixed(1)}ms`);
}
console.log(rows.join('\n'));
