import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runConsole } from './helpers/console-session.js';

describe(':in with a name that has a space and no quotes', () => {
  it.each([
    {
      locale: 'en',
      script: ':in #support @Ann Lee @Mia\n:in #support @"Ann Lee" @Mia\n',
      refused: '“Lee” is not a person: write each one as @name, and quote a name with a space',
      done: 'Ann Lee, Mia now in #support',
    },
    {
      locale: 'zh-CN',
      script: ':in #support @王 小明 @张伟\n:in #support @“王 小明” @张伟\n',
      refused: '“小明”不是一个人名：每个人都写成 @名字，名字中间有空格时加引号',
      done: '已把王 小明、张伟加入 #support',
    },
  ])('$locale: says which word is no person and how to quote it, then takes the quoted name', async (c) => {
    const dir = mkdtempSync(join(tmpdir(), 'muster-controls-'));
    const run = await runConsole(join(dir, 'muster.db'), c.script, { MUSTER_DEFAULT_LOCALE: c.locale });
    expect(run.stdout).toContain(c.refused);
    expect(run.stdout).toContain(c.done);
  });
});
