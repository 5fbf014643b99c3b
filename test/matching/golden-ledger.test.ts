import { beforeAll, describe, expect, it } from 'vitest'
import { suggestMatches } from '../../src/domain/matching/index.js'
import { evaluate, runInBatches, type Quality } from '../../bench/evaluate.js'
import { generateLedger } from '../../bench/ledger.js'
import { generateShape } from '../../bench/shapes.js'

/** A labelled ledger with every kind of payment; the full-size figures come from `npm run bench:match`. */
describe('golden generated ledger', () => {
  let quality: Quality
  beforeAll(() => {
    const ledger = generateLedger({ clients: 120, invoices: 1500, payments: 800, seed: 3 })
    quality = evaluate(
      ledger.payments,
      runInBatches(ledger, (batchLedger, payments) => suggestMatches(batchLedger, payments)),
    )
  })

  it('never auto-applies a wrong match', () => {
    expect(quality.autoApplied).toBeGreaterThan(0)
    expect(quality.autoApplied - quality.autoCorrect).toBe(0)
  })

  it('auto-applies at least 40 % of payments', () => {
    expect(quality.autoCoverage).toBeGreaterThanOrEqual(0.4)
  })

  it('ranks the right allocation first for at least 95 % of payments', () => {
    expect(quality.top1).toBeGreaterThanOrEqual(0.95)
  })

  it('never auto-applies an unrelated income', () => {
    expect(quality.byKind.unrelated?.auto).toBe(0)
  })
})

/**
 * The round-amounts shape of `npm run bench:match` (most invoices share six round amounts), smaller:
 * a payer's only invoice of an amount is often also the sum of some of their other invoices, and
 * nothing in the payment says which (docs/matching.md §3). Quality only; its speed is in the bench.
 */
describe('generated round-amounts ledger', () => {
  it('never auto-applies a wrong match, although many invoices share a few amounts', () => {
    const ledger = generateShape('round-amounts', { payments: 3000, invoices: 6000 })
    const quality = evaluate(ledger.payments, suggestMatches(ledger, ledger.payments.map((p) => p.payment)))
    expect(quality.autoApplied).toBeGreaterThan(0)
    expect(quality.autoApplied - quality.autoCorrect).toBe(0)
  })
})
