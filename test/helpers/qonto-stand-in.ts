/**
 * A local stand-in for the Qonto Business API, written from ../shared/qonto/API.md and strict
 * about it: `Authorization: login:secret` (no Bearer) or `Bearer <oauth token>`, bank_account_id or
 * iban required, status[] defaulting to completed only, page/per_page ≤ 100 with `meta`, and
 * injectable faults (429 with Retry-After, 500, timeouts, malformed bodies).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { accountOf, accountsStandInState, handleAccountsRoutes, type AccountsStandInState } from './qonto-accounts-stand-in.js'

export const STAND_IN_ACCOUNT = { id: '018f71db-c635-78b5-b90a-ea05de98c2bf', iban: 'FR7616958000013234567890102' }
export const STAND_IN_CREDENTIALS = { login: 'agence-glow-1234', secretKey: 's3cr3t-key', accessToken: 'oauth-token-123' }

export type Fault =
  | { kind: 'status'; status: number; retryAfter?: string; body?: string }
  | { kind: 'hang' }
  | { kind: 'malformed' }
  | { kind: 'wrong-shape' }

export interface StandIn extends AccountsStandInState {
  url: string
  transactions: Array<Record<string, unknown>>
  /** Faults served in order to the next matching requests. */
  faults: Array<Fault & { path?: string; page?: number }>
  /** Every request, with when it arrived (Date.now()). */
  requests: Array<{ path: string; query: URLSearchParams; authorization?: string; at: number }>
  /** Each request is answered this much later (a remote Qonto); 0 by default. */
  latencyMs: number
  /** Extra endpoints plugged in by other helpers (e.g. qonto-oauth-stand-in.ts): return true when handled. */
  routes: Array<(req: IncomingMessage, res: ServerResponse, url: URL) => boolean>
  /** Other accepted Authorization headers (e.g. OAuth access tokens issued by the OAuth stand-in). */
  authorizers: Array<(authorization: string | undefined) => boolean>
  close(): Promise<void>
}

let sequence = 0

/** A REST transaction shaped like samples/transaction-credit-transfer.json. */
export function qontoTransaction(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  sequence += 1
  const id = `0195a3c2-7d41-7b1e-9c2a-${String(sequence).padStart(12, '0')}`
  const amountCents = (overrides.amount_cents as number | undefined) ?? 144000
  return {
    id,
    transaction_id: `agence-glow-transaction-${sequence}`,
    amount: amountCents / 100,
    amount_cents: amountCents,
    settled_balance: 25310.42,
    settled_balance_cents: 2531042,
    attachment_ids: [],
    local_amount: amountCents / 100,
    local_amount_cents: amountCents,
    side: 'credit',
    operation_type: 'income',
    currency: 'EUR',
    local_currency: 'EUR',
    label: 'DUPONT ET FILS SARL',
    clean_counterparty_name: 'Dupont et Fils',
    settled_at: '2026-03-02T09:14:27.512Z',
    emitted_at: '2026-03-02T09:14:26.901Z',
    created_at: '2026-03-02T09:14:27.044Z',
    updated_at: '2026-03-02T09:14:28.130Z',
    status: 'completed',
    note: null,
    reference: 'FAC-2026-0142',
    vat_amount: null,
    vat_amount_cents: null,
    subject_type: 'Income',
    bank_account_id: STAND_IN_ACCOUNT.id,
    is_external_transaction: false,
    income: {
      counterparty_account_number: 'FR7630006000011234567890189',
      counterparty_account_number_format: 'IBAN',
      counterparty_bank_identifier: 'AGRIFRPPXXX',
      counterparty_bank_identifier_format: 'SWIFT_BIC',
    },
    ...overrides,
  }
}

const STATUSES = new Set(['pending', 'declined', 'completed'])
const SORTS = new Set(['updated_at', 'settled_at', 'emitted_at'])

export async function startQontoStandIn(): Promise<StandIn> {
  const state: Omit<StandIn, 'url' | 'close'> = { transactions: [], faults: [], requests: [], latencyMs: 0, routes: [], authorizers: [], ...accountsStandInState(STAND_IN_ACCOUNT) }
  const server: Server = createServer((req, res) => {
    const at = Date.now()
    if (state.latencyMs > 0) setTimeout(() => handle(state, req, res, at), state.latencyMs)
    else handle(state, req, res, at)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  })
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers })
  res.end(typeof body === 'string' ? body : JSON.stringify(body))
}

function error(res: ServerResponse, status: number, code: string, detail: string, asObject = false) {
  const entry = { code, detail }
  send(res, status, { errors: asObject ? entry : [entry], trace_id: `trace-${status}-${code}` })
}

function handle(state: Omit<StandIn, 'url' | 'close'>, req: IncomingMessage, res: ServerResponse, at: number) {
  const url = new URL(req.url ?? '/', 'http://stand-in')
  state.requests.push({ path: url.pathname, query: url.searchParams, authorization: req.headers.authorization, at })
  const page = Number(url.searchParams.get('page') ?? '1')
  const faultIndex = state.faults.findIndex((f) => (!f.path || f.path === url.pathname) && (!f.page || f.page === page))
  if (faultIndex >= 0) {
    const [fault] = state.faults.splice(faultIndex, 1)
    if (fault!.kind === 'hang') return // never answers: the client's timeout must fire
    if (fault!.kind === 'malformed') return send(res, 200, '{"transactions": [ {"id": ')
    if (fault!.kind === 'wrong-shape') return send(res, 200, { transactions: [{ id: 'x', amount: 12.5 }], meta: { current_page: 1, next_page: null } })
    return send(res, fault!.status, fault!.body ?? { errors: [{ code: 'injected', detail: 'fault injected' }], trace_id: 'trace-injected' }, fault!.retryAfter ? { 'Retry-After': fault!.retryAfter } : {})
  }

  if (state.routes.some((route) => route(req, res, url))) return
  const auth = req.headers.authorization
  const { login, secretKey, accessToken } = STAND_IN_CREDENTIALS
  if (auth !== `${login}:${secretKey}` && auth !== `Bearer ${accessToken}` && !state.authorizers.some((accepts) => accepts(auth))) {
    return error(res, 401, 'unauthorized', 'Invalid credentials')
  }
  if (handleAccountsRoutes(state, req, res, url, send, error)) return
  if (req.method !== 'GET') return error(res, 405, 'method_not_allowed', 'Only GET here')

  if (url.pathname === '/v2/organization') {
    return send(res, 200, {
      organization: { id: 'org-1', slug: 'agence-glow-1234', legal_name: 'Agence Glow', bank_accounts: state.bankAccounts.map((a) => ({ ...a, slug: a.id })) },
    })
  }
  const single = /^\/v2\/transactions\/([^/]+)$/.exec(url.pathname)
  if (single) {
    const found = state.transactions.find((t) => t.id === decodeURIComponent(single[1]!))
    return found ? send(res, 200, { transaction: found }) : error(res, 404, 'not_found', 'Transaction not found')
  }
  if (url.pathname !== '/v2/transactions') return error(res, 404, 'not_found', 'Unknown endpoint')

  const q = url.searchParams
  const accountId = q.get('bank_account_id')
  const iban = q.get('iban')
  if (!accountId && !iban) return error(res, 422, 'missing_param', 'bank_account_id or iban is required', true)
  const account = accountOf(state, q)
  if (!account) return error(res, 404, 'not_found', 'Bank account not found')
  if (q.has('status')) return error(res, 422, 'invalid_param', 'status must be sent as status[]')
  const statuses = q.getAll('status[]')
  if (statuses.some((s) => !STATUSES.has(s))) return error(res, 422, 'not_in_list', 'status[] must be pending, declined or completed')
  const wanted = new Set(statuses.length > 0 ? statuses : ['completed'])
  const perPage = Number(q.get('per_page') ?? '100')
  if (!Number.isInteger(page) || page < 1 || !Number.isInteger(perPage) || perPage < 1 || perPage > 100) {
    return error(res, 422, 'invalid_param', 'page must be >= 1 and per_page between 1 and 100')
  }
  const side = q.get('side')
  const updatedFrom = q.get('updated_at_from')
  let rows = state.transactions.filter(
    (t) => t.bank_account_id === account.id && wanted.has(String(t.status)) && (!side || t.side === side) && (!updatedFrom || Date.parse(String(t.updated_at)) >= Date.parse(updatedFrom)),
  )
  const sortBy = q.get('sort_by')
  if (sortBy) {
    const [property, direction] = sortBy.split(':')
    if (!SORTS.has(property ?? '') || !['asc', 'desc'].includes(direction ?? '')) return error(res, 422, 'invalid_param', 'bad sort_by')
    const compare = (a: Record<string, unknown>, b: Record<string, unknown>) => {
      const x = String(a[property!] ?? '')
      const y = String(b[property!] ?? '')
      return (x < y ? -1 : x > y ? 1 : 0) * (direction === 'asc' ? 1 : -1)
    }
    // Benchmarks page through tens of thousands of rows already in order: do not sort them again.
    if (!rows.every((row, i) => i === 0 || compare(rows[i - 1]!, row) <= 0)) rows = [...rows].sort(compare)
  }
  const totalPages = Math.max(1, Math.ceil(rows.length / perPage))
  send(res, 200, {
    transactions: rows.slice((page - 1) * perPage, page * perPage),
    meta: { current_page: page, next_page: page < totalPages ? page + 1 : null, prev_page: page > 1 ? page - 1 : null, total_pages: totalPages, total_count: rows.length, per_page: perPage },
  })
}
