/**
 * The extension without AdminJS: the use-cases over the host's Prisma client and mapping, the
 * webhook router and the background runtime. The CLI and scripts use this entry point
 * (`qonto-reconcile/core`); the AdminJS integration (`qonto-reconcile`) builds on it.
 */
import type { Writable } from 'node:stream'
import { createContext, SYSTEM_ACTOR, type Actor, type ReconciliationContext } from './context.js'
import type { CoreOptions } from './options.js'
import { resolveQontoAccess } from './feed/qonto-access.service.js'
import { autoReconcile } from './reconcile/auto-reconcile.service.js'
import { sendPendingEmails } from './reconcile/email-outbox.service.js'
import { backfillPayerKeys } from './reconcile/payer-history.service.js'
import { writeExport, type ExportRequest } from './reconcile/export.service.js'
import { suggestionsForTransaction } from './reconcile/matching-data.service.js'
import { associate, dissociate, type AssociationRequest } from './reconcile/reconciliation.service.js'
import { reconciliationIngestHooks } from './reconcile/ingest-reactions.js'
import {
  runConfiguredSync,
  startEmailSender,
  startFeedHealthWatch,
  startPeriodicSync,
  startRecurring,
  startSubscriptionWatch,
  type Job,
} from './runtime/runtime.service.js'
import type { SyncOptions } from './feed/sync.service.js'
import { processEvent, processPendingEvents, type ProcessorDeps } from './feed/webhook-events.service.js'
import { feedHealth } from './feed/feed-health.service.js'
import { ensureSubscription, onQontoDisconnect, rotateSecret } from './feed/webhook-subscription.service.js'
import { ProcessingQueue } from './webhooks/processing-queue.js'
import { createQontoWebhookRouter, QONTO_WEBHOOK_PATH } from './webhooks/qonto.router.js'
import { createQontoOAuthRouter } from './webhooks/qonto-oauth.router.js'

export interface CoreRuntimeOptions extends CoreOptions {
  /** Where the webhook router answers (default /api/webhooks/qonto). */
  webhookPath?: string
}

/**
 * The two rooms connected: what the feed's ingest raises (src/feed/ingest-hooks.ts) is answered by
 * the reconciliation side. The only place the feed and the reconciliation meet.
 */
export function connectRooms(ctx: ReconciliationContext, options: { onAutoReconciled?: () => void } = {}): ReconciliationContext {
  ctx.ingestHooks = reconciliationIngestHooks(ctx, options)
  return ctx
}

export function createReconciliationCore(options: CoreRuntimeOptions) {
  const ctx = createContext(options)
  const flushEmails = () => {
    const send = ctx.sendEmail
    if (!send) return
    void sendPendingEmails(ctx.prisma, send, ctx.logger).catch((error: unknown) => ctx.logger.error({ err: error }, 'outbox flush failed'))
  }
  connectRooms(ctx, { onAutoReconciled: flushEmails })
  const processor: ProcessorDeps = {
    ctx,
    qonto: async () => {
      const access = await resolveQontoAccess(ctx)
      return access.source === 'none' ? undefined : access.client
    },
  }
  const webhookQueue = new ProcessingQueue((id) => processEvent(processor, id))
  let jobs: Job[] = []

  return {
    context: ctx,
    /** POST <webhookPath>: mount it on the host's Express app, outside the admin login. */
    webhookRouter: createQontoWebhookRouter({ ctx, queue: webhookQueue, path: options.webhookPath ?? QONTO_WEBHOOK_PATH }),
    webhookQueue,
    /** GET <path of qontoOAuth.redirectUri>: Qonto's OAuth callback; mount it OUTSIDE the admin's session guard (README). */
    qontoOAuthRouter: createQontoOAuthRouter(ctx),
    /** Starts the periodic sync, webhook retries and the e-mail outbox. Errors are logged, never thrown. */
    start(): void {
      if (jobs.length > 0) return
      void backfillPayerKeys(ctx)
        .then(({ backfilled }) => backfilled > 0 && ctx.logger.info({ backfilled }, 'payer name keys backfilled'))
        .catch((error: unknown) => ctx.logger.error({ err: error }, 'payer name key backfill failed'))
      jobs = [
        startPeriodicSync(ctx),
        startRecurring(ctx, 'pending webhook events retried', () => processPendingEvents(processor), 30),
        startEmailSender(ctx),
        startSubscriptionWatch(ctx),
        startFeedHealthWatch(ctx),
      ].filter((job): job is Job => job !== null)
    },
    /** Stops the timers and waits for the webhook events being processed. */
    async stop(): Promise<void> {
      for (const job of jobs) job.stop()
      jobs = []
      await webhookQueue.idle()
    },
    sync: (syncOptions?: SyncOptions) => runConfiguredSync(ctx, syncOptions),
    suggestions: (transactionId: string, maxSuggestions?: number) => suggestionsForTransaction(ctx, transactionId, maxSuggestions),
    associate: async (request: AssociationRequest) => {
      const result = await associate(ctx, request)
      flushEmails()
      return result
    },
    dissociate: (transactionId: string, actor: Actor) => dissociate(ctx, transactionId, actor),
    autoReconcile: async (autoOptions?: { transactionIds?: string[]; actor?: Actor }) => {
      const report = await autoReconcile(ctx, autoOptions)
      flushEmails()
      return report
    },
    export: (request: ExportRequest, output: Writable) => writeExport(ctx, request, output),
    processPendingWebhooks: () => processPendingEvents(processor),
    sendPendingEmails: () => (ctx.sendEmail ? sendPendingEmails(ctx.prisma, ctx.sendEmail, ctx.logger) : Promise.resolve({ sent: 0, failed: 0 })),
    flushEmails,
    /** Is the Qonto feed alive (last sync, last delivery, events, next sync, last error)? No secret in it. */
    feedHealth: () => feedHealth(ctx),
    /** The webhook subscription the product manages (OAuth and publicWebhookUrl required). */
    webhookSubscription: {
      ensure: () => ensureSubscription(ctx),
      rotateSecret: (windowMs?: number) => rotateSecret(ctx, { windowMs }),
      /** Before revoking the Qonto tokens: deletes the subscription at Qonto and here. */
      remove: () => onQontoDisconnect(ctx),
    },
  }
}

export type ReconciliationCore = ReturnType<typeof createReconciliationCore>
export { SYSTEM_ACTOR, type Actor, type ReconciliationContext }
export type { CoreOptions, CurrentUser, OutgoingEmail, QontoOAuthOptions, UserMapping } from './options.js'
export type { ClientMapping, InvoiceMapping, WhereValue } from './host/mapping.js'
export { notificationModel, type NotificationAdapter, type NotificationModelOptions, type ReconciliationNotification } from './host/notifications.js'
export type { FullDmmf } from './host/dmmf.js'
export { qontoSettingsFromEnv, type QontoSettings } from './qonto/config.js'
export { QontoConfigError } from './qonto/errors.js'
export { createSecretBox, openSecret, parseEncryptionKey, sealSecret, SecretBoxError, type SecretBox } from './qonto/secret-box.js'
export { ReconciliationConfigError } from './errors.js'
export { ReconciliationError, type AssociationRequest, type AssociationResult } from './reconcile/reconciliation.service.js'
export { exportRequestSchema, exportFileName, type ExportRequest } from './reconcile/export.service.js'
export { describeSync, SyncAlreadyRunningError } from './feed/sync.service.js'
export { resolveQontoAccess, markConnectionLost, type QontoAccess } from './feed/qonto-access.service.js'
export { connectionStatus, QontoConnectionError, type ConnectionView } from './feed/qonto-connection.service.js'
export { keepRawBody, QONTO_WEBHOOK_PATH } from './webhooks/qonto.router.js'
export { ensureSubscription, onQontoDisconnect, rotateSecret, WebhookSubscriptionError, type EnsureResult } from './feed/webhook-subscription.service.js'
export { feedHealth, type FeedHealth } from './feed/feed-health.service.js'
/** The work queue (« File de rapprochement ») for a host's own screen: `workQueue(reconciliation.context, { etat: 'a_rapprocher' })`. */
export { workQueue, type WorkQueuePage } from './reconcile/work-queue.service.js'
export type { Logger } from './logger.js'
export { centsToDecimalString, formatEuros, parseAmount, toCents, type Cents } from './domain/money.js'
export { creditorReference, formatCreditorReference, isValidCreditorReference } from './domain/matching/creditor-reference.js'
