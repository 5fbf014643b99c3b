import { describe, expect, it } from 'vitest'
import { suggestMatches, type Invoice, type Payment } from '../../src/domain/matching/index.js'
import { GLOW, LUMIERE, invoice, payment } from './fixtures.js'

/**
 * Hand-written (not generated): a payment the evidence cannot pin to one allocation must never be
 * applied automatically. The round-amounts shape of `npm run bench:match` found this case: the
 * payer's IBAN is known, no reference, and the amount is both one open invoice and the sum of two
 * or three others of theirs; the generator's truth was the group, the engine applied the single.
 */
const match = (invoices: Invoice[], tx: Payment) => suggestMatches({ clients: [GLOW, LUMIERE], invoices }, [tx])[0]!
const byGlowIban = (amountCents: number, extra: Partial<Payment> = {}) =>
  payment(amountCents, { counterpartyIban: GLOW.ibans![0], counterpartyName: 'GLOW COSMETICS', reference: 'Règlement factures', ...extra })

describe('a payment that one invoice and a group of the payer invoices both explain', () => {
  // The oldest (3 000 €) is larger than the payment, so the group is not "the oldest invoices first".
  const invoices = [
    invoice('i-3000', 'FACT-2026-300', GLOW.id, 300000, { issueDate: '2026-09-01' }),
    invoice('i-old-1000', 'FACT-2026-301', GLOW.id, 100000, { issueDate: '2026-09-10' }),
    invoice('i-old-1500', 'FACT-2026-302', GLOW.id, 150000, { issueDate: '2026-09-20' }),
    invoice('i-2500', 'FACT-2026-310', GLOW.id, 250000, { issueDate: '2026-10-15' }),
  ]

  it('2 500 € from the payer IBAN, one invoice of 2 500 € and 1 000 € + 1 500 €: nothing is applied, both are offered', () => {
    const result = match(invoices, byGlowIban(250000))
    expect(result.suggestions.some((s) => s.autoApply)).toBe(false)
    const offered = result.suggestions.map((s) => s.allocations.map((a) => a.invoiceId).sort().join('+'))
    expect(offered).toContain('i-2500')
    expect(offered).toContain('i-old-1000+i-old-1500')
    const single = result.suggestions.find((s) => s.allocations.length === 1 && s.allocations[0]!.invoiceId === 'i-2500')!
    expect(single.notSureBecause).toBe("d'autres factures de ce client font aussi ce montant ensemble")
  })

  it('a group of three older invoices fitting the amount blocks it too', () => {
    const three = [
      invoice('z', 'FACT-2026-400', GLOW.id, 500000, { issueDate: '2026-08-01' }),
      invoice('a', 'FACT-2026-401', GLOW.id, 50000, { issueDate: '2026-09-01' }),
      invoice('b', 'FACT-2026-402', GLOW.id, 50000, { issueDate: '2026-09-02' }),
      invoice('c', 'FACT-2026-403', GLOW.id, 100000, { issueDate: '2026-09-03' }),
      invoice('d', 'FACT-2026-404', GLOW.id, 200000, { issueDate: '2026-10-01' }),
    ]
    expect(match(three, byGlowIban(200000)).suggestions.some((s) => s.autoApply)).toBe(false)
  })

  it('the group only counts when its invoices were issued by the payment day: then the single one is still applied', () => {
    const later = invoices.map((i) => (i.id === 'i-2500' || i.id === 'i-3000' ? i : { ...i, issueDate: '2026-11-25' }))
    const result = match(later, byGlowIban(250000))
    expect(result.suggestions[0]!.autoApply).toBe(true)
    expect(result.suggestions[0]!.allocations).toEqual([{ invoiceId: 'i-2500', amountCents: 250000 }])
  })

  it('no other invoice of the payer adds up to it: the single one is applied, as before', () => {
    const alone = [invoices[0]!, invoices[1]!, invoices[3]!]
    const result = match(alone, byGlowIban(250000))
    expect(result.suggestions[0]!.autoApply).toBe(true)
  })

  it('the invoice named by its full number is still applied although a group of the payer fits the amount', () => {
    const result = match(invoices, byGlowIban(250000, { reference: 'FACT-2026-310' }))
    expect(result.suggestions[0]!.autoApply).toBe(true)
    expect(result.suggestions[0]!.allocations).toEqual([{ invoiceId: 'i-2500', amountCents: 250000 }])
  })
})
