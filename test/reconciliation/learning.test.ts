/**
 * Learning both ways, with a switch (issue 22): Maud's "ne plus proposer" is remembered, explained
 * and reversible; confirmations teach the payer's usual client; "ne pas apprendre" stops that; all
 * audited; and nothing ever auto-applies from learning alone.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ReconciliationContext } from '../../src/context.js'
import { autoReconcile } from '../../src/reconcile/auto-reconcile.service.js'
import { invoiceSide } from '../../src/reconcile/invoice-side.service.js'
import { declinedForPayment, declineSuggestion, restoreDecline, setPayerLearning } from '../../src/reconcile/learning.service.js'
import { suggestionsForTransaction } from '../../src/reconcile/matching-data.service.js'
import { associate, type Actor } from '../../src/reconcile/reconciliation.service.js'
import { ADMIN, loggedInAgent, READER, useTestApp } from '../helpers/app.js'
import { databaseWithMaud } from '../helpers/context.js'
import { databaseKinds, type TestDatabase } from '../helpers/databases.js'

const IBAN_GLOW = 'FR7630004008230001234567819'
const IBAN_GROUP = 'FR1420041010050500013M02606'

describe.each(databaseKinds())('learning from Maud on %s', (kind) => {
  let db: TestDatabase
  let ctx: ReconciliationContext
  let maud: Actor
  let seq = 0
  beforeEach(async () => {
    ;({ db, ctx, maud } = await databaseWithMaud(kind, { actorLabel: 'Maud' }))
  })
  afterEach(async () => db.close())

  const client = (nom: string, ibans: string[] = []) => db.prisma.marque.create({ data: { nom, ibans } })
  const invoice = (reference: string, montantTTC: string, marqueId: string | null, day = '2026-10-01') =>
    db.prisma.document.create({ data: { reference, montantTTC, statut: 'ENVOYE', dateEmission: new Date(day), dateEcheance: new Date(day), marqueId } })
  const payment = (montant: string, extra: Record<string, unknown> = {}) =>
    db.prisma.transactionQonto.create({
      data: { qontoId: `q-${(seq += 1)}`, montant, sens: 'CREDIT', statut: 'SETTLED', dateTransaction: new Date('2026-11-20T10:00:00Z'), qontoUpdatedAt: new Date(), ...extra },
    })
  const suggested = async (id: string) => (await suggestionsForTransaction(ctx, id))!.suggestions.map((s) => s.allocations.map((a) => a.invoiceId).join('+'))

  it('a suggestion declined for a payment never returns, is explained, audited, and comes back when restored', async () => {
    const glow = await client('Glow Cosmetics', [IBAN_GLOW])
    const a = await invoice('FACT-2026-001', '500.00', glow.id, '2026-09-01')
    const b = await invoice('FACT-2026-002', '500.00', glow.id, '2026-10-01')
    const tx = await payment('500.00', { emetteur: 'GLOW COSMETICS', emetteurIban: IBAN_GLOW })
    expect(await suggested(tx.id)).toEqual([a.id, b.id])

    const view = await declineSuggestion(ctx, { transactionId: tx.id, invoiceIds: [a.id], scope: 'PAIEMENT', actor: maud })
    expect(view.explanation).toMatch(/^Écartée par Maud le \d\d\/\d\d\/\d{4}, pour ce paiement\.$/)
    expect(await suggested(tx.id)).toEqual([b.id])
    // Another payment of the same payer still gets it: the decline was for this payment only.
    const other = await payment('500.00', { emetteur: 'GLOW COSMETICS', emetteurIban: IBAN_GLOW })
    expect(await suggested(other.id)).toContain(a.id)
    expect((await declinedForPayment(ctx, { id: tx.id, counterpartyName: 'GLOW COSMETICS', counterpartyIban: IBAN_GLOW })).map((d) => d.references)).toEqual([['FACT-2026-001']])
    expect(await db.prisma.qontoAuditLog.findFirstOrThrow({ where: { action: 'SUGGESTION_ECARTEE' } })).toMatchObject({ acteur: 'Maud', transactionId: tx.id, factureId: a.id })

    await restoreDecline(ctx, view.id, maud)
    expect(await suggested(tx.id)).toEqual([a.id, b.id])
    expect(await db.prisma.qontoAuditLog.count({ where: { action: 'SUGGESTION_RETABLIE', transactionId: tx.id } })).toBe(1)
    await expect(restoreDecline(ctx, view.id, maud)).rejects.toThrow(/déjà rétablie/)
  })

  it('"pour ce payeur et cette facture": no later payment of that payer is proposed that invoice (panel, invoice page, automatic run)', async () => {
    const glow = await client('Glow Cosmetics', [IBAN_GLOW])
    const a = await invoice('FACT-2026-010', '750.00', glow.id)
    const first = await payment('100.00', { emetteur: 'GLOW COSMETICS', emetteurIban: IBAN_GLOW, reference: 'acompte' })
    await declineSuggestion(ctx, { transactionId: first.id, invoiceIds: [a.id], scope: 'PAYEUR', actor: maud })
    // Its own IBAN and the only open invoice of that amount: automatic without the decline.
    const later = await payment('750.00', { emetteur: 'GLOW COSMETICS', emetteurIban: IBAN_GLOW })
    expect(await suggested(later.id)).toEqual([])
    expect((await invoiceSide(ctx, a.id)).candidates.map((c) => c.transactionId)).not.toContain(later.id)
    expect(await autoReconcile(ctx)).toMatchObject({ matched: 0 })
    // Someone else paying it is still proposed.
    const stranger = await payment('750.00', { emetteur: 'ACME', reference: 'FACT-2026-010' })
    expect(await suggested(stranger.id)).toEqual([a.id])
  })

  it('confirmations teach the usual client of a payer who pays for several, "ne pas apprendre" stops it, and none of it auto-applies', async () => {
    const [lumiere, pixel] = [await client('Maison Lumière'), await client('Pixel et Plume')]
    // A group company pays 4 invoices of Lumière and 1 of Pixel from its own IBAN.
    for (const [n, marque] of [[1, lumiere], [2, lumiere], [3, lumiere], [4, lumiere], [5, pixel]] as const) {
      const inv = await invoice(`FACT-2026-10${n}`, '100.00', marque.id)
      const tx = await payment('100.00', { emetteur: 'HOLDING GROUPE', emetteurIban: IBAN_GROUP })
      await associate(ctx, { transactionId: tx.id, allocations: [{ invoiceId: inv.id, amountCents: 10000 }], actor: maud, mode: 'MANUEL' })
    }
    const next = await invoice('FACT-2026-200', '321.00', lumiere.id)
    const tx = await payment('321.00', { emetteur: 'HOLDING GROUPE', emetteurIban: IBAN_GROUP })
    const learned = (await suggestionsForTransaction(ctx, tx.id))!
    expect(learned.clientId).toBe(lumiere.id)
    expect(learned.suggestions[0]).toMatchObject({ allocations: [{ invoiceId: next.id, amountCents: 32100 }], autoApply: false })
    expect(learned.suggestions[0]!.reasons.map((r) => r.code)).toContain('CLIENT_HISTORY')
    expect(await autoReconcile(ctx, { transactionIds: [tx.id] })).toMatchObject({ matched: 0 })

    await setPayerLearning(ctx, { transactionId: tx.id, learn: false, actor: maud })
    const unlearned = (await suggestionsForTransaction(ctx, tx.id))!
    expect(unlearned.clientId).toBeNull()
    expect(unlearned.suggestions[0]!.reasons.map((r) => r.code)).not.toContain('CLIENT_HISTORY')
    await setPayerLearning(ctx, { transactionId: tx.id, learn: true, actor: maud })
    expect((await suggestionsForTransaction(ctx, tx.id))!.clientId).toBe(lumiere.id)
    const audits = await db.prisma.qontoAuditLog.findMany({ where: { action: { startsWith: 'APPRENTISSAGE' } }, orderBy: { date: 'asc' } })
    expect(audits.map((a) => [a.action, a.avant, a.apres])).toEqual([
      ['APPRENTISSAGE_DESACTIVE', { payeur: `HOLDING GROUPE (${IBAN_GROUP})`, apprendre: true }, { payeur: `HOLDING GROUPE (${IBAN_GROUP})`, apprendre: false }],
      ['APPRENTISSAGE_ACTIVE', { payeur: `HOLDING GROUPE (${IBAN_GROUP})`, apprendre: false }, { payeur: `HOLDING GROUPE (${IBAN_GROUP})`, apprendre: true }],
    ])
  })

  it("confirmations teach a payer's usual shortfall (its bank's fee, closed as a write-off twice): the next payment short by it is read so, never automatic; \"ne pas apprendre\" stops it", async () => {
    const glow = await client('Glow Cosmetics', [IBAN_GLOW])
    // Glow's bank takes 4,50 € on each transfer (above the fee tolerance: 2 % of 150 € is 3 €); Maud closed the gap as bank fees twice.
    for (const n of [1, 2]) {
      const inv = await invoice(`FACT-2026-60${n}`, '150.00', glow.id)
      const tx = await payment('145.50', { emetteur: 'GLOW COSMETICS', emetteurIban: IBAN_GLOW })
      await associate(ctx, { transactionId: tx.id, allocations: [{ invoiceId: inv.id, amountCents: 14550 }], writeOffs: [{ invoiceId: inv.id, amountCents: 450, motif: 'FRAIS_BANCAIRES' }], actor: maud, mode: 'MANUEL' })
    }
    const next = await invoice('FACT-2026-700', '150.00', glow.id)
    const tx = await payment('145.50', { emetteur: 'GLOW COSMETICS', emetteurIban: IBAN_GLOW })
    const codes = async () => (await suggestionsForTransaction(ctx, tx.id))!.suggestions.find((s) => s.allocations[0]!.invoiceId === next.id)!.reasons.map((r) => r.code)
    const learned = (await suggestionsForTransaction(ctx, tx.id))!.suggestions[0]!
    expect(learned).toMatchObject({ allocations: [{ invoiceId: next.id, amountCents: 14550 }], autoApply: false })
    expect(learned.reasons.map((r) => r.code)).toContain('AMOUNT_USUAL_SHORTFALL')
    expect(await autoReconcile(ctx, { transactionIds: [tx.id] })).toMatchObject({ matched: 0 })

    await setPayerLearning(ctx, { transactionId: tx.id, learn: false, actor: maud })
    expect(await codes()).toEqual(expect.arrayContaining(['AMOUNT_PARTIAL']))
    expect(await codes()).not.toContain('AMOUNT_USUAL_SHORTFALL')
    await setPayerLearning(ctx, { transactionId: tx.id, learn: true, actor: maud })
    expect(await codes()).toContain('AMOUNT_USUAL_SHORTFALL')
  })

  it('a payer split between clients without a usual one stays unidentified', async () => {
    const [lumiere, pixel] = [await client('Maison Lumière'), await client('Pixel et Plume')]
    for (const [n, marque] of [[1, lumiere], [2, pixel], [3, lumiere]] as const) {
      const inv = await invoice(`FACT-2026-30${n}`, '100.00', marque.id)
      const tx = await payment('100.00', { emetteur: 'CABINET COMPTABLE', emetteurIban: IBAN_GROUP })
      await associate(ctx, { transactionId: tx.id, allocations: [{ invoiceId: inv.id, amountCents: 10000 }], actor: maud, mode: 'MANUEL' })
    }
    await invoice('FACT-2026-400', '55.00', lumiere.id)
    const tx = await payment('55.00', { emetteur: 'CABINET COMPTABLE', emetteurIban: IBAN_GROUP })
    expect((await suggestionsForTransaction(ctx, tx.id))!.clientId).toBeNull()
  })
})

describe('learning commands in Associer are for reconcilers only, and the panel explains them', () => {
  const state = useTestApp()
  const url = (id: string) => `/admin/api/resources/TransactionQonto/records/${id}/associer`
  const command = (body: object) => ({ body: JSON.stringify(body) })

  it('Maud declines and restores from Associer; a reader is refused and nothing changes', async () => {
    const { prisma } = state.db
    const marque = await prisma.marque.create({ data: { nom: 'Glow Cosmetics', ibans: [IBAN_GLOW] } })
    const inv = await prisma.document.create({ data: { reference: 'FACT-2026-900', montantTTC: '90.00', statut: 'ENVOYE', dateEmission: new Date('2026-10-01'), marqueId: marque.id } })
    const tx = await prisma.transactionQonto.create({
      data: { qontoId: 'q-http', montant: '90.00', sens: 'CREDIT', statut: 'SETTLED', emetteur: 'GLOW', emetteurIban: IBAN_GLOW, dateTransaction: new Date('2026-11-20T10:00:00Z'), qontoUpdatedAt: new Date() },
    })
    const reader = await loggedInAgent(state.app.app, READER)
    const refused = await reader.post(url(tx.id)).send(command({ op: 'decline', scope: 'PAYEUR', invoiceIds: [inv.id] }))
    expect(JSON.stringify(refused.body)).toContain('ForbiddenError')
    expect(await prisma.qontoSuggestionEcartee.count()).toBe(0)

    const maud = await loggedInAgent(state.app.app, ADMIN)
    const declined = await maud.post(url(tx.id)).send(command({ op: 'decline', scope: 'PAYEUR', invoiceIds: [inv.id] }))
    expect(declined.body).toMatchObject({ ok: true, notice: { message: 'Suggestion FACT-2026-900 écartée pour ce payeur : elle ne sera plus proposée.' } })
    const page = await maud.post(url(tx.id)).send(command({ op: 'suggest' }))
    expect(page.body.suggestions).toEqual([])
    expect(page.body.declined).toHaveLength(1)
    expect(page.body.declined[0].explanation).toMatch(/^Écartée par maud@test\.fr le .+, pour ce payeur et cette facture\.$/)
    expect(page.body.learning).toEqual({ type: 'IBAN', label: `GLOW (${IBAN_GLOW})`, learn: true })

    const off = await maud.post(url(tx.id)).send(command({ op: 'learning', learn: false }))
    expect(off.body.notice.message).toBe(`Le rapprochement n'apprendra plus des paiements de GLOW (${IBAN_GLOW}) (historique du payeur ignoré).`)
    const restored = await maud.post(url(tx.id)).send(command({ op: 'restore', declineId: page.body.declined[0].id }))
    expect(restored.body.ok).toBe(true)
    expect((await maud.post(url(tx.id)).send(command({ op: 'suggest' }))).body.suggestions).toHaveLength(1)
  })
})
