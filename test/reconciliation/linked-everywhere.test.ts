import { describe, expect, it } from 'vitest'
import { associate } from '../../src/reconcile/reconciliation.service.js'
import { ADMIN, createTestUsers, loggedInAgent, testContext, useTestApp } from '../helpers/app.js'

describe('payments and invoices linked everywhere, in words and euros', () => {
  const state = useTestApp(async (db) => void (await createTestUsers(db)))

  it('Maud opens a split payment: its page lists both invoices with links, amounts and mode; allocations and audit name the payment and the invoices', async () => {
    const { db } = state
    const ctx = testContext(db)
    const maud = await db.prisma.user.findFirstOrThrow({ where: { email: ADMIN.email } })
    const client = await db.prisma.marque.create({ data: { nom: 'Lumière SAS' } })
    const [a, b] = await Promise.all(
      ['FACT-2026-601', 'FACT-2026-602'].map((reference) =>
        db.prisma.document.create({ data: { reference, montantTTC: '1050.00', statut: 'ENVOYE', dateEmission: new Date('2026-11-01'), marqueId: client.id } }),
      ),
    )
    const tx = await db.prisma.transactionQonto.create({
      data: { qontoId: 'q-split-links', montant: '2100.00', statut: 'SETTLED', emetteur: 'LUMIERE SAS', dateTransaction: new Date('2026-11-24T09:00:00Z'), qontoUpdatedAt: new Date() },
    })
    await associate(ctx, {
      transactionId: tx.id,
      allocations: [{ invoiceId: a!.id, amountCents: 105000 }, { invoiceId: b!.id, amountCents: 105000 }],
      actor: { userId: maud.id, label: maud.email },
      mode: 'SUGGESTION',
      score: 0.82,
    })
    const agent = await loggedInAgent(state.app.app, ADMIN)

    const shown = await agent.get(`/admin/api/resources/TransactionQonto/records/${tx.id}/show`)
    const explanation = JSON.parse(shown.body.record.params.facturesAssociees)
    expect(explanation.invoices).toEqual([
      expect.objectContaining({ reference: 'FACT-2026-601', href: `/admin/resources/Document/records/${a!.id}/show`, client: 'Lumière SAS', amountCents: 105000, mode: 'Suggestion acceptée', by: ADMIN.email }),
      expect.objectContaining({ reference: 'FACT-2026-602', href: `/admin/resources/Document/records/${b!.id}/show`, amountCents: 105000 }),
    ])

    const allocations = await agent.get(`/admin/api/resources/QontoAllocation/actions/list?filters.transaction=${tx.id}`)
    expect(allocations.body.records).toHaveLength(2)
    for (const record of allocations.body.records) {
      expect(record.params.paiement).toBe('24/11/2026 · 2\u202f100,00\u00a0€ · LUMIERE SAS')
      expect(record.params.paiementHref).toBe(`/admin/resources/TransactionQonto/records/${tx.id}/show`)
      expect(record.params.factureRef).toMatch(/^FACT-2026-60[12]$/)
      expect(record.params.factureRefHref).toMatch(/^\/admin\/resources\/Document\/records\/.+\/show$/)
    }
    const allocation = await agent.get(`/admin/api/resources/QontoAllocation/records/${allocations.body.records[0].id}/show`)
    expect(allocation.body.record.params.scorePourcent).toBe('0,82')
    // On an English host the score reads 0.82, and the lists' date-time filter picks and shows the English date-time.
    const panel = state.app.reconciliation.context.panelLanguage
    const createdAt = () => (state.app.reconciliation.resources as unknown as Array<{ options: { id: string; properties: Record<string, { props?: Record<string, unknown> }> } }>)
      .find((r) => r.options.id === 'QontoAllocation')!.options.properties.createdAt!.props
    expect(createdAt()).toMatchObject({ dateFormat: 'dd/MM/yyyy HH:mm', placeholderText: 'jj/mm/aaaa hh:mm' })
    panel.current = 'en'
    try {
      const english = await agent.get(`/admin/api/resources/QontoAllocation/records/${allocations.body.records[0].id}/show`)
      expect(english.body.record.params.scorePourcent).toBe('0.82')
      expect(createdAt()).toEqual({ dateFormat: 'd MMM yyyy, HH:mm', placeholderText: 'e.g. 24 Nov 2026, 09:40' })
    } finally {
      panel.current = 'fr'
    }

    const audit = await agent.get(`/admin/api/resources/QontoAuditLog/actions/list?filters.transactionId=${tx.id}`)
    const entry = audit.body.records.find((r: { params: { action: string } }) => r.params.action === 'ASSOCIATION')
    expect(entry.params).toMatchObject({ paiement: '24/11/2026 · 2\u202f100,00\u00a0€ · LUMIERE SAS', factureRef: 'FACT-2026-601' })
    // The entry's details list every invoice of the split (JsonView renders them as sentences).
    const details = await agent.get(`/admin/api/resources/QontoAuditLog/records/${entry.id}/show`)
    expect(JSON.stringify(details.body.record.params)).toContain('FACT-2026-602')

    // The invoice's page lists its payment with the link back.
    const side = await agent.post(`/admin/api/resources/Document/records/${b!.id}/rapprocherPaiement`).send({ body: JSON.stringify({ op: 'list' }) })
    expect(side.body.payments).toEqual([expect.objectContaining({ transactionId: tx.id, allocatedCents: 105000, amountCents: 210000, modeLabel: 'Suggestion acceptée', writeOffCents: 0 })])
  })

  it("a payment's page names its invoice by the mapping's number field, not the host resource's title (« Invoice: 1 » on a host with no title field)", async () => {
    const { db } = state
    const ctx = testContext(db)
    const maud = await db.prisma.user.findFirstOrThrow({ where: { email: ADMIN.email } })
    const client = await db.prisma.marque.create({ data: { nom: 'Titre Absent SARL' } })
    const invoice = await db.prisma.document.create({ data: { reference: 'FACT-2026-650', montantTTC: '300.00', statut: 'ENVOYE', dateEmission: new Date('2026-11-01'), marqueId: client.id } })
    const tx = await db.prisma.transactionQonto.create({
      data: { qontoId: 'q-invoice-title', montant: '300.00', statut: 'SETTLED', emetteur: 'TITRE ABSENT', dateTransaction: new Date('2026-11-24T09:00:00Z'), qontoUpdatedAt: new Date() },
    })
    await associate(ctx, { transactionId: tx.id, allocations: [{ invoiceId: invoice.id, amountCents: 30000 }], actor: { userId: maud.id, label: maud.email }, mode: 'MANUEL' })
    const agent = await loggedInAgent(state.app.app, ADMIN)
    const shown = await agent.get(`/admin/api/resources/TransactionQonto/records/${tx.id}/show`)
    const visible = shown.body.record.params
    expect(visible.factureRef).toBe('FACT-2026-650')
    expect(visible.factureRefHref).toBe(`/admin/resources/Document/records/${invoice.id}/show`)
  })

  it('from the invoice side, a candidate that is not "sûr" is associated only with confirmed: true', async () => {
    const { db } = state
    const client = await db.prisma.marque.create({ data: { nom: 'Atelier Inconnu' } })
    const invoice = await db.prisma.document.create({ data: { reference: 'FACT-2026-700', montantTTC: '777.00', statut: 'ENVOYE', dateEmission: new Date('2026-11-01'), marqueId: client.id } })
    // Only the amount matches: a weak guess.
    const tx = await db.prisma.transactionQonto.create({
      data: { qontoId: 'q-weak', montant: '777.00', statut: 'SETTLED', emetteur: 'M. PERSONNE', reference: 'VIREMENT', dateTransaction: new Date('2026-11-24T09:00:00Z'), qontoUpdatedAt: new Date() },
    })
    const agent = await loggedInAgent(state.app.app, ADMIN)
    const url = `/admin/api/resources/Document/records/${invoice.id}/rapprocherPaiement`
    const list = await agent.post(url).send({ body: JSON.stringify({ op: 'list', withCandidates: true }) })
    const candidate = list.body.candidates.find((c: { transactionId: string }) => c.transactionId === tx.id)
    expect(candidate.tier).not.toBe('SUR')
    expect(['probable', 'à vérifier']).toContain(candidate.tierLabel)
    const refused = await agent.post(url).send({ body: JSON.stringify({ op: 'associate', transactionId: tx.id, amountCents: 77700 }) })
    expect(refused.body).toMatchObject({ ok: false, needsConfirmation: true })
    expect(refused.body.message).toMatch(/confirmez/)
    expect(await db.prisma.qontoAllocation.count({ where: { transactionId: tx.id } })).toBe(0)
    const confirmed = await agent.post(url).send({ body: JSON.stringify({ op: 'associate', transactionId: tx.id, amountCents: 77700, confirmed: true }) })
    expect(confirmed.body).toMatchObject({ ok: true })
    expect(await db.prisma.qontoAllocation.findFirstOrThrow({ where: { transactionId: tx.id } })).toMatchObject({ mode: expect.any(String) })
  })
})
