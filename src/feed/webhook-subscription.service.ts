/**
 * The Qonto webhook subscription the product manages (OAuth only, ../shared/qonto/API.md §7): one
 * `v1/transactions` subscription on the public URL from the configuration, its secret sealed with the
 * encryption key. `ensureSubscription` lists what Qonto has, creates a missing one, repairs a wrong
 * one (full-replacement PUT) and back-fills by syncing from the last cursor (Qonto sends no past
 * events) unless the caller syncs itself (go-live.service.ts); `rotateSecret` replaces the secret, the old one accepted for a short window;
 * `onQontoDisconnect` deletes it. The webhook route verifies deliveries with these secrets.
 */
import { randomBytes } from 'node:crypto'
import type { Language } from '../admin/locale/language.js'
import { ReconciliationError } from '../errors.js'
import { errorText, type FeedErrorCode } from '../i18n/error-texts.js'
import type { ReconciliationContext, Tx } from '../context.js'
import type { QontoWebhookSubscriptionItem } from '../qonto/account-schemas.js'
import { QontoClient } from '../qonto/client.js'
import { QontoError } from '../qonto/errors.js'
import { qontoClientFor, type QontoAccess } from './bank-accounts.service.js'
import { CONNECTION_ID } from './qonto-access.service.js'
import { runConfiguredSync } from './configured-sync.js'
import { signPayload, verifySignature } from '../webhooks/signature.js'

export const SUBSCRIPTION_TYPES = ['v1/transactions']
/** How long the secret before a rotation is still accepted (deliveries signed just before it). */
export const DEFAULT_ROTATION_WINDOW_MS = 60 * 60 * 1000
/**
 * Decrypted secrets are kept this long in memory (the rotation window is checked at each use): a
 * rotation, a deletion or a disconnection in another process counts here within it (under a second).
 */
const SECRETS_CACHE_MS = 500
/** The last delivery is written at most this often per process. */
const DELIVERY_WRITE_MS = 10_000
/** The associated data the webhook secrets are sealed with. */
export const WEBHOOK_SECRET_SEAL_CONTEXT = 'qonto-webhook-subscription'
const SEAL_CONTEXT = WEBHOOK_SECRET_SEAL_CONTEXT
/** Two processes never create or replace the subscription at the same time. */
const LOCK_KEY = 'qonto-reconcile:webhook-subscription'

/** Something Maud (or the host) must fix first; nothing was changed. `message` is the French text, `in(language)` the reader's. */
export class WebhookSubscriptionError extends ReconciliationError {
  override name = 'WebhookSubscriptionError'
}

export type EnsureStatus = 'ok' | 'created' | 'recreated' | 'repaired' | 'adopted'

export interface EnsureResult {
  status: EnsureStatus
  subscriptionId: string
  url: string
  /** After a new subscription: the sync from the last cursor (Qonto sends no past events). */
  backfill: { created: number; updated: number } | { error: string } | null
}

/** Why the product cannot manage the subscription now, or null when it can. */
type UnavailableCode = Extract<FeedErrorCode, 'webhookNeedsConnection' | 'webhookNeedsOAuth' | 'webhookNeedsPublicUrl' | 'webhookNeedsEncryptionKey'>
function subscriptionUnavailableCode(ctx: ReconciliationContext, access: QontoAccess | null): UnavailableCode | null {
  if (!access) return 'webhookNeedsConnection'
  if (!access.oauth) return 'webhookNeedsOAuth'
  if (!ctx.publicWebhookUrl) return 'webhookNeedsPublicUrl'
  if (!ctx.secretBox.available) return 'webhookNeedsEncryptionKey'
  return null
}

/** Why the product cannot manage the subscription now, in a language (the panel's by default), or null when it can. */
export function subscriptionUnavailableReason(ctx: ReconciliationContext, access: QontoAccess | null, language: Language = ctx.panelLanguage.current): string | null {
  const code = subscriptionUnavailableCode(ctx, access)
  return code && errorText(language, code, [])
}

async function requireAccess(ctx: ReconciliationContext, given?: QontoAccess | null): Promise<QontoAccess> {
  const access = given === undefined ? await qontoClientFor(ctx) : given
  const code = subscriptionUnavailableCode(ctx, access)
  if (code) throw new WebhookSubscriptionError(code)
  return pinnedToken(access!)
}

/**
 * The subscription is changed under a database lock: a stored OAuth connection would read (and
 * maybe refresh) its token through another connection meanwhile, which waits forever on a
 * one-connection database (PGlite). The token is taken once, fresh, before the lock.
 */
async function pinnedToken(access: QontoAccess): Promise<QontoAccess> {
  if (access.settings?.auth.kind !== 'oauth-managed') return access
  const accessToken = await access.settings.auth.tokens.current()
  // Read just now (current() refuses a disconnected connection); no read-through under the lock.
  const settings = { ...access.settings, auth: { kind: 'oauth' as const, accessToken }, beforeRequest: undefined }
  return { ...access, settings, client: new QontoClient(settings) }
}

/** 64 hex characters: within Qonto's 32–128. */
function newSecret(): string {
  return randomBytes(32).toString('hex')
}

/**
 * Whether the stored secret opens under the configured keys and verifies a delivery signed with it
 * the way the webhook route verifies Qonto's (what "Vérifier l'abonnement" must prove).
 */
function opensSignedTest(ctx: ReconciliationContext, sealed: string): boolean {
  let secret: string
  try {
    secret = ctx.secretBox.open(sealed, SEAL_CONTEXT)
  } catch {
    return false
  }
  const body = Buffer.from('{"event_type":"qonto-reconcile.test"}')
  const timestamp = Math.floor(Date.now() / 1000)
  return verifySignature(`t=${timestamp},v1=${signPayload(secret, timestamp, body)}`, body, [secret], timestamp).ok
}

const sameTypes = (types: string[]) => types.length === SUBSCRIPTION_TYPES.length && SUBSCRIPTION_TYPES.every((t) => types.includes(t))

/** Runs `work` holding the subscription lock, in one transaction (HTTP calls included: rare, admin-triggered). */
async function locked<T>(ctx: ReconciliationContext, work: (tx: Tx) => Promise<T>): Promise<T> {
  return ctx.prisma.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe('SELECT pg_advisory_xact_lock(hashtext($1))', LOCK_KEY)
      return work(tx)
    },
    { timeout: 120_000, maxWait: 30_000 },
  )
}

/**
 * Makes sure Qonto posts `v1/transactions` to the configured URL with a secret we hold: keeps a
 * correct one, repairs a wrong URL or types by a full replacement, creates a missing one (adopting
 * one already on our URL), deletes duplicates on our URL. A new subscription is followed by a sync
 * from the last cursor.
 */
export async function ensureSubscription(ctx: ReconciliationContext, given?: QontoAccess | null, options: { backfill?: boolean } = {}): Promise<EnsureResult> {
  const access = await requireAccess(ctx, given)
  const { client } = access
  const url = ctx.publicWebhookUrl!
  const outcome = await locked(ctx, async (tx) => {
    const stored = await tx.qontoWebhookSubscription.findFirst({ orderBy: { createdAt: 'desc' } })
    const remote = await client.listWebhookSubscriptions()
    const current = stored ? remote.find((r) => r.id === stored.id) : undefined
    if (stored && current) {
      if (current.callback_url === url && sameTypes(current.types)) {
        if (stored.url !== url || !sameTypes(stored.types)) await tx.qontoWebhookSubscription.update({ where: { id: stored.id }, data: { url, types: SUBSCRIPTION_TYPES } })
        if (opensSignedTest(ctx, stored.secret)) return { status: 'ok' as const, subscriptionId: stored.id }
        // In place at Qonto, but signed with a secret this server cannot read (the key changed, the
        // value was damaged): every delivery would be refused. A full replacement gives it a new one.
        ctx.logger.warn({ subscriptionId: stored.id }, 'qonto webhook secret unreadable: subscription given a new secret')
        const fresh = newSecret()
        const replaced = await client.replaceWebhookSubscription(stored.id, { callback_url: url, types: SUBSCRIPTION_TYPES, secret: fresh })
        await tx.qontoWebhookSubscription.update({
          where: { id: stored.id },
          data: { url, types: SUBSCRIPTION_TYPES, secret: ctx.secretBox.seal(replaced.secret ?? fresh, SEAL_CONTEXT), previousSecret: null, previousSecretExpiresAt: null },
        })
        return { status: 'repaired' as const, subscriptionId: stored.id }
      }
      const secret = ctx.secretBox.open(stored.secret, SEAL_CONTEXT)
      const replaced = await client.replaceWebhookSubscription(stored.id, { callback_url: url, types: SUBSCRIPTION_TYPES, secret })
      await tx.qontoWebhookSubscription.update({
        where: { id: stored.id },
        data: { url, types: SUBSCRIPTION_TYPES, ...(replaced.secret && replaced.secret !== secret ? { secret: ctx.secretBox.seal(replaced.secret, SEAL_CONTEXT) } : {}) },
      })
      return { status: 'repaired' as const, subscriptionId: stored.id }
    }
    const ours = remote.filter((r) => r.callback_url === url && r.types.some((t) => SUBSCRIPTION_TYPES.includes(t)))
    const secret = newSecret()
    let kept: QontoWebhookSubscriptionItem
    let status: EnsureStatus
    if (ours[0]) {
      // Already on our URL but its secret is unknown here: a full replacement gives it ours.
      kept = await client.replaceWebhookSubscription(ours[0].id, { callback_url: url, types: SUBSCRIPTION_TYPES, secret })
      status = 'adopted'
    } else {
      kept = await client.createWebhookSubscription({ callback_url: url, types: SUBSCRIPTION_TYPES, secret, description: 'qonto-reconcile : rapprochement bancaire' })
      status = stored ? 'recreated' : 'created'
    }
    for (const duplicate of ours.slice(1)) await deleteRemote(client, duplicate.id)
    await tx.qontoWebhookSubscription.deleteMany({ where: { id: { not: kept.id } } })
    await tx.qontoWebhookSubscription.upsert({
      where: { id: kept.id },
      create: { id: kept.id, url, types: SUBSCRIPTION_TYPES, secret: ctx.secretBox.seal(kept.secret ?? secret, SEAL_CONTEXT) },
      update: { url, types: SUBSCRIPTION_TYPES, secret: ctx.secretBox.seal(kept.secret ?? secret, SEAL_CONTEXT), previousSecret: null, previousSecretExpiresAt: null },
    })
    return { status, subscriptionId: kept.id }
  })
  invalidateWebhookSecrets(ctx)
  let backfill: EnsureResult['backfill'] = null
  if (outcome.status !== 'ok' && outcome.status !== 'repaired' && options.backfill !== false) {
    try {
      const summary = await runConfiguredSync(ctx)
      backfill = { created: summary.created, updated: summary.updated }
    } catch (error) {
      ctx.logger.warn({ err: (error as Error).message }, 'qonto back-fill after subscribing failed')
      backfill = { error: (error as Error).message }
    }
  }
  if (outcome.status !== 'ok') ctx.logger.info({ status: outcome.status, subscriptionId: outcome.subscriptionId }, 'qonto webhook subscription')
  return { ...outcome, url, backfill }
}

/**
 * A new secret for the subscription (full replacement with the same URL and types); the previous one
 * is still accepted for `windowMs`, then refused.
 */
export async function rotateSecret(ctx: ReconciliationContext, options: { windowMs?: number; access?: QontoAccess | null } = {}): Promise<{ subscriptionId: string; previousAcceptedUntil: Date }> {
  const access = await requireAccess(ctx, options.access)
  const until = new Date(Date.now() + (options.windowMs ?? DEFAULT_ROTATION_WINDOW_MS))
  const result = await locked(ctx, async (tx) => {
    const stored = await tx.qontoWebhookSubscription.findFirst({ orderBy: { createdAt: 'desc' } })
    if (!stored) throw new WebhookSubscriptionError('webhookNotManaged')
    const secret = newSecret()
    const replaced = await access.client.replaceWebhookSubscription(stored.id, { callback_url: stored.url, types: stored.types, secret })
    await tx.qontoWebhookSubscription.update({
      where: { id: stored.id },
      data: { secret: ctx.secretBox.seal(replaced.secret ?? secret, SEAL_CONTEXT), previousSecret: stored.secret, previousSecretExpiresAt: until },
    })
    return { subscriptionId: stored.id, previousAcceptedUntil: until }
  })
  invalidateWebhookSecrets(ctx)
  return result
}

async function deleteRemote(client: QontoClient, id: string): Promise<void> {
  try {
    await client.deleteWebhookSubscription(id)
  } catch (error) {
    if (!(error instanceof QontoError && error.status === 404)) throw error
  }
}

export interface DeleteResult {
  deleted: number
  /** Subscriptions Qonto could not delete (already gone counts as deleted), in French. */
  errors: string[]
}

/** Deletes the managed subscription at Qonto (a 404 is fine) and here. */
export async function deleteSubscription(ctx: ReconciliationContext, given?: QontoAccess | null): Promise<DeleteResult> {
  const rows = await ctx.prisma.qontoWebhookSubscription.findMany({ select: { id: true } })
  const access = given === undefined ? await qontoClientFor(ctx) : given
  const errors: string[] = []
  for (const { id } of rows) {
    try {
      if (!access?.oauth) throw new WebhookSubscriptionError('webhookNoOAuthToDelete')
      await deleteRemote(access.client, id)
    } catch (error) {
      errors.push(`Abonnement ${id} non supprimé chez Qonto (${(error as Error).message}) : supprimez-le depuis Qonto si besoin.`)
    }
  }
  const { count } = await ctx.prisma.qontoWebhookSubscription.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } })
  invalidateWebhookSecrets(ctx)
  return { deleted: count, errors }
}

/**
 * For the connection's "Déconnecter": call it BEFORE revoking the tokens (they are needed to delete
 * the subscription at Qonto). Never throws: what could not be deleted at Qonto is in `errors`; the
 * local subscription and its secrets are always forgotten.
 */
export async function onQontoDisconnect(ctx: ReconciliationContext, access?: QontoAccess | null): Promise<DeleteResult> {
  try {
    return await deleteSubscription(ctx, access)
  } catch (error) {
    ctx.logger.error({ err: error }, 'qonto webhook subscription could not be deleted')
    return { deleted: 0, errors: [(error as Error).message] }
  }
}

export interface SubscriptionView {
  id: string
  url: string
  types: string[]
  rotating: boolean
  previousSecretExpiresAt: string | null
  lastDeliveryAt: string | null
  createdAt: string
  updatedAt: string
}

/** What the panel may show of the subscription: never a secret. */
export async function subscriptionView(ctx: ReconciliationContext): Promise<SubscriptionView | null> {
  const row = await ctx.prisma.qontoWebhookSubscription.findFirst({
    orderBy: { createdAt: 'desc' },
    select: { id: true, url: true, types: true, previousSecretExpiresAt: true, lastDeliveryAt: true, createdAt: true, updatedAt: true },
  })
  if (!row) return null
  const rotating = row.previousSecretExpiresAt !== null && row.previousSecretExpiresAt > new Date()
  return {
    id: row.id,
    url: row.url,
    types: row.types,
    rotating,
    previousSecretExpiresAt: rotating ? row.previousSecretExpiresAt!.toISOString() : null,
    lastDeliveryAt: row.lastDeliveryAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }
}

interface CachedSecret {
  secret: string
  /** Accepted until then (the previous secret of a rotation); null: the current one. */
  until: number | null
}

type LoadedSecrets = { loadedAt: number; secrets: CachedSecret[] }
const secretsCache = new WeakMap<ReconciliationContext, LoadedSecrets>()
/** The load under way: the deliveries arriving meanwhile wait for it instead of reading the table each. */
const secretsLoading = new WeakMap<ReconciliationContext, Promise<LoadedSecrets>>()
const lastDeliveryWrite = new WeakMap<ReconciliationContext, number>()

/** Forgets the decrypted secrets of this process (after a create, repair, rotation or delete). */
export function invalidateWebhookSecrets(ctx: ReconciliationContext): void {
  secretsCache.delete(ctx)
  secretsLoading.delete(ctx)
}

/**
 * The stored subscription's secrets accepted now (the previous one only within its window), cached
 * briefly. None while the stored connection is not connected (Déconnecter, a consent revoked at
 * Qonto): the subscription may still exist at Qonto, its deliveries are refused until Maud reconnects
 * (the sync from the cursor then fetches what was missed).
 */
export async function storedWebhookSecrets(ctx: ReconciliationContext, now = Date.now()): Promise<string[]> {
  let cached = secretsCache.get(ctx)
  if (!cached || now - cached.loadedAt > SECRETS_CACHE_MS) {
    let loading = secretsLoading.get(ctx)
    if (!loading) {
      const load: Promise<LoadedSecrets> = loadSecrets(ctx, now).then((loaded) => {
        // Kept unless invalidated while it was read (a rotation or a deletion meanwhile).
        if (secretsLoading.get(ctx) === load) secretsCache.set(ctx, loaded)
        return loaded
      })
      loading = load.finally(() => {
        if (secretsLoading.get(ctx) === load) secretsLoading.delete(ctx)
      })
      secretsLoading.set(ctx, load)
    }
    cached = await loading
  }
  return cached.secrets.filter((s) => s.until === null || s.until > now).map((s) => s.secret)
}

async function loadSecrets(ctx: ReconciliationContext, now: number): Promise<LoadedSecrets> {
  const [rows, connection] = await Promise.all([
    ctx.prisma.qontoWebhookSubscription.findMany({ select: { id: true, secret: true, previousSecret: true, previousSecretExpiresAt: true } }),
    ctx.qonto ? null : ctx.prisma.qontoConnection.findUnique({ where: { id: CONNECTION_ID }, select: { status: true } }),
  ])
  const connected = ctx.qonto !== null || connection?.status === 'CONNECTED'
  const secrets: CachedSecret[] = []
  if (rows.length > 0 && connected && ctx.secretBox.available) {
    for (const row of rows) {
      try {
        secrets.push({ secret: ctx.secretBox.open(row.secret, SEAL_CONTEXT), until: null })
        if (row.previousSecret && row.previousSecretExpiresAt && row.previousSecretExpiresAt.getTime() > now) {
          secrets.push({ secret: ctx.secretBox.open(row.previousSecret, SEAL_CONTEXT), until: row.previousSecretExpiresAt.getTime() })
        }
      } catch (error) {
        ctx.logger.error({ subscriptionId: row.id, err: (error as Error).message }, 'qonto webhook secret could not be decrypted')
      }
    }
  } else if (rows.length > 0 && connected) {
    ctx.logger.error({}, 'qonto webhook subscription stored but no encryption key: its deliveries cannot be verified')
  }
  return { loadedAt: now, secrets }
}

/** Notes that a signed delivery arrived (at most every few seconds per process); never throws. */
export async function recordDelivery(ctx: ReconciliationContext, now = new Date()): Promise<void> {
  const last = lastDeliveryWrite.get(ctx) ?? 0
  if (now.getTime() - last < DELIVERY_WRITE_MS) return
  lastDeliveryWrite.set(ctx, now.getTime())
  try {
    await ctx.prisma.qontoWebhookSubscription.updateMany({ data: { lastDeliveryAt: now } })
  } catch (error) {
    ctx.logger.warn({ err: (error as Error).message }, 'qonto webhook last delivery not recorded')
  }
}
