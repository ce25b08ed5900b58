import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildSlackManifest } from '../src/adapters/slack/manifest.js';
import { translator } from '../src/core/i18n/catalog.js';
import { createHarness } from './helpers/harness.js';

describe('slack-manifest.json', () => {
  it('lists exactly the registered commands, and is up to date (npm run slack:manifest)', async () => {
    const h = createHarness();
    const registered = h.app.registry.commands().map((c) => `/${c.name}`);
    const committed = JSON.parse(readFileSync(new URL('../slack-manifest.json', import.meta.url), 'utf8'));
    expect(committed.features.slash_commands.map((c: { command: string }) => c.command)).toEqual(registered);
    expect(committed).toEqual(
      JSON.parse(JSON.stringify(buildSlackManifest(h.app.registry.commands(), translator('en')))),
    );
    expect(committed.settings.socket_mode_enabled).toBe(true);
    expect(committed.features.slash_commands.every((c: { should_escape: boolean }) => c.should_escape)).toBe(
      true,
    );
    await h.app.close();
  });
});
