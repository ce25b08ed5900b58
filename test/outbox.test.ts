import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FixedClock } from '../src/core/clock.js';
import type { ConversationRef, UserRef } from '../src/core/platform/ids.js';
import { DeliveryError, type DeliveryTarget } from '../src/core/platform/platform.js';
import { type DbHandle, openDb, openTestDb } from '../src/db/client.js';
import { Instances, type ProcessIdentity } from '../src/scheduler/instances.js';
import { Outbox } from '../src/scheduler/outbox.js';
import { FakePlatform } from './fakes/fake-platform.js';
import { createHarness } from './helpers/harness.js';

const conversation: ConversationRef = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };
const bob: UserRef = { platform: 'slack', workspaceId: 'T1', userId: 'bob' };
const channel: DeliveryTarget = { kind: 'channel', conversation };
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const transient = () => new DeliveryError('ratelimited', { transient: true });

const handles: DbHandle[] = [];
afterEach(() => {
  for (const h of handles.splice(0)) h.close();
});

/** Real time as the instances see it (their leases), moved by hand. */
const wall = { ms: Date.parse('2026-12-01T09:00:00Z') };
const here: ProcessIdentity = { host: 'here', pid: 100, startedAtMs: 0, running: () => true };

function setup(
  db: DbHandle = openTestDb(),
  clock = new FixedClock(new Date('2026-12-01T09:00:00Z')),
  platform = new FakePlatform('slack'),
  identity: ProcessIdentity = here,
) {
  handles.push(db);
  const events: string[] = [];
  const instances = Instances.register(db.db, { identity, wallNow: () => wall.ms });
  const outbox = new Outbox({
    db: db.db,
    platform: () => platform,
    clock,
    logger: silent,
    instances,
    onEvent: (e) => events.push(e),
  });
  const rows = () =>
    db.sqlite.prepare('select id, status, attempts, last_error, platform_message_id from outbox').all();
  return { db, clock, platform, outbox, events, rows, instances };
}

describe('outbox', () => {
  it('delivers at once and records the platform message id', async () => {
    const { outbox, platform, rows } = setup();
    const result = await outbox.send('slack', channel, { text: 'hello' });
    expect(result).toMatchObject({ status: 'sent', ref: { messageId: 'msg-1' } });
    expect(platform.sent).toHaveLength(1);
    expect(rows()).toEqual([
      { id: 1, status: 'sent', attempts: 1, last_error: null, platform_message_id: 'msg-1' },
    ]);
  });

  it('retries transient failures with backoff and delivers exactly once', async () => {
    const { outbox, platform, clock, rows, events } = setup();
    platform.failures.push(transient(), transient());
    expect(await outbox.send('slack', channel, { text: 'hello' })).toEqual({ status: 'queued' });
    expect(await outbox.drain()).toBe(0); // not due yet: backoff 2 s
    clock.advance(2_000);
    expect(await outbox.drain()).toBe(1); // second failure, next in 4 s
    clock.advance(3_000);
    expect(await outbox.drain()).toBe(0);
    clock.advance(1_000);
    expect(await outbox.drain()).toBe(1);
    expect(await outbox.drain()).toBe(0);
    expect(platform.sent.map((s) => s.message.text)).toEqual(['hello']);
    expect(rows()).toEqual([
      { id: 1, status: 'sent', attempts: 3, last_error: 'ratelimited', platform_message_id: 'msg-1' },
    ]);
    expect(events).toEqual(['retry', 'retry', 'sent']);
  });

  it('waits exactly as long as the platform retry-after says', async () => {
    const { outbox, platform, clock } = setup();
    platform.failures.push(new DeliveryError('429', { transient: true, retryAfterMs: 30_000 }));
    await outbox.send('slack', channel, { text: 'x' });
    clock.advance(29_000);
    expect(await outbox.drain()).toBe(0);
    clock.advance(1_000);
    expect(await outbox.drain()).toBe(1);
    expect(platform.sent).toHaveLength(1);
  });

  it('gives up on a permanent failure at once and reports it', async () => {
    const { outbox, platform, clock, rows, events } = setup();
    platform.failures.push(new DeliveryError('channel_not_found', { transient: false }));
    expect(await outbox.send('slack', channel, { text: 'x' })).toEqual({
      status: 'failed',
      error: 'channel_not_found',
    });
    clock.advance(3_600_000);
    expect(await outbox.drain()).toBe(0);
    expect(rows()).toEqual([
      { id: 1, status: 'failed', attempts: 1, last_error: 'channel_not_found', platform_message_id: null },
    ]);
    expect(events).toEqual(['failed']);
    expect(outbox.depth()).toBe(0);
  });

  it('gives up after the last attempt of a failure that never clears', async () => {
    const { outbox, platform, clock, rows } = setup();
    for (let i = 0; i < 8; i++) platform.failures.push(transient());
    await outbox.send('slack', channel, { text: 'x' });
    for (let i = 0; i < 8; i++) {
      clock.advance(11 * 60_000);
      await outbox.drain();
    }
    expect(rows()).toMatchObject([{ status: 'failed', attempts: 8 }]);
    expect(platform.sent).toHaveLength(0);
  });

  it('resumes after a restart: fails twice, the process stops, the next one delivers once', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'muster-outbox-')), 'muster.db');
    const clock = new FixedClock(new Date('2026-12-01T09:00:00Z'));
    const first = setup(openDb(path), clock);
    first.platform.failures.push(transient());
    await first.outbox.send('slack', channel, { text: 'survives' });
    clock.advance(2_000);
    first.platform.failures.push(transient());
    await first.outbox.drain();
    expect(first.outbox.depth()).toBe(1);
    first.db.close();

    const second = setup(openDb(path), clock);
    clock.advance(4_000);
    expect(await second.outbox.drain()).toBe(1);
    expect(await second.outbox.drain()).toBe(0);
    expect(second.platform.sent.map((s) => s.message.text)).toEqual(['survives']);
    expect(first.platform.sent).toEqual([]);
    expect(second.rows()).toMatchObject([{ status: 'sent', attempts: 3 }]);
  });

  /** An outbox whose platform call never returns: a sender stuck mid-send, or killed there. */
  function hungSender(db: DbHandle, clock: FixedClock, identity: ProcessIdentity) {
    const never = new FakePlatform('slack');
    const instances = Instances.register(db.db, { identity, wallNow: () => wall.ms });
    const outbox = new Outbox({
      db: db.db,
      platform: () => ({
        name: 'slack',
        capabilities: never.capabilities,
        send: () => new Promise(() => {}),
        moderate: never.moderate.bind(never),
      }),
      clock,
      logger: silent,
      instances,
    });
    return { outbox, instances };
  }

  it('a row mid-send on another host is left alone while that process beats, and resent as resumed once it stops', async () => {
    const { outbox, platform, clock, db } = setup();
    const elsewhere = hungSender(db, clock, { ...here, host: 'elsewhere' });
    void elsewhere.outbox.send('slack', channel, { text: 'once' });
    await new Promise((r) => setImmediate(r));
    // However long the send takes, a sender that beats keeps its row.
    wall.ms += 50_000;
    elsewhere.instances.heartbeat();
    wall.ms += 50_000;
    clock.advance(3_600_000);
    expect(await outbox.drain()).toBe(0);
    // No beat for longer than the lease: gone.
    wall.ms += 11_000;
    expect(await outbox.drain()).toBe(1);
    expect(platform.sent.map((s) => [s.message.text, s.identity?.resumed])).toEqual([['once', true]]);
  });

  it('a row left mid-send by a process of this host that no longer runs is taken over at once', async () => {
    const dead = new Set([200]);
    const identity = { ...here, running: (pid: number) => !dead.has(pid) };
    const { outbox, platform, clock, db, rows } = setup(openTestDb(), undefined, undefined, identity);
    void hungSender(db, clock, { ...here, pid: 200 }).outbox.send('slack', channel, { text: 'once' });
    await new Promise((r) => setImmediate(r));
    expect(await outbox.drain()).toBe(1);
    expect(platform.sent.map((s) => s.identity)).toEqual([
      { key: expect.stringMatching(/^muster:1@/), resumed: true },
    ]);
    expect(rows()).toMatchObject([{ status: 'sent', attempts: 1 }]);
  });

  it('a former run on the same pid (a container restarted) is gone; a live process there is not', async () => {
    const { outbox, platform, clock, db } = setup(openTestDb(), undefined, undefined, {
      ...here,
      startedAtMs: wall.ms,
    });
    const former = hungSender(db, clock, { ...here, pid: 300 });
    void former.outbox.send('slack', channel, { text: 'before the restart' });
    await new Promise((r) => setImmediate(r));
    expect(await outbox.drain()).toBe(0);
    // Its last beat predates this process on the same pid: a former run of the same container.
    db.sqlite
      .prepare('update instances set pid = 100, heartbeat_at = ? where id = ?')
      .run(wall.ms - 1, former.instances.id);
    expect(await outbox.drain()).toBe(1);
    expect(platform.sent.map((s) => s.message.text)).toEqual(['before the restart']);
  });

  it('its own row left mid-send (recording the answer met a busy database) is resent as resumed', async () => {
    const { outbox, platform, db, instances, rows } = setup();
    await outbox.send('slack', channel, { text: 'hello' });
    db.sqlite.prepare("update outbox set status = 'sending', owner = ?").run(instances.id);
    expect(await outbox.drain()).toBe(1);
    // Resumed: the platform says it has the message, and it is not posted again.
    expect(platform.sent.map((s) => s.identity?.resumed)).toEqual([false]);
    expect(rows()).toMatchObject([{ status: 'sent', attempts: 2, platform_message_id: 'msg-1' }]);
  });

  it('two processes draining the same file never send a row twice', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'muster-outbox-')), 'muster.db');
    const clock = new FixedClock(new Date('2026-12-01T09:00:00Z'));
    const shared = new FakePlatform('slack');
    const a = setup(openDb(path), clock, shared);
    const b = setup(openDb(path), clock, shared);
    a.platform.failures.push(...Array.from({ length: 20 }, transient));
    for (let i = 0; i < 20; i++) await a.outbox.send('slack', channel, { text: `m${i}` });
    clock.advance(2_000);
    await Promise.all([a.outbox.drain(), b.outbox.drain()]);
    expect(shared.sent.map((s) => s.message.text).sort()).toEqual(
      Array.from({ length: 20 }, (_, i) => `m${i}`).sort(),
    );
  });

  it('a dedupe key makes a scheduled post idempotent', async () => {
    const { outbox, platform } = setup();
    await outbox.send('slack', channel, { text: 'daily' }, { dedupeKey: 'standup:C1:2026-12-01' });
    const again = await outbox.send(
      'slack',
      channel,
      { text: 'daily' },
      { dedupeKey: 'standup:C1:2026-12-01' },
    );
    expect(again).toMatchObject({ status: 'sent', ref: { messageId: 'msg-1' } });
    expect(platform.sent).toHaveLength(1);
  });

  it('falls back to a DM for an ephemeral message on a platform without ephemeral messages', async () => {
    const noEphemeral = new FakePlatform('discord', { ephemeral: false });
    const { outbox } = setup(openTestDb(), new FixedClock(new Date()), noEphemeral);
    await outbox.send(
      'discord',
      {
        kind: 'ephemeral',
        conversation: { ...conversation, platform: 'discord' },
        user: { ...bob, platform: 'discord' },
      },
      { text: 'psst' },
    );
    expect(noEphemeral.sent[0]?.target).toEqual({
      kind: 'dm',
      user: { ...bob, platform: 'discord' },
      fallback: { ...conversation, platform: 'discord' },
    });
  });

  it('a reply whose interaction failed is delivered later through the platform', async () => {
    const { outbox, platform, clock } = setup();
    await outbox.send(
      'slack',
      { kind: 'ephemeral', conversation, user: bob },
      { text: 'late' },
      {
        firstAttempt: () => Promise.reject(new DeliveryError('response_url expired', { transient: true })),
      },
    );
    clock.advance(2_000);
    await outbox.drain();
    expect(platform.sent).toMatchObject([{ target: { kind: 'ephemeral' }, message: { text: 'late' } }]);
  });
});

describe('outbox in the app', () => {
  it('a permanent failure is written to the audit log', async () => {
    const h = createHarness();
    h.platform.failures.push(new DeliveryError('cannot_dm_user', { transient: false }));
    await h.app.outbox.send('slack', { kind: 'dm', user: bob }, { text: 'hi' });
    const row = h.sql
      .prepare("select workspace_id, action, details from audit_log where action = 'delivery.failed'")
      .get() as { details: string };
    expect(row).toMatchObject({ workspace_id: 'slack:T1', action: 'delivery.failed' });
    expect(JSON.parse(row.details)).toMatchObject({ outboxId: 1, error: 'cannot_dm_user' });
    await h.app.close();
  });
});
