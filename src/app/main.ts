import { createReadStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { createConsoleAdapter } from '../adapters/console/console.adapter.js';
import { ConsoleClock } from '../adapters/console/console-clock.js';
import { systemClock } from '../core/clock.js';
import { parseConfig, readEnvironment } from './config.js';
import { createApp } from './container.js';
import { type HealthServer, startHealthServer } from './http.js';
import { createLogger } from './logger.js';

const SHUTDOWN_GRACE_MS = 10_000;

function fail(lines: string[]): never {
  process.stderr.write(`${lines.join('\n')}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const { values: args } = parseArgs({ options: { script: { type: 'string' } }, strict: true });
  const parsed = parseConfig(readEnvironment());
  if (!parsed.ok) {
    fail([
      'Muster cannot start: the configuration has problems.',
      ...parsed.problems.map((p) => `  ${p}`),
      'Every variable is described in .env.example.',
    ]);
  }
  const config = parsed.config;
  if (config.slack || config.discord) {
    fail([
      'Muster cannot start: SLACK_BOT_TOKEN / DISCORD_TOKEN are set, but this build has only the console adapter.',
      'Unset them to use the console.',
    ]);
  }

  const interactive = !args.script && process.stdin.isTTY === true;
  // The console owns stdout; logs go to stderr so they never mix into the conversation.
  const logger = createLogger({ level: config.logLevel, fd: 2 });
  const clock = new ConsoleClock(systemClock, interactive);
  const app = createApp({ config, clock, logger });

  let health: HealthServer | undefined;
  if (config.httpPort) {
    try {
      health = await startHealthServer(config.httpPort, {
        healthy: app.healthy,
        registry: app.metrics.registry,
        logger,
      });
      logger.info({ port: health.port }, 'health and metrics listening');
    } catch (err) {
      await app.close();
      fail([
        `Muster cannot start: MUSTER_HTTP_PORT ${config.httpPort} is not available (${(err as Error).message}).`,
        'Choose another port, or set MUSTER_HTTP_PORT=0 to turn the health server off.',
      ]);
    }
  }

  const consoleAdapter = createConsoleAdapter({
    input: args.script ? createReadStream(args.script) : process.stdin,
    output: process.stdout,
    interactive,
    clock,
    locale: config.defaultLocale,
    timezone: config.defaultTimezone,
    onTimeMoved: (now) => app.tick(now),
  });
  app.attach(consoleAdapter.platform);
  app.start();
  await app.outbox.drain();

  let stopping = false;
  const stop = (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'stopping');
    consoleAdapter.stop();
    setTimeout(() => {
      logger.error({ reason }, 'shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection'));

  await consoleAdapter.run(app.sink);
  await health?.close();
  await app.close();
  logger.info({}, 'stopped');
}

main().catch((err: unknown) => {
  process.stderr.write(
    `Muster stopped on an unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
