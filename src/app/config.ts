import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';
import { LOCALES } from '../core/i18n/locale.js';

function isIanaTimezone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return value.includes('/') || value === 'UTC';
  } catch {
    return false;
  }
}

const optionalUrl = z.url({ message: 'must be a URL such as http://127.0.0.1:3000/api/' }).optional();

const schema = z
  .object({
    MUSTER_DB_PATH: z.string().min(1).default('./data/muster.db'),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        message: 'must be one of fatal, error, warn, info, debug, trace, silent',
      })
      .default('info'),
    MUSTER_DEFAULT_TIMEZONE: z
      .string()
      .refine(isIanaTimezone, {
        error: (issue) =>
          `"${String(issue.input)}" is not an IANA timezone; use a name such as Asia/Shanghai, Europe/London or UTC`,
      })
      .default('UTC'),
    MUSTER_DEFAULT_LOCALE: z.enum(LOCALES, { message: 'must be en or zh-CN' }).default('en'),
    MUSTER_HTTP_PORT: z.coerce
      .number({ message: 'must be a port number (0 turns the HTTP server off)' })
      .int({ message: 'must be a whole port number' })
      .min(0, { message: 'must be between 0 and 65535' })
      .max(65535, { message: 'must be between 0 and 65535' })
      .default(8080),
    MUSTER_CATCHUP_MINUTES: z.coerce
      .number({ message: 'must be a number of minutes' })
      .int({ message: 'must be a whole number of minutes' })
      .min(0, { message: 'must be between 0 and 1440' })
      .max(1440, { message: 'must be between 0 and 1440' })
      .default(120),
    SLACK_BOT_TOKEN: z
      .string()
      .startsWith('xoxb-', { message: 'must start with xoxb- (the Bot User OAuth Token)' })
      .optional(),
    SLACK_APP_TOKEN: z
      .string()
      .startsWith('xapp-', { message: 'must start with xapp- (an app-level token with connections:write)' })
      .optional(),
    SLACK_SIGNING_SECRET: z.string().min(1).optional(),
    SLACK_API_URL: optionalUrl,
    SLACK_ADMIN_USER_TOKEN: z
      .string()
      .startsWith('xoxp-', { message: 'must start with xoxp- (a user token of a workspace admin)' })
      .optional(),
    DISCORD_TOKEN: z.string().min(1).optional(),
    DISCORD_GUILD_ID: z
      .string()
      .regex(/^\d+$/, { message: 'must be a numeric server (guild) id' })
      .optional(),
    DISCORD_API_URL: optionalUrl,
  })
  .superRefine((env, ctx) => {
    if (env.SLACK_BOT_TOKEN && !env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_BOT_TOKEN'],
        message:
          'is set, but neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP events) is: set one of them',
      });
    }
    if (
      env.SLACK_BOT_TOKEN &&
      !env.SLACK_APP_TOKEN &&
      env.SLACK_SIGNING_SECRET &&
      env.MUSTER_HTTP_PORT === 0
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['MUSTER_HTTP_PORT'],
        message:
          'is 0, but Slack HTTP events (SLACK_SIGNING_SECRET without SLACK_APP_TOKEN) need a port to listen on',
      });
    }
    for (const key of [
      'SLACK_APP_TOKEN',
      'SLACK_SIGNING_SECRET',
      'SLACK_API_URL',
      'SLACK_ADMIN_USER_TOKEN',
    ] as const) {
      if (env[key] && !env.SLACK_BOT_TOKEN) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: 'is set, but SLACK_BOT_TOKEN is not: set the bot token too',
        });
      }
    }
    for (const key of ['DISCORD_GUILD_ID', 'DISCORD_API_URL'] as const) {
      if (env[key] && !env.DISCORD_TOKEN) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: 'is set, but DISCORD_TOKEN is not: set the bot token too',
        });
      }
    }
  });

export interface SlackConfig {
  botToken: string;
  appToken: string | undefined;
  signingSecret: string | undefined;
  apiUrl: string | undefined;
  adminUserToken: string | undefined;
}

export interface DiscordConfig {
  token: string;
  guildId: string | undefined;
  apiUrl: string | undefined;
}

/** Muster's settings, parsed once at start-up. */
export interface Config {
  dbPath: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  defaultTimezone: string;
  defaultLocale: (typeof LOCALES)[number];
  httpPort: number;
  /** Scheduled posts missed by less than this (downtime) still go out, late; older ones are skipped. */
  catchUpMinutes: number;
  slack: SlackConfig | undefined;
  discord: DiscordConfig | undefined;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

/**
 * Validates an environment. Empty values count as unset, so a copied `.env.example` works as is.
 * @example parseConfig({ MUSTER_DEFAULT_TIMEZONE: 'Mars/Base' }) → { ok: false, problems: ['MUSTER_DEFAULT_TIMEZONE: "Mars/Base" is not an IANA timezone; …'] }
 */
export function parseConfig(env: Record<string, string | undefined>): ConfigResult {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''),
  );
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    };
  }
  const e = parsed.data;
  return {
    ok: true,
    config: {
      dbPath: e.MUSTER_DB_PATH,
      logLevel: e.LOG_LEVEL,
      defaultTimezone: e.MUSTER_DEFAULT_TIMEZONE,
      defaultLocale: e.MUSTER_DEFAULT_LOCALE,
      httpPort: e.MUSTER_HTTP_PORT,
      catchUpMinutes: e.MUSTER_CATCHUP_MINUTES,
      slack: e.SLACK_BOT_TOKEN
        ? {
            botToken: e.SLACK_BOT_TOKEN,
            appToken: e.SLACK_APP_TOKEN,
            signingSecret: e.SLACK_SIGNING_SECRET,
            apiUrl: e.SLACK_API_URL,
            adminUserToken: e.SLACK_ADMIN_USER_TOKEN,
          }
        : undefined,
      discord: e.DISCORD_TOKEN
        ? { token: e.DISCORD_TOKEN, guildId: e.DISCORD_GUILD_ID, apiUrl: e.DISCORD_API_URL }
        : undefined,
    },
  };
}

/** Reads `.env` (if present; real environment variables win) and the process environment. */
export function readEnvironment(path = '.env'): Record<string, string | undefined> {
  loadDotenv({ path, quiet: true });
  return process.env;
}
