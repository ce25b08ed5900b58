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

  it('never writes CRM credentials, however deep they sit', () => {
    const { lines, logger } = capture();
    logger.info(
      { MUSTER_SECRET_KEY: 'key-1', config: { secretKey: 'key-2', crm: { zoho: { x: 'env-3' } } } },
      'c',
    );
    logger.info(
      {
        connection: { secrets: { clientSecret: 'zs-4' }, secretsEnc: 'v1:enc-5' },
        zoho: { clientSecret: 'zs-6', refreshToken: 'rt-7', access_token: 'at-8' },
        fxiaoke: { appSecret: 'fs-9', permanentCode: 'pc-10', corpAccessToken: 'ct-11' },
        webhook: { signingSecret: 'ws-12' },
      },
      'crm',
    );
    const all = lines.join('\n');
    for (const secret of [
      'key-1',
      'key-2',
      'env-3',
      'zs-4',
      'enc-5',
      'zs-6',
      'rt-7',
      'at-8',
      'fs-9',
      'pc-10',
      'ct-11',
      'ws-12',
    ])
      expect(all).not.toContain(secret);
  });
});
