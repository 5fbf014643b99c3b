/**
 * What the dashboard's cards open: the overdue invoices (oldest due first, what is owed, the Qonto
 * payments received on each) and the user's own notifications (read on open, all at once).
 */
import { describe, expect, it } from 'vitest'
import { seedDemoData } from '../../examples/src/seed.js'
import { notify } from '../../src/context.js'
import { overdueInvoices } from '../../src/reconcile/overdue-invoices.service.js'
import { loggedInAgent, testContext, useTestApp } from '../helpers/app.js'

const MAUD = { email: 'maud@test.fr', password: 'mot-de-passe-demo' }
const API = '/admin/api/resources/TransactionQonto/actions'
const command = (body: object) => ({ body: JSON.stringify(body) })

describe("the dashboard's cards lead somewhere", () => {
  const state = useTestApp(async (db) => void (await seedDemoData(db.prisma, { adminEmail: MAUD.email, adminPassword: MAUD.password })))

  it('lists the overdue invoices oldest due first, with what is still owed and the payments already received', async () => {
    const agent = await loggedInAgent(state.app.app, MAUD)
    const dashboard = (await agent.get('/admin/api/dashboard')).body
    // A partial payment first, so one overdue invoice has a payment received.
    const acompte = await state.db.prisma.transactionQonto.findFirstOrThrow({ where: { reference: 'Acompte FACT-2026-122' } })
    const invoice = await state.db.prisma.document.findUniqueOrThrow({ where: { reference: 'FACT-2026-122' } })
    await agent.post(`/admin/api/resources/TransactionQonto/records/${acompte.id}/associer`)
      .send(command({ op: 'associate', mode: 'MANUEL', allocations: [{ invoiceId: invoice.id, amountCents: 100000 }], confirmed: true }))
    const { invoices } = (await agent.get(`${API}/facturesEnRetard`)).body as { invoices: Array<{ reference: string; dueDate: string; daysLate: number; owedCents: number; totalCents: number; payments: Array<{ amountCents: number }> }> }
    expect(invoices.length).toBe(dashboard.stats.overdue.count)
    expect(invoices.map((i) => i.dueDate)).toEqual([...invoices.map((i) => i.dueDate)].sort())
    expect(invoices.every((i) => i.daysLate > 0 && i.owedCents > 0)).toBe(true)
    // Months later every open invoice is overdue, the partly paid one too, with the payment received.
    const later = await overdueInvoices(testContext(state.db), { now: new Date('2027-06-01T12:00:00Z'), limit: 500 })
    expect(later.length).toBeGreaterThan(invoices.length)
    const partial = later.find((i) => i.reference === 'FACT-2026-122')!
    expect(partial.payments).toEqual([expect.objectContaining({ amountCents: 100000 })])
    expect(partial.owedCents).toBe(partial.totalCents - 100000)
    expect(invoices.reduce((sum, i) => sum + i.owedCents, 0)).toBe((await agent.get('/admin/api/dashboard')).body.stats.overdue.totalCents)
  })

  it("lists the user's notifications, marks one read on open and all at once, never someone else's", async () => {
    const ctx = testContext(state.db)
    await state.db.prisma.$transaction((tx) =>
      notify(ctx, tx, [1, 2, 3].map((n) => ({ key: `dash-${n}`, type: 'PAIEMENT_RECU' as const, title: `Nouveau paiement ${n}`, message: `m${n}`, link: null }))),
    )
    const agent = await loggedInAgent(state.app.app, MAUD)
    const listed = (await agent.get(`${API}/notificationsRapprochement`)).body
    expect(listed.unread).toBeGreaterThanOrEqual(3)
    const first = listed.notifications.find((n: { title: string }) => n.title === 'Nouveau paiement 1')
    expect(first).toMatchObject({ read: false })
    // A GET never marks anything read.
    expect((await agent.get(`${API}/notificationsRapprochement`)).body.unread).toBe(listed.unread)
    const opened = (await agent.post(`${API}/notificationsRapprochement`).send(command({ ids: [first.id] }))).body
    expect(opened).toMatchObject({ ok: true, count: 1, unread: listed.unread - 1 })
    const other = await state.db.prisma.user.create({ data: { email: 'autre@test.fr', nom: 'Autre', role: 'LECTEUR', passwordHash: 'x' } })
    const theirs = await state.db.prisma.notification.create({ data: { userId: other.id, type: 'PAIEMENT_RECU', titre: 't', message: 'm' } })
    const refused = (await agent.post(`${API}/notificationsRapprochement`).send(command({ ids: [theirs.id] }))).body
    expect(refused.count).toBe(0)
    const all = (await agent.post(`${API}/notificationsRapprochement`).send(command({ all: true }))).body
    expect(all).toMatchObject({ ok: true, unread: 0 })
    expect(all.message).toMatch(/notifications? marquées? comme lues?/)
    expect((await state.db.prisma.notification.findUniqueOrThrow({ where: { id: theirs.id } })).lu).toBe(false)
    expect((await agent.get('/admin/api/dashboard')).body.unreadNotifications).toBe(0)
    const invalid = (await agent.post(`${API}/notificationsRapprochement`).send(command({ ids: [] }))).body
    expect(invalid.ok).toBe(false)
  })
})
