import { benchStandupSchedule } from './bench/standup-schedule.bench.js';
const r = await benchStandupSchedule();
for (const x of r) x.value = Math.round(x.value * 10) / 10;
console.table(r);
