import { describe, expect, it } from 'vitest'
import {
  creditorReference,
  findCreditorReferences,
  formatCreditorReference,
  isValidCreditorReference,
  suggestMatches,
  type Invoice,
  type Payment,
} from '../../src/domain/matching/index.js'
import { GLOW, LUMIERE, invoice, payment } from './fixtures.js'

const clients = [GLOW, LUMIERE]
const best = (invoices: Invoice[], tx: Payment) => suggestMatches({ clients, invoices }, [tx])[0]!.suggestions[0]
const codes = (s: { reasons: Array<{ code: string }> } | undefined) => s?.reasons.map((r) => r.code) ?? []
/** The same reference with its check digits changed (still two digits). */
const wrongKey = (rf: string) => `RF${String((Number(rf.slice(2, 4)) + 1) % 100).padStart(2, '0')}${rf.slice(4)}`

describe('ISO 11649 creditor reference of an invoice', () => {
  it('is RF, two check digits and the number\'s letters and digits, valid modulo 97', () => {
    const rf = creditorReference('FACT-2026-001')!
    expect(rf).toMatch(/^RF\d{2}FACT2026001$/)
    expect(isValidCreditorReference(rf)).toBe(true)
    expect(isValidCreditorReference(wrongKey(rf))).toBe(false)
    expect(creditorReference('Facture n° é-12')).toMatch(/^RF\d{2}FACTURENE12$/)
  })

  it('agrees with the standard\'s own example and prints in groups of four', () => {
    expect(isValidCreditorReference('RF18 5390 0754 7034')).toBe(true)
    expect(isValidCreditorReference('rf18539007547034')).toBe(true)
    expect(isValidCreditorReference('RF19 5390 0754 7034')).toBe(false)
    expect(creditorReference('539007547034')).toBe('RF18539007547034')
    expect(formatCreditorReference('RF18539007547034')).toBe('RF18 5390 0754 7034')
  })

  it('has none when the number has no letter or digit, or more than 21', () => {
    expect(creditorReference('---')).toBeNull()
    expect(creditorReference('FACT-2026-000000000000001')).toBeNull()
    expect(creditorReference('A'.repeat(21))).toMatch(/^RF\d{2}A{21}$/)
  })

  it('is found in free text whatever the spaces, hyphens and case', () => {
    const rf = creditorReference('FACT-2026-001')!
    const spaced = formatCreditorReference(rf).toLowerCase()
    expect(findCreditorReferences(`virement ${spaced} merci`)[0]!.valid).toEqual(['FACT2026001'])
    expect(findCreditorReferences(`VIR ${rf.replace(/(.{3})/g, '$1-')}`)[0]!.valid).toEqual(['FACT2026001'])
    expect(findCreditorReferences(`paiement ${wrongKey(rf)}`)[0]!.valid).toEqual([])
    expect(findCreditorReferences('SURF 12 34')).toEqual([])
  })
})

describe('a creditor reference in the transfer', () => {
  // A short number alone ("12") never names an invoice fully; its creditor reference does.
  const short = invoice('i-short', '12', GLOW.id, 50000)
  const other = invoice('i-other', '13', LUMIERE.id, 50000)

  it('with right check digits, names its open invoice fully: method RF, automatic when the amount fits', () => {
    const rf = formatCreditorReference(creditorReference('12')!)
    const top = best([short, other], payment(50000, { reference: `Règlement ${rf.toLowerCase()}`, counterpartyName: 'INCONNU' }))
    expect(top!.allocations).toEqual([{ invoiceId: 'i-short', amountCents: 50000 }])
    expect(codes(top)[0]).toBe('REFERENCE_RF')
    expect(top!.reasons[0]!.label).toBe('Référence structurée RF de la facture 12 (clé de contrôle vérifiée) trouvée dans le motif du virement')
    expect(top!.autoApply).toBe(true)
  })

  it('with wrong check digits, is no full reference: never automatic, and says why', () => {
    const fact = invoice('i-fact', 'FACT-2026-001', GLOW.id, 50000)
    // Without the RF, "FACT2026001" would be a full reference and the match automatic.
    expect(best([fact, other], payment(50000, { reference: 'FACT2026001' }))!.autoApply).toBe(true)
    const top = best([fact, other], payment(50000, { reference: wrongKey(creditorReference('FACT-2026-001')!) }))
    expect(top!.allocations[0]!.invoiceId).toBe('i-fact')
    expect(top!.autoApply).toBe(false)
    expect(codes(top)).not.toContain('REFERENCE_FOUND')
    expect(top!.reasons.find((r) => r.code === 'REFERENCE_PARTIAL')!.label).toContain('clé de contrôle est fausse')
  })

  it('of an invoice that is not open, names nothing', () => {
    const paid = invoice('i-paid', '12', GLOW.id, 50000, { status: 'PAYE' })
    const result = suggestMatches({ clients, invoices: [paid, other] }, [payment(50000, { reference: creditorReference('12')! })])[0]!
    expect(result.suggestions.every((s) => !s.autoApply)).toBe(true)
    expect(result.suggestions.flatMap((s) => s.allocations.map((a) => a.invoiceId))).not.toContain('i-paid')
  })

  it('in the label counts too, and another invoice named beside it blocks automation', () => {
    const rf = creditorReference('12')!
    expect(codes(best([short, other], payment(50000, { label: `GLOW ${rf}` })))[0]).toBe('REFERENCE_RF')
    const both = best([short, other], payment(50000, { reference: `${rf} et ${creditorReference('13')}` }))
    expect(both!.autoApply).toBe(false)
  })
})
