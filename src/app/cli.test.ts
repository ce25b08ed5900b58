import { describe, expect, it } from 'vitest';
import { translate } from '../core/i18n/catalog.js';
import { readCli } from './cli.js';

describe('the command line', () => {
  it('runs, runs a script, shows logs on stderr, or asks for help', () => {
    expect(readCli([])).toEqual({ kind: 'run', script: undefined, verbose: false });
    expect(readCli(['--script', 'demo.txt'])).toEqual({ kind: 'run', script: 'demo.txt', verbose: false });
    expect(readCli(['--verbose'])).toEqual({ kind: 'run', script: undefined, verbose: true });
    expect(readCli(['-v', '--script', 'demo.txt'])).toEqual({
      kind: 'run',
      script: 'demo.txt',
      verbose: true,
    });
    expect(readCli(['--help'])).toEqual({ kind: 'help' });
    expect(readCli(['-h'])).toEqual({ kind: 'help' });
  });

  it('names an unknown option or a missing value instead of failing, in both languages', () => {
    expect(readCli(['--quiet'])).toEqual({ kind: 'bad', problem: 'unknownOption', option: '--quiet' });
    expect(readCli(['--script'])).toEqual({ kind: 'bad', problem: 'missingValue', option: '--script' });
    expect(translate('zh-CN', 'cli.unknownOption', { option: '--quiet' })).toBe(
      'Muster 无法启动：没有 --quiet 这个选项。',
    );
    expect(translate('en', 'cli.missingValue', { option: '--script' })).toBe(
      'Muster cannot start: --script needs a value, e.g. `--script demo.txt`.',
    );
  });

  it('has its usage in both languages', () => {
    expect(translate('en', 'cli.usage')).toContain('--script demo.txt');
    expect(translate('en', 'cli.usage')).toContain('--verbose, -v');
    expect(translate('zh-CN', 'cli.usage')).toContain('用法：npm start');
    expect(translate('zh-CN', 'cli.usage')).toContain('--verbose, -v             控制台的日志直接显示在终端');
  });
});
