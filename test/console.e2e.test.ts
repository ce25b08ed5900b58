import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('..', import.meta.url).pathname;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  // Only what a newcomer's shell has: no MUSTER_*, SLACK_* or DISCORD_* from the developer's environment.
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn' };
  return { ...env, ...extra };
}

function startMuster(
  args: string[],
  env: Record<string, string>,
  viaNpm = false,
): ChildProcessWithoutNullStreams {
  return viaNpm
    ? spawn('npm', ['start', '--silent', '--', ...args], { cwd: ROOT, env: baseEnv(env) })
    : spawn(process.execPath, ['--import', 'tsx', 'src/app/main.ts', ...args], {
        cwd: ROOT,
        env: baseEnv(env),
      });
}

function finish(child: ChildProcessWithoutNullStreams, input?: string): Promise<Run> {
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  if (input !== undefined) child.stdin.end(input);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

const tempDb = () => join(mkdtempSync(join(tmpdir(), 'muster-console-')), 'data', 'muster.db');

describe('console (the built app, npm start)', () => {
  it('opens with no tokens; /muster help answers in English, then in Chinese', async () => {
    const db = tempDb();
    const run = await finish(
      startMuster([], { MUSTER_DB_PATH: db, MUSTER_HTTP_PORT: '0' }, true),
      '/muster help\n/muster language zh-CN\n/muster help\n',
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Muster console: a local workspace in your terminal.');
    expect(run.stdout).toContain(
      '[#general · only alice sees this] Muster: == Muster: what you can do here ==',
    );
    expect(run.stdout).toContain('好的，Muster 之后会用简体中文和你交流。');
    expect(run.stdout).toContain('== Muster：你在这里可以做什么 ==');
    expect(existsSync(db)).toBe(true);
  });

  it('a scripted session gives the expected transcript, and its rows survive a restart', async () => {
    const db = tempDb();
    const env = { MUSTER_DB_PATH: db, MUSTER_HTTP_PORT: '0', MUSTER_DEFAULT_TIMEZONE: 'Asia/Shanghai' };
    const script = [
      ':at 2026-12-01T09:00',
      '/role add @bob pm',
      '/role 添加 @carol 客户经理',
      ':as bob',
      '/muster settings timezone Europe/London',
      '/muster setings',
      ':as alice',
      '/muster settings 工作日 周一至周六',
      '/muster settings',
      ':click 1',
      '',
      '2',
      '',
      '9点半到18点',
      '/role',
      '',
    ].join('\n');
    const first = await finish(startMuster([], env), script);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(
      `Muster console: a local workspace in your terminal. You are alice (workspace owner) in #general.
Type /muster help for commands, :help for console controls.
Logs go to ${join(dirname(db), 'muster.log')} (start with --verbose to see them here instead).
alice@#general> :at 2026-12-01T09:00
🕒 Tue 2026-12-01 09:00 (Asia/Shanghai)
alice@#general> /role add @bob pm
(@bob is new to this console, so they are now a member of #general.)
[#general · only alice sees this] Muster: @bob is now Project manager.
[DM with bob] Muster: @alice made you *Project manager* in #general. This role owns the project plan and posts its progress every day.
alice@#general> /role 添加 @carol 客户经理
(@carol is new to this console, so they are now a member of #general.)
[#general · only alice sees this] Muster: @carol is now Account manager.
[DM with carol] Muster: @alice made you *Account manager* in #general. This role owns the customer relationship and is alerted when a customer is unhappy.
alice@#general> :as bob
You are now bob in #general.
bob@#general> /muster settings timezone Europe/London
[#general · only bob sees this] Muster: Sorry, only a group admin can do that here. Ask an admin if you need it (they can give roles with \`/role add @member <role>\`).
bob@#general> /muster setings
[#general · only bob sees this] Muster: \`/muster\` has no \`setings\`. Did you mean \`/muster settings\`?
alice@#general> :as alice
`.replace('alice@#general> :as alice', 'bob@#general> :as alice') +
        `You are now alice (workspace admin) in #general.
alice@#general> /muster settings 工作日 周一至周六
[#general · only alice sees this] Muster: Saved. Settings for #general:
  • Workdays: Mon–Fri → *Mon–Sat*
alice@#general> /muster settings
[#general · only alice sees this] Muster: == Settings for #general ==
  Timezone: Asia/Shanghai (now Tue 09:00)
  Language: English
  Workdays: Mon–Sat
  Working hours: 09:00–18:00
  (Change one with \`/muster settings <setting> <value>\`, e.g. \`/muster settings timezone Asia/Shanghai\`, or edit them all with the button.)
  [1] Edit settings
  (type :click <n> to press a button)
alice@#general> :click 1
┌ Form: Group settings. Enter keeps the value in [brackets]; :cancel stops.
│ Timezone [Asia/Shanghai]:
│ > 
│ Language (1 English, 2 简体中文 (Chinese)) [en]:
│ > 2
│ Workdays [Mon–Sat]:
│ > 
│ Working hours [09:00-18:00]:
│ > 9点半到18点
└ Form sent.
[#general · only alice sees this] Muster: Saved. Settings for #general:
  • Language: English → *简体中文 (Chinese)*
  • Working hours: 09:00–18:00 → *09:30–18:00*
alice@#general> /role
[#general · only alice sees this] Muster: == #general 的角色分工 ==
  *管理员*：暂无
  _制定群规和群设置，分配角色_
  *经理*：暂无
  _主持周会、跟进客户反馈、接收经理简报_
  *成员*：暂无
  _每天填写站会，参加周会_
  *项目经理*：@bob
  _负责项目计划，每天在群里同步项目进展_
  *客服*：暂无
  _解答客户问题，处理客户投诉_
  *客户经理*：@carol
  _维护客户关系，客户不满意时第一时间收到提醒_
  *观察员*：暂无
  _关注群内动态（如访客、旁听的同事），不需要参加站会_
  *客户*：暂无
  _代表群里的客户方，参与满意度调查，只能看到与客户共享的内容，不需要参加站会_
  （分配角色：\`/role add @成员 <角色>\`；取消角色：\`/role remove @成员 <角色>\`。角色可以直接写中文，如“项目经理”。）
`,
    );

    const sqlite = new Database(db, { readonly: true });
    expect(sqlite.prepare('select member_id, role from group_roles order by member_id').all()).toEqual([
      { member_id: 'console:local:bob', role: 'pm' },
      { member_id: 'console:local:carol', role: 'account_manager' },
    ]);
    expect(
      sqlite
        .prepare(
          "select timezone, locale, workdays, work_start from groups where id = 'console:local:general'",
        )
        .get(),
    ).toEqual({
      timezone: 'Asia/Shanghai',
      locale: 'zh-CN',
      workdays: '1,2,3,4,5,6',
      work_start: '09:30',
    });
    expect(sqlite.prepare('select count(*) n from audit_log').get()).toEqual({ n: 4 });
    expect(sqlite.prepare('select status, count(*) n from outbox group by status').all()).toEqual([
      { status: 'sent', n: 10 },
    ]);
    sqlite.close();

    const second = await finish(startMuster([], env), '/role\n/muster settings\n');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('*项目经理*：@bob');
    expect(second.stdout).toContain('*客户经理*：@carol');
    expect(second.stdout).toContain('工作时间：09:30–18:00');
  });

  it('reads a script file with --script', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'muster-script-'));
    const file = join(dir, 'demo.txt');
    writeFileSync(file, '/muster timezone Asia/Tokyo\n');
    const run = await finish(
      startMuster(['--script', file], { MUSTER_DB_PATH: join(dir, 'm.db'), MUSTER_HTTP_PORT: '0' }),
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Your timezone is now Asia/Tokyo');
  });

  it('an invalid MUSTER_DEFAULT_TIMEZONE stops start-up with a line naming the variable', async () => {
    const run = await finish(
      startMuster([], {
        MUSTER_DB_PATH: tempDb(),
        MUSTER_DEFAULT_TIMEZONE: 'Mars/Olympus',
        MUSTER_DEFAULT_LOCALE: 'fr',
      }),
      '',
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`Muster cannot start: the configuration has problems.
  MUSTER_DEFAULT_TIMEZONE: "Mars/Olympus" is not an IANA timezone; use a name such as Asia/Shanghai, Europe/London or UTC
  MUSTER_DEFAULT_LOCALE: must be en or zh-CN
Every variable is described in .env.example.
`);
  });

  it('SIGTERM closes the database cleanly and nothing is lost', async () => {
    const db = tempDb();
    const env = { MUSTER_DB_PATH: db, MUSTER_HTTP_PORT: '0', LOG_LEVEL: 'info' };
    const child = startMuster(['--verbose'], env);
    const done = finish(child);
    child.stdin.write('/role add @bob support\n');
    await new Promise<void>((resolve) => {
      let seen = '';
      child.stdout.on('data', (d) => {
        seen += d;
        if (seen.includes('@bob is now Support.')) resolve();
      });
    });
    child.kill('SIGTERM');
    const run = await done;
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('"reason":"SIGTERM"');
    expect(run.stderr).toContain('"msg":"stopped"');
    // A clean close folds the write-ahead log back: the main file alone holds the data.
    expect(existsSync(`${db}-wal`)).toBe(false);
    const again = await finish(startMuster([], { MUSTER_DB_PATH: db, MUSTER_HTTP_PORT: '0' }), '/role\n');
    expect(again.stdout).toContain('*Support*: @bob');
  });

  it('a port in use stops start-up with a line saying what to do', async () => {
    const { createServer } = await import('node:net');
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    const run = await finish(
      startMuster([], { MUSTER_DB_PATH: tempDb(), MUSTER_HTTP_PORT: String(port) }),
      '',
    );
    blocker.close();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`MUSTER_HTTP_PORT ${port} is not available`);
    expect(run.stderr).toContain('MUSTER_HTTP_PORT=0');
  });
});
