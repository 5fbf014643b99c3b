/**
 * Applies the suggestions flagged autoApply (and only those) to unreconciled credits. Each one goes
 * through `associate`, which re-checks everything under row locks: a suggestion made stale by an
 * earlier one in the same run is refused and the payment is simply left for Maud.
 */
import type { PrismaClient } from '@prisma/client'
import { suggestMatches } from '../domain/matching/index.js'
import type { Logger } from '../logger.js'
import { loadClients, loadHistory, loadOpenInvoices, loadUnreconciledCredits } from './matching-data.service.js'
import { associate, ReconciliationError, SYSTEM_ACTOR, type Actor } from './reconciliation.service.js'

export interface AutoReconcileReport {
  examined: number
  matched: number
  left: number
}

export async function autoReconcile(
  prisma: PrismaClient,
  options: { transactionIds?: string[]; actor?: Actor; logger?: Logger } = {},
): Promise<AutoReconcileReport> {
  const payments = await loadUnreconciledCredits(prisma, options.transactionIds)
  if (payments.length === 0) return { examined: 0, matched: 0, left: 0 }
  const [clients, invoices, history] = await Promise.all([loadClients(prisma), loadOpenInvoices(prisma), loadHistory(prisma)])
  const results = suggestMatches({ clients, invoices, history }, payments)
  let matched = 0
  for (const result of results) {
    const suggestion = result.suggestions.find((s) => s.autoApply)
    if (!suggestion) continue
    try {
      await associate(prisma, {
        transactionId: result.transactionId,
        allocations: suggestion.allocations.map((a) => ({ documentId: a.invoiceId, amountCents: a.amountCents })),
        actor: options.actor ?? SYSTEM_ACTOR,
        mode: 'AUTOMATIQUE',
        score: suggestion.score,
        reasons: suggestion.reasons,
      })
      matched += 1
    } catch (error) {
      if (!(error instanceof ReconciliationError)) throw error
      options.logger?.info({ transactionId: result.transactionId, reason: error.message }, 'auto-reconciliation skipped')
    }
  }
  return { examined: payments.length, matched, left: payments.length - matched }
}

/** AUTO_RECONCILE: on unless set to 0, false, off or non. */
export function autoReconcileEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return !/^(0|false|off|non|no)$/i.test((env.AUTO_RECONCILE ?? '').trim())
}

/** After a sync or a webhook: tries the newly stored credits, when AUTO_RECONCILE is on. */
export async function autoReconcileNewCredits(
  prisma: PrismaClient,
  transactionIds: string[],
  env: NodeJS.ProcessEnv = process.env,
  logger?: Logger,
): Promise<AutoReconcileReport | null> {
  if (transactionIds.length === 0 || !autoReconcileEnabled(env)) return null
  return autoReconcile(prisma, { transactionIds, logger })
}
