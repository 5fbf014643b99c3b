/**
 * Learning both ways, with a switch (issue 22): Maud's "ne plus proposer" is remembered, explained
 * and reversible; confirmations teach the payer's usual client; "ne pas apprendre" stops that; all
 * audited; and nothing ever auto-applies from learning alone. Confirmations also teach a payer's
 * aliases and reference forms: listed with where they came from, forgotten on demand, undone by
 * Dissocier.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ReconciliationContext } from '../../src/context.js'
import { reasonLabel } from '../../src/domain/matching/reason-texts.js'
import { autoReconcile } from '../../src/reconcile/auto-reconcile.service.js'
import { invoiceSide } from '../../src/reconcile/invoice-side.service.js'
import { forgetLearned, learnedForPayer } from '../../src/reconcile/learned-habits.service.js'
import { declinedForPayment, declineSuggestion, restoreDecline, setPayerLearning } from '../../src/reconcile/learning.service.js'
import { suggestionsForTransaction } from '../../src/reconcile/matching-data.service.js'
import { associate, dissociate, type Actor } from '../../src/reconcile/reconciliation.service.js'
import { ADMIN, loggedInAgent, READER, useTestApp } from '../helpers/app.js'
import { databaseWithMaud } from '../helpers/context.js'
import { databaseKinds, type TestDatabase } from '../helpers/databases.js'

const IBAN_GLOW = 'FR7630004008230001234567819'
const IBAN_GROUP = 'FR1420041010050500013M02606'
const IBAN_LUMIERE = 'FR7630006000011234567890189'
const IBAN_FACTOR = 'FR7612548029981234567890161'
const FACTOR = 'FINANCO FACTOR'

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
    // Maud confirmed them herself: the reason says it was learned, and from when (learned-habits.test.ts).
    expect(learned.suggestions[0]!.reasons.map((r) => r.code)).toContain('CLIENT_LEARNED')
    expect(await autoReconcile(ctx, { transactionIds: [tx.id] })).toMatchObject({ matched: 0 })

    await setPayerLearning(ctx, { transactionId: tx.id, learn: false, actor: maud })
    const unlearned = (await suggestionsForTransaction(ctx, tx.id))!
    expect(unlearned.clientId).toBeNull()
    expect(unlearned.suggestions[0]!.reasons.map((r) => r.code)).not.toContain('CLIENT_HISTORY')
    expect(unlearned.suggestions[0]!.reasons.map((r) => r.code)).not.toContain('CLIENT_LEARNED')
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

  const codes = (s: { reasons: Array<{ code: string }> }) => s.reasons.map((r) => r.code)

  // Confirmations teach the payer's habits: a factoring company paying Maison Lumière's invoices from its own IBAN,
  // writing "123/2026" for F-2026-0123 (learned-habits.service.ts).
  /** Lumière, its invoices, and Maud's confirmation of the factor's first payment ("REMISE 123/2026"). */
  async function factorConfirmed() {
    const lumiere = await db.prisma.marque.create({ data: { nom: 'Maison Lumière', ibans: [IBAN_LUMIERE] } })
    const first = await invoice('F-2026-0123', '480.00', lumiere.id, '2026-09-01')
    const f125 = await invoice('F-2026-0125', '720.00', lumiere.id, '2026-09-15')
    const f126 = await invoice('F-2026-0126', '720.00', lumiere.id, '2026-09-20')
    const confirmed = await payment('480.00', { emetteur: FACTOR, emetteurIban: IBAN_FACTOR, reference: 'REMISE 123/2026' })
    await associate(ctx, { transactionId: confirmed.id, allocations: [{ invoiceId: first.id, amountCents: 48000 }], actor: maud, mode: 'MANUEL' })
    const next = await payment('720.00', { emetteur: FACTOR, emetteurIban: IBAN_FACTOR, reference: 'REMISE 125/2026' })
    return { lumiere, f125, f126, confirmed, next }
  }

  it("a factor's IBAN, name and reference form are learned from one confirmation, named on its next payment with where they were learned, listed and audited; nothing automatic", async () => {
    const { lumiere, f125, confirmed, next } = await factorConfirmed()
    const result = (await suggestionsForTransaction(ctx, next.id))!
    expect(result.clientId).toBe(lumiere.id)
    const top = result.suggestions[0]!
    expect(top).toMatchObject({ allocations: [{ invoiceId: f125.id, amountCents: 72000 }], autoApply: false })
    expect(codes(top)).toEqual(expect.arrayContaining(['REFERENCE_HABIT', 'CLIENT_LEARNED']))
    expect(reasonLabel(top.reasons.find((r) => r.code === 'CLIENT_LEARNED')!, 'fr')).toMatch(/^IBAN de l'émetteur reconnu comme payeur du client Maison Lumière : appris de votre rapprochement du \d\d\/\d\d\/\d{4}$/)
    expect(reasonLabel(top.reasons.find((r) => r.code === 'REFERENCE_HABIT')!, 'fr')).toContain('« 123/2026 », appris de votre rapprochement du')
    expect(await autoReconcile(ctx, { transactionIds: [next.id] })).toMatchObject({ matched: 0 })

    const learned = await learnedForPayer(ctx, { emetteur: FACTOR, emetteurIban: IBAN_FACTOR })
    expect(learned.map((l) => [l.nature, l.what, l.client, l.transactionId, l.references, l.by])).toEqual([
      ['IBAN', IBAN_FACTOR, 'Maison Lumière', confirmed.id, ['F-2026-0123'], 'Maud'],
      ['NOM', FACTOR, 'Maison Lumière', confirmed.id, ['F-2026-0123'], 'Maud'],
      ['REFERENCE', '123/2026', 'Maison Lumière', confirmed.id, ['F-2026-0123'], 'Maud'],
    ])
    const audit = await db.prisma.qontoAuditLog.findFirstOrThrow({ where: { action: 'HABITUDE_APPRISE' } })
    expect(audit).toMatchObject({ acteur: 'Maud', transactionId: confirmed.id })
    expect((audit.apres as { appris: Array<{ nature: string }> }).appris.map((a) => a.nature)).toEqual(['IBAN', 'NOM', 'REFERENCE'])
  })

  it('"Oublier" forgets an item: the factor is no longer Lumière\'s, the form is no longer read; audited; forgetting twice is refused', async () => {
    const { next } = await factorConfirmed()
    const learned = await learnedForPayer(ctx, { emetteur: FACTOR, emetteurIban: IBAN_FACTOR })
    await forgetLearned(ctx, learned.find((l) => l.nature === 'IBAN')!.id, maud)
    // The name alone still says Lumière.
    expect((await suggestionsForTransaction(ctx, next.id))!.clientId).not.toBeNull()
    await forgetLearned(ctx, learned.find((l) => l.nature === 'NOM')!.id, maud)
    const result = (await suggestionsForTransaction(ctx, next.id))!
    expect(result.clientId).toBeNull()
    expect(result.suggestions.flatMap(codes)).not.toContain('REFERENCE_HABIT')
    expect(result.suggestions.flatMap(codes)).not.toContain('CLIENT_LEARNED')
    expect((await learnedForPayer(ctx, { emetteur: FACTOR, emetteurIban: IBAN_FACTOR })).map((l) => l.nature)).toEqual(['REFERENCE'])
    expect(await db.prisma.qontoAuditLog.count({ where: { action: 'HABITUDE_OUBLIEE' } })).toBe(2)
    await expect(forgetLearned(ctx, learned[0]!.id, maud)).rejects.toThrow(/déjà oublié/)
  })

  it('forgetting the form alone keeps the alias', async () => {
    const { lumiere, next } = await factorConfirmed()
    const form = (await learnedForPayer(ctx, { emetteur: FACTOR, emetteurIban: IBAN_FACTOR })).find((l) => l.nature === 'REFERENCE')!
    await forgetLearned(ctx, form.id, maud)
    const result = (await suggestionsForTransaction(ctx, next.id))!
    expect(result.clientId).toBe(lumiere.id)
    expect(result.suggestions.flatMap(codes)).not.toContain('REFERENCE_HABIT')
    expect(result.suggestions[0]!.reasons.map((r) => r.code)).toContain('CLIENT_LEARNED')
  })

  it('Dissocier undoes what that confirmation taught (audited)', async () => {
    const { confirmed, next } = await factorConfirmed()
    await dissociate(ctx, confirmed.id, maud)
    expect(await learnedForPayer(ctx, { emetteur: FACTOR, emetteurIban: IBAN_FACTOR })).toEqual([])
    expect((await suggestionsForTransaction(ctx, next.id))!.clientId).toBeNull()
    const audit = await db.prisma.qontoAuditLog.findFirstOrThrow({ where: { action: 'HABITUDE_ANNULEE' } })
    expect(audit).toMatchObject({ acteur: 'Maud', transactionId: confirmed.id })
  })

  it('"ne pas apprendre" before the confirmation: nothing is learned; an automatic match teaches nothing either; the client\'s own IBAN and name are no alias', async () => {
    const lumiere = await db.prisma.marque.create({ data: { nom: 'Maison Lumière', ibans: [IBAN_LUMIERE] } })
    const a = await invoice('F-2026-0123', '480.00', lumiere.id, '2026-09-01')
    const silent = await payment('480.00', { emetteur: FACTOR, emetteurIban: IBAN_FACTOR, reference: 'REMISE 123/2026' })
    await setPayerLearning(ctx, { transactionId: silent.id, learn: false, actor: maud })
    await associate(ctx, { transactionId: silent.id, allocations: [{ invoiceId: a.id, amountCents: 48000 }], actor: maud, mode: 'MANUEL' })
    expect(await db.prisma.qontoHabitudeApprise.count()).toBe(0)

    const b = await invoice('F-2026-0130', '300.00', lumiere.id, '2026-09-02')
    const auto = await payment('300.00', { emetteur: 'MAISON LUMIERE', emetteurIban: IBAN_LUMIERE, reference: 'FACTURE F-2026-0130' })
    expect(await autoReconcile(ctx, { transactionIds: [auto.id] })).toMatchObject({ matched: 1 })
    expect(await db.prisma.qontoHabitudeApprise.count()).toBe(0)
    await dissociate(ctx, auto.id, maud)
    await associate(ctx, { transactionId: auto.id, allocations: [{ invoiceId: b.id, amountCents: 30000 }], actor: maud, mode: 'MANUEL' })
    expect(await db.prisma.qontoHabitudeApprise.count()).toBe(0)
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

  it("Associer lists what Maud's confirmation taught about the payer, where it came from, and forgets it on her click; a reader cannot", async () => {
    const { prisma } = state.db
    const marque = await prisma.marque.create({ data: { nom: 'Maison Lumière', ibans: [] } })
    const inv = await prisma.document.create({ data: { reference: 'F-2026-0123', montantTTC: '480.00', statut: 'ENVOYE', dateEmission: new Date('2026-10-01'), marqueId: marque.id } })
    const payment = (qontoId: string, montant: string, reference: string) =>
      prisma.transactionQonto.create({
        data: { qontoId, montant, sens: 'CREDIT', statut: 'SETTLED', emetteur: FACTOR, emetteurIban: IBAN_FACTOR, reference, dateTransaction: new Date('2026-11-20T10:00:00Z'), qontoUpdatedAt: new Date() },
      })
    const first = await payment('q-factor-1', '480.00', 'REMISE 123/2026')
    const maud = await loggedInAgent(state.app.app, ADMIN)
    const associated = await maud.post(url(first.id)).send(command({ op: 'associate', mode: 'MANUEL', allocations: [{ invoiceId: inv.id, amountCents: 48000 }], confirmed: true }))
    expect(associated.body.ok).toBe(true)

    const next = await payment('q-factor-2', '100.00', 'REMISE 130/2026')
    const page = await maud.post(url(next.id)).send(command({ op: 'suggest' }))
    expect(page.body.learned.map((l: { nature: string; what: string; client: string }) => [l.nature, l.what, l.client])).toEqual([
      ['IBAN', IBAN_FACTOR, 'Maison Lumière'],
      ['NOM', FACTOR, 'Maison Lumière'],
      ['REFERENCE', '123/2026', 'Maison Lumière'],
    ])
    expect(page.body.learned[0].explanation).toMatch(/^Appris de votre rapprochement du \d\d\/\d\d\/\d{4} \(F-2026-0123, confirmé par maud@test\.fr\)\.$/)

    const reader = await loggedInAgent(state.app.app, READER)
    const refused = await reader.post(url(next.id)).send(command({ op: 'forget', learnedId: page.body.learned[2].id }))
    expect(JSON.stringify(refused.body)).toContain('ForbiddenError')
    const forgot = await maud.post(url(next.id)).send(command({ op: 'forget', learnedId: page.body.learned[2].id }))
    expect(forgot.body).toMatchObject({ ok: true, notice: { message: "« 123/2026 » n'est plus associé à Maison Lumière : le rapprochement l'a oublié." } })
    expect((await maud.post(url(next.id)).send(command({ op: 'suggest' }))).body.learned).toHaveLength(2)
    expect(await prisma.qontoAuditLog.count({ where: { action: 'HABITUDE_OUBLIEE', acteur: 'maud@test.fr' } })).toBe(1)
  })
})
