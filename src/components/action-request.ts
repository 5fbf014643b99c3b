/**
 * How the extension's components post to its actions, whatever body parsers the host mounted
 * around the AdminJS router. A host's global `express.json()` or `express.urlencoded()` would read
 * a JSON or form body before AdminJS (Express 4: @adminjs/express then answers 500 "old body-parser";
 * Express 5: the admin's form parser waits forever). So the body is JSON under a media type of the
 * extension's own: those parsers only read `application/json` and `application/x-www-form-urlencoded`
 * (their defaults) and leave it to AdminJS's parser (formidable), which reads any `…json` type.
 * Not multipart: a host may refuse uploads before its admin (the reference host does).
 */
import { panelTexts } from './i18n/texts.js'

const T = panelTexts().actionRequest

export const ACTION_CONTENT_TYPE = 'application/vnd.qonto-reconcile+json'
/** A server that does not answer within this is reported, not waited for forever. */
const TIMEOUT_MS = 60_000

/** The body: the command as one JSON string field (`body`), which src/admin/actions/request-body.ts reads. */
export const actionRequestBody = (command: unknown): string => JSON.stringify({ body: JSON.stringify(command ?? {}) })

/** What to spread into an ApiClient call (recordAction, resourceAction, bulkAction) to POST a command. */
export function postCommand(command: unknown = {}) {
  return {
    method: 'post' as const,
    data: actionRequestBody(command),
    headers: { 'Content-Type': ACTION_CONTENT_TYPE },
    timeout: TIMEOUT_MS,
  }
}

/** The same for an action that reads flat fields (`request.payload.<name>`). */
export function postFields(fields: Record<string, string>) {
  return { method: 'post' as const, data: JSON.stringify(fields), headers: { 'Content-Type': ACTION_CONTENT_TYPE }, timeout: TIMEOUT_MS }
}

/** A failed request in the panel's language: never a silent failure. */
export function failureMessage(error: unknown): string {
  const { response, code } = (error ?? {}) as { response?: { status: number }; code?: string }
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') return T.leServeurNeRepond
  if (!response) return T.leServeurEstInjoignable
  const status = response.status
  if (status === 401 || status === 403) return T.sessionExpireeOuAcces
  return T.refused(status)
}

/**
 * A screen that could not load: `forbidden` (« Réservé aux administrateurs. ») only when the server
 * said 403, else what really went wrong (no answer, no network, the session gone, a server error).
 */
export function loadFailureMessage(error: unknown, forbidden: string): string {
  const status = ((error ?? {}) as { response?: { status?: number } }).response?.status
  return status === 403 ? forbidden : failureMessage(error)
}
