/**
 * Public entry point of the extension: everything a host AdminJS app needs to mount the Qonto
 * reconciliation. The reference back-office in src/admin/ uses exactly this and nothing private.
 */
import type { ComponentLoader, CurrentAdmin, LocaleTranslations, LocaleTranslationsBlock, ResourceWithOptions } from 'adminjs'
import { syncQontoAction } from './admin/actions/sync-qonto.action.js'
import { marquerLuAction, marquerLusAction, unreadCount } from './admin/actions/notification.actions.js'
import { associerAction, dissocierAction, rapprocherSelectionAction, rapprocherToutAction } from './admin/actions/reconciliation.actions.js'
import { registerComponents } from './admin/component-loader.js'
import type { Database } from './db/database.js'
import { runConfiguredSync } from './services/qonto-sync.runner.js'
import { autoReconcileNewCredits } from './services/auto-reconcile.service.js'
import { createLogger, type Logger } from './logger.js'
import { QontoClient } from './qonto/client.js'
import { qontoSettingsFromEnv } from './qonto/config.js'
import { QontoConfigError } from './qonto/errors.js'
import { processEvent, processPendingEvents, type ProcessorDeps } from './services/webhook-events.service.js'
import { ProcessingQueue } from './webhooks/processing-queue.js'
import { createMailer, sendPendingEmails } from './services/email-outbox.service.js'
import { createQontoWebhookRouter } from './webhooks/qonto.router.js'
import { fr } from './admin/locale/fr.js'
import { dashboardStats, paymentsToReconcile } from './services/dashboard.service.js'
import { isAdmin, signedIn } from './admin/access.js'
import { createAllocationResource } from './resources/allocation.resource.js'
import { createAuditLogResource } from './resources/audit-log.resource.js'
import { createDocumentResource } from './resources/document.resource.js'
import { createMarqueResource } from './resources/marque.resource.js'
import { createNotificationResource } from './resources/notification.resource.js'
import { createTransactionQontoResource } from './resources/transaction-qonto.resource.js'
import { createUserResource } from './resources/user.resource.js'

export interface ReconciliationOptions {
  /** From openDatabase(): the Prisma client plus cross-process locks. */
  db: Database
  componentLoader: ComponentLoader
  /** Where QONTO_* settings are read (process.env by default). */
  env?: NodeJS.ProcessEnv
  logger?: Logger
}

export function createReconciliation({ db, componentLoader, env = process.env, logger = createLogger() }: ReconciliationOptions) {
  const { prisma } = db
  const processor: ProcessorDeps = {
    prisma,
    logger,
    qonto: optionalQontoClient(env),
    onIngested: async (report) => {
      if (await autoReconcileNewCredits(prisma, report.newCreditIds, env, logger)) flushEmails()
    },
  }
  const webhookQueue = new ProcessingQueue((id) => processEvent(processor, id))
  const mailer = createMailer(env)
  const sendEmails = () => sendPendingEmails(prisma, mailer, logger)
  /** After a commit that may have queued e-mails: send them now rather than at the next tick. */
  const flushEmails = () => void sendEmails().catch((error: unknown) => logger.error({ err: error }, 'outbox flush failed'))
  const components = registerComponents(componentLoader)
  const deps = { prisma, components }
  const resources = [
    createTransactionQontoResource(deps, {
      associer: associerAction(prisma, components.Associer, flushEmails),
      dissocier: dissocierAction(prisma, components.RunAction),
      rapprocherAutomatiquement: rapprocherSelectionAction(prisma, components.RunAction, flushEmails),
      rapprocherTout: rapprocherToutAction(prisma, components.RunAction, flushEmails),
      exporter: { actionType: 'resource', icon: 'Download', component: components.Exporter, isAccessible: signedIn, handler: async () => ({}) },
      synchroniserQonto: syncQontoAction(() => runConfiguredSync(db, {}, env, logger), components.RunAction),
    }),
    createAllocationResource(deps),
    createNotificationResource(deps, {
      marquerLu: marquerLuAction(prisma, components.RunAction),
      marquerLus: marquerLusAction(prisma, components.RunAction),
    }),
    createDocumentResource(deps),
    createMarqueResource(deps),
    createUserResource(deps),
    createAuditLogResource(deps),
  ] as unknown as ResourceWithOptions[]
  return {
    resources,
    dashboard: {
      component: components.Dashboard,
      handler: async (_request: unknown, _response: unknown, context: { currentAdmin?: CurrentAdmin }) => {
        const [stats, payments, unreadNotifications] = await Promise.all([
          dashboardStats(prisma),
          paymentsToReconcile(prisma),
          unreadCount(prisma, (context.currentAdmin as { id?: string } | undefined)?.id),
        ])
        return { stats, payments, canReconcile: isAdmin(context.currentAdmin), unreadNotifications }
      },
    },
    locale: { language: 'fr', availableLanguages: ['fr'], translations: { fr: withResourceTranslations(fr, resources) } },
    /** Mount next to AdminJS, outside its authentication: POST /api/webhooks/qonto. */
    webhookRouter: createQontoWebhookRouter({ prisma, logger, secrets: webhookSecrets(env), queue: webhookQueue }),
    webhookQueue,
    /** Retries webhook events not processed yet (call at start and periodically). */
    processPendingWebhooks: () => processPendingEvents(processor),
    /** Sends the outbox e-mails that are due (call periodically). */
    sendPendingEmails: sendEmails,
  }
}

function webhookSecrets(env: NodeJS.ProcessEnv): string[] {
  return (env.QONTO_WEBHOOK_SECRET ?? '').split(',').map((s) => s.trim()).filter((s) => s.length > 0)
}

/** A Qonto client when credentials are configured (webhooks then re-fetch exact cents by id). */
function optionalQontoClient(env: NodeJS.ProcessEnv): QontoClient | undefined {
  try {
    return new QontoClient(qontoSettingsFromEnv(env))
  } catch (error) {
    if (error instanceof QontoConfigError) return undefined
    throw error
  }
}

/**
 * AdminJS 7.8 drops `options.translations` of resources built this way, so their French labels
 * are merged into the global locale under `resources.<id>`, where AdminJS looks them up.
 */
function withResourceTranslations(base: LocaleTranslations, resources: ResourceWithOptions[]): LocaleTranslations {
  const perResource: Record<string, LocaleTranslationsBlock> = {}
  for (const { options } of resources) {
    const french = (options.translations as Record<string, LocaleTranslationsBlock> | undefined)?.fr
    if (options.id && french) perResource[options.id] = french
  }
  return { ...base, resources: { ...base.resources, ...perResource } }
}

export type Reconciliation = ReturnType<typeof createReconciliation>
export { openDatabase, type Database, type DatabaseTarget } from './db/database.js'
export { migrate } from './db/migrate.js'
export { fr as frenchTranslations }
