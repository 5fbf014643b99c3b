import type { ActionRequest } from 'adminjs'

/** Components send `{ body: JSON }` so nested arrays survive AdminJS's form parsing. */
export function readBody(request: ActionRequest): unknown {
  const raw = request.payload?.body
  if (typeof raw !== 'string') return raw
  try {
    return JSON.parse(raw)
  } catch {
    return null
  }
}
