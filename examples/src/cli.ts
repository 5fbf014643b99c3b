/**
 * The agency back-office's own commands: `migrate`, `seed`, `serve`, `start` (npm start). The
 * reconciliation's commands (init, sync, reconcile, export, suggest) are qonto-reconcile's CLI,
 * which reads ../qonto-reconcile.config.ts for this host.
 */
import './env-defaults.js'
import { parseArgs } from 'node:util'
import { assertProductionEncryptionKey, ConfigError, loadConfig } from './config.js'
import { createLogger } from './logger.js'
import { migrate } from './migrate.js'
import { openConfiguredDatabase } from './open-database.js'
import { seedDemoData } from './seed.js'
import { startServer } from './server.js'

/** What a stop may take before the process ends anyway (orchestrators usually wait 10 s before SIGKILL). */
const SHUTDOWN_GRACE_MS = 4_500

const USAGE = `Usage : agence <commande>

  migrate   applique les migrations en attente (schéma de l'application et de qonto-reconcile)
  seed      ajoute les données de démonstration si la base est vide
  serve     démarre le back-office (sans migrer)
  start     migre, ajoute la démo si la base est vide, puis démarre (npm start)
`

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  parseArgs({ args: rest, options: {} })
  const logger = createLogger(process.env.LOG_LEVEL ?? (command === 'start' || command === 'serve' ? 'info' : 'warn'))
  let config
  try {
    config = loadConfig()
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`)
      return 2
    }
    throw error
  }
  switch (command) {
    case 'migrate': {
      const db = await openConfiguredDatabase(config)
      try {
        const report = await migrate(db.sql)
        process.stdout.write(report.applied.length > 0 ? `Migrations appliquées : ${report.applied.join(', ')}\n` : 'Base à jour : aucune migration en attente.\n')
      } finally {
        await db.close()
      }
      return 0
    }
    case 'seed': {
      const db = await openConfiguredDatabase(config)
      try {
        await migrate(db.sql)
        const report = await seedDemoData(db.prisma, { adminEmail: config.ADMIN_EMAIL, adminPassword: config.ADMIN_PASSWORD })
        process.stdout.write(
          report.seeded
            ? `Démo ajoutée : ${report.clients} clients, ${report.invoices} factures, ${report.transactions} transactions.\n`
            : 'La base contient déjà des utilisateurs : rien à faire.\n',
        )
      } finally {
        await db.close()
      }
      return 0
    }
    case 'serve':
    case 'start': {
      try {
        assertProductionEncryptionKey(config)
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error
        process.stderr.write(`${error.message}\n`)
        return 2
      }
      const { stop } = await startServer({ config, logger, prepare: command === 'start' })
      const signal = await new Promise<NodeJS.Signals>((resolve) => {
        for (const name of ['SIGINT', 'SIGTERM'] as const) process.once(name, () => resolve(name))
      })
      logger.info({ signal }, 'shutting down (Ctrl-C again to quit at once)')
      // A second Ctrl-C: quit now (what was running is resumable: stored webhook events, outbox, sync cursor).
      process.once('SIGINT', () => process.exit(130))
      // Never hang: after 4.5 s the process ends anyway, and says so.
      const forced = setTimeout(() => {
        logger.warn('shutdown forced after 4.5 s: stored webhook events, e-mails and the sync resume at the next start')
        process.exit(1)
      }, SHUTDOWN_GRACE_MS)
      forced.unref()
      await stop()
      clearTimeout(forced)
      logger.info('shutdown complete')
      return 0
    }
    default:
      process.stdout.write(USAGE)
      return command === undefined || command === 'help' ? 0 : 2
  }
}

try {
  process.exitCode = await main(process.argv.slice(2))
  if (['serve', 'start'].includes(process.argv[2] ?? '')) process.exit()
} catch (error) {
  process.stderr.write(`Erreur : ${error instanceof Error ? error.message : String(error)}\n`)
  if (process.env.DEBUG) console.error(error)
  process.exitCode = 1
}
