import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig, readEnvironment } from './config.js';

describe('parseConfig', () => {
  it('starts with no environment at all: console defaults', () => {
    expect(parseConfig({})).toEqual({
      ok: true,
      config: {
        dbPath: './data/muster.db',
        catchUpMinutes: 120,
        logLevel: 'info',
        defaultTimezone: 'UTC',
        defaultLocale: 'en',
        httpPort: 8080,
        slack: undefined,
        discord: undefined,
        secretKey: undefined,
        crm: {},
      },
    });
  });

  it('treats empty values as unset, as in a copied .env.example', () => {
    expect(parseConfig({ SLACK_BOT_TOKEN: '', MUSTER_HTTP_PORT: ' ' })).toMatchObject({
      ok: true,
      config: { httpPort: 8080, slack: undefined },
    });
  });

  it('names the variable of an invalid timezone', () => {
    const result = parseConfig({ MUSTER_DEFAULT_TIMEZONE: 'Mars/Olympus' });
    expect(result).toEqual({
      ok: false,
      problems: [
        'MUSTER_DEFAULT_TIMEZONE: "Mars/Olympus" is not an IANA timezone; use a name such as Asia/Shanghai, Europe/London or UTC',
      ],
    });
  });

  it('reports every problem, one line each', () => {
    const result = parseConfig({
      MUSTER_DEFAULT_LOCALE: 'fr',
      MUSTER_HTTP_PORT: 'eighty',
      LOG_LEVEL: 'loud',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent',
      'MUSTER_DEFAULT_LOCALE: must be en or zh-CN',
      'MUSTER_HTTP_PORT: must be a port number (0 turns the HTTP server off)',
    ]);
  });

  it('accepts zh-CN, a real zone, and port 0', () => {
    expect(
      parseConfig({
        MUSTER_DEFAULT_LOCALE: 'zh-CN',
        MUSTER_DEFAULT_TIMEZONE: 'Asia/Shanghai',
        MUSTER_HTTP_PORT: '0',
      }),
    ).toMatchObject({
      ok: true,
      config: { defaultLocale: 'zh-CN', defaultTimezone: 'Asia/Shanghai', httpPort: 0 },
    });
  });

  it('refuses a Slack bot token without a way to receive events', () => {
    expect(parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1' })).toEqual({
      ok: false,
      problems: [
        'SLACK_BOT_TOKEN: is set, but neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP events) is: set one of them',
      ],
    });
    expect(parseConfig({ SLACK_BOT_TOKEN: 'xoxp-1', SLACK_SIGNING_SECRET: 's' })).toMatchObject({
      ok: false,
      problems: ['SLACK_BOT_TOKEN: must start with xoxb- (the Bot User OAuth Token)'],
    });
    expect(parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' })).toMatchObject({
      ok: true,
      config: { slack: { botToken: 'xoxb-1', appToken: 'xapp-1' } },
    });
  });

  it('refuses platform options without their token', () => {
    expect(parseConfig({ DISCORD_GUILD_ID: '123' })).toEqual({
      ok: false,
      problems: ['DISCORD_GUILD_ID: is set, but DISCORD_TOKEN is not: set the bot token too'],
    });
  });

  it('wants a secret key long enough to derive the CRM key from', () => {
    expect(parseConfig({ MUSTER_SECRET_KEY: 'short' })).toEqual({
      ok: false,
      problems: [
        'MUSTER_SECRET_KEY: must be at least 32 characters; generate one with `openssl rand -base64 32`',
      ],
    });
    const key = 'x'.repeat(44);
    expect(parseConfig({ MUSTER_SECRET_KEY: key })).toMatchObject({ ok: true, config: { secretKey: key } });
  });

  it('reads a CRM connection from the environment, all of its variables or none, with the secret key', () => {
    const key = 'x'.repeat(44);
    expect(
      parseConfig({
        MUSTER_SECRET_KEY: key,
        MUSTER_CRM_WEBHOOK_URL: 'https://crm.example.com/hooks/muster',
        MUSTER_CRM_WEBHOOK_SIGNING_SECRET: ' whsec_0123456789abcdef ',
      }),
    ).toMatchObject({
      ok: true,
      config: {
        crm: {
          webhook: { url: 'https://crm.example.com/hooks/muster', signingSecret: 'whsec_0123456789abcdef' },
        },
      },
    });
    // The data center has a default; the three credentials do not.
    expect(parseConfig({ MUSTER_SECRET_KEY: key, MUSTER_CRM_ZOHO_CLIENT_ID: '1000.ABC' })).toEqual({
      ok: false,
      problems: [
        'MUSTER_CRM_ZOHO_CLIENT_SECRET: is not set, but MUSTER_CRM_ZOHO_CLIENT_ID is: set every zoho CRM variable, or none',
        'MUSTER_CRM_ZOHO_REFRESH_TOKEN: is not set, but MUSTER_CRM_ZOHO_CLIENT_ID is: set every zoho CRM variable, or none',
      ],
    });
    expect(
      parseConfig({ MUSTER_CRM_WEBHOOK_URL: 'https://x.example', MUSTER_CRM_WEBHOOK_SIGNING_SECRET: 's' }),
    ).toEqual({
      ok: false,
      problems: [
        'MUSTER_CRM_WEBHOOK_URL: is set, but MUSTER_SECRET_KEY is not: CRM secrets are stored sealed with it, so set it too',
      ],
    });
  });

  it('reads a .env file, and real environment variables win over it', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'muster-env-')), '.env');
    writeFileSync(file, 'MUSTER_TEST_FROM_FILE=file\nMUSTER_TEST_BOTH=file\n');
    process.env.MUSTER_TEST_BOTH = 'process';
    const env = readEnvironment(file);
    expect(env.MUSTER_TEST_FROM_FILE).toBe('file');
    expect(env.MUSTER_TEST_BOTH).toBe('process');
    delete process.env.MUSTER_TEST_FROM_FILE;
    delete process.env.MUSTER_TEST_BOTH;
  });
});
