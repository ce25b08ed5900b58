import type { Logger } from '../core/ports.js';

/**
 * Logs whatever escapes every listener's own handling (a library throwing inside its socket
 * callback, a promise nobody awaited) and keeps the process serving: one bad event must not stop
 * the bot for everyone. Installed before any adapter starts, so nothing an adapter does escapes it.
 * @example guardProcess(process, logger, (kind) => metrics.error(kind))
 */
export function guardProcess(
  target: Pick<NodeJS.Process, 'on'>,
  logger: Logger,
  count: (kind: 'unhandled_rejection' | 'uncaught_exception') => void,
): void {
  target.on('unhandledRejection', (reason: unknown) => {
    count('unhandled_rejection');
    logger.error({ err: reason }, 'unhandled rejection; Muster keeps running');
  });
  target.on('uncaughtException', (err: Error) => {
    count('uncaught_exception');
    logger.error({ err }, 'uncaught exception; Muster keeps running');
  });
}
