/**
 * Qonto's OAuth 2.0 server, plugged into the Qonto stand-in (qonto-stand-in.ts), written from
 * ../shared/qonto/API.md §1–2: GET /oauth2/auth (a real HTML consent page with "Autoriser"),
 * POST /oauth2/token (form-urlencoded; authorization_code with PKCE S256, refresh_token with
 * rotation and the 60 s grace of the old refresh token), access tokens of 1 h, and revocation.
 * API.md gives no OAuth error bodies: the standard ones are used (RFC 6749 §5.2
 * `{"error","error_description"}`, 400 invalid_grant / invalid_request, 401 invalid_client), and the
 * revocation endpoint is RFC 7009's `POST /oauth2/revoke` (Qonto's OAuth server paths are Hydra's).
 * Strict: wrong client secret, redirect_uri, verifier, code reuse → refused.
 */
import { createHash, randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { StandIn } from './qonto-stand-in.js'

export const STAND_IN_OAUTH_APP = { clientId: 'glow-compta-app', clientSecret: 'glow-client-secret-5e2f9a' }
export const ACCESS_TOKEN_SECONDS = 3600
export const REFRESH_GRACE_MS = 60_000
const CODE_TTL_MS = 60_000
const SCOPES = new Set(['organization.read', 'webhook', 'offline_access', 'client_invoices.read', 'client_invoice.write', 'attachment.read'])

interface Grant {
  consent: string
  scope: string
}

export interface OAuthStandIn {
  /** The redirect URIs registered for the app (exact match, as an OAuth server requires). */
  redirectUris: string[]
  /** The stand-in's clock (ms); move it forward to expire tokens or end the grace period. */
  now: () => number
  advance(ms: number): void
  /** Revokes every consent (the user withdrew the app in Qonto): tokens and refresh tokens refused. */
  revokeConsent(): void
  /** Expires every access token now (refresh tokens stay valid). */
  expireAccessTokens(): void
  /** Token-endpoint calls, in order (grant_type and the refresh token used). */
  tokenRequests: Array<{ grantType: string; refreshToken?: string; status: number }>
  revocations: string[]
  /** Access tokens issued, newest last. */
  issuedAccessTokens: string[]
  /** Whether an Authorization header carries a live access token (for the REST endpoints). */
  accepts(authorization: string | undefined): boolean
}

export function withQontoOAuth(standIn: StandIn, options: { redirectUris: string[] }): OAuthStandIn {
  let offset = 0
  const codes = new Map<string, Grant & { clientId: string; redirectUri: string; challenge: string; expiresAt: number; used: boolean }>()
  const accessTokens = new Map<string, Grant & { expiresAt: number }>()
  const refreshTokens = new Map<string, Grant & { rotatedAt: number | null }>()
  const revokedConsents = new Set<string>()
  const oauth: OAuthStandIn = {
    redirectUris: options.redirectUris,
    now: () => Date.now() + offset,
    advance: (ms) => void (offset += ms),
    revokeConsent() {
      for (const grant of [...accessTokens.values(), ...refreshTokens.values()]) revokedConsents.add(grant.consent)
    },
    expireAccessTokens() {
      for (const token of accessTokens.values()) token.expiresAt = oauth.now() - 1
    },
    tokenRequests: [],
    revocations: [],
    issuedAccessTokens: [],
    accepts(authorization) {
      const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1]
      const grant = token ? accessTokens.get(token) : undefined
      return Boolean(grant && grant.expiresAt > oauth.now() && !revokedConsents.has(grant.consent))
    },
  }

  const issue = (grant: Grant) => {
    const accessToken = `qat_${randomBytes(18).toString('base64url')}`
    const refreshToken = `qrt_${randomBytes(18).toString('base64url')}`
    accessTokens.set(accessToken, { ...grant, expiresAt: oauth.now() + ACCESS_TOKEN_SECONDS * 1000 })
    refreshTokens.set(refreshToken, { ...grant, rotatedAt: null })
    oauth.issuedAccessTokens.push(accessToken)
    return { access_token: accessToken, token_type: 'bearer', expires_in: ACCESS_TOKEN_SECONDS, refresh_token: grant.scope.includes('offline_access') ? refreshToken : undefined, scope: grant.scope }
  }

  standIn.authorizers.push((authorization) => oauth.accepts(authorization))
  standIn.routes.push((req, res, url) => {
    if (url.pathname === '/oauth2/auth' && req.method === 'GET') return authorizePage(res, url), true
    if (url.pathname === '/oauth2/auth/decision' && req.method === 'POST') return void readForm(req).then((form) => decide(res, form)), true
    if (url.pathname === '/oauth2/token' && req.method === 'POST') return void readForm(req).then((form) => token(req, res, form)), true
    if (url.pathname === '/oauth2/revoke' && req.method === 'POST') return void readForm(req).then((form) => revoke(req, res, form)), true
    return false
  })

  function authorizeRequestError(q: URLSearchParams): string | null {
    if (q.get('client_id') !== STAND_IN_OAUTH_APP.clientId) return 'unknown client_id'
    if (!oauth.redirectUris.includes(q.get('redirect_uri') ?? '')) return 'redirect_uri is not registered for this client'
    if (q.get('response_type') !== 'code') return 'response_type must be code'
    if (!q.get('state') || (q.get('state') ?? '').length < 8) return 'state is required (at least 8 characters)'
    if (q.get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(q.get('code_challenge') ?? '')) return 'PKCE with S256 is required'
    const scopes = (q.get('scope') ?? '').split(' ').filter(Boolean)
    if (scopes.length === 0 || scopes.some((s) => !SCOPES.has(s))) return 'unknown scope'
    return null
  }

  function authorizePage(res: ServerResponse, url: URL) {
    const problem = authorizeRequestError(url.searchParams)
    // Never redirect to an unverified redirect_uri (RFC 6749 §4.1.2.1): show the error.
    if (problem) return html(res, 400, `<h1>Erreur OAuth</h1><p id="error">invalid_request: ${escape(problem)}</p>`)
    const hidden = [...url.searchParams].map(([k, v]) => `<input type="hidden" name="${escape(k)}" value="${escape(v)}">`).join('')
    html(
      res,
      200,
      `<h1>Qonto (stand-in)</h1><p>L'application <strong>${escape(STAND_IN_OAUTH_APP.clientId)}</strong> demande l'accès à Agence Glow : ${escape(url.searchParams.get('scope')!)}</p>
<form method="post" action="/oauth2/auth/decision">${hidden}<button type="submit" name="decision" value="allow">Autoriser</button> <button type="submit" name="decision" value="deny">Refuser</button></form>`,
    )
  }

  function decide(res: ServerResponse, form: URLSearchParams) {
    const problem = authorizeRequestError(form)
    if (problem) return html(res, 400, `<p id="error">invalid_request: ${escape(problem)}</p>`)
    const back = new URL(form.get('redirect_uri')!)
    back.searchParams.set('state', form.get('state')!)
    if (form.get('decision') !== 'allow') back.searchParams.set('error', 'access_denied')
    else {
      const code = `qac_${randomBytes(18).toString('base64url')}`
      codes.set(code, {
        consent: randomBytes(8).toString('hex'),
        scope: form.get('scope')!,
        clientId: form.get('client_id')!,
        redirectUri: form.get('redirect_uri')!,
        challenge: form.get('code_challenge')!,
        expiresAt: oauth.now() + CODE_TTL_MS,
        used: false,
      })
      back.searchParams.set('code', code)
    }
    res.writeHead(302, { Location: back.toString() })
    res.end()
  }

  function clientOk(req: IncomingMessage, form: URLSearchParams): boolean {
    let id = form.get('client_id')
    let secret = form.get('client_secret')
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1]
    if (basic) [id, secret] = Buffer.from(basic, 'base64').toString().split(':') as [string, string]
    return id === STAND_IN_OAUTH_APP.clientId && secret === STAND_IN_OAUTH_APP.clientSecret
  }

  function token(req: IncomingMessage, res: ServerResponse, form: URLSearchParams) {
    const grantType = form.get('grant_type') ?? ''
    const answer = (status: number, body: unknown) => {
      oauth.tokenRequests.push({ grantType, refreshToken: form.get('refresh_token') ?? undefined, status })
      send(res, status, body)
    }
    if (req.headers['content-type']?.split(';')[0] !== 'application/x-www-form-urlencoded') return answer(400, oauthError('invalid_request', 'form-urlencoded body expected'))
    if (!clientOk(req, form)) return answer(401, oauthError('invalid_client', 'Client authentication failed'))
    if (grantType === 'authorization_code') {
      const code = codes.get(form.get('code') ?? '')
      if (!code || code.used || code.expiresAt < oauth.now()) return answer(400, oauthError('invalid_grant', 'The authorization code is invalid, expired or already used'))
      if (form.get('redirect_uri') !== code.redirectUri) return answer(400, oauthError('invalid_grant', 'redirect_uri does not match the authorization request'))
      const verifier = form.get('code_verifier') ?? ''
      if (createHash('sha256').update(verifier).digest('base64url') !== code.challenge) return answer(400, oauthError('invalid_grant', 'PKCE code_verifier does not match the code_challenge'))
      code.used = true
      return answer(200, issue(code))
    }
    if (grantType === 'refresh_token') {
      const presented = form.get('refresh_token') ?? ''
      const grant = refreshTokens.get(presented)
      if (!grant || revokedConsents.has(grant.consent)) return answer(400, oauthError('invalid_grant', 'The refresh token is invalid, expired or revoked'))
      // Rotation: the old refresh token stays valid for 60 s after its first use (API.md §2), then never again.
      if (grant.rotatedAt !== null && oauth.now() - grant.rotatedAt > REFRESH_GRACE_MS) return answer(400, oauthError('invalid_grant', 'The refresh token was already used'))
      if (grant.rotatedAt === null) grant.rotatedAt = oauth.now()
      return answer(200, issue(grant))
    }
    return answer(400, oauthError('unsupported_grant_type', 'grant_type must be authorization_code or refresh_token'))
  }

  function revoke(req: IncomingMessage, res: ServerResponse, form: URLSearchParams) {
    if (!clientOk(req, form)) return send(res, 401, oauthError('invalid_client', 'Client authentication failed'))
    const presented = form.get('token') ?? ''
    oauth.revocations.push(presented)
    const grant = refreshTokens.get(presented) ?? accessTokens.get(presented)
    if (grant) revokedConsents.add(grant.consent)
    res.writeHead(200)
    res.end()
  }

  return oauth
}

function oauthError(error: string, description: string) {
  return { error, error_description: description }
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' })
  res.end(JSON.stringify(body))
}

function html(res: ServerResponse, status: number, body: string) {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8' })
  res.end(`<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Qonto – autorisation</title></head><body>${body}</body></html>`)
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => (body += chunk))
    req.on('end', () => resolve(new URLSearchParams(body)))
    req.on('error', reject)
  })
}
