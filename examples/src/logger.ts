import { pino, type Logger, type LoggerOptions } from 'pino'
import pretty from 'pino-pretty'

export type { Logger }

export type LogFormat = 'json' | 'pretty'

/**
 * JSON lines in production (for the log collector); readable lines in development
 * (`10:42:07 INFO  back-office ready url=…`). LOG_FORMAT=json|pretty overrides.
 */
export function logFormat(env: NodeJS.ProcessEnv = process.env): LogFormat {
  if (env.LOG_FORMAT === 'json' || env.LOG_FORMAT === 'pretty') return env.LOG_FORMAT
  return env.NODE_ENV === 'production' ? 'json' : 'pretty'
}

/** Secrets and credentials are redacted wherever they appear in a logged object, in both formats. */
export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info', format: LogFormat = logFormat()): Logger {
  const options: LoggerOptions = {
    level,
    base: { service: 'qonto-reconcile' },
    redact: {
      paths: [
        'password', '*.password', 'passwordHash', '*.passwordHash', 'secret', '*.secret',
        'headers.authorization', '*.headers.authorization', 'headers["x-qonto-signature"]',
        'req.headers.cookie', 'req.headers.authorization',
      ],
      censor: '[secret]',
    },
  }
  if (format === 'json' || level === 'silent') return pino(options)
  // In this thread and synchronous: nothing is lost when the process exits right after a line.
  return pino(options, pretty({ sync: true, colorize: Boolean(process.stdout.isTTY), translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service', singleLine: true }))
}
