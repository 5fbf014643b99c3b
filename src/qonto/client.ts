/**
 * Qonto Business API client: authentication (API key or OAuth), timeouts on every request,
 * bounded retries with exponential backoff and jitter on 429/5xx/network errors (honouring
 * Retry-After), no retry on 401/403, and zod-validated responses.
 */
import { randomUUID } from 'node:crypto'
import pRetry, { AbortError } from 'p-retry'
import { z } from 'zod'
import {
  bankAccountListSchema,
  webhookSubscriptionListSchema,
  webhookSubscriptionResponseSchema,
  type QontoBankAccountItem,
  type QontoWebhookSubscriptionItem,
  type WebhookSubscriptionBody,
} from './account-schemas.js'
import type { BankAccountSelector, QontoSettings } from './config.js'
import { QontoAuthError, QontoError, QontoResponseError } from './errors.js'
import {
  errorBodySchema,
  organizationSchema,
  transactionListSchema,
  transactionResponseSchema,
  type Organization,
  type QontoTransaction,
  type TransactionListPage,
} from './schemas.js'

export interface RetryPolicy {
  retries: number
  minTimeoutMs: number
  maxTimeoutMs: number
  timeoutMs: number
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 5, minTimeoutMs: 500, maxTimeoutMs: 30_000, timeoutMs: 15_000 }

export type TransactionStatus = 'pending' | 'completed' | 'declined'

export interface ListTransactionsParams {
  /** The account to list (default: the settings' account). */
  account?: BankAccountSelector
  status?: TransactionStatus[]
  side?: 'credit' | 'debit'
  updatedAtFrom?: string
  sortBy?: 'updated_at:asc' | 'updated_at:desc' | 'settled_at:asc' | 'settled_at:desc'
  page?: number
  perPage?: number
}

export class QontoClient {
  constructor(
    private readonly settings: QontoSettings,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async getOrganization(): Promise<Organization> {
    return (await this.get('/v2/organization', new URLSearchParams(), organizationSchema)).organization
  }

  async listTransactions(params: ListTransactionsParams = {}): Promise<TransactionListPage> {
    const query = new URLSearchParams()
    const account = params.account ?? this.settings.account
    if (!account) throw new QontoError('Aucun compte bancaire Qonto indiqué pour la liste des transactions.')
    if ('bankAccountId' in account) query.set('bank_account_id', account.bankAccountId)
    else query.set('iban', account.iban)
    for (const status of params.status ?? []) query.append('status[]', status)
    if (params.side) query.set('side', params.side)
    if (params.updatedAtFrom) query.set('updated_at_from', params.updatedAtFrom)
    if (params.sortBy) query.set('sort_by', params.sortBy)
    query.set('page', String(params.page ?? 1))
    query.set('per_page', String(Math.min(100, Math.max(1, params.perPage ?? 100))))
    return this.get('/v2/transactions', query, transactionListSchema)
  }

  async getTransaction(id: string): Promise<QontoTransaction> {
    return (await this.get(`/v2/transactions/${encodeURIComponent(id)}`, new URLSearchParams(), transactionResponseSchema)).transaction
  }

  /** Every bank account of the organisation, all pages (`GET /v2/bank_accounts`). */
  async listBankAccounts(): Promise<QontoBankAccountItem[]> {
    return this.allPages('/v2/bank_accounts', bankAccountListSchema, (page) => page.bank_accounts)
  }

  /** The app's webhook subscriptions, all pages (the list is wrapped as `subscriptions`). OAuth only. */
  async listWebhookSubscriptions(): Promise<QontoWebhookSubscriptionItem[]> {
    return this.allPages('/v2/webhook_subscriptions', webhookSubscriptionListSchema, (page) => page.subscriptions)
  }

  async getWebhookSubscription(id: string): Promise<QontoWebhookSubscriptionItem> {
    return this.get(`/v2/webhook_subscriptions/${encodeURIComponent(id)}`, new URLSearchParams(), webhookSubscriptionResponseSchema)
  }

  /** Creates a subscription; retried safely with one idempotency key. */
  async createWebhookSubscription(body: WebhookSubscriptionBody): Promise<QontoWebhookSubscriptionItem> {
    return this.request('POST', '/v2/webhook_subscriptions', webhookSubscriptionResponseSchema, body, { 'X-Qonto-Idempotency-Key': randomUUID() })
  }

  /** Full replacement: every field is sent again (callback_url, types, secret). */
  async replaceWebhookSubscription(id: string, body: WebhookSubscriptionBody): Promise<QontoWebhookSubscriptionItem> {
    return this.request('PUT', `/v2/webhook_subscriptions/${encodeURIComponent(id)}`, webhookSubscriptionResponseSchema, body)
  }

  /** 204 when deleted; a QontoError with status 404 when it no longer exists. */
  async deleteWebhookSubscription(id: string): Promise<void> {
    await this.request('DELETE', `/v2/webhook_subscriptions/${encodeURIComponent(id)}`, z.unknown())
  }

  private async allPages<S extends z.ZodType<{ meta?: { next_page: number | null } | null }>, T>(path: string, schema: S, items: (page: z.infer<S>) => T[]): Promise<T[]> {
    const all: T[] = []
    for (let page: number | null = 1, seen = 0; page !== null && seen < 1000; seen += 1) {
      const result: z.infer<S> = await this.get(path, new URLSearchParams({ page: String(page), per_page: '100' }), schema)
      all.push(...items(result))
      page = result.meta?.next_page ?? null
    }
    return all
  }

  private async get<S extends z.ZodType>(path: string, query: URLSearchParams, schema: S): Promise<z.infer<S>> {
    return this.request('GET', `${path}${query.size > 0 ? `?${query}` : ''}`, schema)
  }

  private async request<S extends z.ZodType>(method: string, pathAndQuery: string, schema: S, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<z.infer<S>> {
    const url = `${this.settings.baseUrl}${pathAndQuery}`
    const init = { method, headers: { ...extraHeaders, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) }
    return pRetry(() => this.attempt(url, schema, init), {
      retries: this.retry.retries,
      minTimeout: this.retry.minTimeoutMs,
      maxTimeout: this.retry.maxTimeoutMs,
      factor: 2,
      randomize: true,
      onFailedAttempt: async ({ error }) => {
        const wait = error instanceof RetryAfter ? error.waitMs : 0
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(wait, this.retry.maxTimeoutMs)))
      },
    })
  }

  private async attempt<S extends z.ZodType>(url: string, schema: S, init: RequestInit): Promise<z.infer<S>> {
    const { auth, beforeRequest } = this.settings
    if (beforeRequest) await abortOnAuthError(beforeRequest())
    let token = auth.kind === 'oauth-managed' ? await abortOnAuthError(auth.tokens.current()) : undefined
    let response = await this.send(url, init, token)
    if (response.status === 401 && auth.kind === 'oauth-managed') {
      // Once after a 401: refresh (or take the token another process just refreshed) and retry.
      token = await abortOnAuthError(auth.tokens.afterUnauthorized(token!))
      response = await this.send(url, init, token)
    }
    const text = await response.text()
    if (response.status === 401 || response.status === 403) {
      // A stored connection stops here for good (no retry loop against Qonto's 401 throttling).
      if (response.status === 401 && this.settings.onCredentialsRefused) await this.settings.onCredentialsRefused()
      throw new AbortError(
        new QontoAuthError(
          `Identifiants Qonto refusés (HTTP ${response.status}) : vérifiez QONTO_LOGIN/QONTO_SECRET_KEY ou QONTO_ACCESS_TOKEN${describeErrors(text)}`,
          response.status,
          traceId(text),
        ),
      )
    }
    if (response.status === 429 || response.status >= 500) {
      const message = `Qonto a répondu HTTP ${response.status}${describeErrors(text)}`
      throw new RetryAfter(message, response.status, retryAfterMs(response.headers.get('retry-after')), traceId(text))
    }
    if (!response.ok) {
      throw new AbortError(new QontoError(`Requête Qonto refusée (HTTP ${response.status})${describeErrors(text)}`, response.status, traceId(text)))
    }
    let json: unknown
    try {
      json = response.status === 204 && text === '' ? undefined : JSON.parse(text)
    } catch {
      throw new QontoResponseError(`Réponse Qonto illisible (pas du JSON) sur ${new URL(url).pathname}`, response.status)
    }
    const parsed = schema.safeParse(json)
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')} : ${i.message}`).join(' ; ')
      throw new AbortError(new QontoResponseError(`Réponse Qonto inattendue sur ${new URL(url).pathname} : ${issues}`, response.status))
    }
    return parsed.data
  }

  private async send(url: string, init: RequestInit, managedToken?: string): Promise<Response> {
    try {
      const headers = { ...this.headers(managedToken), ...(init.headers as Record<string, string> | undefined) }
      return await this.fetchImpl(url, { ...init, headers, signal: AbortSignal.timeout(this.retry.timeoutMs) })
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError'
      throw new QontoError(timedOut ? `Qonto n'a pas répondu en ${this.retry.timeoutMs / 1000} s` : `Qonto injoignable : ${(error as Error).message}`)
    }
  }

  private headers(managedToken?: string): Record<string, string> {
    const { auth, stagingToken } = this.settings
    const headers: Record<string, string> = {
      Accept: 'application/json',
      Authorization:
        auth.kind === 'oauth-managed' ? `Bearer ${managedToken}` : auth.kind === 'oauth' ? `Bearer ${auth.accessToken}` : `${auth.login}:${auth.secretKey}`,
    }
    if (stagingToken) headers['X-Qonto-Staging-Token'] = stagingToken
    return headers
  }
}

/** A lost connection (revoked consent, no credentials) is never retried. */
async function abortOnAuthError<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise
  } catch (error) {
    throw error instanceof QontoAuthError ? new AbortError(error) : error
  }
}

/** A retryable failure; carries how long Qonto asked us to wait, if it did. */
class RetryAfter extends QontoError {
  constructor(message: string, status: number, readonly waitMs: number, traceId?: string) {
    super(message, status, traceId)
  }
}

function retryAfterMs(header: string | null): number {
  if (!header) return 0
  const seconds = Number(header)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const date = Date.parse(header)
  return Number.isNaN(date) ? 0 : Math.max(0, date - Date.now())
}

function parseErrorBody(text: string) {
  try {
    const parsed = errorBodySchema.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

function traceId(text: string): string | undefined {
  return parseErrorBody(text)?.trace_id ?? undefined
}

function describeErrors(text: string): string {
  const body = parseErrorBody(text)
  if (!body) return ''
  const entries = body.errors === undefined || body.errors === null ? [] : Array.isArray(body.errors) ? body.errors : [body.errors]
  const details = entries.map((e) => e.detail ?? e.message ?? e.code).filter(Boolean)
  if (body.message) details.push(body.message)
  return details.length > 0 ? ` : ${details.join(' ; ')}` : ''
}
