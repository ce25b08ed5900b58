import { benchStandupSchedule } from './bench/standup-schedule.bench.js';
await benchStandupSchedule();
