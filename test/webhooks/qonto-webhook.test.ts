import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { storeEvent } from '../../src/feed/webhook-events.service.js'
import { transactionEventSchema } from '../../src/webhooks/payload.js'
import { signPayload } from '../../src/webhooks/signature.js'
import { closeTestApp, createTestApp, createTestUsers, openTestApp, type TestApp } from '../helpers/app.js'
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases.js'
import { STAND_IN_ACCOUNT, STAND_IN_CREDENTIALS, qontoTransaction, startQontoStandIn } from '../helpers/qonto-stand-in.js'

const SECRET = 'whsec-test-0123456789abcdef0123456789'
const PATH = '/api/webhooks/qonto'
const SAMPLE = JSON.parse(readFileSync(new URL('../fixtures/qonto/webhook-v1-transactions.body.json', import.meta.url), 'utf8'))

let counter = 0
function delivery(overrides: { id?: string; data?: Record<string, unknown>; type?: string } = {}) {
  counter += 1
  return {
    ...SAMPLE,
    id: overrides.id ?? `evt-${counter}-${Date.now()}`,
    type: overrides.type ?? SAMPLE.type,
    data: { ...SAMPLE.data, id: `tx-${counter}-${Date.now()}`, ...overrides.data },
  }
}

function signed(body: string, secret = SECRET, t = Math.floor(Date.now() / 1000)) {
  return { 'Content-Type': 'application/json', 'X-Qonto-Signature': `t=${t},v1=${signPayload(secret, t, body)}` }
}

describe.each(databaseKinds())('POST /api/webhooks/qonto on %s', (kind) => {
  let db: TestDatabase
  let app: TestApp
  beforeAll(async () => {
    ;({ db, app } = await openTestApp(kind, { QONTO_WEBHOOK_SECRET: `old-secret-that-was-rotated-out,${SECRET}` }))
  })
  afterAll(async () => closeTestApp(app, db))

  const post = (body: string, headers: Record<string, string>) => request(app.app).post(PATH).set(headers).send(body)
  /**
   * "Nouveau paiement" notifications of one Qonto transaction. The extension hands them to the host
   * once per key `payment:<qontoId>` (its qonto_notification_keys), and the host writes one row per
   * active admin (here one); the rows carry no key, so every key must have given exactly one row.
   */
  const paymentNotifications = async (qontoId: string) => {
    const count = async (cle: string) =>
      (await db.prisma.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM "qonto_notification_keys" WHERE "cle" LIKE ${cle}`)[0]!.n
    expect(await db.prisma.notification.count({ where: { type: 'PAIEMENT_RECU' } })).toBe(await count('payment:%'))
    return count(`payment:${qontoId}`)
  }

  it('stores a signed delivery before answering, then creates the transaction and one notification', async () => {
    const body = JSON.stringify(delivery({ data: { amount: 1440.5, clean_counterparty_name: 'Dupont et Fils' } }))
    const response = await post(body, signed(body))
    expect(response.status).toBe(200)
    expect(response.body).toEqual({ status: 'received' })
    const { id, data } = JSON.parse(body)
    expect(await db.prisma.qontoWebhookEvent.count({ where: { id } })).toBe(1)
    await app.reconciliation.webhookQueue.idle()
    const transaction = await db.prisma.transactionQonto.findUniqueOrThrow({ where: { qontoId: data.id } })
    expect(String(transaction.montant)).toBe('1440.5')
    expect(transaction).toMatchObject({ emetteurIban: 'FR7630006000011234567890189', reference: 'FAC-2026-0142', statut: 'SETTLED' })
    expect(await paymentNotifications(data.id)).toBe(1)
    expect((await db.prisma.qontoWebhookEvent.findUniqueOrThrow({ where: { id } })).processedAt).not.toBeNull()
  })

  it('validates a delivery once: processed from the record read on arrival; one stored by another process is read from its payload', async () => {
    // A lower-case currency: the hand checks of the common case leave it to the schema (which upper-cases
    // it), so the schema's validations can be counted here.
    const validations = vi.spyOn(transactionEventSchema, 'safeParse')
    try {
      const body = JSON.stringify(delivery({ data: { amount: 99.99, currency: 'eur' } }))
      expect((await post(body, signed(body))).body.status).toBe('received')
      await app.reconciliation.webhookQueue.idle()
      const { data } = JSON.parse(body)
      expect(String((await db.prisma.transactionQonto.findUniqueOrThrow({ where: { qontoId: data.id } })).montant)).toBe('99.99')
      expect(validations).toHaveBeenCalledTimes(1)

      // Accepted by another process (or before a restart): this one has no record of it and reads the stored payload.
      const elsewhere = delivery({ data: { amount: 12.34, currency: 'eur' } })
      expect(await storeEvent(app.reconciliation.context, elsewhere)).toBe('stored')
      app.reconciliation.webhookQueue.enqueue(elsewhere.id)
      await app.reconciliation.webhookQueue.idle()
      expect(String((await db.prisma.transactionQonto.findUniqueOrThrow({ where: { qontoId: elsewhere.data.id } })).montant)).toBe('12.34')
      expect(validations).toHaveBeenCalledTimes(2)
    } finally {
      validations.mockRestore()
    }
  })

  it('answers a replayed event with 2xx and does nothing', async () => {
    const body = JSON.stringify(delivery())
    expect((await post(body, signed(body))).body.status).toBe('received')
    await app.reconciliation.webhookQueue.idle()
    const replay = await post(body, signed(body))
    expect(replay.status).toBe(200)
    expect(replay.body.status).toBe('duplicate')
    expect(await db.prisma.transactionQonto.count({ where: { qontoId: JSON.parse(body).data.id } })).toBe(1)
  })

  it('turns concurrent duplicate deliveries into exactly one event, one transaction and one notification each', async () => {
    const body = JSON.stringify(delivery())
    const responses = await Promise.all(Array.from({ length: 12 }, () => post(body, signed(body))))
    expect(responses.every((r) => r.status === 200)).toBe(true)
    expect(responses.filter((r) => r.body.status === 'received')).toHaveLength(1)
    await app.reconciliation.webhookQueue.idle()
    const { id, data } = JSON.parse(body)
    expect(await db.prisma.qontoWebhookEvent.count({ where: { id } })).toBe(1)
    expect(await db.prisma.transactionQonto.count({ where: { qontoId: data.id } })).toBe(1)
    expect(await paymentNotifications(data.id)).toBe(1)
  })

  it('keeps the newest version when events arrive out of order', async () => {
    const txId = `tx-order-${Date.now()}`
    const newer = JSON.stringify(delivery({ data: { id: txId, event: 'updated', status: 'completed', updated_at: '2026-03-02T10:00:00Z' } }))
    const older = JSON.stringify(delivery({ data: { id: txId, event: 'created', status: 'pending', updated_at: '2026-03-02T09:00:00Z' } }))
    await post(newer, signed(newer))
    await app.reconciliation.webhookQueue.idle()
    await post(older, signed(older))
    await app.reconciliation.webhookQueue.idle()
    expect((await db.prisma.transactionQonto.findUniqueOrThrow({ where: { qontoId: txId } })).statut).toBe('SETTLED')
  })

  it('refuses unsigned, badly signed, stale and tampered deliveries with 401 and stores nothing', async () => {
    const before = await db.prisma.qontoWebhookEvent.count()
    const body = JSON.stringify(delivery())
    expect((await post(body, { 'Content-Type': 'application/json' })).status).toBe(401)
    expect((await post(body, signed(body, 'wrong-secret'))).status).toBe(401)
    expect((await post(body, signed(body, SECRET, Math.floor(Date.now() / 1000) - 600))).status).toBe(401)
    expect((await post(body.replace('1440', '9440'), signed(body))).status).toBe(401)
    expect(await db.prisma.qontoWebhookEvent.count()).toBe(before)
  })

  it('answers 400 to malformed JSON or an unexpected shape, 2xx to other event types, 413 to huge bodies', async () => {
    const before = await db.prisma.qontoWebhookEvent.count()
    const notJson = '{"id": "x", '
    expect((await post(notJson, signed(notJson))).status).toBe(400)
    const noId = JSON.stringify({ type: 'v1/transactions', data: {} })
    expect((await post(noId, signed(noId))).body.error).toMatch(/Enveloppe inattendue : id/)
    const other = JSON.stringify({ id: 'evt-card', type: 'v1/cards', data: {} })
    expect((await post(other, signed(other))).body).toEqual({ status: 'ignored', type: 'v1/cards' })
    const huge = JSON.stringify({ id: 'big', type: 'v1/transactions', data: { pad: 'x'.repeat(1_100_000) } })
    expect((await post(huge, signed(huge))).status).toBe(413)
    expect(await db.prisma.qontoWebhookEvent.count()).toBe(before)
  })

  it.each([
    ['an amount with three decimals', { amount: 10.001 }],
    ['a currency that is not ISO 4217', { currency: 'euros' }],
    ['a settlement date of infinity', { settled_at: 'infinity' }],
    ['a NUL character in the label', { label: 'DUPONT\u0000' }],
    ['a lone surrogate in the reference', { reference: 'FAC\ud800' }],
  ])('stores an event with %s once, as rejected with its reason: 200, never processed nor retried', async (_what, data) => {
    const body = JSON.stringify(delivery({ data }))
    const response = await post(body, signed(body))
    expect(response.status).toBe(200)
    expect(response.body.status).toBe('rejected')
    const { id, data: tx } = JSON.parse(body)
    const event = await db.prisma.qontoWebhookEvent.findUniqueOrThrow({ where: { id } })
    expect(event.rejectedAt).not.toBeNull()
    expect(event.lastError).toEqual(expect.any(String))
    await app.reconciliation.processPendingWebhooks()
    expect(await db.prisma.transactionQonto.count({ where: { qontoId: tx.id } })).toBe(0)
    expect((await db.prisma.qontoWebhookEvent.findUniqueOrThrow({ where: { id } })).attempts).toBe(0)
    // Delivered again: still one event, still 200.
    expect((await post(body, signed(body))).status).toBe(200)
    expect(await db.prisma.qontoWebhookEvent.count({ where: { id } })).toBe(1)
  })

  it('never answers 500 nor stores anything for random bodies and headers', async () => {
    const before = await db.prisma.qontoWebhookEvent.count()
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.json(), fc.constant(JSON.stringify(delivery()))),
        fc.oneof(fc.string(), fc.constant('t=1,v1=' + 'a'.repeat(64)), fc.constant(undefined)),
        fc.boolean(),
        async (body, header, signIt) => {
          const headers: Record<string, string> = { 'Content-Type': 'application/json' }
          if (signIt) {
            // A valid signature over garbage: the body must still be refused cleanly (unless it is a real delivery).
            Object.assign(headers, signed(body))
          } else if (header !== undefined) headers['X-Qonto-Signature'] = header
          const response = await post(body, headers)
          expect(response.status).toBeLessThan(500)
          if (!signIt) expect(response.status).toBe(401)
        },
      ),
      { numRuns: 300 },
    )
    await app.reconciliation.webhookQueue.idle()
    const stored = await db.prisma.qontoWebhookEvent.findMany({ where: { receivedAt: { gte: new Date(Date.now() - 60_000) } } })
    const unexpected = stored.filter((e) => !(e.payload as { data?: { amount?: unknown } }).data?.amount)
    expect(unexpected).toHaveLength(0)
    expect((await db.prisma.qontoWebhookEvent.count()) - before).toBeLessThanOrEqual(300)
  })
})

describe('webhook failure handling', () => {
  it('answers 503 without a configured secret, and never accepts unsigned deliveries', async () => {
    const db = await createTestDatabase('pglite')
    const app = createTestApp(db)
    const body = JSON.stringify(delivery())
    const response = await request(app.app).post(PATH).set(signed(body)).send(body)
    expect(response.status).toBe(503)
    expect(response.body.error).toContain('webhookSecrets')
    await app.close()
    await db.close()
  })

  it('answers 5xx when the database is down, so Qonto retries', async () => {
    const db = await createTestDatabase('pglite')
    const app = createTestApp(db, { QONTO_WEBHOOK_SECRET: SECRET })
    await db.close()
    const body = JSON.stringify(delivery())
    const response = await request(app.app).post(PATH).set(signed(body)).send(body)
    expect(response.status).toBe(503)
    await app.close()
  })

  it('re-fetches exact cents from the API when configured, and retries an event whose processing failed', async () => {
    const db = await createTestDatabase('pglite')
    await createTestUsers(db)
    const standIn = await startQontoStandIn()
    const app = createTestApp(db, {
      QONTO_WEBHOOK_SECRET: SECRET,
      QONTO_API_BASE_URL: standIn.url,
      QONTO_LOGIN: STAND_IN_CREDENTIALS.login,
      QONTO_SECRET_KEY: STAND_IN_CREDENTIALS.secretKey,
      QONTO_BANK_ACCOUNT_ID: STAND_IN_ACCOUNT.id,
    })
    try {
      const remote = qontoTransaction({ amount_cents: 123456 })
      standIn.transactions.push(remote)
      // A 401 is never retried by the client: the event-level retry is what is tested here.
      standIn.faults.push({ kind: 'status', status: 401, path: `/v2/transactions/${remote.id}` })
      const body = JSON.stringify(delivery({ data: { id: remote.id, amount: 1 } }))
      expect((await request(app.app).post(PATH).set(signed(body)).send(body)).status).toBe(200)
      await app.reconciliation.webhookQueue.idle()
      const failed = await db.prisma.qontoWebhookEvent.findUniqueOrThrow({ where: { id: JSON.parse(body).id } })
      expect(failed.processedAt).toBeNull()
      expect(failed.lastError).toMatch(/Identifiants Qonto refusés \(HTTP 401\)/)
      expect(failed.nextAttemptAt.getTime()).toBeGreaterThan(Date.now())
      expect(await app.reconciliation.processPendingWebhooks()).toEqual({ processed: 0, failed: 0 })
      expect(await db.prisma.transactionQonto.count()).toBe(0)

      await db.prisma.qontoWebhookEvent.update({ where: { id: failed.id }, data: { nextAttemptAt: new Date() } })
      expect(await app.reconciliation.processPendingWebhooks()).toEqual({ processed: 1, failed: 0 })
      const stored = await db.prisma.transactionQonto.findUniqueOrThrow({ where: { qontoId: String(remote.id) } })
      expect(String(stored.montant)).toBe('1234.56')
    } finally {
      await app.close()
      await standIn.close()
      await db.close()
    }
  })
})
