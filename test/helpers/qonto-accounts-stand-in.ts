/**
 * The stand-in's bank accounts and webhook subscriptions (../shared/qonto/API.md §5 and §7), plugged
 * into qonto-stand-in.ts: `GET /v2/bank_accounts` (page/per_page 1..100, `meta`), and
 * `/v2/webhook_subscriptions` for OAuth only (an API key is refused): create (the object itself,
 * secret generated when omitted), list wrapped as `subscriptions`, get, full-replacement PUT
 * (`callback_url` and `types` must be sent again), delete 204. Errors in Qonto's JSON:API style.
 * The main handler has already checked the credentials and served any injected fault.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'

export interface StandInBankAccount {
  id: string
  name: string
  iban: string
  bic: string
  currency: string
  status: string
  main: boolean
  balance_cents: number
  updated_at: string
}

export interface StandInSubscription {
  id: string
  organization_id: string
  membership_id: string
  callback_url: string
  types: string[]
  description: string | null
  secret: string
  created_at: string
  updated_at: string
}

export interface AccountsStandInState {
  bankAccounts: StandInBankAccount[]
  subscriptions: StandInSubscription[]
}

export const STAND_IN_ORGANIZATION_ID = 'org-1'
const MEMBERSHIP_ID = 'membership-maud'

/** Qonto's webhook event types (API.md §7). */
const EVENT_TYPES = new Set([
  'v1/transactions', 'v1/accounts', 'v1/organizations', 'v1/memberships', 'v1/consent-revocations',
  'v1/cards', 'v1/clients', 'v1/beneficiaries', 'v1/payment-links',
])

export function standInBankAccount(overrides: Partial<StandInBankAccount> & { id: string; iban: string }): StandInBankAccount {
  return {
    name: 'Compte',
    bic: 'QNTOFRP1XXX',
    currency: 'EUR',
    status: 'active',
    main: false,
    balance_cents: 0,
    updated_at: '2026-11-30T08:00:00.000Z',
    ...overrides,
  }
}

export function accountsStandInState(mainAccount: { id: string; iban: string }): AccountsStandInState {
  return { bankAccounts: [standInBankAccount({ ...mainAccount, name: 'Compte principal', main: true, balance_cents: 2531042 })], subscriptions: [] }
}

/** The account a transactions request names (bank_account_id first, as Qonto does), or undefined. */
export function accountOf(state: AccountsStandInState, query: URLSearchParams): StandInBankAccount | undefined {
  const id = query.get('bank_account_id')
  const iban = query.get('iban')
  return id ? state.bankAccounts.find((a) => a.id === id) : state.bankAccounts.find((a) => a.iban === iban)
}

type Reply = (res: ServerResponse, status: number, body: unknown) => void
type Fail = (res: ServerResponse, status: number, code: string, detail: string) => void

/** Handles the request when it is one of these endpoints (returns true); otherwise leaves it to the main handler. */
export function handleAccountsRoutes(state: AccountsStandInState, req: IncomingMessage, res: ServerResponse, url: URL, send: Reply, error: Fail): boolean {
  if (url.pathname === '/v2/bank_accounts') {
    if (req.method !== 'GET') error(res, 405, 'method_not_allowed', 'Only GET here')
    else listBankAccounts(state, url.searchParams, res, send, error)
    return true
  }
  const single = /^\/v2\/webhook_subscriptions(?:\/([^/]+))?$/.exec(url.pathname)
  if (!single) return false
  // OAuth only: Qonto documents Bearer auth with the webhook scope, never the API key.
  if (!req.headers.authorization?.startsWith('Bearer ')) {
    error(res, 403, 'forbidden', 'Webhook subscriptions require an OAuth access token with the webhook scope')
    return true
  }
  const id = single[1] === undefined ? null : decodeURIComponent(single[1])
  void readJson(req).then(
    (body) => subscriptions(state, req.method ?? 'GET', id, body, url.searchParams, res, send, error),
    () => error(res, 400, 'invalid_json', 'Body is not valid JSON'),
  )
  return true
}

function pageParams(query: URLSearchParams): { page: number; perPage: number } | null {
  const page = Number(query.get('page') ?? '1')
  const perPage = Number(query.get('per_page') ?? '100')
  return Number.isInteger(page) && page >= 1 && Number.isInteger(perPage) && perPage >= 1 && perPage <= 100 ? { page, perPage } : null
}

function paginated<T>(rows: T[], page: number, perPage: number) {
  const totalPages = Math.max(1, Math.ceil(rows.length / perPage))
  return {
    rows: rows.slice((page - 1) * perPage, page * perPage),
    meta: { current_page: page, next_page: page < totalPages ? page + 1 : null, prev_page: page > 1 ? page - 1 : null, total_pages: totalPages, total_count: rows.length, per_page: perPage },
  }
}

function listBankAccounts(state: AccountsStandInState, query: URLSearchParams, res: ServerResponse, send: Reply, error: Fail) {
  const params = pageParams(query)
  if (!params) return error(res, 422, 'invalid_param', 'page must be >= 1 and per_page between 1 and 100')
  const { rows, meta } = paginated(state.bankAccounts, params.page, params.perPage)
  send(res, 200, {
    bank_accounts: rows.map((a) => ({
      id: a.id,
      name: a.name,
      organization_id: STAND_IN_ORGANIZATION_ID,
      status: a.status,
      main: a.main,
      iban: a.iban,
      bic: a.bic,
      currency: a.currency,
      balance: a.balance_cents / 100,
      balance_cents: a.balance_cents,
      // One doc rendering shows it as a string (API.md §5).
      authorized_balance: (a.balance_cents / 100).toFixed(2),
      authorized_balance_cents: a.balance_cents,
      updated_at: a.updated_at,
      is_external_account: false,
      account_number: null,
    })),
    meta,
  })
}

/** The subscription as Qonto answers it (create, get, PUT): the object itself, not wrapped. */
function view(subscription: StandInSubscription, withSecret: boolean) {
  const { secret, ...rest } = subscription
  return withSecret ? { ...rest, secret } : rest
}

function invalidBody(body: unknown, res: ServerResponse, error: Fail): { callback_url: string; types: string[]; secret?: string; description?: string } | null {
  const b = (body ?? {}) as Record<string, unknown>
  const fail = (pointer: string, detail: string) => {
    error(res, 422, 'invalid', `${pointer}: ${detail}`)
    return null
  }
  if (typeof b.callback_url !== 'string' || b.callback_url.length === 0) return fail('callback_url', "can't be blank")
  if (b.callback_url.length > 512 || !/^https?:\/\/[^\s]+$/.test(b.callback_url)) return fail('callback_url', 'must be a URL of at most 512 characters')
  if (!Array.isArray(b.types) || b.types.length === 0) return fail('types', "can't be blank")
  if (!b.types.every((t) => typeof t === 'string' && EVENT_TYPES.has(t))) return fail('types', 'not_in_list')
  if (b.secret !== undefined && (typeof b.secret !== 'string' || b.secret.length < 32 || b.secret.length > 128)) return fail('secret', 'must be 32 to 128 characters')
  if (b.description !== undefined && typeof b.description !== 'string') return fail('description', 'must be a string')
  return { callback_url: b.callback_url, types: b.types as string[], secret: b.secret as string | undefined, description: b.description as string | undefined }
}

function subscriptions(
  state: AccountsStandInState, method: string, id: string | null, body: unknown, query: URLSearchParams,
  res: ServerResponse, send: Reply, error: Fail,
) {
  const now = new Date().toISOString()
  if (id === null) {
    if (method === 'GET') {
      const params = pageParams(query)
      if (!params) return error(res, 422, 'invalid_param', 'page must be >= 1 and per_page between 1 and 100')
      const { rows, meta } = paginated(state.subscriptions, params.page, params.perPage)
      return send(res, 200, { subscriptions: rows.map((s) => view(s, false)), meta })
    }
    if (method !== 'POST') return error(res, 405, 'method_not_allowed', 'GET or POST here')
    const valid = invalidBody(body, res, error)
    if (!valid) return
    const created: StandInSubscription = {
      id: randomUUID(),
      organization_id: STAND_IN_ORGANIZATION_ID,
      membership_id: MEMBERSHIP_ID,
      callback_url: valid.callback_url,
      types: valid.types,
      description: valid.description ?? null,
      secret: valid.secret ?? randomBytes(32).toString('hex'),
      created_at: now,
      updated_at: now,
    }
    state.subscriptions.push(created)
    return send(res, 201, view(created, true))
  }
  const index = state.subscriptions.findIndex((s) => s.id === id)
  if (index < 0) return error(res, 404, 'not_found', 'Webhook subscription not found')
  const existing = state.subscriptions[index]!
  if (method === 'GET') return send(res, 200, view(existing, false))
  if (method === 'DELETE') {
    state.subscriptions.splice(index, 1)
    res.writeHead(204)
    res.end()
    return
  }
  if (method !== 'PUT') return error(res, 405, 'method_not_allowed', 'GET, PUT or DELETE here')
  // Full replacement: whatever is not sent again is reset (a new secret is generated when none is sent).
  const valid = invalidBody(body, res, error)
  if (!valid) return
  const replaced: StandInSubscription = {
    ...existing,
    callback_url: valid.callback_url,
    types: valid.types,
    description: valid.description ?? null,
    secret: valid.secret ?? randomBytes(32).toString('hex'),
    updated_at: now,
  }
  state.subscriptions[index] = replaced
  send(res, 200, view(replaced, true))
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  return text.length === 0 ? undefined : JSON.parse(text)
}

/** A `v1/transactions` delivery as Qonto sends it: envelope, and `X-Qonto-Signature` signed with `secret` at `t`. */
export function transactionDelivery(
  subscription: Pick<StandInSubscription, 'id' | 'secret'>,
  transaction: Record<string, unknown>,
  options: { event?: 'created' | 'updated'; eventId?: string; t?: number; secret?: string } = {},
): { body: string; signature: string } {
  const body = JSON.stringify({
    id: options.eventId ?? randomUUID(),
    subscription_id: subscription.id,
    organization_id: STAND_IN_ORGANIZATION_ID,
    membership_id: MEMBERSHIP_ID,
    type: 'v1/transactions',
    created_at: new Date().toISOString(),
    data: { event: options.event ?? 'created', ...transaction },
  })
  const t = options.t ?? Math.floor(Date.now() / 1000)
  const v1 = createHmac('sha256', options.secret ?? subscription.secret).update(`${t}.${body}`).digest('hex')
  return { body, signature: `t=${t},v1=${v1}` }
}

/** Posts the delivery to every `v1/transactions` subscription's callback URL, as Qonto would; their HTTP statuses. */
export async function deliverTransaction(state: AccountsStandInState, transaction: Record<string, unknown>, event: 'created' | 'updated' = 'created'): Promise<number[]> {
  const statuses: number[] = []
  for (const subscription of state.subscriptions.filter((s) => s.types.includes('v1/transactions'))) {
    const { body, signature } = transactionDelivery(subscription, transaction, { event })
    const response = await fetch(subscription.callback_url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Qonto-Signature': signature }, body })
    statuses.push(response.status)
  }
  return statuses
}
