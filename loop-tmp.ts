import { performance } from 'node:perf_hooks';
import { generate } from './bench/tmp-copy.js';
const plans = generate(100_000);
const m = new Map<string, number>(); for (const p of plans) for (const x of p.members) m.set(x.timezone, 1);
function a() { let n = 0; for (const { plan, members } of plans) { n += plan.promptTime.length; for (const x of members) n += x.timezone.length; } return n; }
function b() { let n = 0; for (const { plan, members } of plans) { for (const x of members) n += m.get(x.timezone)!; } return n; }
function c() { let n = 0; for (const { plan, members } of plans) { n+= plan.calendar ? 1 : 0; for (const x of members) { const z = m.get(x.timezone)!; const y = m.get(plan.promptTime); n += z + (y ?? 0); } } return n; }
for (const f of [a, b, c, a, b, c]) { for (let i=0;i<5;i++) f(); const t = performance.now(); for (let i=0;i<20;i++) f(); console.log(f.name, ((performance.now()-t)/20).toFixed(2)); }
