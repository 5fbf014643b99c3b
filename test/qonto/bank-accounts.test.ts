import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ReconciliationContext } from '../../src/context.js'
import { QontoClient } from '../../src/qonto/client.js'
import { BankAccountChoiceError, chooseBankAccounts, refreshBankAccounts, storedBankAccounts } from '../../src/feed/bank-accounts.service.js'
import { runConfiguredSync } from '../../src/runtime/runtime.service.js'
import { createTestUsers, testContext } from '../helpers/context.js'
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases.js'
import { standInBankAccount } from '../helpers/qonto-accounts-stand-in.js'
import { STAND_IN_ACCOUNT, STAND_IN_CREDENTIALS, qontoTransaction, startQontoStandIn, type StandIn } from '../helpers/qonto-stand-in.js'

const SAVINGS = standInBankAccount({ id: '018f71db-c635-78b5-b90a-ea05de98c3aa', iban: 'FR7616958000019999999999904', name: 'Compte épargne', balance_cents: 1200000 })
const CLOSED = standInBankAccount({ id: '018f71db-c635-78b5-b90a-ea05de98c4bb', iban: 'FR7616958000018888888888805', name: 'Ancien compte', status: 'closed' })
const DOLLARS = standInBankAccount({ id: '018f71db-c635-78b5-b90a-ea05de98c5cc', iban: 'FR7616958000017777777777706', name: 'Compte USD', currency: 'USD' })
const MAIN = STAND_IN_ACCOUNT.id

describe.each(databaseKinds())('every Qonto bank account, on %s', (kind) => {
  let db: TestDatabase
  let standIn: StandIn
  let ctx: ReconciliationContext
  const actor = { userId: null, label: 'maud@test.fr' }

  beforeEach(async () => {
    db = await createTestDatabase(kind)
    await createTestUsers(db)
    standIn = await startQontoStandIn()
    standIn.bankAccounts.push(SAVINGS, CLOSED, DOLLARS)
    // The API key alone: the accounts come from Qonto and Maud's choice.
    ctx = testContext(db, { QONTO_API_BASE_URL: standIn.url, QONTO_LOGIN: STAND_IN_CREDENTIALS.login, QONTO_SECRET_KEY: STAND_IN_CREDENTIALS.secretKey })
  })
  afterEach(async () => {
    await standIn.close()
    await db.close()
  })

  const payment = (account: string, updatedAt: string, overrides: Record<string, unknown> = {}) => {
    const t = qontoTransaction({ bank_account_id: account, updated_at: updatedAt, ...overrides })
    standIn.transactions.push(t)
    return t
  }
  const cursorOf = async (account: string) => (await db.prisma.qontoSyncState.findUnique({ where: { id: account } }))?.cursor?.toISOString() ?? null
  const importedOn = async (account: string) => db.prisma.transactionQonto.count({ where: { compteBancaireId: account } })

  it('Maud has four accounts: the two active EUR ones are reconciled by default, the closed and the dollar ones are not synced', async () => {
    payment(MAIN, '2026-11-02T10:00:00.000Z')
    payment(SAVINGS.id, '2026-11-03T10:00:00.000Z')
    payment(CLOSED.id, '2026-11-03T10:00:00.000Z')
    payment(DOLLARS.id, '2026-11-03T10:00:00.000Z', { currency: 'USD' })

    const result = await runConfiguredSync(ctx)
    expect(result.created).toBe(2)
    expect(result.accounts.map((a) => [a.account, a.error])).toEqual([[MAIN, null], [SAVINGS.id, null]])
    expect(await importedOn(MAIN)).toBe(1)
    expect(await importedOn(SAVINGS.id)).toBe(1)
    expect(await importedOn(CLOSED.id)).toBe(0)
    expect(await importedOn(DOLLARS.id)).toBe(0)
    // Only the chosen accounts were asked for their transactions.
    const asked = standIn.requests.filter((r) => r.path === '/v2/transactions').map((r) => r.query.get('bank_account_id'))
    expect(new Set(asked)).toEqual(new Set([MAIN, SAVINGS.id]))

    const accounts = await storedBankAccounts(ctx)
    expect(accounts.map((a) => [a.name, a.reconcile])).toEqual([
      ['Compte principal', true], ['Ancien compte', false], ['Compte USD', false], ['Compte épargne', true],
    ])
    expect(accounts.find((a) => a.id === SAVINGS.id)).toMatchObject({ iban: SAVINGS.iban, currency: 'EUR', status: 'active', balanceCents: 1200000, main: false })
    expect(accounts.find((a) => a.id === MAIN)!.lastSuccessAt).not.toBeNull()
  })

  it('each account keeps its own cursor: a payment on the savings account moves only its cursor', async () => {
    payment(MAIN, '2026-11-02T10:00:00.000Z')
    payment(SAVINGS.id, '2026-11-03T10:00:00.000Z')
    await runConfiguredSync(ctx)
    expect(await cursorOf(MAIN)).toBe('2026-11-02T10:00:00.000Z')
    expect(await cursorOf(SAVINGS.id)).toBe('2026-11-03T10:00:00.000Z')

    payment(SAVINGS.id, '2026-11-20T09:30:00.000Z', { amount_cents: 99000 })
    const second = await runConfiguredSync(ctx)
    expect(second.created).toBe(1)
    expect(await cursorOf(MAIN)).toBe('2026-11-02T10:00:00.000Z')
    expect(await cursorOf(SAVINGS.id)).toBe('2026-11-20T09:30:00.000Z')
    // Each account is asked from its own cursor (rewound by the safety hour).
    const lastAsks = standIn.requests.filter((r) => r.path === '/v2/transactions').slice(-2)
    expect(lastAsks.map((r) => [r.query.get('bank_account_id'), r.query.get('updated_at_from')])).toEqual([
      [MAIN, '2026-11-02T09:00:00.000Z'],
      [SAVINGS.id, '2026-11-03T09:00:00.000Z'],
    ])
  })

  it('a failure on the main account does not block the savings account, and the main one catches up next time', async () => {
    payment(MAIN, '2026-11-02T10:00:00.000Z')
    payment(SAVINGS.id, '2026-11-03T10:00:00.000Z')
    // The main account is synced first: its request is refused for good this time.
    standIn.faults.push({ kind: 'status', status: 404, path: '/v2/transactions' })
    const result = await runConfiguredSync(ctx)
    expect(result.accounts.find((a) => a.account === MAIN)!.error).toMatch(/HTTP 404/)
    expect(result.accounts.find((a) => a.account === SAVINGS.id)!.error).toBeNull()
    expect(await importedOn(MAIN)).toBe(0)
    expect(await importedOn(SAVINGS.id)).toBe(1)
    expect((await db.prisma.qontoSyncState.findUniqueOrThrow({ where: { id: MAIN } })).lastError).toMatch(/HTTP 404/)

    const retried = await runConfiguredSync(ctx)
    expect(retried.accounts.every((a) => a.error === null)).toBe(true)
    expect(await importedOn(MAIN)).toBe(1)
    expect((await db.prisma.qontoSyncState.findUniqueOrThrow({ where: { id: MAIN } })).lastError).toBeNull()
  })

  it('only when every account fails does the sync fail', async () => {
    standIn.faults.push({ kind: 'status', status: 404, path: '/v2/transactions' }, { kind: 'status', status: 404, path: '/v2/transactions' })
    await expect(runConfiguredSync(ctx)).rejects.toThrow(/HTTP 404/)
  })

  it("Maud's choice is kept when the list is refreshed, and an unknown account changes nothing", async () => {
    await refreshBankAccounts(ctx, new QontoClient(ctx.qonto!))
    await chooseBankAccounts(ctx, { accounts: [{ id: MAIN, reconcile: false }, { id: DOLLARS.id, reconcile: true, fecBankAccount: '512200' }] }, actor)
    await refreshBankAccounts(ctx, new QontoClient(ctx.qonto!))
    const chosen = (await storedBankAccounts(ctx)).filter((a) => a.reconcile).map((a) => a.id)
    expect(chosen.sort()).toEqual([DOLLARS.id, SAVINGS.id].sort())
    expect((await storedBankAccounts(ctx)).find((a) => a.id === DOLLARS.id)!.fecBankAccount).toBe('512200')
    expect(await db.prisma.qontoAuditLog.count({ where: { action: 'COMPTES_BANCAIRES' } })).toBe(1)

    await expect(chooseBankAccounts(ctx, { accounts: [{ id: SAVINGS.id, reconcile: false }, { id: 'inconnu', reconcile: true }] }, actor)).rejects.toBeInstanceOf(BankAccountChoiceError)
    expect((await storedBankAccounts(ctx)).find((a) => a.id === SAVINGS.id)!.reconcile).toBe(true)

    payment(MAIN, '2026-11-02T10:00:00.000Z')
    payment(DOLLARS.id, '2026-11-02T10:00:00.000Z', { currency: 'USD' })
    await runConfiguredSync(ctx)
    expect(await importedOn(MAIN)).toBe(0)
    expect(await importedOn(DOLLARS.id)).toBe(1)
  })

  it('the account fixed by the configuration takes precedence over the choice', async () => {
    const fixed = testContext(db, {
      QONTO_API_BASE_URL: standIn.url, QONTO_LOGIN: STAND_IN_CREDENTIALS.login, QONTO_SECRET_KEY: STAND_IN_CREDENTIALS.secretKey, QONTO_IBAN: SAVINGS.iban,
    })
    payment(MAIN, '2026-11-02T10:00:00.000Z')
    payment(SAVINGS.id, '2026-11-03T10:00:00.000Z')
    const result = await runConfiguredSync(fixed)
    expect(result.accounts.map((a) => a.account)).toEqual([`iban:${SAVINGS.iban}`])
    expect(result.accounts[0]!.label).toBe('Compte épargne · FR76 … 9904')
    expect(await importedOn(MAIN)).toBe(0)
    expect(await importedOn(SAVINGS.id)).toBe(1)
  })

  it('lists every page of accounts (more than 100)', async () => {
    for (let i = 0; i < 130; i += 1) standInBankAccountsPush(i)
    const client = new QontoClient(ctx.qonto!)
    const items = await client.listBankAccounts()
    expect(items).toHaveLength(134)
    expect(standIn.requests.filter((r) => r.path === '/v2/bank_accounts').map((r) => r.query.get('page'))).toEqual(['1', '2'])
  })

  function standInBankAccountsPush(i: number) {
    standIn.bankAccounts.push(standInBankAccount({ id: `acc-${i}`, iban: `FR76${String(i).padStart(23, '0')}`, name: `Sous-compte ${i}` }))
  }
})
