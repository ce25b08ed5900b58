import { createDiscordAdapter } from '../adapters/discord/discord.adapter.js';
import { systemClock } from '../core/clock.js';
import { parseConfig, readEnvironment } from './config.js';
import { createApp } from './container.js';
import { createLogger } from './logger.js';

/** `npm run discord:register`: puts Muster's slash commands on Discord now, without starting the bot. */
async function main(): Promise<void> {
  const parsed = parseConfig(readEnvironment());
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  const discord = parsed.config.discord;
  if (!discord) throw new Error('DISCORD_TOKEN is not set: put the bot token in .env first.');
  const logger = createLogger({ level: parsed.config.logLevel, fd: 2 });
  // The registry is built by the app; an in-memory database keeps this from touching real data.
  const app = createApp({
    config: { dbPath: ':memory:', defaultLocale: 'en', defaultTimezone: 'UTC' },
    clock: systemClock,
    logger,
  });
  const adapter = createDiscordAdapter({
    token: discord.token,
    guildId: discord.guildId,
    apiUrl: discord.apiUrl,
    commands: () => app.registry.commands(),
    logger,
  });
  try {
    // REST only: no gateway session, so no events arrive that nobody would answer.
    const count = await adapter.registerCommands();
    process.stdout.write(
      `Registered ${count} commands ${discord.guildId ? `in server ${discord.guildId} (available now)` : 'globally (Discord may take up to an hour to show them)'}.\n`,
    );
  } finally {
    await adapter.stop();
    await app.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(
    `Muster could not register the Discord commands: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
});
