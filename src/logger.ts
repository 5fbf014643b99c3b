/** The logger the extension writes to: pino's shape (object first, then message); the host passes its own. */
export interface Logger {
  debug(obj: object, msg?: string): void
  info(obj: object | string, msg?: string): void
  warn(obj: object | string, msg?: string): void
  error(obj: object | string, msg?: string): void
}

/** Without a host logger: warnings and errors to stderr as JSON lines, nothing else. */
export const defaultLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: (obj, msg) => process.stderr.write(`${JSON.stringify({ level: 'warn', service: 'qonto-reconcile', msg, ...(typeof obj === 'string' ? { msg: obj } : serialise(obj)) })}\n`),
  error: (obj, msg) => process.stderr.write(`${JSON.stringify({ level: 'error', service: 'qonto-reconcile', msg, ...(typeof obj === 'string' ? { msg: obj } : serialise(obj)) })}\n`),
}

function serialise(obj: object): object {
  const { err, ...rest } = obj as { err?: unknown }
  return err instanceof Error ? { ...rest, err: err.message } : obj
}

export const silentLogger: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined }
