import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CONFIDENCE_BANDS, confidencePercent, confidenceText, confidenceTier, suggestMatches, type Client, type Invoice, type Payment } from '../../src/domain/matching/index.js'
import { GLOW, LUMIERE, invoice, payment } from './fixtures.js'

const TIER_ORDER = { A_VERIFIER: 0, PROBABLE: 1, SUR: 2 } as const

describe('one confidence scale: the number shown agrees with the word', () => {
  it('an IBAN-identified "sûr" at a low score reads above a "probable" at a high one', () => {
    expect(confidenceText({ score: 0.55, autoApply: true })).toBe('sûr · 96 %')
    expect(confidenceText({ score: 0.99, autoApply: false })).toBe('probable · 89 %')
    expect(confidenceText({ score: 0.49, autoApply: false })).toBe('à vérifier · 49 %')
    expect(confidenceText({ score: 0.5, autoApply: false })).toBe('probable · 50 %')
    expect(confidenceText({ score: 0.01, autoApply: false })).toBe('à vérifier · 1 %')
  })

  it('is monotonic with the tier, and with the score within a tier, over every score', () => {
    const rated = fc.record({ score: fc.double({ min: 0, max: 1, noNaN: true }), autoApply: fc.boolean() })
    fc.assert(
      fc.property(rated, rated, (a, b) => {
        const [ta, tb] = [TIER_ORDER[confidenceTier(a)], TIER_ORDER[confidenceTier(b)]]
        const [pa, pb] = [confidencePercent(a), confidencePercent(b)]
        const [low, high] = CONFIDENCE_BANDS[confidenceTier(a)]
        expect(pa).toBeGreaterThanOrEqual(low)
        expect(pa).toBeLessThanOrEqual(high)
        if (ta > tb) expect(pa).toBeGreaterThan(pb)
        if (ta === tb && a.score > b.score) expect(pa).toBeGreaterThanOrEqual(pb)
      }),
    )
  })
})

describe('a suggestion that is not "sûr" says why in words', () => {
  const top = (invoices: Invoice[], tx: Payment, clients: Client[] = [GLOW, LUMIERE]) => suggestMatches({ clients, invoices }, [tx])[0]!.suggestions[0]!

  it('a named invoice paid 1,50 € short: "écart de 1,50 €"', () => {
    const best = top([invoice('i1', 'FACT-2026-114', GLOW.id, 48000)], payment(47850, { reference: 'FACT-2026-114', counterpartyName: 'GLOW COSMETICS' }))
    expect(confidenceTier(best)).toBe('PROBABLE')
    expect(best.score).toBeGreaterThan(0.9)
    expect(best.notSureBecause).toBe('écart de 1,50\u00a0€')
  })

  it('two open invoices of the same amount for the IBAN-known payer', () => {
    const invoices = [invoice('i1', 'FACT-2026-201', GLOW.id, 90000), invoice('i2', 'FACT-2026-202', GLOW.id, 90000)]
    const best = top(invoices, payment(90000, { counterpartyIban: GLOW.ibans![0], counterpartyName: 'GLOW' }))
    expect(best.autoApply).toBe(false)
    expect(best.notSureBecause).toBe('2 factures de ce montant pour ce client')
  })

  it('an overpaid invoice: "trop-perçu"', () => {
    const best = top([invoice('i1', 'FACT-2026-123', GLOW.id, 60000)], payment(62000, { reference: 'FACT-2026-123' }))
    expect(best.notSureBecause).toBe('trop-perçu de 20,00\u00a0€')
  })

  it('the "sûr" one carries no such sentence', () => {
    const best = top([invoice('i1', 'FACT-2026-111', LUMIERE.id, 150000)], payment(150000, { reference: 'VIR FACT-2026-111' }))
    expect(best.autoApply).toBe(true)
    expect(best.notSureBecause).toBeUndefined()
  })

  it('on random ledgers, every suggestion is either "sûr" or says why not', () => {
    const clients: Client[] = [{ id: 'a', name: 'Glow', ibans: ['FR7630004008230001234567819'] }, { id: 'b', name: 'Nordik Design' }]
    const invoiceArb = fc.record({
      id: fc.uuid(),
      number: fc.integer({ min: 1, max: 20 }).map((n) => `FACT-2026-${String(n).padStart(3, '0')}`),
      clientId: fc.constantFrom('a', 'b', null),
      totalCents: fc.constantFrom(10_000, 48_000, 90_000, 150_000),
      issueDate: fc.constantFrom('2026-10-01', '2026-11-30'),
    }).map((i) => ({ ...i, dueDate: null, status: 'ENVOYE' }) as Invoice)
    const paymentArb = fc.record({
      id: fc.constant('tx'),
      amountCents: fc.constantFrom(10_000, 47_850, 48_000, 90_000, 150_000, 240_000),
      reference: fc.option(fc.constantFrom('FACT-2026-001', 'FACT-2026-002 FACT-2026-003', 'facture 12', 'DEVIS D-2026-4'), { nil: null }),
      counterpartyName: fc.option(fc.constantFrom('GLOW', 'NORDIK DESIGN'), { nil: null }),
      counterpartyIban: fc.option(fc.constant('FR7630004008230001234567819'), { nil: null }),
      settledAt: fc.constant('2026-11-15T10:00:00Z'),
    }) as fc.Arbitrary<Payment>
    fc.assert(
      fc.property(fc.array(invoiceArb, { maxLength: 12 }), paymentArb, (invoices, tx) => {
        for (const s of suggestMatches({ clients, invoices }, [tx])[0]!.suggestions) {
          expect(s.autoApply === (s.notSureBecause === undefined), JSON.stringify(s)).toBe(true)
        }
      }),
    )
  })
})
