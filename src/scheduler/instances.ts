import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { eq, lt } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { instances } from '../db/schema.js';

/** How long a process may go without a heartbeat before others count it as gone. */
export const INSTANCE_LEASE_MS = 60_000;
/** How often a running process says it is alive; well inside the lease, so a slow tick is not death. */
export const HEARTBEAT_MS = 10_000;

/** Where a process runs; tests pass other hosts and pids to stand for processes elsewhere. */
export interface ProcessIdentity {
  host: string;
  pid: number;
  /** Real time the process started: an instance on this host and pid that beat before it is a former process. */
  startedAtMs: number;
  /** Whether a pid on this host is running now. */
  running(pid: number): boolean;
}

/** This process, as the operating system sees it. */
export function thisProcess(): ProcessIdentity {
  return {
    host: hostname(),
    pid: process.pid,
    startedAtMs: Date.now() - process.uptime() * 1000,
    running(pid) {
      try {
        process.kill(pid, 0);
        return true;
      } catch (err) {
        // EPERM: the pid exists but belongs to someone else; only ESRCH means no such process.
        return (err as NodeJS.ErrnoException).code !== 'ESRCH';
      }
    },
  };
}

interface InstanceRow {
  host: string;
  pid: number;
  heartbeatAt: Date;
}

/**
 * This process's entry among the processes sharing the database file, and the test others' claims
 * and sends are taken over by: an owner is gone when it stopped cleanly (no row), when it has not
 * beaten for the lease, or at once when it ran on this host and its process no longer exists (a
 * restart, a kill -9). A live owner is never taken over, however long its work takes.
 * @example const me = Instances.register(db); if (me.gone(row.owner)) takeOver(row)
 */
export class Instances {
  readonly id = randomUUID();

  private constructor(
    private readonly db: Db,
    private readonly identity: ProcessIdentity,
    private readonly wallNow: () => number,
    private readonly leaseMs: number,
  ) {}

  static register(
    db: Db,
    options: { identity?: ProcessIdentity; wallNow?: () => number; leaseMs?: number } = {},
  ): Instances {
    const me = new Instances(
      db,
      options.identity ?? thisProcess(),
      options.wallNow ?? Date.now,
      options.leaseMs ?? INSTANCE_LEASE_MS,
    );
    const now = new Date(me.wallNow());
    db.insert(instances)
      .values({ id: me.id, host: me.identity.host, pid: me.identity.pid, startedAt: now, heartbeatAt: now })
      .run();
    return me;
  }

  /** Says this process is alive; rows of processes gone long ago are cleared on the way. */
  heartbeat(): void {
    const now = this.wallNow();
    this.db
      .insert(instances)
      .values({
        id: this.id,
        host: this.identity.host,
        pid: this.identity.pid,
        startedAt: new Date(now),
        heartbeatAt: new Date(now),
      })
      .onConflictDoUpdate({ target: instances.id, set: { heartbeatAt: new Date(now) } })
      .run();
    this.db
      .delete(instances)
      .where(lt(instances.heartbeatAt, new Date(now - 100 * this.leaseMs)))
      .run();
  }

  /** True when the owner of a claim or a send can no longer finish it. */
  gone(owner: string | null): boolean {
    if (owner === this.id) return false;
    // Rows written before owners were recorded belong to processes that have since restarted.
    if (owner === null) return true;
    const row: InstanceRow | undefined = this.db
      .select({ host: instances.host, pid: instances.pid, heartbeatAt: instances.heartbeatAt })
      .from(instances)
      .where(eq(instances.id, owner))
      .get();
    return row === undefined || isGone(row, this.identity, this.wallNow(), this.leaseMs);
  }

  /** A clean stop: what this process held is free at once. */
  close(): void {
    this.db.delete(instances).where(eq(instances.id, this.id)).run();
  }
}

/** Pure: whether an instance row stands for a process that is gone, seen from `me` at `nowMs`. */
export function isGone(row: InstanceRow, me: ProcessIdentity, nowMs: number, leaseMs: number): boolean {
  if (row.heartbeatAt.getTime() < nowMs - leaseMs) return true;
  if (row.host !== me.host) return false;
  // One pid runs one process at a time: our own pid with a beat from before we started was a former run.
  if (row.pid === me.pid) return row.heartbeatAt.getTime() < me.startedAtMs;
  return !me.running(row.pid);
}
