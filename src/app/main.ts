import { createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CONSOLE_WORKSPACE, createConsoleAdapter } from '../adapters/console/console.adapter.js';
import { ConsoleClock } from '../adapters/console/console-clock.js';
import { consoleName } from '../adapters/console/console-names.js';
import { createDiscordAdapter, DiscordStartError } from '../adapters/discord/discord.adapter.js';
import { createSlackAdapter } from '../adapters/slack/slack.adapter.js';
import { type Clock, systemClock } from '../core/clock.js';
import { translator } from '../core/i18n/catalog.js';
import { toLocale } from '../core/i18n/locale.js';
import { conversationKey, parseUserKey } from '../core/platform/ids.js';
import type { Logger } from '../core/ports.js';
import { DatabaseOpenError } from '../db/open-error.js';
import { readCli } from './cli.js';
import { type Config, parseConfig, readEnvironment } from './config.js';
import { type App, createApp } from './container.js';
import {
  type HealthDeps,
  type HealthServer,
  healthzHandler,
  metricsHandler,
  readyzHandler,
  startHealthServer,
} from './http.js';
import { createLogger } from './logger.js';
import { guardProcess } from './process-guards.js';

const SHUTDOWN_GRACE_MS = 10_000;

function fail(lines: string[]): never {
  process.stderr.write(`${lines.join('\n')}\n`);
  process.exit(1);
}

/** Waits for SIGTERM or SIGINT; `stop` ends the wait early (the console's input ended). */
function untilSignal(onSignal: (signal: string) => void): Promise<string> {
  return new Promise((resolve) => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        onSignal(signal);
        resolve(signal);
      });
    }
  });
}

async function startSlack(config: Config, app: App, health: HealthDeps) {
  const slack = config.slack;
  if (!slack) return undefined;
  const httpMode = !slack.appToken;
  const adapter = createSlackAdapter({
    botToken: slack.botToken,
    appToken: slack.appToken,
    signingSecret: slack.signingSecret,
    apiUrl: slack.apiUrl,
    adminUserToken: slack.adminUserToken,
    port: config.httpPort,
    // In HTTP mode Bolt owns the port, so it serves the health routes too.
    routes: httpMode
      ? [
          { path: '/healthz', method: ['GET'], handler: healthzHandler(health) },
          { path: '/readyz', method: ['GET'], handler: readyzHandler(health) },
          { path: '/metrics', method: ['GET'], handler: metricsHandler(health) },
        ]
      : [],
    logger: health.logger,
    onRejected: (reason) => app.metrics.eventRejected('slack', reason),
  });
  app.attach(adapter.platform);
  try {
    await adapter.start(app.sink, app.roster);
  } catch (err) {
    await app.close();
    fail([
      `Muster cannot connect to Slack: ${(err as Error).message}.`,
      'Check SLACK_BOT_TOKEN (Bot User OAuth Token, xoxb-) and SLACK_APP_TOKEN (app-level token with connections:write) or SLACK_SIGNING_SECRET.',
    ]);
  }
  return adapter;
}

async function startDiscord(config: Config, app: App, logger: Logger, stopOthers: () => Promise<void>) {
  const discord = config.discord;
  if (!discord) return undefined;
  const adapter = createDiscordAdapter({
    token: discord.token,
    guildId: discord.guildId,
    apiUrl: discord.apiUrl,
    commands: () => app.registry.commands(),
    logger,
    onRejected: (reason) => app.metrics.eventRejected('discord', reason),
  });
  app.attach(adapter.platform);
  try {
    await adapter.start(app.sink, app.roster);
  } catch (err) {
    await stopOthers();
    await app.close();
    fail([
      `Muster cannot connect to Discord: ${(err as Error).message}.`,
      err instanceof DiscordStartError && err.hint
        ? err.hint
        : 'Check DISCORD_TOKEN (Developer Portal → your app → Bot → Reset Token) and, if set, DISCORD_API_URL.',
    ]);
  }
  return adapter;
}

/** The app over its database; a database that cannot be opened or written stops start-up with one line. */
function openApp(config: Config, clock: Clock, logger: Logger): App {
  try {
    return createApp({ config, clock, logger });
  } catch (err) {
    if (err instanceof DatabaseOpenError) fail([err.message]);
    throw err;
  }
}

/** Where the console keeps what it writes besides the database: next to it, or the temp dir for `:memory:`. */
const dataDir = (dbPath: string) => (dbPath === ':memory:' ? tmpdir() : dirname(dbPath));

/**
 * The console's channels and who is in them from earlier sessions on the same database, by name:
 * `#sales` is still a channel, and a mention of someone there is no introduction.
 */
function consoleWorld(app: App): { knownChannels: string[]; knownPeople: string[] } {
  const groups = app.roster.groups({ platform: 'console', workspaceId: CONSOLE_WORKSPACE });
  return {
    knownChannels: groups.map((group) => consoleName(group.channelId)),
    knownPeople: groups.flatMap((group) => {
      const { team, customers } = app.members.list(conversationKey(group));
      return [...team, ...customers].map((m) => consoleName(parseUserKey(m.memberId).userId));
    }),
  };
}

/** Console time jumps are walked through in steps, so a day's schedule plays out as it would live. */
const CONSOLE_STEP_MS = 10 * 60_000;

function stepThrough(app: App, start: Date): (now: Date) => Promise<void> {
  let last = start.getTime();
  return async (now) => {
    for (let t = last + CONSOLE_STEP_MS; t < now.getTime(); t += CONSOLE_STEP_MS) await app.tick(new Date(t));
    await app.tick(now);
    last = now.getTime();
  };
}

async function main(): Promise<void> {
  const request = readCli(process.argv.slice(2));
  const environment = readEnvironment();
  // Before the configuration is checked: the language it names, if it is one Muster speaks.
  const t = translator(toLocale(environment.MUSTER_DEFAULT_LOCALE ?? '') ?? 'en');
  if (request.kind === 'help') {
    process.stdout.write(`${t('cli.usage')}\n`);
    return;
  }
  if (request.kind === 'bad') fail([t(`cli.${request.problem}`, { option: request.option }), t('cli.usage')]);
  const args = { script: request.script, verbose: request.verbose };
  const parsed = parseConfig(environment);
  if (!parsed.ok) {
    fail([
      'Muster cannot start: the configuration has problems.',
      ...parsed.problems.map((p) => `  ${p}`),
      'Every variable is described in .env.example.',
    ]);
  }
  const config = parsed.config;
  const useConsole = !config.slack && !config.discord;
  const interactive = useConsole && !args.script && process.stdin.isTTY === true;
  // The console owns stdout, and a terminal shows stderr too: its logs go to a file unless asked for.
  const logFile = useConsole && !args.verbose ? join(dataDir(config.dbPath), 'muster.log') : undefined;
  const logger = createLogger({ level: config.logLevel, fd: useConsole ? 2 : 1, file: logFile });
  const clock = useConsole ? new ConsoleClock(systemClock, interactive) : systemClock;
  const app = openApp(config, clock, logger);
  guardProcess(process, logger, (kind) => app.metrics.error(kind));
  let ready = false;
  const healthDeps: HealthDeps = {
    database: app.database,
    ready: () => ready,
    registry: app.metrics.registry,
    logger,
  };

  let health: HealthServer | undefined;
  const slackOwnsPort = Boolean(config.slack && !config.slack.appToken);
  if (config.httpPort && !slackOwnsPort) {
    try {
      health = await startHealthServer(config.httpPort, healthDeps);
      logger.info({ port: health.port }, 'health and metrics listening');
    } catch (err) {
      await app.close();
      fail([
        `Muster cannot start: MUSTER_HTTP_PORT ${config.httpPort} is not available (${(err as Error).message}).`,
        'Choose another port, or set MUSTER_HTTP_PORT=0 to turn the health server off.',
      ]);
    }
  }
  const slack = await startSlack(config, app, healthDeps);
  const discord = await startDiscord(config, app, logger, async () => {
    await slack?.stop();
    await health?.close();
  });

  const consoleAdapter =
    useConsole && clock instanceof ConsoleClock
      ? createConsoleAdapter({
          input: args.script ? createReadStream(args.script) : process.stdin,
          output: process.stdout,
          interactive,
          clock,
          locale: config.defaultLocale,
          timezone: config.defaultTimezone,
          onTimeMoved: stepThrough(app, clock.now()),
          filesDir:
            config.dbPath === ':memory:'
              ? join(tmpdir(), 'muster-files')
              : join(dataDir(config.dbPath), 'files'),
          logFile,
          ...consoleWorld(app),
        })
      : undefined;
  if (consoleAdapter) app.attach(consoleAdapter.platform);
  app.start();
  await app.outbox.drain();
  ready = true;

  const signal = untilSignal((name) => {
    ready = false;
    logger.info({ reason: name }, 'stopping');
    consoleAdapter?.stop();
    setTimeout(() => {
      logger.error({ reason: name }, 'shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
  });
  await (consoleAdapter ? consoleAdapter.run(app.sink, app.roster) : signal);
  // Sends already due go out while the platforms are still connected.
  await app.outbox.drain();
  await slack?.stop();
  await discord?.stop();
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
