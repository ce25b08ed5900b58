import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationRef } from '../src/core/platform/ids.js';
import { StandupPlans } from '../src/features/standup/standup.plans.js';
import { StandupRepo } from '../src/features/standup/standup.repo.js';
import { dueBetween } from '../src/features/standup/standup.schedule.js';
import { createHarness, type Harness } from './helpers/harness.js';
import { C1, person } from './helpers/roster-people.js';

/** Who a harness's platform has prompted for the standup since `from` (an index into its sends). */
function promptedBy(h: Harness, from = 0): string[] {
  return h.platform.sent
    .slice(from)
    .filter((s) => s.target.kind === 'ephemeral' && s.message.text.includes('standup'))
    .map((s) => (s.target.kind === 'ephemeral' ? s.target.user.userId : ''))
    .sort();
}

const builds = (h: Harness) => h.app.standup.planBuilds;

describe('standup plans built once and kept up to date (one app)', () => {
  let h: Harness;
  beforeEach(() => {
    h = createHarness();
  });
  afterEach(async () => {
    await h.app.close();
  });

  /** A UTC group with standups at 09:30, bob and dan listed, and its plans built by a first tick. */
  async function cached() {
    await h.run('/standup on');
    h.app.roster.listed(C1, [person('alice'), person('bob'), person('dan')], h.clock.now());
    await h.at('2026-12-01T01:00:00Z');
    expect(builds(h)).toEqual({ full: 1, groups: 0 });
    h.platform.sent.length = 0;
  }

  it('prompts a member listed or joined after the plans were built, and not one who left, at the next slot', async () => {
    await cached();
    h.app.roster.listed(C1, [person('alice'), person('bob'), person('dan'), person('erin')], h.clock.now());
    await h.send({ type: 'member.joined', ...h.base({ user: 'frank' }) });
    await h.send({ type: 'member.left', ...h.base({ user: 'dan' }) });
    await h.at('2026-12-01T09:30:00Z');
    expect(promptedBy(h)).toEqual(['alice', 'bob', 'erin', 'frank']);
    // Only the changed group was read again, never everything.
    expect(builds(h).full).toBe(1);
    expect(builds(h).groups).toBeGreaterThanOrEqual(1);
  });

  it("moves a member's prompt when their timezone changes after the plans were built", async () => {
    await cached();
    await h.run('/muster timezone Asia/Shanghai', { user: 'bob' });
    // 09:30 in Shanghai is 01:30 UTC.
    await h.at('2026-12-01T01:30:00Z');
    expect(promptedBy(h)).toEqual(['bob']);
    await h.at('2026-12-01T09:30:00Z');
    expect(promptedBy(h)).toEqual(['alice', 'bob', 'dan']);
    expect(builds(h).full).toBe(1);
  });

  it('follows an observer, a group timezone, away ranges and days off set after the plans were built', async () => {
    await cached();
    await h.run('/role add <@dan> observer');
    await h.run('/standup away 2026-12-01 到 2026-12-01', { user: 'bob' });
    await h.at('2026-12-01T09:30:00Z');
    expect(promptedBy(h)).toEqual(['alice']);

    await h.run('/standup calendar add-off 2026-12-02');
    h.platform.sent.length = 0;
    await h.at('2026-12-02T09:30:00Z');
    expect(promptedBy(h)).toEqual([]);

    // Group in Shanghai from now: everyone's 09:30 there is 01:30 UTC.
    await h.run('/muster settings timezone Asia/Shanghai');
    await h.at('2026-12-03T01:30:00Z');
    expect(promptedBy(h)).toEqual(['alice', 'bob']);
    expect(builds(h).full).toBe(1);
  });

  it('does not rebuild for plain activity or a listing that changes nothing, but does for a first message', async () => {
    await cached();
    const before = builds(h);
    for (let i = 0; i < 5; i++) {
      await h.post(`message ${i}`, { user: 'bob' });
      await h.post(`message ${i}`, { user: 'alice' });
      h.app.roster.listed(C1, [person('alice'), person('bob'), person('dan')], h.clock.now());
      h.clock.advance(60_000);
      await h.app.tick(h.clock.now());
    }
    expect(builds(h)).toEqual(before);

    // Someone who never was in the group speaks: their first activity row reaches the plans.
    await h.post('hello, new here', { user: 'gina' });
    h.clock.advance(60_000);
    await h.app.tick(h.clock.now());
    expect(builds(h)).toEqual({ full: 1, groups: 1 });
    await h.at('2026-12-01T09:30:00Z');
    expect(promptedBy(h)).toEqual(['alice', 'bob', 'dan', 'gina']);
  });

  it('after many kinds of change, the kept plans schedule exactly what plans built afresh do', async () => {
    await cached();
    const C2: ConversationRef = { ...C1, channelId: 'C2' };
    await h.run('/standup on', { channel: 'C2' });
    await h.run('/standup config deadline 12:00', { channel: 'C2' });
    h.app.roster.listed(
      C2,
      [
        person('bob'),
        person('erin'),
        person('UBOT', { isBot: true }),
        // Names whose order differs between UTF-16 units and SQLite's bytes, and plain ties by id.
        person('U1', { displayName: '\u{1F600} smile' }),
        person('U2', { displayName: '\uFF21 wide A' }),
        person('U3', { displayName: 'Zed' }),
        person('U4', { displayName: 'zed' }),
        person('U5', { displayName: '王芳' }),
        person('U6', { displayName: 'Zed' }),
      ],
      h.clock.now(),
    );
    await h.at('2026-12-01T01:01:00Z');
    await h.run('/muster timezone America/New_York', { user: 'erin' });
    await h.run('/standup away 2026-12-02 到 2026-12-04', { user: 'dan' });
    await h.run('/standup calendar add-off 2026-12-07');
    await h.send({ type: 'member.left', ...h.base({ user: 'bob', channel: 'C2' }) });
    await h.post('hi', { user: 'hank', channel: 'C2' });
    await h.run('/standup off', { channel: 'C2' });
    await h.run('/standup on', { channel: 'C2' });
    await h.at('2026-12-01T01:02:00Z');
    const now = h.clock.now();
    const week = new Date(now.getTime() + 8 * 86_400_000);
    const fresh = new StandupPlans(h.app.db.db, new StandupRepo(h.app.db.db)).current(now);
    const kept = h.app.standup.plans(now);
    expect(kept.map((p) => p.plan.groupId)).toEqual(['slack:T1:C1', 'slack:T1:C2']);
    expect(dueBetween(now, week, kept)).toEqual(dueBetween(now, week, fresh));
    expect(kept.map((p) => p.members)).toEqual(fresh.map((p) => p.members));
    // Members in the order the per-group query reads them, so sends due at one instant keep their order.
    const repo = new StandupRepo(h.app.db.db);
    for (const { plan, members } of kept) {
      expect(members.map((m) => m.memberId)).toEqual(repo.membersOf(plan.groupId).map((m) => m.memberId));
    }
    expect(builds(h).full).toBe(1);
  });

  it('marks only what a plan depends on in standup_plan_changes', async () => {
    await cached();
    const marks = () => h.sql.prepare('select group_id, seq from standup_plan_changes order by seq').all();
    const before = marks();
    const at = h.clock.now().getTime();
    h.sql
      .prepare(
        "update group_members set last_active_at = ?, listed_at = ?, left_at = null where group_id = 'slack:T1:C1'",
      )
      .run(at, at);
    h.sql.prepare("update members set last_active_at = ?, locale = 'en' where id = 'slack:T1:bob'").run(at);
    h.sql.prepare("update members set timezone = null where id = 'slack:T1:bob'").run();
    expect(marks()).toEqual(before);

    h.sql.prepare("update members set platform_timezone = 'Asia/Tokyo' where id = 'slack:T1:bob'").run();
    const after = marks() as { group_id: string; seq: number }[];
    expect(after.map((m) => m.group_id)).toEqual(['slack:T1:C1']);
    expect(after[0]?.seq).toBeGreaterThan((before as { seq: number }[]).at(-1)?.seq ?? 0);
  });
});

describe('standup plans across processes on one database', () => {
  let dir: string;
  let a: Harness;
  let b: Harness;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'muster-plans-'));
    const dbPath = join(dir, 'muster.db');
    a = createHarness({ dbPath });
    b = createHarness({ dbPath });
  });
  afterEach(async () => {
    await a.app.close();
    await b.app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sees the changes another process made after its plans were built', async () => {
    await a.run('/standup on');
    a.app.roster.listed(C1, [person('alice'), person('bob')], a.clock.now());
    // Only b runs the tick; its plans are built now.
    await b.at('2026-12-01T01:00:00Z');
    expect(builds(b)).toEqual({ full: 1, groups: 0 });

    a.app.roster.listed(C1, [person('alice'), person('bob'), person('erin')], a.clock.now());
    await a.run('/muster timezone Asia/Shanghai', { user: 'bob' });
    await a.send({ type: 'member.left', ...a.base({ user: 'alice' }) });
    // What a's own activity flush (every few seconds) writes: here, alice's leaving.
    a.app.flush();

    await b.at('2026-12-01T01:30:00Z');
    expect(promptedBy(b)).toEqual(['bob']);
    const seen = b.platform.sent.length;
    await b.at('2026-12-01T09:30:00Z');
    expect(promptedBy(b, seen)).toEqual(['erin']);
    expect(builds(b).full).toBe(1);
    expect(promptedBy(a)).toEqual([]);
  });
});
