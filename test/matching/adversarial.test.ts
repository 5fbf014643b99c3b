import { describe, expect, it } from 'vitest'
import { suggestMatches } from '../../src/domain/matching/index.js'
import { evaluateAdversarial } from '../../bench/adversarial.js'
import { ADVERSARIAL_CASES } from './adversarial-cases.js'

describe('hand-written adversarial cases', () => {
  const quality = evaluateAdversarial((ledger, payments) => suggestMatches(ledger, payments))

  it('has at least 40 cases, each with a unique name', () => {
    expect(ADVERSARIAL_CASES.length).toBeGreaterThanOrEqual(40)
    expect(new Set(ADVERSARIAL_CASES.map((c) => c.name)).size).toBe(ADVERSARIAL_CASES.length)
  })

  it('never auto-applies a wrong match', () => {
    expect(quality.wrongAutoCases).toEqual([])
  })

  it('reports top-1 and auto-apply coverage', () => {
    console.log(
      `adversarial: top-1 ${quality.top1}/${quality.withTop}, auto ${quality.autoCorrect}/${quality.autoAllowed} allowed` +
        (quality.missedTop1Cases.length ? `\n  top-1 missed: ${quality.missedTop1Cases.join(' | ')}` : ''),
    )
    expect(quality.top1).toBeGreaterThan(0)
  })
})
