/**
 * Issue 23 item 7 (and issue 21's two processes): Qonto disconnected in process A — Maud's
 * « Déconnecter », or a consent Qonto revoked — reaches process B within a second. B is in the middle
 * of a sync against a Qonto stand-in that answers in 40 ms: it sends Qonto nothing more, its
 * webhook route refuses (and stores nothing of) a delivery signed with the subscription's secret, and its « Synchroniser
 * Qonto » button goes. Two runtimes on one database, each with its own context (its own caches) and,
 * on PostgreSQL, its own Prisma client and connection pool.
 */
import { randomBytes } from 'node:crypto'
import express from 'express'
import request from 'supertest'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../examples/src/database.js'
import type { ReconciliationContext } from '../../src/context.js'
import { canSync, CONNECTION_ID, markConnectionLost, resolveQontoAccess, SEALED } from '../../src/feed/qonto-access.service.js'
import { disconnect } from '../../src/feed/qonto-connection.service.js'
import { syncTransactions } from '../../src/feed/sync.service.js'
import { WEBHOOK_SECRET_SEAL_CONTEXT } from '../../src/feed/webhook-subscription.service.js'
import { QontoAuthError } from '../../src/qonto/errors.js'
import { createQontoWebhookRouter, QONTO_WEBHOOK_PATH } from '../../src/webhooks/qonto.router.js'
import { signPayload } from '../../src/webhooks/signature.js'
import { testContext } from '../helpers/context.js'
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases.js'
import { qontoTransaction, STAND_IN_ACCOUNT, STAND_IN_CREDENTIALS, startQontoStandIn, type StandIn } from '../helpers/qonto-stand-in.js'

const WEBHOOK_SECRET = 'whsec_secret-de-l-abonnement-qonto-0123456789'
const account = { bankAccountId: STAND_IN_ACCOUNT.id }
const MAUD = { userId: null, label: 'maud@agence-glow.fr' }

type Method = 'API_KEY' | 'OAUTH'
type Loss = 'Déconnecter' | 'consentement retiré'

describe.each(databaseKinds())('a disconnection in one process reaches another within a second (%s)', (kind) => {
  let dbA: TestDatabase
  let dbB: TestDatabase
  let standIn: StandIn
  let a: ReconciliationContext
  let b: ReconciliationContext

  beforeEach(async () => {
    dbA = await createTestDatabase(kind)
    // PostgreSQL: B has its own Prisma client and pool, as another server process would.
    dbB = kind === 'postgresql' ? { ...(await openDatabase({ url: dbA.url! })), url: dbA.url } : dbA
    standIn = await startQontoStandIn()
    for (let i = 0; i < 400; i += 1) standIn.transactions.push(qontoTransaction({ amount_cents: 1000 + i, updated_at: new Date(Date.UTC(2026, 10, 1) + i * 1000).toISOString() }))
    const env = { QONTO_ENCRYPTION_KEY: randomBytes(32).toString('base64'), QONTO_API_BASE_URL: standIn.url }
    a = testContext(dbA, env)
    b = testContext(dbB, env)
  }, 60_000)
  afterEach(async () => {
    await standIn.close()
    if (dbB !== dbA) await dbB.close()
    await dbA.close()
  })

  async function storeConnection(method: Method) {
    const box = a.secretBox
    const credentials =
      method === 'API_KEY'
        ? { apiLogin: box.seal(STAND_IN_CREDENTIALS.login, SEALED.apiLogin), secretKey: box.seal(STAND_IN_CREDENTIALS.secretKey, SEALED.secretKey) }
        : {
            accessToken: box.seal(STAND_IN_CREDENTIALS.accessToken, SEALED.accessToken),
            accessTokenExpiresAt: new Date(Date.now() + 3_600_000),
            refreshToken: box.seal('refresh-token', SEALED.refreshToken),
          }
    await dbA.prisma.qontoConnection.create({
      data: { id: CONNECTION_ID, method, environment: 'production', status: 'CONNECTED', bankAccountId: STAND_IN_ACCOUNT.id, connectedAt: new Date(), connectedBy: MAUD.label, ...credentials },
    })
    if (method === 'OAUTH') {
      await dbA.prisma.qontoWebhookSubscription.create({
        data: { id: 'sub-1', url: 'https://compta.agence-glow.fr/api/webhooks/qonto', types: ['v1/transactions'], secret: box.seal(WEBHOOK_SECRET, WEBHOOK_SECRET_SEAL_CONTEXT) },
      })
    }
  }

  /** B's webhook route, mounted as the host mounts it. */
  function webhookAppOf(ctx: ReconciliationContext) {
    const app = express()
    app.use(createQontoWebhookRouter({ ctx, queue: { enqueue: () => undefined, idle: async () => undefined } }))
    return app
  }

  /** A delivery signed with the subscription's secret, as Qonto signs it. */
  function deliver(app: express.Express) {
    const body = JSON.stringify({ id: `evt-${randomBytes(6).toString('hex')}`, type: 'v1/bank_accounts', created_at: new Date().toISOString(), data: {} })
    const t = Math.floor(Date.now() / 1000)
    return request(app).post(QONTO_WEBHOOK_PATH).set('Content-Type', 'application/json').set('X-Qonto-Signature', `t=${t},v1=${signPayload(WEBHOOK_SECRET, t, body)}`).send(body)
  }

  /** Polls `check` every 50 ms until it holds; how long that took after `since`. */
  async function within(since: number, check: () => Promise<boolean> | boolean, limitMs = 3_000): Promise<number> {
    while (!(await check())) {
      if (Date.now() - since > limitMs) return Infinity
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    return Date.now() - since
  }

  it.each<[Method, Loss]>([
    ['API_KEY', 'Déconnecter'],
    ['OAUTH', 'Déconnecter'],
    ['OAUTH', 'consentement retiré'],
  ])('%s connection, %s in A: B stops calling Qonto, refuses the old secret and hides its sync button', async (method, loss) => {
    await storeConnection(method)
    const webhookB = webhookAppOf(b)
    if (method === 'OAUTH') expect((await deliver(webhookB)).status).toBe(200)
    const access = await resolveQontoAccess(b)
    if (access.source !== 'stored') throw new Error(`B has no stored access: ${JSON.stringify(access)}`)
    expect(canSync(b)).toBe(true)

    // B syncs 200 pages of 2 at 40 ms each: ~8 s of Qonto calls, unless something stops it.
    standIn.latencyMs = 40
    const sync = syncTransactions(b, access.client, account, { perPage: 2 }).then(
      () => ({ ended: Date.now(), error: null as unknown }),
      (error: unknown) => ({ ended: Date.now(), error }),
    )
    while (standIn.requests.filter((r) => r.path === '/v2/transactions').length < 5) await new Promise((resolve) => setTimeout(resolve, 20))

    if (loss === 'Déconnecter') await disconnect(a, MAUD)
    else expect(await markConnectionLost(a, 'Qonto a retiré le consentement (invalid_grant)')).toBe(true)
    const disconnectedAt = Date.now()

    const { ended, error } = await sync
    expect(error).toBeInstanceOf(QontoAuthError)
    expect((error as Error).message).toMatch(/Qonto est déconnecté/)
    expect(ended - disconnectedAt).toBeLessThan(1_000)
    // Nothing reached Qonto once the disconnection was committed (a request already on its way excepted).
    const late = standIn.requests.filter((r) => r.at > disconnectedAt + 100)
    expect(late).toEqual([])
    expect(await dbA.prisma.transactionQonto.count()).toBeLessThan(400)

    if (method === 'OAUTH') {
      // Refused (no secret of B opens it any more: 503 « non configuré », for Qonto to retry later), and not stored.
      const refusedAfter = await within(disconnectedAt, async () => (await deliver(webhookB)).status >= 400)
      expect(refusedAfter).toBeLessThan(1_000)
      const events = await dbA.prisma.qontoWebhookEvent.count()
      const again = await deliver(webhookB)
      expect(again.status).toBe(503)
      expect(again.body.error).toMatch(/aucun secret/)
      expect(await dbA.prisma.qontoWebhookEvent.count()).toBe(events)
    }
    expect(await within(disconnectedAt, () => !canSync(b))).toBeLessThan(1_000)
    // And B's next attempt is refused before any request.
    const before = standIn.requests.length
    expect((await resolveQontoAccess(b)).source).toBe('none')
    await expect(access.client.listTransactions({ account })).rejects.toBeInstanceOf(QontoAuthError)
    expect(standIn.requests.length).toBe(before)
  }, 60_000)

  it('a connection replaced in A (reconnected with another key) stops the client B built from the old one', async () => {
    await storeConnection('API_KEY')
    const access = await resolveQontoAccess(b)
    if (access.source !== 'stored') throw new Error('B has no stored access')
    await dbA.prisma.qontoConnection.update({ where: { id: CONNECTION_ID }, data: { connectedAt: new Date(Date.now() + 1_000) } })
    const before = standIn.requests.length
    await expect(access.client.listTransactions({ account })).rejects.toThrow(/remplacée/)
    expect(standIn.requests.length).toBe(before)
    expect((await resolveQontoAccess(b)).source).toBe('stored')
  })
})
