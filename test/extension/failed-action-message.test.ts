/**
 * A failed request from the panel is never silent: whatever went wrong (no answer, no network, the
 * session gone, a 500 behind a host's middleware), the component shows a sentence in the panel's
 * language saying what happened and what to do (issue 19: « any failed action shows a message »).
 */
import { afterEach, describe, expect, it, vi } from 'vitest'

const failures = {
  timeout: { code: 'ECONNABORTED' },
  network: { message: 'Network Error' },
  session: { response: { status: 401 } },
  forbidden: { response: { status: 403 } },
  server: { response: { status: 500 } },
}

async function messagesIn(language: string | undefined) {
  vi.resetModules()
  if (language) (globalThis as { REDUX_STATE?: unknown }).REDUX_STATE = { locale: { language } }
  const { failureMessage } = await import('../../src/components/action-request.js')
  return Object.fromEntries(Object.entries(failures).map(([name, failure]) => [name, failureMessage(failure)]))
}

describe('what the panel says when an action fails', () => {
  afterEach(() => {
    delete (globalThis as { REDUX_STATE?: unknown }).REDUX_STATE
  })

  it('in French by default: a sentence for each way it fails, the status named for a server error', async () => {
    const said = await messagesIn(undefined)
    expect(said.timeout).toMatch(/^Le serveur ne répond pas/)
    expect(said.network).toMatch(/^Le serveur est injoignable/)
    expect(said.session).toMatch(/^Session expirée/)
    expect(said.forbidden).toBe(said.session)
    expect(said.server).toMatch(/erreur 500/)
    expect(new Set(Object.values(said)).size).toBe(4)
  })

  it("in English on an English host", async () => {
    const said = await messagesIn('en')
    expect(said.timeout).toMatch(/^The server does not answer/)
    expect(said.network).toMatch(/^The server cannot be reached/)
    expect(said.server).toMatch(/error 500/)
  })
})
