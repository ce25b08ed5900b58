import { parseArgs } from 'node:util';

/** What the command line asks for. */
export type CliRequest =
  | { kind: 'run'; script: string | undefined; verbose: boolean }
  | { kind: 'help' }
  | { kind: 'bad'; problem: 'unknownOption' | 'missingValue'; option: string };

/**
 * Reads `npm start -- [--script file] [--verbose] [--help]`; an unknown option or a missing value is
 * a problem to tell the person, never a stack trace.
 * @example readCli(['--script', 'demo.txt']) → { kind: 'run', script: 'demo.txt', verbose: false }
 */
export function readCli(argv: readonly string[]): CliRequest {
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        script: { type: 'string' },
        verbose: { type: 'boolean', short: 'v' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
    return values.help
      ? { kind: 'help' }
      : { kind: 'run', script: values.script, verbose: values.verbose === true };
  } catch (error) {
    // parseArgs names the option in quotes: "Unknown option '--verbose'", "Option '--script <value>' argument missing".
    const option = /'(-[^' ]+)/.exec((error as Error).message)?.[1] ?? argv.join(' ');
    const missing = (error as { code?: string }).code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE';
    return { kind: 'bad', problem: missing ? 'missingValue' : 'unknownOption', option };
  }
}
