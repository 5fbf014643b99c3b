import { describe, expect, it } from 'vitest'
import { suggestMatches } from '../../src/domain/matching/index.js'
import { evaluateAdversarial } from '../../bench/adversarial.js'
import { simpleBaseline } from '../../bench/evaluate.js'
import { ADVERSARIAL_CASES } from './adversarial-cases.js'
import { FR_CLIENTS, FRENCH_REMITTANCE_CASES } from './adversarial-cases-fr.js'

const engine = (ledger: Parameters<typeof suggestMatches>[0], payments: Parameters<typeof suggestMatches>[1]) => suggestMatches(ledger, payments)

/**
 * The figures docs/matching.md reports, pinned: the test fails if the engine gets worse on the
 * hand-written sets (a better figure is welcome: raise the pin with the doc).
 */
describe('hand-written adversarial figures (pinned)', () => {
  it('French remittances: zero wrong automatic match, top-1 and automatic coverage at least as reported', () => {
    const quality = evaluateAdversarial(engine, FRENCH_REMITTANCE_CASES, FR_CLIENTS)
    console.log(
      `french remittances: top-1 ${quality.top1}/${quality.withTop}, auto ${quality.autoCorrect}/${quality.autoAllowed}, wrong ${quality.autoWrong}` +
        (quality.missedTop1Cases.length ? `\n  top-1 missed: ${quality.missedTop1Cases.join(' | ')}` : ''),
    )
    expect(FRENCH_REMITTANCE_CASES.length).toBeGreaterThanOrEqual(30)
    expect(new Set(FRENCH_REMITTANCE_CASES.map((c) => c.name)).size).toBe(FRENCH_REMITTANCE_CASES.length)
    expect(quality.wrongAutoCases).toEqual([])
    expect(quality.top1).toBeGreaterThanOrEqual(PINNED.french.top1)
    expect(quality.autoCorrect).toBeGreaterThanOrEqual(PINNED.french.autoCorrect)
  })

  it('the first set: zero wrong automatic match, top-1 and automatic coverage at least as reported', () => {
    const quality = evaluateAdversarial(engine, ADVERSARIAL_CASES)
    expect(quality.wrongAutoCases).toEqual([])
    expect(quality.top1).toBeGreaterThanOrEqual(PINNED.first.top1)
    expect(quality.autoCorrect).toBeGreaterThanOrEqual(PINNED.first.autoCorrect)
  })

  it('the simple baseline, for comparison, is measured on the same cases', () => {
    const baseline = evaluateAdversarial(simpleBaseline, FRENCH_REMITTANCE_CASES, FR_CLIENTS)
    console.log(`baseline on french remittances: top-1 ${baseline.top1}/${baseline.withTop}, auto ${baseline.autoCorrect}/${baseline.autoAllowed}, wrong ${baseline.autoWrong}: ${baseline.wrongAutoCases.join(' | ')}`)
    expect(baseline.withTop).toBe(FRENCH_REMITTANCE_CASES.filter((c) => c.top !== 'none').length)
  })
})

/** docs/matching.md §4: French remittances 26/32 top-1, 9 of the 10 acceptable automatic matches; the first set 47/50, 15/15. */
const PINNED = {
  french: { top1: 26, autoCorrect: 9 },
  first: { top1: 47, autoCorrect: 15 },
}
