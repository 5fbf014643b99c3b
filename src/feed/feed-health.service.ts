/**
 * Is the Qonto feed alive? Last successful sync (per account) and last webhook delivery, webhook
 * events waiting, retrying or set aside, next scheduled sync, the last error in French with what to
 * do. A feed with neither a delivery nor a successful sync for longer than twice the sync interval is
 * stale: a warning, and the admins are notified once per stale spell (notification key).
 */
import { serverTexts } from '../i18n/server-texts.js'
import type { Language } from '../admin/locale/language.js'
import { dateTimeIn } from '../domain/dates.js'
import { notify, type ReconciliationContext } from '../context.js'
import { accountLabel, qontoClientFor } from './bank-accounts.service.js'
import { nextScheduledSync } from './sync-schedule.js'
import { subscriptionUnavailableReason, subscriptionView } from './webhook-subscription.service.js'

export type FeedStatus = 'not-configured' | 'waiting' | 'ok' | 'stale'

export interface FeedHealth {
  status: FeedStatus
  /** When the status is stale: the warning, in the panel's language. */
  warning: string | null
  lastSuccessfulSyncAt: string | null
  lastWebhookDeliveryAt: string | null
  nextSyncAt: string | null
  /** A sync holds its lease right now (in any process): the backfill after a connection, or a periodic one. */
  syncing: boolean
  syncIntervalMinutes: number
  /** Stale after this many minutes without news (twice the interval); null when the periodic sync is off. */
  staleAfterMinutes: number | null
  events: { waiting: number; retrying: number; rejected: number }
  /** Malformed transactions a sync set aside (the rest of their page stored); the admins were told of each. */
  rejectedTransactions: number
  lastError: { message: string; advice: string; at: string | null; account: string | null } | null
  accounts: Array<{ account: string; label: string; lastSuccessAt: string | null; lastError: string | null }>
  webhook: { managed: boolean; url: string | null; rotating: boolean; note: string | null }
}

/** What to do about a sync error, from the client's own (French) message, in a language (French by default). */
export function adviceFor(message: string, language: Language = 'fr'): string {
  const T = serverTexts({ language: { current: language } }).syncAdvice
  if (/HTTP 40[13]\b|refusés/.test(message)) return T.refused
  if (/HTTP 429\b/.test(message)) return T.rateLimited
  if (/HTTP 5\d\d\b|injoignable|n'a pas répondu/.test(message)) return T.unavailable
  if (/HTTP 404\b/.test(message)) return T.accountNotFound
  if (/HTTP 422\b/.test(message)) return T.requestRefused
  if (/inattendue|illisible/.test(message)) return T.unexpected
  if (/déjà en cours/.test(message)) return T.alreadyRunning
  return T.other
}

const latest = (dates: Array<Date | null | undefined>): Date | null =>
  dates.reduce<Date | null>((max, d) => (d && (max === null || d > max) ? d : max), null)

/** The feed's health now; with `notifyWhenStale`, a stale feed notifies the admins (once per stale spell). */
export async function feedHealth(ctx: ReconciliationContext, options: { now?: Date; notifyWhenStale?: boolean } = {}): Promise<FeedHealth> {
  const now = options.now ?? new Date()
  const prisma = ctx.prisma
  const [access, states, accounts, lastEvent, pending, rejected, subscription, rejectedTransactions] = await Promise.all([
    qontoClientFor(ctx),
    prisma.qontoSyncState.findMany({ select: { id: true, lastRunAt: true, lastError: true, lastSuccessAt: true, lockedUntil: true } }),
    prisma.qontoBankAccount.findMany({ select: { id: true, name: true, iban: true, reconcile: true } }),
    prisma.qontoWebhookEvent.findFirst({ orderBy: { receivedAt: 'desc' }, select: { receivedAt: true } }),
    prisma.qontoWebhookEvent.groupBy({ by: ['attempts'], where: { processedAt: null, rejectedAt: null }, _count: true }),
    prisma.qontoWebhookEvent.count({ where: { processedAt: null, rejectedAt: { not: null } } }),
    subscriptionView(ctx),
    prisma.qontoRejectedTransaction.count(),
  ])
  const accountOf = new Map(accounts.map((a) => [a.id, a]))
  // The accounts that matter: those synced (a state row) that are still chosen or fixed by the configuration.
  const relevant = states.filter((s) => {
    const account = accountOf.get(s.id)
    return !account || account.reconcile || (access?.account && 'bankAccountId' in access.account && access.account.bankAccountId === s.id)
  })
  const lastSync = latest(relevant.map((s) => s.lastSuccessAt))
  const lastDelivery = latest([lastEvent?.receivedAt, subscription?.lastDeliveryAt ? new Date(subscription.lastDeliveryAt) : null])
  const failing = relevant
    .filter((s) => s.lastError && (!s.lastSuccessAt || (s.lastRunAt && s.lastRunAt > s.lastSuccessAt)))
    .sort((a, b) => (b.lastRunAt?.getTime() ?? 0) - (a.lastRunAt?.getTime() ?? 0))[0]
  const labelOf = (id: string) => {
    const account = accountOf.get(id)
    return account ? accountLabel(account) : id
  }
  const configured = access !== null || ctx.webhookSecrets.length > 0 || subscription !== null
  const interval = ctx.syncIntervalMinutes
  const staleAfterMinutes = interval > 0 ? 2 * interval : null
  const lastNews = latest([lastSync, lastDelivery])
  let status: FeedStatus
  if (!configured) status = 'not-configured'
  else if (lastNews === null) status = 'waiting'
  else if (staleAfterMinutes !== null && now.getTime() - lastNews.getTime() > staleAfterMinutes * 60_000) status = 'stale'
  else status = 'ok'
  // The panel reads it in its language; the admins' notification in the context's.
  const warningIn = (language: Language) =>
    serverTexts({ language: { current: language } }).feedStale.warning(dateTimeIn(language, lastNews!, ctx.timeZone), failing ? adviceFor(failing.lastError!, language) : null)
  const panel = ctx.panelLanguage.current
  const warning = status === 'stale' ? warningIn(panel) : null

  const health: FeedHealth = {
    status,
    warning,
    lastSuccessfulSyncAt: lastSync?.toISOString() ?? null,
    lastWebhookDeliveryAt: lastDelivery?.toISOString() ?? null,
    nextSyncAt: nextScheduledSync(ctx)?.toISOString() ?? null,
    syncing: states.some((s) => s.lockedUntil !== null && s.lockedUntil > now),
    syncIntervalMinutes: interval,
    staleAfterMinutes,
    events: {
      waiting: pending.filter((p) => p.attempts === 0).reduce((sum, p) => sum + p._count, 0),
      retrying: pending.filter((p) => p.attempts > 0).reduce((sum, p) => sum + p._count, 0),
      rejected,
    },
    rejectedTransactions,
    lastError: failing
      ? { message: failing.lastError!, advice: adviceFor(failing.lastError!, panel), at: failing.lastRunAt?.toISOString() ?? null, account: labelOf(failing.id) }
      : null,
    accounts: relevant.map((s) => ({ account: s.id, label: labelOf(s.id), lastSuccessAt: s.lastSuccessAt?.toISOString() ?? null, lastError: s.lastError })),
    webhook: {
      managed: subscription !== null,
      url: subscription?.url ?? null,
      rotating: subscription?.rotating ?? false,
      note: ctx.publicWebhookUrl && !subscription ? subscriptionUnavailableReason(ctx, access) : null,
    },
  }
  if (status === 'stale' && options.notifyWhenStale) await notifyStale(ctx, lastNews!, warningIn(ctx.language.current))
  return health
}

/** Once per stale spell: the key is the time of the last news, so a feed that recovers and stalls again notifies again. */
async function notifyStale(ctx: ReconciliationContext, lastNews: Date, warning: string): Promise<void> {
  try {
    await ctx.prisma.$transaction(async (tx) =>
      notify(ctx, tx, [{ key: `feed-stale:${lastNews.toISOString()}`, type: 'FLUX_QONTO_INTERROMPU', title: serverTexts(ctx).feedStale.title, message: warning, link: ctx.links.dashboard() }]),
    )
  } catch (error) {
    ctx.logger.error({ err: error }, 'stale feed notification failed')
  }
}
