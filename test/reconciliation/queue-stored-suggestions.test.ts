/**
 * The work queue reads each payment's best suggestion back from the payment (issue 20: a page was
 * matched at read time, 0.8 to 2 s at 100,000 payments) — and never shows one that no longer holds:
 * the same as the live matcher's, recomputed when the payment or one of its invoices changed or a
 * suggestion was declined, refreshed in the background once old. The counts come from one aggregate
 * and equal a count per state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemoData } from '../../examples/src/seed.js'
import type { ReconciliationContext } from '../../src/context.js'
import { bestSuggestionsIdle, BEST_SUGGESTION_MAX_AGE_MS, forgetPayerBestSuggestions } from '../../src/reconcile/best-suggestion.service.js'
import { unreconciledCreditWhere } from '../../src/reconcile/dashboard.service.js'
import { suggestionsForRows, TRANSACTION_SELECT } from '../../src/reconcile/matching-data.service.js'
import { backfillPayerKeys } from '../../src/reconcile/payer-history.service.js'
import { paymentCounts } from '../../src/reconcile/payment-counts.service.js'
import { workQueue } from '../../src/reconcile/work-queue.service.js'
import { testContext } from '../helpers/context.js'
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases.js'

describe.each(databaseKinds())('the queue\'s stored best suggestions (%s)', (kind) => {
  let db: TestDatabase
  let ctx: ReconciliationContext
  /** How many payments the matcher was asked about since the last reset. */
  let matched = 0
  beforeAll(async () => {
    db = await createTestDatabase(kind)
    await seedDemoData(db.prisma, { adminEmail: 'maud@test.fr', adminPassword: 'mot-de-passe-demo' })
    ctx = testContext(db)
    await backfillPayerKeys(ctx)
    const candidatesForEach = ctx.invoices.candidatesForEach.bind(ctx.invoices)
    ctx.invoices.candidatesForEach = async (prisma, queries) => {
      matched += queries.length
      return candidatesForEach(prisma, queries)
    }
  }, 120_000)
  afterAll(async () => {
    await bestSuggestionsIdle(ctx)
    await db?.close()
  })

  const liveBest = async () => {
    const rows = await db.prisma.transactionQonto.findMany({ where: unreconciledCreditWhere, orderBy: [{ dateTransaction: 'asc' }, { id: 'asc' }], select: TRANSACTION_SELECT })
    const results = await suggestionsForRows(ctx, rows, { maxSuggestions: 1 })
    return new Map(results.map((r) => [r.transactionId, r.suggestions[0] ?? null]))
  }
  const shown = (page: Awaited<ReturnType<typeof workQueue>>) =>
    new Map(page.items.map((i) => [i.id, i.best ? { allocations: i.best.allocations, score: i.best.score, autoApply: i.best.autoApply } : null]))
  const same = (s: { allocations: unknown; score: number; autoApply: boolean } | null) => (s ? { allocations: s.allocations, score: s.score, autoApply: s.autoApply } : null)

  it('shows what the live matcher suggests, then reads it back without matching again', async () => {
    matched = 0
    const first = await workQueue(ctx, { perPage: 100 })
    expect(first.items.length).toBeGreaterThan(10)
    expect(matched).toBe(first.items.length)
    const live = await liveBest()
    for (const [id, best] of shown(first)) expect(best, id).toEqual(same(live.get(id)!))
    expect([...shown(first).values()].filter(Boolean).length).toBeGreaterThan(5)

    matched = 0
    const again = await workQueue(ctx, { perPage: 100 })
    expect(matched).toBe(0)
    expect(shown(again)).toEqual(shown(first))
  })

  it('recomputes a payment whose invoice was paid elsewhere, or whose amount left changed, and only those', async () => {
    await workQueue(ctx, { perPage: 100 })
    const page = await workQueue(ctx, { perPage: 100 })
    const [a, b] = page.items.filter((i) => i.best !== null && i.best.invoices.length === 1)
    expect(a && b).toBeTruthy()
    // Its invoice is now paid (by a cheque the host recorded itself): the stored suggestion no longer holds.
    await db.prisma.document.update({ where: { id: a!.best!.invoices[0]!.id }, data: { statut: 'PAYE' } })
    // Part of the other payment is allocated: what it looks for changed.
    await db.sql.query(`UPDATE transactions_qonto SET "montantAlloue" = 1 WHERE id = $1`, [b!.id])

    matched = 0
    const after = await workQueue(ctx, { perPage: 100 })
    expect(matched).toBe(2)
    // Those two are the live matcher's again (the others may trail until they are refreshed by age).
    const live = await liveBest()
    for (const id of [a!.id, b!.id]) expect(shown(after).get(id), id).toEqual(same(live.get(id)!))
    expect(after.items.find((i) => i.id === a!.id)!.best?.invoices.map((i) => i.id) ?? []).not.toContain(a!.best!.invoices[0]!.id)
  })

  it('forgets a payer\'s stored suggestions (a suggestion declined), and refreshes old ones in the background', async () => {
    const withPayer = (await workQueue(ctx, { perPage: 100 })).items.find((i) => i.best !== null)!
    await forgetPayerBestSuggestions(ctx, withPayer.id)
    matched = 0
    const page = await workQueue(ctx, { perPage: 100 })
    expect(matched).toBeGreaterThanOrEqual(1)

    const old = new Date(Date.now() - BEST_SUGGESTION_MAX_AGE_MS - 60_000)
    await db.sql.query(`UPDATE transactions_qonto SET "meilleureSuggestionLe" = $1 WHERE "meilleureSuggestionLe" IS NOT NULL`, [old.toISOString()])
    matched = 0
    const stale = await workQueue(ctx, { perPage: 100 })
    await bestSuggestionsIdle(ctx)
    // Shown at once from what was stored, recomputed afterwards.
    expect(shown(stale)).toEqual(shown(page))
    expect(matched).toBe(stale.items.length)
    const [row] = (await db.sql.query(`SELECT min("meilleureSuggestionLe") AS oldest FROM transactions_qonto WHERE "meilleureSuggestionLe" IS NOT NULL`)) as Array<{ oldest: Date }>
    expect(new Date(row!.oldest).getTime()).toBeGreaterThan(old.getTime())
    // Refreshed: every one is the live matcher's again.
    const live = await liveBest()
    for (const [id, best] of shown(await workQueue(ctx, { perPage: 100 }))) expect(best, id).toEqual(same(live.get(id)!))
  })

  it('counts every state in one aggregate, the same as one count per state, with and without filters', async () => {
    await db.prisma.transactionQonto.updateMany({ where: { emetteur: 'URSSAF ILE DE FRANCE' }, data: { ignoreCategorie: 'REMBOURSEMENT' } })
    const naive = async (extra: object) => ({
      toReconcile: await db.prisma.transactionQonto.count({ where: { ...unreconciledCreditWhere, ...extra } }),
      reconciled: await db.prisma.transactionQonto.count({ where: { sens: 'CREDIT', associe: true, ...extra } }),
      ignored: await db.prisma.transactionQonto.count({ where: { sens: 'CREDIT', statut: 'SETTLED', ignoreCategorie: { not: null }, ...extra } }),
      flagged: await db.prisma.transactionQonto.count({ where: { aVerifier: true, ...extra } }),
      credits: await db.prisma.transactionQonto.count({ where: { sens: 'CREDIT', ...extra } }),
    })
    const pick = (c: Awaited<ReturnType<typeof paymentCounts>>) => ({ toReconcile: c.toReconcile.count, reconciled: c.reconciled.count, ignored: c.ignored.count, flagged: c.flagged, credits: c.credits })
    const all = await paymentCounts(db.prisma)
    expect(pick(all)).toEqual(await naive({}))
    expect(all.ignored.count).toBe(1)
    expect(all.toReconcile.totalCents).toBeGreaterThan(0)
    const filtered = await paymentCounts(db.prisma, { minCents: 100_000, maxCents: 500_000, from: new Date('2026-11-01T00:00:00Z') })
    expect(pick(filtered)).toEqual(await naive({ montant: { gte: '1000.00', lte: '5000.00' }, dateTransaction: { gte: new Date('2026-11-01T00:00:00Z') } }))
    expect(filtered.credits).toBeLessThan(all.credits)
  })
})
