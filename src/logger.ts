/** The logger the extension writes to: pino's shape (object first, then message); the host passes its own. */
export interface Logger {
  debug(obj: object, msg?: string): void
  info(obj: object | string, msg?: string): void
  warn(obj: object | string, msg?: string): void
  error(obj: object | string, msg?: string): void
}

const toStderr =
  (level: 'warn' | 'error') =>
  (obj: object | string, msg?: string): void =>
    void process.stderr.write(`${JSON.stringify({ level, service: 'qonto-reconcile', msg, ...(typeof obj === 'string' ? { msg: obj } : serialise(obj)) })}\n`)

/** Without a host logger: warnings and errors to stderr as JSON lines, nothing else. */
export const defaultLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: toStderr('warn'),
  error: toStderr('error'),
}

function serialise(obj: object): object {
  const { err, ...rest } = obj as { err?: unknown }
  return err instanceof Error ? { ...rest, err: err.message } : obj
}

export const silentLogger: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined }
