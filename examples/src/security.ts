/**
 * The back-office's own guards around the AdminJS router (AdminJS has no CSRF token, parses
 * multipart before its login check, never renews the session id and trusts a session for 8 h).
 */
import { randomBytes } from 'node:crypto'
import type { PrismaClient } from '@prisma/client'
import helmet from 'helmet'
import type { NextFunction, Request, RequestHandler, Response } from 'express'
import { FONT_STYLESHEET_PATH } from './fonts.js'
import type { Logger } from './logger.js'

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * Parameters AdminJS never sends, refused before anything reads them: a NUL character anywhere, a
 * parameter given twice or in brackets (Express would hand over an array or an object, not text),
 * a sort that is not a field name, a direction, page or page size that is not one.
 */
export function refuseOddParameters(): RequestHandler {
  return (req, res, next) => {
    const query = req.query as Record<string, unknown>
    const malformed = (name: string, pattern: RegExp) => query[name] !== undefined && !pattern.test(String(query[name]))
    const odd =
      /%00/i.test(req.originalUrl) ||
      Object.values(query).some((value) => typeof value !== 'string') ||
      malformed('sortBy', /^[A-Za-z_][A-Za-z0-9_]{0,63}$/) ||
      malformed('direction', /^(asc|desc)$/) ||
      malformed('page', /^\d{1,6}$/) ||
      malformed('perPage', /^\d{1,3}$/)
    if (odd) {
      res.status(400).type('text/plain; charset=utf-8').send('Requête invalide : paramètre en double, vide de sens ou caractère nul.')
      return
    }
    next()
  }
}

/**
 * CSRF: a state-changing request from a browser must come from this very origin (scheme, host and
 * port). Browsers send Origin (and Sec-Fetch-Site) on every cross-origin POST; clients that send
 * neither (scripts, curl) are not browsers and carry no one's cookies by accident.
 */
export function sameOriginOnly(logger: Logger): RequestHandler {
  return (req, res, next) => {
    if (!STATE_CHANGING.has(req.method)) return next()
    const site = req.get('sec-fetch-site')
    const origin = req.get('origin')
    const expected = `${req.protocol}://${req.get('host')}`
    // Sec-Fetch-Site is set by the browser itself and is the better witness (a form posted under a
    // strict referrer policy says Origin: null); Origin decides for browsers that do not send it.
    const refused = site !== undefined ? site !== 'same-origin' && site !== 'none' : origin !== undefined && origin !== expected
    if (refused) {
      logger.warn({ origin, site, path: req.path }, 'cross-origin request refused')
      res.status(403).type('text/plain; charset=utf-8').send('Requête refusée : elle ne vient pas de ce back-office.')
      return
    }
    next()
  }
}

type SessionUser = { id: string; role: string; v?: number }
type WithSession = Request & { session?: { adminUser?: SessionUser; regenerate(cb: (error?: unknown) => void): void; destroy(cb: (error?: unknown) => void): void } }

type Authenticate<U> = (email: string, password: string, context?: { req: Request; res: Response }) => Promise<U | null>

/**
 * A new session id at every successful login, whichever path reached AdminJS's login route
 * (/admin/login/, /ADMIN/LOGIN…): the session is renewed where the credentials are accepted, so a
 * session id planted before login is worth nothing after it. Where to go next is kept.
 */
export function renewSessionOnLogin<U>(authenticate: Authenticate<U>): Authenticate<U> {
  return async (email, password, context) => {
    const user = await authenticate(email, password, context)
    const req = context?.req as (WithSession & { session?: { redirectTo?: string } }) | undefined
    if (!user || !req?.session) return user
    const redirectTo = req.session.redirectTo
    await new Promise<void>((resolve, reject) => req.session!.regenerate((error) => (error ? reject(error) : resolve())))
    if (redirectTo) req.session.redirectTo = redirectTo
    return user
  }
}

/**
 * Every request checks the session against the user as they are now: deleted, deactivated, another
 * role or any change to the account (password included: `updatedAt` moves) ends the session.
 */
export function currentUserOnly(prisma: PrismaClient, loginPath: string): RequestHandler {
  return async (req: WithSession, res: Response, next: NextFunction) => {
    const sessionUser = req.session?.adminUser
    if (!sessionUser) return next()
    try {
      const user = await prisma.user.findUnique({ where: { id: sessionUser.id }, select: { actif: true, role: true, updatedAt: true } })
      if (user && user.actif && user.role === sessionUser.role && user.updatedAt.getTime() === sessionUser.v) return next()
      req.session!.destroy(() => {
        if (req.originalUrl.includes('/api/')) res.status(401).json({ error: 'Session expirée : reconnectez-vous.' })
        else res.redirect(loginPath)
      })
    } catch (error) {
      next(error)
    }
  }
}

/**
 * Security headers (helmet) with a Content Security Policy: scripts only from this origin, plus
 * AdminJS's own inline scripts, which get this response's nonce; no third-party origin at all
 * (AdminJS's Google Fonts stylesheet is replaced by the same Roboto served by this app, fonts.ts).
 * Styles allow inline: AdminJS's styled-components write them at run time.
 */
export function securityHeaders(production: boolean): RequestHandler[] {
  const nonce: RequestHandler = (_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString('base64')
    next()
  }
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(production ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: production,
    referrerPolicy: { policy: 'same-origin' },
  })
  /**
   * AdminJS writes its pages itself: on their way out its <script> tags get the nonce, and its
   * Google Fonts stylesheet becomes this app's own (the browser would ask a third party on every page).
   */
  const rewritePages: RequestHandler = (_req, res, next) => {
    const send = res.send.bind(res)
    res.send = ((body: unknown) =>
      send(
        typeof body === 'string' && body.includes('<script')
          ? body
              .replace(/<script(?=[\s>])/g, `<script nonce="${res.locals.cspNonce}"`)
              .replace(/<link[^>]+fonts\.googleapis\.com[^>]*>/g, `<link rel="stylesheet" href="${FONT_STYLESHEET_PATH}" type="text/css">`)
          : body,
      )) as Response['send']
    next()
  }
  return [nonce, headers, rewritePages]
}
