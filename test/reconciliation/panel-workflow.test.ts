import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemoData } from '../../examples/src/seed.js'
import { createTestApp, loggedInAgent } from '../helpers/app.js'
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js'

const MAUD = { email: 'maud@test.fr', password: 'mot-de-passe-demo' }
const READER = { email: 'comptable@agence-glow.fr', password: 'demo-lecture-2026' }
const recordAction = (id: string, action: string) => `/admin/api/resources/TransactionQonto/records/${id}/${action}`

describe('the reconciliation workflow through the panel API', () => {
  let db: TestDatabase
  let app: ReturnType<typeof createTestApp>
  beforeAll(async () => {
    db = await createTestDatabase('pglite')
    await seedDemoData(db.prisma, { adminEmail: MAUD.email, adminPassword: MAUD.password })
    app = createTestApp(db)
  })
  afterAll(async () => {
    await app.close()
    await db.close()
  })

  const tx = (reference: string) => db.prisma.transactionQonto.findFirstOrThrow({ where: { reference } })
  const command = (body: object) => ({ body: JSON.stringify(body) })

  it('shows the transaction and ranked suggestions with reasons, then associates the chosen one in one click', async () => {
    const agent = await loggedInAgent(app.app, MAUD)
    const payment = await tx('VIR SEPA FACT-2026-110 MERCI')
    expect((await agent.get(recordAction(payment.id, 'associer'))).body.record.id).toBe(payment.id)
    const suggest = await agent.post(recordAction(payment.id, 'associer')).send(command({ op: 'suggest' }))
    expect(suggest.body.transaction).toMatchObject({ amountCents: 150000, remainingCents: 150000, payer: 'GLOW COSMETICS SAS' })
    const best = suggest.body.suggestions[0]
    expect(best.invoices[0]).toMatchObject({ reference: 'FACT-2026-110', client: 'Glow Cosmetics SAS', allocatedCents: 150000, remainingAfterCents: 0 })
    expect(best.reasons.map((r: { label: string }) => r.label)).toContain('Référence FACT-2026-110 trouvée dans le motif du virement')

    // A score and reasons sent by the browser are ignored: the server recomputes them for the audit log.
    const accepted = await agent.post(recordAction(payment.id, 'associer')).send(
      command({ op: 'associate', allocations: best.allocations.map((a: { invoiceId: string; amountCents: number }) => ({ invoiceId: a.invoiceId, amountCents: a.amountCents })), mode: 'SUGGESTION', score: 999, reasons: [{ code: 'FORGED', label: 'forgé' }] }),
    )
    expect(accepted.body.notice).toEqual({ type: 'success', message: 'Paiement associé à FACT-2026-110 (payée).' })
    expect(accepted.body.record.params.associe).toBe(true)
    expect((await db.prisma.document.findUniqueOrThrow({ where: { reference: 'FACT-2026-110' } })).statut).toBe('PAYE')
    const audit = await db.prisma.qontoAuditLog.findFirstOrThrow({ where: { transactionId: payment.id, action: 'ASSOCIATION' } })
    expect(audit.acteur).toBe(MAUD.email)
    const maud = await db.prisma.user.findUniqueOrThrow({ where: { email: MAUD.email } })
    expect(audit.userId).toBe(maud.id)
    expect(audit.details).toMatchObject({ mode: 'SUGGESTION', score: best.score, raisons: best.reasons.map((r: { label: string }) => r.label) })

    const twice = await agent.post(recordAction(payment.id, 'associer')).send(command({ op: 'associate', allocations: [{ invoiceId: best.allocations[0].invoiceId, amountCents: 100 }], mode: 'MANUEL', confirmed: true }))
    expect(twice.body.notice).toEqual({ type: 'error', message: 'Cette transaction est déjà entièrement rapprochée.' })
  })

  it('searches open invoices by number, client or amount and allocates a partial amount manually', async () => {
    const agent = await loggedInAgent(app.app, MAUD)
    const payment = await tx('Acompte FACT-2026-122')
    const byClient = await agent.post(recordAction(payment.id, 'associer')).send(command({ op: 'search', query: 'lumière' }))
    expect(byClient.body.invoices.map((i: { reference: string }) => i.reference)).toContain('FACT-2026-122')
    // One folding: no accent, upper case still finds « Lumière »; LIKE wildcards are plain characters.
    const folded = await agent.post(recordAction(payment.id, 'associer')).send(command({ op: 'search', query: 'LUMIERE' }))
    expect(folded.body.invoices.map((i: { reference: string }) => i.reference)).toContain('FACT-2026-122')
    const wildcard = await agent.post(recordAction(payment.id, 'associer')).send(command({ op: 'search', query: '%' }))
    expect(wildcard.body.invoices).toEqual([])
    const byAmount = await agent.post(recordAction(payment.id, 'associer')).send(command({ op: 'search', query: '1 980,00' }))
    expect(byAmount.body.invoices.map((i: { reference: string }) => i.reference)).toEqual(['FACT-2026-122'])
    const invoice = byAmount.body.invoices[0]
    const over = await agent.post(recordAction(payment.id, 'associer')).send(command({ op: 'associate', allocations: [{ invoiceId: invoice.id, amountCents: 100001 }], mode: 'MANUEL', confirmed: true }))
    expect(over.body.notice.type).toBe('error')
    const partial = await agent.post(recordAction(payment.id, 'associer')).send(command({ op: 'associate', allocations: [{ invoiceId: invoice.id, amountCents: 100000 }], mode: 'MANUEL', confirmed: true }))
    expect(partial.body.notice.message).toBe('Paiement associé à FACT-2026-122 (partiellement payée).')
  })

  it('undoes an association only on POST', async () => {
    const agent = await loggedInAgent(app.app, MAUD)
    const payment = await tx('FACT 2026 103')
    expect((await agent.get(recordAction(payment.id, 'dissocier'))).body.ok).toBeUndefined()
    expect((await db.prisma.transactionQonto.findUniqueOrThrow({ where: { id: payment.id } })).associe).toBe(true)
    const undone = await agent.post(recordAction(payment.id, 'dissocier'))
    expect(undone.body).toMatchObject({ ok: true, message: 'Association annulée (1 facture remise en attente).' })
    expect((await db.prisma.document.findUniqueOrThrow({ where: { reference: 'FACT-2026-103' } })).statut).toBe('ENVOYE')
  })

  it('auto-reconciles the selection and everything, reporting matched and left', async () => {
    const agent = await loggedInAgent(app.app, MAUD)
    const selected = [await tx('fact2026111'), await tx('VIREMENT')]
    const bulkUrl = `/admin/api/resources/TransactionQonto/bulk/rapprocherAutomatiquement?recordIds=${selected.map((s) => s.id).join(',')}`
    const { preview } = (await agent.post(bulkUrl)).body
    expect(preview.count).toBe(1)
    const bulk = await agent.post(bulkUrl).send(command({ confirm: true, expectedCount: 1, expectedFingerprint: preview.fingerprint }))
    expect(bulk.body).toMatchObject({ ok: true, message: '1 paiement rapproché automatiquement, 1 à traiter.' })
    const { count, fingerprint } = (await agent.post('/admin/api/resources/TransactionQonto/actions/rapprocherTout')).body.preview
    const all = await agent.post('/admin/api/resources/TransactionQonto/actions/rapprocherTout').send(command({ confirm: true, expectedCount: count, expectedFingerprint: fingerprint }))
    expect(all.body.ok).toBe(true)
    expect(all.body.report.matched).toBeGreaterThan(5)
  })

  it('refuses every reconciliation action to the read-only user, even bypassing the UI', async () => {
    const agent = await loggedInAgent(app.app, READER)
    const payment = await tx('Paiement octobre')
    const attempts = [
      agent.post(recordAction(payment.id, 'associer')).send(command({ op: 'suggest' })),
      agent.post(recordAction(payment.id, 'associer')).send(command({ op: 'associate', allocations: [{ invoiceId: 'x', amountCents: 1 }], mode: 'MANUEL' })),
      agent.post(recordAction(payment.id, 'dissocier')),
      agent.post('/admin/api/resources/TransactionQonto/actions/rapprocherTout'),
      agent.post(`/admin/api/resources/TransactionQonto/bulk/rapprocherAutomatiquement?recordIds=${payment.id}`),
    ]
    for (const response of await Promise.all(attempts)) {
      expect(response.body.ok).toBeUndefined()
      expect(JSON.stringify(response.body)).toMatch(/forbiddenError|ForbiddenError/)
    }
    const list = await agent.get('/admin/api/resources/TransactionQonto/actions/list')
    const actions = list.body.records[0].recordActions.map((a: { name: string }) => a.name)
    expect(actions).not.toContain('associer')
  })
})
