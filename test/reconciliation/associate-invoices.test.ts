import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { associate, dissociate, ReconciliationError, type Actor } from '../../src/reconcile/reconciliation.service.js'
import type { ReconciliationContext } from '../../src/context.js'
import { databaseWithMaud } from '../helpers/context.js'
import { databaseKinds, type TestDatabase } from '../helpers/databases.js'

describe.each(databaseKinds())('associating payments and invoices on %s', (kind) => {
  let db: TestDatabase
  let ctx: ReconciliationContext
  let maud: Actor
  let seq = 0

  beforeEach(async () => {
    ;({ db, ctx, maud } = await databaseWithMaud(kind))
  })
  afterEach(async () => db.close())

  const invoice = (reference: string, montantTTC: string, extra: Record<string, unknown> = {}) =>
    db.prisma.document.create({ data: { reference, montantTTC, statut: 'ENVOYE', dateEmission: new Date('2026-10-31'), ...extra } })
  const payment = (montant: string, extra: Record<string, unknown> = {}) =>
    db.prisma.transactionQonto.create({
      data: { qontoId: `q-${(seq += 1)}`, montant, statut: 'SETTLED', dateTransaction: new Date('2026-11-20T10:00:00Z'), qontoUpdatedAt: new Date(), ...extra },
    })
  const state = async (transactionId: string, documentIds: string[]) => ({
    transaction: await db.prisma.transactionQonto.findUniqueOrThrow({ where: { id: transactionId } }),
    documents: await Promise.all(documentIds.map((id) => db.prisma.document.findUniqueOrThrow({ where: { id } }))),
    allocations: await db.prisma.qontoAllocation.count(),
  })

  it('marks a fully paid invoice PAYE with its payment date, the payment associated, and writes the audit trail', async () => {
    const inv = await invoice('FACT-2026-001', '1500.00')
    const tx = await payment('1500.00')
    const result = await associate(ctx, {
      transactionId: tx.id, allocations: [{ invoiceId: inv.id, amountCents: 150000 }], actor: maud, mode: 'SUGGESTION', score: 0.97,
      reasons: [{ code: 'REFERENCE_FOUND', label: 'Référence FACT-2026-001 trouvée dans le motif du virement' }],
    })
    expect(result).toMatchObject({ fullyAllocated: true, invoices: [{ id: inv.id, reference: 'FACT-2026-001', status: 'PAYE', remainingCents: 0 }] })
    const { transaction, documents } = await state(tx.id, [inv.id])
    expect(transaction).toMatchObject({ associe: true, factureId: inv.id })
    expect(String(transaction.montantAlloue)).toBe('1500')
    expect(documents[0]).toMatchObject({ statut: 'PAYE', datePaiement: new Date('2026-11-20T10:00:00Z') })
    expect(await db.prisma.qontoAllocation.findFirstOrThrow()).toMatchObject({ factureId: inv.id, creeParId: maud.userId, creePar: maud.label, mode: 'SUGGESTION' })
    const audit = await db.prisma.qontoAuditLog.findFirstOrThrow({ where: { action: 'ASSOCIATION' } })
    expect(audit).toMatchObject({ userId: maud.userId, acteur: maud.label, automatique: false, transactionId: tx.id })
    expect(audit.details).toMatchObject({ mode: 'SUGGESTION', score: 0.97, raisons: ['Référence FACT-2026-001 trouvée dans le motif du virement'] })
  })

  it('refuses to associate a credit Maud explained without an invoice until she restores it', async () => {
    const inv = await invoice('FACT-2026-002', '80.00')
    const tx = await payment('80.00', { ignoreCategorie: 'REMBOURSEMENT', ignoreLe: new Date(), ignorePar: 'maud' })
    await expect(associate(ctx, { transactionId: tx.id, allocations: [{ invoiceId: inv.id, amountCents: 8000 }], actor: maud, mode: 'MANUEL' }))
      .rejects.toThrow(/ignoré.*Rétablir/)
    const { transaction, documents, allocations } = await state(tx.id, [inv.id])
    expect(transaction).toMatchObject({ associe: false, ignoreCategorie: 'REMBOURSEMENT' })
    expect(documents[0]!.statut).toBe('ENVOYE')
    expect(allocations).toBe(0)
  })

  it('handles partial payments, an invoice paid in two transfers, and one transfer for two invoices', async () => {
    const a = await invoice('FACT-2026-010', '1980.00')
    const first = await payment('1000.00')
    await associate(ctx, { transactionId: first.id, allocations: [{ invoiceId: a.id, amountCents: 100000 }], actor: maud, mode: 'MANUEL' })
    expect((await db.prisma.document.findUniqueOrThrow({ where: { id: a.id } })).statut).toBe('PARTIELLEMENT_PAYE')

    const b = await invoice('FACT-2026-011', '420.00')
    const second = await payment('1400.00')
    const result = await associate(ctx, {
      transactionId: second.id, allocations: [{ invoiceId: a.id, amountCents: 98000 }, { invoiceId: b.id, amountCents: 42000 }], actor: maud, mode: 'MANUEL',
    })
    expect(result.invoices.map((d) => d.status)).toEqual(['PAYE', 'PAYE'])
    const { transaction } = await state(second.id, [])
    expect(transaction).toMatchObject({ associe: true, factureId: null })
  })

  it('leaves a payment open when only part of it is allocated', async () => {
    const inv = await invoice('FACT-2026-020', '600.00')
    const tx = await payment('620.00')
    const result = await associate(ctx, { transactionId: tx.id, allocations: [{ invoiceId: inv.id, amountCents: 60000 }], actor: maud, mode: 'MANUEL' })
    expect(result.fullyAllocated).toBe(false)
    expect((await db.prisma.transactionQonto.findUniqueOrThrow({ where: { id: tx.id } })).associe).toBe(false)
  })

  it.each([
    ['an amount above what is left on the payment', async (t: TestDatabase, inv: string, tx: string) => ({ transactionId: tx, allocations: [{ invoiceId: inv, amountCents: 150001 }] }), /supérieur au reste à affecter de la transaction/],
    ['an amount above what is due on the invoice', async (t: TestDatabase, inv: string, tx: string) => {
      await t.prisma.document.update({ where: { id: inv }, data: { montantTTC: '1000.00' } })
      return { transactionId: tx, allocations: [{ invoiceId: inv, amountCents: 150000 }] }
    }, /supérieur à son reste dû \(1\u202f000,00\u00a0€\)/],
    ['a paid invoice', async (t: TestDatabase, inv: string, tx: string) => {
      await t.prisma.document.update({ where: { id: inv }, data: { statut: 'PAYE' } })
      return { transactionId: tx, allocations: [{ invoiceId: inv, amountCents: 1000 }] }
    }, /est déjà payée/],
    ['a cancelled invoice', async (t: TestDatabase, inv: string, tx: string) => {
      await t.prisma.document.update({ where: { id: inv }, data: { statut: 'ANNULE' } })
      return { transactionId: tx, allocations: [{ invoiceId: inv, amountCents: 1000 }] }
    }, /est annulée/],
    ['a draft', async (t: TestDatabase, inv: string, tx: string) => {
      await t.prisma.document.update({ where: { id: inv }, data: { statut: 'BROUILLON' } })
      return { transactionId: tx, allocations: [{ invoiceId: inv, amountCents: 1000 }] }
    }, /n'est pas ouverte au paiement \(brouillon/],
    ['another currency', async (t: TestDatabase, inv: string, tx: string) => {
      await t.prisma.document.update({ where: { id: inv }, data: { devise: 'USD' } })
      return { transactionId: tx, allocations: [{ invoiceId: inv, amountCents: 1000 }] }
    }, /Devise différente/],
    ['a debit', async (t: TestDatabase, inv: string, tx: string) => {
      await t.prisma.transactionQonto.update({ where: { id: tx }, data: { sens: 'DEBIT' } })
      return { transactionId: tx, allocations: [{ invoiceId: inv, amountCents: 1000 }] }
    }, /débit/],
    ['a pending payment', async (t: TestDatabase, inv: string, tx: string) => {
      await t.prisma.transactionQonto.update({ where: { id: tx }, data: { statut: 'PENDING' } })
      return { transactionId: tx, allocations: [{ invoiceId: inv, amountCents: 1000 }] }
    }, /n'est pas exécutée/],
    ['a zero amount', async (_t: TestDatabase, inv: string, tx: string) => ({ transactionId: tx, allocations: [{ invoiceId: inv, amountCents: 0 }] }), /positif/],
  ])('refuses %s in French and changes nothing', async (_name, setup, message) => {
    const inv = await invoice('FACT-2026-030', '1500.00')
    const tx = await payment('1500.00')
    const request = await setup(db, inv.id, tx.id)
    const before = await state(tx.id, [inv.id])
    const error = await associate(ctx, { ...request, actor: maud, mode: 'MANUEL' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ReconciliationError)
    expect((error as Error).message).toMatch(message)
    expect(await state(tx.id, [inv.id])).toEqual(before)
    expect(await db.prisma.qontoAuditLog.count()).toBe(0)
  })

  it('refuses a second association of an already reconciled payment', async () => {
    const inv = await invoice('FACT-2026-040', '1500.00')
    const other = await invoice('FACT-2026-041', '1500.00')
    const tx = await payment('1500.00')
    await associate(ctx, { transactionId: tx.id, allocations: [{ invoiceId: inv.id, amountCents: 150000 }], actor: maud, mode: 'MANUEL' })
    await expect(
      associate(ctx, { transactionId: tx.id, allocations: [{ invoiceId: other.id, amountCents: 150000 }], actor: maud, mode: 'MANUEL' }),
    ).rejects.toThrow('Cette transaction est déjà entièrement rapprochée.')
  })

  it('lets exactly one of two simultaneous associations win (double click, two admins)', async () => {
    const a = await invoice('FACT-2026-050', '1500.00')
    const b = await invoice('FACT-2026-051', '1500.00')
    const tx = await payment('1500.00')
    const outcomes = await Promise.allSettled([
      associate(ctx, { transactionId: tx.id, allocations: [{ invoiceId: a.id, amountCents: 150000 }], actor: maud, mode: 'MANUEL' }),
      associate(ctx, { transactionId: tx.id, allocations: [{ invoiceId: b.id, amountCents: 150000 }], actor: maud, mode: 'MANUEL' }),
      associate(ctx, { transactionId: tx.id, allocations: [{ invoiceId: a.id, amountCents: 150000 }], actor: maud, mode: 'MANUEL' }),
    ])
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1)
    expect(await db.prisma.qontoAllocation.count()).toBe(1)
    const paid = await db.prisma.document.count({ where: { statut: 'PAYE' } })
    expect(paid).toBe(1)
  })

  it('undoes an association: invoices back to their open status, payment open again, audit entry', async () => {
    const a = await invoice('FACT-2026-060', '1000.00')
    const b = await invoice('FACT-2026-061', '500.00')
    const tx = await payment('1500.00')
    await associate(ctx, { transactionId: tx.id, allocations: [{ invoiceId: a.id, amountCents: 100000 }, { invoiceId: b.id, amountCents: 50000 }], actor: maud, mode: 'MANUEL' })
    expect((await dissociate(ctx, tx.id, maud)).count).toBe(2)
    const { transaction, documents, allocations } = await state(tx.id, [a.id, b.id])
    expect(allocations).toBe(0)
    expect(transaction).toMatchObject({ associe: false, factureId: null })
    expect(documents.map((d) => [d.statut, String(d.montantPaye), d.datePaiement])).toEqual([['ENVOYE', '0', null], ['ENVOYE', '0', null]])
    expect(await db.prisma.qontoAuditLog.count({ where: { action: 'DISSOCIATION', transactionId: tx.id } })).toBe(1)
    await expect(dissociate(ctx, tx.id, maud)).rejects.toThrow("n'est associée à aucune facture")
  })

  it('undoing leaves an invoice the host cancelled meanwhile cancelled, and keeps its paid amount right', async () => {
    const inv = await invoice('FACT-2026-090', '1000.00')
    const tx = await payment('400.00')
    await associate(ctx, { transactionId: tx.id, allocations: [{ invoiceId: inv.id, amountCents: 40000 }], actor: maud, mode: 'MANUEL' })
    await db.prisma.document.update({ where: { id: inv.id }, data: { statut: 'ANNULE' } })
    await dissociate(ctx, tx.id, maud)
    const after = await db.prisma.document.findUniqueOrThrow({ where: { id: inv.id } })
    expect([after.statut, String(after.montantPaye)]).toEqual(['ANNULE', '0'])
  })

  it('undoing cancels the "facture réglée" e-mail not sent yet', async () => {
    const client = await db.prisma.marque.create({ data: { nom: 'Client pressé', emailContact: 'compta@client.fr' } })
    const inv = await invoice('FACT-2026-091', '250.00', { marqueId: client.id })
    const tx = await payment('250.00')
    await associate(ctx, { transactionId: tx.id, allocations: [{ invoiceId: inv.id, amountCents: 25000 }], actor: maud, mode: 'MANUEL' })
    expect(await db.prisma.qontoEmailOutbox.count({ where: { destinataire: 'compta@client.fr', envoyeLe: null } })).toBe(1)
    await dissociate(ctx, tx.id, maud)
    // Kept as the proof, cancelled: it will never leave.
    expect(await db.prisma.qontoEmailOutbox.count({ where: { destinataire: 'compta@client.fr', annuleLe: { not: null }, envoyeLe: null } })).toBe(1)
  })
})
