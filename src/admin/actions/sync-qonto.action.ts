import type { ActionHandler, ActionResponse } from 'adminjs'
import { QontoConfigError } from '../../qonto/errors.js'
import type { ConfiguredSyncResult } from '../../services/qonto-sync.runner.js'
import { describeSync, SyncAlreadyRunningError } from '../../services/sync.service.js'
import { adminOnly } from '../access.js'

export type SyncRunner = () => Promise<ConfiguredSyncResult>

/** Resource action on the transactions; the work happens only on POST (AdminJS has no CSRF token). */
export function syncQontoAction(run: SyncRunner, component: string) {
  const handler: ActionHandler<ActionResponse> = async (request) => {
    if (request.method !== 'post') return {}
    try {
      const summary = await run()
      const auto = summary.autoReconciled ? ` ${summary.autoReconciled.matched} rapprochée(s) automatiquement.` : ''
      return { ok: true, message: `Synchronisation terminée : ${describeSync(summary)}.${auto}` }
    } catch (error) {
      const expected = error instanceof QontoConfigError || error instanceof SyncAlreadyRunningError
      return { ok: false, message: expected ? (error as Error).message : `Échec de la synchronisation : ${(error as Error).message}` }
    }
  }
  return {
    actionType: 'resource' as const,
    icon: 'RefreshCw',
    component,
    isAccessible: adminOnly,
    custom: { intro: 'Importe les transactions Qonto modifiées depuis la dernière synchronisation, puis rapproche automatiquement les paiements sans ambiguïté.', button: 'Lancer la synchronisation' },
    handler,
  }
}
