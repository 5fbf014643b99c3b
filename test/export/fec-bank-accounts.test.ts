import { PassThrough } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeExport } from '../../src/reconcile/export.service.js'
import { associate } from '../../src/reconcile/reconciliation.service.js'
import { createTestUsers, testContext } from '../helpers/context.js'
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases.js'

describe.each(databaseKinds())('FEC bank account per Qonto account, on %s', (kind) => {
  let db: TestDatabase
  beforeAll(async () => {
    db = await createTestDatabase(kind)
    const { admin } = await createTestUsers(db)
    await db.prisma.qontoBankAccount.createMany({
      data: [
        { id: 'acc-main', name: 'Compte principal', iban: 'FR7616958000013234567890102', main: true, reconcile: true },
        { id: 'acc-savings', name: 'Compte épargne', iban: 'FR7616958000019999999999904', reconcile: true, fecBankAccount: '512100' },
      ],
    })
    const client = await db.prisma.marque.create({ data: { nom: 'Glow Cosmetics SAS' } })
    for (const [i, account] of ['acc-main', 'acc-savings', null].entries()) {
      const invoice = await db.prisma.document.create({
        data: { reference: `FACT-2026-90${i}`, montantTTC: '100.00', statut: 'ENVOYE', dateEmission: new Date('2026-10-01'), marqueId: client.id },
      })
      const tx = await db.prisma.transactionQonto.create({
        data: { qontoId: `q-${i}`, montant: '100.00', statut: 'SETTLED', compteBancaireId: account, dateTransaction: new Date(Date.UTC(2026, 10, 3 + i, 10)), qontoUpdatedAt: new Date() },
      })
      await associate(testContext(db), { transactionId: tx.id, allocations: [{ invoiceId: invoice.id, amountCents: 10000 }], actor: { userId: admin.id, label: admin.email }, mode: 'MANUEL' })
    }
  }, 120_000)
  afterAll(async () => db.close())

  it("the accountant's FEC debits the savings account's own 512100, the others the default 512000", async () => {
    const sink = new PassThrough()
    const chunks: Buffer[] = []
    sink.on('data', (c: Buffer) => chunks.push(c))
    await writeExport(testContext(db), { format: 'fec', from: '2026-11-01', to: '2026-11-30' }, sink)
    const bankLines = Buffer.concat(chunks).toString('utf8').split('\r\n').slice(1, -1).map((l) => l.split('\t')).filter((f) => f[11] !== '0,00')
    expect(bankLines.map((f) => [f[8], f[4]])).toEqual([
      ['q-0', '512000'],
      ['q-1', '512100'],
      ['q-2', '512000'],
    ])
  })
})
