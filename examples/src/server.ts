import type { Server } from 'node:http'
import { assertProductionEncryptionKey, type AppConfig } from './config.js'
import { describeDatabase, openConfiguredDatabase } from './open-database.js'
import { migrate } from './migrate.js'
import { createApp } from './app.js'
import type { Logger } from './logger.js'
import { ensureFirstAdmin, seedDemoData } from './seed.js'

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
  const { app, admin, reconciliation, close } = createApp({ db, config, logger })
  // Periodic sync, webhook retries and the e-mail outbox: owned by the extension.
  reconciliation.start()
  if (config.isProduction) await admin.initialize()
  else await admin.watch()

  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(config.PORT, () => resolve(s))
  })
  const url = `http://localhost:${config.PORT}/admin`
  logger.info({ url }, 'back-office ready')
  if (!config.isProduction) {
    process.stdout.write(
      `\nBack-office : ${url}\nConnexion démo : ${config.ADMIN_EMAIL} / ${config.ADMIN_PASSWORD}` +
        `\nLecture seule : comptable@agence-glow.fr / demo-lecture-2026` +
        (config.QONTO_ENCRYPTION_KEY ? '' : `\nConnexion Qonto : clé de chiffrement de démo dans ${config.QONTO_DEV_KEY_FILE} (en production : QONTO_ENCRYPTION_KEY)`) +
        `\n\n`,
    )
  }
  return {
    server,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await close()
      await db.close()
    },
  }
}
