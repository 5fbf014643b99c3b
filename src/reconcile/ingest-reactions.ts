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
import { bookClosedPeriodChanges } from './ledger.service.js'

export function reconciliationIngestHooks(ctx: ReconciliationContext, options: { onAutoReconciled?: () => void } = {}): IngestHooks {
  const evaluate = coalesced((transactionIds: string[]) => evaluateFlaggedCredits(ctx, { transactionIds, limit: transactionIds.length }))
  return {
    // A credit of a closed period explained by a rule at ingest (a late webhook) is booked at once, on the first open day.
    explainSettledCredits: async (tx, transactionIds) => {
      const applied = await applyRules(tx, { transactionIds }, RULE_ACTOR, true, ctx.language.current)
      await bookClosedPeriodChanges(ctx, tx, applied.map((a) => a.transactionId))
      return applied
    },
    undoCancelledPayment: (tx, payment) => undoCancelledPayment(ctx, tx, payment),
    // The credits are stored (and flagged) whatever happens here: a failure is logged, never fails the sync or
    // the webhook event, and leaves the flags for the periodic sweep (src/runtime/auto-evaluation.ts).
    creditsCommitted: async (transactionIds) => {
      try {
        const report = await evaluate(transactionIds)
        if (report.matched > 0) options.onAutoReconciled?.()
        return ctx.autoReconcile ? { examined: report.examined, matched: report.matched, left: report.left } : null
      } catch (error) {
        ctx.logger.error({ err: error, transactions: transactionIds.length }, 'automatic reconciliation of new credits failed')
        return null
      }
    },
  }
}

/**
 * Group evaluation: credits committed while an evaluation runs wait for it, then are evaluated together
 * in one pass (the matcher loads clients, open invoices and history once per pass). No wait when idle;
 * under a burst, passes grow instead of repeating the loading for every few events. Each caller gets
 * the report of the pass that included its credits.
 */
function coalesced<R>(run: (ids: string[]) => Promise<R>): (ids: string[]) => Promise<R> {
  let pending = new Set<string>()
  let waiters: Array<{ resolve(report: R): void; reject(error: unknown): void }> = []
  let running = false
  const drain = async () => {
    running = true
    while (pending.size > 0) {
      const ids = [...pending]
      const callers = waiters
      pending = new Set()
      waiters = []
      try {
        const report = await run(ids)
        for (const caller of callers) caller.resolve(report)
      } catch (error) {
        for (const caller of callers) caller.reject(error)
      }
    }
    running = false
  }
  return (ids) =>
    new Promise<R>((resolve, reject) => {
      for (const id of ids) pending.add(id)
      waiters.push({ resolve, reject })
      if (!running) void drain()
    })
}
