import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('../..', import.meta.url).pathname;

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `main.ts` as the console (no tokens) on a database path, with `script` as its input and `args` on its command line. */
export function runConsole(
  dbPath: string,
  script: string,
  env: Record<string, string> = {},
  args: readonly string[] = [],
): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/app/main.ts', ...args], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      LOG_LEVEL: 'warn',
      MUSTER_DB_PATH: dbPath,
      MUSTER_HTTP_PORT: '0',
      ...env,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  child.stdin.end(script);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/**
 * Runs the console on a script in a Shanghai workspace and returns what a user would have seen,
 * and where its database is. `env` adds to the environment, e.g. `{ MUSTER_DEFAULT_LOCALE: 'zh-CN' }`.
 */
export async function consoleSession(
  script: string,
  env: Record<string, string> = {},
): Promise<Run & { db: string }> {
  const db = join(mkdtempSync(join(tmpdir(), 'muster-console-')), 'muster.db');
  const run = await runConsole(db, script, { MUSTER_DEFAULT_TIMEZONE: 'Asia/Shanghai', ...env });
  return { ...run, db };
}
