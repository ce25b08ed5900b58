import { describe, expect, it } from 'vitest';
import { dueRemindersBetween, nextReview, remindersBetween, reviewStart, weekOf } from './review.schedule.js';

const friday = { groupId: 'g', zone: 'Asia/Shanghai', weekday: 5, time: '16:00', remindBeforeMinutes: 60 };

describe('review schedule', () => {
  it('weeks start on Monday', () => {
    expect(weekOf('2026-12-04')).toBe('2026-11-30');
    expect(weekOf('2026-12-06')).toBe('2026-11-30');
    expect(weekOf('2026-12-07')).toBe('2026-12-07');
  });

  it('reminds an hour before Friday 16:00 in the group timezone, once', () => {
    const due = remindersBetween(new Date('2026-12-04T06:00:00Z'), new Date('2026-12-04T08:00:00Z'), [
      friday,
    ]);
    expect(due).toEqual([
      {
        groupId: 'g',
        week: '2026-11-30',
        reviewAt: new Date('2026-12-04T08:00:00Z'),
        at: new Date('2026-12-04T07:00:00Z'),
      },
    ]);
    // The next window does not see it again.
    expect(
      remindersBetween(new Date('2026-12-04T08:00:00Z'), new Date('2026-12-04T09:00:00Z'), [friday]),
    ).toEqual([]);
  });

  it('keeps the local time across a DST change (New York, 2026-11-01)', () => {
    const ny = { ...friday, zone: 'America/New_York', weekday: 1, time: '10:00', remindBeforeMinutes: 30 };
    // Monday 2026-10-26 is EDT (UTC-4); Monday 2026-11-02 is EST (UTC-5).
    const before = remindersBetween(new Date('2026-10-26T00:00:00Z'), new Date('2026-10-27T00:00:00Z'), [ny]);
    const after = remindersBetween(new Date('2026-11-02T00:00:00Z'), new Date('2026-11-03T00:00:00Z'), [ny]);
    expect(before.map((d) => d.at.toISOString())).toEqual(['2026-10-26T13:30:00.000Z']);
    expect(after.map((d) => d.at.toISOString())).toEqual(['2026-11-02T14:30:00.000Z']);
  });

  it('a Monday 09:00 review reminded the evening before falls in the previous week', () => {
    const monday = { ...friday, weekday: 1, time: '09:00', remindBeforeMinutes: 15 * 60 };
    const due = remindersBetween(new Date('2026-12-06T09:00:00Z'), new Date('2026-12-06T11:00:00Z'), [
      monday,
    ]);
    expect(due.map((d) => [d.week, d.at.toISOString()])).toEqual([
      ['2026-12-07', '2026-12-06T10:00:00.000Z'],
    ]);
  });

  it('lists every week missed in a long window', () => {
    const due = remindersBetween(new Date('2026-11-01T00:00:00Z'), new Date('2026-11-30T00:00:00Z'), [
      friday,
    ]);
    expect(due.map((d) => d.week)).toEqual(['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23']);
  });

  it('due-day reminders come at 09:00 in the owner timezone', () => {
    const items = [
      { id: 1, dueDay: '2026-12-04', zone: 'Asia/Shanghai' },
      { id: 2, dueDay: '2026-12-04', zone: 'Europe/London' },
    ];
    const early = dueRemindersBetween(
      new Date('2026-12-04T00:00:00Z'),
      new Date('2026-12-04T02:00:00Z'),
      items,
    );
    expect(early.map((r) => [r.id, r.at.toISOString()])).toEqual([[1, '2026-12-04T01:00:00.000Z']]);
    const later = dueRemindersBetween(
      new Date('2026-12-04T02:00:00Z'),
      new Date('2026-12-04T10:00:00Z'),
      items,
    );
    expect(later.map((r) => [r.id, r.at.toISOString()])).toEqual([[2, '2026-12-04T09:00:00.000Z']]);
  });

  it('next review is this week until it starts, then next week', () => {
    expect(nextReview(friday, new Date('2026-12-04T07:59:00Z'))).toEqual(reviewStart(friday, '2026-11-30'));
    expect(nextReview(friday, new Date('2026-12-04T08:00:00Z'))).toEqual(reviewStart(friday, '2026-12-07'));
  });
});

describe('due-day reminders across DST', () => {
  it('stay at 09:00 New York time on both sides of the March change', () => {
    const items = [
      { id: 1, dueDay: '2027-03-12', zone: 'America/New_York' },
      { id: 2, dueDay: '2027-03-15', zone: 'America/New_York' },
    ];
    const due = dueRemindersBetween(
      new Date('2027-03-11T00:00:00Z'),
      new Date('2027-03-16T00:00:00Z'),
      items,
    );
    // EST (UTC-5) before 2027-03-14, EDT (UTC-4) after.
    expect(due.map((r) => [r.id, r.at.toISOString()])).toEqual([
      [1, '2027-03-12T14:00:00.000Z'],
      [2, '2027-03-15T13:00:00.000Z'],
    ]);
  });
});
