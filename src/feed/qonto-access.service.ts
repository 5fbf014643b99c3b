/**
 * The one way to get a Qonto client: the host's `qonto` settings (environment variables) take
 * precedence; otherwise the connection stored from the panel (API key, or OAuth bearer refreshed
 * before expiry and once after a 401). A lost connection sends no request at all: Qonto throttles
 * after 200 × 401 per hour.
 */
import { serverTexts } from '../i18n/server-texts.js'
import type { QontoConnection } from '@prisma/client'
import { notify, type ReconciliationContext } from '../context.js'
import { QontoClient, type RetryPolicy } from '../qonto/client.js'
import type { AccessTokenProvider, QontoSettings } from '../qonto/config.js'
import { QontoAuthError } from '../qonto/errors.js'
import { OAuthGrantError, qontoHosts, refreshTokens, type OAuthClient, type QontoEnvironment } from '../qonto/oauth.js'

export const CONNECTION_ID = 'default'
/** Refresh when less than this is left on the access token (it lives 1 h). */
export const REFRESH_MARGIN_MS = 5 * 60_000

export const QONTO_NOT_CONFIGURED = "La connexion à Qonto n'est pas configurée (identifiants et compte bancaire)."

export const RECONNECT_HINT = 'Ouvrez « Connexion Qonto » et reconnectez Qonto (un administrateur).'

export type QontoAccess =
  | { source: 'env' | 'stored'; settings: QontoSettings; client: QontoClient }
  | { source: 'none'; reason: string }

/** Sealed-column contexts (associated data): a value cannot be moved to another column. */
export const SEALED = {
  accessToken: 'qonto-connection:accessToken',
  refreshToken: 'qonto-connection:refreshToken',
  apiLogin: 'qonto-connection:apiLogin',
  secretKey: 'qonto-connection:secretKey',
  stagingToken: 'qonto-connection:stagingToken',
  pendingVerifier: 'qonto-connection:pendingVerifier',
  pendingStagingToken: 'qonto-connection:pendingStagingToken',
} as const

/**
 * What this process last read of the stored connection: AdminJS decides synchronously whether to show
 * « Synchroniser Qonto », so it reads this (refreshed by every access, status read and loss) instead
 * of the database. Older than STORED_CONNECTION_FRESH_MS, it is read again in the background: a
 * disconnection in another process hides the button here within about a second (the sync itself
 * reads the connection, and is refused, whatever this says).
 */
const storedConnected = new WeakMap<ReconciliationContext, { connected: boolean; at: number; reading?: boolean }>()
const STORED_CONNECTION_FRESH_MS = 500

export function noteStoredConnection(ctx: ReconciliationContext, connected: boolean): void {
  storedConnected.set(ctx, { connected, at: Date.now() })
}

/** A stored connection a client can be built from. */
function usable(ctx: ReconciliationContext, row: Pick<QontoConnection, 'method' | 'status' | 'bankAccountId'> | null): boolean {
  return Boolean(row?.method) && row?.status === 'CONNECTED' && ctx.secretBox.available && Boolean(row?.bankAccountId)
}

/** Whether a sync can run: QONTO_* settings, or a stored connection last seen connected. */
export function canSync(ctx: ReconciliationContext): boolean {
  if (ctx.qonto !== null) return true
  const seen = storedConnected.get(ctx)
  if (seen && !seen.reading && Date.now() - seen.at > STORED_CONNECTION_FRESH_MS) {
    seen.reading = true
    void ctx.prisma.qontoConnection
      .findUnique({ where: { id: CONNECTION_ID }, select: { method: true, status: true, bankAccountId: true } })
      .then((row) => noteStoredConnection(ctx, usable(ctx, row)))
      .catch(() => (seen.reading = false))
  }
  return seen?.connected === true
}

export async function resolveQontoAccess(ctx: ReconciliationContext, retry?: RetryPolicy): Promise<QontoAccess> {
  if (ctx.qonto) return { source: 'env', settings: ctx.qonto, client: new QontoClient(ctx.qonto, retry) }
  const row = await ctx.prisma.qontoConnection.findUnique({ where: { id: CONNECTION_ID } })
  noteStoredConnection(ctx, usable(ctx, row))
  if (!row || !row.method) return { source: 'none', reason: QONTO_NOT_CONFIGURED }
  if (row.status !== 'CONNECTED') return { source: 'none', reason: `Qonto est déconnecté${row.disconnectedReason ? ` : ${row.disconnectedReason}` : ''}. ${RECONNECT_HINT}` }
  if (!ctx.secretBox.available) return { source: 'none', reason: 'Clé de chiffrement absente (QONTO_ENCRYPTION_KEY) : la connexion Qonto enregistrée est illisible.' }
  if (!row.bankAccountId) return { source: 'none', reason: `Aucun compte bancaire Qonto connu pour cette connexion. ${RECONNECT_HINT}` }
  const settings = storedSettings(ctx, row)
  return { source: 'stored', settings, client: new QontoClient(settings, retry) }
}

function storedSettings(ctx: ReconciliationContext, row: QontoConnection): QontoSettings {
  const box = ctx.secretBox
  const environment = (row.environment ?? 'production') as QontoEnvironment
  const stagingToken = row.stagingToken ? box.open(row.stagingToken, SEALED.stagingToken) : undefined
  const auth: QontoSettings['auth'] =
    row.method === 'API_KEY'
      ? { kind: 'api-key', login: box.open(row.apiLogin!, SEALED.apiLogin), secretKey: box.open(row.secretKey!, SEALED.secretKey) }
      : { kind: 'oauth-managed', tokens: storedTokens(ctx) }
  const stored = row.bankAccountId!
  const account = stored.startsWith('iban:') ? { iban: stored.slice('iban:'.length) } : { bankAccountId: stored }
  const onCredentialsRefused = () => markConnectionLost(ctx, 'Qonto refuse les identifiants enregistrés (HTTP 401) : clé API révoquée ou autorisation retirée.')
  const beforeRequest = () => stillConnected(ctx, row.connectedAt)
  return { baseUrl: qontoHosts(environment, ctx.qontoHosts).api, auth, account, stagingToken, onCredentialsRefused, beforeRequest }
}

/**
 * Read through before every request of a client built from the stored connection: once it is
 * disconnected (Déconnecter, a consent revoked or refused) or replaced by a new connection, in this
 * process or another, the client sends nothing more — a sync under way in another server process
 * stops at its next page. One primary-key read, next to an HTTP round trip to Qonto.
 */
async function stillConnected(ctx: ReconciliationContext, connectedAt: Date | null): Promise<void> {
  const now = await ctx.prisma.qontoConnection.findUnique({ where: { id: CONNECTION_ID }, select: { status: true, connectedAt: true } })
  const same = now?.status === 'CONNECTED' && (now.connectedAt?.getTime() ?? null) === (connectedAt?.getTime() ?? null)
  if (same) return
  noteStoredConnection(ctx, now?.status === 'CONNECTED')
  if (now?.status === 'CONNECTED') throw new QontoAuthError('La connexion Qonto a été remplacée entre-temps : cette opération s’arrête, la suivante utilisera la nouvelle connexion.', 401)
  throw new QontoAuthError(`Qonto est déconnecté. ${RECONNECT_HINT}`, 401)
}

export function oauthClientOf(ctx: ReconciliationContext, environment: QontoEnvironment): OAuthClient | null {
  const app = ctx.qontoOAuth
  if (!app) return null
  return { clientId: app.clientId, clientSecret: app.clientSecret, redirectUri: app.redirectUri, oauthBaseUrl: qontoHosts(environment, ctx.qontoHosts).oauth }
}

/** One refresh at a time in this process; across processes the compare-and-swap on the stored refresh token decides. */
const refreshing = new WeakMap<ReconciliationContext, Promise<string>>()

function storedTokens(ctx: ReconciliationContext): AccessTokenProvider {
  return {
    async current() {
      const row = await connectedRow(ctx)
      if (row.accessToken && row.accessTokenExpiresAt && row.accessTokenExpiresAt.getTime() - Date.now() > REFRESH_MARGIN_MS) {
        return ctx.secretBox.open(row.accessToken, SEALED.accessToken)
      }
      return refreshOnce(ctx)
    },
    async afterUnauthorized(rejected) {
      const row = await connectedRow(ctx)
      const stored = row.accessToken ? ctx.secretBox.open(row.accessToken, SEALED.accessToken) : null
      // Another process refreshed meanwhile: retry with its token instead of refreshing again.
      if (stored && stored !== rejected) return stored
      return refreshOnce(ctx)
    },
  }
}

async function connectedRow(ctx: ReconciliationContext): Promise<QontoConnection> {
  const row = await ctx.prisma.qontoConnection.findUnique({ where: { id: CONNECTION_ID } })
  if (!row || row.status !== 'CONNECTED') throw new QontoAuthError(`Qonto est déconnecté. ${RECONNECT_HINT}`, 401)
  return row
}

function refreshOnce(ctx: ReconciliationContext): Promise<string> {
  const running = refreshing.get(ctx)
  if (running) return running
  const run = refreshStoredTokens(ctx).finally(() => refreshing.delete(ctx))
  refreshing.set(ctx, run)
  return run
}

/** Refreshes the stored OAuth tokens; returns a valid access token (ours or the one another process stored). */
export async function refreshStoredTokens(ctx: ReconciliationContext, fetchImpl: typeof fetch = fetch): Promise<string> {
  const row = await connectedRow(ctx)
  const client = oauthClientOf(ctx, (row.environment ?? 'production') as QontoEnvironment)
  if (!client) throw new QontoAuthError(`L'application OAuth Qonto n'est plus configurée (qontoOAuth / QONTO_OAUTH_CLIENT_ID). ${RECONNECT_HINT}`, 401)
  if (!row.refreshToken) {
    await markConnectionLost(ctx, "Qonto n'a pas fourni de jeton de renouvellement (scope offline_access manquant)")
    throw new QontoAuthError(`Qonto est déconnecté. ${RECONNECT_HINT}`, 401)
  }
  const usedSealed = row.refreshToken
  let tokens
  try {
    tokens = await refreshTokens(client, ctx.secretBox.open(usedSealed, SEALED.refreshToken), fetchImpl)
  } catch (error) {
    if (error instanceof OAuthGrantError) {
      // A stale refresh token (another process rotated it past the grace period) is not a lost consent.
      const now = await ctx.prisma.qontoConnection.findUnique({ where: { id: CONNECTION_ID } })
      if (now && now.status === 'CONNECTED' && now.refreshToken !== usedSealed && now.accessToken) return ctx.secretBox.open(now.accessToken, SEALED.accessToken)
      await markConnectionLost(ctx, error.message)
      throw new QontoAuthError(`${error.message} ${RECONNECT_HINT}`, error.status)
    }
    await ctx.prisma.qontoConnection.update({ where: { id: CONNECTION_ID }, data: { lastError: (error as Error).message.slice(0, 500), lastErrorAt: new Date() } }).catch(() => undefined)
    throw error
  }
  const swapped = await ctx.prisma.qontoConnection.updateMany({
    where: { id: CONNECTION_ID, status: 'CONNECTED', refreshToken: usedSealed },
    data: {
      accessToken: ctx.secretBox.seal(tokens.accessToken, SEALED.accessToken),
      // Qonto rotates the refresh token; keep the old one if it sent none.
      refreshToken: tokens.refreshToken ? ctx.secretBox.seal(tokens.refreshToken, SEALED.refreshToken) : usedSealed,
      accessTokenExpiresAt: tokens.expiresAt,
      ...(tokens.scopes.length > 0 ? { scopes: tokens.scopes.join(' ') } : {}),
      tokenRefreshedAt: new Date(),
      lastError: null,
      lastErrorAt: null,
    },
  })
  if (swapped.count === 1) return tokens.accessToken
  // Another process stored its rotation first: use its tokens (ours are dropped, theirs stay valid).
  const winner = await connectedRow(ctx)
  if (!winner.accessToken) throw new QontoAuthError(`Qonto est déconnecté. ${RECONNECT_HINT}`, 401)
  return ctx.secretBox.open(winner.accessToken, SEALED.accessToken)
}

/**
 * Consent revoked or expired, or credentials refused: DISCONNECTED with the reason, tokens dropped,
 * audited and the admins notified once; nothing is sent to Qonto until someone reconnects.
 */
export async function markConnectionLost(ctx: ReconciliationContext, reason: string): Promise<boolean> {
  noteStoredConnection(ctx, false)
  return ctx.prisma.$transaction(async (tx) => {
    const row = await tx.qontoConnection.findUnique({ where: { id: CONNECTION_ID } })
    if (!row || row.status !== 'CONNECTED') return false
    const lost = await tx.qontoConnection.updateMany({
      where: { id: CONNECTION_ID, status: 'CONNECTED', updatedAt: row.updatedAt },
      data: {
        status: 'DISCONNECTED',
        disconnectedReason: reason.slice(0, 500),
        lastError: reason.slice(0, 500),
        lastErrorAt: new Date(),
        accessToken: null,
        accessTokenExpiresAt: null,
        refreshToken: null,
      },
    })
    if (lost.count === 0) return false
    await tx.qontoAuditLog.create({
      data: { acteur: 'système (Qonto)', action: 'DECONNEXION_QONTO', automatique: true, avant: { statut: 'CONNECTED', methode: row.method }, apres: { statut: 'DISCONNECTED' }, details: { motif: reason } },
    })
    await notify(ctx, tx, [
      {
        key: `qonto-connection-lost:${row.connectedAt?.toISOString() ?? row.id}`,
        type: 'CONNEXION_QONTO',
        title: serverTexts(ctx).connectionLost.title,
        message: serverTexts(ctx).connectionLost.message(reason, RECONNECT_HINT),
        link: `${ctx.rootPath}/pages/connexionQonto`,
      },
    ])
    return true
  })
}
