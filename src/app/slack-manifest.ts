import { writeFileSync } from 'node:fs';
import { buildSlackManifest } from '../adapters/slack/manifest.js';
import { systemClock } from '../core/clock.js';
import { translator } from '../core/i18n/catalog.js';
import { createApp } from './container.js';

/** `npm run slack:manifest`: writes slack-manifest.json from the commands this build answers. */
async function main(): Promise<void> {
  const silent = { debug() {}, info() {}, warn() {}, error() {} };
  const app = createApp({
    config: { dbPath: ':memory:', defaultLocale: 'en', defaultTimezone: 'UTC' },
    clock: systemClock,
    logger: silent,
  });
  const manifest = buildSlackManifest(app.registry.commands(), translator('en'));
  await app.close();
  const path = process.argv[2] ?? 'slack-manifest.json';
  writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
  process.stdout.write(
    `Wrote ${path} with ${manifest.features.slash_commands.length} commands. Paste it at https://api.slack.com/apps → Create New App → From a manifest.\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
