/** Issue 13 item 4, issue 23 item 9: an invoice's paid amount, paid statuses, type and currency change only through the reconciliation. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { associate } from '../../src/reconcile/reconciliation.service.js'
import { ADMIN, createTestApp, createTestUsers, loggedInAgent, testContext } from '../helpers/app.js'
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js'

describe('invoice fields the reconciliation owns', () => {
  let db: TestDatabase
  let app: ReturnType<typeof createTestApp>
  let agent: Awaited<ReturnType<typeof loggedInAgent>>
  let invoiceId: string
  beforeAll(async () => {
    db = await createTestDatabase('pglite')
    const { admin } = await createTestUsers(db)
    const invoice = await db.prisma.document.create({ data: { reference: 'FACT-2026-700', montantTTC: '1500.00', statut: 'ENVOYE', dateEmission: new Date('2026-10-01') } })
    invoiceId = invoice.id
    const tx = await db.prisma.transactionQonto.create({
      data: { qontoId: 'q-700', montant: '500.00', statut: 'SETTLED', dateTransaction: new Date('2026-11-02T10:00:00Z'), qontoUpdatedAt: new Date() },
    })
    await associate(testContext(db), { transactionId: tx.id, allocations: [{ invoiceId, amountCents: 50000 }], actor: { userId: admin.id, label: admin.email }, mode: 'MANUEL' })
    app = createTestApp(db)
    agent = await loggedInAgent(app.app, ADMIN)
  }, 60_000)
  afterAll(async () => {
    await app.close()
    await db.close()
  })

  const current = () => db.prisma.document.findUniqueOrThrow({ where: { id: invoiceId } })

  it('ignores a paid amount sent through the edit API', async () => {
    await agent.post(`/admin/api/resources/Document/records/${invoiceId}/edit`).send({ montantPaye: '3000.00', dateEcheance: '2026-12-31' })
    const invoice = await current()
    expect([String(invoice.montantPaye), invoice.statut]).toEqual(['500', 'PARTIELLEMENT_PAYE'])
    expect(invoice.dateEcheance?.toISOString().slice(0, 10)).toBe('2026-12-31')
  })

  it('refuses to set or leave a paid status by hand', async () => {
    const response = await agent.post(`/admin/api/resources/Document/records/${invoiceId}/edit`).send({ statut: 'PAYE' })
    expect(JSON.stringify(response.body)).toContain('rapprochement')
    expect((await current()).statut).toBe('PARTIELLEMENT_PAYE')
    const created = await agent.post('/admin/api/resources/Document/actions/new').send({ reference: 'FACT-2026-701', montantTTC: '10.00', statut: 'PAYE', dateEmission: '2026-10-01' })
    expect(created.status).toBe(200)
    expect(await db.prisma.document.count({ where: { reference: 'FACT-2026-701' } })).toBe(0)
  })

  it('keeps a paid invoice’s type and currency (issue 23 item 9), with a French message', async () => {
    for (const change of [{ type: 'AVOIR' }, { devise: 'USD' }]) {
      const response = await agent.post(`/admin/api/resources/Document/records/${invoiceId}/edit`).field(Object.keys(change)[0]!, Object.values(change)[0]!)
      expect(JSON.stringify(response.body)).toContain('son type et sa devise ne changent plus')
    }
    const invoice = await current()
    expect([invoice.type, invoice.devise]).toEqual(['FACTURE', 'EUR'])
    // The form sends every field: unchanged ones pass.
    const same = await agent.post(`/admin/api/resources/Document/records/${invoiceId}/edit`).field('type', 'FACTURE').field('devise', 'EUR').field('dateEcheance', '2027-01-15')
    expect(same.status).toBe(200)
    expect((await current()).dateEcheance?.toISOString().slice(0, 10)).toBe('2027-01-15')
  })

  it('reads an amount typed with a French decimal comma (issue 20 item 1)', async () => {
    const created = await agent.post('/admin/api/resources/Document/actions/new').field('reference', 'FACT-2026-702').field('montantTTC', '1 250,5').field('dateEmission', '2026-11-20')
    expect(created.status).toBe(200)
    expect(String((await db.prisma.document.findUniqueOrThrow({ where: { reference: 'FACT-2026-702' } })).montantTTC)).toBe('1250.5')
    const wrong = await agent.post('/admin/api/resources/Document/actions/new').field('reference', 'FACT-2026-703').field('montantTTC', '12,505').field('dateEmission', '2026-11-20')
    expect(JSON.stringify(wrong.body)).toContain('Montant invalide')
    expect(await db.prisma.document.count({ where: { reference: 'FACT-2026-703' } })).toBe(0)
  })

  it('refuses to delete an invoice with payments applied, with a French message and no 500', async () => {
    const response = await agent.post(`/admin/api/resources/Document/records/${invoiceId}/delete`).send({})
    expect(response.status).toBe(200)
    expect(JSON.stringify(response.body)).toContain('dissociez-les')
    expect(await db.prisma.document.count({ where: { id: invoiceId } })).toBe(1)
  })
})
