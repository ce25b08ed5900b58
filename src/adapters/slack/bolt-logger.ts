import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from '../../core/ports.js';

/** Bolt's logger interface over Muster's, so Bolt's lines get the same format and redaction. */
export function boltLogger(logger: Logger): SlackLogger {
  let level = LogLevel.INFO;
  const line = (parts: unknown[]) => ({
    source: 'bolt',
    detail: parts
      .map((p) => (p instanceof Error ? p.message : typeof p === 'string' ? p : JSON.stringify(p)))
      .join(' '),
  });
  return {
    debug: (...parts) => logger.debug(line(parts), 'bolt'),
    info: (...parts) => logger.info(line(parts), 'bolt'),
    warn: (...parts) => logger.warn(line(parts), 'bolt'),
    error: (...parts) => logger.error(line(parts), 'bolt'),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
