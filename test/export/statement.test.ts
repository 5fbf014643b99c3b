/**
 * The bank reconciliation statement (état de rapprochement) at a month-end, as the accountant reads it:
 * Qonto's balance that evening, what the books explain, what they do not by age, and the equation.
 * Expectations are written by hand from the payments below.
 */
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { reconciliationStatement } from '../../src/reconcile/statement.service.js'
import { ignorePayment } from '../../src/reconcile/ignore.service.js'
import { associate } from '../../src/reconcile/reconciliation.service.js'
import { READER, createTestApp, loggedInAgent } from '../helpers/app.js'
import { databaseWithMaud, testContext } from '../helpers/context.js'
import { databaseKinds, type TestDatabase } from '../helpers/databases.js'

describe.each(databaseKinds())('the bank reconciliation statement on %s', (kind) => {
  let db: TestDatabase
  beforeAll(async () => {
    const books = await databaseWithMaud(kind)
    const { maud, ctx } = books
    db = books.db
    await db.prisma.qontoBankAccount.create({ data: { id: 'acc-main', name: 'Compte principal', iban: 'FR7616958000013234567890102', main: true, reconcile: true } })
    const client = await db.prisma.marque.create({ data: { nom: 'Glow Cosmetics SAS' } })
    // Opening 10 000,00 €; every movement carries Qonto's balance after it (settled_balance_cents), in date order.
    const movements: Array<[string, number, string, 'CREDIT' | 'DEBIT']> = [
      ['q-older', 10_000, '2026-07-01', 'CREDIT'],
      ['q-old', 20_000, '2026-09-15', 'CREDIT'],
      ['q-rent', 150_000, '2026-11-05', 'DEBIT'],
      ['q-refund', 8_640, '2026-11-12', 'CREDIT'],
      ['q-paid', 120_000, '2026-11-20', 'CREDIT'],
      // 500,00 € received, 450,00 € of it settling an invoice: 50,00 € stay unexplained.
      ['q-part', 50_000, '2026-11-25', 'CREDIT'],
      ['q-new', 30_000, '2026-11-28', 'CREDIT'],
      ['q-december', 99_900, '2026-12-02', 'CREDIT'],
    ]
    let balance = 1_000_000
    const id: Record<string, string> = {}
    for (const [qontoId, cents, day, sens] of movements) {
      balance += sens === 'CREDIT' ? cents : -cents
      id[qontoId] = (await db.prisma.transactionQonto.create({
        data: {
          qontoId, montant: (cents / 100).toFixed(2), sens, statut: 'SETTLED', emetteur: 'GLOW', compteBancaireId: 'acc-main',
          dateTransaction: new Date(`${day}T10:00:00Z`), qontoUpdatedAt: new Date(), metadata: { settled_balance_cents: balance },
        },
      })).id
    }
    const invoice = async (reference: string, cents: number) =>
      (await db.prisma.document.create({ data: { reference, montantTTC: (cents / 100).toFixed(2), statut: 'ENVOYE', dateEmission: new Date('2026-08-01'), marqueId: client.id } })).id
    await associate(ctx, { transactionId: id['q-paid']!, allocations: [{ invoiceId: await invoice('FACT-1', 120_000), amountCents: 120_000 }], actor: maud, mode: 'MANUEL' })
    await associate(ctx, { transactionId: id['q-part']!, allocations: [{ invoiceId: await invoice('FACT-2', 45_000), amountCents: 45_000 }], actor: maud, mode: 'MANUEL' })
    await ignorePayment(ctx, { transactionId: id['q-refund']!, category: 'REMBOURSEMENT', note: undefined, rule: 'AUCUNE', actor: maud })
  }, 120_000)
  afterAll(async () => db?.close())

  it('at 30 November: Qonto’s balance, what is explained, what is not by age, and the equation ties', async () => {
    const { accounts } = await reconciliationStatement(testContext(db), '2026-11-30')
    expect(accounts).toHaveLength(1)
    const a = accounts[0]!
    expect(a).toMatchObject({
      name: 'Compte principal',
      balanceSource: 'qonto',
      openingCents: 1_000_000,
      // 10 000 + 1 200 + 500 + 86,40 − 1 500 + 300 + 200 + 100
      bankBalanceCents: 1_088_640,
      reconciled: { count: 2, cents: 165_000 },
      ignored: { count: 1, cents: 8_640 },
      unexplained: { count: 4, cents: 65_000 },
      debits: { count: 1, cents: 150_000 },
      gapCents: 0,
    })
    expect(a.unexplainedByAge).toEqual([
      { label: '0 à 30 jours', count: 2, cents: 35_000 },
      { label: '31 à 60 jours', count: 0, cents: 0 },
      { label: '61 à 90 jours', count: 1, cents: 20_000 },
      { label: 'plus de 90 jours', count: 1, cents: 10_000 },
    ])
    expect(a.openingCents! + a.reconciled.cents + a.ignored.cents + a.unexplained.cents - a.debits.cents).toBe(a.bankBalanceCents)
  })

  it('ages in whole Paris days: 30 days old is still « 0 à 30 jours », 31 is not; 90 is « 61 à 90 », 91 is « plus de 90 »', async () => {
    const ctx = testContext(db)
    const bucketOf = async (date: string, cents: number) =>
      (await reconciliationStatement(ctx, date, { bookFirst: false })).accounts[0]!.unexplainedByAge.find((b) => b.cents === cents)?.label
    // q-old: 200,00 € on 15/09/2026 (12:00 in Paris); q-older: 100,00 € on 01/07/2026.
    expect(await bucketOf('2026-10-15', 20_000)).toBe('0 à 30 jours')
    expect(await bucketOf('2026-10-16', 20_000)).toBe('31 à 60 jours')
    expect(await bucketOf('2026-09-29', 10_000)).toBe('61 à 90 jours')
    expect(await bucketOf('2026-09-30', 10_000)).toBe('plus de 90 jours')
  })

  it('the accountant (read-only) reads it in the panel and downloads it as a French CSV', async () => {
    const app = createTestApp(db)
    try {
      const agent = await loggedInAgent(app.app, READER)
      const json = await agent.get('/admin/api/resources/TransactionQonto/actions/comptabilite?date=2026-11-30')
      expect(json.status).toBe(200)
      expect(json.body.statement.accounts[0].bankBalanceCents).toBe(1_088_640)
      expect(json.body.canClose).toBe(false)
      const csv = await agent.get('/admin/api/resources/TransactionQonto/actions/comptabilite?date=2026-11-30&format=csv')
      expect(csv.headers['content-disposition']).toBe('attachment; filename="etat_de_rapprochement_2026-11-30.csv"')
      expect(csv.text.charCodeAt(0)).toBe(0xfeff)
      expect(csv.text).toContain('Solde Qonto au 30/11/2026;;10886,40;EUR')
      expect(csv.text).toContain('Plus : crédits non expliqués;4;650,00;EUR')
      expect(csv.text).toContain('nul, l’état est équilibré;;0,00;EUR')
      const closing = await agent.post('/admin/api/resources/TransactionQonto/actions/comptabilite').send({ body: JSON.stringify({ op: 'cloturer', through: '2026-11-30' }) })
      expect(closing.body).toMatchObject({ ok: false, message: 'Seul un administrateur peut clôturer une période.' })
      expect(await db.prisma.qontoCloture.count()).toBe(0)
      const bad = await agent.get('/admin/api/resources/TransactionQonto/actions/comptabilite?date=2026-02-30')
      expect(bad.status).toBe(400)
      expect(bad.text).toContain('date invalide')
    } finally {
      await app.close()
    }
  })
})
