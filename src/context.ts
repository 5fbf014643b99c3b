/**
 * The extension's dependencies once the host's options are checked: the host's Prisma client, its
 * invoices and clients through the mapping, notifications, links, settings. Every use-case takes it.
 */
import type { LanguageRef } from './admin/locale/language.js'
import { serverTexts } from './i18n/server-texts.js'
import type { PrismaClient, Prisma } from '@prisma/client'
import { DEFAULT_FEC_SETTINGS, type FecSettings } from './domain/export/fec.js'
import { DEFAULT_MATCH_OPTIONS, type MatchOptions } from './domain/matching/index.js'
import { UNCONNECTED_INGEST_HOOKS, type IngestHooks } from './feed/ingest-hooks.js'
import { createClientStore, type ClientStore } from './host/clients.js'
import { loadDmmf, type FullDmmf } from './host/dmmf.js'
import { createInvoiceStore, type InvoiceStore } from './host/invoices.js'
import { checkForeignKey, resolveClientMapping, resolveInvoiceMapping } from './host/mapping.js'
import type { NotificationAdapter, ReconciliationNotification } from './host/notifications.js'
import { defaultLogger, type Logger } from './logger.js'
import { validateOptions, type CoreOptions, type CurrentUser, type OutgoingEmail, type QontoOAuthOptions } from './options.js'
import type { QontoSettings } from './qonto/config.js'
import { createSecretBox, type SecretBox } from './qonto/secret-box.js'

/** The host's client, seen through the extension's own models (its schema includes them). */
export type Db = PrismaClient
export type Tx = Prisma.TransactionClient

export interface Links {
  transaction(id: string): string
  dashboard(): string
}

export interface Actor {
  userId: string | null
  label: string
}

export const SYSTEM_ACTOR: Actor = { userId: null, label: 'système (rapprochement automatique)' }

export interface ReconciliationContext {
  prisma: Db
  dmmf: FullDmmf
  invoices: InvoiceStore
  clients: ClientStore
  notifications: NotificationAdapter | null
  sendEmail: ((email: OutgoingEmail) => Promise<void>) | null
  qonto: QontoSettings | null
  webhookSecrets: string[]
  /** Encrypts the stored Qonto connection (src/qonto/secret-box.ts); `available` false without encryptionKey. */
  secretBox: SecretBox
  /** The host's Qonto OAuth app, or null (then only the API-key path is offered). */
  qontoOAuth: QontoOAuthOptions | null
  qontoHosts: { api?: string; oauth?: string } | null
  autoReconcile: boolean
  syncIntervalMinutes: number
  /** The public URL Qonto posts webhook deliveries to (the subscription the product manages), or null. */
  publicWebhookUrl: string | null
  timeZone: string
  /** What every matcher call gets, so panel, CLI, sync and webhook rank with the same rules. */
  matchOptions: Pick<MatchOptions, 'timeZone' | 'invoicePrefixes'>
  rootPath: string
  links: Links
  fec: FecSettings
  /** Minutes a client e-mail waits before it is sent: an undo within it cancels the e-mail. */
  emailGraceMinutes: number
  /** Write-offs ("Solder avec écart"): the largest difference and its account. */
  writeOff: { maxCents: number; account: string }
  emailSignature: string
  /** The panel's language: the host's AdminJS locale (set by index.ts `locale()`), French by default. */
  panelLanguage: LanguageRef
  /** Notifications, client e-mails and the CLI: the `language` option, else the panel's. */
  language: LanguageRef
  logger: Logger
  /** What ingest raises (rules, cancellations, new credits): the reconciliation side's answers, set by the composition root. */
  ingestHooks: IngestHooks
  actorOf(user: CurrentUser | undefined): Actor
  canReconcile(user: CurrentUser | undefined): boolean
  canManageQonto(user: CurrentUser | undefined): boolean
}

export function createContext(options: CoreOptions): ReconciliationContext {
  validateOptions(options)
  const dmmf = loadDmmf(options)
  const invoiceMapping = resolveInvoiceMapping(dmmf, options.invoices)
  const clientMapping = resolveClientMapping(dmmf, options.clients)
  checkForeignKey(dmmf, invoiceMapping.model, invoiceMapping.fields.client, clientMapping.model, 'invoices.fields.client')
  const timeZone = options.timeZone ?? 'Europe/Paris'
  const rootPath = (options.rootPath ?? '/admin').replace(/\/$/, '')
  const notifications = typeof options.notifications === 'function' ? options.notifications(dmmf, options.prisma) : (options.notifications ?? null)
  const { users } = options
  const panelLanguage: LanguageRef = { current: 'fr' }
  const language: LanguageRef = {
    get current() {
      return options.language ?? panelLanguage.current
    },
  }
  return {
    prisma: options.prisma as Db,
    dmmf,
    invoices: createInvoiceStore(invoiceMapping, clientMapping, timeZone),
    clients: createClientStore(clientMapping),
    notifications,
    sendEmail: options.sendEmail ?? null,
    qonto: options.qonto ?? null,
    webhookSecrets: options.webhookSecrets ?? [],
    secretBox: createSecretBox(options.encryptionKey, options.previousEncryptionKeys),
    qontoOAuth: options.qontoOAuth ?? null,
    qontoHosts: options.qontoHosts ?? null,
    autoReconcile: options.autoReconcile ?? true,
    syncIntervalMinutes: options.syncIntervalMinutes ?? 15,
    publicWebhookUrl: options.publicWebhookUrl ?? null,
    timeZone,
    matchOptions: { timeZone, invoicePrefixes: options.invoicePrefixes ?? DEFAULT_MATCH_OPTIONS.invoicePrefixes },
    rootPath,
    links: {
      transaction: (id) => `${rootPath}/resources/TransactionQonto/records/${encodeURIComponent(id)}/show`,
      dashboard: () => `${rootPath}/pages/rapprochement`,
    },
    fec: { ...DEFAULT_FEC_SETTINGS, ...options.fec, timeZone },
    emailGraceMinutes: options.emailGraceMinutes ?? 10,
    writeOff: { maxCents: options.writeOff?.maxCents ?? 500, account: options.writeOff?.account ?? '627000' },
    get emailSignature() {
      return options.emailSignature ?? serverTexts({ language }).paidEmail.signature
    },
    panelLanguage,
    language,
    logger: options.logger ?? defaultLogger,
    ingestHooks: UNCONNECTED_INGEST_HOOKS,
    actorOf: (user) => ({ userId: user ? users.id(user) : null, label: user ? (users.label?.(user) ?? String(user.email ?? users.id(user) ?? 'inconnu')) : 'inconnu' }),
    canReconcile: (user) => Boolean(user) && users.canReconcile(user!),
    canManageQonto: (user) => Boolean(user) && (users.canManageQonto ?? users.canReconcile)(user!),
  }
}

/** Hands notifications to the host once per key, inside the caller's transaction. */
export async function notify(ctx: ReconciliationContext, tx: Tx, notifications: ReconciliationNotification[]): Promise<void> {
  if (!ctx.notifications || notifications.length === 0) return
  const fresh = await tx.$queryRawUnsafe<Array<{ cle: string }>>(
    `INSERT INTO "qonto_notification_keys" ("cle") SELECT unnest($1::text[]) ON CONFLICT ("cle") DO NOTHING RETURNING "cle"`,
    notifications.map((n) => n.key),
  )
  const keys = new Set(fresh.map((row) => row.cle))
  const due = notifications.filter((n) => keys.has(n.key))
  if (due.length > 0) await ctx.notifications.notify(due, tx)
}
