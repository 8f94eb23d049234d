// Structured JSON logs on standard error (standard output stays free for the CLI's own lines).
import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function createLogger(level: LogLevel = 'info'): Logger {
  return pino({ level, base: { name: 'techspec' } }, pino.destination({ dest: 2, sync: false }));
}

/** A logger that writes nothing: the default for an app made in a test. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
