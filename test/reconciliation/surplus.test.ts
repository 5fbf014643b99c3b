/**
 * Every euro of a payment explained (issue 22): a surplus over the invoices it settles becomes a
 * client credit (avoir) offered on that client's next invoice, or a refund to record, and appears in
 * the CSV export; a payment that duplicates one already applied to the same invoice is flagged and
 * never applied automatically.
 */
import { PassThrough } from 'node:stream'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ReconciliationContext } from '../../src/context.js'
import { autoReconcile } from '../../src/reconcile/auto-reconcile.service.js'
import { writeExport } from '../../src/reconcile/export.service.js'
import { invoiceSide } from '../../src/reconcile/invoice-side.service.js'
import { suggestionsForTransaction } from '../../src/reconcile/matching-data.service.js'
import { reasonLabel } from '../../src/domain/matching/reason-texts.js'
import { associate, dissociate, type Actor } from '../../src/reconcile/reconciliation.service.js'
import { applyCredit, explainSurplus, surplusOf } from '../../src/reconcile/surplus.service.js'
import { databaseWithMaud } from '../helpers/context.js'
import { databaseKinds, type TestDatabase } from '../helpers/databases.js'

const IBAN = 'FR7630004008230001234567819'

describe.each(databaseKinds())('every euro of a payment explained, on %s', (kind) => {
  let db: TestDatabase
  let ctx: ReconciliationContext
  let maud: Actor
  let seq = 0
  beforeEach(async () => {
    ;({ db, ctx, maud } = await databaseWithMaud(kind, { actorLabel: 'Maud' }))
  })
  afterEach(async () => db.close())

  const client = (nom: string) => db.prisma.marque.create({ data: { nom, ibans: [IBAN] } })
  const invoice = (reference: string, montantTTC: string, marqueId: string) =>
    db.prisma.document.create({ data: { reference, montantTTC, statut: 'ENVOYE', dateEmission: new Date('2026-10-01'), marqueId } })
  const payment = (montant: string, extra: Record<string, unknown> = {}) =>
    db.prisma.transactionQonto.create({
      data: { qontoId: `q-${(seq += 1)}`, montant, sens: 'CREDIT', statut: 'SETTLED', emetteur: 'GLOW', emetteurIban: IBAN, dateTransaction: new Date('2026-11-20T10:00:00Z'), qontoUpdatedAt: new Date(), ...extra },
    })
  const csv = async () => {
    const out = new PassThrough()
    const chunks: Buffer[] = []
    out.on('data', (c: Buffer) => chunks.push(c))
    await writeExport(ctx, { format: 'csv', from: '2026-11-01', to: '2026-11-30' }, out)
    return Buffer.concat(chunks).toString('utf8').split('\n').filter(Boolean).map((line) => line.split(';'))
  }

  it('a surplus becomes a credit offered and applied on the client\'s next invoice, and the CSV explains every euro', async () => {
    const glow = await client('Glow Cosmetics')
    const first = await invoice('FACT-2026-001', '600.00', glow.id)
    const tx = await payment('620.00', { reference: 'FACT-2026-001' })
    await expect(explainSurplus(ctx, { transactionId: tx.id, treatment: 'AVOIR', actor: maud })).rejects.toThrow(/Associez d'abord/)
    await associate(ctx, { transactionId: tx.id, allocations: [{ invoiceId: first.id, amountCents: 60000 }], actor: maud, mode: 'MANUEL' })
    expect(await surplusOf(ctx, tx.id)).toMatchObject({ remainingCents: 2000, settles: true, client: { id: glow.id, name: 'Glow Cosmetics' }, explained: null })

    await explainSurplus(ctx, { transactionId: tx.id, treatment: 'AVOIR', actor: maud })
    expect((await db.prisma.transactionQonto.findUniqueOrThrow({ where: { id: tx.id } })).associe).toBe(true)
    expect(await db.prisma.qontoAuditLog.findFirstOrThrow({ where: { action: 'EXCEDENT_AVOIR' } })).toMatchObject({ transactionId: tx.id, acteur: 'Maud' })
    await expect(explainSurplus(ctx, { transactionId: tx.id, treatment: 'REMBOURSEMENT', actor: maud })).rejects.toThrow(/déjà expliqué/)
    const rows = await csv()
    const ofPayment = rows.filter((r) => r[1] === tx.qontoId)
    expect(ofPayment.map((r) => [r[7], r[8], r[16]])).toEqual([['FACT-2026-001', '600,00', 'Règlement de facture'], ['', '20,00', 'Avoir client (trop-perçu)']])

    const next = await invoice('FACT-2026-002', '300.00', glow.id)
    const side = await invoiceSide(ctx, next.id, { withCandidates: false })
    expect(side.credits).toEqual([expect.objectContaining({ availableCents: 2000, label: 'Avoir de 20,00\u00a0€ (trop-perçu du paiement du 20/11/2026)' })])
    const other = await invoice('FACT-2026-003', '50.00', (await db.prisma.marque.create({ data: { nom: 'Autre' } })).id)
    await expect(applyCredit(ctx, { creditId: side.credits[0]!.id, invoiceId: other.id, actor: maud })).rejects.toThrow(/ne s'impute que sur ses factures/)

    const applied = await applyCredit(ctx, { creditId: side.credits[0]!.id, invoiceId: next.id, actor: maud })
    expect(applied).toMatchObject({ appliedCents: 2000, invoices: [{ reference: 'FACT-2026-002', status: 'PARTIELLEMENT_PAYE', remainingCents: 28000 }] })
    expect((await db.prisma.transactionQonto.findUniqueOrThrow({ where: { id: tx.id } })).associe).toBe(true)
    expect((await invoiceSide(ctx, next.id, { withCandidates: false })).credits).toEqual([])
    expect((await csv()).filter((r) => r[1] === tx.qontoId).map((r) => [r[7], r[8]])).toEqual([['FACT-2026-001', '600,00'], ['FACT-2026-002', '20,00']])

    // Undoing the payment's association unexplains its surplus too.
    await dissociate(ctx, tx.id, maud)
    expect(await db.prisma.qontoExcedent.count({ where: { annuleLe: null } })).toBe(0)
  })

  it('a surplus to refund is recorded, audited and exported; an avoir needs a single client', async () => {
    const [glow, lumiere] = [await client('Glow Cosmetics'), await db.prisma.marque.create({ data: { nom: 'Lumière' } })]
    const a = await invoice('FACT-2026-010', '100.00', glow.id)
    const b = await invoice('FACT-2026-011', '100.00', lumiere.id)
    const tx = await payment('250.00')
    await associate(ctx, { transactionId: tx.id, allocations: [{ invoiceId: a.id, amountCents: 10000 }, { invoiceId: b.id, amountCents: 10000 }], actor: maud, mode: 'MANUEL' })
    await expect(explainSurplus(ctx, { transactionId: tx.id, treatment: 'AVOIR', actor: maud })).rejects.toThrow(/un seul client/)
    await explainSurplus(ctx, { transactionId: tx.id, treatment: 'REMBOURSEMENT', note: 'Virement en double', actor: maud })
    const surplusRow = (await csv()).find((r) => r[1] === tx.qontoId && r[7] === '')!
    expect([surplusRow[8], surplusRow[16], surplusRow[18]]).toEqual(['50,00', 'Remboursement à effectuer (trop-perçu)', 'Virement en double'])
  })

  it('a payment that duplicates one already applied to the same invoice is flagged and never applied automatically', async () => {
    const glow = await client('Glow Cosmetics')
    const paid = await invoice('FACT-2026-020', '500.00', glow.id)
    const other = await invoice('FACT-2026-021', '500.00', glow.id)
    const firstPayment = await payment('500.00', { reference: 'Facture FACT-2026-020' })
    expect(await autoReconcile(ctx)).toMatchObject({ matched: 1 })
    expect((await db.prisma.qontoAllocation.findFirstOrThrow({ where: { transactionId: firstPayment.id } })).factureId).toBe(paid.id)

    // The client pays the same invoice again. Its IBAN and the only other open invoice of that amount would have made it automatic.
    const again = await payment('500.00', { reference: 'Facture FACT-2026-020', dateTransaction: new Date('2026-11-22T10:00:00Z') })
    const result = (await suggestionsForTransaction(ctx, again.id))!
    expect(result.suggestions[0]!.allocations[0]!.invoiceId).toBe(other.id)
    expect(result.suggestions.every((s) => !s.autoApply)).toBe(true)
    expect(result.suggestions[0]!.reasons[0]).toMatchObject({ code: 'DUPLICATE_PAYMENT' })
    expect(reasonLabel(result.suggestions[0]!.reasons[0]!, 'fr')).toMatch(/^Doublon probable du paiement du 20\/11\/2026 déjà appliqué à FACT-2026-020/)
    expect(await autoReconcile(ctx)).toMatchObject({ matched: 0 })
    // A monthly payment of the same amount naming its own new invoice is no duplicate.
    const monthly = await payment('500.00', { reference: 'Facture FACT-2026-021' })
    expect((await suggestionsForTransaction(ctx, monthly.id))!.suggestions[0]!.autoApply).toBe(true)
  })
})
