/**
 * Maud's work queue through the panel API (the hidden `fileRapprochement` action): every payment
 * to reconcile reachable page by page, oldest first, the filters, the counts, and a French 400 for
 * parameters that make no sense.
 */
import { describe, expect, it } from 'vitest'
import { seedDemoData } from '../../examples/src/seed.js'
import { unreconciledCreditWhere } from '../../src/reconcile/dashboard.service.js'
import { backfillPayerKeys } from '../../src/reconcile/payer-history.service.js'
import { databaseKinds } from '../helpers/databases.js'
import { loggedInAgent, testContext, useTestApp } from '../helpers/app.js'

const MAUD = { email: 'maud@test.fr', password: 'mot-de-passe-demo' }
const READER = { email: 'comptable@agence-glow.fr', password: 'demo-lecture-2026' }
const QUEUE = '/admin/api/resources/TransactionQonto/actions/fileRapprochement'

interface Item { id: string; date: string; day: string; amountCents: number; payer: string | null; reference: string | null; invoices: string[]; best: { tier: string; tierLabel: string; score: number; invoices: Array<{ reference: string }> } | null }
interface Queue { items: Item[]; total: number; page: number; perPage: number; pageCount: number; counts: { aRapprocher: number; rapproches: number; ignores: number; aVerifier: number } }

describe.each(databaseKinds())("Maud's work queue (%s)", (kind) => {
  const state = useTestApp(async (db) => {
    await seedDemoData(db.prisma, { adminEmail: MAUD.email, adminPassword: MAUD.password })
    // What the host's start() does: payer keys for rows written before they existed.
    await backfillPayerKeys(testContext(db))
    // A social-security refund explained without an invoice.
    await db.prisma.transactionQonto.updateMany({ where: { emetteur: 'URSSAF ILE DE FRANCE' }, data: { ignoreCategorie: 'REMBOURSEMENT', ignoreLe: new Date(), ignorePar: 'maud' } })
  })
  const queue = async (agent: Awaited<ReturnType<typeof loggedInAgent>>, query: Record<string, string | number>) => {
    const response = await agent.get(QUEUE).query(query)
    expect(response.status, JSON.stringify(response.body)).toBe(200)
    return response.body.queue as Queue
  }

  it('reaches every payment to reconcile, page by page, oldest first, each once, with its best suggestion and tier', async () => {
    const agent = await loggedInAgent(state.app.app, MAUD)
    const expected = await state.db.prisma.transactionQonto.findMany({ where: unreconciledCreditWhere, orderBy: [{ dateTransaction: 'asc' }, { id: 'asc' }], select: { id: true } })
    expect(expected.length).toBeGreaterThan(10)
    const first = await queue(agent, { perPage: 7 })
    expect(first.total).toBe(expected.length)
    expect(first.counts.aRapprocher).toBe(expected.length)
    expect(first.pageCount).toBe(Math.ceil(expected.length / 7))
    const seen: Item[] = []
    for (let page = 1; page <= first.pageCount; page += 1) seen.push(...(await queue(agent, { perPage: 7, page })).items)
    expect(seen.map((i) => i.id)).toEqual(expected.map((e) => e.id))
    // The dashboard counts the same payments.
    expect((await agent.get('/admin/api/resources/TransactionQonto/actions/tableauDeBord')).body.stats.toReconcile.count).toBe(expected.length)

    const glow = seen.find((i) => i.reference === 'VIR SEPA FACT-2026-110 MERCI')!
    expect(glow.best).toMatchObject({ tier: 'SUR', tierLabel: 'sûr', invoices: [{ reference: 'FACT-2026-110' }] })
    const durand = seen.find((i) => i.payer === 'M. DURAND PATRICK')!
    expect(durand.best?.tier).toBe('A_VERIFIER')
    expect(seen.some((i) => i.best?.tier === 'PROBABLE')).toBe(true)
    // The ignored refund is not work any more.
    expect(seen.some((i) => i.payer === 'URSSAF ILE DE FRANCE')).toBe(false)
  })

  it('filters by state: reconciled and ignored are newest first, with their invoices', async () => {
    const agent = await loggedInAgent(state.app.app, MAUD)
    const reconciled = await queue(agent, { etat: 'rapproches' })
    expect(reconciled.items.map((i) => i.invoices)).toEqual([['FACT-2026-103'], ['FACT-2026-102'], ['FACT-2026-101']])
    expect(reconciled.items.every((i) => i.best === null)).toBe(true)
    const ignored = await queue(agent, { etat: 'ignores' })
    expect(ignored.items.map((i) => i.payer)).toEqual(['URSSAF ILE DE FRANCE'])
    expect(ignored.counts).toMatchObject({ ignores: 1, rapproches: 3 })
    const all = await queue(agent, { etat: 'tous', perPage: 100 })
    expect(all.total).toBe(await state.db.prisma.transactionQonto.count({ where: { sens: 'CREDIT' } }))
    expect(all.items.map((i) => i.date)).toEqual([...all.items.map((i) => i.date)].sort().reverse())
  })

  it('filters by business days in Paris, amounts in cents and a folded payer name (wildcards are plain text)', async () => {
    const agent = await loggedInAgent(state.app.app, MAUD)
    const day = await queue(agent, { du: '2026-11-24', au: '2026-11-24', perPage: 100 })
    expect(day.items.length).toBeGreaterThan(0)
    expect(day.items.every((i) => i.day === '2026-11-24')).toBe(true)
    expect(day.total).toBe(day.items.length)
    // Up to a day and from the next one: every payment exactly once.
    const untilThe23rd = await queue(agent, { au: '2026-11-23', perPage: 100 })
    expect(untilThe23rd.items.every((i) => i.day <= '2026-11-23')).toBe(true)
    expect(untilThe23rd.total + day.total).toBe((await queue(agent, {})).total)

    const amounts = await queue(agent, { minCents: 100000, maxCents: 150000, perPage: 100 })
    expect(amounts.items.length).toBeGreaterThan(0)
    expect(amounts.items.every((i) => i.amountCents >= 100000 && i.amountCents <= 150000)).toBe(true)
    expect(amounts.counts.aRapprocher).toBe(amounts.total)

    const lumiere = await queue(agent, { payeur: 'lumiere', etat: 'tous' })
    expect(lumiere.items.length).toBeGreaterThan(0)
    expect(lumiere.items.every((i) => i.payer === 'MAISON LUMIÈRE SARL')).toBe(true)
    expect((await queue(agent, { payeur: 'Maison LUMIÈRE', etat: 'tous' })).total).toBe(lumiere.total)
    expect((await queue(agent, { payeur: 'pixel plume' })).items.map((i) => i.payer)).toContain('PIXEL ET PLUME')
    expect((await queue(agent, { payeur: '%' })).total).toBe(0)
    expect((await queue(agent, { payeur: '_' })).total).toBe(0)
    // Empty fields are no filter (a form sends them).
    expect((await queue(agent, { payeur: '', du: '', minCents: '' })).total).toBe((await queue(agent, {})).total)
  })

  it('answers a French 400 for parameters that make no sense, and serves the read-only accountant', async () => {
    const agent = await loggedInAgent(state.app.app, MAUD)
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ etat: 'tout' }, /état attendu/],
      [{ du: '2026-13-01' }, /du : date attendue au format AAAA-MM-JJ/],
      [{ du: '2026-11-24', au: '2026-11-01' }, /date de début \(du\) est après/],
      [{ perPage: '500' }, /perPage : 100 au plus/],
      [{ page: '0' }, /page : 1 au moins/],
      [{ minCents: '12,5' }, /minCents/],
      [{ minCents: '200', maxCents: '100' }, /minimum dépasse le maximum/],
      [{ tri: 'montant' }, /paramètre inconnu : tri/],
    ]
    for (const [query, message] of cases) {
      const response = await agent.get(QUEUE).query(query)
      expect(response.status, JSON.stringify(query)).toBe(400)
      expect(response.body.message).toMatch(/^Filtres invalides : /)
      expect(response.body.message).toMatch(message)
    }
    const reader = await loggedInAgent(state.app.app, READER)
    const response = await reader.get(QUEUE)
    expect(response.body).toMatchObject({ ok: true, canReconcile: false })
    expect(response.body.queue.items[0].best.reasons.length).toBeGreaterThan(0)
  })

  it('Maud (or a script) asks for an absurdly deep page: a French 400 telling to filter, page 10 000 still answers', async () => {
    const agent = await loggedInAgent(state.app.app, MAUD)
    for (const page of ['10001', '999999']) {
      const response = await agent.get(QUEUE).query({ page })
      expect(response.status).toBe(400)
      expect(response.body.message).toBe('Filtres invalides : page : 10000 au plus (affinez les filtres).')
    }
    const last = await queue(agent, { page: 10_000 })
    expect(last).toMatchObject({ page: 10_000, items: [] })
  })
})
