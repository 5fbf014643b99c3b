import type { ActionHandler, ActionResponse } from 'adminjs'
import { QontoConfigError } from '../../qonto/errors.js'
import { describeSync, SyncAlreadyRunningError, type SyncSummary } from '../../services/sync.service.js'
import { adminOnly } from '../access.js'

export type SyncRunner = () => Promise<SyncSummary>

/** Resource action on the transactions; the work happens only on POST (AdminJS has no CSRF token). */
export function syncQontoAction(run: SyncRunner, component: string) {
  const handler: ActionHandler<ActionResponse> = async (request) => {
    if (request.method !== 'post') return {}
    try {
      const summary = await run()
      return { ok: true, message: `Synchronisation terminée : ${describeSync(summary)}.` }
    } catch (error) {
      const expected = error instanceof QontoConfigError || error instanceof SyncAlreadyRunningError
      return { ok: false, message: expected ? (error as Error).message : `Échec de la synchronisation : ${(error as Error).message}` }
    }
  }
  return { actionType: 'resource' as const, icon: 'RefreshCw', component, isAccessible: adminOnly, handler }
}
