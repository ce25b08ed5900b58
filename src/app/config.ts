import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';
import type { CrmKind } from '../core/crm.js';
import { LOCALES } from '../core/i18n/locale.js';
import type { CrmEnvironment } from '../features/crm/crm.fields.js';
import { MIN_SECRET_KEY_LENGTH } from '../features/crm/secret-box.js';

function isIanaTimezone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return value.includes('/') || value === 'UTC';
  } catch {
    return false;
  }
}

const optionalUrl = z.url({ message: 'must be a URL such as http://127.0.0.1:3000/api/' }).optional();

/**
 * The variables that can hold a CRM connection, by CRM and by the `/crm connect` form field they
 * stand in for. When a CRM's are set, `/crm connect <crm>` uses them instead of asking.
 */
export const CRM_ENV: { readonly [K in CrmKind]: Readonly<Record<string, string>> } = {
  zoho: {
    dataCenter: 'MUSTER_CRM_ZOHO_DATA_CENTER',
    clientId: 'MUSTER_CRM_ZOHO_CLIENT_ID',
    clientSecret: 'MUSTER_CRM_ZOHO_CLIENT_SECRET',
    refreshToken: 'MUSTER_CRM_ZOHO_REFRESH_TOKEN',
  },
  fxiaoke: {
    baseUrl: 'MUSTER_CRM_FXIAOKE_BASE_URL',
    appId: 'MUSTER_CRM_FXIAOKE_APP_ID',
    appSecret: 'MUSTER_CRM_FXIAOKE_APP_SECRET',
    permanentCode: 'MUSTER_CRM_FXIAOKE_PERMANENT_CODE',
    currentOpenUserId: 'MUSTER_CRM_FXIAOKE_OPEN_USER_ID',
  },
  webhook: {
    url: 'MUSTER_CRM_WEBHOOK_URL',
    signingSecret: 'MUSTER_CRM_WEBHOOK_SIGNING_SECRET',
  },
};

/** These have defaults (the data center `com`, Fxiaoke's public cloud); every other CRM variable is needed. */
const CRM_ENV_OPTIONAL = new Set(['MUSTER_CRM_ZOHO_DATA_CENTER', 'MUSTER_CRM_FXIAOKE_BASE_URL']);

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
    MUSTER_SECRET_KEY: z
      .string()
      .min(MIN_SECRET_KEY_LENGTH, {
        message: `must be at least ${MIN_SECRET_KEY_LENGTH} characters; generate one with \`openssl rand -base64 32\``,
      })
      .optional(),
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
  /** Derives the key that seals CRM secrets; without it no CRM can be connected. */
  secretKey: string | undefined;
  crm: CrmEnvironment;
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
  const crm = crmEnvironment(present);
  const problems = [
    ...(parsed.success
      ? []
      : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)),
    ...crm.problems,
  ];
  if (!parsed.success || problems.length) return { ok: false, problems };
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
      secretKey: e.MUSTER_SECRET_KEY,
      crm: crm.connections,
    },
  };
}

/**
 * The CRM connections the environment holds. A CRM's variables are all set or none (a half-set
 * group is a typo, not a choice), and they need MUSTER_SECRET_KEY, which seals them when stored.
 * Their values are checked by `/crm connect`, against the CRM's own rules.
 */
function crmEnvironment(env: Record<string, string | undefined>): {
  connections: CrmEnvironment;
  problems: string[];
} {
  const connections: { [K in CrmKind]?: Record<string, string> } = {};
  const problems: string[] = [];
  for (const [kind, fields] of Object.entries(CRM_ENV) as [CrmKind, Record<string, string>][]) {
    const names = Object.values(fields);
    const set = names.filter((name) => env[name] !== undefined);
    if (set.length === 0) continue;
    const missing = names.filter((name) => env[name] === undefined && !CRM_ENV_OPTIONAL.has(name));
    for (const name of missing) {
      problems.push(`${name}: is not set, but ${set[0]} is: set every ${kind} CRM variable, or none`);
    }
    if (!env.MUSTER_SECRET_KEY) {
      problems.push(
        `${set[0]}: is set, but MUSTER_SECRET_KEY is not: CRM secrets are stored sealed with it, so set it too`,
      );
    }
    connections[kind] = Object.fromEntries(
      Object.entries(fields).flatMap(([field, name]) => {
        const value = env[name];
        return value === undefined ? [] : [[field, value.trim()]];
      }),
    );
  }
  return { connections, problems };
}

/** Reads `.env` (if present; real environment variables win) and the process environment. */
export function readEnvironment(path = '.env'): Record<string, string | undefined> {
  loadDotenv({ path, quiet: true });
  return process.env;
}
