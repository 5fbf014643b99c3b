/**
 * Qonto's OAuth 2.0 protocol (API.md §1–2): authorization-code flow with PKCE (S256) and `state`,
 * form-urlencoded token endpoint for `authorization_code` and `refresh_token` (Qonto rotates the
 * refresh token, the old one stays valid for 60 s), and token revocation. No storage here.
 */
import { createHash, randomBytes } from 'node:crypto'
import { z } from 'zod'
import { QontoError } from './errors.js'

export type QontoEnvironment = 'sandbox' | 'production'

export const QONTO_OAUTH_SCOPES = ['organization.read', 'webhook', 'offline_access'] as const

export const QONTO_HOSTS: Record<QontoEnvironment, { api: string; oauth: string }> = {
  production: { api: 'https://thirdparty.qonto.com', oauth: 'https://oauth.qonto.com' },
  sandbox: { api: 'https://thirdparty-sandbox.staging.qonto.co', oauth: 'https://oauth-sandbox.staging.qonto.co' },
}

/** Where the extension talks to Qonto; `overrides` point both environments elsewhere (tests, the stand-in). */
export function qontoHosts(environment: QontoEnvironment, overrides?: { api?: string; oauth?: string } | null) {
  const hosts = QONTO_HOSTS[environment]
  return { api: (overrides?.api ?? hosts.api).replace(/\/$/, ''), oauth: (overrides?.oauth ?? hosts.oauth).replace(/\/$/, '') }
}

export interface OAuthClient {
  clientId: string
  clientSecret: string
  redirectUri: string
  /** e.g. https://oauth.qonto.com */
  oauthBaseUrl: string
}

/** Random URL-safe text: `state` and the PKCE verifier (43 characters, RFC 7636 §4.1). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url')
}

export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url')
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

export function authorizeUrl(client: OAuthClient, params: { state: string; verifier: string }): string {
  const url = new URL(`${client.oauthBaseUrl}/oauth2/auth`)
  url.searchParams.set('client_id', client.clientId)
  url.searchParams.set('redirect_uri', client.redirectUri)
  url.searchParams.set('response_type', 'code')
  url.searchParams.set('scope', QONTO_OAUTH_SCOPES.join(' '))
  url.searchParams.set('state', params.state)
  url.searchParams.set('code_challenge', pkceChallenge(params.verifier))
  url.searchParams.set('code_challenge_method', 'S256')
  return url.toString()
}

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.coerce.number().int().positive(),
  refresh_token: z.string().min(1).optional(),
  scope: z.string().optional(),
})

export interface TokenSet {
  accessToken: string
  refreshToken: string | null
  expiresAt: Date
  scopes: string[]
}

/** The token endpoint said the grant (code or refresh token) is invalid, expired or revoked: consent is lost. */
export class OAuthGrantError extends QontoError {
  constructor(
    message: string,
    readonly code: string,
    status: number,
  ) {
    super(message, status)
  }
}

const TIMEOUT_MS = 15_000

async function postForm(url: string, form: Record<string, string>, fetchImpl: typeof fetch): Promise<Response> {
  try {
    return await fetchImpl(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
  } catch (error) {
    throw new QontoError(`Serveur OAuth de Qonto injoignable : ${(error as Error).message}`)
  }
}

/** RFC 6749 §5.2 error body `{error, error_description}`. */
function oauthError(text: string): { error?: string; description?: string } {
  try {
    const body = JSON.parse(text) as { error?: unknown; error_description?: unknown }
    return { error: typeof body.error === 'string' ? body.error : undefined, description: typeof body.error_description === 'string' ? body.error_description : undefined }
  } catch {
    return {}
  }
}

async function tokenRequest(client: OAuthClient, form: Record<string, string>, now: Date, fetchImpl: typeof fetch): Promise<TokenSet> {
  const response = await postForm(
    `${client.oauthBaseUrl}/oauth2/token`,
    { ...form, client_id: client.clientId, client_secret: client.clientSecret },
    fetchImpl,
  )
  const text = await response.text()
  if (!response.ok) {
    const { error, description } = oauthError(text)
    const detail = description ? ` (${description})` : ''
    if (response.status === 429 || response.status >= 500) throw new QontoError(`Le serveur OAuth de Qonto a répondu HTTP ${response.status}${detail}`, response.status)
    // Qonto's own wording (English) stays out of the French message shown to Maud.
    if (error === 'invalid_grant') throw new OAuthGrantError("Qonto refuse l'autorisation : elle a été révoquée ou a expiré.", error, response.status)
    if (error === 'invalid_client' || response.status === 401) {
      throw new OAuthGrantError(`Qonto refuse l'application OAuth (identifiant ou secret client incorrect)${detail}.`, error ?? 'invalid_client', response.status)
    }
    throw new QontoError(`Le serveur OAuth de Qonto a refusé la demande (HTTP ${response.status}${error ? `, ${error}` : ''})${detail}.`, response.status)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new QontoError('Réponse illisible du serveur OAuth de Qonto (pas du JSON).', response.status)
  }
  const parsed = tokenResponseSchema.safeParse(json)
  if (!parsed.success) throw new QontoError('Réponse inattendue du serveur OAuth de Qonto (jeton absent).', response.status)
  const body = parsed.data
  return {
    accessToken: body.access_token,
    refreshToken: body.refresh_token ?? null,
    expiresAt: new Date(now.getTime() + body.expires_in * 1000),
    scopes: (body.scope ?? '').split(/\s+/).filter(Boolean),
  }
}

export function exchangeCode(client: OAuthClient, params: { code: string; verifier: string }, fetchImpl: typeof fetch = fetch, now = new Date()): Promise<TokenSet> {
  return tokenRequest(client, { grant_type: 'authorization_code', code: params.code, redirect_uri: client.redirectUri, code_verifier: params.verifier }, now, fetchImpl)
}

export function refreshTokens(client: OAuthClient, refreshToken: string, fetchImpl: typeof fetch = fetch, now = new Date()): Promise<TokenSet> {
  return tokenRequest(client, { grant_type: 'refresh_token', refresh_token: refreshToken }, now, fetchImpl)
}

/** RFC 7009: revokes the refresh token (and with it the consent). Best effort: returns false on failure. */
export async function revokeToken(client: OAuthClient, token: string, hint: 'refresh_token' | 'access_token', fetchImpl: typeof fetch = fetch): Promise<boolean> {
  try {
    const response = await postForm(
      `${client.oauthBaseUrl}/oauth2/revoke`,
      { token, token_type_hint: hint, client_id: client.clientId, client_secret: client.clientSecret },
      fetchImpl,
    )
    await response.text()
    return response.ok
  } catch {
    return false
  }
}
