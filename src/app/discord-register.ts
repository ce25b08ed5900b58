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
  // start() registers the commands once the gateway is ready; this is exactly that, then stop.
  await adapter.start({ handle: async () => {} });
  await adapter.stop();
  await app.close();
  process.stdout.write(
    `Registered ${app.registry.commands().length} commands ${discord.guildId ? `in server ${discord.guildId} (available now)` : 'globally (Discord may take up to an hour to show them)'}.\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
