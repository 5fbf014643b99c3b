import { beforeAll, describe, expect, it } from 'vitest'
import { suggestMatches } from '../../src/domain/matching/index.js'
import { evaluate, runInBatches, type Quality } from '../../bench/evaluate.js'
import { generateLedger } from '../../bench/ledger.js'

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
