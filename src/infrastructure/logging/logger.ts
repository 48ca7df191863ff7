import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';

/** The CLI logs to stderr so that a command's stdout (CSV, JSON lines) stays clean. */
export function createRootLogger(
  level = process.env.LOG_LEVEL ?? 'info',
  toStderr = process.env.LOG_TO_STDERR === '1',
): Logger {
  return pino(
    { level, base: { service: 'yuqing-sentinel' }, timestamp: pino.stdTimeFunctions.isoTime },
    pino.destination(toStderr ? 2 : 1),
  );
}

let root: Logger | null = null;
export function rootLogger(): Logger {
  root ??= createRootLogger();
  return root;
}

/** Nest's logger interface over pino: one JSON line per event, with the Nest context as `ctx`. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger = rootLogger()) {}
  log(message: unknown, context?: string) {
    this.logger.info({ ctx: context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ ctx: context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ ctx: context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ ctx: context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ ctx: context }, String(message));
  }
}
