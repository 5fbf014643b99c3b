import type { ActionContext, ActionHandler, ActionResponse } from 'adminjs'
import type { Language } from '../locale/language.js'
import { serverTexts } from '../../i18n/server-texts.js'
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
export function syncFailureMessage(error: unknown, language: Language = 'fr'): string {
  const T = serverTexts({ language: { current: language } }).sync
  if (error instanceof SyncAlreadyRunningError) return error.in(language)
  if (error instanceof QontoConfigError) return T.notConfigured
  if (error instanceof QontoAuthError) return T.refused
  if (error instanceof QontoError && error.status === 429) return T.rateLimited
  if (error instanceof QontoError) return T.qontoDown
  return T.unknown
}

/** Resource action on the transactions; the work happens only on POST (AdminJS has no CSRF token). */
export function syncQontoAction(ctx: ReconciliationContext, component: string, afterCommit: () => void) {
  const handler: ActionHandler<ActionResponse> = async (request) => {
    if (request.method !== 'post') return {}
    try {
      const summary = await runConfiguredSync(ctx)
      afterCommit()
      const language = ctx.panelLanguage.current
      const T = serverTexts({ language: ctx.panelLanguage }).sync
      const auto = summary.autoReconciled ? T.autoMatched(summary.autoReconciled.matched) : ''
      return { ok: true, message: `${T.done(describeSync(summary, language))}${auto}${describeAccountFailures(summary, language)}` }
    } catch (error) {
      if (!(error instanceof SyncAlreadyRunningError)) ctx.logger.error({ err: error }, 'sync from the panel failed')
      return { ok: false, message: syncFailureMessage(error, ctx.panelLanguage.current) }
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
