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
import { reconciliationStatement } from './reconcile/statement.service.js'
import { statementCsv } from './domain/export/statement-csv.js'
import { closePeriod } from './reconcile/closing.service.js'
import { writeExport, type ExportOutput, type ExportRequest } from './reconcile/export.service.js'
import { suggestionsForTransaction } from './reconcile/matching-data.service.js'
import { explainResult } from './domain/matching/reason-texts.js'
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
import { AcceptedRecords } from './feed/accepted-records.js'
import { processDueEvents, processPendingEvents, type ProcessorDeps } from './feed/webhook-events.service.js'
import { createAutoEvaluationSweeper } from './runtime/auto-evaluation.js'
import { feedHealth } from './feed/feed-health.service.js'
import { goLiveRunning, resumeGoLive } from './feed/go-live.service.js'
import { ensureSubscription, onQontoDisconnect, rotateSecret } from './feed/webhook-subscription.service.js'
import { ProcessingQueue, type WebhookQueue } from './webhooks/processing-queue.js'
import { createQontoWebhookRouter, QONTO_WEBHOOK_PATH } from './webhooks/qonto.router.js'
import { createQontoOAuthRouter } from './webhooks/qonto-oauth.router.js'
import { resealQontoSecrets } from './feed/secret-rotation.service.js'

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

/**
 * Webhook events per processing batch, and how long a lane gathers events after a batch that was not
 * full. A lone delivery is processed at once; under a burst, a batch costs about twenty statements
 * whatever its size (claim, ingest, rules, notifications, matching data, associations), so batches of a
 * second's deliveries leave acceptance the CPU it needs (measured: server CPU per delivery 5.1 ms with
 * 250 ms, 3.3 ms with 1 s, for 1.7 ms to accept alone) and are still processed within the burst.
 */
const WEBHOOK_BATCH = 200
const WEBHOOK_GATHER_MS = 1000

export function createReconciliationCore(options: CoreRuntimeOptions) {
  const ctx = createContext(options)
  // One flush at a time in this process (each sends until nothing is due); one more after it when asked meanwhile.
  let flushing = false
  let flushAgain = false
  const flushEmails = () => {
    const send = ctx.sendEmail
    if (!send) return
    if (flushing) {
      flushAgain = true
      return
    }
    flushing = true
    void sendPendingEmails(ctx, send)
      .catch((error: unknown) => ctx.logger.error({ err: error }, 'outbox flush failed'))
      .finally(() => {
        flushing = false
        if (flushAgain) {
          flushAgain = false
          flushEmails()
        }
      })
  }
  connectRooms(ctx, { onAutoReconciled: flushEmails })
  // What a crash, a timeout or a restart left flagged for automatic reconciliation: swept at start and every 30 s.
  const sweeper = createAutoEvaluationSweeper(ctx, flushEmails)
  // Deliveries accepted here are processed from the record validated on arrival (not read back and validated again).
  const accepted = new AcceptedRecords()
  const processor: ProcessorDeps = {
    ctx,
    accepted,
    qonto: async () => {
      const access = await resolveQontoAccess(ctx)
      return access.source === 'none' ? undefined : access.client
    },
  }
  const drain = new ProcessingQueue(async () => {
    try {
      return (await processDueEvents(processor, WEBHOOK_BATCH)).claimed
    } catch (error) {
      ctx.logger.error({ err: error }, 'webhook events could not be processed (retried later)')
      return 0
    }
  }, 2, WEBHOOK_BATCH, WEBHOOK_GATHER_MS)
  /** Idle once the events are processed and the credits they stored evaluated. */
  const webhookQueue: WebhookQueue = {
    enqueue: (id, record) => {
      if (record) accepted.keep(id, record)
      drain.enqueue(id)
    },
    idle: async () => {
      await drain.idle()
      await sweeper.idle()
    },
  }
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
      // A key rotation completes here: what the previous key sealed is sealed again with the current one.
      void resealQontoSecrets(ctx).catch((error: unknown) => ctx.logger.error({ err: error }, 'qonto secrets re-seal failed'))
      void backfillPayerKeys(ctx)
        .then(({ backfilled }) => backfilled > 0 && ctx.logger.info({ backfilled }, 'payer name keys backfilled'))
        .catch((error: unknown) => ctx.logger.error({ err: error }, 'payer name key backfill failed'))
      jobs = [
        startPeriodicSync(ctx),
        startRecurring(ctx, 'pending webhook events retried', () => processPendingEvents(processor), 30),
        startRecurring(ctx, 'automatic reconciliation of flagged credits', async () => {
          const { evaluated, matched } = await sweeper.sweep()
          return { evaluated, matched }
        }, 30),
        // A go-live the process that connected Qonto did not live to finish.
        startRecurring(ctx, 'qonto go-live resumed', async () => ({ resumed: (await resumeGoLive(ctx)) ? 1 : 0 }), 30),
        startEmailSender(ctx),
        startSubscriptionWatch(ctx),
        startFeedHealthWatch(ctx),
      ].filter((job): job is Job => job !== null)
    },
    /** Stops the timers and waits for the webhook events being processed. */
    async stop(): Promise<void> {
      for (const job of jobs) job.stop()
      jobs = []
      await Promise.all([webhookQueue.idle(), goLiveRunning(ctx)])
      sweeper.stop()
    },
    sync: (syncOptions?: SyncOptions) => runConfiguredSync(ctx, syncOptions),
    /** A payment's suggestions, their texts in the context's language (the `language` option, else the host's). */
    suggestions: async (transactionId: string, maxSuggestions?: number) => {
      const result = await suggestionsForTransaction(ctx, transactionId, maxSuggestions)
      return result ? explainResult(result, ctx.language.current) : null
    },
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
    export: (request: ExportRequest, output: ExportOutput) => writeExport(ctx, request, output),
    /** The bank reconciliation statement at a date (ledger brought up to date first), and its CSV. */
    statement: async (date: string) => {
      const statement = await reconciliationStatement(ctx, date)
      return { statement, csv: statementCsv(statement) }
    },
    /** Closes every day up to `through` (AAAA-MM-JJ): no entry is dated in it any more. */
    closePeriod: (through: string, actor: Actor) => closePeriod(ctx, { through, actor }),
    processPendingWebhooks: () => processPendingEvents(processor),
    sendPendingEmails: () => (ctx.sendEmail ? sendPendingEmails(ctx, ctx.sendEmail) : Promise.resolve({ sent: 0, failed: 0, abandoned: 0 })),
    /** Runs automatic reconciliation on every flagged credit now (the sweep also runs every 30 s once started). */
    evaluateFlaggedCredits: () => sweeper.sweep(),
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
export { exportRequestSchema, exportFileName, type ExportRequest, type ExportOutput } from './reconcile/export.service.js'
export { validateFec, type FecValidationOptions } from './domain/export/fec-validator.js'
export { FecError, type ClientForAccount, type FecSettings } from './domain/export/fec.js'
export { ClosingError, type ClosingResult } from './reconcile/closing.service.js'
export type { Statement, StatementAccount } from './reconcile/statement.service.js'
export { describeSync, SyncAlreadyRunningError } from './feed/sync.service.js'
export { resolveQontoAccess, markConnectionLost, type QontoAccess } from './feed/qonto-access.service.js'
export { connectionStatus, QontoConnectionError, type ConnectionView } from './feed/qonto-connection.service.js'
export { keepRawBody, QONTO_WEBHOOK_PATH } from './webhooks/qonto.router.js'
export { ensureSubscription, onQontoDisconnect, rotateSecret, WebhookSubscriptionError, type EnsureResult } from './feed/webhook-subscription.service.js'
export { feedHealth, type FeedHealth } from './feed/feed-health.service.js'
/** The work queue (« File de rapprochement ») for a host's own screen: `workQueue(reconciliation.context, { etat: 'a_rapprocher' })`. */
export { workQueue, type WorkQueuePage } from './reconcile/work-queue.service.js'
export type { MatchResult, Reason, ReasonCode, ReasonFact, Suggestion } from './domain/matching/types.js'
export type { Logger } from './logger.js'
export { centsToDecimalString, formatEuros, parseAmount, toCents, type Cents } from './domain/money.js'
export { creditorReference, formatCreditorReference, isValidCreditorReference } from './domain/matching/creditor-reference.js'
