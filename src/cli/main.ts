import { parseArgs } from 'node:util'
import { ConfigError, loadConfig } from '../config.js'
import { openConfiguredDatabase } from '../db/open.js'
import { migrate } from '../db/migrate.js'
import { createLogger } from '../logger.js'
import { seedDemoData } from '../services/seed.service.js'
import { startServer } from '../server.js'
import { InputError, readAll, runSuggest } from './suggest.command.js'
import { syncCommand } from './sync.command.js'
import { reconcileCommand } from './reconcile.command.js'
import { exportCommand } from './export.command.js'

const USAGE = `Usage : qonto-reconcile <commande> [options]

Commandes :
  migrate          applique les migrations en attente
  seed             ajoute les données de démonstration si la base est vide
  serve            démarre le back-office (sans migrer)
  start            migre, ajoute la démo si la base est vide, puis démarre (npm start)
  sync [--since DATE-ISO]
                   importe les transactions Qonto (incrémental, reprend où il s'était arrêté)
  reconcile --auto  applique les rapprochements sans ambiguïté aux paiements non rapprochés
  export --format csv|fec --from AAAA-MM-JJ --to AAAA-MM-JJ [--out FICHIER]
                   paiements rapprochés de la période (CSV pour tableur, ou FEC)
  suggest --input FICHIER|-
                   suggestions de rapprochement (JSON en entrée et en sortie, sans base)
`

/** Exit codes: 0 ok, 1 failure, 2 bad usage or input. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  if (command === 'suggest') return suggestCommand(rest)
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
      parseArgs({ args: rest, options: {} })
      const db = await openConfiguredDatabase(config)
      try {
        const report = await migrate(db.sql)
        process.stdout.write(
          report.applied.length > 0
            ? `Migrations appliquées : ${report.applied.join(', ')}\n`
            : 'Base à jour : aucune migration en attente.\n',
        )
      } finally {
        await db.close()
      }
      return 0
    }
    case 'seed': {
      parseArgs({ args: rest, options: {} })
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
    case 'sync':
      return syncCommand(rest, config)
    case 'reconcile':
      return reconcileCommand(rest, config)
    case 'export':
      return exportCommand(rest, config)
    case 'serve':
    case 'start': {
      parseArgs({ args: rest, options: {} })
      const { stop } = await startServer({ config, logger, prepare: command === 'start' })
      await new Promise<void>((resolve) => {
        for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve())
      })
      logger.info('shutting down')
      await stop()
      return 0
    }
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(USAGE)
      return command === undefined ? 2 : 0
    default:
      process.stderr.write(`Commande inconnue : ${command}\n\n${USAGE}`)
      return 2
  }
}

async function suggestCommand(args: string[]): Promise<number> {
  let input: string | undefined
  try {
    input = parseArgs({ args, options: { input: { type: 'string', short: 'i' } } }).values.input
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`)
    return 2
  }
  if (!input) {
    process.stderr.write('Usage : qonto-reconcile suggest --input FICHIER (ou - pour l\'entrée standard)\n')
    return 2
  }
  try {
    process.stdout.write(await runSuggest(input, () => readAll(process.stdin)))
    return 0
  } catch (error) {
    if (error instanceof InputError) {
      process.stderr.write(`Entrée invalide :\n${error.message}\n`)
      return 2
    }
    throw error
  }
}
