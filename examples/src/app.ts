import express, { type ErrorRequestHandler, type Express } from 'express'
import session from 'express-session'
import { rateLimit } from 'express-rate-limit'
import AdminJSExpress from '@adminjs/express'
import { PrismaSessionStore } from '@quixo3/prisma-session-store'
import { randomBytes } from 'node:crypto'
import type { AppConfig } from './config.js'
import type { Database } from './database.js'
import type { Logger } from './logger.js'
import { buildAdmin } from './admin/admin.js'
import { createAuthenticate } from './admin/auth.js'
import { favicon } from './favicon.js'
import { fontRoutes } from './fonts.js'
import { PANEL_STYLESHEET_PATH, panelStylesheet } from './panel-css.js'
import { panelAssets } from './panel-assets.js'
import { currentUserOnly, refuseOddParameters, renewSessionOnLogin, sameOriginOnly, securityHeaders } from './security.js'
import { readBodiesAfterSession } from './request-bodies.js'
import { validListParameters } from './list-parameters.js'

export interface AppDeps {
  db: Database
  config: AppConfig
  logger: Logger
  /** QONTO_* settings source (process.env by default; tests pass their own). */
  env?: NodeJS.ProcessEnv
}

export interface App {
  app: Express
  admin: ReturnType<typeof buildAdmin>['admin']
  reconciliation: ReturnType<typeof buildAdmin>['reconciliation']
  /** Reads, hashes and compresses the panel's scripts (once the components bundle is built) before the first page asks. */
  warmPanelAssets(): Promise<void>
  close(): Promise<void>
}

const SESSION_COOKIE = 'qr.sid'

/**
 * A list or search parameter the database could not read (text for a number, an impossible date):
 * the request was wrong, not the server. Prisma says so with a validation error, PostgreSQL with 22xxx.
 */
function isBadInput(error: unknown): boolean {
  const { name, message, code } = error as { name?: string; message?: string; code?: string }
  return name === 'PrismaClientValidationError' || /^22/.test(code ?? '') || /invalid input (syntax|value)|out of range|invalid byte sequence/i.test(message ?? '')
}

export function createApp({ db, config, logger, env = process.env }: AppDeps): App {
  const { admin, reconciliation } = buildAdmin(db, config, logger, env)
  const app = express()
  app.disable('x-powered-by')
  // The client's address and scheme come from X-Forwarded-* only behind proxies the configuration names.
  app.set('trust proxy', config.trustProxy)
  // Qonto's webhook first, as the README says: a machine-to-machine POST needing none of the panel's
  // browser headers, session, fonts or assets; its router reads the raw body the signature covers.
  app.use(reconciliation.webhookRouter)
  app.use(securityHeaders(config.isProduction))

  app.use(fontRoutes())
  app.get('/favicon.ico', favicon)
  app.get(PANEL_STYLESHEET_PATH, panelStylesheet)
  // AdminJS's production scripts, compressed, cached for good under hashed addresses (panel-assets.ts);
  // before the session: a script needs no database lookup.
  const assets = config.PANEL_BUNDLES === 'production' ? panelAssets() : null
  if (assets) app.use(admin.options.rootPath, assets.serve, assets.versionPages)

  app.get('/healthz', async (_req, res) => {
    try {
      await db.sql.query('SELECT 1')
      res.json({ status: 'ok', database: db.kind })
    } catch (error) {
      logger.error({ err: error }, 'healthcheck: database unreachable')
      res.status(503).json({ status: 'unavailable', database: db.kind })
    }
  })

  // Qonto's OAuth callback, outside the admin's session guard: the browser comes from qonto.com
  // (no SameSite=Strict cookie); the single-use state authenticates it.
  app.use(reconciliation.qontoOAuthRouter)

  app.post(
    `${admin.options.loginPath}`,
    rateLimit({
      windowMs: 15 * 60 * 1000,
      limit: config.LOGIN_MAX_ATTEMPTS,
      skipSuccessfulRequests: true,
      requestWasSuccessful: (_req, res) => res.statusCode === 302,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      // X-Forwarded-For from an untrusted client is ignored on purpose (TRUST_PROXY names the proxies).
      validate: { xForwardedForHeader: false },
      handler: (req, res) => {
        logger.warn({ ip: req.ip }, 'login throttled')
        res
          .status(429)
          .type('text/plain; charset=utf-8')
          .send('Trop de tentatives de connexion. Réessayez dans 15 minutes.')
      },
    }),
  )

  const store = new PrismaSessionStore(db.prisma as never, {
    checkPeriod: 10 * 60 * 1000,
    dbRecordIdIsSessionId: true,
    logger: false,
  })
  const cookieSecret = config.SESSION_SECRET ?? randomBytes(32).toString('hex')
  const sessionOptions = {
    store,
    resave: false,
    saveUninitialized: false,
    secret: cookieSecret,
    name: SESSION_COOKIE,
    cookie: { httpOnly: true, secure: config.isProduction, sameSite: 'strict', maxAge: 8 * 60 * 60 * 1000 },
  } satisfies session.SessionOptions
  const adminRouter = AdminJSExpress.buildAuthenticatedRouter(
    admin,
    { authenticate: renewSessionOnLogin(createAuthenticate(db.prisma)), cookieName: SESSION_COOKIE, cookiePassword: cookieSecret },
    null,
    sessionOptions,
  )
  // Guards before AdminJS sees the request; the session is opened here (AdminJS's own session
  // middleware then finds it and does nothing) so that it can be checked against the current user on
  // every request, and bodies are read only once it is known (AdminJS would parse them before its
  // login check, files to the temp directory).
  app.use(admin.options.rootPath, refuseOddParameters(), sameOriginOnly(logger), session(sessionOptions))
  app.use(admin.options.rootPath, currentUserOnly(db.prisma, admin.options.loginPath))
  app.use(admin.options.rootPath, readBodiesAfterSession({ loginPath: admin.options.loginPath.slice(admin.options.rootPath.length) }), validListParameters(admin))
  // The admin router comes before any body parser (see README); the webhook router is mounted first.
  app.use(admin.options.rootPath, adminRouter)
  app.get('/', (_req, res) => res.redirect(admin.options.rootPath))
  // Last: whatever failed is logged here, and the answer is a French sentence, never a stack trace.
  const internalError: ErrorRequestHandler = (error, req, res, next) => {
    if (res.headersSent) return next(error)
    logger.error({ err: error, path: req.path }, 'request failed')
    const status = typeof (error as { status?: unknown }).status === 'number' && (error as { status: number }).status < 500
      ? (error as { status: number }).status
      : isBadInput(error) ? 400 : 500
    res.status(status).type('text/plain; charset=utf-8').send(status === 500 ? 'Erreur interne : réessayez ; si elle persiste, prévenez l’administrateur.' : 'Requête invalide.')
  }
  app.use(internalError)

  return {
    app,
    admin,
    reconciliation,
    warmPanelAssets: async () => assets?.warm(),
    async close() {
      await reconciliation.stop()
      await store.shutdown()
    },
  }
}
