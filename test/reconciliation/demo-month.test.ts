import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { autoReconcile } from '../../src/reconcile/auto-reconcile.service.js'
import { suggestionsForTransaction } from '../../src/reconcile/matching-data.service.js'
import { seedDemoData } from '../../examples/src/seed.js'
import { testContext } from '../helpers/context.js'
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases.js'

describe.each(databaseKinds())('the demo agency month on %s', (kind) => {
  let db: TestDatabase
  beforeAll(async () => {
    db = await createTestDatabase(kind)
    await seedDemoData(db.prisma, { adminEmail: 'maud@test.fr', adminPassword: 'mot-de-passe-demo' })
  })
  afterAll(async () => db.close())

  const byReference = (reference: string) => db.prisma.transactionQonto.findFirstOrThrow({ where: { reference } })
  const invoiceOf = (id: string) => db.prisma.document.findUniqueOrThrow({ where: { id } })

  it('suggests the right invoice for a name-only payment, with reasons, from indexed candidates', async () => {
    const tx = await byReference('REGLEMENT')
    const result = await suggestionsForTransaction(testContext(db), tx.id)
    const best = result!.suggestions[0]!
    expect((await invoiceOf(best.allocations[0]!.invoiceId)).reference).toBe('FACT-2026-117')
    expect(best.reasons.map((r) => r.code)).toContain('CLIENT_NAME')
    expect(best.autoApply).toBe(false)
  })

  it('applies only unambiguous matches and leaves the rest for Maud', async () => {
    const report = await autoReconcile(testContext(db))
    expect(report.examined).toBe(25)
    expect(report.matched).toBeGreaterThanOrEqual(10)
    const paid = async (reference: string) => (await db.prisma.document.findUniqueOrThrow({ where: { reference } })).statut
    expect(await paid('FACT-2026-110')).toBe('PAYE')
    expect(await paid('FACT-2026-111')).toBe('PAYE')
    expect(await paid('FACT-2026-116')).toBe('PAYE')
    expect(await paid('FACT-2026-120')).toBe('PAYE')
    expect(await paid('FACT-2026-121')).toBe('PAYE')
    expect(await paid('FACT-2026-117')).toBe('ENVOYE')
    for (const reference of ['VIREMENT', 'Régularisation cotisations', 'Acompte FACT-2026-122', 'FACT-2026-123']) {
      expect((await byReference(reference)).associe).toBe(false)
    }
    const automatic = await db.prisma.qontoAuditLog.count({ where: { action: 'ASSOCIATION', automatique: true } })
    expect(automatic).toBe(report.matched)
    // One summary of the run for the one admin, not one notification per payment (issue 20).
    expect(await db.prisma.notification.count({ where: { type: 'RAPPROCHEMENT_AUTO' } })).toBe(1)
    const again = await autoReconcile(testContext(db))
    expect(again.matched).toBe(0)
  })
})
