import type { Database } from '../db/database.js'
import type { Logger } from '../logger.js'
import { QontoClient } from '../qonto/client.js'
import { qontoSettingsFromEnv } from '../qonto/config.js'
import { autoReconcileNewCredits, type AutoReconcileReport } from './auto-reconcile.service.js'
import { syncTransactions, type SyncOptions, type SyncSummary } from './sync.service.js'

export interface ConfiguredSyncResult extends SyncSummary {
  /** Unambiguous matches applied to the new credits (null when AUTO_RECONCILE is off or none came). */
  autoReconciled: AutoReconcileReport | null
}

/** Syncs the configured Qonto account (QONTO_* variables), then auto-reconciles the new credits. */
export async function runConfiguredSync(
  db: Database,
  options: SyncOptions = {},
  env: NodeJS.ProcessEnv = process.env,
  logger?: Logger,
): Promise<ConfiguredSyncResult> {
  const settings = qontoSettingsFromEnv(env)
  const summary = await syncTransactions(db, new QontoClient(settings), settings.account, options)
  const autoReconciled = await autoReconcileNewCredits(db.prisma, summary.newCreditIds, env, logger)
  return { ...summary, autoReconciled }
}
