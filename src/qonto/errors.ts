export class QontoError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly traceId?: string,
  ) {
    super(traceId ? `${message} (trace_id ${traceId})` : message)
  }
}

/** 401/403: wrong or revoked credentials. Never retried (Qonto throttles repeated 401s). */
export class QontoAuthError extends QontoError {}

/** The response did not have the documented shape. */
export class QontoResponseError extends QontoError {}

/** Missing QONTO_* settings, with the list of what is missing. */
export class QontoConfigError extends Error {}
