import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _e, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: createLogger({ level: 'info', fd: 1, stream }) };
}

describe('logger', () => {
  it('never writes tokens or secrets', () => {
    const { lines, logger } = capture();
    logger.info(
      { token: 'xoxb-secret-1', slack: { botToken: 'xoxb-secret-2', signingSecret: 'sig-3' } },
      'starting',
    );
    logger.info({ request: { headers: { authorization: 'Bearer secret-4' } } }, 'call');
    logger.info({ config: { slack: { appToken: 'xapp-secret-5' }, dbPath: './data/muster.db' } }, 'config');
    const all = lines.join('\n');
    for (const secret of ['xoxb-secret-1', 'xoxb-secret-2', 'sig-3', 'secret-4', 'xapp-secret-5'])
      expect(all).not.toContain(secret);
    expect(all).toContain('[redacted]');
    expect(all).toContain('./data/muster.db');
  });
});
