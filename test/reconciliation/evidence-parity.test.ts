/**
 * One evidence path: for every payment of a generated ledger stored in the database, the panel's
 * suggestions (one transaction, indexed candidates, the payer's history) equal the batch's (every
 * open invoice and all history at once: reconcile --auto, sync and webhook).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateLedger } from '../../bench/ledger.js'
import { suggestMatches } from '../../src/domain/matching/index.js'
import { centsToDecimalString } from '../../src/domain/money.js'
import type { ReconciliationContext } from '../../src/context.js'
import { loadClients, loadHistory, loadOpenInvoices, loadUnreconciledCredits, suggestionsForTransaction } from '../../src/services/matching-data.service.js'
import { backfillPayerKeys } from '../../src/services/payer-history.service.js'
import { testContext } from '../helpers/app.js'
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases.js'

describe.each(databaseKinds())('panel and batch see the same evidence, on %s', (kind) => {
  let db: TestDatabase
  let ctx: ReconciliationContext
  const ledger = generateLedger({ clients: 60, invoices: 700, payments: 250, seed: 3 })

  beforeAll(async () => {
    db = await createTestDatabase(kind)
    ctx = testContext(db)
    await db.prisma.marque.createMany({ data: ledger.clients.map((c) => ({ id: c.id, nom: c.name, ibans: c.ibans ?? [] })) })
    // Open invoices as generated; one paid invoice per client carries the payer history.
    await db.prisma.document.createMany({
      data: ledger.invoices.map((i) => ({
        id: i.id, reference: i.number, marqueId: i.clientId, montantTTC: centsToDecimalString(i.totalCents),
        montantPaye: centsToDecimalString(i.paidCents ?? 0), statut: (i.paidCents ?? 0) > 0 ? 'PARTIELLEMENT_PAYE' : 'ENVOYE',
        dateEmission: new Date(`${i.issueDate}T00:00:00Z`), dateEcheance: i.dueDate ? new Date(`${i.dueDate}T00:00:00Z`) : null,
      })),
    })
    // Real payers write their name differently from one transfer to the next, and change banks: the
    // history was learned from other spellings (upper case, civil title) and from an account we no longer see.
    const spelled = (name: string | null | undefined) => (name ? `M. ${name.toUpperCase()}` : null)
    let n = 0
    for (const entry of ledger.history) {
      n += 1
      const invoice = await db.prisma.document.create({
        data: { reference: `HIST-${n}`, marqueId: entry.clientId, montantTTC: '10.00', montantPaye: '10.00', statut: 'PAYE', dateEmission: new Date('2025-01-01') },
      })
      const tx = await db.prisma.transactionQonto.create({
        data: { qontoId: `hist-${n}`, montant: '10.00', montantAlloue: '10.00', associe: true, statut: 'SETTLED', emetteur: spelled(entry.counterpartyName), emetteurIban: n % 2 === 0 ? entry.counterpartyIban : null, dateTransaction: new Date('2025-01-02T10:00:00Z'), qontoUpdatedAt: new Date() },
      })
      await db.prisma.qontoAllocation.create({ data: { transactionId: tx.id, factureId: invoice.id, montant: '10.00' } })
    }
    await db.prisma.transactionQonto.createMany({
      data: ledger.payments.map(({ payment: p }) => ({
        id: p.id, qontoId: `q-${p.id}`, montant: centsToDecimalString(p.amountCents), statut: 'SETTLED', libelle: p.label, reference: p.reference,
        emetteur: p.counterpartyName, emetteurIban: p.counterpartyIban, dateTransaction: new Date(p.settledAt), qontoUpdatedAt: new Date(),
      })),
    })
  }, 240_000)
  afterAll(async () => db.close())

  const compare = async () => {
    const [clients, invoices, history, payments] = await Promise.all([loadClients(ctx), loadOpenInvoices(ctx), loadHistory(ctx), loadUnreconciledCredits(ctx.prisma)])
    const batch = new Map(suggestMatches({ clients, invoices, history }, payments, ctx.matchOptions).map((r) => [r.transactionId, r]))
    const differences: string[] = []
    for (const payment of payments) {
      const panel = (await suggestionsForTransaction(ctx, payment.id))!
      const fromBatch = batch.get(payment.id)!
      const describe = (r: typeof panel) => JSON.stringify({ clientId: r.clientId, best: r.suggestions[0] ?? null })
      if (describe(panel) !== describe(fromBatch)) differences.push(`${payment.id}: panel ${describe(panel)}\n  batch ${describe(fromBatch)}`)
    }
    expect(payments.length).toBe(ledger.payments.length)
    expect(differences.slice(0, 5)).toEqual([])
  }

  it('gives every payment the same best suggestion, score, reasons and auto-apply flag (rows written without a payer key)', compare)

  it('and the same once the payer keys are backfilled', async () => {
    expect((await backfillPayerKeys(ctx)).backfilled).toBeGreaterThan(0)
    expect(await db.prisma.transactionQonto.count({ where: { emetteurCle: null, emetteur: { not: null } } })).toBe(0)
    await compare()
  })
})
