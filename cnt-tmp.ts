import { IANAZone } from 'luxon';
let calls = 0;
const orig = IANAZone.prototype.offset;
IANAZone.prototype.offset = function (this: IANAZone, ts: number) { calls++; return orig.call(this, ts); };
const { benchStandupSchedule } = await import('./bench/standup-schedule.bench.js');
const r = await benchStandupSchedule();
console.log(calls, r.map(x=>`${x.name} ${x.value}`));
