/**
 * "Accepter la sélection" in the work queue: the best suggestion of each selected payment, only when
 * "sûr" or "probable", applied with the bulk run's safety (a preview that changes nothing, then only
 * the exact pairs previewed); and every bulk run notifies once, with a summary, not once per payment.
 */
import { describe, expect, it } from 'vitest'
import { seedDemoData } from '../../examples/src/seed.js'
import { loggedInAgent, useTestApp } from '../helpers/app.js'
import { databaseKinds } from '../helpers/databases.js'

const MAUD = { email: 'maud@test.fr', password: 'mot-de-passe-demo' }
const ACCEPT = '/admin/api/resources/TransactionQonto/actions/accepterSuggestions'
const ALL = '/admin/api/resources/TransactionQonto/actions/rapprocherTout'
const command = (body: object) => ({ body: JSON.stringify(body) })

describe.each(databaseKinds())('Maud accepts the suggestions she reviewed, together (%s)', (kind) => {
  const state = useTestApp(async (db) => void (await seedDemoData(db.prisma, { adminEmail: MAUD.email, adminPassword: MAUD.password })), kind)
  const byReference = (reference: string) => state.db.prisma.transactionQonto.findFirstOrThrow({ where: { reference } })
  const autoNotifications = async () => {
    const maud = await state.db.prisma.user.findFirstOrThrow({ where: { email: MAUD.email } })
    return state.db.prisma.notification.findMany({ where: { userId: maud.id, type: 'RAPPROCHEMENT_AUTO' }, orderBy: { date: 'asc' } })
  }

  it('previews only the "probable" and "sûr" ones, applies exactly them after the fingerprint, and notifies once', async () => {
    const agent = await loggedInAgent(state.app.app, MAUD)
    // Two "probable" (payer by name; an incomplete invoice number) and one "à vérifier" (amount only).
    const probable = [await byReference('REGLEMENT'), await byReference('cafe olympe facture 126')]
    const toCheck = await byReference('VIREMENT')
    const transactionIds = [...probable, toCheck].map((t) => t.id)
    const preview = (await agent.post(ACCEPT).send(command({ transactionIds }))).body
    expect(preview.ok).toBe(true)
    expect(preview.preview.count).toBe(2)
    expect(preview.preview.items.map((i: { transactionId: string }) => i.transactionId).sort()).toEqual(probable.map((t) => t.id).sort())
    expect(preview.message).toContain('2 paiements')
    expect(await state.db.prisma.qontoAllocation.count({ where: { transactionId: { in: transactionIds } } })).toBe(0)

    const stale = await agent.post(ACCEPT).send(command({ transactionIds, confirm: true, expectedCount: 2, expectedFingerprint: '0'.repeat(64) }))
    expect(stale.body).toMatchObject({ ok: false, changed: true })
    expect(stale.body.message).toContain("rien n'a été modifié")
    expect(await state.db.prisma.qontoAllocation.count({ where: { transactionId: { in: transactionIds } } })).toBe(0)

    const notifiedBefore = new Set((await autoNotifications()).map((n) => n.id))
    const applied = await agent.post(ACCEPT).send(command({ transactionIds, confirm: true, expectedCount: 2, expectedFingerprint: preview.preview.fingerprint }))
    expect(applied.body).toMatchObject({ ok: true, message: '2 suggestions acceptées, 1 paiement laissé à traiter.' })
    const allocations = await state.db.prisma.qontoAllocation.findMany({ where: { transactionId: { in: transactionIds } } })
    expect(allocations.map((a) => a.transactionId).sort()).toEqual(probable.map((t) => t.id).sort())
    expect(new Set(allocations.map((a) => a.mode))).toEqual(new Set(['SUGGESTION']))
    const notified = (await autoNotifications()).filter((n) => !notifiedBefore.has(n.id))
    expect(notified).toHaveLength(1)
    expect(notified[0]!.titre).toBe('Suggestions acceptées')
    expect(notified[0]!.message).toMatch(/^2 paiements \(.*\) rapprochés : FACT-2026-/)
  })

  it('refuses a selection that is not a list of 1 to 100 payments, and a GET, changing nothing', async () => {
    const agent = await loggedInAgent(state.app.app, MAUD)
    for (const body of [command({}), command({ transactionIds: [] }), command({ transactionIds: Array.from({ length: 101 }, (_, i) => `t${i}`) })]) {
      const refused = await agent.post(ACCEPT).send(body)
      expect(refused.body).toMatchObject({ ok: false })
      expect(refused.body.message).toContain('Rien n’a été modifié')
    }
    expect((await agent.get(ACCEPT)).body.preview).toBeUndefined()
  })

  it('"Tout rapprocher automatiquement" notifies once per run, with the count and the total, not once per payment', async () => {
    const agent = await loggedInAgent(state.app.app, MAUD)
    const before = new Set((await autoNotifications()).map((n) => n.id))
    const preview = (await agent.post(ALL).send(command({ preview: true }))).body.preview
    expect(preview.count).toBeGreaterThan(3)
    const applied = await agent.post(ALL).send(command({ confirm: true, expectedCount: preview.count, expectedFingerprint: preview.fingerprint }))
    expect(applied.body.ok).toBe(true)
    const notified = (await autoNotifications()).filter((n) => !before.has(n.id))
    expect(notified).toHaveLength(1)
    expect(notified[0]!.titre).toBe('Rapprochement automatique')
    expect(notified[0]!.message).toContain(`${preview.count} paiements`)
  })
})
