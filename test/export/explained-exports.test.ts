import { PassThrough } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_FEC_SETTINGS, ignoredLines } from '../../src/domain/export/fec.js'
import { writeExport } from '../../src/reconcile/export.service.js'
import { dashboardStats } from '../../src/reconcile/dashboard.service.js'
import { ignorePayment } from '../../src/reconcile/ignore.service.js'
import { ingestTransactions } from '../../src/feed/transaction-ingest.service.js'
import { workQueue } from '../../src/reconcile/work-queue.service.js'
import type { TransactionRecord } from '../../src/qonto/mapping.js'
import { associate } from '../../src/reconcile/reconciliation.service.js'
import { databaseWithMaud, testContext } from '../helpers/context.js'
import { databaseKinds, type TestDatabase } from '../helpers/databases.js'

async function exportText(db: TestDatabase, format: 'csv' | 'fec', env: Record<string, string> = {}, overrides = {}, range = { from: '2026-11-01', to: '2026-11-30' }): Promise<string> {
  const sink = new PassThrough()
  const chunks: Buffer[] = []
  sink.on('data', (c: Buffer) => chunks.push(c))
  await writeExport(testContext(db, env, overrides), { format, ...range }, sink)
  sink.end()
  return Buffer.concat(chunks).toString('utf8')
}

const csvLines = (text: string) => text.slice(1).trimEnd().split(/\r?\n/).map((l) => l.split(';'))
const fecLines = (text: string) => text.slice(0, -2).split('\r\n').slice(1).map((l) => l.split('\t'))
const cents = (v: string) => (v === '' ? 0 : Number(v.replace(',', '')))

describe.each(databaseKinds())('exports of explained payments on %s', (kind) => {
  let db: TestDatabase
  beforeAll(async () => {
    const books = await databaseWithMaud(kind)
    const { maud, ctx } = books
    db = books.db
    const client = await db.prisma.marque.create({ data: { nom: 'Lumière SAS' } })
    const invoice = (reference: string, montantTTC: string) =>
      db.prisma.document.create({ data: { reference, montantTTC, statut: 'ENVOYE', dateEmission: new Date('2026-10-01'), marqueId: client.id } })
    const payment = (qontoId: string, montant: string, day: number, extra: object = {}) =>
      db.prisma.transactionQonto.create({
        data: { qontoId, montant, statut: 'SETTLED', emetteur: 'LUMIERE SAS', dateTransaction: new Date(Date.UTC(2026, 10, day, 9)), qontoUpdatedAt: new Date(), ...extra },
      })
    for (const [n, mode] of (['MANUEL', 'SUGGESTION', 'AUTOMATIQUE'] as const).entries()) {
      const inv = await invoice(`FACT-2026-50${n}`, '100.00')
      const tx = await payment(`q-mode-${mode}`, '100.00', 2 + n)
      await associate(ctx, { transactionId: tx.id, allocations: [{ invoiceId: inv.id, amountCents: 10000 }], actor: maud, mode, score: mode === 'MANUEL' ? undefined : 0.9 })
    }
    // A bank-fee write-off: 2 100,00 € invoiced, 2 097,50 € received, 2,50 € closed on 627000. Written on the
    // allocation directly (the write-off write path, "Solder avec écart", belongs to the Associer use-case).
    const feeInvoice = await invoice('FACT-2026-510', '2100.00')
    const short = await payment('q-short', '2097.50', 10)
    await associate(ctx, { transactionId: short.id, allocations: [{ invoiceId: feeInvoice.id, amountCents: 209750 }], actor: maud, mode: 'MANUEL' })
    await db.prisma.qontoAllocation.updateMany({ where: { transactionId: short.id }, data: { ecart: '2.50', ecartMotif: 'FRAIS_BANCAIRES' } })
    // A split with a write-off on one invoice only, on its own account.
    const [a, b] = [await invoice('FACT-2026-520', '300.00'), await invoice('FACT-2026-521', '200.00')]
    const split = await payment('q-split', '499.00', 12)
    await associate(ctx, { transactionId: split.id, allocations: [{ invoiceId: a.id, amountCents: 30000 }, { invoiceId: b.id, amountCents: 19900 }], actor: maud, mode: 'MANUEL' })
    await db.prisma.qontoAllocation.updateMany({ where: { transactionId: split.id, factureId: b.id }, data: { ecart: '1.00', ecartMotif: 'ARRONDI', ecartCompte: '658000' } })
    // A social-security refund explained without an invoice, by a rule.
    const refund = await payment('q-cpam', '86.40', 15, { emetteur: 'CPAM DE PARIS', emetteurIban: 'FR7610278060410002020370182' })
    await ignorePayment(ctx, { transactionId: refund.id, category: 'REMBOURSEMENT', note: 'Indemnités journalières', rule: 'IBAN', actor: maud })
  }, 120_000)
  afterAll(async () => db?.close())

  it('says in the CSV "Mode" column how each invoice was associated: Manuel, Suggestion acceptée, Automatique', async () => {
    const rows = csvLines(await exportText(db, 'csv'))
    const mode = (invoice: string) => rows.find((r) => r[7] === invoice)![11]
    expect(mode('FACT-2026-500')).toBe('Manuel')
    expect(mode('FACT-2026-501')).toBe('Suggestion acceptée')
    expect(mode('FACT-2026-502')).toBe('Automatique')
  })

  it('gives the CSV write-off columns per invoice line and the ignored payment as a row of its own kind', async () => {
    const rows = csvLines(await exportText(db, 'csv'))
    expect(rows[0]!.slice(13)).toEqual(['Écart', "Motif de l'écart", "Compte d'écart", 'Nature', 'Catégorie hors facture', 'Note', 'Règle'])
    expect(rows.find((r) => r[7] === 'FACT-2026-510')!.slice(8, 9).concat(rows.find((r) => r[7] === 'FACT-2026-510')!.slice(13, 17))).toEqual([
      '2097,50', '2,50', 'Frais bancaires', '627000', 'Règlement de facture',
    ])
    expect(rows.find((r) => r[7] === 'FACT-2026-520')!.slice(13, 16)).toEqual(['', '', ''])
    expect(rows.find((r) => r[7] === 'FACT-2026-521')!.slice(13, 16)).toEqual(['1,00', 'Arrondi', '658000'])
    const ignored = rows.filter((r) => r[16] === 'Hors facture')
    expect(ignored).toHaveLength(1)
    expect(ignored[0]).toEqual([
      '15/11/2026', 'q-cpam', 'CPAM DE PARIS', 'FR7610278060410002020370182', '', '86,40', 'EUR', '', '', '', 'maud@test.fr', 'Manuel', expect.stringMatching(/^\d{2}\/\d{2}\/\d{4}$/),
      '', '', '', 'Hors facture', 'Remboursement', 'Indemnités journalières', 'Règle : toujours pour cet IBAN (FR76 1027 8060 4100 0202 0370 182) → Remboursement',
    ])
    // Chronological: the refund of the 15th comes after the split of the 12th.
    expect(rows.findIndex((r) => r[1] === 'q-cpam')).toBeGreaterThan(rows.findIndex((r) => r[1] === 'q-split'))
  })

  it('writes a balanced FEC entry for a write-off: bank debit = cash, write-off account debit = écart, client credit = cash + écart, one EcritureNum, unlettered', async () => {
    const lines = fecLines(await exportText(db, 'fec'))
    const entries = new Map<string, string[][]>()
    for (const l of lines) entries.set(l[2]!, [...(entries.get(l[2]!) ?? []), l])
    for (const [num, entry] of entries) {
      const debit = entry.reduce((s, l) => s + cents(l[11]!), 0)
      const credit = entry.reduce((s, l) => s + cents(l[12]!), 0)
      expect(debit, num).toBe(credit)
    }
    const short = [...entries.values()].find((e) => e[0]![8] === 'q-short')!
    expect(short.map((l) => [l[4], l[11], l[12]])).toEqual([
      ['512000', '2097,50', '0,00'],
      ['627000', '2,50', '0,00'],
      ['411000', '0,00', '2100,00'],
    ])
    expect(short.map((l) => l[13])).toEqual(['', '', ''])
    const split = [...entries.values()].find((e) => e[0]![8] === 'q-split')!
    expect(split.map((l) => [l[4], l[8], l[11], l[12]])).toEqual([
      ['512000', 'q-split', '499,00', '0,00'],
      ['658000', 'FACT-2026-521', '1,00', '0,00'],
      ['411000', 'FACT-2026-520', '0,00', '300,00'],
      ['411000', 'FACT-2026-521', '0,00', '200,00'],
    ])
  })

  it('puts an ignored payment in the FEC on the suspense account (471000, configurable) with its category as the label', async () => {
    const refund = fecLines(await exportText(db, 'fec')).filter((l) => l[8] === 'q-cpam')
    expect(refund.map((l) => [l[4], l[11], l[12], l[13]])).toEqual([
      ['512000', '86,40', '0,00', ''],
      ['471000', '0,00', '86,40', ''],
    ])
    expect(refund[0]![10]).toBe('Hors facture Remboursement Indemnités journalières CPAM DE PARIS')
    // An entry keeps the lines it was numbered with; a new suspense account applies to the entries made after it.
    expect(fecLines(await exportText(db, 'fec', {}, { fec: { suspenseAccount: '471100' } })).filter((l) => l[8] === 'q-cpam')[1]![4]).toBe('471000')
    const configured = ignoredLines({ transactionId: 't', qontoId: 'q', date: new Date(), payer: null, iban: null, reference: null, amountCents: 100, currency: 'EUR', category: 'AUTRE', note: null, rule: null, automatic: false, by: null, at: new Date() }, { ...DEFAULT_FEC_SETTINGS, suspenseAccount: '471100' })
    expect(configured[1]!.account).toBe('471100')
  })

  it('an ignored 500 € credit that the bank then reverses leaves the FEC, the CSV and the « ignorés » counts; the credit is to check, audited and notified', async () => {
    const ctx = testContext(db)
    const { admin } = { admin: await db.prisma.user.findFirstOrThrow({ where: { email: 'maud@test.fr' } }) }
    const maud = { userId: admin.id, label: admin.email }
    const december = { from: '2026-12-01', to: '2026-12-31' }
    const record = (statut: TransactionRecord['statut'], updatedAt: string): TransactionRecord => ({
      qontoId: 'q-apport-reversed', amountCents: 50000, currency: 'EUR', side: 'CREDIT', statut, operationType: 'income', label: 'APPORT ASSOCIE',
      reference: 'Apport', note: null, counterpartyName: 'JEAN ASSOCIE', counterpartyIban: 'FR7630001007941234567890185', counterpartyBic: null,
      date: '2026-12-03T10:00:00.000Z', qontoUpdatedAt: updatedAt, bankAccountId: null, raw: {},
    })
    const before = await dashboardStats(ctx)
    const queueBefore = await workQueue(ctx, { etat: 'ignores' })
    await ingestTransactions(ctx, [record('SETTLED', '2026-12-03T10:00:00.000Z')])
    const stored = await db.prisma.transactionQonto.findUniqueOrThrow({ where: { qontoId: 'q-apport-reversed' } })
    await ignorePayment(ctx, { transactionId: stored.id, category: 'APPORT', note: 'Apport en compte courant', rule: 'AUCUNE', actor: maud })
    expect(fecLines(await exportText(db, 'fec', {}, {}, december)).filter((l) => l[8] === 'q-apport-reversed')).toHaveLength(2)
    expect((await dashboardStats(ctx)).ignored.count).toBe(before.ignored.count + 1)

    const report = await ingestTransactions(ctx, [record('REVERSED', '2026-12-04T10:00:00.000Z')])
    expect(report.reversedIds).toEqual([stored.id])
    const reversed = await db.prisma.transactionQonto.findUniqueOrThrow({ where: { id: stored.id } })
    expect(reversed).toMatchObject({ statut: 'REVERSED', ignoreCategorie: null, ignoreNote: null, ignoreLe: null, ignorePar: null, regleId: null, aVerifier: true })
    const audit = await db.prisma.qontoAuditLog.findFirstOrThrow({ where: { transactionId: stored.id, action: 'PAIEMENT_ANNULE' } })
    expect(audit.avant).toMatchObject({ etat: 'Ignoré (hors facture) : Apport (associé, capital) — Apport en compte courant' })
    expect(audit.details).toMatchObject({ motif: 'Paiement annulé par la banque' })
    const notification = await db.prisma.notification.findFirstOrThrow({ where: { type: 'PAIEMENT_ANNULE', message: { contains: '500,00' } } })
    expect(notification.message).toContain('n’est plus ignoré')

    // The exported entry stays as it was; a contre-passation with its own number cancels it.
    const afterReversal = fecLines(await exportText(db, 'fec', {}, {}, december)).filter((l) => l[8] === 'q-apport-reversed')
    expect(afterReversal.map((l) => [l[4], l[11], l[12]])).toEqual([
      ['512000', '500,00', '0,00'], ['471000', '0,00', '500,00'],
      ['512000', '0,00', '500,00'], ['471000', '500,00', '0,00'],
    ])
    expect(afterReversal[2]![2]).not.toBe(afterReversal[0]![2])
    expect(afterReversal[2]![10]).toMatch(new RegExp(`^Contre-passation ${afterReversal[0]![2]} `))
    expect(csvLines(await exportText(db, 'csv', {}, {}, december)).filter((r) => r[1] === 'q-apport-reversed')).toHaveLength(0)
    const after = await dashboardStats(ctx)
    expect(after.ignored).toEqual(before.ignored)
    expect(after.explainedPercent).toBe(before.explainedPercent)
    expect((await workQueue(ctx, { etat: 'ignores' })).counts.ignores).toBe(queueBefore.counts.ignores)

    // A row stored ignored and reversed before this fix is not in the accounts nor the counts either.
    await db.prisma.transactionQonto.create({
      data: { qontoId: 'q-legacy-reversed', montant: '250.00', statut: 'REVERSED', emetteur: 'X', dateTransaction: new Date('2026-12-05T09:00:00Z'), qontoUpdatedAt: new Date(), ignoreCategorie: 'AUTRE', ignoreNote: 'ancien' },
    })
    expect(fecLines(await exportText(db, 'fec', {}, {}, december)).filter((l) => l[8] === 'q-legacy-reversed')).toHaveLength(0)
    expect((await dashboardStats(ctx)).ignored).toEqual(before.ignored)
    expect((await workQueue(ctx, { etat: 'ignores' })).counts.ignores).toBe(queueBefore.counts.ignores)
  })
})
