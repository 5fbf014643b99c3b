import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ReconciliationContext } from '../../src/context.js'
import { creditorReference, formatCreditorReference } from '../../src/core.js'
import { autoReconcile } from '../../src/reconcile/auto-reconcile.service.js'
import { invoiceSide } from '../../src/reconcile/invoice-side.service.js'
import { suggestionsForTransaction } from '../../src/reconcile/matching-data.service.js'
import { databaseWithContext } from '../helpers/context.js'
import { databaseKinds, type TestDatabase } from '../helpers/databases.js'

const wrongKey = (rf: string) => `RF${String((Number(rf.slice(2, 4)) + 1) % 100).padStart(2, '0')}${rf.slice(4)}`

describe.each(databaseKinds())('ISO 11649 creditor references of invoices, on %s', (kind) => {
  let db: TestDatabase
  let ctx: ReconciliationContext
  let seq = 0
  beforeEach(async () => {
    ;({ db, ctx } = await databaseWithContext(kind))
  })
  afterEach(async () => db.close())

  const setup = async (reference: string) => {
    const marque = await db.prisma.marque.create({ data: { nom: 'Glow Cosmetics SAS', emailContact: 'compta@glow.fr' } })
    // "A12" alone is too short to name an invoice for sure; its RF does. A twin amount keeps "amount only" in doubt.
    const invoice = await db.prisma.document.create({ data: { reference: 'A12', montantTTC: '480.00', statut: 'ENVOYE', dateEmission: new Date('2026-10-31'), marqueId: marque.id } })
    await db.prisma.document.create({ data: { reference: 'A13', montantTTC: '480.00', statut: 'ENVOYE', dateEmission: new Date('2026-10-31') } })
    const tx = await db.prisma.transactionQonto.create({
      data: { qontoId: `q-${(seq += 1)}`, montant: '480.00', reference, emetteur: 'INCONNU', statut: 'SETTLED', sens: 'CREDIT', dateTransaction: new Date('2026-11-20T10:00:00Z'), qontoUpdatedAt: new Date() },
    })
    return { invoice, tx }
  }

  it('a valid RF typed with spaces and in lower case names the invoice (method RF), is applied automatically, and the e-mail and invoice page show it', async () => {
    const rf = creditorReference('A12')!
    const { invoice, tx } = await setup(`virement ${formatCreditorReference(rf).toLowerCase()}`)
    const result = await suggestionsForTransaction(ctx, tx.id)
    expect(result!.suggestions[0]).toMatchObject({ allocations: [{ invoiceId: invoice.id, amountCents: 48000 }], autoApply: true })
    expect(result!.suggestions[0]!.reasons[0]!.code).toBe('REFERENCE_RF')

    expect(await autoReconcile(ctx)).toMatchObject({ matched: 1 })
    expect((await db.prisma.document.findUniqueOrThrow({ where: { id: invoice.id } })).statut).toBe('PAYE')
    const email = await db.prisma.qontoEmailOutbox.findFirstOrThrow()
    expect(email.texte).toContain(`Référence de paiement de cette facture : ${formatCreditorReference(rf)}.`)
    expect((await invoiceSide(ctx, invoice.id, { withCandidates: false })).invoice!.creditorReference).toBe(formatCreditorReference(rf))
  })

  it('an RF with wrong check digits is no reference: nothing is applied automatically', async () => {
    const { tx } = await setup(`REGLEMENT ${wrongKey(creditorReference('A12')!)}`)
    const result = await suggestionsForTransaction(ctx, tx.id)
    expect(result!.suggestions.some((s) => s.autoApply)).toBe(false)
    expect(result!.suggestions.flatMap((s) => s.reasons.map((r) => r.code))).not.toContain('REFERENCE_RF')
    expect(await autoReconcile(ctx)).toMatchObject({ matched: 0 })
  })

  it('the invoice side lists a credit that names the invoice only by its RF', async () => {
    const { invoice, tx } = await setup(creditorReference('A12')!)
    await db.prisma.transactionQonto.update({ where: { id: tx.id }, data: { montant: '100.00' } })
    const side = await invoiceSide(ctx, invoice.id)
    expect(side.candidates.map((c) => c.transactionId)).toEqual([tx.id])
    expect(side.candidates[0]!.reasons[0]!.code).toBe('REFERENCE_RF')
  })
})
