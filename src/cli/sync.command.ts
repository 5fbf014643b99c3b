import { parseArgs } from 'node:util'
import type { AppConfig } from '../config.js'
import { openConfiguredDatabase } from '../db/open.js'
import { migrate } from '../db/migrate.js'
import { QontoConfigError } from '../qonto/errors.js'
import { runConfiguredSync } from '../services/qonto-sync.runner.js'
import { describeSync } from '../services/sync.service.js'

/** `qonto-reconcile sync [--since ISO-DATE]`: a progress line per page, then a summary. */
export async function syncCommand(args: string[], config: AppConfig): Promise<number> {
  let since: Date | undefined
  try {
    const { values } = parseArgs({ args, options: { since: { type: 'string' } } })
    if (values.since !== undefined) {
      since = new Date(values.since)
      if (Number.isNaN(since.getTime())) throw new Error(`--since attend une date ISO (ex. 2026-11-01), reçu « ${values.since} »`)
    }
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`)
    return 2
  }
  const db = await openConfiguredDatabase(config)
  try {
    await migrate(db.sql)
    const summary = await runConfiguredSync(db, {
      since,
      onPage: ({ page, totalPages, received }) =>
        process.stdout.write(`Page ${page}${totalPages ? `/${totalPages}` : ''} : ${received} transactions enregistrées\n`),
    })
    process.stdout.write(`Synchronisation terminée : ${describeSync(summary)}.\n`)
    if (summary.autoReconciled) {
      process.stdout.write(`Rapprochement automatique : ${summary.autoReconciled.matched} rapprochée(s), ${summary.autoReconciled.left} à traiter.\n`)
    }
    return 0
  } catch (error) {
    if (error instanceof QontoConfigError) {
      process.stderr.write(`${error.message}\n`)
      return 2
    }
    process.stderr.write(`Échec de la synchronisation : ${(error as Error).message}\n`)
    return 1
  } finally {
    await db.close()
  }
}
