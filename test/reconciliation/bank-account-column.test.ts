/**
 * The payments list's bank-account column (issue 20: lost even for multi-account hosts): shown when
 * more than one account chosen for reconciliation has payments, hidden with a single one, or when
 * the payments name no account. Read from the page AdminJS draws (its REDUX_STATE), after a list
 * request (which asks the database again).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN, closeTestApp, loggedInAgent, openTestApp, type TestApp } from '../helpers/app.js'
import { databaseKinds, type TestDatabase } from '../helpers/databases.js'

describe.each(databaseKinds())('the payments list\'s bank-account column (%s)', (kind) => {
  let db: TestDatabase
  let app: TestApp
  beforeAll(async () => {
    ;({ db, app } = await openTestApp(kind))
  }, 120_000)
  afterAll(async () => closeTestApp(app, db))

  let n = 0
  const payment = (account: string | null) =>
    db.prisma.transactionQonto.create({
      data: { qontoId: `q-${(n += 1)}`, montant: '100.00', dateTransaction: new Date('2026-11-20T10:00:00Z'), qontoUpdatedAt: new Date(), statut: 'SETTLED', sens: 'CREDIT', compteBancaireId: account },
    })
  const account = (id: string, reconcile: boolean) => db.prisma.qontoBankAccount.create({ data: { id, name: `Compte ${id}`, iban: `FR76${id}`, reconcile } })
  /** The list's columns as the next page drawn has them. */
  const columns = async () => {
    const agent = await loggedInAgent(app.app, ADMIN)
    expect((await agent.get('/admin/api/resources/TransactionQonto/actions/list')).status).toBe(200)
    const html = (await agent.get('/admin/resources/TransactionQonto')).text
    const state = JSON.parse(/window\.REDUX_STATE = (.*?);\n/s.exec(html)![1]!) as { resources: Array<{ id: string; listProperties: Array<{ name: string }> }> }
    return state.resources.find((r) => r.id === 'TransactionQonto')!.listProperties.map((p) => p.name)
  }

  it('is hidden while the payments name no account, and with a single reconciled account', async () => {
    await payment(null)
    expect(await columns()).not.toContain('compteBancaireId')
    await account('main', true)
    await account('savings', false)
    await payment('main')
    // The other account has payments but is not reconciled: still one account to tell apart.
    await payment('savings')
    expect(await columns()).not.toContain('compteBancaireId')
    expect(await columns()).toEqual(['dateTransaction', 'montant', 'emetteur', 'reference', 'statut', 'associe', 'aVerifier', 'associerEnUnClic'])
  })

  it('is shown, after the amount, once a second reconciled account has payments — and hidden again when it is no longer reconciled', async () => {
    await db.prisma.qontoBankAccount.update({ where: { id: 'savings' }, data: { reconcile: true } })
    expect(await columns()).toEqual(['dateTransaction', 'montant', 'compteBancaireId', 'emetteur', 'reference', 'statut', 'associe', 'aVerifier', 'associerEnUnClic'])
    await db.prisma.qontoBankAccount.update({ where: { id: 'savings' }, data: { reconcile: false } })
    expect(await columns()).not.toContain('compteBancaireId')
  })
})
