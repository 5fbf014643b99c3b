/**
 * The sync of whatever Qonto access is configured (environment first, else the stored connection),
 * every chosen account in turn. What follows for the new credits (automatic reconciliation) runs
 * after each stored batch through the ingest hooks, not here.
 */
import type { ReconciliationContext } from '../context.js'
import { QontoConfigError } from '../qonto/errors.js'
import { accessOf, syncAccounts, type AccountsSyncSummary } from './bank-accounts.service.js'
import type { CreditsFollowUp } from './ingest-hooks.js'
import { resolveQontoAccess } from './qonto-access.service.js'
import type { SyncOptions } from './sync.service.js'

export interface ConfiguredSyncResult extends AccountsSyncSummary {
  /** Unambiguous matches applied to the new credits (null when auto-reconciliation is off or none came). */
  autoReconciled: CreditsFollowUp | null
}

export async function runConfiguredSync(ctx: ReconciliationContext, options: SyncOptions = {}): Promise<ConfiguredSyncResult> {
  const resolved = await resolveQontoAccess(ctx)
  if (resolved.source === 'none') throw new QontoConfigError(resolved.reason)
  const summary = await syncAccounts(ctx, accessOf(resolved), options)
  return { ...summary, autoReconciled: summary.autoReconciled ?? null }
}
