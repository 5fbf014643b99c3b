import type { ActionHandler, ActionResponse } from 'adminjs'
import type { ReconciliationContext } from '../../context.js'
import { QontoConfigError } from '../../qonto/errors.js'
import { describeAccountFailures } from '../../services/bank-accounts.service.js'
import { runConfiguredSync } from '../../services/runtime.service.js'
import { describeSync, SyncAlreadyRunningError } from '../../services/sync.service.js'
import { reconcilersOnly } from '../access.js'

/** Resource action on the transactions; the work happens only on POST (AdminJS has no CSRF token). */
export function syncQontoAction(ctx: ReconciliationContext, component: string, afterCommit: () => void) {
  const handler: ActionHandler<ActionResponse> = async (request) => {
    if (request.method !== 'post') return {}
    try {
      const summary = await runConfiguredSync(ctx)
      afterCommit()
      const auto = summary.autoReconciled ? ` ${summary.autoReconciled.matched} rapprochée(s) automatiquement.` : ''
      return { ok: true, message: `Synchronisation terminée : ${describeSync(summary)}.${auto}${describeAccountFailures(summary)}` }
    } catch (error) {
      const expected = error instanceof QontoConfigError || error instanceof SyncAlreadyRunningError
      if (!expected) ctx.logger.error({ err: error }, 'sync from the panel failed')
      return { ok: false, message: expected ? (error as Error).message : `Échec de la synchronisation : ${(error as Error).message}` }
    }
  }
  return {
    actionType: 'resource' as const,
    icon: 'RefreshCw',
    component,
    isAccessible: reconcilersOnly(ctx),
    custom: { intro: 'Importe les transactions Qonto modifiées depuis la dernière synchronisation, puis rapproche automatiquement les paiements sans ambiguïté.', button: 'Lancer la synchronisation' },
    handler,
  }
}
