/**
 * Associer is safe by design on the server: only the server's own "sûr" suggestion goes in one
 * click; a lower suggestion, a manual allocation or a write-off answers `needsConfirmation` and
 * changes nothing until `confirmed: true`. Through the AdminJS API, as the panel calls it.
 */
import { describe, expect, it } from 'vitest'
import { seedDemoData } from '../../examples/src/seed.js'
import { loggedInAgent, useTestApp } from '../helpers/app.js'
import { confidenceTier } from '../../src/domain/matching/confidence.js'

const MAUD = { email: 'maud@test.fr', password: 'mot-de-passe-demo' }
const recordAction = (id: string, action: string) => `/admin/api/resources/TransactionQonto/records/${id}/${action}`
const command = (body: object) => ({ body: JSON.stringify(body) })
type Allocation = { invoiceId: string; amountCents: number }

describe('Associer through the panel API: confirmation, write-offs, next payment, reconciled page', () => {
  const state = useTestApp(async (db) => void (await seedDemoData(db.prisma, { adminEmail: MAUD.email, adminPassword: MAUD.password })))
  const tx = (reference: string) => state.db.prisma.transactionQonto.findFirstOrThrow({ where: { reference } })
  const oldestOpenOtherThan = async (id: string) =>
    (await state.db.prisma.transactionQonto.findFirst({
      where: { sens: 'CREDIT', statut: 'SETTLED', associe: false, ignoreCategorie: null, NOT: { id } },
      orderBy: [{ dateTransaction: 'asc' }, { id: 'asc' }],
    }))?.id ?? null

  it("Maud's click on an 'à vérifier' guess (amount only) asks for confirmation and changes nothing until she confirms", async () => {
    const agent = await loggedInAgent(state.app.app, MAUD)
    const payment = await tx('VIREMENT')
    const suggest = await agent.post(recordAction(payment.id, 'associer')).send(command({ op: 'suggest' }))
    const guess = suggest.body.suggestions[0]
    expect(confidenceTier(guess)).not.toBe('SUR')
    const allocations = guess.allocations.map((a: Allocation) => ({ invoiceId: a.invoiceId, amountCents: a.amountCents }))
    // The confirmation step names who would receive the "facture réglée" e-mail.
    expect(suggest.body.emailRecipients[allocations[0].invoiceId]).toMatch(/^\S+@\S+$/)
    const invoiceBefore = await state.db.prisma.document.findUniqueOrThrow({ where: { id: allocations[0].invoiceId } })

    const refused = await agent.post(recordAction(payment.id, 'associer')).send(command({ op: 'associate', mode: 'SUGGESTION', allocations }))
    expect(refused.body).toMatchObject({ ok: false, needsConfirmation: true })
    expect(refused.body.notice.message).toMatch(/^Confirmation nécessaire : la suggestion est « (probable|à vérifier) »/)
    expect(await state.db.prisma.qontoAllocation.count({ where: { transactionId: payment.id } })).toBe(0)
    expect((await state.db.prisma.document.findUniqueOrThrow({ where: { id: invoiceBefore.id } })).statut).toBe(invoiceBefore.statut)
    // A manual allocation needs it too, whatever the browser calls it.
    const manual = await agent.post(recordAction(payment.id, 'associer')).send(command({ op: 'associate', mode: 'MANUEL', allocations }))
    expect(manual.body).toMatchObject({ ok: false, needsConfirmation: true })
    expect(manual.body.notice.message).toContain("c'est une association manuelle")

    const next = await oldestOpenOtherThan(payment.id)
    const confirmed = await agent.post(recordAction(payment.id, 'associer')).send(command({ op: 'associate', mode: 'SUGGESTION', allocations, confirmed: true }))
    expect(confirmed.body).toMatchObject({ ok: true, nextTransactionId: next })
    expect(confirmed.body.emailNotice).toMatch(/^Le client recevra « Facture FACT-2026-\d+ réglée » vers \d\d:\d\d ; Dissocier d'ici là l'annule\.$/)
    const audit = await state.db.prisma.qontoAuditLog.findFirstOrThrow({ where: { transactionId: payment.id, action: 'ASSOCIATION' } })
    expect(audit.details).toMatchObject({ mode: 'SUGGESTION', score: guess.score })
  })

  it('a "sûr" suggestion goes in one click and the answer names the next payment, oldest first', async () => {
    const agent = await loggedInAgent(state.app.app, MAUD)
    const payment = await tx('FACT-2026-145')
    const suggest = await agent.post(recordAction(payment.id, 'associer')).send(command({ op: 'suggest' }))
    expect(suggest.body.writeOff).toEqual({ maxCents: 500, account: '627000' })
    const best = suggest.body.suggestions[0]
    expect(confidenceTier(best)).toBe('SUR')
    const done = await agent.post(recordAction(payment.id, 'associer')).send(command({ op: 'associate', mode: 'SUGGESTION', allocations: best.allocations }))
    expect(done.body).toMatchObject({ ok: true, notice: { type: 'success', message: 'Paiement associé à FACT-2026-145 (payée).' } })
    expect(done.body.nextTransactionId).toBe(await oldestOpenOtherThan(payment.id))
  })

  it('Maud closes an invoice 0,50 € short as bank fees: validated, written on the allocation, paid in full, audited, undone', async () => {
    const agent = await loggedInAgent(state.app.app, MAUD)
    const client = await state.db.prisma.marque.findFirstOrThrow({ where: { nom: { contains: 'Glow' } } })
    const invoice = await state.db.prisma.document.create({
      data: { type: 'FACTURE', reference: 'FACT-2026-401', montantTTC: '2100.50', statut: 'ENVOYE', dateEmission: new Date('2026-11-10'), marqueId: client.id },
    })
    const other = await state.db.prisma.document.create({
      data: { type: 'FACTURE', reference: 'FACT-2026-402', montantTTC: '10.00', statut: 'ENVOYE', dateEmission: new Date('2026-11-10'), marqueId: client.id },
    })
    const payment = await state.db.prisma.transactionQonto.create({
      data: { qontoId: 'q-401', montant: '2100.00', statut: 'SETTLED', dateTransaction: new Date('2026-11-25T09:00:00Z'), qontoUpdatedAt: new Date(), reference: 'FACT-2026-401', emetteur: 'GLOW COSMETICS SAS' },
    })
    const post = (body: object) => agent.post(recordAction(payment.id, 'associer')).send(command({ op: 'associate', mode: 'MANUEL', confirmed: true, ...body }))
    const allocations = [{ invoiceId: invoice.id, amountCents: 210000 }]
    const writeOff = (amountCents: number, invoiceId = invoice.id) => [{ invoiceId, amountCents, motif: 'FRAIS_BANCAIRES' }]

    expect((await post({ allocations, writeOffs: writeOff(50, other.id) })).body.notice.message).toBe("Un écart ne peut solder qu'une facture de cette association.")
    expect((await post({ allocations, writeOffs: writeOff(40) })).body.notice.message).toBe(
      'Pour solder FACT-2026-401, montant affecté et écart doivent faire exactement son reste dû (2\u202f100,50\u00a0€), pas 2\u202f100,40\u00a0€.',
    )
    expect((await post({ allocations: [{ invoiceId: invoice.id, amountCents: 209000 }], writeOffs: writeOff(1050) })).body.notice.message).toBe(
      'Écart de 10,50\u00a0€ sur FACT-2026-401 : au-delà de la limite de 5,00\u00a0€.',
    )
    expect((await post({ allocations, writeOffs: [{ invoiceId: invoice.id, amountCents: -50, motif: 'FRAIS_BANCAIRES' }] })).body.notice.message).toBe('Requête invalide.')
    // Even the server's own "sûr" suggestion needs a confirmation once it closes an invoice with a difference.
    const unconfirmed = await agent.post(recordAction(payment.id, 'associer')).send(command({ op: 'associate', mode: 'SUGGESTION', allocations, writeOffs: writeOff(50) }))
    expect(unconfirmed.body).toMatchObject({ ok: false, needsConfirmation: true })
    expect(unconfirmed.body.notice.message).toContain('la facture est soldée avec un écart')
    expect(await state.db.prisma.qontoAllocation.count({ where: { transactionId: payment.id } })).toBe(0)

    const done = await post({ allocations, writeOffs: writeOff(50) })
    expect(done.body.ok).toBe(true)
    expect(done.body.notice.message).toBe('Paiement associé à FACT-2026-401 (payée). Écart de 0,50\u00a0€ (frais bancaires, compte 627000) sur FACT-2026-401.')
    const allocation = await state.db.prisma.qontoAllocation.findFirstOrThrow({ where: { transactionId: payment.id } })
    expect([String(allocation.montant), String(allocation.ecart), allocation.ecartMotif, allocation.ecartCompte]).toEqual(['2100', '0.5', 'FRAIS_BANCAIRES', '627000'])
    const paid = await state.db.prisma.document.findUniqueOrThrow({ where: { id: invoice.id } })
    expect([paid.statut, String(paid.montantPaye)]).toEqual(['PAYE', '2100.5'])
    const audit = await state.db.prisma.qontoAuditLog.findFirstOrThrow({ where: { transactionId: payment.id, action: 'ASSOCIATION' } })
    expect(audit.details).toMatchObject({ ecarts: [{ reference: 'FACT-2026-401', montantCents: 50, motif: 'FRAIS_BANCAIRES', compte: '627000', libelle: 'Écart de 0,50\u00a0€ (frais bancaires, compte 627000) sur FACT-2026-401' }] })

    // Dissocier's page says what it will undo, the write-off included, then undoes it.
    const preview = await agent.get(recordAction(payment.id, 'dissocier'))
    expect(preview.body.preview.invoices).toEqual([
      expect.objectContaining({ reference: 'FACT-2026-401', amountCents: 210000, writeOffCents: 50, writeOff: 'Écart de 0,50\u00a0€ (frais bancaires, compte 627000)', emailState: 'EN_ATTENTE' }),
    ])
    expect(preview.body.preview.invoices[0].email).toMatch(/^E-mail « Facture FACT-2026-401 réglée » à .+ en attente jusqu'à \d\d:\d\d : Dissocier l'annule\.$/)
    const undone = await agent.post(recordAction(payment.id, 'dissocier'))
    expect(undone.body.ok).toBe(true)
    expect(undone.body.emailNotices).toEqual([expect.stringMatching(/^L'e-mail « Facture FACT-2026-401 réglée » à .+ ne partira pas\.$/)])
    const back = await state.db.prisma.document.findUniqueOrThrow({ where: { id: invoice.id } })
    expect([back.statut, String(back.montantPaye)]).toEqual(['ENVOYE', '0'])
    const undoAudit = await state.db.prisma.qontoAuditLog.findFirstOrThrow({ where: { transactionId: payment.id, action: 'DISSOCIATION' } })
    expect(undoAudit.avant).toEqual({ allocations: [{ reference: 'FACT-2026-401', montantCents: 210000, ecartCents: 50 }] })
  })

  it('the Associer page of a reconciled payment opens (no 404) and lists its invoices; an empty search lists the oldest open invoices', async () => {
    const agent = await loggedInAgent(state.app.app, MAUD)
    const payment = await tx('FACT 2026 103')
    const page = await agent.get(recordAction(payment.id, 'associer'))
    expect(page.body.record.recordActions.map((a: { name: string }) => a.name)).toContain('associer')
    // The button stays hidden in the list and show pages.
    const show = await agent.get(`/admin/api/resources/TransactionQonto/records/${payment.id}/show`)
    expect(show.body.record.recordActions.map((a: { name: string }) => a.name)).not.toContain('associer')
    const suggest = await agent.post(recordAction(payment.id, 'associer')).send(command({ op: 'suggest' }))
    expect(suggest.body.transaction.remainingCents).toBe(0)
    expect(suggest.body.suggestions).toEqual([])
    expect(suggest.body.associated).toEqual([expect.objectContaining({ reference: 'FACT-2026-103', amountCents: 240000 })])

    const empty = await agent.post(recordAction(payment.id, 'associer')).send(command({ op: 'search', query: '  ' }))
    expect(empty.body.invoices.length).toBeGreaterThan(5)
    const dues = empty.body.invoices.map((i: { dateEcheance: string | null }) => i.dateEcheance)
    expect(dues).toEqual([...dues].sort())
    expect(empty.body.invoices[0]).toMatchObject({ reference: expect.any(String), client: expect.any(String), openCents: expect.any(Number) })
  })

  it('when the last payment is handled there is no next one (the screen says « Terminé »)', async () => {
    const agent = await loggedInAgent(state.app.app, MAUD)
    const last = await tx('FACT-2026-130')
    // Every other credit explained without an invoice: this one is the last to reconcile.
    await state.db.prisma.transactionQonto.updateMany({ where: { sens: 'CREDIT', associe: false, NOT: { id: last.id } }, data: { ignoreCategorie: 'AUTRE' } })
    const best = (await agent.post(recordAction(last.id, 'associer')).send(command({ op: 'suggest' }))).body.suggestions[0]
    const done = await agent.post(recordAction(last.id, 'associer')).send(command({ op: 'associate', mode: 'SUGGESTION', allocations: best.allocations, confirmed: true }))
    expect(done.body).toMatchObject({ ok: true, nextTransactionId: null })
  })
})
