/**
 * "Connected" means live: right after a connection is saved (OAuth callback or API key), without
 * another click, the bank accounts are listed, the webhook subscription is created or adopted on
 * the public URL (OAuth only: Qonto opens webhooks to no API key) and the backfill sync runs from the
 * stored cursor (a reconnection resumes where the feed stopped). It runs in the background; its
 * progress is read from what it stores (accounts, subscription, sync states, transactions) by
 * `liveProgress`, so any server process can show it. It is durable: the connection's transaction
 * makes it due (a lease row this process holds and renews while it works, deleted once done), so a
 * process that dies right after the connection leaves it to whichever process sweeps next
 * (`resumeGoLive`, at start and every 30 s), once the lease has expired.
 */
import type { ReconciliationContext, Tx } from '../context.js'
import { feedTexts } from '../i18n/feed-texts.js'
import { heartbeat, holdLease, releaseLease, renewLease, takeOverExpiredLease } from '../db/lease.js'
import { qontoClientFor, refreshBankAccounts } from './bank-accounts.service.js'
import { runConfiguredSync } from './configured-sync.js'
import { SyncAlreadyRunningError } from './sync.service.js'
import { ensureSubscription, subscriptionUnavailableReason, type EnsureStatus } from './webhook-subscription.service.js'

type Step<T> = { ok: true; value: T } | { ok: false; error: string }

export interface GoLiveReport {
  accounts: Step<number>
  /** 'not-applicable' when the product cannot manage a subscription (API key, no public URL…): the reason is in `note`. */
  subscription: Step<EnsureStatus | 'not-applicable'>
  sync: Step<{ created: number; updated: number }>
  note: string | null
}

async function step<T>(ctx: ReconciliationContext, label: string, work: () => Promise<T>): Promise<Step<T>> {
  try {
    return { ok: true, value: await work() }
  } catch (error) {
    ctx.logger.warn({ err: (error as Error).message }, `qonto go-live: ${label} failed`)
    return { ok: false, error: (error as Error).message }
  }
}

/** The three steps in turn; one failing never stops the next (the periodic sync and the subscription watch retry them). */
export async function goLive(ctx: ReconciliationContext): Promise<GoLiveReport> {
  const access = await qontoClientFor(ctx)
  if (!access) {
    const error = feedTexts(ctx.panelLanguage.current).live.notConnected
    return { accounts: { ok: false, error }, subscription: { ok: false, error }, sync: { ok: false, error }, note: null }
  }
  const accounts = await step(ctx, 'bank accounts', () => refreshBankAccounts(ctx, access.client))
  const note = subscriptionUnavailableReason(ctx, access)
  const subscription = note
    ? ({ ok: true, value: 'not-applicable' } as const)
    : await step(ctx, 'webhook subscription', async () => (await ensureSubscription(ctx, access, { backfill: false })).status)
  const sync = await step(ctx, 'backfill sync', async () => {
    try {
      const summary = await runConfiguredSync(ctx)
      return { created: summary.created, updated: summary.updated }
    } catch (error) {
      // Another process (or the periodic sync) is already importing: that is the backfill.
      if (error instanceof SyncAlreadyRunningError) return { created: 0, updated: 0 }
      throw error
    }
  })
  ctx.logger.info({ accounts, subscription, sync }, 'qonto feed live after connection')
  return { accounts, subscription, sync, note }
}

const running = new WeakMap<ReconciliationContext, Promise<GoLiveReport>>()

/**
 * Starts `goLive` in the background (one at a time per process; a second call while it runs gets the
 * same run). Never rejects: failures are in the report and the log.
 */
export function startGoLive(ctx: ReconciliationContext): Promise<GoLiveReport> {
  const current = running.get(ctx)
  if (current) return current
  const run = heldWhileRunning(ctx)
    .catch((error: unknown): GoLiveReport => {
      ctx.logger.error({ err: error }, 'qonto go-live failed')
      const failed = { ok: false as const, error: (error as Error).message }
      return { accounts: failed, subscription: failed, sync: failed, note: null }
    })
    .finally(() => running.delete(ctx))
  running.set(ctx, run)
  return run
}

/** The durable work of the go-live: its lease row (see the module's comment). */
export const GO_LIVE_WORK = 'qonto-go-live'

/** In the connection's transaction: the go-live is due, held by this process (which starts it after the commit). */
export function markGoLiveDue(tx: Tx): Promise<void> {
  return holdLease(tx, GO_LIVE_WORK)
}

/** The go-live, its lease renewed while it runs and deleted once it has run (its failed steps are retried by the periodic jobs). */
async function heldWhileRunning(ctx: ReconciliationContext): Promise<GoLiveReport> {
  const warn = (error: unknown) => ctx.logger.warn({ err: (error as Error).message }, 'qonto go-live lease not renewed or released')
  const beat = heartbeat(() => renewLease(ctx.prisma, GO_LIVE_WORK), warn)
  try {
    return await goLive(ctx)
  } finally {
    beat.stop()
    await releaseLease(ctx.prisma, GO_LIVE_WORK).catch(warn)
  }
}

/** A go-live a dead process left due (its lease expired): taken over and run here. Whether one was. */
export async function resumeGoLive(ctx: ReconciliationContext): Promise<boolean> {
  if (running.has(ctx) || !(await takeOverExpiredLease(ctx.prisma, GO_LIVE_WORK))) return false
  ctx.logger.info({}, 'qonto go-live resumed after the process that connected stopped')
  await startGoLive(ctx)
  return true
}

/** The go-live running in this process, if any (tests and a clean stop wait for it). */
export function goLiveRunning(ctx: ReconciliationContext): Promise<GoLiveReport> | null {
  return running.get(ctx) ?? null
}

/** What the « Connexion Qonto » page shows of the feed being put live, in the panel's language; read from what is stored. */
export interface LiveProgress {
  /** The go-live runs in this process, or a sync holds its lease somewhere: the page refreshes itself. */
  inProgress: boolean
  accounts: { listed: number; reconciled: number }
  /** 'webhook': Qonto posts every transaction to the subscription; 'polling': the periodic sync only. */
  mode: 'webhook' | 'polling'
  subscriptionUrl: string | null
  /** How the feed gets the payments, in plain words (polling: how often). */
  modeLabel: string
  sync: { state: 'running' | 'done' | 'failed' | 'waiting'; label: string; imported: number }
}

export async function liveProgress(ctx: ReconciliationContext, method: 'OAUTH' | 'API_KEY'): Promise<LiveProgress> {
  const now = new Date()
  const [accounts, subscription, states] = await Promise.all([
    ctx.prisma.qontoBankAccount.findMany({ select: { id: true, reconcile: true } }),
    ctx.prisma.qontoWebhookSubscription.findFirst({ orderBy: { createdAt: 'desc' }, select: { url: true } }),
    ctx.prisma.qontoSyncState.findMany({ select: { id: true, lockedUntil: true, lastSuccessAt: true, lastRunAt: true, lastError: true } }),
  ])
  const reconciled = new Set(accounts.filter((a) => a.reconcile).map((a) => a.id))
  const imported = reconciled.size === 0 ? 0 : await ctx.prisma.transactionQonto.count({ where: { compteBancaireId: { in: [...reconciled] } } })
  const mine = states.filter((s) => reconciled.has(s.id))
  const syncing = states.some((s) => s.lockedUntil !== null && s.lockedUntil > now)
  const failed = mine.find((s) => s.lastError && (!s.lastSuccessAt || (s.lastRunAt && s.lastRunAt > s.lastSuccessAt)))
  const lastSuccess = mine.map((s) => s.lastSuccessAt).filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0]
  const state = syncing ? 'running' : failed ? 'failed' : lastSuccess ? 'done' : 'waiting'
  const T = feedTexts(ctx.panelLanguage.current).live
  const label = state === 'failed' ? T.sync.failed(imported, failed?.lastError ?? '') : state === 'waiting' ? T.sync.waiting : T.sync[state](imported)
  const every = ctx.syncIntervalMinutes > 0 ? T.every(ctx.syncIntervalMinutes) : null
  const mode = subscription && method === 'OAUTH' ? 'webhook' : 'polling'
  const modeLabel = mode === 'webhook' ? T.webhook(subscription!.url, every) : method === 'API_KEY' ? T.apiKey(every) : T.noSubscription(every)
  return {
    inProgress: running.has(ctx) || syncing,
    accounts: { listed: accounts.length, reconciled: reconciled.size },
    mode,
    subscriptionUrl: subscription?.url ?? null,
    modeLabel,
    sync: { state, label, imported },
  }
}
