/** Runs a matcher on the hand-written adversarial cases (test/matching/adversarial-cases.ts). */
import { ADVERSARIAL_CASES, ADVERSARIAL_CLIENTS, type AdversarialCase } from '../test/matching/adversarial-cases.js'
import type { Matcher } from './evaluate.js'

export interface AdversarialQuality {
  cases: number
  /** Cases whose expected answer is an allocation (not "none"). */
  withTop: number
  top1: number
  autoApplied: number
  autoWrong: number
  /** Cases where an automatic match is acceptable, and how many of them were auto-applied rightly. */
  autoAllowed: number
  autoCorrect: number
  wrongAutoCases: string[]
  missedTop1Cases: string[]
}

const sameSet = (ids: string[], expected: string[]) => ids.length === expected.length && expected.every((id) => ids.includes(id))

export function evaluateAdversarial(matcher: Matcher, cases: AdversarialCase[] = ADVERSARIAL_CASES, clients = ADVERSARIAL_CLIENTS): AdversarialQuality {
  const quality: AdversarialQuality = { cases: cases.length, withTop: 0, top1: 0, autoApplied: 0, autoWrong: 0, autoAllowed: 0, autoCorrect: 0, wrongAutoCases: [], missedTop1Cases: [] }
  for (const testCase of cases) {
    const [result] = matcher({ clients, invoices: testCase.invoices, history: testCase.history }, [testCase.payment])
    const ids = (index: number) => result!.suggestions[index]?.allocations.map((a) => a.invoiceId) ?? []
    if (testCase.top !== 'none') {
      quality.withTop += 1
      if (sameSet(ids(0), testCase.top)) quality.top1 += 1
      else quality.missedTop1Cases.push(testCase.name)
    }
    if (testCase.auto) quality.autoAllowed += 1
    const auto = result!.suggestions.find((s) => s.autoApply)
    if (!auto) continue
    quality.autoApplied += 1
    const right = testCase.auto && testCase.top !== 'none' && sameSet(auto.allocations.map((a) => a.invoiceId), testCase.top)
    if (right) quality.autoCorrect += 1
    else {
      quality.autoWrong += 1
      quality.wrongAutoCases.push(testCase.name)
    }
  }
  return quality
}
