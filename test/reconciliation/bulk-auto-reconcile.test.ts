/**
 * "Rapprocher automatiquement" never applies anything on a single unconfirmed click: a POST without
 * `confirm` is a dry run, the apply step needs the count Maud saw, and a stale count changes nothing.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { seedDemoData } from '../../examples/src/seed.js'
import { databaseKinds, type TestDatabase } from '../helpers/databases.js'
import { loggedInAgent, useTestApp } from '../helpers/app.js'

const MAUD = { email: 'maud@test.fr', password: 'mot-de-passe-demo' }
const ALL = '/admin/api/resources/TransactionQonto/actions/rapprocherTout'
const BULK = '/admin/api/resources/TransactionQonto/bulk/rapprocherAutomatiquement'
const command = (body: object) => ({ body: JSON.stringify(body) })

interface PreviewItem { transactionId: string; date: string; day: string; payer: string | null; amountCents: number; invoices: string[] }
interface Preview { count: number; totalCents: number; fingerprint: string; items: PreviewItem[] }

/** Everything an application would change: allocations, audit, reconciled flags, invoice statuses, e-mails. */
const snapshotOf = async (prisma: TestDatabase['prisma']) => ({
  allocations: await prisma.qontoAllocation.count(),
  audit: await prisma.qontoAuditLog.count(),
  reconciled: (await prisma.transactionQonto.findMany({ where: { associe: true }, select: { id: true }, orderBy: { id: 'asc' } })).map((t) => t.id),
  paid: (await prisma.document.findMany({ where: { statut: 'PAYE' }, select: { reference: true }, orderBy: { reference: 'asc' } })).map((d) => d.reference),
  emails: await prisma.qontoEmailOutbox.count(),
})

describe.each(databaseKinds())('Maud auto-reconciles the demo month in two steps (%s)', (kind) => {
  const state = useTestApp(async (db) => void (await seedDemoData(db.prisma, { adminEmail: MAUD.email, adminPassword: MAUD.password })), kind)

  const snapshot = () => snapshotOf(state.db.prisma)

  let before: Awaited<ReturnType<typeof snapshot>>
  beforeEach(async () => {
    before = await snapshot()
  })

  it('a POST without confirm only previews: count, total and each payment with payer, amount and invoices; nothing changes', async () => {
    const agent = await loggedInAgent(state.app.app, MAUD)
    for (const body of [{}, command({ preview: true }), command({ expectedCount: 3 }), command({ confirm: false, expectedCount: 3 })]) {
      const response = await agent.post(ALL).send(body)
      expect(response.status).toBe(200)
      expect(response.body.ok).toBe(true)
      const preview = response.body.preview as { count: number; totalCents: number; items: PreviewItem[] }
      expect(preview.count).toBeGreaterThan(3)
      expect(preview.items).toHaveLength(preview.count)
      expect(preview.totalCents).toBe(preview.items.reduce((sum, i) => sum + i.amountCents, 0))
      expect(response.body.message).toContain(`${preview.count} paiements`)
    }
    const preview = (await agent.post(ALL).send(command({ preview: true }))).body.preview as { items: PreviewItem[] }
    const glow = preview.items.find((i) => i.invoices.includes('FACT-2026-110'))!
    expect(glow).toMatchObject({ payer: 'GLOW COSMETICS SAS', amountCents: 150000 })
    expect(glow.day).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    // A GET never previews nor applies.
    expect((await agent.get(ALL)).body.preview).toBeUndefined()
    expect(await snapshot()).toEqual(before)
  })

  it('a stale expectedCount (or total) is refused in French with the new set, and nothing changes', async () => {
    const agent = await loggedInAgent(state.app.app, MAUD)
    const { count, totalCents, fingerprint } = (await agent.post(ALL).send(command({ preview: true }))).body.preview
    const stale = await agent.post(ALL).send(command({ confirm: true, expectedCount: count + 1, expectedFingerprint: fingerprint }))
    expect(stale.body).toMatchObject({ ok: false, changed: true, preview: { count, totalCents } })
    expect(stale.body.message).toMatch(/ont changé depuis l'aperçu .*rien n'a été modifié/)
    const wrongTotal = await agent.post(ALL).send(command({ confirm: true, expectedCount: count, expectedTotalCents: totalCents - 1, expectedFingerprint: fingerprint }))
    expect(wrongTotal.body.ok).toBe(false)
    const noCount = await agent.post(ALL).send(command({ confirm: true }))
    expect(noCount.body).toMatchObject({ ok: false })
    expect(noCount.body.message).toContain("Rien n'a été modifié")
    const invalid = await agent.post(ALL).send(command({ confirm: true, expectedCount: 'neuf' }))
    expect(invalid.body).toMatchObject({ ok: false })
    expect(invalid.body.message).toContain('Requête invalide')
    expect(await snapshot()).toEqual(before)
  })

  it('when one previewed payment is reconciled by hand meanwhile, the confirmation is refused and changes nothing', async () => {
    const agent = await loggedInAgent(state.app.app, MAUD)
    const preview = (await agent.post(ALL).send(command({ preview: true }))).body.preview as Preview
    const taken = preview.items.find((i) => i.invoices.length === 1)!
    const invoice = await state.db.prisma.document.findUniqueOrThrow({ where: { reference: taken.invoices[0]! } })
    const byHand = await agent
      .post(`/admin/api/resources/TransactionQonto/records/${taken.transactionId}/associer`)
      .send(command({ op: 'associate', mode: 'MANUEL', allocations: [{ invoiceId: invoice.id, amountCents: taken.amountCents }], confirmed: true }))
    expect(byHand.body.ok).toBe(true)
    const meanwhile = await snapshot()
    const stale = await agent.post(ALL).send(command({ confirm: true, expectedCount: preview.count, expectedFingerprint: preview.fingerprint }))
    expect(stale.body).toMatchObject({ ok: false, changed: true, preview: { count: preview.count - 1 } })
    expect(await snapshot()).toEqual(meanwhile)
  })

  it('the selection previews only its own payments; confirming applies exactly them', async () => {
    const agent = await loggedInAgent(state.app.app, MAUD)
    const selected = [
      await state.db.prisma.transactionQonto.findFirstOrThrow({ where: { reference: 'fact2026111' } }),
      await state.db.prisma.transactionQonto.findFirstOrThrow({ where: { reference: 'VIREMENT' } }),
    ]
    const url = `${BULK}?recordIds=${selected.map((s) => s.id).join(',')}`
    const preview = (await agent.post(url).send(command({ preview: true }))).body.preview
    expect(preview.count).toBe(1)
    expect(preview.items[0].transactionId).toBe(selected[0]!.id)
    expect(await snapshot()).toEqual(before)
    const applied = await agent.post(url).send(command({ confirm: true, expectedCount: 1, expectedFingerprint: preview.fingerprint }))
    expect(applied.body).toMatchObject({ ok: true, message: '1 paiement rapproché automatiquement, 1 à traiter.' })
    const reconciledNow = (await snapshot()).reconciled
    expect(reconciledNow.filter((id) => !before.reconciled.includes(id))).toEqual([selected[0]!.id])
  })

  it('confirm with the count seen applies exactly the previewed payments and invoices, then nothing is left to preview', async () => {
    const agent = await loggedInAgent(state.app.app, MAUD)
    const preview = (await agent.post(ALL).send(command({ preview: true }))).body.preview as Preview
    const applied = await agent.post(ALL).send(command({ confirm: true, expectedCount: preview.count, expectedTotalCents: preview.totalCents, expectedFingerprint: preview.fingerprint }))
    expect(applied.body.ok).toBe(true)
    expect(applied.body.report.matched).toBe(preview.count)
    expect(applied.body.message).toContain(`${preview.count} paiements rapprochés automatiquement`)
    const after = await snapshot()
    expect(after.reconciled.filter((id) => !before.reconciled.includes(id)).sort()).toEqual(preview.items.map((i) => i.transactionId).sort())
    const automatic = await state.db.prisma.qontoAllocation.findMany({
      where: { mode: 'AUTOMATIQUE', transactionId: { in: preview.items.map((i) => i.transactionId) } },
      include: { facture: { select: { reference: true } } },
    })
    expect(automatic.map((a) => `${a.transactionId}:${a.facture.reference}`).sort()).toEqual(
      preview.items.flatMap((i) => i.invoices.map((reference) => `${i.transactionId}:${reference}`)).sort(),
    )
    expect((await agent.post(ALL).send(command({ preview: true }))).body.preview.count).toBe(0)
  })
})

describe.each(databaseKinds())('Maud confirms exactly the payments she saw (%s)', (kind) => {
  const state = useTestApp(async (db) => void (await seedDemoData(db.prisma, { adminEmail: MAUD.email, adminPassword: MAUD.password })), kind)
  const snapshot = () => snapshotOf(state.db.prisma)

  it('Maud confirms after a colleague reconciled one previewed payment by hand and a new "sûr" payment of the same amount arrived: same count and total, refused by the fingerprint, nothing applied nor e-mailed', async () => {
    const agent = await loggedInAgent(state.app.app, MAUD)
    const preview = (await agent.post(ALL).send(command({ preview: true }))).body.preview as Preview
    expect(preview.fingerprint).toMatch(/^[0-9a-f]{64}$/)
    const taken = preview.items.find((i) => i.invoices.length === 1)!
    const invoice = await state.db.prisma.document.findUniqueOrThrow({ where: { reference: taken.invoices[0]! } })
    const payment = await state.db.prisma.transactionQonto.findUniqueOrThrow({ where: { id: taken.transactionId } })
    const byHand = await agent
      .post(`/admin/api/resources/TransactionQonto/records/${taken.transactionId}/associer`)
      .send(command({ op: 'associate', mode: 'MANUEL', allocations: [{ invoiceId: invoice.id, amountCents: taken.amountCents }], confirmed: true }))
    expect(byHand.body.ok).toBe(true)
    // Same client, same amount, named in the transfer: a payment Maud never saw, that the rule would apply.
    const newcomer = await state.db.prisma.document.create({
      data: { reference: 'FACT-2026-990', type: 'FACTURE', marqueId: invoice.marqueId, montantTTC: invoice.montantTTC, montantPaye: 0, statut: 'ENVOYE', dateEmission: new Date('2026-11-02T00:00:00Z') },
    })
    const arrived = await state.db.prisma.transactionQonto.create({
      data: {
        qontoId: 'q-arrived-meanwhile', montant: payment.montant, statut: 'SETTLED', sens: 'CREDIT', reference: 'FACT-2026-990', libelle: payment.libelle,
        emetteur: payment.emetteur, emetteurIban: payment.emetteurIban, dateTransaction: new Date(), qontoUpdatedAt: new Date(),
      },
    })
    const now = (await agent.post(ALL).send(command({ preview: true }))).body.preview as Preview
    expect(now.items.map((i) => i.transactionId)).toContain(arrived.id)
    expect({ count: now.count, totalCents: now.totalCents }).toEqual({ count: preview.count, totalCents: preview.totalCents })
    expect(now.fingerprint).not.toBe(preview.fingerprint)
    const meanwhile = await snapshot()
    const stale = await agent.post(ALL).send(command({ confirm: true, expectedCount: preview.count, expectedTotalCents: preview.totalCents, expectedFingerprint: preview.fingerprint }))
    expect(stale.body).toMatchObject({ ok: false, changed: true, preview: { count: now.count, fingerprint: now.fingerprint } })
    expect(stale.body.message).toMatch(/ont changé depuis l'aperçu .*rien n'a été modifié/)
    expect(await snapshot()).toEqual(meanwhile)
    expect(await state.db.prisma.qontoAllocation.count({ where: { factureId: newcomer.id } })).toBe(0)
    // Without the fingerprint, a count alone no longer confirms anything.
    const countOnly = await agent.post(ALL).send(command({ confirm: true, expectedCount: now.count }))
    expect(countOnly.body).toMatchObject({ ok: false })
    expect(countOnly.body.message).toContain("Rien n'a été modifié")
    expect(await snapshot()).toEqual(meanwhile)
    // Confirming what she now sees applies exactly those pairs.
    const applied = await agent.post(ALL).send(command({ confirm: true, expectedCount: now.count, expectedFingerprint: now.fingerprint }))
    expect(applied.body).toMatchObject({ ok: true, report: { matched: now.count } })
    expect(await state.db.prisma.qontoAllocation.count({ where: { factureId: newcomer.id, transactionId: arrived.id, mode: 'AUTOMATIQUE' } })).toBe(1)
  })
})
