/**
 * The reconciliation side's answers to the feed's ingest hooks (src/feed/ingest-hooks.ts): rules
 * explain the credits just settled, a cancelled payment is undone, and the new credits are tried for
 * automatic reconciliation (when it is on) once stored. Registered by the composition root.
 */
import type { ReconciliationContext } from '../context.js'
import type { IngestHooks } from '../feed/ingest-hooks.js'
import { autoReconcileNewCredits } from './auto-reconcile.service.js'
import { undoCancelledPayment } from './bank-cancellation.service.js'
import { applyRules, RULE_ACTOR } from './ignore.service.js'

export function reconciliationIngestHooks(ctx: ReconciliationContext, options: { onAutoReconciled?: () => void } = {}): IngestHooks {
  return {
    explainSettledCredits: (tx, transactionIds) => applyRules(tx, { transactionIds }, RULE_ACTOR, true),
    undoCancelledPayment: (tx, payment) => undoCancelledPayment(ctx, tx, payment),
    // The credits are stored whatever happens here: a failure is logged and never fails the sync or the webhook event.
    creditsCommitted: async (transactionIds) => {
      try {
        const report = await autoReconcileNewCredits(ctx, transactionIds)
        if (report && report.matched > 0) options.onAutoReconciled?.()
        return report
      } catch (error) {
        ctx.logger.error({ err: error, transactions: transactionIds.length }, 'automatic reconciliation of new credits failed')
        return null
      }
    },
  }
}
