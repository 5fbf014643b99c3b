/**
 * qonto-reconcile's CLI (sync, reconcile, export) for this host: the same options as the server,
 * on the same database (DATABASE_URL, else the embedded PGlite).
 * Run from the repository root: `npx qonto-reconcile sync --config examples/qonto-reconcile.config.ts`
 * (a .ts config needs tsx: `node --import tsx node_modules/.bin/qonto-reconcile …`, see package.json scripts).
 */
import { loadConfig } from './src/config.js'
import { createLogger } from './src/logger.js'
import { openConfiguredDatabase } from './src/open-database.js'
import { migrate } from './src/migrate.js'
import { reconciliationOptions } from './src/reconciliation-options.js'

export default async function config() {
  const appConfig = loadConfig()
  const db = await openConfiguredDatabase(appConfig)
  await migrate(db.sql)
  return { ...reconciliationOptions(db, appConfig, createLogger(process.env.LOG_LEVEL ?? 'warn')), close: () => db.close() }
}
