import cron, { type ScheduledTask } from 'node-cron';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/ports.js';
import { isDatabaseBusy } from '../core/storage-errors.js';

/** Work that runs on the minute tick; it decides for itself what is due at `now`. */
export interface MinuteJob {
  name: string;
  run(now: Date): Promise<void>;
}

export interface SchedulerDeps {
  clock: Clock;
  logger: Logger;
  jobs: readonly MinuteJob[];
  /** Seconds between the start of the minute and the tick actually running. */
  onLag?(seconds: number): void;
  /** How soon, once started, a tick that met a busy database is run again (instead of a minute later). */
  busyRetryMs?: number;
}

const BUSY_RETRY_MS = 5_000;

/**
 * One cron task for the whole process: each minute, every job is asked what is due. Nothing creates
 * a cron task per group or member. Tests and the console call `runDue(now)` directly.
 */
export class Scheduler {
  #task: ScheduledTask | undefined;
  #running: Promise<void> | undefined;
  #busyRetry: NodeJS.Timeout | undefined;

  constructor(private readonly deps: SchedulerDeps) {}

  /** Runs every job once for `now`; a failing job is logged and does not stop the others. */
  runDue(now: Date = this.deps.clock.now()): Promise<void> {
    // A slow tick and the next one must not overlap.
    this.#running ??= this.#runAll(now).finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #runAll(now: Date): Promise<void> {
    let busy = false;
    for (const job of this.deps.jobs) {
      try {
        await job.run(now);
      } catch (err) {
        if (!isDatabaseBusy(err)) {
          this.deps.logger.error({ err, job: job.name }, 'scheduled job failed');
          continue;
        }
        // The job left what it had not done due (its window did not move): the retry does it.
        busy = true;
        this.deps.logger.warn({ job: job.name }, 'database busy; the job runs again shortly');
      }
    }
    if (busy) this.#retrySoon();
  }

  /** Once started, a tick that met a locked database runs again in seconds, not at the next minute. */
  #retrySoon(): void {
    if (!this.#task || this.#busyRetry) return;
    this.#busyRetry = setTimeout(() => {
      this.#busyRetry = undefined;
      void this.runDue(this.deps.clock.now());
    }, this.deps.busyRetryMs ?? BUSY_RETRY_MS);
    this.#busyRetry.unref();
  }

  start(): void {
    this.#task = cron.schedule('* * * * *', () => {
      const now = this.deps.clock.now();
      this.deps.onLag?.((now.getTime() % 60_000) / 1000);
      return this.runDue(now);
    });
  }

  async stop(): Promise<void> {
    clearTimeout(this.#busyRetry);
    this.#busyRetry = undefined;
    await this.#task?.stop();
    this.#task = undefined;
    await this.#running;
  }
}
