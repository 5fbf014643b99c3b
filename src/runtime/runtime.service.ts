/**
 * What runs in the background once the host calls start(): the periodic Qonto sync, retries of
 * webhook events and the e-mail outbox. Every run is caught and logged: a failure (database down,
 * Qonto unreachable) never reaches the host's process as an unhandled rejection.
 */
import { Cron } from 'croner'
import type { ReconciliationContext } from '../context.js'
import { resolveQontoAccess } from '../feed/qonto-access.service.js'
import { QontoConfigError } from '../qonto/errors.js'
import { accessOf, syncAccounts, type AccountsSyncSummary } from '../feed/bank-accounts.service.js'
import { evaluateFlaggedCredits, type AutoReconcileReport } from '../reconcile/auto-reconcile.service.js'
import { sendPendingEmails } from '../reconcile/email-outbox.service.js'
import { describeSync, SyncAlreadyRunningError, type SyncOptions } from '../feed/sync.service.js'

export interface ConfiguredSyncResult extends AccountsSyncSummary {
  /** Unambiguous matches applied to the new credits (null when auto-reconciliation is off or none came). */
  autoReconciled: AutoReconcileReport | null
}

export { QONTO_NOT_CONFIGURED, canSync } from '../feed/qonto-access.service.js'

/**
 * Syncs the configured Qonto account, then evaluates the credits it flagged for automatic
 * reconciliation (a crash in between leaves them flagged: the sweep evaluates them).
 */
export async function runConfiguredSync(ctx: ReconciliationContext, options: SyncOptions = {}): Promise<ConfiguredSyncResult> {
  const resolved = await resolveQontoAccess(ctx)
  if (resolved.source === 'none') throw new QontoConfigError(resolved.reason)
  const summary = await syncAccounts(ctx, accessOf(resolved), options)
  const ids = summary.newCreditIds
  const evaluated = ids.length > 0 ? await evaluateFlaggedCredits(ctx, { transactionIds: ids, limit: ids.length }) : null
  const autoReconciled = evaluated && ctx.autoReconcile ? { examined: evaluated.examined, matched: evaluated.matched, left: evaluated.left } : null
  return { ...summary, autoReconciled }
}

export interface Job {
  stop(): void
  /** When it runs next (null once stopped). */
  nextRun?(): Date | null
}

/** The periodic sync of each context, for the feed health's "next scheduled sync". */
const periodicSyncs = new WeakMap<ReconciliationContext, Job>()

/** Next run of this process's periodic sync, or null when none is scheduled (start() not called, or interval 0). */
export function nextScheduledSync(ctx: ReconciliationContext): Date | null {
  return periodicSyncs.get(ctx)?.nextRun?.() ?? null
}

/** Runs `task` now, then every `seconds` (no overlap in this process); logs what it did when it did something. */
export function startRecurring(ctx: ReconciliationContext, label: string, task: () => Promise<Record<string, number> | void>, seconds: number, runNow = true): Job {
  const run = async () => {
    try {
      const outcome = await task()
      if (outcome && Object.values(outcome).some((n) => n > 0)) ctx.logger.info(outcome, label)
    } catch (error) {
      if (error instanceof SyncAlreadyRunningError) ctx.logger.info({}, `${label}: skipped, another one is running`)
      else ctx.logger.error({ err: error }, `${label}: failed`)
    }
  }
  if (runNow) void run()
  const job = new Cron('* * * * * *', { interval: seconds, protect: true, unref: true }, run)
  return { stop: () => job.stop(), nextRun: () => job.nextRun() }
}

export function startPeriodicSync(ctx: ReconciliationContext): Job | null {
  if (ctx.syncIntervalMinutes <= 0) return null
  if (!ctx.qonto && !ctx.secretBox.available) {
    ctx.logger.warn({}, 'periodic Qonto sync disabled: Qonto is not configured')
    return null
  }
  ctx.logger.info({ minutes: ctx.syncIntervalMinutes }, 'periodic Qonto sync scheduled')
  const job = startRecurring(
    ctx,
    'periodic Qonto sync',
    async () => {
      // Not connected (yet, or any more): nothing is sent to Qonto, the next run looks again.
      if (!ctx.qonto && (await resolveQontoAccess(ctx)).source === 'none') return
      const summary = await runConfiguredSync(ctx)
      ctx.logger.info({ summary: describeSync(summary), pages: summary.pages }, 'periodic Qonto sync done')
    },
    ctx.syncIntervalMinutes * 60,
    false,
  )
  periodicSyncs.set(ctx, job)
  const stop = () => {
    job.stop()
    periodicSyncs.delete(ctx)
  }
  return { stop, nextRun: job.nextRun }
}

export function startEmailSender(ctx: ReconciliationContext): Job | null {
  const send = ctx.sendEmail
  if (!send) return null
  return startRecurring(ctx, 'outbox e-mails sent', () => sendPendingEmails(ctx, send), 15)
}
