import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { QontoClient } from '../../src/qonto/client.js'
import { qontoSettingsFromEnv } from '../../src/qonto/config.js'
import { QontoAuthError, QontoConfigError, QontoResponseError } from '../../src/qonto/errors.js'
import { toTransactionRecord } from '../../src/qonto/mapping.js'
import { qontoTransactionSchema } from '../../src/qonto/schemas.js'
import { STAND_IN_ACCOUNT, STAND_IN_CREDENTIALS, qontoTransaction, startQontoStandIn, type StandIn } from '../helpers/qonto-stand-in.js'
import { standInClient } from '../helpers/sync-fixture.js'

const FAST_RETRY = { retries: 3, minTimeoutMs: 5, maxTimeoutMs: 50, timeoutMs: 300 }
const SAMPLES = new URL('../fixtures/qonto/', import.meta.url)

describe('Qonto client against the stand-in', () => {
  let standIn: StandIn
  let client: QontoClient
  beforeEach(async () => {
    standIn = await startQontoStandIn()
    client = standInClient(standIn, FAST_RETRY)
  })
  afterEach(async () => standIn.close())

  it('sends the API key as "login:secret" without Bearer, and lists the bank accounts', async () => {
    const organization = await client.getOrganization()
    expect(organization.bank_accounts[0]!.iban).toBe(STAND_IN_ACCOUNT.iban)
    expect(standIn.requests[0]!.authorization).toBe(`${STAND_IN_CREDENTIALS.login}:${STAND_IN_CREDENTIALS.secretKey}`)
  })

  it('supports OAuth access tokens and the sandbox staging token', async () => {
    const oauth = new QontoClient(
      { baseUrl: standIn.url, auth: { kind: 'oauth', accessToken: STAND_IN_CREDENTIALS.accessToken }, account: { iban: STAND_IN_ACCOUNT.iban }, stagingToken: 'staging' },
      FAST_RETRY,
    )
    standIn.transactions.push(qontoTransaction())
    const page = await oauth.listTransactions({ status: ['completed'] })
    expect(page.transactions).toHaveLength(1)
    expect(standIn.requests[0]!.query.get('iban')).toBe(STAND_IN_ACCOUNT.iban)
  })

  it('stops at once on wrong credentials with a message that says so', async () => {
    const wrong = new QontoClient({ baseUrl: standIn.url, auth: { kind: 'api-key', login: 'x', secretKey: 'y' }, account: { bankAccountId: STAND_IN_ACCOUNT.id } }, FAST_RETRY)
    const failure = wrong.listTransactions().catch((e: unknown) => e)
    expect(await failure).toBeInstanceOf(QontoAuthError)
    expect(String((await failure as Error).message)).toMatch(/Identifiants Qonto refusés \(HTTP 401\).*trace_id trace-401-unauthorized/)
    expect(standIn.requests).toHaveLength(1)
  })

  it('retries 429 (honouring Retry-After) and 500, then succeeds', async () => {
    standIn.transactions.push(qontoTransaction())
    standIn.faults.push({ kind: 'status', status: 429, retryAfter: '0' }, { kind: 'status', status: 500 }, { kind: 'status', status: 503 })
    const page = await client.listTransactions({ status: ['completed'] })
    expect(page.transactions).toHaveLength(1)
    expect(standIn.requests).toHaveLength(4)
  })

  it('gives up after the bounded retries with the last error, trace id included', async () => {
    for (let i = 0; i < 5; i += 1) standIn.faults.push({ kind: 'status', status: 500 })
    await expect(client.listTransactions()).rejects.toThrow(/HTTP 500 : fault injected \(trace_id trace-injected\)/)
    expect(standIn.requests).toHaveLength(4)
  })

  it('times out a request that never answers, and retries it', async () => {
    standIn.transactions.push(qontoTransaction())
    standIn.faults.push({ kind: 'hang' })
    const page = await client.listTransactions({ status: ['completed'] })
    expect(page.transactions).toHaveLength(1)
  })

  it('reports an unreadable body clearly, and sets a wrongly shaped transaction aside with its reason', async () => {
    standIn.faults.push({ kind: 'malformed' }, { kind: 'malformed' }, { kind: 'malformed' }, { kind: 'malformed' })
    await expect(client.listTransactions()).rejects.toThrow(/Réponse Qonto illisible/)
    // One bad transaction no longer fails its page (issue 23 item 4): it is returned apart, with why.
    standIn.faults.push({ kind: 'wrong-shape' })
    const page = await client.listTransactions()
    expect(page.transactions).toEqual([])
    expect(page.malformed).toEqual([expect.objectContaining({ qontoId: 'x', reason: expect.stringMatching(/amount_cents/) })])
  })

  it('parses errors sent as a single object (422)', async () => {
    const noAccount = new QontoClient({ ...clientSettings(standIn), account: { iban: '' } }, FAST_RETRY)
    await expect(noAccount.listTransactions()).rejects.toThrow(/HTTP 422.*bank_account_id or iban is required/)
  })

  it('asks for every status explicitly (Qonto returns only completed by default)', async () => {
    standIn.transactions.push(qontoTransaction({ status: 'pending' }), qontoTransaction({ status: 'completed' }), qontoTransaction({ status: 'declined' }))
    expect((await client.listTransactions()).transactions).toHaveLength(1)
    expect((await client.listTransactions({ status: ['pending', 'completed', 'declined'] })).transactions).toHaveLength(3)
    expect(standIn.requests[1]!.query.getAll('status[]')).toEqual(['pending', 'completed', 'declined'])
  })

  it('fetches one transaction by id', async () => {
    const t = qontoTransaction({ amount_cents: 61550 })
    standIn.transactions.push(t)
    expect((await client.getTransaction(String(t.id))).amount_cents).toBe(61550)
  })
})

describe('mapping Qonto samples to our rows', () => {
  const sample = (name: string) => JSON.parse(readFileSync(new URL(name, SAMPLES), 'utf8'))

  it('keeps exact cents, the payer IBAN, name and remittance reference', () => {
    const record = toTransactionRecord(qontoTransactionSchema.parse(sample('transaction-credit-transfer.json').transaction))
    expect(record).toMatchObject({
      qontoId: '0195a3c2-7d41-7b1e-9c2a-4f8e2d1b6a01',
      amountCents: 144000,
      side: 'CREDIT',
      statut: 'SETTLED',
      operationType: 'income',
      counterpartyName: 'Dupont et Fils',
      counterpartyIban: 'FR7630006000011234567890189',
      counterpartyBic: 'AGRIFRPPXXX',
      reference: 'FAC-2026-0142',
      qontoUpdatedAt: '2026-03-02T09:14:28.130Z',
    })
  })

  it('maps every transaction of the list sample, grouped references included', () => {
    const page = sample('transactions-list-page.json')
    const records = page.transactions.map((t: unknown) => toTransactionRecord(qontoTransactionSchema.parse(t)))
    expect(records[1]).toMatchObject({ amountCents: 61550, counterpartyName: 'MARTIN SOPHIE', reference: 'Facture 2026-0139 + 2026-0140' })
  })
})

describe('Qonto configuration', () => {
  it('says exactly what is missing', () => {
    expect(() => qontoSettingsFromEnv({})).toThrow(QontoConfigError)
    expect(() => qontoSettingsFromEnv({})).toThrow(/il manque QONTO_LOGIN et QONTO_SECRET_KEY \(ou QONTO_ACCESS_TOKEN\)\./)
    // Without an account, the accounts chosen in the panel are synced; one configured takes precedence.
    expect(qontoSettingsFromEnv({ QONTO_LOGIN: 'a', QONTO_SECRET_KEY: 'b' }).account).toBeUndefined()
    expect(() => qontoSettingsFromEnv({ QONTO_LOGIN: 'a', QONTO_IBAN: 'FR76' })).toThrow(/il manque QONTO_SECRET_KEY\./)
    expect(qontoSettingsFromEnv({ QONTO_ACCESS_TOKEN: 't', QONTO_BANK_ACCOUNT_ID: 'b' }).baseUrl).toBe('https://thirdparty.qonto.com')
  })
})

function clientSettings(standIn: StandIn) {
  return { baseUrl: standIn.url, auth: { kind: 'api-key' as const, login: STAND_IN_CREDENTIALS.login, secretKey: STAND_IN_CREDENTIALS.secretKey } }
}
