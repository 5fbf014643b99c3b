/**
 * The ledger numbers entries in batches (a 100,000-payment first export stays small in memory): the
 * numbers must be exactly those one pass over everything gives, reversals included, across fiscal
 * years; and bookings running at once (two exports, a statement) never give a number twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bringLedgerUpToDate } from '../../src/reconcile/ledger.service.js'
import { ignorePayment } from '../../src/reconcile/ignore.service.js'
import { associate, dissociate } from '../../src/reconcile/reconciliation.service.js'
import { createTestUsers, testContext } from '../helpers/context.js'
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases.js'

/** Same payments in every database: 14 credits over two fiscal years, reconciled or explained without an invoice. */
async function livedLedger(db: TestDatabase, batchSize: number) {
  const { admin } = await createTestUsers(db)
  const maud = { userId: admin.id, label: admin.email }
  const ctx = testContext(db)
  const client = await db.prisma.marque.create({ data: { nom: 'Glow Cosmetics SAS', compteComptable: '411GLOW' } })
  const ids: Record<string, string> = {}
  const invoices: Record<string, string> = {}
  // Days out of order on purpose, some on the same day, two in December 2025.
  const days = ['2026-01-05', '2025-12-30', '2026-01-05', '2026-02-10', '2025-12-31', '2026-01-02', '2026-03-01', '2026-01-05', '2026-02-10', '2026-01-20', '2026-03-02', '2025-12-30', '2026-02-11', '2026-01-03']
  for (const [i, day] of days.entries()) {
    const q = `q-${String(i).padStart(2, '0')}`
    ids[q] = (await db.prisma.transactionQonto.create({
      data: { qontoId: q, montant: `${100 + i}.00`, statut: 'SETTLED', emetteur: 'GLOW', dateTransaction: new Date(`${day}T${String(8 + (i % 11)).padStart(2, '0')}:00:00Z`), qontoUpdatedAt: new Date() },
    })).id
    invoices[q] = (await db.prisma.document.create({ data: { reference: `FACT-${i}`, montantTTC: `${100 + i}.00`, statut: 'ENVOYE', dateEmission: new Date('2025-12-01'), marqueId: client.id } })).id
    if (i % 4 === 3) await ignorePayment(ctx, { transactionId: ids[q]!, category: 'REMBOURSEMENT', note: undefined, rule: 'AUCUNE', actor: maud })
    else await associate(ctx, { transactionId: ids[q]!, allocations: [{ invoiceId: invoices[q]!, amountCents: (100 + i) * 100 }], actor: maud, mode: 'MANUEL' })
  }
  const now = new Date('2026-03-10T12:00:00Z')
  const first = await bringLedgerUpToDate(ctx, { batchSize, now })
  // Undo four of them, one of which is associated again for less: four reversals and one new entry.
  for (const q of ['q-00', 'q-05', 'q-09', 'q-13']) await dissociate(ctx, ids[q]!, maud)
  await associate(ctx, { transactionId: ids['q-05']!, allocations: [{ invoiceId: invoices['q-05']!, amountCents: 5_000 }], actor: maud, mode: 'MANUEL' })
  const second = await bringLedgerUpToDate(ctx, { batchSize, now })
  const entries = await db.sql.query(
    `SELECT e.journal, e.exercice, e.numero, e.nature, t."qontoId", e.jour, e.banque::text, e.active, (SELECT o.numero FROM "qonto_ecritures" o WHERE o.id = e."annuleId") AS reverses
     FROM "qonto_ecritures" e JOIN "transactions_qonto" t ON t.id = e."transactionId" ORDER BY e.exercice, e.numero`,
  )
  return { first, second, entries }
}

describe.each(databaseKinds())('the ledger numbered in batches on %s', (kind) => {
  const dbs: TestDatabase[] = []
  afterAll(async () => Promise.all(dbs.map((db) => db.close())))

  it('gives the same numbers, dates and reversals in batches of 1, 3 or all at once', async () => {
    const runs = []
    for (const batchSize of [Infinity, 3, 1]) {
      const db = await createTestDatabase(kind)
      dbs.push(db)
      runs.push(await livedLedger(db, batchSize))
    }
    const [oneGo, ...batched] = runs
    expect(oneGo!.first.booked).toBe(14)
    expect(oneGo!.second).toMatchObject({ booked: 1, reversed: 4 })
    // Hand-written: 2025 has its three December payments by date and time (q-11 at 08:00 before q-01 at 09:00); 2026 continues in date order.
    const byYear = (year: number) => oneGo!.entries.filter((e) => e.exercice === year && e.nature !== 'CONTREPASSATION').slice(0, year === 2025 ? 3 : 4).map((e) => e.qontoId)
    expect(byYear(2025)).toEqual(['q-11', 'q-01', 'q-04'])
    expect(byYear(2026)).toEqual(['q-05', 'q-13', 'q-00', 'q-02'])
    // The reversals come after the first pass's 11 entries of 2026, dated on their change day (the booking's), then the new entry.
    const later = oneGo!.entries.filter((e) => e.exercice === 2026 && Number(e.numero) > 11)
    expect(later.map((e) => [e.numero, e.nature, e.qontoId])).toEqual([
      [12, 'CONTREPASSATION', 'q-05'], [13, 'CONTREPASSATION', 'q-13'], [14, 'CONTREPASSATION', 'q-00'], [15, 'CONTREPASSATION', 'q-09'], [16, 'REGLEMENT', 'q-05'],
    ])
    for (const run of batched) expect(run.entries).toEqual(oneGo!.entries)
  }, 240_000)

  it('never gives a number twice when bookings run at once', async () => {
    const db = await createTestDatabase(kind)
    dbs.push(db)
    const ctx = testContext(db)
    const { admin } = await createTestUsers(db)
    const client = await db.prisma.marque.create({ data: { nom: 'Nordik Design SAS' } })
    for (let i = 0; i < 30; i += 1) {
      const t = await db.prisma.transactionQonto.create({ data: { qontoId: `c-${i}`, montant: '10.00', statut: 'SETTLED', emetteur: 'NORDIK', dateTransaction: new Date(`2026-04-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00Z`), qontoUpdatedAt: new Date() } })
      const d = await db.prisma.document.create({ data: { reference: `F-${i}`, montantTTC: '10.00', statut: 'ENVOYE', dateEmission: new Date('2026-03-01'), marqueId: client.id } })
      await associate(ctx, { transactionId: t.id, allocations: [{ invoiceId: d.id, amountCents: 1000 }], actor: { userId: admin.id, label: admin.email }, mode: 'MANUEL' })
    }
    const reports = await Promise.all([1, 2, 7].map((batchSize) => bringLedgerUpToDate(testContext(db), { batchSize })))
    expect(reports.reduce((sum, r) => sum + r.booked, 0)).toBe(30)
    const numbers = await db.sql.query(`SELECT numero FROM "qonto_ecritures" ORDER BY numero`)
    expect(numbers.map((n) => n.numero)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1))
    const [sequence] = await db.sql.query(`SELECT dernier FROM "qonto_sequences_ecritures"`)
    expect(sequence).toMatchObject({ dernier: 30 })
  }, 240_000)
})
