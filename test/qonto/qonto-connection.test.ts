/**
 * Issue 14, first half: "Connexion Qonto" from the panel. OAuth (PKCE + state) against the OAuth
 * stand-in, API key tested before it is saved, every credential encrypted at rest, token refresh
 * (before expiry, after a 401, two processes at once), revoked consent → DISCONNECTED once, no more
 * requests; the read-only user is refused on the server.
 */
import { randomBytes } from 'node:crypto'
import request from 'supertest'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { isSealed } from '../../src/qonto/secret-box.js'
import { refreshStoredTokens, resolveQontoAccess, CONNECTION_ID } from '../../src/feed/qonto-access.service.js'
import { runConfiguredSync } from '../../src/runtime/runtime.service.js'
import { ensureSubscription } from '../../src/feed/webhook-subscription.service.js'
import { goLiveRunning, type GoLiveReport } from '../../src/feed/go-live.service.js'
import { ADMIN, READER, createTestApp, createTestUsers, loggedInAgent, testContext } from '../helpers/app.js'
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases.js'
import { STAND_IN_OAUTH_APP, withQontoOAuth, type OAuthStandIn } from '../helpers/qonto-oauth-stand-in.js'
import { STAND_IN_ACCOUNT, STAND_IN_CREDENTIALS, qontoTransaction, startQontoStandIn, type StandIn } from '../helpers/qonto-stand-in.js'

const ACTION = '/admin/api/resources/TransactionQonto/actions/connexionQonto'
const CALLBACK_PATH = '/qonto/oauth/callback'
const REDIRECT_URI = `https://compta.agence-glow.fr${CALLBACK_PATH}`
const ENCRYPTION_KEY = randomBytes(32).toString('base64')

describe.each(databaseKinds())('Connexion Qonto on %s', (kind) => {
  let db: TestDatabase
  let standIn: StandIn
  let oauth: OAuthStandIn
  let app: ReturnType<typeof createTestApp>
  const env = () => ({
    QONTO_ENCRYPTION_KEY: ENCRYPTION_KEY,
    QONTO_OAUTH_CLIENT_ID: STAND_IN_OAUTH_APP.clientId,
    QONTO_OAUTH_CLIENT_SECRET: STAND_IN_OAUTH_APP.clientSecret,
    QONTO_OAUTH_REDIRECT_URI: REDIRECT_URI,
    QONTO_OAUTH_BASE_URL: standIn.url,
    QONTO_API_BASE_URL: standIn.url,
    QONTO_SYNC_INTERVAL: '0',
  })

  beforeAll(async () => {
    standIn = await startQontoStandIn()
    standIn.transactions.push(qontoTransaction())
  })
  afterAll(async () => standIn.close())
  beforeEach(async () => {
    db = await createTestDatabase(kind)
    await createTestUsers(db)
    oauth = withQontoOAuth(standIn, { redirectUris: [REDIRECT_URI] })
    standIn.requests.length = 0
    app = createTestApp(db, env())
  }, 60_000)
  afterEach(async () => {
    await app.close()
    await db.close()
    standIn.routes.length = 0
    standIn.authorizers.length = 0
    standIn.faults.length = 0
  })

  /** What the browser does on Qonto's side: open the authorize page, click "Autoriser", follow the redirect. */
  async function authorizeAtQonto(authorizeUrl: string): Promise<URL> {
    const page = await fetch(authorizeUrl)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('Autoriser')
    const form = new URLSearchParams(new URL(authorizeUrl).searchParams)
    form.set('decision', 'allow')
    const decided = await fetch(`${standIn.url}/oauth2/auth/decision`, { method: 'POST', body: form, redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })
    expect(decided.status).toBe(302)
    return new URL(decided.headers.get('location')!)
  }

  /** Maud's browser's cookie binding the flow to it (issue 23 item 8), as the callback gets it back. */
  let binding = ''
  async function startAsMaud() {
    const maud = await loggedInAgent(app.app, ADMIN)
    const started = await maud.post(ACTION).send({ command: 'startOAuth', environment: 'production' })
    expect(started.body.ok).toBe(true)
    const cookie = (started.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('qr_oauth_binding='))!
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Lax/)
    expect(cookie).toContain(`Path=${CALLBACK_PATH}`)
    binding = cookie.split(';')[0]!
    return { maud, authorizeUrl: started.body.authorizeUrl as string, binding }
  }

  /** The callback as Maud's browser opens it coming back from qonto.com: the binding cookie, no session cookie (SameSite=Strict). */
  const callback = (url: URL, cookie = binding) => request(app.app).get(`${url.pathname}${url.search}`).set('Cookie', cookie)

  async function connectWithOAuth() {
    const { maud, authorizeUrl } = await startAsMaud()
    const back = await authorizeAtQonto(authorizeUrl)
    const landed = await callback(back)
    expect(landed.status).toBe(200)
    const live = await wentLive()
    return { maud, landed, live }
  }

  /** Connected means live: the go-live a connection started in the background (accounts, subscription, backfill sync), awaited. */
  async function wentLive(): Promise<GoLiveReport> {
    const running = goLiveRunning(app.reconciliation.context)
    expect(running).not.toBeNull()
    return running!
  }

  const row = () => db.prisma.qontoConnection.findUnique({ where: { id: CONNECTION_ID } })

  /** Every text/json column of qonto_connections, as text. */
  async function storedTexts(): Promise<string[]> {
    const columns = await db.sql.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'qonto_connections' AND data_type IN ('text', 'json', 'jsonb', 'character varying')`,
    )
    expect(columns.length).toBeGreaterThan(20)
    const rows = await db.sql.query<Record<string, unknown>>(`SELECT ${columns.map((c) => `"${c.column_name}"::text AS "${c.column_name}"`).join(', ')} FROM qonto_connections`)
    return rows.flatMap((r) => Object.values(r).filter((v): v is string => typeof v === 'string'))
  }

  it('Maud connects with OAuth from the panel: PKCE S256 and state checked, tokens stored encrypted, no secret in the browser', async () => {
    const { maud, authorizeUrl } = await startAsMaud()
    const url = new URL(authorizeUrl)
    expect(`${url.origin}${url.pathname}`).toBe(`${standIn.url}/oauth2/auth`)
    expect(url.searchParams.get('scope')).toBe('organization.read webhook offline_access')
    expect(url.searchParams.get('code_challenge_method')).toBe('S256')
    expect(url.searchParams.get('redirect_uri')).toBe(REDIRECT_URI)
    expect(url.searchParams.get('client_id')).toBe(STAND_IN_OAUTH_APP.clientId)
    expect(authorizeUrl).not.toContain(STAND_IN_OAUTH_APP.clientSecret)
    const state = url.searchParams.get('state')!
    // Before Qonto answers: neither the state nor a verifier in plaintext.
    expect((await storedTexts()).some((t) => t.includes(state))).toBe(false)
    expect((await row())!.status).toBe('DISCONNECTED')

    const back = await authorizeAtQonto(authorizeUrl)
    expect(back.searchParams.get('state')).toBe(state)
    const landed = await callback(back)
    expect(landed.status).toBe(200)
    expect(landed.text).toContain('Qonto est connecté (Agence Glow)')
    const live = await wentLive()
    // The code was exchanged with the verifier (the stand-in checks it against the challenge).
    expect(oauth.tokenRequests).toEqual([{ grantType: 'authorization_code', status: 200 }])

    const status = await maud.get(ACTION)
    expect(status.body.canManage).toBe(true)
    expect(status.body.view).toMatchObject({ source: 'stored', connection: { method: 'OAUTH', status: 'CONNECTED', statusLabel: 'connecté', environment: 'production', by: ADMIN.email, organizationName: 'Agence Glow', scopes: ['organization.read', 'webhook', 'offline_access'] } })
    expect(status.body.view.connection.credentialsLabel).toMatch(/^•••• enregistrée le /)
    const accessToken = oauth.issuedAccessTokens[0]!
    expect(JSON.stringify(status.body)).not.toContain(accessToken)

    // Encrypted at rest: no plaintext anywhere, every credential column sealed.
    const stored = (await row())!
    for (const column of ['accessToken', 'refreshToken'] as const) expect(isSealed(stored[column]!)).toBe(true)
    expect(stored.pendingStateHash).toBeNull()
    const texts = await storedTexts()
    for (const secret of [accessToken, state, STAND_IN_OAUTH_APP.clientSecret, back.searchParams.get('code')!]) {
      expect(texts.some((t) => t.includes(secret))).toBe(false)
    }
    expect(await db.prisma.qontoAuditLog.count({ where: { action: 'CONNEXION_QONTO', acteur: ADMIN.email } })).toBe(1)

    // And the backfill sync the connection started used it (Bearer, the organisation's main account).
    expect(live.sync).toEqual({ ok: true, value: { created: 1, updated: 0 } })
    expect(standIn.requests.filter((r) => r.path === '/v2/transactions').every((r) => r.authorization === `Bearer ${accessToken}`)).toBe(true)
  })

  it('a wrong, expired or replayed state is refused in French and nothing is stored', async () => {
    const { authorizeUrl } = await startAsMaud()
    const back = await authorizeAtQonto(authorizeUrl)
    const forged = new URL(back)
    forged.searchParams.set('state', 'x'.repeat(43))
    const refused = await callback(forged)
    expect(refused.status).toBe(400)
    expect(refused.text).toContain('Retour de Qonto refusé : lien de connexion invalide, expiré ou déjà utilisé')
    expect(oauth.tokenRequests).toEqual([])
    expect((await row())!.accessToken).toBeNull()

    // Expired: ten minutes later the same (genuine) state is worth nothing.
    await db.prisma.qontoConnection.update({ where: { id: CONNECTION_ID }, data: { pendingExpiresAt: new Date(Date.now() - 1000) } })
    expect((await callback(back)).status).toBe(400)
    expect((await row())!.status).toBe('DISCONNECTED')

    // Replayed: a successful callback cannot be played again.
    const { authorizeUrl: again } = await startAsMaud()
    const ok = await authorizeAtQonto(again)
    expect((await callback(ok)).status).toBe(200)
    await wentLive()
    const replay = await callback(ok)
    expect(replay.status).toBe(400)
    expect(oauth.tokenRequests.filter((t) => t.grantType === 'authorization_code')).toHaveLength(1)
  })

  it('refuses the callback in a browser that did not start the flow (issue 23 item 8), and the right browser still completes', async () => {
    const { authorizeUrl, binding: maudsBinding } = await startAsMaud()
    const back = await authorizeAtQonto(authorizeUrl)
    // The link opened elsewhere: no binding cookie, or another flow's.
    const elsewhere = await request(app.app).get(`${back.pathname}${back.search}`)
    expect(elsewhere.status).toBe(400)
    expect(elsewhere.text).toContain('ce navigateur n’a pas lancé la connexion')
    const { binding: otherFlow } = await startAsMaud()
    expect((await callback(back, otherFlow)).status).toBe(400)
    expect(oauth.tokenRequests).toEqual([])
    expect((await row())!.accessToken).toBeNull()
    // Maud's own browser, with the second flow's state and binding: connected.
    const { authorizeUrl: again } = await startAsMaud()
    expect((await callback(await authorizeAtQonto(again))).status).toBe(200)
    expect(maudsBinding).not.toBe(binding)
  })

  it('refreshes the access token shortly before it expires, and once after a 401', async () => {
    await connectWithOAuth()
    const firstRefresh = (await row())!.refreshToken
    // 4 minutes left: refreshed before the sync's first request.
    await db.prisma.qontoConnection.update({ where: { id: CONNECTION_ID }, data: { accessTokenExpiresAt: new Date(Date.now() + 4 * 60_000) } })
    standIn.requests.length = 0
    await app.reconciliation.sync()
    expect(oauth.tokenRequests.map((t) => t.grantType)).toEqual(['authorization_code', 'refresh_token'])
    const rotated = (await row())!
    expect(rotated.refreshToken).not.toBe(firstRefresh)
    expect(rotated.accessTokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 55 * 60_000)
    expect(standIn.requests.some((r) => r.authorization === `Bearer ${oauth.issuedAccessTokens[0]}`)).toBe(false)

    // Qonto refuses the token before its announced expiry: one refresh, the request is retried once.
    oauth.expireAccessTokens()
    standIn.requests.length = 0
    await app.reconciliation.sync()
    expect(oauth.tokenRequests.map((t) => t.grantType)).toEqual(['authorization_code', 'refresh_token', 'refresh_token'])
    const api = standIn.requests.filter((r) => r.path.startsWith('/v2/'))
    // The sync lists the bank accounts first (refused, refreshed, retried once), then the chosen account's transactions.
    expect(api.map((r) => [r.path, r.authorization])).toEqual([
      ['/v2/bank_accounts', `Bearer ${oauth.issuedAccessTokens[1]}`],
      ['/v2/bank_accounts', `Bearer ${oauth.issuedAccessTokens[2]}`],
      ['/v2/transactions', `Bearer ${oauth.issuedAccessTokens[2]}`],
    ])
    expect((await row())!.status).toBe('CONNECTED')
  })

  it('two processes refreshing at once both keep working and store one rotation, even one that sends the old refresh token after the grace period', async () => {
    await connectWithOAuth()
    const processA = testContext(db, env())
    const processB = testContext(db, env())
    await db.prisma.qontoConnection.update({ where: { id: CONNECTION_ID }, data: { accessTokenExpiresAt: new Date(Date.now() + 60_000) } })
    standIn.requests.length = 0
    const [a, b] = await Promise.all([resolveQontoAccess(processA), resolveQontoAccess(processB)])
    if (a.source !== 'stored' || b.source !== 'stored') throw new Error('stored access expected')
    await Promise.all([a.client.getOrganization(), b.client.getOrganization()])
    // Whoever lost the compare-and-swap used the winner's token: one token in use, and it is the stored one.
    const used = new Set(standIn.requests.filter((r) => r.path === '/v2/organization').map((r) => r.authorization))
    expect(used.size).toBe(1)
    const stored = (await row())!
    expect([...used][0]).toBe(`Bearer ${processA.secretBox.open(stored.accessToken!, 'qonto-connection:accessToken')}`)

    // Process B read the refresh token, then stalled past the 60 s grace while A rotated it.
    let release!: () => void
    const stalled = new Promise<void>((resolve) => (release = resolve))
    const slowFetch: typeof fetch = async (input, init) => {
      await stalled
      return fetch(input, init)
    }
    const late = refreshStoredTokens(processB, slowFetch)
    await new Promise((resolve) => setTimeout(resolve, 50))
    await refreshStoredTokens(processA)
    oauth.advance(61_000)
    release()
    const token = await late
    expect(oauth.tokenRequests.at(-1)).toMatchObject({ grantType: 'refresh_token', status: 400 })
    // Not a lost consent: B takes A's token, the connection stays up and nobody is notified.
    const after = (await row())!
    expect(after.status).toBe('CONNECTED')
    expect(token).toBe(processA.secretBox.open(after.accessToken!, 'qonto-connection:accessToken'))
    expect(await db.prisma.notification.count({ where: { type: 'CONNEXION_QONTO' } })).toBe(0)
    // The go-live already imported the payment: B's sync reads it again (cursor less the margin), unchanged.
    await expect(runConfiguredSync(processB)).resolves.toMatchObject({ created: 0, unchanged: 1 })
  })

  it('a revoked consent marks the connection DISCONNECTED, notifies the admins once and sends no further request to Qonto', async () => {
    const { maud } = await connectWithOAuth()
    oauth.revokeConsent()
    standIn.requests.length = 0
    await expect(app.reconciliation.sync()).rejects.toThrow(/révoquée ou a expiré.*reconnectez Qonto/)
    // One API call refused (401), one refresh refused (invalid_grant), then nothing.
    expect(standIn.requests.filter((r) => r.path.startsWith('/v2/'))).toHaveLength(1)
    expect(oauth.tokenRequests.at(-1)).toMatchObject({ grantType: 'refresh_token', status: 400 })
    const lost = (await row())!
    expect(lost).toMatchObject({ status: 'DISCONNECTED', accessToken: null, refreshToken: null, method: 'OAUTH' })
    const sent = standIn.requests.length
    const tokenCalls = oauth.tokenRequests.length
    for (let i = 0; i < 3; i++) await expect(app.reconciliation.sync()).rejects.toThrow(/Qonto est déconnecté/)
    await app.reconciliation.processPendingWebhooks()
    expect(standIn.requests.length).toBe(sent)
    expect(oauth.tokenRequests.length).toBe(tokenCalls)
    const notifications = await db.prisma.notification.findMany({ where: { type: 'CONNEXION_QONTO' } })
    expect(notifications).toHaveLength(1)
    expect(notifications[0]!.titre).toBe('Connexion Qonto perdue')
    expect(await db.prisma.qontoAuditLog.count({ where: { action: 'DECONNEXION_QONTO', automatique: true } })).toBe(1)
    // The page says "déconnecté", why, and what to do; the reconnect path is open again.
    const view = (await maud.get(ACTION)).body.view
    expect(view.connection).toMatchObject({ status: 'DISCONNECTED', statusLabel: 'déconnecté' })
    expect(view.disconnectedReason).toContain('révoquée ou a expiré')
    expect(view.hint).toContain('Reconnectez Qonto ci-dessous')
  })

  it('a 429 then a 500 from the token endpoint are retried: the refresh goes through and the connection stays up', async () => {
    await connectWithOAuth()
    await db.prisma.qontoConnection.update({ where: { id: CONNECTION_ID }, data: { accessTokenExpiresAt: new Date(Date.now() + 60_000) } })
    standIn.faults.push({ kind: 'status', status: 429, path: '/oauth2/token', body: '{"error":"too_many_requests"}' }, { kind: 'status', status: 500, path: '/oauth2/token' })
    await expect(app.reconciliation.sync()).resolves.toMatchObject({ created: 0, unchanged: 1 })
    expect(standIn.faults).toEqual([])
    expect(oauth.tokenRequests.map((t) => [t.grantType, t.status])).toEqual([['authorization_code', 200], ['refresh_token', 200]])
    expect((await row())!).toMatchObject({ status: 'CONNECTED', lastError: null })
    expect(await db.prisma.notification.count({ where: { type: 'CONNEXION_QONTO' } })).toBe(0)
  })

  it('an API key revoked in Qonto: the first 401 disconnects, one notification, and neither sync nor webhook retries send anything', async () => {
    const maud = await loggedInAgent(app.app, ADMIN)
    await maud.post(ACTION).send({ command: 'connectApiKey', login: STAND_IN_CREDENTIALS.login, secretKey: STAND_IN_CREDENTIALS.secretKey, environment: 'production' })
    await wentLive()
    standIn.faults.push({ kind: 'status', status: 401, path: '/v2/transactions' })
    await expect(app.reconciliation.sync()).rejects.toThrow(/HTTP 401/)
    expect((await row())!).toMatchObject({ status: 'DISCONNECTED', disconnectedReason: 'Qonto refuse les identifiants enregistrés (HTTP 401) : clé API révoquée ou autorisation retirée.' })
    const sent = standIn.requests.length
    await expect(app.reconciliation.sync()).rejects.toThrow(/Qonto est déconnecté/)
    await app.reconciliation.processPendingWebhooks()
    expect(standIn.requests.length).toBe(sent)
    expect(await db.prisma.notification.count({ where: { type: 'CONNEXION_QONTO' } })).toBe(1)
  })

  it('an API key is tested against Qonto before it is saved: a bad key is refused and nothing stored', async () => {
    const maud = await loggedInAgent(app.app, ADMIN)
    const bad = await maud.post(ACTION).send({ command: 'connectApiKey', login: STAND_IN_CREDENTIALS.login, secretKey: 'mauvaise-cle', environment: 'production' })
    expect(bad.body.ok).toBe(false)
    expect(bad.body.message).toMatch(/^Qonto refuse ces identifiants \(HTTP 401\).*Rien n'a été enregistré\.$/)
    expect(await row()).toBeNull()
    const sandbox = await maud.post(ACTION).send({ command: 'connectApiKey', login: 'x', secretKey: 'y', environment: 'sandbox' })
    expect(sandbox.body.message).toContain('jeton de staging')

    const good = await maud.post(ACTION).send({ command: 'connectApiKey', login: STAND_IN_CREDENTIALS.login, secretKey: STAND_IN_CREDENTIALS.secretKey, environment: 'production' })
    expect(good.body).toMatchObject({
      ok: true,
      message: 'Qonto connecté avec la clé API (Agence Glow). Connexion par clé API : Qonto n’envoie pas de webhooks aux clés API, le flux est interrogé à la demande seulement (synchronisation périodique désactivée) : lancez « Synchroniser Qonto ». Comptes et première synchronisation en cours.',
      view: { connection: { method: 'API_KEY', status: 'CONNECTED' } },
    })
    const live = await wentLive()
    expect(JSON.stringify(good.body)).not.toContain(STAND_IN_CREDENTIALS.secretKey)
    const texts = await storedTexts()
    expect(texts.some((t) => t.includes(STAND_IN_CREDENTIALS.secretKey) || t.includes(STAND_IN_CREDENTIALS.login))).toBe(false)
    expect(((await row())!.bankAccountId)).toBe(STAND_IN_ACCOUNT.id)
    expect(live.sync).toEqual({ ok: true, value: { created: 1, updated: 0 } })
    expect(standIn.requests.at(-1)!.authorization).toBe(`${STAND_IN_CREDENTIALS.login}:${STAND_IN_CREDENTIALS.secretKey}`)
  })

  it('the read-only user sees the status but every command is refused on the server', async () => {
    const reader = await loggedInAgent(app.app, READER)
    const view = await reader.get(ACTION)
    expect(view.body.canManage).toBe(false)
    for (const body of [
      { command: 'startOAuth', environment: 'production' },
      { command: 'connectApiKey', login: STAND_IN_CREDENTIALS.login, secretKey: STAND_IN_CREDENTIALS.secretKey, environment: 'production' },
      { command: 'disconnect' },
    ]) {
      const refused = await reader.post(ACTION).send(body)
      expect(refused.body).toMatchObject({ ok: false, message: 'Seul un administrateur peut connecter ou déconnecter Qonto.' })
      expect(refused.body.authorizeUrl).toBeUndefined()
    }
    expect(await row()).toBeNull()
    expect(standIn.requests).toEqual([])
  })

  it('"Déconnecter" revokes the consent at Qonto, deletes the webhook subscription and every credential', async () => {
    const first = app
    app = createTestApp(db, { ...env(), QONTO_WEBHOOK_PUBLIC_URL: 'https://compta.agence-glow.fr/api/webhooks/qonto' })
    await first.close()
    standIn.subscriptions.length = 0
    const { maud, live } = await connectWithOAuth()
    // Connected means live: subscribed on the public URL at once; checked again under its lock, on
    // PGlite's single connection too (it used to wait forever for the stored token), it is in place.
    expect(live.subscription).toEqual({ ok: true, value: 'created' })
    expect(standIn.subscriptions).toHaveLength(1)
    expect((await ensureSubscription(app.reconciliation.context)).status).toBe('ok')
    const refreshSealed = (await row())!.refreshToken!
    const refreshToken = app.reconciliation.context.secretBox.open(refreshSealed, 'qonto-connection:refreshToken')
    const done = await maud.post(ACTION).send({ command: 'disconnect' })
    expect(done.body).toMatchObject({ ok: true, view: { source: 'none', connection: null } })
    expect(oauth.revocations).toEqual([refreshToken])
    // Deleted at Qonto before the consent went, and here: no delivery can come for a disconnected feed.
    expect(standIn.subscriptions).toHaveLength(0)
    expect(await db.prisma.qontoWebhookSubscription.count()).toBe(0)
    expect(oauth.accepts(`Bearer ${oauth.issuedAccessTokens[0]}`)).toBe(false)
    const stored = (await row())!
    for (const column of ['accessToken', 'refreshToken', 'apiLogin', 'secretKey', 'stagingToken', 'pendingVerifier'] as const) expect(stored[column]).toBeNull()
    expect(stored.disconnectedReason).toBe(`Déconnecté par ${ADMIN.email}`)
    expect(await db.prisma.qontoAuditLog.count({ where: { action: 'DECONNEXION_QONTO', acteur: ADMIN.email } })).toBe(1)
    await expect(app.reconciliation.sync()).rejects.toThrow("La connexion à Qonto n'est pas configurée")
    // A human disconnection notifies no one (it is not a lost consent).
    expect(await db.prisma.notification.count({ where: { type: 'CONNEXION_QONTO' } })).toBe(0)
  })

  it('the QONTO_* variables take precedence over the stored connection, and the page says so', async () => {
    await connectWithOAuth()
    const withEnv = createTestApp(db, { ...env(), QONTO_LOGIN: STAND_IN_CREDENTIALS.login, QONTO_SECRET_KEY: STAND_IN_CREDENTIALS.secretKey, QONTO_BANK_ACCOUNT_ID: STAND_IN_ACCOUNT.id })
    try {
      const access = await resolveQontoAccess(withEnv.reconciliation.context)
      expect(access.source).toBe('env')
      const maud = await loggedInAgent(withEnv.app, ADMIN)
      const view = (await maud.get(ACTION)).body.view
      expect(view).toMatchObject({ source: 'env', envPrecedence: true })
      expect(view.hint).toContain('elles priment sur la connexion enregistrée ici')
    } finally {
      await withEnv.close()
    }
  })
})
