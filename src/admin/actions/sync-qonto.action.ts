import type { ActionContext, ActionHandler, ActionResponse } from 'adminjs'
import type { ReconciliationContext } from '../../context.js'
import { QontoAuthError, QontoConfigError, QontoError } from '../../qonto/errors.js'
import { canSync, runConfiguredSync } from '../../runtime/runtime.service.js'
import { describeAccountFailures } from '../../feed/bank-accounts.service.js'
import { describeSync, SyncAlreadyRunningError } from '../../feed/sync.service.js'
import { reconcilersOnly } from '../access.js'

/**
 * What Maud reads when a sync fails: what happened and what to do, in plain French. The technical
 * reason (HTTP status, Qonto's trace id, which setting is wrong) goes to the host's log, never to the screen.
 */
export function syncFailureMessage(error: unknown): string {
  if (error instanceof SyncAlreadyRunningError) return error.message
  if (error instanceof QontoConfigError) return "La connexion à Qonto n'est pas configurée : demandez à l'administrateur du back-office de la mettre en place."
  if (error instanceof QontoAuthError) return "Qonto a refusé la connexion (accès expiré ou révoqué) : un administrateur doit reconnecter Qonto depuis la page « Connexion Qonto ». Rien n'a été modifié."
  if (error instanceof QontoError && error.status === 429) return 'Qonto limite le nombre de demandes pour le moment : réessayez dans quelques minutes.'
  if (error instanceof QontoError) return "Qonto ne répond pas correctement pour le moment : réessayez dans quelques minutes. Les paiements déjà importés restent à jour jusqu'à la dernière synchronisation réussie."
  return "La synchronisation a échoué : réessayez dans quelques minutes ; si cela continue, prévenez l'administrateur du back-office."
}

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
      if (!(error instanceof SyncAlreadyRunningError)) ctx.logger.error({ err: error }, 'sync from the panel failed')
      return { ok: false, message: syncFailureMessage(error) }
    }
  }
  const reconciler = reconcilersOnly(ctx)
  // Without a Qonto connection there is nothing to sync: no button, and the API refuses.
  const available = (context: ActionContext) => canSync(ctx) && reconciler(context)
  return {
    actionType: 'resource' as const,
    icon: 'RefreshCw',
    component,
    isAccessible: available,
    isVisible: available,
    custom: { intro: { fr: 'Importe les transactions Qonto modifiées depuis la dernière synchronisation, puis rapproche automatiquement les paiements sans ambiguïté.', en: 'Imports the Qonto transactions changed since the last sync, then matches the unambiguous payments automatically.' }, button: { fr: 'Lancer la synchronisation', en: 'Start the sync' } },
    handler,
  }
}
