/**
 * GET <path of qontoOAuth.redirectUri>?code&state — where Qonto sends the browser back. Mounted by
 * the host OUTSIDE the admin's session guard: the session cookie (SameSite=Strict) is not sent on a
 * navigation that comes from qonto.com, so the single-use, 10-minute `state` (bound to the admin who
 * started, and to their browser by a SameSite=Lax cookie limited to this path) authenticates it. The answer is a same-origin page that then opens the panel (a redirect
 * would still count as cross-site and land on the login page).
 */
import { serverTexts } from '../i18n/server-texts.js'
import { Router, type Response } from 'express'
import type { ReconciliationContext } from '../context.js'
import { completeOAuth, OAUTH_BINDING_COOKIE, OAUTH_STATE_TTL_MS, QontoConnectionError } from '../feed/qonto-connection.service.js'

export const QONTO_CONNECTION_PAGE = 'connexionQonto'

export function createQontoOAuthRouter(ctx: ReconciliationContext): Router {
  const router = Router()
  const app = ctx.qontoOAuth
  if (!app) return router
  const path = new URL(app.redirectUri).pathname
  router.get(path, async (req, res) => {
    const query = req.query as Record<string, unknown>
    let ok = false
    let message: string
    try {
      const binding = cookieOf(req.headers.cookie, OAUTH_BINDING_COOKIE)
      res.clearCookie(OAUTH_BINDING_COOKIE, { path })
      const view = await completeOAuth(ctx, { code: query.code, state: query.state, error: query.error, binding })
      ok = true
      message = serverTexts({ language: ctx.panelLanguage }).connection.oauthConnected(view.connection?.organizationName ?? null)
    } catch (error) {
      if (!(error instanceof QontoConnectionError)) ctx.logger.error({ err: error }, 'Qonto OAuth callback failed')
      message = error instanceof QontoConnectionError ? error.in(ctx.panelLanguage.current) : serverTexts({ language: ctx.panelLanguage }).connection.oauthFailed
    }
    const page = `${ctx.rootPath}/pages/${QONTO_CONNECTION_PAGE}`
    const T = serverTexts({ language: ctx.panelLanguage }).connection
    res
      .status(ok ? 200 : 400)
      .set({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' })
      .type('html')
      .send(
        `<!doctype html><html lang="${ctx.panelLanguage.current}"><head><meta charset="utf-8"><meta http-equiv="refresh" content="${ok ? 1 : 8};url=${escape(page)}"><title>${escape(T.title)}</title></head>` +
          `<body style="font-family:sans-serif;max-width:40rem;margin:3rem auto"><h1>${escape(T.title)}</h1><p data-testid="oauth-result">${escape(message)}</p>` +
          `<p><a href="${escape(page)}">${escape(T.back)}</a></p></body></html>`,
      )
  })
  return router
}

/** One cookie's value from a Cookie header (no cookie parser in the chain). */
function cookieOf(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=')
    if (key === name) return value.join('=')
  }
  return undefined
}

/**
 * Gives the browser that starts the flow its binding: a cookie sent back only to the callback, on the
 * top-level navigation from Qonto (SameSite=Lax), for as long as the state lives.
 */
export function setOAuthBindingCookie(res: Response, redirectUri: string, binding: string): void {
  res.cookie(OAUTH_BINDING_COOKIE, binding, {
    httpOnly: true,
    sameSite: 'lax',
    secure: new URL(redirectUri).protocol === 'https:',
    path: new URL(redirectUri).pathname,
    maxAge: OAUTH_STATE_TTL_MS,
  })
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
