/**
 * One payment settling several invoices of one client sends that client one "facture réglée"
 * e-mail listing them (not one per invoice); two clients in one payment get one each. Undoing the
 * payment cancels it once, and says so once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { associate, dissociate, SYSTEM_ACTOR } from '../../src/reconcile/reconciliation.service.js'
import { testContext } from '../helpers/context.js'
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js'

describe('the "facture réglée" e-mail: one per client per payment', () => {
  let db: TestDatabase
  beforeAll(async () => {
    db = await createTestDatabase('pglite')
  }, 120_000)
  afterAll(async () => db?.close())

  it('a transfer paying two invoices of Glow and one of Nord: two e-mails, Glow\'s listing both invoices; Dissocier cancels each once', async () => {
    const ctx = testContext(db, {}, { sendEmail: async () => undefined })
    const glow = await db.prisma.marque.create({ data: { nom: 'Glow Cosmetics SAS', emailContact: 'compta@glow.fr' } })
    const nord = await db.prisma.marque.create({ data: { nom: 'Studio Nord', emailContact: 'factures@nord.fr' } })
    const invoice = (reference: string, amount: string, marqueId: string) =>
      db.prisma.document.create({ data: { reference, montantTTC: amount, statut: 'ENVOYE', dateEmission: new Date('2026-10-31'), marqueId } })
    const a = await invoice('FACT-2026-201', '1200.00', glow.id)
    const b = await invoice('FACT-2026-202', '300.00', glow.id)
    const c = await invoice('FACT-2026-203', '500.00', nord.id)
    const tx = await db.prisma.transactionQonto.create({
      data: { qontoId: 'q-grouped', montant: '2000.00', statut: 'SETTLED', dateTransaction: new Date('2026-11-20T10:00:00Z'), qontoUpdatedAt: new Date() },
    })
    const result = await associate(ctx, {
      transactionId: tx.id,
      allocations: [{ invoiceId: a.id, amountCents: 120000 }, { invoiceId: b.id, amountCents: 30000 }, { invoiceId: c.id, amountCents: 50000 }],
      actor: SYSTEM_ACTOR,
      mode: 'MANUEL',
    })
    expect(result.emails.map((e) => e.to).sort()).toEqual(['compta@glow.fr', 'factures@nord.fr'])

    const queued = await db.prisma.qontoEmailOutbox.findMany({ orderBy: { destinataire: 'asc' } })
    expect(queued.map((e) => [e.destinataire, e.sujet])).toEqual([
      ['compta@glow.fr', 'Factures FACT-2026-201, FACT-2026-202 réglées'],
      ['factures@nord.fr', 'Facture FACT-2026-203 réglée'],
    ])
    expect(queued[0]!.texte).toContain('FACT-2026-201')
    expect(queued[0]!.texte).toContain('FACT-2026-202')
    expect(queued[0]!.texte).toContain('1\u202f500,00\u00a0€')

    const undone = await dissociate(ctx, tx.id, SYSTEM_ACTOR)
    const cancelled = await db.prisma.qontoEmailOutbox.findMany({ where: { annuleLe: { not: null } } })
    expect(cancelled).toHaveLength(2)
    expect(undone.emailNotices).toEqual([
      "L'e-mail « Factures FACT-2026-201, FACT-2026-202 réglées » à compta@glow.fr ne partira pas.",
      "L'e-mail « Facture FACT-2026-203 réglée » à factures@nord.fr ne partira pas.",
    ])
  })
})
