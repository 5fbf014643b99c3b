/**
 * The sweep that runs automatic reconciliation on every flagged credit (see evaluateFlaggedCredits),
 * one process at a time (a lease renewed while it works), in batches: the matcher loads the clients,
 * open invoices and history once per batch instead of once per webhook event. Nudged after each
 * ingest; also run at start and periodically, which is what finds the credits a crashed process,
 * a timeout or a restart left flagged.
 */
import type { ReconciliationContext } from '../context.js'
import { withLease } from '../db/lease.js'
import { evaluateFlaggedCredits } from '../reconcile/auto-reconcile.service.js'

export const AUTO_EVALUATION_LEASE = 'auto-reconcile'
const BATCH = 500
/** When another process holds the sweep, look again this soon (its last pass may have ended before our credits were stored). */
const BUSY_RETRY_MS = 1000

export interface AutoEvaluationSweeper {
  /** Sweeps soon (coalesced: one pass at a time, one more after it when nudged meanwhile). */
  nudge(): void
  /** Sweeps now until nothing is flagged; what it did. */
  sweep(): Promise<SweepReport>
  /** Resolves when no pass is running or scheduled in this process. */
  idle(): Promise<void>
  stop(): void
}

export interface SweepReport {
  evaluated: number
  matched: number
  /** Another process held the sweep. */
  busy: boolean
}

export function createAutoEvaluationSweeper(ctx: ReconciliationContext, afterMatches: () => void): AutoEvaluationSweeper {
  let running: Promise<SweepReport> | null = null
  let again = false
  let retry: NodeJS.Timeout | null = null
  let stopped = false
  const logError = (error: unknown) => ctx.logger.error({ err: error }, 'automatic reconciliation sweep failed (the credits stay flagged)')

  async function pass(): Promise<SweepReport> {
    const total: SweepReport = { evaluated: 0, matched: 0, busy: false }
    const outcome = await withLease(
      ctx.prisma,
      AUTO_EVALUATION_LEASE,
      async () => {
        for (;;) {
          const report = await evaluateFlaggedCredits(ctx, { limit: BATCH })
          total.evaluated += report.evaluated
          total.matched += report.matched
          if (report.matched > 0) afterMatches()
          if (report.evaluated < BATCH) return
        }
      },
      (error) => ctx.logger.warn({ err: (error as Error).message }, 'automatic reconciliation lease not renewed'),
    )
    if (!outcome.ran) total.busy = true
    return total
  }

  function sweep(): Promise<SweepReport> {
    if (running) {
      again = true
      return running
    }
    running = pass().finally(() => {
      running = null
      const rerun = again && !stopped
      again = false
      if (rerun) void sweep().catch(logError)
    })
    running
      .then((report) => {
        if (report.busy && !stopped && !retry) {
          retry = setTimeout(() => {
            retry = null
            void sweep().catch(logError)
          }, BUSY_RETRY_MS)
          retry.unref()
        }
        if (report.evaluated > 0) ctx.logger.info(report, 'automatic reconciliation sweep')
      })
      .catch(() => undefined)
    return running
  }

  return {
    nudge: () => void sweep().catch(logError),
    sweep,
    async idle() {
      while (running || again) await running?.catch(() => undefined)
    },
    stop() {
      stopped = true
      if (retry) clearTimeout(retry)
      retry = null
    },
  }
}
