import { existsSync } from 'node:fs'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { assertProductionEncryptionKey, type AppConfig } from './config.js'
import { describeDatabase, openConfiguredDatabase } from './open-database.js'
import { migrate } from './migrate.js'
import { createApp } from './app.js'
import { bundleFiles, writtenSince } from './panel-assets.js'
import type { Logger } from './logger.js'
import { ensureFirstAdmin, seedDemoData } from './seed.js'
import { notConfigured, startBanner, type BannerFacts } from './banner.js'

/** How long requests under way may take to finish when the server stops. */
const IN_FLIGHT_GRACE_MS = 1_000

/** How to reach HOST from a browser: localhost for the loopback, the address itself otherwise. */
function displayHost(host: string): string {
  if (host === '127.0.0.1' || host === '::1' || host === 'localhost' || host === '0.0.0.0' || host === '::') return 'localhost'
  return host.includes(':') ? `[${host}]` : host
}

export interface StartOptions {
  config: AppConfig
  logger: Logger
  /** Migrate and seed demo data when empty (npm start). */
  prepare: boolean
}

export async function startServer({ config, logger, prepare }: StartOptions): Promise<{ server: Server; stop(): Promise<void> }> {
  assertProductionEncryptionKey(config)
  const db = await openConfiguredDatabase(config)
  logger.info({ database: describeDatabase(config) }, 'database opened')
  if (prepare) {
    const report = await migrate(db.sql)
    logger.info(report, 'migrations applied')
    if (!config.isProduction) {
      const seed = await seedDemoData(db.prisma, { adminEmail: config.ADMIN_EMAIL, adminPassword: config.ADMIN_PASSWORD })
      if (seed.seeded) logger.info(seed, 'demo data seeded')
    } else if (config.adminPasswordGiven && (await ensureFirstAdmin(db.prisma, config.ADMIN_EMAIL, config.ADMIN_PASSWORD))) {
      logger.info({ email: config.ADMIN_EMAIL }, 'first admin created')
    } else if ((await db.prisma.user.count()) === 0) {
      logger.warn('no user yet: set ADMIN_EMAIL and ADMIN_PASSWORD to create the first admin (production never seeds demo data)')
    }
  }
  const { app, admin, reconciliation, warmPanelAssets, close } = createApp({ db, config, logger })
  // Periodic sync, webhook retries and the e-mail outbox: owned by the extension.
  reconciliation.start()
  if (config.isProduction) await admin.initialize()
  else if (process.env.ADMIN_JS_SKIP_BUNDLE === 'true') {
    // AdminJS's own switch for components bundled beforehand (its `initialize()` honours it in production):
    // no watcher, the bundle already in ADMIN_JS_TMP_DIR is served.
    if (!existsSync(bundleFiles()['components.bundle.js'])) logger.warn('ADMIN_JS_SKIP_BUNDLE=true but no components bundle in ADMIN_JS_TMP_DIR: the panel will not load its components')
  } else {
    // Ready means the panel can be used: the watcher's first components bundle is written.
    const watching = Date.now() - 1000
    await admin.watch()
    if (!(await writtenSince(bundleFiles()['components.bundle.js'], watching, 120_000))) logger.warn('components bundle not written after 2 minutes (a component that does not compile?): the panel may wait for it')
  }
  // In the background: the first page should not wait for the compression of 3 MB of scripts.
  warmPanelAssets().catch((error: unknown) => logger.warn({ err: error }, 'panel scripts not prepared in advance'))

  const server = await new Promise<Server>((resolve) => {
    // This machine only unless HOST says otherwise: the demo prints its passwords.
    const s = app.listen(config.PORT, config.HOST, () => resolve(s))
  })
  const url = `http://${displayHost(config.HOST)}:${(server.address() as AddressInfo).port}/admin`
  logger.info({ url }, 'back-office ready')
  const facts: BannerFacts = {
    url,
    adminEmail: config.ADMIN_EMAIL,
    adminPassword: config.ADMIN_PASSWORD,
    qontoConfigured: reconciliation.context.qonto !== null,
    syncIntervalMinutes: config.QONTO_SYNC_INTERVAL,
    webhookConfigured: Boolean(config.QONTO_WEBHOOK_SECRET?.trim()),
    smtpConfigured: Boolean(config.SMTP_URL),
    embeddedDatabaseDir: config.DATABASE_URL ? undefined : config.PGLITE_DIR,
    devEncryptionKeyFile: config.QONTO_ENCRYPTION_KEY ? undefined : config.QONTO_DEV_KEY_FILE,
  }
  if (!config.isProduction) process.stdout.write(startBanner(facts))
  else for (const line of notConfigured(facts).filter((l) => !l.startsWith(' '))) logger.warn(line)
  return {
    server,
    /**
     * No new connection; requests under way get a second to finish, then every connection is closed
     * (a browser tab keeps its keep-alive connection open, and server.close() would wait for it);
     * then the extension's timers (the running job ends, webhook events being processed finish), the
     * session store, and the database.
     */
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeIdleConnections()
      const cut = setTimeout(() => server.closeAllConnections(), IN_FLIGHT_GRACE_MS)
      await closed
      clearTimeout(cut)
      await close()
      await db.close()
    },
  }
}
