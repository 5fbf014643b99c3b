/**
 * Issue 21, "connected = live": right after a connection is saved, without another click, the bank
 * accounts are listed, the webhook subscription is created (OAuth) on the public URL, and the
 * backfill sync runs; an API key says the feed is polled and how often; a reconnection after a
 * revocation resumes from the stored cursor. Through the panel's own endpoints (OAuth callback,
 * « Connexion Qonto » action), against the Qonto and OAuth stand-ins.
 */
import { randomBytes } from 'node:crypto'
import request from 'supertest'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { GO_LIVE_WORK, goLiveRunning, resumeGoLive } from '../../src/feed/go-live.service.js'
import { ADMIN, createTestApp, createTestUsers, loggedInAgent } from '../helpers/app.js'
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases.js'
import { standInBankAccount, transactionDelivery } from '../helpers/qonto-accounts-stand-in.js'
import { STAND_IN_OAUTH_APP, withQontoOAuth, type OAuthStandIn } from '../helpers/qonto-oauth-stand-in.js'
import { STAND_IN_ACCOUNT, STAND_IN_CREDENTIALS, qontoTransaction, startQontoStandIn, type StandIn } from '../helpers/qonto-stand-in.js'

const ACTION = '/admin/api/resources/TransactionQonto/actions/connexionQonto'
const REDIRECT_URI = 'https://compta.agence-glow.fr/qonto/oauth/callback'
const PUBLIC_URL = 'https://compta.agence-glow.fr/api/webhooks/qonto'
const SAVINGS = { id: '018f71db-0000-7000-8000-00000000e002', iban: 'FR7616958000019999999999902' }

describe.each(databaseKinds())('connected = live, on %s', (kind) => {
  let db: TestDatabase
  let standIn: StandIn
  let oauth: OAuthStandIn
  let app: ReturnType<typeof createTestApp>
  const env = (extra: Record<string, string> = {}) => ({
    QONTO_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    QONTO_OAUTH_CLIENT_ID: STAND_IN_OAUTH_APP.clientId,
    QONTO_OAUTH_CLIENT_SECRET: STAND_IN_OAUTH_APP.clientSecret,
    QONTO_OAUTH_REDIRECT_URI: REDIRECT_URI,
    QONTO_OAUTH_BASE_URL: standIn.url,
    QONTO_API_BASE_URL: standIn.url,
    QONTO_SYNC_INTERVAL: '15',
    ...extra,
  })

  beforeAll(async () => {
    standIn = await startQontoStandIn()
  })
  afterAll(async () => standIn.close())
  beforeEach(async () => {
    db = await createTestDatabase(kind)
    await createTestUsers(db)
    standIn.transactions.length = 0
    standIn.subscriptions.length = 0
    standIn.bankAccounts.splice(1)
    // Four accounts: the main one, a savings account in euros, one in dollars, one closed.
    standIn.bankAccounts.push(
      standInBankAccount({ ...SAVINGS, name: 'Épargne' }),
      standInBankAccount({ id: '018f71db-0000-7000-8000-00000000e003', iban: 'FR7616958000018888888888803', name: 'Dollars', currency: 'USD' }),
      standInBankAccount({ id: '018f71db-0000-7000-8000-00000000e004', iban: 'FR7616958000017777777777704', name: 'Ancien', status: 'closed' }),
    )
    standIn.transactions.push(
      qontoTransaction({ amount_cents: 144000, updated_at: '2026-11-30T08:00:00.000Z' }),
      qontoTransaction({ amount_cents: 54000, updated_at: '2026-11-30T09:00:00.000Z' }),
      qontoTransaction({ amount_cents: 12000, bank_account_id: SAVINGS.id, updated_at: '2026-11-30T10:00:00.000Z' }),
    )
    oauth = withQontoOAuth(standIn, { redirectUris: [REDIRECT_URI] })
    standIn.requests.length = 0
  }, 60_000)
  afterEach(async () => {
    await app?.close()
    await db.close()
    standIn.routes.length = 0
    standIn.authorizers.length = 0
    standIn.faults.length = 0
  })

  /** Maud clicks « Connecter avec Qonto », allows at Qonto, and her browser lands on the callback. */
  async function connectWithOAuth() {
    const maud = await loggedInAgent(app.app, ADMIN)
    const started = await maud.post(ACTION).send({ command: 'startOAuth', environment: 'production' })
    // The cookie binding the flow to Maud's browser, which it sends back to the callback.
    const binding = (started.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('qr_oauth_binding='))!.split(';')[0]!
    const form = new URLSearchParams(new URL(started.body.authorizeUrl as string).searchParams)
    form.set('decision', 'allow')
    const decided = await fetch(`${standIn.url}/oauth2/auth/decision`, { method: 'POST', body: form, redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })
    const back = new URL(decided.headers.get('location')!)
    const landed = await request(app.app).get(`${back.pathname}${back.search}`).set('Cookie', binding)
    expect(landed.status).toBe(200)
    return maud
  }

  /** The go-live the connection started in the background, awaited (the test's only wait). */
  const live = async () => {
    const running = goLiveRunning(app.reconciliation.context)
    expect(running).not.toBeNull()
    return running!
  }

  it('OAuth: the callback alone lists the accounts, subscribes on the public URL and syncs the active euro accounts; the webhook verifies with the stored secret', async () => {
    app = createTestApp(db, env({ QONTO_WEBHOOK_PUBLIC_URL: PUBLIC_URL }))
    const maud = await connectWithOAuth()
    const report = await live()
    expect(report).toMatchObject({ accounts: { ok: true, value: 4 }, subscription: { ok: true, value: 'created' }, sync: { ok: true, value: { created: 3 } } })

    expect((await db.prisma.qontoBankAccount.findMany({ orderBy: { id: 'asc' } })).map((a) => [a.name, a.reconcile])).toEqual(
      expect.arrayContaining([['Compte principal', true], ['Épargne', true], ['Dollars', false], ['Ancien', false]]),
    )
    expect(standIn.subscriptions).toHaveLength(1)
    expect(standIn.subscriptions[0]).toMatchObject({ callback_url: PUBLIC_URL, types: ['v1/transactions'] })
    expect(await db.prisma.transactionQonto.count({ where: { compteBancaireId: { in: [STAND_IN_ACCOUNT.id, SAVINGS.id] } } })).toBe(3)
    // Only the chosen accounts were asked for their transactions.
    const synced = new Set(standIn.requests.filter((r) => r.path === '/v2/transactions').map((r) => r.query.get('bank_account_id')))
    expect([...synced].sort()).toEqual([STAND_IN_ACCOUNT.id, SAVINGS.id].sort())

    // The page Maud comes back to says so, without a click.
    const view = (await maud.get(ACTION)).body.view
    expect(view.live).toMatchObject({ inProgress: false, accounts: { listed: 4, reconciled: 2 }, mode: 'webhook', subscriptionUrl: PUBLIC_URL, sync: { state: 'done', imported: 3 } })
    expect(view.live.modeLabel).toMatch(/^En temps réel : Qonto envoie chaque opération au webhook/)
    expect(view.live.sync.label).toBe('Synchronisation terminée : 3 paiements importés.')

    // No QONTO_WEBHOOK_SECRET anywhere: the route verifies with the subscription's stored secret.
    const delivery = transactionDelivery(standIn.subscriptions[0]!, qontoTransaction({ amount_cents: 99000 }))
    const posted = await request(app.app).post('/api/webhooks/qonto').set({ 'Content-Type': 'application/json', 'X-Qonto-Signature': delivery.signature }).send(delivery.body)
    expect(posted.status).toBe(200)
    const forged = transactionDelivery(standIn.subscriptions[0]!, qontoTransaction(), { secret: 'pas-le-bon-secret' })
    const refused = await request(app.app).post('/api/webhooks/qonto').set({ 'Content-Type': 'application/json', 'X-Qonto-Signature': forged.signature }).send(forged.body)
    expect(refused.status).toBe(401)
  })

  it('an API key: accounts and sync start at once, no subscription is attempted, and Maud is told the feed is polled every 15 minutes', async () => {
    app = createTestApp(db, env({ QONTO_WEBHOOK_PUBLIC_URL: PUBLIC_URL }))
    const maud = await loggedInAgent(app.app, ADMIN)
    const saved = await maud.post(ACTION).send({ command: 'connectApiKey', login: STAND_IN_CREDENTIALS.login, secretKey: STAND_IN_CREDENTIALS.secretKey, environment: 'production' })
    expect(saved.body.ok).toBe(true)
    expect(saved.body.message).toContain('Qonto n’envoie pas de webhooks aux clés API, le flux est interrogé toutes les 15 minutes')
    const report = await live()
    expect(report).toMatchObject({ accounts: { ok: true, value: 4 }, subscription: { ok: true, value: 'not-applicable' }, sync: { ok: true, value: { created: 3 } } })
    expect(standIn.requests.filter((r) => r.path.startsWith('/v2/webhook_subscriptions'))).toEqual([])
    const view = (await maud.get(ACTION)).body.view
    expect(view.live).toMatchObject({ mode: 'polling', subscriptionUrl: null, sync: { state: 'done', imported: 3 } })
    expect(view.live.modeLabel).toBe('Connexion par clé API : Qonto n’envoie pas de webhooks aux clés API, le flux est interrogé toutes les 15 minutes.')
    expect(view.connection).toMatchObject({ methodLabel: 'Clé API', statusLabel: 'connecté' })
    expect(view.connection.credentialsLabel).toMatch(/^•••• enregistrée le \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/)
    // On an English host the page reads the same in English, with the English date-time.
    app.reconciliation.context.panelLanguage.current = 'en'
    const english = (await maud.get(ACTION)).body.view
    app.reconciliation.context.panelLanguage.current = 'fr'
    expect(english.live.modeLabel).toBe('API key connection: Qonto sends no webhooks to API keys, the feed is polled every 15 minutes.')
    expect(english.live.sync.label).toBe('Sync done: 3 payments imported.')
    expect(english.connection).toMatchObject({ methodLabel: 'API key', statusLabel: 'connected' })
    expect(english.connection.credentialsLabel).toMatch(/^•••• stored on \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}$/)
    expect(english.connection.since).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}$/)
  })

  it('durable: a process that dies right after the connection leaves the go-live due; the next process to start takes it over once its lease expired, and runs it once', async () => {
    const settings = env() // the same encryption key for both processes
    app = createTestApp(db, settings)
    const maud = await loggedInAgent(app.app, ADMIN)
    expect((await maud.post(ACTION).send({ command: 'connectApiKey', login: STAND_IN_CREDENTIALS.login, secretKey: STAND_IN_CREDENTIALS.secretKey, environment: 'production' })).body.ok).toBe(true)
    await live()
    // Done: nothing is left due.
    expect(await db.prisma.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM "qonto_leases" WHERE "id" = $1`, GO_LIVE_WORK)).toHaveLength(0)
    await app.close()

    // What a process killed right after saving the connection leaves: the connection, its go-live due
    // under that process's lease, and nothing listed nor synced.
    await db.prisma.transactionQonto.deleteMany()
    await db.prisma.qontoSyncState.deleteMany()
    await db.prisma.qontoBankAccount.deleteMany()
    await db.prisma.$executeRawUnsafe(`INSERT INTO "qonto_leases" ("id", "holder", "lockedUntil") VALUES ($1, 'dead-process', CURRENT_TIMESTAMP + interval '30 seconds')`, GO_LIVE_WORK)
    app = createTestApp(db, settings)
    // Its lease still runs: it may be alive and working, nobody takes it over.
    expect(await resumeGoLive(app.reconciliation.context)).toBe(false)
    await db.prisma.$executeRawUnsafe(`UPDATE "qonto_leases" SET "lockedUntil" = CURRENT_TIMESTAMP - interval '1 second' WHERE "id" = $1`, GO_LIVE_WORK)
    // The next process starts: without a click, the accounts are listed and the payments synced.
    app.reconciliation.start()
    for (let waited = 0; waited < 20_000 && (await db.prisma.transactionQonto.count()) < 3; waited += 200) await new Promise((resolve) => setTimeout(resolve, 200))
    await goLiveRunning(app.reconciliation.context)
    expect(await db.prisma.qontoBankAccount.count()).toBe(4)
    expect(await db.prisma.transactionQonto.count()).toBe(3)
    expect(await db.prisma.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM "qonto_leases" WHERE "id" = $1`, GO_LIVE_WORK)).toHaveLength(0)
    // Once: a second sweep finds nothing due.
    expect(await resumeGoLive(app.reconciliation.context)).toBe(false)
  })

  it('reconnecting after the consent was revoked resumes from the stored cursor, not from the beginning', async () => {
    app = createTestApp(db, env({ QONTO_WEBHOOK_PUBLIC_URL: PUBLIC_URL }))
    await connectWithOAuth()
    await live()
    const cursor = (await db.prisma.qontoSyncState.findUniqueOrThrow({ where: { id: STAND_IN_ACCOUNT.id } })).cursor!
    expect(cursor.toISOString()).toBe('2026-11-30T09:00:00.000Z')

    oauth.revokeConsent()
    await expect(app.reconciliation.sync()).rejects.toThrow(/révoquée ou a expiré/)
    expect((await db.prisma.qontoConnection.findFirstOrThrow()).status).toBe('DISCONNECTED')

    standIn.transactions.push(qontoTransaction({ amount_cents: 33000, updated_at: '2026-12-01T08:00:00.000Z' }))
    standIn.requests.length = 0
    await connectWithOAuth()
    const report = await live()
    expect(report.sync).toEqual({ ok: true, value: { created: 1, updated: 0 } })
    // From the cursor less the safety margin (one hour), not the whole history.
    const asked = standIn.requests.filter((r) => r.path === '/v2/transactions' && r.query.get('bank_account_id') === STAND_IN_ACCOUNT.id)
    expect(asked.length).toBeGreaterThan(0)
    for (const r of asked) expect(r.query.get('updated_at_from')).toBe('2026-11-30T08:00:00.000Z')
    expect(await db.prisma.transactionQonto.count({ where: { compteBancaireId: STAND_IN_ACCOUNT.id } })).toBe(3)
  })
})
