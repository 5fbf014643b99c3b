import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ReconciliationContext } from '../../src/context.js'
import { autoReconcile } from '../../src/reconcile/auto-reconcile.service.js'
import { dashboardStats } from '../../src/reconcile/dashboard.service.js'
import { associate, dissociate, type Actor } from '../../src/reconcile/reconciliation.service.js'
import { databaseWithMaud } from '../helpers/context.js'
import { databaseKinds, type TestDatabase } from '../helpers/databases.js'

describe.each(databaseKinds())('live precision on the dashboard, on %s', (kind) => {
  let db: TestDatabase
  let ctx: ReconciliationContext
  let maud: Actor
  beforeEach(async () => {
    ;({ db, ctx, maud } = await databaseWithMaud(kind, { actorLabel: 'Maud' }))
  })
  afterEach(async () => db.close())

  it('counts the automatic matches of the agency and those a person later undid; manual ones and re-associations are not automatic', async () => {
    expect((await dashboardStats(ctx)).livePrecision).toEqual({ automatic: 0, undone: 0, keptPermille: null })
    const ids: string[] = []
    for (const n of [1, 2, 3]) {
      await db.prisma.document.create({ data: { reference: `FACT-2026-00${n}`, montantTTC: `${n}00.00`, statut: 'ENVOYE', dateEmission: new Date('2026-10-01') } })
      ids.push((await db.prisma.transactionQonto.create({
        data: { qontoId: `q-${n}`, montant: `${n}00.00`, reference: `FACT-2026-00${n}`, sens: 'CREDIT', statut: 'SETTLED', dateTransaction: new Date('2026-11-20T10:00:00Z'), qontoUpdatedAt: new Date() },
      })).id)
    }
    expect(await autoReconcile(ctx)).toMatchObject({ matched: 3 })
    await dissociate(ctx, ids[0]!, maud)
    // Maud associates it again by hand: still one automatic match undone, not a new automatic one.
    const invoice = await db.prisma.document.findFirstOrThrow({ where: { reference: 'FACT-2026-001' } })
    await associate(ctx, { transactionId: ids[0]!, allocations: [{ invoiceId: invoice.id, amountCents: 10000 }], actor: maud, mode: 'MANUEL' })
    expect((await dashboardStats(ctx)).livePrecision).toEqual({ automatic: 3, undone: 1, keptPermille: 666 })
  })
})
