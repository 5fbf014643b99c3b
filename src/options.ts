/**
 * Everything a host gives the extension, as one explicit object (reading process.env is the host's
 * job). Checked at start: the shape with zod, the model and field names against the host's schema.
 */
import { z } from 'zod'
import type { FecSettings } from './domain/export/fec.js'
import { ReconciliationConfigError } from './errors.js'
import type { FullDmmf } from './host/dmmf.js'
import type { ClientMapping, InvoiceMapping } from './host/mapping.js'
import type { NotificationsOption } from './host/notifications.js'
import type { Logger } from './logger.js'
import type { QontoSettings } from './qonto/config.js'
import { ENCRYPTION_KEY_HINT, parseEncryptionKey } from './qonto/secret-box.js'

/** Whoever AdminJS says is signed in (its `currentAdmin`). */
export type CurrentUser = Record<string, unknown> & { email?: string; id?: unknown }

export interface UserMapping {
  /** The host's user id, as text (written in allocations and the audit log). */
  id(user: CurrentUser): string | null
  /** How the audit log and exports name this user (default: the e-mail). */
  label?(user: CurrentUser): string
  /** Who may associate, undo, sync and auto-reconcile. Checked on the server for every action. */
  canReconcile(user: CurrentUser): boolean
  /** Who may connect or disconnect Qonto ("Connexion Qonto"); default: canReconcile. Checked on the server. */
  canManageQonto?(user: CurrentUser): boolean
}

export interface OutgoingEmail {
  to: string
  subject: string
  text: string
  /** Message-ID header to set (the same for every attempt of one outbox row, so a copy is recognisable). */
  messageId?: string
}

export interface QontoOAuthOptions {
  clientId: string
  clientSecret: string
  /** The URL Qonto sends the browser back to (registered in the Qonto app), see README "Connexion Qonto". */
  redirectUri: string
  /** Default environment offered by the page. Default 'production'. */
  environment?: 'sandbox' | 'production'
}

export interface CoreOptions {
  /** The host's Prisma client (its schema includes the extension's models, see `qonto-reconcile init`). */
  prisma: unknown
  /** Path of the host's Prisma schema (file or multi-file folder), read for the full DMMF. */
  schema?: string
  /** Or the full DMMF itself. */
  dmmf?: FullDmmf
  invoices: InvoiceMapping
  clients: ClientMapping
  users: UserMapping
  notifications?: NotificationsOption
  /**
   * Sends the "facture réglée" e-mails of the outbox; without it, no e-mail is queued. Throw when the
   * message was not sent: an error with an SMTP `responseCode`, a connection that never opened, or
   * `notSent: true` is retried; any other error leaves the outcome unknown and is never retried.
   */
  sendEmail?: (email: OutgoingEmail) => Promise<void>
  /** Qonto API access (sync, and exact amounts for webhook events); null/absent: not configured. */
  qonto?: QontoSettings | null
  /** Secrets of the Qonto webhook subscription (several during a rotation). */
  webhookSecrets?: string[]
  /** Key (32 bytes: hex, base64, or the bytes) encrypting the stored Qonto connection; required to connect from the panel. */
  encryptionKey?: string | Uint8Array
  /**
   * Keys used before `encryptionKey` (a rotation): still read, never written; `resealQontoSecrets`
   * (run at start) re-seals everything with the current key, after which they can be removed.
   */
  previousEncryptionKeys?: string[]
  /** The host's Qonto OAuth app ("Connecter avec Qonto" in the panel); the client secret never leaves the server. */
  qontoOAuth?: QontoOAuthOptions | null
  /** Other Qonto hosts than the documented ones, for both environments (a stand-in in tests). */
  qontoHosts?: { api?: string; oauth?: string }
  /** Apply unambiguous matches to new credits (sync and webhook). Default true. */
  autoReconcile?: boolean
  /** Minutes between automatic syncs once start() is called; 0 = off. Default 15. */
  syncIntervalMinutes?: number
  /** Public HTTPS URL of the webhook route (e.g. https://compta.example.fr/api/webhooks/qonto): with OAuth, the product subscribes it. */
  publicWebhookUrl?: string
  /** The business day's time zone (matching, screens, exports). Default Europe/Paris. */
  timeZone?: string
  /** Prefixes of the host's invoice numbers (FACT, F, INV…): only a number with one of them, or exactly an invoice's number, auto-applies. */
  invoicePrefixes?: string[]
  /** The host's AdminJS rootPath, for links in notifications. Default '/admin'. */
  rootPath?: string
  /** FEC journal and accounts (validated: a 512 bank account, a 41 client account…), fiscal year start, the client's auxiliary account. */
  fec?: Partial<Omit<FecSettings, 'timeZone'>>
  /** Minutes a "facture réglée" e-mail waits in the outbox before it is sent (Dissocier within it cancels it). Default 10. */
  emailGraceMinutes?: number
  /** "Solder avec écart": the largest difference closed without cash (cents, default 500 = 5,00 €) and its FEC account (default 627000, bank fees). */
  writeOff?: { maxCents?: number; account?: string }
  /** Signature of client e-mails. */
  emailSignature?: string
  /** The language of notifications, client e-mails and the CLI; by default the host's AdminJS locale (French without one). */
  language?: 'fr' | 'en'
  logger?: Logger
}

/** A French chart-of-accounts number: three digits of the class, then digits or capitals. */
const accountNumber = (example: string) =>
  z.string().regex(/^\d{3}[0-9A-Z]{0,17}$/, `numéro de compte attendu (trois chiffres du plan comptable, puis chiffres ou majuscules), par exemple ${example}`)
const fn = z.custom<(...args: never[]) => unknown>((value) => typeof value === 'function', { message: 'fonction attendue' })
const scalar = z.union([z.string(), z.number(), z.boolean()])
/** The FEC settings a host may change (src/domain/export/fec.ts); the time zone is `timeZone`'s. */
const fecSchema = z.object({
  journalCode: z.string().regex(/^[A-Z0-9]{1,6}$/, 'code journal attendu (1 à 6 majuscules ou chiffres), par exemple BQ'),
  journalLabel: z.string().trim().min(1, 'libellé du journal attendu, par exemple Banque Qonto').max(100),
  bankAccount: accountNumber('512000').refine((a) => a.startsWith('512'), 'compte de banque attendu (512…), par exemple 512000'),
  bankAccountLabel: z.string().trim().min(1, 'libellé du compte de banque attendu').max(100),
  clientAccount: accountNumber('411000').refine((a) => a.startsWith('41'), 'compte clients attendu (41…), par exemple 411000'),
  writeOffAccount: accountNumber('627000'),
  suspenseAccount: accountNumber('471000'),
  fiscalYearStartMonth: z.number().int('mois entier attendu (1 à 12)').min(1, 'mois attendu de 1 à 12').max(12, 'mois attendu de 1 à 12'),
  clientAuxAccount: fn,
}).partial().strict()
const qontoSchema = z.object({
  baseUrl: z.url(),
  auth: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('api-key'), login: z.string().min(1), secretKey: z.string().min(1) }).strict(),
    z.object({ kind: z.literal('oauth'), accessToken: z.string().min(1) }).strict(),
    z.object({ kind: z.literal('oauth-managed'), tokens: z.object({ current: fn, afterUnauthorized: fn }) }).strict(),
  ]),
  account: z.union([z.object({ bankAccountId: z.string().min(1) }).strict(), z.object({ iban: z.string().min(1) }).strict()]).optional(),
  stagingToken: z.string().min(1).optional(),
  onCredentialsRefused: fn.optional(),
}).strict()
/** pino's shape: any object with these four methods (a pino logger has many more keys). */
const loggerSchema = z.custom<Logger>(
  (value) => typeof value === 'object' && value !== null && ['debug', 'info', 'warn', 'error'].every((level) => typeof (value as Record<string, unknown>)[level] === 'function'),
  { message: 'logger attendu : un objet avec debug, info, warn et error (pino par exemple)' },
)
const optionsSchema = z.object({
  prisma: z.custom((value) => typeof value === 'object' && value !== null && '$transaction' in value, { message: 'client Prisma attendu' }),
  schema: z.string().min(1).optional(),
  dmmf: z.object({ datamodel: z.object({ models: z.array(z.any()), enums: z.array(z.any()) }) }).optional(),
  invoices: z.object({
    model: z.string().min(1),
    where: z.record(z.string(), z.union([scalar, z.object({ in: z.array(scalar).min(1) })])).optional(),
    fields: z.object({
      number: z.string().min(1), total: z.string().min(1), status: z.string().min(1), client: z.string().min(1),
      issueDate: z.string().min(1), dueDate: z.string().min(1).optional(), paidDate: z.string().min(1).optional(),
      paidAmount: z.string().min(1).optional(), currency: z.string().min(1).optional(),
    }).strict(),
    statuses: z.object({
      open: z.array(z.string().min(1)).min(1), partlyPaid: z.string().min(1).optional(), paid: z.string().min(1),
      cancelled: z.array(z.string().min(1)).optional(),
    }).strict(),
    amounts: z.enum(['euros', 'cents'], { message: 'unité des montants attendue : euros ou cents' }).optional(),
    resourceId: z.string().min(1).optional(),
  }).strict(),
  clients: z.object({
    model: z.string().min(1),
    fields: z.object({
      name: z.string().min(1), ibans: z.string().min(1).optional(), email: z.string().min(1).optional(), accountingAccount: z.string().min(1).optional(),
    }).strict(),
    resourceId: z.string().min(1).optional(),
  }).strict(),
  users: z.object({ id: fn, label: fn.optional(), canReconcile: fn, canManageQonto: fn.optional() }),
  notifications: z.union([fn, z.object({ notify: fn, unreadCount: fn.optional() })]).optional(),
  sendEmail: fn.optional(),
  qonto: qontoSchema.nullable().optional(),
  webhookSecrets: z.array(z.string().min(16, 'secret de webhook trop court (16 caractères minimum)')).optional(),
  encryptionKey: z.union([
    z.string().refine((text) => parseEncryptionKey(text) !== null, ENCRYPTION_KEY_HINT),
    z.custom<Uint8Array>((value) => value instanceof Uint8Array && value.length === 32, { message: ENCRYPTION_KEY_HINT }),
  ]).optional(),
  previousEncryptionKeys: z.array(z.string().refine((text) => parseEncryptionKey(text) !== null, ENCRYPTION_KEY_HINT)).optional(),
  qontoOAuth: z.object({
    clientId: z.string().min(1, 'identifiant client OAuth Qonto attendu'),
    clientSecret: z.string().min(1, 'secret client OAuth Qonto attendu'),
    redirectUri: z.url('URL de retour OAuth attendue, par exemple https://compta.exemple.fr/admin/qonto/oauth/callback'),
    environment: z.enum(['sandbox', 'production']).optional(),
  }).strict().nullable().optional(),
  qontoHosts: z.object({ api: z.url().optional(), oauth: z.url().optional() }).strict().optional(),
  autoReconcile: z.boolean().optional(),
  syncIntervalMinutes: z.number().int().min(0).optional(),
  publicWebhookUrl: z.url().max(512).refine(isPublicWebhookUrl, 'URL publique en https attendue, par exemple https://compta.exemple.fr/api/webhooks/qonto (http seulement pour localhost)').optional(),
  timeZone: z.string().refine(isTimeZone, 'fuseau horaire inconnu').optional(),
  invoicePrefixes: z.array(z.string().regex(/^[\p{L}\p{N}°.]{1,20}$/u, 'préfixe attendu, par exemple FACT')).min(1).optional(),
  rootPath: z.string().regex(/^\/[^\s]*$/, 'chemin attendu, par exemple /admin').optional(),
  fec: fecSchema.optional(),
  emailGraceMinutes: z.number().int().min(0).max(24 * 60).optional(),
  writeOff: z.object({
    maxCents: z.number().int().min(0).max(100_000).optional(),
    account: z.string().regex(/^\d{3,10}$/, 'numéro de compte attendu, par exemple 627000').optional(),
  }).strict().optional(),
  emailSignature: z.string().optional(),
  language: z.enum(['fr', 'en']).optional(),
  logger: loggerSchema.optional(),
  // Read by the entry points built on these options (webhook router, AdminJS integration).
  webhookPath: z.string().regex(/^\/[^\s]*$/).optional(),
  componentLoader: z.any().optional(),
}).strict().refine((o) => o.schema !== undefined || o.dmmf !== undefined, { message: 'indiquez `schema` (chemin du schéma Prisma) ou `dmmf`', path: ['schema'] })

/** Qonto posts to HTTPS URLs; plain http only for a local stand-in. */
function isPublicWebhookUrl(text: string): boolean {
  const url = new URL(text)
  return url.protocol === 'https:' || (url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname))
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('fr-FR', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/** The schema's own (French) messages in English, for the English half of the start error. */
const ENGLISH_MESSAGES: Record<string, string> = {
  'fonction attendue': 'function expected',
  'code journal attendu (1 à 6 majuscules ou chiffres), par exemple BQ': 'journal code expected (1 to 6 capitals or digits), for example BQ',
  'libellé du journal attendu, par exemple Banque Qonto': 'journal label expected, for example Banque Qonto',
  'compte de banque attendu (512…), par exemple 512000': 'bank account expected (512…), for example 512000',
  'libellé du compte de banque attendu': 'bank account label expected',
  'compte clients attendu (41…), par exemple 411000': 'client account expected (41…), for example 411000',
  'mois entier attendu (1 à 12)': 'whole month expected (1 to 12)',
  'mois attendu de 1 à 12': 'month expected from 1 to 12',
  'logger attendu : un objet avec debug, info, warn et error (pino par exemple)': 'logger expected: an object with debug, info, warn and error (pino for example)',
  'client Prisma attendu': 'Prisma client expected',
  'unité des montants attendue : euros ou cents': 'amount unit expected: euros or cents',
  'secret de webhook trop court (16 caractères minimum)': 'webhook secret too short (16 characters at least)',
  'identifiant client OAuth Qonto attendu': 'Qonto OAuth client id expected',
  'secret client OAuth Qonto attendu': 'Qonto OAuth client secret expected',
  'URL de retour OAuth attendue, par exemple https://compta.exemple.fr/admin/qonto/oauth/callback': 'OAuth redirect URL expected, for example https://books.example.com/admin/qonto/oauth/callback',
  'URL publique en https attendue, par exemple https://compta.exemple.fr/api/webhooks/qonto (http seulement pour localhost)': 'public https URL expected, for example https://books.example.com/api/webhooks/qonto (http only for localhost)',
  'fuseau horaire inconnu': 'unknown time zone',
  'préfixe attendu, par exemple FACT': 'prefix expected, for example FACT',
  'chemin attendu, par exemple /admin': 'path expected, for example /admin',
  'numéro de compte attendu, par exemple 627000': 'account number expected, for example 627000',
  'indiquez `schema` (chemin du schéma Prisma) ou `dmmf`': 'give `schema` (the Prisma schema path) or `dmmf`',
  [ENCRYPTION_KEY_HINT]: 'encryption key expected: 32 bytes in hex (64 characters) or base64 (44 characters), for example `openssl rand -base64 32`',
}
const englishMessage = (message: string): string =>
  ENGLISH_MESSAGES[message] ??
  message.replace(
    /^numéro de compte attendu \(trois chiffres du plan comptable, puis chiffres ou majuscules\), par exemple (\w+)$/,
    'account number expected (three digits of the chart of accounts, then digits or capitals), for example $1',
  )

export function validateOptions<T extends CoreOptions>(options: T): T {
  // Each language's messages for this parse only (a library never changes zod's global configuration).
  const french = optionsSchema.safeParse(options, { error: z.locales.fr().localeError })
  if (!french.success) {
    const english = optionsSchema.safeParse(options, { error: z.locales.en().localeError })
    const where = (issue: { path: PropertyKey[] }) => issue.path.map(String).join('.') || '(options)'
    const frenchLines = french.error.issues.map((issue) => `  ${where(issue)} : ${issue.message}`)
    const englishLines = (english.success ? [] : english.error.issues).map((issue) => `  ${where(issue)}: ${englishMessage(issue.message)}`)
    throw new ReconciliationConfigError(`Options de qonto-reconcile invalides :\n${frenchLines.join('\n')}`, `Invalid qonto-reconcile options:\n${englishLines.join('\n')}`)
  }
  return options
}
