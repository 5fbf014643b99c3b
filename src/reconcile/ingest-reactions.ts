/**
 * The reconciliation side's answers to the feed's ingest hooks (src/feed/ingest-hooks.ts): rules
 * explain the credits just settled, a cancelled payment is undone, and the new credits are tried for
 * automatic reconciliation (when it is on) once stored, clearing the flag ingest set in its transaction. Registered by the composition root.
 */
import type { ReconciliationContext } from '../context.js'
import type { IngestHooks } from '../feed/ingest-hooks.js'
import { evaluateFlaggedCredits } from './auto-reconcile.service.js'
import { undoCancelledPayment } from './bank-cancellation.service.js'
import { applyRules, RULE_ACTOR } from './ignore.service.js'

export function reconciliationIngestHooks(ctx: ReconciliationContext, options: { onAutoReconciled?: () => void } = {}): IngestHooks {
  return {
    explainSettledCredits: (tx, transactionIds) => applyRules(tx, { transactionIds }, RULE_ACTOR, true),
    undoCancelledPayment: (tx, payment) => undoCancelledPayment(ctx, tx, payment),
    // The credits are stored (and flagged) whatever happens here: a failure is logged, never fails the sync or
    // the webhook event, and leaves the flags for the periodic sweep (src/runtime/auto-evaluation.ts).
    creditsCommitted: async (transactionIds) => {
      try {
        const report = await evaluateFlaggedCredits(ctx, { transactionIds, limit: transactionIds.length })
        if (report.matched > 0) options.onAutoReconciled?.()
        return ctx.autoReconcile ? { examined: report.examined, matched: report.matched, left: report.left } : null
      } catch (error) {
        ctx.logger.error({ err: error, transactions: transactionIds.length }, 'automatic reconciliation of new credits failed')
        return null
      }
    },
  }
}
