import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DISCORD_IDS, FakeDiscord } from './fakes/fake-discord.js';
import { FakeSlack } from './fakes/fake-slack.js';
import { slashCommand } from './fixtures/slack-payloads.js';
import { callbackText, command } from './helpers/discord-harness.js';

const ROOT = new URL('..', import.meta.url).pathname;
let discord: FakeDiscord | undefined;
let slack: FakeSlack | undefined;
let child: ChildProcessWithoutNullStreams | undefined;

afterEach(async () => {
  child?.kill('SIGKILL');
  await discord?.stop();
  await slack?.stop();
  discord = undefined;
  slack = undefined;
  child = undefined;
});

function start(env: Record<string, string>, script = 'src/app/main.ts') {
  const proc = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      MUSTER_DB_PATH: join(mkdtempSync(join(tmpdir(), 'muster-discord-')), 'm.db'),
      LOG_LEVEL: 'debug',
      MUSTER_HTTP_PORT: '0',
      ...env,
    },
  });
  let out = '';
  proc.stdout.on('data', (d) => {
    out += d;
  });
  proc.stderr.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((resolve) => proc.on('close', resolve));
  child = proc;
  return { proc, output: () => out, exited };
}

async function fakeDiscord(options: ConstructorParameters<typeof FakeDiscord>[0] = {}): Promise<FakeDiscord> {
  discord = new FakeDiscord(options);
  await discord.start();
  return discord;
}

const discordEnv = (fake: FakeDiscord) => ({
  DISCORD_TOKEN: fake.botToken,
  DISCORD_API_URL: fake.apiUrl,
  DISCORD_GUILD_ID: DISCORD_IDS.guild,
});

describe('npm start with a Discord token (the built app against a fake Discord)', () => {
  it('connects instead of opening the console, answers /muster help, and stops on SIGTERM', async () => {
    const fake = await fakeDiscord();
    const run = start(discordEnv(fake));
    await fake.waitUntil(() => fake.commandPuts === 1, 15_000, 'the commands to be registered');
    const help = command(fake, 'muster', 'help', [], { locale: 'zh-CN' });
    const reply = await fake.waitForCallback(help.id, 5_000);
    expect(reply).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(callbackText(fake, help.id)).toContain('Muster：你在这里可以做什么');
    run.proc.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(fake.gatewayCloses.filter((c) => c.by === 'client').map((c) => c.code)).toEqual([1000]);
    expect(run.output()).not.toContain('Muster console');
    expect(run.output()).toContain('discord connected');
    expect(run.output()).not.toContain(fake.botToken);
  });

  it('exits 1 naming the Developer Portal switches when the privileged intents are not enabled (4014)', async () => {
    const fake = await fakeDiscord({ privilegedIntents: { guildMembers: false, messageContent: false } });
    const run = start(discordEnv(fake));
    expect(await run.exited).toBe(1);
    const out = run.output();
    expect(out).toContain(
      'Muster cannot connect to Discord: Discord refused the privileged intents Muster needs (close code 4014).',
    );
    expect(out).toContain(
      'Developer Portal → your application → Bot → Privileged Gateway Intents, turn on SERVER MEMBERS INTENT and MESSAGE CONTENT INTENT',
    );
    expect(fake.commandPuts).toBe(0);
    expect(out).not.toContain(fake.botToken);
  });

  it('exits 1 with a readable line when the token is refused', async () => {
    const fake = await fakeDiscord();
    const run = start({ ...discordEnv(fake), DISCORD_TOKEN: 'MTE.wrong.token' });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('Muster cannot connect to Discord: Discord rejected DISCORD_TOKEN.');
    expect(run.output()).toContain('Check DISCORD_TOKEN');
    expect(run.output()).not.toContain('MTE.wrong.token');
  });

  it('runs Slack and Discord side by side in one process', async () => {
    const fake = await fakeDiscord();
    slack = new FakeSlack();
    await slack.start();
    slack.users.set('UBOB', { name: 'bob', locale: 'en-US' });
    const run = start({
      ...discordEnv(fake),
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_APP_TOKEN: slack.appToken,
      SLACK_API_URL: slack.apiUrl,
    });
    await slack.connected();
    await fake.waitUntil(() => fake.commandPuts === 1, 15_000, 'the commands to be registered');
    const help = command(fake, 'muster', 'help', [], { locale: 'en-US' });
    await slack.sendEnvelope(
      'slash_commands',
      slashCommand({
        text: 'help',
        user_id: 'UBOB',
        trigger_id: slack.trigger(),
        response_url: slack.responseUrl('both'),
      }),
    );
    expect(callbackText(fake, (await fake.waitForCallback(help.id, 5_000)).interactionId)).toContain(
      'Muster: what you can do here',
    );
    await slack.waitFor(() => slack?.responses.length === 1, 5_000);
    expect(JSON.stringify(slack.responses[0]?.body)).toContain('Muster: what you can do here');
    run.proc.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });
});

describe('npm run discord:register', () => {
  it('puts the commands in the configured server over REST, without a gateway session', async () => {
    const fake = await fakeDiscord();
    const run = start(discordEnv(fake), 'src/app/discord-register.ts');
    expect(await run.exited).toBe(0);
    const registered = fake.registeredCommands.get(DISCORD_IDS.guild) ?? [];
    expect(run.output()).toContain(
      `Registered ${registered.length} commands in server ${DISCORD_IDS.guild} (available now).`,
    );
    expect(fake.commandPuts).toBe(1);
    expect(fake.identifies).toEqual([]);
    expect(registered.map((c) => c.name)).toEqual(expect.arrayContaining(['muster', 'role']));
  });
});
