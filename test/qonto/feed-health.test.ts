import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ReconciliationContext } from '../../src/context.js'
import { adviceFor, feedHealth } from '../../src/feed/feed-health.service.js'
import { runConfiguredSync } from '../../src/runtime/runtime.service.js'
import { ADMIN, READER, createTestApp, createTestUsers, loggedInAgent, testContext } from '../helpers/app.js'
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases.js'
import { STAND_IN_ACCOUNT, STAND_IN_CREDENTIALS, qontoTransaction, startQontoStandIn, type StandIn } from '../helpers/qonto-stand-in.js'

const MINUTE = 60_000
const WEBHOOK_SECRET = 'whsec-dashboard-test-0123456789abcdef'

describe.each(databaseKinds())('feed health on %s', (kind) => {
  let db: TestDatabase
  let standIn: StandIn
  let ctx: ReconciliationContext
  let env: Record<string, string>

  beforeEach(async () => {
    db = await createTestDatabase(kind)
    await createTestUsers(db)
    standIn = await startQontoStandIn()
    env = { QONTO_API_BASE_URL: standIn.url, QONTO_LOGIN: STAND_IN_CREDENTIALS.login, QONTO_SECRET_KEY: STAND_IN_CREDENTIALS.secretKey, QONTO_SYNC_INTERVAL: '15' }
    ctx = testContext(db, env)
    standIn.transactions.push(qontoTransaction({ updated_at: '2026-11-30T10:00:00.000Z' }))
  })
  afterEach(async () => {
    await standIn.close()
    await db.close()
  })

  const ageLastSync = (minutes: number) =>
    db.prisma.qontoSyncState.updateMany({ data: { lastSuccessAt: new Date(Date.now() - minutes * MINUTE), lastRunAt: new Date(Date.now() - minutes * MINUTE) } })
  const staleNotifications = () => db.prisma.notification.count({ where: { type: 'FLUX_QONTO_INTERROMPU' } })

  it('right after a sync the feed is healthy: last sync, no error, no warning', async () => {
    expect((await feedHealth(ctx)).status).toBe('waiting')
    await runConfiguredSync(ctx)
    const health = await feedHealth(ctx, { notifyWhenStale: true })
    expect(health).toMatchObject({ status: 'ok', warning: null, lastError: null, staleAfterMinutes: 30, events: { waiting: 0, retrying: 0, rejected: 0 } })
    expect(Date.now() - Date.parse(health.lastSuccessfulSyncAt!)).toBeLessThan(MINUTE)
    expect(health.accounts.map((a) => a.label)).toEqual(['Compte principal · FR76 … 0102'])
    expect(await staleNotifications()).toBe(0)
  })

  it('Qonto refuses the key and nothing came for 31 minutes: a stale warning with what to do, and the admins notified exactly once', async () => {
    await runConfiguredSync(ctx)
    await ageLastSync(31)
    // Refused at the first request (the accounts list): no account is tried with the same key.
    standIn.faults.push({ kind: 'status', status: 401, path: '/v2/bank_accounts' })
    await expect(runConfiguredSync(ctx)).rejects.toThrow(/HTTP 401/)

    for (let i = 0; i < 3; i += 1) {
      const health = await feedHealth(ctx, { notifyWhenStale: true })
      expect(health.status).toBe('stale')
      expect(health.warning).toMatch(/^Aucune nouvelle de Qonto depuis le \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/)
      expect(health.warning).toContain('reconnectez Qonto')
      expect(health.lastError).toMatchObject({ account: 'Compte principal · FR76 … 0102' })
      expect(health.lastError!.message).toMatch(/Identifiants Qonto refusés \(HTTP 401\)/)
    }
    // One active admin (the reader is not one): one notification, however often the health is read.
    expect(await staleNotifications()).toBe(1)
    const note = await db.prisma.notification.findFirstOrThrow({ where: { type: 'FLUX_QONTO_INTERROMPU' } })
    expect(note).toMatchObject({ titre: 'Flux Qonto interrompu', lien: '/admin/pages/rapprochement' })
    // On an English host the panel reads the warning and the advice in English, with an English date.
    ctx.panelLanguage.current = 'en'
    const english = await feedHealth(ctx)
    ctx.panelLanguage.current = 'fr'
    expect(english.warning).toMatch(/^No news from Qonto since \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} \(neither a successful sync nor a webhook\)/)
    expect(english.warning).toContain('reconnect Qonto')
    expect(english.lastError!.advice).toBe('Qonto refuses access: reconnect Qonto (Qonto connection page) or check the API key.')

    // It recovers, then stalls again later: a new spell, a new notification.
    await runConfiguredSync(ctx)
    expect((await feedHealth(ctx, { notifyWhenStale: true })).status).toBe('ok')
    await ageLastSync(45)
    expect((await feedHealth(ctx, { notifyWhenStale: true })).status).toBe('stale')
    expect(await staleNotifications()).toBe(2)
  })

  it('a recent webhook delivery keeps the feed alive even when the sync is old; events waiting, retrying and set aside are counted', async () => {
    await runConfiguredSync(ctx)
    await ageLastSync(120)
    const event = (id: string, data: Record<string, unknown>) => ({ id, type: 'v1/transactions', payload: { id }, ...data })
    await db.prisma.qontoWebhookEvent.createMany({
      data: [
        event('e1', {}),
        event('e2', { attempts: 3, lastError: 'Qonto injoignable' }),
        event('e3', { rejectedAt: new Date(), lastError: 'Données invalides' }),
        event('e4', { processedAt: new Date() }),
      ],
    })
    const health = await feedHealth(ctx, { notifyWhenStale: true })
    expect(health.status).toBe('ok')
    expect(health.events).toEqual({ waiting: 1, retrying: 1, rejected: 1 })
    expect(Date.now() - Date.parse(health.lastWebhookDeliveryAt!)).toBeLessThan(MINUTE)
    expect(await staleNotifications()).toBe(0)
  })

  it('with the periodic sync off, the feed is never judged stale', async () => {
    const off = testContext(db, { ...env, QONTO_SYNC_INTERVAL: '0' })
    await runConfiguredSync(off)
    await ageLastSync(600)
    expect(await feedHealth(off, { notifyWhenStale: true })).toMatchObject({ status: 'ok', staleAfterMinutes: null })
  })

  it('the dashboard JSON carries feedHealth and no secret; the accounts screen is for admins only', async () => {
    await runConfiguredSync(ctx)
    const { app, close } = createTestApp(db, { ...env, QONTO_WEBHOOK_SECRET: WEBHOOK_SECRET, QONTO_BANK_ACCOUNT_ID: STAND_IN_ACCOUNT.id })
    try {
      await db.prisma.qontoWebhookSubscription.create({ data: { id: 'sub-1', url: 'https://compta.example.fr/api/webhooks/qonto', types: ['v1/transactions'], secret: 'v1:sealed-value-never-shown' } })
      const maud = await loggedInAgent(app, ADMIN)
      const dashboard = await maud.get('/admin/api/resources/TransactionQonto/actions/tableauDeBord')
      expect(dashboard.status).toBe(200)
      expect(dashboard.body.feedHealth).toMatchObject({ status: 'ok', webhook: { managed: true, url: 'https://compta.example.fr/api/webhooks/qonto' } })
      const accounts = await maud.get('/admin/api/resources/QontoBankAccount/actions/comptesBancaires')
      expect(accounts.body).toMatchObject({ connected: true, fixedByConfiguration: STAND_IN_ACCOUNT.id, subscription: { id: 'sub-1' } })
      expect(accounts.body.accounts).toHaveLength(1)
      for (const text of [dashboard.text, accounts.text]) {
        for (const secret of [STAND_IN_CREDENTIALS.secretKey, WEBHOOK_SECRET, 'sealed-value-never-shown']) expect(text).not.toContain(secret)
      }

      // Each payment shows its account by name, and the list filters on it.
      await db.prisma.transactionQonto.create({ data: { qontoId: 'elsewhere', montant: '5.00', compteBancaireId: 'another-account', dateTransaction: new Date(), qontoUpdatedAt: new Date() } })
      const all = await maud.get('/admin/api/resources/TransactionQonto/actions/list')
      expect(all.body.records).toHaveLength(2)
      const filtered = await maud.get(`/admin/api/resources/TransactionQonto/actions/list?filters.compteBancaireId=${STAND_IN_ACCOUNT.id}`)
      expect(filtered.body.records).toHaveLength(1)
      expect(filtered.body.records[0].populated.compteBancaireId.title).toBe('Compte principal')

      const reader = await loggedInAgent(app, READER)
      expect((await reader.get('/admin/api/resources/TransactionQonto/actions/tableauDeBord')).body.feedHealth.status).toBe('ok')
      const refused = await reader.post('/admin/api/resources/QontoBankAccount/actions/comptesBancaires').send({ body: JSON.stringify({ op: 'choose', accounts: [{ id: STAND_IN_ACCOUNT.id, reconcile: false }] }) })
      expect(JSON.stringify(refused.body)).toMatch(/ForbiddenError|error/)
      expect((await db.prisma.qontoBankAccount.findUniqueOrThrow({ where: { id: STAND_IN_ACCOUNT.id } })).reconcile).toBe(true)

      const chosen = await maud.post('/admin/api/resources/QontoBankAccount/actions/comptesBancaires').send({ body: JSON.stringify({ op: 'choose', accounts: [{ id: STAND_IN_ACCOUNT.id, reconcile: true, fecBankAccount: '512qonto' }] }) })
      expect(chosen.body).toMatchObject({ ok: true })
      expect(chosen.body.accounts[0].fecBankAccount).toBe('512QONTO')
      const wrong = await maud.post('/admin/api/resources/QontoBankAccount/actions/comptesBancaires').send({ body: JSON.stringify({ op: 'choose', accounts: [{ id: STAND_IN_ACCOUNT.id, reconcile: true, fecBankAccount: '411000' }] }) })
      expect(wrong.body.ok).toBe(false)
      expect(wrong.body.message).toContain('compte FEC de banque attendu')
      expect((await db.prisma.qontoBankAccount.findUniqueOrThrow({ where: { id: STAND_IN_ACCOUNT.id } })).fecBankAccount).toBe('512QONTO')
    } finally {
      await close()
    }
  })
})

describe('what to do about a sync error', () => {
  it('says it in French for each kind of failure', () => {
    expect(adviceFor('Identifiants Qonto refusés (HTTP 401)')).toContain('reconnectez Qonto')
    expect(adviceFor('Qonto a répondu HTTP 429')).toContain('rien à faire')
    expect(adviceFor('Qonto a répondu HTTP 503')).toContain('réessaiera')
    expect(adviceFor("Qonto n'a pas répondu en 15 s")).toContain('réessaiera')
    expect(adviceFor('Requête Qonto refusée (HTTP 404) : Bank account not found')).toContain('Comptes bancaires')
    expect(adviceFor('Réponse Qonto inattendue sur /v2/transactions')).toContain('administrateur technique')
    expect(adviceFor('Qonto a répondu HTTP 429', 'en')).toBe('Qonto is limiting requests: the next sync will try again, nothing to do.')
  })
})
