import pino, { type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';

/** CRM credentials by the names connectors, Zoho, Fxiaoke and the config give them. */
const CRM_SECRET_KEYS = [
  'secrets',
  'secretsEnc',
  'clientSecret',
  'refreshToken',
  'refresh_token',
  'client_secret',
  'appSecret',
  'permanentCode',
  'access_token',
  'corpAccessToken',
  'secretKey',
  'MUSTER_SECRET_KEY',
];

/** Anything that looks like a credential, wherever it sits in a logged object. */
export const REDACT_PATHS = [
  ...CRM_SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'adminUserToken',
  'secret',
  'password',
  'authorization',
  '*.token',
  '*.botToken',
  '*.appToken',
  '*.signingSecret',
  '*.adminUserToken',
  '*.secret',
  '*.password',
  '*.authorization',
  '*.headers.authorization',
  '*.*.token',
  '*.*.botToken',
  '*.*.appToken',
  '*.*.signingSecret',
  'config.slack',
  'config.crm',
  'config.discord',
];

export interface LoggerOptions {
  level: string;
  /** File descriptor: 1 (stdout) normally, 2 (stderr) when the console adapter owns stdout. */
  fd: 1 | 2;
  /** A file to append JSON lines to instead (the console's, so logs stay out of the conversation). */
  file?: string | undefined;
  /** Test hook: write lines here instead. */
  stream?: DestinationStream;
}

/**
 * JSON logs for machines; readable lines when a person is watching a terminal. Secrets are
 * replaced by "[redacted]" before anything is written.
 * @example const logger = createLogger({ level: 'info', fd: 1 })
 */
export function createLogger(options: LoggerOptions): Logger {
  const base = { level: options.level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } };
  if (options.stream) return pino(base, options.stream);
  const file = options.file ? openLogFile(options.file) : undefined;
  if (file) return pino(base, file);
  const isTty = options.fd === 1 ? process.stdout.isTTY : process.stderr.isTTY;
  if (isTty) return pino(base, pretty({ destination: options.fd, colorize: true, sync: true }));
  return pino(base, pino.destination({ fd: options.fd, sync: true }));
}

/**
 * The console's log file, or undefined when it cannot be opened: its folder is usually the
 * database's, and start-up then names that problem better than a stack trace from the logger.
 */
function openLogFile(path: string): DestinationStream | undefined {
  try {
    return pino.destination({ dest: path, sync: true, mkdir: true });
  } catch {
    return undefined;
  }
}
