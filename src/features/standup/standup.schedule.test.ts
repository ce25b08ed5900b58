import { describe, expect, it } from 'vitest';
import { type CalendarOverride, groupCalendar } from './standup.calendar.js';
import {
  type DueItem,
  dueBetween,
  groupDay,
  isAway,
  type PlannedMember,
  promptAfterDeadline,
  type StandupPlan,
  triage,
} from './standup.schedule.js';

const MON_FRI = [1, 2, 3, 4, 5];
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];

function plan(overrides: Partial<StandupPlan> = {}): StandupPlan {
  return {
    groupId: 'g1',
    timezone: 'Asia/Shanghai',
    promptTime: '09:30',
    deadline: '18:00',
    nudgeBeforeMinutes: 30,
    calendar: groupCalendar({ country: 'CN', workdays: MON_FRI, overrides: [] }),
    ...overrides,
  };
}

function calendar(country: string | null, workdays = MON_FRI, overrides: CalendarOverride[] = []) {
  return groupCalendar({ country, workdays, overrides });
}

function member(memberId: string, timezone: string, away: PlannedMember['away'] = []): PlannedMember {
  return { memberId, timezone, away };
}

function due(from: string, to: string, p: StandupPlan, members: PlannedMember[]): DueItem[] {
  return dueBetween(new Date(from), new Date(to), [{ plan: p, members }]);
}

/** Compact lines, sorted by time then kind, so a test reads like a timetable. */
function lines(items: DueItem[]): string[] {
  const order = { thread: 0, prompt: 1, nudge: 2, summary: 3 };
  return [...items]
    .sort((a, b) => a.at.getTime() - b.at.getTime() || order[a.kind] - order[b.kind])
    .map((i) => `${i.at.toISOString().slice(0, 16)} ${i.kind} ${i.day}${i.memberId ? ` ${i.memberId}` : ''}`);
}

/** Prompts due across one whole UTC day. */
function prompts(day: string, p: StandupPlan, members: PlannedMember[]): string[] {
  const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString();
  return lines(due(`${day}T00:00:00Z`, next, p, members).filter((i) => i.kind === 'prompt'));
}

describe('dueBetween: each member at their own local 09:30', () => {
  const world = plan({ timezone: 'UTC', calendar: calendar(null) });
  const team = [
    member('shanghai', 'Asia/Shanghai'),
    member('berlin', 'Europe/Berlin'),
    member('newyork', 'America/New_York'),
  ];

  it('on a normal winter day', () => {
    expect(prompts('2026-03-03', world, team)).toEqual([
      '2026-03-03T01:30 prompt 2026-03-03 shanghai',
      '2026-03-03T08:30 prompt 2026-03-03 berlin',
      '2026-03-03T14:30 prompt 2026-03-03 newyork',
    ]);
  });

  it('after the US spring-forward change (2026-03-08) and the EU one (2026-03-29)', () => {
    expect(prompts('2026-03-09', world, team)).toEqual([
      '2026-03-09T01:30 prompt 2026-03-09 shanghai',
      '2026-03-09T08:30 prompt 2026-03-09 berlin',
      '2026-03-09T13:30 prompt 2026-03-09 newyork',
    ]);
    expect(prompts('2026-03-30', world, team)).toEqual([
      '2026-03-30T01:30 prompt 2026-03-30 shanghai',
      '2026-03-30T07:30 prompt 2026-03-30 berlin',
      '2026-03-30T13:30 prompt 2026-03-30 newyork',
    ]);
  });

  it('after the EU fall-back change (2026-10-25) and the US one (2026-11-01)', () => {
    expect(prompts('2026-10-26', world, team)).toEqual([
      '2026-10-26T01:30 prompt 2026-10-26 shanghai',
      '2026-10-26T08:30 prompt 2026-10-26 berlin',
      '2026-10-26T13:30 prompt 2026-10-26 newyork',
    ]);
    expect(prompts('2026-11-02', world, team)).toEqual([
      '2026-11-02T01:30 prompt 2026-11-02 shanghai',
      '2026-11-02T08:30 prompt 2026-11-02 berlin',
      '2026-11-02T14:30 prompt 2026-11-02 newyork',
    ]);
  });

  it('on the change days themselves, when the group works Sundays', () => {
    const sevenDays = plan({ timezone: 'UTC', calendar: calendar(null, EVERY_DAY) });
    expect(prompts('2026-03-08', sevenDays, team)).toEqual([
      '2026-03-08T01:30 prompt 2026-03-08 shanghai',
      '2026-03-08T08:30 prompt 2026-03-08 berlin',
      '2026-03-08T13:30 prompt 2026-03-08 newyork',
    ]);
    expect(prompts('2026-03-29', sevenDays, team)).toContain('2026-03-29T07:30 prompt 2026-03-29 berlin');
    expect(prompts('2026-10-25', sevenDays, team)).toContain('2026-10-25T08:30 prompt 2026-10-25 berlin');
    expect(prompts('2026-11-01', sevenDays, team)).toContain('2026-11-01T14:30 prompt 2026-11-01 newyork');
  });

  it('in a one-minute tick, only the members whose 09:30 it is', () => {
    expect(lines(due('2026-03-09T13:29:00Z', '2026-03-09T13:30:00Z', world, team))).toEqual([
      '2026-03-09T13:30 prompt 2026-03-09 newyork',
    ]);
    expect(due('2026-03-09T14:29:00Z', '2026-03-09T14:30:00Z', world, team)).toEqual([]);
  });

  it('none on weekends', () => {
    expect(prompts('2026-03-07', world, team)).toEqual([]);
    expect(prompts('2026-03-08', world, team)).toEqual([]);
  });
});

describe('dueBetween: DST gaps and overlaps', () => {
  const sevenDays = calendar(null, EVERY_DAY);

  it('a time in the spring-forward gap fires once, at the first instant after it', () => {
    const newYork = plan({ timezone: 'America/New_York', promptTime: '02:30', calendar: sevenDays });
    // 02:00 EST jumps to 03:00 EDT, i.e. 07:00Z.
    expect(prompts('2026-03-08', newYork, [member('a', 'America/New_York')])).toEqual([
      '2026-03-08T07:00 prompt 2026-03-08 a',
    ]);
    const berlin = plan({ timezone: 'Europe/Berlin', promptTime: '02:30', calendar: sevenDays });
    expect(prompts('2026-03-29', berlin, [member('b', 'Europe/Berlin')])).toEqual([
      '2026-03-29T01:00 prompt 2026-03-29 b',
    ]);
  });

  it('the gap-shifted time and the time the gap ends at fire together', () => {
    const p = plan({ timezone: 'America/New_York', promptTime: '03:00', calendar: sevenDays });
    expect(
      lines(due('2026-03-08T06:59:00Z', '2026-03-08T07:00:00Z', p, [member('a', 'America/New_York')])),
    ).toEqual(['2026-03-08T07:00 thread 2026-03-08', '2026-03-08T07:00 prompt 2026-03-08 a']);
  });

  it('a time that occurs twice at the fall-back change fires once, at the first', () => {
    const newYork = plan({ timezone: 'America/New_York', promptTime: '01:30', calendar: sevenDays });
    const a = [member('a', 'America/New_York')];
    // 01:30 EDT is 05:30Z; the clock shows 01:30 again at 06:30Z (EST).
    expect(prompts('2026-11-01', newYork, a)).toEqual(['2026-11-01T05:30 prompt 2026-11-01 a']);
    expect(due('2026-11-01T06:29:00Z', '2026-11-01T06:30:00Z', newYork, a)).toEqual([]);
    const berlin = plan({ timezone: 'Europe/Berlin', promptTime: '02:30', calendar: sevenDays });
    expect(prompts('2026-10-25', berlin, [member('b', 'Europe/Berlin')])).toEqual([
      '2026-10-25T00:30 prompt 2026-10-25 b',
    ]);
  });

  it('handles a gap at midnight and a half-hour change', () => {
    // Santiago skips 00:00-00:59 on 2026-09-06; Lord Howe skips 02:00-02:29 on 2026-10-04.
    const santiago = plan({ timezone: 'America/Santiago', promptTime: '00:30', calendar: sevenDays });
    expect(prompts('2026-09-06', santiago, [member('c', 'America/Santiago')])).toEqual([
      '2026-09-06T04:00 prompt 2026-09-06 c',
    ]);
    const lordHowe = plan({ timezone: 'Australia/Lord_Howe', promptTime: '02:15', calendar: sevenDays });
    expect(prompts('2026-10-03', lordHowe, [member('d', 'Australia/Lord_Howe')])).toEqual([
      '2026-10-03T15:30 prompt 2026-10-04 d',
    ]);
  });

  it("prompts once a group day when the member's clock change puts two prompts on it", () => {
    // New York 11:00 on Saturday (EST) and on Sunday (EDT) both fall on Sunday 03-08 in Shanghai.
    const p = plan({ promptTime: '11:00', calendar: sevenDays });
    const items = due('2026-03-07T00:00:00Z', '2026-03-09T00:00:00Z', p, [member('n', 'America/New_York')]);
    expect(lines(items.filter((i) => i.kind !== 'nudge' && i.kind !== 'summary'))).toEqual([
      '2026-03-07T16:00 thread 2026-03-08',
      '2026-03-07T16:00 prompt 2026-03-08 n',
    ]);
  });

  it('a deadline in the gap and its nudge follow the same rule', () => {
    const p = plan({
      timezone: 'America/New_York',
      deadline: '02:30',
      nudgeBeforeMinutes: 10,
      calendar: sevenDays,
    });
    const items = due('2026-03-08T06:00:00Z', '2026-03-08T08:00:00Z', p, [member('a', 'America/New_York')]);
    expect(lines(items)).toEqual([
      '2026-03-08T06:50 nudge 2026-03-08',
      '2026-03-08T07:00 summary 2026-03-08',
    ]);
  });
});

describe('dueBetween: a Chinese group', () => {
  const shanghai = [member('wang', 'Asia/Shanghai'), member('li', 'Asia/Shanghai')];

  it('posts the thread, prompts, nudge and summary on a normal working day', () => {
    expect(lines(due('2026-03-09T16:00:00Z', '2026-03-10T16:00:00Z', plan(), shanghai))).toEqual([
      '2026-03-10T01:30 thread 2026-03-10',
      '2026-03-10T01:30 prompt 2026-03-10 wang',
      '2026-03-10T01:30 prompt 2026-03-10 li',
      '2026-03-10T09:30 nudge 2026-03-10',
      '2026-03-10T10:00 summary 2026-03-10',
    ]);
  });

  it('works the adjusted Saturday 2026-02-28 and not the ordinary Saturday after it', () => {
    expect(lines(due('2026-02-27T16:00:00Z', '2026-02-28T16:00:00Z', plan(), shanghai))).toEqual([
      '2026-02-28T01:30 thread 2026-02-28',
      '2026-02-28T01:30 prompt 2026-02-28 wang',
      '2026-02-28T01:30 prompt 2026-02-28 li',
      '2026-02-28T09:30 nudge 2026-02-28',
      '2026-02-28T10:00 summary 2026-02-28',
    ]);
    expect(due('2026-03-06T16:00:00Z', '2026-03-07T16:00:00Z', plan(), shanghai)).toEqual([]);
  });

  it('has nothing due through National Day week, and resumes on 2026-10-08', () => {
    for (let d = 1; d <= 7; d++) {
      const day = `2026-10-0${d}`;
      const start = new Date(Date.parse(`${day}T00:00:00+08:00`)).toISOString();
      const end = new Date(Date.parse(`${day}T00:00:00+08:00`) + 86_400_000).toISOString();
      expect(due(start, end, plan(), shanghai)).toEqual([]);
    }
    expect(prompts('2026-10-08', plan(), shanghai)).toHaveLength(2);
  });

  it('gives a member abroad the group-local date of their prompt instant', () => {
    // Berlin 09:30 is 16:30 in Shanghai, same date.
    const berlin = [member('anna', 'Europe/Berlin')];
    const [item] = due('2026-03-10T08:29:00Z', '2026-03-10T08:30:00Z', plan(), berlin);
    expect(item).toMatchObject({ kind: 'thread', day: '2026-03-10' });
    expect(prompts('2026-03-10', plan(), berlin)).toEqual(['2026-03-10T08:30 prompt 2026-03-10 anna']);
    expect(prompts('2026-02-28', plan(), berlin)).toEqual(['2026-02-28T08:30 prompt 2026-02-28 anna']);
    expect(prompts('2026-10-01', plan(), berlin)).toEqual([]);
  });

  it("follows the group's date when the member's own date differs", () => {
    // Los Angeles 09:30 (PDT) is 00:30 the next day in Shanghai.
    const la = [member('sam', 'America/Los_Angeles')];
    expect(prompts('2026-03-10', plan(), la)).toEqual(['2026-03-10T16:30 prompt 2026-03-11 sam']);
    // Friday morning in LA is Saturday in Shanghai: no standup; Sunday's is Monday's.
    expect(prompts('2026-03-13', plan(), la)).toEqual([]);
    expect(prompts('2026-03-15', plan(), la)).toEqual(['2026-03-15T16:30 prompt 2026-03-16 sam']);
  });
});

describe('dueBetween: the thread', () => {
  const team = [member('wang', 'Asia/Shanghai'), member('anna', 'Europe/Berlin')];
  const day = ['2026-03-09T16:00:00Z', '2026-03-10T16:00:00Z'] as const;

  it('opens at the earliest prompt, once, and not again at later prompts', () => {
    const threads = due(...day, plan(), team).filter((i) => i.kind === 'thread');
    expect(lines(threads)).toEqual(['2026-03-10T01:30 thread 2026-03-10']);
    expect(due('2026-03-10T08:29:00Z', '2026-03-10T08:30:00Z', plan(), team).map((i) => i.kind)).toEqual([
      'prompt',
    ]);
  });

  it('opens at the earliest prompt of the members who are not away', () => {
    const wangAway = [
      member('wang', 'Asia/Shanghai', [{ from: '2026-03-10', to: '2026-03-10' }]),
      team[1] as PlannedMember,
    ];
    expect(lines(due(...day, plan(), wangAway))).toEqual([
      '2026-03-10T08:30 thread 2026-03-10',
      '2026-03-10T08:30 prompt 2026-03-10 anna',
      '2026-03-10T09:30 nudge 2026-03-10',
      '2026-03-10T10:00 summary 2026-03-10',
    ]);
  });

  it('is not opened when everyone is away', () => {
    const allAway = team.map((m) =>
      member(m.memberId, m.timezone, [{ from: '2026-03-09', to: '2026-03-13' }]),
    );
    expect(due(...day, plan(), allAway).map((i) => i.kind)).toEqual(['nudge', 'summary']);
  });

  it("opens at the prompt time in the group's timezone when the group has no members yet", () => {
    expect(lines(due(...day, plan(), []))).toEqual([
      '2026-03-10T01:30 thread 2026-03-10',
      '2026-03-10T09:30 nudge 2026-03-10',
      '2026-03-10T10:00 summary 2026-03-10',
    ]);
  });

  it('carries claim slots: the day for group items, day and member for prompts', () => {
    const slots = due(...day, plan(), team).map((i) => `${i.kind}=${i.slot}`);
    expect(slots.sort()).toEqual([
      'nudge=2026-03-10',
      'prompt=2026-03-10:anna',
      'prompt=2026-03-10:wang',
      'summary=2026-03-10',
      'thread=2026-03-10',
    ]);
  });
});

describe('dueBetween: nudges, away days and overrides', () => {
  const wang = [member('wang', 'Asia/Shanghai')];
  const day = ['2026-03-09T16:00:00Z', '2026-03-10T16:00:00Z'] as const;

  it('has no nudge when nudgeBeforeMinutes is 0', () => {
    expect(due(...day, plan({ nudgeBeforeMinutes: 0 }), wang).map((i) => i.kind)).toEqual([
      'thread',
      'prompt',
      'summary',
    ]);
  });

  it("keeps a nudge that falls the evening before on the deadline's day", () => {
    const early = plan({ deadline: '00:30', nudgeBeforeMinutes: 60 });
    const [nudge] = due('2026-03-09T15:29:00Z', '2026-03-09T15:30:00Z', early, wang);
    expect(nudge).toMatchObject({ kind: 'nudge', day: '2026-03-10', slot: '2026-03-10' });
  });

  it('skips an away member on both ends of the range, and prompts them after', () => {
    const away = [member('wang', 'Asia/Shanghai', [{ from: '2026-03-02', to: '2026-03-04' }])];
    expect(prompts('2026-03-01', plan(), away)).toEqual([]); // Shanghai's 03-02 09:30 is 03-02T01:30Z
    expect(prompts('2026-03-02', plan(), away)).toEqual([]);
    expect(prompts('2026-03-04', plan(), away)).toEqual([]);
    expect(prompts('2026-03-05', plan(), away)).toEqual(['2026-03-05T01:30 prompt 2026-03-05 wang']);
  });

  it('has nothing due on an admin day off, and prompts on an extra Sunday working day', () => {
    const admin = calendar('CN', MON_FRI, [
      { day: '2026-03-10', kind: 'off', name: 'Offsite' },
      { day: '2026-03-15', kind: 'workday' },
    ]);
    expect(due(...day, plan({ calendar: admin }), wang)).toEqual([]);
    expect(
      lines(due('2026-03-14T16:00:00Z', '2026-03-15T16:00:00Z', plan({ calendar: admin }), wang)),
    ).toEqual([
      '2026-03-15T01:30 thread 2026-03-15',
      '2026-03-15T01:30 prompt 2026-03-15 wang',
      '2026-03-15T09:30 nudge 2026-03-15',
      '2026-03-15T10:00 summary 2026-03-15',
    ]);
  });
});

describe('dueBetween: windows', () => {
  const wang = [member('wang', 'Asia/Shanghai')];

  it('includes its end and excludes its start', () => {
    expect(due('2026-03-10T01:29:00Z', '2026-03-10T01:30:00Z', plan(), wang)).toHaveLength(2);
    expect(due('2026-03-10T01:30:00Z', '2026-03-10T01:31:00Z', plan(), wang)).toEqual([]);
  });

  it('is empty when it is empty or backwards', () => {
    expect(due('2026-03-10T01:30:00Z', '2026-03-10T01:30:00Z', plan(), wang)).toEqual([]);
    expect(due('2026-03-10T02:00:00Z', '2026-03-10T01:00:00Z', plan(), wang)).toEqual([]);
  });

  it('covers several days at once, each slot once', () => {
    const items = due('2026-03-09T00:00:00Z', '2026-03-12T00:00:00Z', plan(), wang);
    expect(items).toHaveLength(12); // thread, prompt, nudge and summary on each of three days
    expect(new Set(items.map((i) => `${i.kind}:${i.slot}`)).size).toBe(12);
  });

  it('finds the same items minute by minute as in one wide window, across DST changes', () => {
    const p = plan({
      timezone: 'America/New_York',
      promptTime: '02:30',
      deadline: '03:10',
      nudgeBeforeMinutes: 45,
      calendar: calendar(null, EVERY_DAY),
    });
    const team = [
      member('ny', 'America/New_York'),
      member('berlin', 'Europe/Berlin'),
      member('shanghai', 'Asia/Shanghai'),
      member('away', 'America/New_York', [{ from: '2026-03-08', to: '2026-03-08' }]),
    ];
    const window = (start: number, minutes: number) =>
      dueBetween(new Date(start), new Date(start + minutes * 60_000), [{ plan: p, members: team }]);
    const march = Date.parse('2026-03-07T12:00:00Z');
    for (const start of [march, Date.parse('2026-10-31T12:00:00Z')]) {
      const ticks: DueItem[] = [];
      for (let minute = 0; minute < 36 * 60; minute++) ticks.push(...window(start + minute * 60_000, 1));
      expect(lines(ticks)).toEqual(lines(window(start, 36 * 60)));
    }
    expect(lines(window(march, 36 * 60).filter((i) => i.day === '2026-03-08'))).toEqual([
      '2026-03-08T06:25 nudge 2026-03-08', // 45 minutes before 03:10 EDT
      '2026-03-08T07:00 thread 2026-03-08', // 02:30 does not exist; 03:00 EDT
      '2026-03-08T07:00 prompt 2026-03-08 ny',
      '2026-03-08T07:10 summary 2026-03-08',
      '2026-03-08T18:30 prompt 2026-03-08 shanghai', // 02:30 on the 9th in Shanghai
    ]);
  });

  it('crosses month and year ends', () => {
    const noHolidays = plan({ calendar: calendar(null) });
    const items = due('2026-12-29T16:00:00Z', '2027-01-03T16:00:00Z', noHolidays, wang);
    expect(items.filter((i) => i.kind === 'prompt').map((i) => i.day)).toEqual([
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
    ]);
  });

  it('uses the group timezone for a member whose timezone is not a real one', () => {
    expect(prompts('2026-03-10', plan(), [member('x', 'Mars/Olympus')])).toEqual([
      '2026-03-10T01:30 prompt 2026-03-10 x',
    ]);
  });

  it('handles many groups in one call', () => {
    const items = dueBetween(new Date('2026-03-10T01:29:00Z'), new Date('2026-03-10T01:30:00Z'), [
      { plan: plan({ groupId: 'g1' }), members: wang },
      { plan: plan({ groupId: 'g2', timezone: 'Europe/Berlin', calendar: calendar('DE') }), members: wang },
    ]);
    expect(items.map((i) => `${i.groupId} ${i.kind}`)).toEqual([
      'g1 thread',
      'g1 prompt',
      'g2 thread',
      'g2 prompt',
    ]);
  });
});

describe('triage', () => {
  const now = new Date('2026-03-10T12:00:00Z');
  const item = (at: string): DueItem => ({
    kind: 'summary',
    groupId: 'g1',
    day: '2026-03-10',
    at: new Date(at),
    slot: '2026-03-10',
  });

  it('runs what is due within the catch-up window, late or not, and skips what is older', () => {
    const items = [item('2026-03-10T12:00:00Z'), item('2026-03-10T10:30:00Z'), item('2026-03-10T09:59:00Z')];
    const { run, skip } = triage(items, now, 2 * 3_600_000);
    expect(run.map((i) => i.at.toISOString())).toEqual([
      '2026-03-10T12:00:00.000Z',
      '2026-03-10T10:30:00.000Z',
    ]);
    expect(skip.map((i) => i.at.toISOString())).toEqual(['2026-03-10T09:59:00.000Z']);
  });

  it('skips an item exactly at the edge of the window', () => {
    expect(triage([item('2026-03-10T10:00:00Z')], now, 2 * 3_600_000).skip).toHaveLength(1);
  });
});

describe('groupDay and isAway', () => {
  it("gives the date in the group's timezone", () => {
    expect(groupDay(new Date('2026-03-09T20:00:00Z'), 'Asia/Shanghai')).toBe('2026-03-10');
    expect(groupDay(new Date('2026-03-09T20:00:00Z'), 'America/New_York')).toBe('2026-03-09');
    expect(groupDay(new Date('2026-03-09T23:30:00Z'), 'Not/AZone')).toBe('2026-03-09');
  });

  it('counts both ends of an away range', () => {
    const m = member('a', 'UTC', [{ from: '2026-03-02', to: '2026-03-04' }]);
    expect(['2026-03-01', '2026-03-02', '2026-03-04', '2026-03-05'].map((d) => isAway(m, d))).toEqual([
      false,
      true,
      true,
      false,
    ]);
  });
});

describe('promptAfterDeadline', () => {
  const now = new Date('2026-12-01T01:00:00Z');
  const shanghai = { timezone: 'Asia/Shanghai', promptTime: '09:30', deadline: '10:00' };

  it('finds a member whose morning prompt comes after the group day’s deadline', () => {
    // 09:30 in Berlin is 16:30 in Shanghai, the same day, after 10:00 there.
    expect(promptAfterDeadline(shanghai, 'Europe/Berlin', now)).toEqual({
      day: '2026-12-01',
      promptAt: new Date('2026-12-01T08:30:00Z'),
      deadlineAt: new Date('2026-12-01T02:00:00Z'),
    });
    expect(promptAfterDeadline(shanghai, 'Asia/Kolkata', now)?.day).toBe('2026-12-01');
  });

  it('finds none where the prompt asks about the next group day, before its deadline', () => {
    // 09:30 in Los Angeles is 01:30 the next day in Shanghai: that day's deadline is still ahead.
    expect(promptAfterDeadline(shanghai, 'America/Los_Angeles', now)).toBeUndefined();
    expect(promptAfterDeadline(shanghai, 'Asia/Tokyo', now)).toBeUndefined();
    expect(promptAfterDeadline(shanghai, 'Asia/Shanghai', now)).toBeUndefined();
  });

  it('sees a conflict that a DST change within the week brings', () => {
    // A Lagos group (UTC+1 all year) due at 09:45; London's 09:30 is 09:30 in Lagos in summer
    // time, 10:30 there from Sunday 2026-10-25, when London's clocks go back: after the deadline.
    const lagos = { timezone: 'Africa/Lagos', promptTime: '09:30', deadline: '09:45' };
    expect(promptAfterDeadline(lagos, 'Europe/London', new Date('2026-10-20T00:00:00Z'))?.day).toBe(
      '2026-10-25',
    );
    expect(promptAfterDeadline(lagos, 'Europe/London', new Date('2026-06-01T00:00:00Z'))).toBeUndefined();
  });
});
