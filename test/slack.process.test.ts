import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeSlack } from './fakes/fake-slack.js';
import { slashCommand } from './fixtures/slack-payloads.js';
import { formBody, postToBolt, SIGNING_SECRET } from './helpers/slack-harness.js';

const ROOT = new URL('..', import.meta.url).pathname;
let fake: FakeSlack | undefined;
let child: ChildProcessWithoutNullStreams | undefined;

afterEach(async () => {
  child?.kill('SIGKILL');
  await fake?.stop();
  fake = undefined;
  child = undefined;
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

function start(env: Record<string, string>) {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/app/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      MUSTER_DB_PATH: join(mkdtempSync(join(tmpdir(), 'muster-slack-')), 'm.db'),
      LOG_LEVEL: 'debug',
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
  return { proc, output: () => out, exited };
}

describe('npm start with Slack tokens (the built app against a fake Slack)', () => {
  it('connects over Socket Mode instead of opening the console, answers, and stops on SIGTERM', async () => {
    fake = new FakeSlack();
    await fake.start();
    fake.users.set('UZH', { name: '小王', locale: 'zh-CN', tz: 'Asia/Shanghai' });
    const run = start({
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_APP_TOKEN: fake.appToken,
      SLACK_API_URL: fake.apiUrl,
      MUSTER_HTTP_PORT: '0',
    });
    child = run.proc;
    await fake.connected();
    await fake.sendEnvelope(
      'slash_commands',
      slashCommand({
        text: '帮助',
        user_id: 'UZH',
        trigger_id: fake.trigger(),
        response_url: fake.responseUrl('p1'),
      }),
    );
    await fake.waitFor(() => fake?.responses.length === 1, 10_000);
    expect(JSON.stringify(fake.responses[0]?.body)).toContain('你在这里可以做什么');
    run.proc.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.output()).not.toContain('Muster console');
    expect(run.output()).toContain('"mode":"socket"');
    expect(run.output()).not.toContain(fake.botToken);
    expect(run.output()).not.toContain(fake.appToken);
  });

  it('in HTTP mode serves Slack and /healthz on MUSTER_HTTP_PORT', async () => {
    fake = new FakeSlack();
    await fake.start();
    fake.users.set('UBOB', { name: 'bob' });
    const port = await freePort();
    const run = start({
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      MUSTER_HTTP_PORT: String(port),
    });
    child = run.proc;
    const deadline = Date.now() + 10_000;
    while (!run.output().includes('slack listening') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text()).toContain('muster_outbox_depth');
    const res = await postToBolt(
      port,
      formBody({
        token: 't',
        team_id: 'T1',
        team_domain: 'acme',
        channel_id: 'C1',
        channel_name: 'general',
        user_id: 'UBOB',
        user_name: 'bob',
        command: '/muster',
        text: 'help',
        api_app_id: 'A1',
        response_url: fake.responseUrl('p2'),
        trigger_id: fake.trigger(),
      }),
      'application/x-www-form-urlencoded',
    );
    expect(res.status).toBe(200);
    await fake.waitFor(() => fake?.responses.length === 1, 10_000);
    run.proc.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('a rejected bot token stops start-up with a readable line', async () => {
    fake = new FakeSlack();
    await fake.start();
    const run = start({
      SLACK_BOT_TOKEN: 'xoxb-wrong',
      SLACK_APP_TOKEN: fake.appToken,
      SLACK_API_URL: fake.apiUrl,
      MUSTER_HTTP_PORT: '0',
    });
    child = run.proc;
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('Muster cannot connect to Slack');
    expect(run.output()).not.toContain('xoxb-wrong');
  });
});
