import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runConsole } from './helpers/console-session.js';

/** Starts the console on a database path, with no input. */
const startWith = (dbPath: string) => runConsole(dbPath, '');

const scratch = () => mkdtempSync(join(tmpdir(), 'muster-db-open-'));

describe('start-up with a database that cannot be opened', () => {
  it.each([
    {
      what: 'a folder that cannot be created (a file stands in its place)',
      path: () => {
        const dir = scratch();
        writeFileSync(join(dir, 'data'), 'not a folder');
        return join(dir, 'data', 'muster.db');
      },
      says: 'its folder does not exist and cannot be created',
    },
    {
      what: 'a path that is a folder',
      path: () => {
        const dir = join(scratch(), 'muster.db');
        mkdirSync(dir);
        return dir;
      },
      says: 'the file cannot be opened',
    },
    {
      what: 'a file that is not a database',
      path: () => {
        const file = join(scratch(), 'muster.db');
        writeFileSync(file, 'these are my notes, not a database '.repeat(200));
        return file;
      },
      says: 'the file is not a Muster database',
    },
  ])('stops with one clear line naming MUSTER_DB_PATH and what to check: $what', async ({ path, says }) => {
    const dbPath = path();
    const run = await startWith(dbPath);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`Muster cannot open its database (MUSTER_DB_PATH=${dbPath}): ${says}`);
    expect(lines[0]).toContain('. Check ');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
