import { randomBytes } from 'node:crypto'
import express from 'express'
import request from 'supertest'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createReconciliationCore, type ReconciliationCore } from '../../src/core.js'
import { isSealed } from '../../src/qonto/secret-box.js'
import {
  ensureSubscription,
  onQontoDisconnect,
  rotateSecret,
  storedWebhookSecrets,
  subscriptionView,
  WebhookSubscriptionError,
} from '../../src/feed/webhook-subscription.service.js'
import { createTestUsers, hostOptions } from '../helpers/context.js'
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases.js'
import { transactionDelivery } from '../helpers/qonto-accounts-stand-in.js'
import { STAND_IN_CREDENTIALS, qontoTransaction, startQontoStandIn, type StandIn } from '../helpers/qonto-stand-in.js'

const PUBLIC_URL = 'https://compta.agence-glow.fr/api/webhooks/qonto'
const PATH = '/api/webhooks/qonto'

describe.each(databaseKinds())('the webhook subscription the product manages, on %s', (kind) => {
  let db: TestDatabase
  let standIn: StandIn
  let core: ReconciliationCore
  let app: express.Express

  const build = (env: Record<string, string>, overrides: Record<string, unknown> = {}) => {
    core = createReconciliationCore({
      ...hostOptions(db, { QONTO_API_BASE_URL: standIn.url, ...env }),
      publicWebhookUrl: PUBLIC_URL,
      encryptionKey: randomBytes(32),
      ...overrides,
    })
    app = express()
    app.use(core.webhookRouter)
    return core.context
  }
  const oauth = () => build({ QONTO_ACCESS_TOKEN: STAND_IN_CREDENTIALS.accessToken })

  beforeEach(async () => {
    db = await createTestDatabase(kind)
    await createTestUsers(db)
    standIn = await startQontoStandIn()
  })
  afterEach(async () => {
    await core?.stop()
    await standIn.close()
    await db.close()
  })

  const post = (delivery: { body: string; signature: string }) =>
    request(app).post(PATH).set({ 'Content-Type': 'application/json', 'X-Qonto-Signature': delivery.signature }).send(delivery.body)
  const remote = () => standIn.subscriptions[0]!

  it('"Vérifier l’abonnement" after an encryption-key change gives Qonto a secret this server reads, and deliveries are accepted again (issue 23 item 6)', async () => {
    let ctx = oauth()
    expect((await ensureSubscription(ctx)).status).toBe('created')
    // The key changed without the previous one kept: the stored secret no longer opens.
    ctx = build({ QONTO_ACCESS_TOKEN: STAND_IN_CREDENTIALS.accessToken })
    const refused = transactionDelivery(remote(), qontoTransaction({ amount_cents: 12000 }))
    expect([401, 503]).toContain((await post(refused)).status)
    const check = await ensureSubscription(ctx)
    expect(check.status).toBe('repaired')
    const accepted = transactionDelivery(remote(), qontoTransaction({ amount_cents: 13000 }))
    expect((await post(accepted)).status).toBe(200)
    expect((await ensureSubscription(ctx)).status).toBe('ok')
  })

  it('Maud connects with OAuth: v1/transactions is subscribed on the configured URL, its secret sealed, and the past is back-filled', async () => {
    const ctx = oauth()
    // A payment made before the subscription: Qonto will never send it.
    standIn.transactions.push(qontoTransaction({ amount_cents: 54000, updated_at: '2026-11-30T08:00:00.000Z' }))
    const result = await ensureSubscription(ctx)
    expect(result).toMatchObject({ status: 'created', url: PUBLIC_URL, backfill: { created: 1, updated: 0 } })
    expect(standIn.subscriptions).toHaveLength(1)
    expect(remote()).toMatchObject({ id: result.subscriptionId, callback_url: PUBLIC_URL, types: ['v1/transactions'] })

    const row = await db.prisma.qontoWebhookSubscription.findUniqueOrThrow({ where: { id: result.subscriptionId } })
    expect(isSealed(row.secret)).toBe(true)
    // The plaintext secret is in no column of the table.
    const dump = JSON.stringify(await db.prisma.$queryRawUnsafe('SELECT * FROM "qonto_webhook_subscriptions"'))
    expect(dump).not.toContain(remote().secret)
    expect(await db.prisma.transactionQonto.count()).toBe(1)

    // Checked again: nothing to do, nothing replaced.
    const before = { ...remote() }
    expect((await ensureSubscription(ctx)).status).toBe('ok')
    expect(remote()).toEqual(before)
  })

  it('a delivery signed with the stored secret is accepted and recorded; a wrong secret is refused', async () => {
    const ctx = oauth()
    await ensureSubscription(ctx)
    const transaction = qontoTransaction({ amount_cents: 12000 })
    standIn.transactions.push(transaction)
    const accepted = await post(transactionDelivery(remote(), transaction))
    expect(accepted.status).toBe(200)
    expect(accepted.body).toEqual({ status: 'received' })
    await core.webhookQueue.idle()
    expect(await db.prisma.transactionQonto.count({ where: { qontoId: String(transaction.id) } })).toBe(1)
    await expect.poll(async () => (await subscriptionView(ctx))?.lastDeliveryAt).not.toBeNull()

    const forged = await post(transactionDelivery(remote(), transaction, { secret: 'a-secret-qonto-never-gave-us-0123456789' }))
    expect(forged.status).toBe(401)
  })

  it('a burst arriving while the cached secrets are stale reads the subscription once, not once per delivery', async () => {
    const ctx = oauth()
    await ensureSubscription(ctx)
    const reads = vi.spyOn(db.prisma.qontoWebhookSubscription, 'findMany')
    try {
      const later = Date.now() + 60_000
      const secrets = await Promise.all(Array.from({ length: 16 }, () => storedWebhookSecrets(ctx, later)))
      expect(reads).toHaveBeenCalledTimes(1)
      expect(new Set(secrets.map((s) => s.join()))).toEqual(new Set([remote().secret]))
    } finally {
      reads.mockRestore()
    }
  })

  it('rotation: both secrets are accepted during the window, then the old one is refused', async () => {
    const ctx = oauth()
    await ensureSubscription(ctx)
    const old = remote().secret
    const rotated = await rotateSecret(ctx, { windowMs: 1500 })
    const current = remote().secret
    expect(current).not.toBe(old)
    expect(rotated.subscriptionId).toBe(remote().id)
    expect((await subscriptionView(ctx))?.rotating).toBe(true)

    const t1 = qontoTransaction()
    expect((await post(transactionDelivery(remote(), t1, { secret: old }))).status).toBe(200)
    expect((await post(transactionDelivery(remote(), qontoTransaction()))).status).toBe(200)

    await new Promise((resolve) => setTimeout(resolve, 1600))
    expect((await post(transactionDelivery(remote(), qontoTransaction(), { secret: old }))).status).toBe(401)
    expect((await post(transactionDelivery(remote(), qontoTransaction()))).status).toBe(200)
    expect((await subscriptionView(ctx))?.rotating).toBe(false)
  })

  it('repairs a subscription whose URL or types were changed at Qonto, keeping its secret', async () => {
    const ctx = oauth()
    const { subscriptionId } = await ensureSubscription(ctx)
    const secret = remote().secret
    remote().callback_url = 'https://ancienne-adresse.example.com/webhook'
    expect((await ensureSubscription(ctx)).status).toBe('repaired')
    expect(remote()).toMatchObject({ id: subscriptionId, callback_url: PUBLIC_URL, types: ['v1/transactions'], secret })

    remote().types = ['v1/cards']
    expect(await ensureSubscription(ctx)).toMatchObject({ status: 'repaired', backfill: null })
    expect(remote().types).toEqual(['v1/transactions'])
    expect((await post(transactionDelivery(remote(), qontoTransaction()))).status).toBe(200)
  })

  it('recreates a subscription deleted at Qonto, and back-fills what was missed', async () => {
    const ctx = oauth()
    const first = await ensureSubscription(ctx)
    standIn.subscriptions.length = 0
    standIn.transactions.push(qontoTransaction({ updated_at: '2026-12-01T07:00:00.000Z' }))
    const again = await ensureSubscription(ctx)
    expect(again.status).toBe('recreated')
    expect(again.subscriptionId).not.toBe(first.subscriptionId)
    expect(again.backfill).toEqual({ created: 1, updated: 0 })
    expect(await db.prisma.qontoWebhookSubscription.findMany({ select: { id: true } })).toEqual([{ id: again.subscriptionId }])
    expect((await post(transactionDelivery(remote(), qontoTransaction()))).status).toBe(200)
  })

  it('adopts a subscription already on our URL (its secret unknown here) instead of creating a second one', async () => {
    const ctx = oauth()
    standIn.subscriptions.push({
      id: 'existing-sub', organization_id: 'org-1', membership_id: 'm', callback_url: PUBLIC_URL, types: ['v1/transactions'],
      description: null, secret: 'a-secret-set-elsewhere-0123456789abcdef', created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z',
    })
    expect(await ensureSubscription(ctx)).toMatchObject({ status: 'adopted', subscriptionId: 'existing-sub' })
    expect(standIn.subscriptions).toHaveLength(1)
    expect(remote().secret).not.toBe('a-secret-set-elsewhere-0123456789abcdef')
    expect((await post(transactionDelivery(remote(), qontoTransaction()))).status).toBe(200)
  })

  it('a 429 from Qonto while subscribing is retried: one subscription', async () => {
    const ctx = oauth()
    standIn.faults.push({ kind: 'status', status: 429, retryAfter: '0', path: '/v2/webhook_subscriptions' })
    expect((await ensureSubscription(ctx)).status).toBe('created')
    expect(standIn.subscriptions).toHaveLength(1)
  })

  it('disconnecting deletes the subscription at Qonto and here; its deliveries are then refused', async () => {
    const ctx = oauth()
    await ensureSubscription(ctx)
    const gone = { ...remote() }
    const result = await onQontoDisconnect(ctx)
    expect(result).toEqual({ deleted: 1, errors: [] })
    expect(standIn.subscriptions).toHaveLength(0)
    expect(await db.prisma.qontoWebhookSubscription.count()).toBe(0)
    // No secret left at all: the route says it is not configured.
    expect((await post(transactionDelivery(gone, qontoTransaction()))).status).toBe(503)
    // Already deleted at Qonto: still fine.
    expect(await onQontoDisconnect(ctx)).toEqual({ deleted: 0, errors: [] })
  })

  it('with an API key the product does not try to subscribe, and says why in French', async () => {
    const ctx = build({ QONTO_LOGIN: STAND_IN_CREDENTIALS.login, QONTO_SECRET_KEY: STAND_IN_CREDENTIALS.secretKey })
    await expect(ensureSubscription(ctx)).rejects.toThrow(WebhookSubscriptionError)
    await expect(ensureSubscription(ctx)).rejects.toThrow(/OAuth/)
    expect(standIn.requests.filter((r) => r.path.startsWith('/v2/webhook_subscriptions'))).toHaveLength(0)
  })

  it('without a public URL or an encryption key, nothing is subscribed', async () => {
    const noUrl = build({ QONTO_ACCESS_TOKEN: STAND_IN_CREDENTIALS.accessToken }, { publicWebhookUrl: undefined })
    await expect(ensureSubscription(noUrl)).rejects.toThrow(/QONTO_WEBHOOK_PUBLIC_URL/)
    const noKey = build({ QONTO_ACCESS_TOKEN: STAND_IN_CREDENTIALS.accessToken }, { encryptionKey: undefined })
    await expect(ensureSubscription(noKey)).rejects.toThrow(/clé de chiffrement/)
    expect(standIn.subscriptions).toHaveLength(0)
  })
})
