/**
 * Applies the suggestions flagged autoApply (and only those) to unreconciled credits. Each one goes
 * through `associate`, which re-checks everything under row locks: a suggestion made stale by an
 * earlier one in the same run is refused and the payment is simply left for the admin.
 */
import { SYSTEM_ACTOR, type Actor, type ReconciliationContext } from '../context.js'
import { suggestMatches } from '../domain/matching/index.js'
import { loadClients, loadHistory, loadOpenInvoices, loadUnreconciledCredits } from './matching-data.service.js'
import { associate, ReconciliationError } from './reconciliation.service.js'

export interface AutoReconcileReport {
  examined: number
  matched: number
  left: number
}

export async function autoReconcile(
  ctx: ReconciliationContext,
  options: { transactionIds?: string[]; actor?: Actor } = {},
): Promise<AutoReconcileReport> {
  const payments = await loadUnreconciledCredits(ctx.prisma, options.transactionIds)
  if (payments.length === 0) return { examined: 0, matched: 0, left: 0 }
  const [clients, invoices, history] = await Promise.all([loadClients(ctx), loadOpenInvoices(ctx), loadHistory(ctx)])
  const results = suggestMatches({ clients, invoices, history }, payments, ctx.matchOptions)
  let matched = 0
  for (const result of results) {
    const suggestion = result.suggestions.find((s) => s.autoApply)
    if (!suggestion) continue
    try {
      await associate(ctx, {
        transactionId: result.transactionId,
        allocations: suggestion.allocations.map((a) => ({ invoiceId: a.invoiceId, amountCents: a.amountCents })),
        actor: options.actor ?? SYSTEM_ACTOR,
        mode: 'AUTOMATIQUE',
        score: suggestion.score,
        reasons: suggestion.reasons,
      })
      matched += 1
    } catch (error) {
      if (!(error instanceof ReconciliationError)) throw error
      ctx.logger.info({ transactionId: result.transactionId, reason: error.message }, 'auto-reconciliation skipped')
    }
  }
  return { examined: payments.length, matched, left: payments.length - matched }
}

/** After a sync or a webhook: tries the newly stored credits, when autoReconcile is on. */
export async function autoReconcileNewCredits(ctx: ReconciliationContext, transactionIds: string[]): Promise<AutoReconcileReport | null> {
  if (transactionIds.length === 0 || !ctx.autoReconcile) return null
  return autoReconcile(ctx, { transactionIds })
}
