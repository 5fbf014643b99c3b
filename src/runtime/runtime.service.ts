/**
 * What runs in the background once the host calls start(): the periodic Qonto sync, retries of
 * webhook events and the e-mail outbox. Every run is caught and logged: a failure (database down,
 * Qonto unreachable) never reaches the host's process as an unhandled rejection.
 */
import { Cron } from 'croner'
import type { ReconciliationContext } from '../context.js'
import { qontoClientFor } from '../feed/bank-accounts.service.js'
import { runConfiguredSync } from '../feed/configured-sync.js'
import { feedHealth } from '../feed/feed-health.service.js'
import { resolveQontoAccess } from '../feed/qonto-access.service.js'
import { registerSyncSchedule } from '../feed/sync-schedule.js'
import { describeSync, SyncAlreadyRunningError } from '../feed/sync.service.js'
import { ensureSubscription, subscriptionUnavailableReason } from '../feed/webhook-subscription.service.js'
import { sendPendingEmails } from '../reconcile/email-outbox.service.js'

export { runConfiguredSync, type ConfiguredSyncResult } from '../feed/configured-sync.js'
export { nextScheduledSync } from '../feed/sync-schedule.js'
export { QONTO_NOT_CONFIGURED, canSync } from '../feed/qonto-access.service.js'

export interface Job {
  stop(): void
  /** When it runs next (null once stopped). */
  nextRun?(): Date | null
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
  registerSyncSchedule(ctx, { nextRun: () => job.nextRun?.() ?? null })
  const stop = () => {
    job.stop()
    registerSyncSchedule(ctx, null)
  }
  return { stop, nextRun: job.nextRun }
}

export function startEmailSender(ctx: ReconciliationContext): Job | null {
  const send = ctx.sendEmail
  if (!send) return null
  return startRecurring(ctx, 'outbox e-mails sent', () => sendPendingEmails(ctx, send), 15)
}

/** With OAuth and a public URL: checks (and repairs) the subscription at start, then every few hours. */
export function startSubscriptionWatch(ctx: ReconciliationContext, hours = 6): Job | null {
  if (!ctx.publicWebhookUrl) return null
  return startRecurring(
    ctx,
    'qonto webhook subscription checked',
    async () => {
      const access = await qontoClientFor(ctx)
      if (subscriptionUnavailableReason(ctx, access)) return
      const result = await ensureSubscription(ctx, access)
      return { [result.status]: 1 }
    },
    hours * 3600,
  )
}

/** Checks the feed every few minutes once start() is called (the notification does not wait for a dashboard visit). */
export function startFeedHealthWatch(ctx: ReconciliationContext, seconds = 300): Job {
  return startRecurring(ctx, 'qonto feed health checked', async () => void (await feedHealth(ctx, { notifyWhenStale: true })), seconds, false)
}
