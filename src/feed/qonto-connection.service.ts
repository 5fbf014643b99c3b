/**
 * Connecting Qonto from the panel: OAuth authorization-code flow with PKCE (S256) and `state`, or an
 * API key tested against Qonto before it is saved; disconnecting (revoke, then delete the
 * credentials); and the safe view of the connection for the browser (never a secret).
 */
import type { Language } from '../admin/locale/language.js'
import { both, type Both } from '../i18n/both.js'
import { feedTexts } from '../i18n/feed-texts.js'
import { dateTimeIn } from '../domain/dates.js'
import { timingSafeEqual } from 'node:crypto'
import type { Prisma, QontoConnection } from '@prisma/client'
import { z } from 'zod'
import type { Actor, ReconciliationContext, Tx } from '../context.js'
import { QontoClient, type RetryPolicy } from '../qonto/client.js'
import type { QontoSettings } from '../qonto/config.js'
import { QontoAuthError } from '../qonto/errors.js'
import { authorizeUrl, exchangeCode, qontoHosts, randomToken, revokeToken, sha256, type QontoEnvironment } from '../qonto/oauth.js'
import { SecretBoxError } from '../qonto/secret-box.js'
import { liveProgress, markGoLiveDue, startGoLive, type LiveProgress } from './go-live.service.js'
import { onQontoDisconnect } from './webhook-subscription.service.js'
import { CONNECTION_ID, noteStoredConnection, oauthClientOf, SEALED } from './qonto-access.service.js'

/** A refused connection request; nothing was stored. `message` is the French text, `in(language)` the reader's. */
export class QontoConnectionError extends Error {
  override name = 'QontoConnectionError'
  constructor(readonly texts: Both<string>) {
    super(texts.fr)
  }

  in(language: Language): string {
    return this.texts[language]
  }
}

/** How a disconnection asked from the page starts its stored reason (then the page has no reconnect hint). */
const DISCONNECTED_BY = 'Déconnecté par'

/** How long the browser has to come back from Qonto's authorize page. */
export const OAUTH_STATE_TTL_MS = 10 * 60_000
/** Testing credentials: one quick retry, short timeout (the admin is waiting). */
const TEST_RETRY: RetryPolicy = { retries: 1, minTimeoutMs: 300, maxTimeoutMs: 1_000, timeoutMs: 10_000 }

const environmentSchema = z.enum(['sandbox', 'production'], { message: 'environnement attendu : sandbox ou production' })
const stagingTokenSchema = z.string().trim().max(500).optional().transform((v) => (v ? v : undefined))

const startSchema = z.object({ environment: environmentSchema, stagingToken: stagingTokenSchema })
const callbackSchema = z.object({
  code: z.string().min(1, 'code absent').max(2000),
  state: z.string().min(1, 'state absent').max(200),
})
const apiKeySchema = z.object({
  login: z.string().trim().min(1, 'identifiant (login) attendu').max(200),
  secretKey: z.string().trim().min(1, 'clé secrète attendue').max(500),
  environment: environmentSchema,
  stagingToken: stagingTokenSchema,
})

function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input)
  if (!parsed.success) throw new QontoConnectionError(both(`Demande invalide : ${parsed.error.issues.map((i) => i.message).join(', ')}.`, `Invalid request: ${parsed.error.issues.map((i) => i.path.join('.') || i.code).join(', ')}.`))
  return parsed.data
}

function requireStagingToken(environment: QontoEnvironment, stagingToken: string | undefined): void {
  if (environment === 'sandbox' && !stagingToken) {
    throw new QontoConnectionError(both('Le bac à sable Qonto demande le jeton de staging (X-Qonto-Staging-Token, sur developers.qonto.com).', "Qonto's sandbox needs the staging token (X-Qonto-Staging-Token, on developers.qonto.com)."))
  }
}

function requireEncryption(ctx: ReconciliationContext): void {
  if (!ctx.secretBox.available) {
    throw new QontoConnectionError(both(
      'Aucune clé de chiffrement configurée (QONTO_ENCRYPTION_KEY / option encryptionKey) : les identifiants Qonto ne peuvent pas être enregistrés.',
      'No encryption key configured (QONTO_ENCRYPTION_KEY / encryptionKey option): the Qonto credentials cannot be stored.',
    ))
  }
}

/**
 * The `state` is bound to the browser that started the flow: what is remembered is the hash of the
 * state with a second random value, the binding, which only that browser holds (a short-lived
 * cookie, OAUTH_BINDING_COOKIE). A callback opened in another browser (a link sent to a victim, or
 * the attacker's own state completed in the victim's session) lacks it and is refused.
 */
export const OAUTH_BINDING_COOKIE = 'qr_oauth_binding'
const boundStateHash = (state: string, binding: string) => sha256(`${state}.${binding}`)

/**
 * Step 1: remembers a fresh `state` (hashed with the browser binding) and PKCE verifier (sealed) for
 * 10 minutes; returns Qonto's authorize URL and the binding to give the browser as a cookie.
 */
export async function startOAuth(ctx: ReconciliationContext, actor: Actor, input: { environment: unknown; stagingToken?: unknown }): Promise<{ url: string; binding: string }> {
  const { environment, stagingToken } = parse(startSchema, input)
  const client = oauthClientOf(ctx, environment)
  if (!client) {
    throw new QontoConnectionError(both(
      "Aucune application OAuth Qonto n'est configurée (QONTO_OAUTH_CLIENT_ID, QONTO_OAUTH_CLIENT_SECRET, QONTO_OAUTH_REDIRECT_URI) : utilisez une clé API.",
      'No Qonto OAuth application is configured (QONTO_OAUTH_CLIENT_ID, QONTO_OAUTH_CLIENT_SECRET, QONTO_OAUTH_REDIRECT_URI): use an API key.',
    ))
  }
  requireEncryption(ctx)
  requireStagingToken(environment, stagingToken)
  const state = randomToken()
  const verifier = randomToken()
  const binding = randomToken()
  const pending = {
    pendingStateHash: boundStateHash(state, binding),
    pendingVerifier: ctx.secretBox.seal(verifier, SEALED.pendingVerifier),
    pendingEnvironment: environment,
    pendingStagingToken: stagingToken ? ctx.secretBox.seal(stagingToken, SEALED.pendingStagingToken) : null,
    pendingRedirectUri: client.redirectUri,
    pendingById: actor.userId,
    pendingBy: actor.label,
    pendingExpiresAt: new Date(Date.now() + OAUTH_STATE_TTL_MS),
  }
  await ctx.prisma.qontoConnection.upsert({ where: { id: CONNECTION_ID }, create: { id: CONNECTION_ID, ...pending }, update: pending })
  return { url: authorizeUrl(client, { state, verifier }), binding }
}

const STATE_REFUSED = both(
  'Retour de Qonto refusé : lien de connexion invalide, expiré ou déjà utilisé. Relancez « Connecter avec Qonto ».',
  'Return from Qonto refused: the connection link is invalid, expired or already used. Start “Connect with Qonto” again.',
)

const NOT_THIS_BROWSER = both(
  'Retour de Qonto refusé : ce navigateur n’a pas lancé la connexion (ou bloque les cookies de ce site). Relancez « Connecter avec Qonto » depuis ce navigateur.',
  'Return from Qonto refused: this browser did not start the connection (or blocks this site’s cookies). Start “Connect with Qonto” again from this browser.',
)

/**
 * Step 2 (the browser lands on the callback): checks `state` with the browser's binding, exchanges the
 * code with the verifier, tests and stores the tokens.
 */
export async function completeOAuth(ctx: ReconciliationContext, input: { code?: unknown; state?: unknown; error?: unknown; binding?: unknown }): Promise<ConnectionView> {
  if (typeof input.error === 'string' && input.error) {
    throw new QontoConnectionError(
      input.error === 'access_denied'
        ? both("Connexion Qonto annulée : l'autorisation a été refusée sur Qonto.", 'Qonto connection cancelled: the authorization was refused on Qonto.')
        : both(`Qonto a refusé la connexion (${input.error.slice(0, 100)}).`, `Qonto refused the connection (${input.error.slice(0, 100)}).`),
    )
  }
  const { code, state } = parse(callbackSchema, input)
  if (typeof input.binding !== 'string' || !/^[A-Za-z0-9_-]{20,100}$/.test(input.binding)) throw new QontoConnectionError(NOT_THIS_BROWSER)
  requireEncryption(ctx)
  const row = await ctx.prisma.qontoConnection.findUnique({ where: { id: CONNECTION_ID } })
  if (!row?.pendingStateHash || !row.pendingVerifier || !row.pendingExpiresAt || !sameHash(row.pendingStateHash, boundStateHash(state, input.binding))) throw new QontoConnectionError(STATE_REFUSED)
  // The state is single-use: claim it before anything else (a replayed callback finds nothing).
  const claimed = await ctx.prisma.qontoConnection.updateMany({
    where: { id: CONNECTION_ID, pendingStateHash: row.pendingStateHash, pendingExpiresAt: { gt: new Date() } },
    data: clearedPending(),
  })
  if (claimed.count !== 1) throw new QontoConnectionError(STATE_REFUSED)
  const environment = environmentSchema.parse(row.pendingEnvironment)
  const client = oauthClientOf(ctx, environment)
  if (!client || client.redirectUri !== row.pendingRedirectUri) throw new QontoConnectionError(STATE_REFUSED)
  const verifier = ctx.secretBox.open(row.pendingVerifier, SEALED.pendingVerifier)
  const stagingToken = row.pendingStagingToken ? ctx.secretBox.open(row.pendingStagingToken, SEALED.pendingStagingToken) : undefined
  let tokens
  try {
    tokens = await exchangeCode(client, { code, verifier })
  } catch (error) {
    throw new QontoConnectionError(both(`Qonto n'a pas accepté le retour de connexion : ${(error as Error).message}`, `Qonto did not accept the connection's return: ${(error as Error).message}`))
  }
  const organization = await testAccess(ctx, { baseUrl: qontoHosts(environment, ctx.qontoHosts).api, auth: { kind: 'oauth', accessToken: tokens.accessToken }, stagingToken })
  const actor: Actor = { userId: row.pendingById, label: row.pendingBy ?? 'inconnu' }
  await saveConnection(ctx, actor, {
    method: 'OAUTH',
    environment,
    organizationId: organization.id,
    organizationName: organization.name,
    bankAccountId: organization.bankAccountId,
    accessToken: ctx.secretBox.seal(tokens.accessToken, SEALED.accessToken),
    accessTokenExpiresAt: tokens.expiresAt,
    refreshToken: tokens.refreshToken ? ctx.secretBox.seal(tokens.refreshToken, SEALED.refreshToken) : null,
    scopes: tokens.scopes.join(' ') || null,
    apiLogin: null,
    secretKey: null,
    stagingToken: stagingToken ? ctx.secretBox.seal(stagingToken, SEALED.stagingToken) : null,
    tokenRefreshedAt: new Date(),
  })
  return connectionStatus(ctx)
}

/** The API-key path: GET /v2/organization with the key first; only a key Qonto accepts is stored. */
export async function connectWithApiKey(
  ctx: ReconciliationContext,
  actor: Actor,
  input: { login: unknown; secretKey: unknown; environment: unknown; stagingToken?: unknown },
): Promise<ConnectionView> {
  const { login, secretKey, environment, stagingToken } = parse(apiKeySchema, input)
  requireEncryption(ctx)
  requireStagingToken(environment, stagingToken)
  const organization = await testAccess(ctx, { baseUrl: qontoHosts(environment, ctx.qontoHosts).api, auth: { kind: 'api-key', login, secretKey }, stagingToken })
  await saveConnection(ctx, actor, {
    method: 'API_KEY',
    environment,
    organizationId: organization.id,
    organizationName: organization.name,
    bankAccountId: organization.bankAccountId,
    accessToken: null,
    accessTokenExpiresAt: null,
    refreshToken: null,
    scopes: null,
    apiLogin: ctx.secretBox.seal(login, SEALED.apiLogin),
    secretKey: ctx.secretBox.seal(secretKey, SEALED.secretKey),
    stagingToken: stagingToken ? ctx.secretBox.seal(stagingToken, SEALED.stagingToken) : null,
    tokenRefreshedAt: null,
  })
  return connectionStatus(ctx)
}

async function testAccess(ctx: ReconciliationContext, settings: Omit<QontoSettings, 'account'>) {
  // /v2/organization needs no bank account; the selector is only there to satisfy the type.
  const client = new QontoClient({ ...settings, account: { bankAccountId: '-' } }, TEST_RETRY)
  try {
    const organization = await client.getOrganization()
    const accounts = organization.bank_accounts ?? []
    const main = accounts.find((a) => a.main && a.status !== 'closed') ?? accounts.find((a) => a.status !== 'closed') ?? accounts[0]
    const bankAccountId = main ? (main.id ?? `iban:${main.iban.replace(/\s/g, '').toUpperCase()}`) : null
    if (!bankAccountId) throw new QontoConnectionError(both("Qonto n'a renvoyé aucun compte bancaire pour cette organisation : rien n'a été enregistré.", 'Qonto returned no bank account for this organization: nothing was stored.'))
    return { id: typeof organization.id === 'string' ? organization.id : null, name: organization.legal_name ?? organization.slug ?? null, bankAccountId }
  } catch (error) {
    if (error instanceof QontoConnectionError) throw error
    if (error instanceof QontoAuthError) {
      throw new QontoConnectionError(both(
        `Qonto refuse ces identifiants (HTTP ${error.status ?? 401}) : vérifiez l'identifiant et la clé secrète (Qonto → Paramètres → Intégrations et partenariats → Clé API), et l'environnement choisi. Rien n'a été enregistré.`,
        `Qonto refuses these credentials (HTTP ${error.status ?? 401}): check the login and the secret key (Qonto → Settings → Integrations & partnerships → API key), and the environment chosen. Nothing was stored.`,
      ))
    }
    throw new QontoConnectionError(both(`Impossible de vérifier la connexion auprès de Qonto : ${(error as Error).message}. Rien n'a été enregistré.`, `Could not check the connection with Qonto: ${(error as Error).message}. Nothing was stored.`))
  }
}

type Credentials = Pick<
  QontoConnection,
  | 'method' | 'environment' | 'organizationId' | 'organizationName' | 'bankAccountId' | 'accessToken' | 'accessTokenExpiresAt'
  | 'refreshToken' | 'scopes' | 'apiLogin' | 'secretKey' | 'stagingToken' | 'tokenRefreshedAt'
>

async function saveConnection(ctx: ReconciliationContext, actor: Actor, credentials: Credentials): Promise<void> {
  const data = {
    ...credentials,
    status: 'CONNECTED',
    disconnectedReason: null,
    lastError: null,
    lastErrorAt: null,
    connectedById: actor.userId,
    connectedBy: actor.label,
    connectedAt: new Date(),
  }
  await ctx.prisma.$transaction(async (tx) => {
    const before = await tx.qontoConnection.findUnique({ where: { id: CONNECTION_ID } })
    await tx.qontoConnection.upsert({ where: { id: CONNECTION_ID }, create: { id: CONNECTION_ID, ...data }, update: data })
    await audit(tx, actor, 'CONNEXION_QONTO', before, { statut: 'CONNECTED', methode: credentials.method, environnement: credentials.environment, organisation: credentials.organizationName })
    await markGoLiveDue(tx)
  })
  // Connected means live: accounts, webhook subscription and backfill sync start now, in the background
  // (durably: should this process die first, another one resumes it).
  void startGoLive(ctx)
}

async function audit(tx: Tx, actor: Actor, action: 'CONNEXION_QONTO' | 'DECONNEXION_QONTO', before: QontoConnection | null, after: Prisma.InputJsonObject, details?: Prisma.InputJsonObject) {
  await tx.qontoAuditLog.create({
    data: {
      userId: actor.userId,
      acteur: actor.label,
      action,
      avant: before ? { statut: before.status, methode: before.method, environnement: before.environment } : undefined,
      apres: after,
      details,
    },
  })
}

/**
 * Revokes the OAuth consent at Qonto (best effort), then deletes every stored credential; says what
 * it could not do at Qonto (`leftAtQonto`, French), for the admin to finish there.
 */
export async function disconnect(ctx: ReconciliationContext, actor: Actor): Promise<ConnectionView & { leftAtQonto: string[] }> {
  const row = await ctx.prisma.qontoConnection.findUnique({ where: { id: CONNECTION_ID } })
  if (!row?.method) throw new QontoConnectionError(both('Aucune connexion Qonto enregistrée : rien à déconnecter.', 'No Qonto connection stored: nothing to disconnect.'))
  // The webhook subscription goes first, while the tokens still open Qonto's API (it never throws).
  const subscription = await onQontoDisconnect(ctx)
  if (subscription.errors.length > 0) ctx.logger.warn({ errors: subscription.errors }, 'qonto webhook subscription left at Qonto on disconnect')
  let revoked: boolean | null = null
  if (row.method === 'OAUTH' && row.refreshToken && ctx.secretBox.available) {
    const client = oauthClientOf(ctx, environmentSchema.parse(row.environment))
    if (client) {
      try {
        revoked = await revokeToken(client, ctx.secretBox.open(row.refreshToken, SEALED.refreshToken), 'refresh_token')
      } catch (error) {
        if (!(error instanceof SecretBoxError)) throw error
        revoked = false
      }
    }
  }
  const leftAtQonto = [
    ...(subscription.errors.length > 0 ? ['l’abonnement aux webhooks n’a pas pu être supprimé chez Qonto (à retirer dans Qonto, Paramètres › Intégrations)'] : []),
    ...(revoked === false || (row.method === 'OAUTH' && revoked === null) ? ['l’autorisation OAuth n’a pas pu être révoquée chez Qonto (à retirer dans Qonto, Paramètres › Intégrations)'] : []),
  ]
  const reason = `${DISCONNECTED_BY} ${actor.label}`
  await ctx.prisma.$transaction(async (tx) => {
    await tx.qontoConnection.update({
      where: { id: CONNECTION_ID },
      data: {
        method: null, environment: null, status: 'DISCONNECTED', disconnectedReason: reason, organizationId: null, organizationName: null, bankAccountId: null,
        accessToken: null, accessTokenExpiresAt: null, refreshToken: null, scopes: null, apiLogin: null, secretKey: null, stagingToken: null,
        connectedById: null, connectedBy: null, connectedAt: null, tokenRefreshedAt: null, lastError: null, lastErrorAt: null, ...clearedPending(),
      },
    })
    await audit(tx, actor, 'DECONNEXION_QONTO', row, { statut: 'DISCONNECTED' }, { revocationQonto: revoked === null ? 'sans objet' : revoked ? 'révoquée' : 'échec (autorisation à retirer dans Qonto)', resteChezQonto: leftAtQonto })
  })
  return { ...(await connectionStatus(ctx)), leftAtQonto }
}

function clearedPending() {
  return {
    pendingStateHash: null, pendingVerifier: null, pendingEnvironment: null, pendingStagingToken: null,
    pendingRedirectUri: null, pendingById: null, pendingBy: null, pendingExpiresAt: null,
  }
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** What the browser may see: no token, no key, no login, no verifier. */
export interface ConnectionView {
  /** Which configuration is in use: the host's QONTO_* variables win over the panel's connection. */
  source: 'env' | 'stored' | 'none'
  envPrecedence: boolean
  oauthAvailable: boolean
  encryptionAvailable: boolean
  defaultEnvironment: QontoEnvironment
  redirectUri: string | null
  connection: null | {
    method: 'OAUTH' | 'API_KEY'
    methodLabel: string
    environment: QontoEnvironment
    status: 'CONNECTED' | 'DISCONNECTED'
    statusLabel: string
    since: string | null
    by: string | null
    organizationName: string | null
    scopes: string[]
    accessTokenExpiresAt: string | null
    credentialsLabel: string
  }
  /** Once connected: the feed being put live (accounts, webhook or polling, sync), refreshed by the page while in progress. */
  live: LiveProgress | null
  disconnectedReason: string | null
  lastError: string | null
  lastErrorAt: string | null
  hint: string | null
}

export async function connectionStatus(ctx: ReconciliationContext): Promise<ConnectionView> {
  const row = await ctx.prisma.qontoConnection.findUnique({ where: { id: CONNECTION_ID } })
  const envPrecedence = ctx.qonto !== null
  const connected = row?.method && row.status === 'CONNECTED'
  noteStoredConnection(ctx, Boolean(connected) && ctx.secretBox.available && Boolean(row?.bankAccountId))
  const language = ctx.panelLanguage.current
  const T = feedTexts(language).connection
  const at = (date: Date) => dateTimeIn(language, date, ctx.timeZone)
  const since = row?.connectedAt ? at(row.connectedAt) : null
  const hint = envPrecedence
    ? T.hints.envPrecedence
    : !ctx.secretBox.available
      ? T.hints.encryptionKey
      : row?.status === 'DISCONNECTED' && row.disconnectedReason && !row.disconnectedReason.startsWith(DISCONNECTED_BY)
        ? T.hints.reconnect
        : !connected
          ? T.hints.connect
          : null
  return {
    source: envPrecedence ? 'env' : connected ? 'stored' : 'none',
    envPrecedence,
    oauthAvailable: ctx.qontoOAuth !== null,
    encryptionAvailable: ctx.secretBox.available,
    defaultEnvironment: ctx.qontoOAuth?.environment ?? 'production',
    redirectUri: ctx.qontoOAuth?.redirectUri ?? null,
    connection:
      row?.method && row.environment
        ? {
            method: row.method as 'OAUTH' | 'API_KEY',
            methodLabel: T.methods[row.method as 'OAUTH' | 'API_KEY'],
            environment: row.environment as QontoEnvironment,
            status: row.status as 'CONNECTED' | 'DISCONNECTED',
            statusLabel: T.statuses[row.status as 'CONNECTED' | 'DISCONNECTED'],
            since,
            by: row.connectedBy,
            organizationName: row.organizationName,
            scopes: (row.scopes ?? '').split(' ').filter(Boolean),
            accessTokenExpiresAt: row.accessTokenExpiresAt ? at(row.accessTokenExpiresAt) : null,
            credentialsLabel: T.credentials(since ?? '?'),
          }
        : null,
    live: connected && !envPrecedence ? await liveProgress(ctx, row.method as 'OAUTH' | 'API_KEY') : null,
    disconnectedReason: row?.disconnectedReason ?? null,
    lastError: row?.lastError ?? null,
    lastErrorAt: row?.lastErrorAt ? at(row.lastErrorAt) : null,
    hint,
  }
}

