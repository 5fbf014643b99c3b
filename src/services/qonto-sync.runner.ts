import type { Database } from '../db/database.js'
import { QontoClient } from '../qonto/client.js'
import { qontoSettingsFromEnv } from '../qonto/config.js'
import { syncTransactions, type SyncOptions, type SyncSummary } from './sync.service.js'

/** Syncs the configured Qonto account (QONTO_* variables); throws QontoConfigError when unset. */
export async function runConfiguredSync(db: Database, options: SyncOptions = {}, env: NodeJS.ProcessEnv = process.env): Promise<SyncSummary> {
  const settings = qontoSettingsFromEnv(env)
  return syncTransactions(db, new QontoClient(settings), settings.account, options)
}
