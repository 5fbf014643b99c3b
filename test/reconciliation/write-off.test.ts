/**
 * "Solder avec écart" on a host with a paid-amount column and on one without (what is paid is then
 * the sum of the allocations' cash plus their write-offs): the invoice is fully paid, and undoing
 * gives the difference back.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { associate, dissociate, type Actor } from '../../src/reconcile/reconciliation.service.js'
import { databaseWithMaud, hostOptions, testContext } from '../helpers/context.js'
import { databaseKinds, type TestDatabase } from '../helpers/databases.js'

describe.each(databaseKinds())('write-offs on %s', (kind) => {
  let db: TestDatabase
  let maud: Actor
  beforeEach(async () => {
    ;({ db, maud } = await databaseWithMaud(kind))
  })
  afterEach(async () => db.close())

  it.each([
    ['with a paid-amount column', true],
    ['without a paid-amount column', false],
  ])('a transfer 0,30 € short closes the invoice as rounding, %s, and undoing reopens it', async (_label, withPaidColumn) => {
    const base = hostOptions(db)
    const fields = { ...base.invoices.fields }
    if (!withPaidColumn) delete (fields as { paidAmount?: string }).paidAmount
    const ctx = testContext(db, {}, { invoices: { ...base.invoices, fields } })
    const invoice = await db.prisma.document.create({ data: { reference: 'FACT-2026-501', montantTTC: '980.30', statut: 'ENVOYE', dateEmission: new Date('2026-11-02') } })
    const tx = await db.prisma.transactionQonto.create({
      data: { qontoId: 'q-501', montant: '980.00', statut: 'SETTLED', dateTransaction: new Date('2026-11-20T10:00:00Z'), qontoUpdatedAt: new Date() },
    })
    const result = await associate(ctx, {
      transactionId: tx.id,
      allocations: [{ invoiceId: invoice.id, amountCents: 98000 }],
      writeOffs: [{ invoiceId: invoice.id, amountCents: 30, motif: 'ARRONDI' }],
      actor: maud,
      mode: 'MANUEL',
    })
    expect(result.invoices).toEqual([expect.objectContaining({ reference: 'FACT-2026-501', status: 'PAYE', remainingCents: 0, writeOffCents: 30 })])
    const [paid] = await ctx.invoices.byIds(db.prisma, [invoice.id])
    expect([paid!.status, paid!.paidCents]).toEqual(['PAYE', 98030])
    expect((await db.prisma.transactionQonto.findUniqueOrThrow({ where: { id: tx.id } })).associe).toBe(true)

    await dissociate(ctx, tx.id, maud)
    const [open] = await ctx.invoices.byIds(db.prisma, [invoice.id])
    expect([open!.status, open!.paidCents]).toEqual(['ENVOYE', 0])
  })
})
