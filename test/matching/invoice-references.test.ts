import { describe, expect, it } from 'vitest'
import { extractReferenceKeys, invoiceKey } from '../../src/domain/matching/index.js'

const finds = (text: string, number: string) => extractReferenceKeys(text).full.has(invoiceKey(number)!)

describe('invoice numbers found in transfer texts', () => {
  it.each([
    ['FACT-2026-001'],
    ['FACT 2026 001'],
    ['fact2026001'],
    ['Facture n° 2026-001'],
    ['VIR SEPA FACT-2026-001 MERCI'],
    ['Règlement facture FACT/2026/001.'],
  ])('reads "%s" as FACT-2026-001', (text) => {
    expect(finds(text, 'FACT-2026-001')).toBe(true)
  })

  it('finds several numbers in one reference, including an abbreviated continuation', () => {
    expect(finds('FACT-2026-120 + 121', 'FACT-2026-120')).toBe(true)
    expect(finds('FACT-2026-120 + 121', 'FACT-2026-121')).toBe(true)
    expect(finds('Facture 2026-0139 + 2026-0140', 'FAC-2026-0139')).toBe(true)
    expect(finds('Facture 2026-0139 + 2026-0140', 'FAC-2026-0140')).toBe(true)
  })

  it('matches whole tokens only: INV-1 is not INV-10, 2026-01 is not 2026-010', () => {
    expect(finds('INV-10', 'INV-1')).toBe(false)
    expect(finds('INV-1', 'INV-10')).toBe(false)
    expect(finds('paiement INV-1', 'INV-1')).toBe(true)
    expect(finds('FACT-2026-010', 'FACT-2026-01')).toBe(false)
    expect(finds('REF 12026001', 'FACT-2026-001')).toBe(false)
  })

  it('ignores texts without numbers', () => {
    expect(extractReferenceKeys('Paiement octobre', null, undefined).full.size).toBe(0)
  })
})
