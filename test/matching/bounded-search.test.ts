import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildLedgerIndex, DEFAULT_MATCH_OPTIONS, suggestForPayment, type Client, type Invoice, type Payment } from '../../src/domain/matching/index.js'

/**
 * The engine explains only the few best single-invoice candidates and stops scanning a payer's
 * invoices once none can rank (docs/matching.md §1c). These bounds must never change an answer:
 * on random ledgers crowded with one payer's invoices, shared round amounts, invoices issued after
 * the payment and named ones, the bounded search returns exactly what scoring every candidate does.
 */
const IBAN = 'FR7630004008230001234567819'
const clients: Client[] = [
  { id: 'a', name: 'Glow Cosmetics', ibans: [IBAN] },
  { id: 'b', name: 'Nordik Design' },
  { id: 'c', name: 'Pixel Plume' },
]
const AMOUNTS = [50_000, 100_000, 150_000, 100_100, 99_500, 12_345]
const invoiceArb = (k: number) =>
  fc
    .record({
      clientId: fc.constantFrom('a', 'a', 'a', 'b', 'c', null),
      totalCents: fc.oneof(fc.constantFrom(...AMOUNTS), fc.integer({ min: 1, max: 400_000 })),
      paidCents: fc.constantFrom(0, 0, 0, 10_000),
      issueDate: fc.constantFrom('2026-09-01', '2026-10-01', '2026-11-01', '2026-11-20'),
      dueDate: fc.constantFrom('2026-10-01', '2026-11-01', '2026-12-01', null),
      currency: fc.constantFrom('EUR', 'EUR', 'EUR', 'USD'),
    })
    .map((i): Invoice => ({ ...i, id: `i${k}`, number: `FACT-2026-${String(k).padStart(4, '0')}`, paidCents: Math.min(i.paidCents, i.totalCents - 1), status: 'ENVOYE' }))
const ledgerArb = fc.integer({ min: 0, max: 120 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, k) => invoiceArb(k))))
const paymentArb = fc.record({
  amountCents: fc.oneof(fc.constantFrom(...AMOUNTS, 150_000 + 100_000, 90_000, 1), fc.integer({ min: 1, max: 900_000 })),
  counterpartyIban: fc.constantFrom(IBAN, null),
  counterpartyName: fc.constantFrom('GLOW COSMETICS', 'NORDIK DESIGN', 'X', null),
  reference: fc.constantFrom(null, 'FACT-2026-0003', 'Factures FACT-2026-0001 + 0002', 'facture 7', 'DEVIS 2026-0004'),
  settledAt: fc.constantFrom('2026-11-05T10:00:00Z', '2026-12-15T10:00:00Z'),
})

describe('bounded candidate search', () => {
  it('returns exactly what scoring every candidate returns', () => {
    fc.assert(
      fc.property(ledgerArb, paymentArb, fc.integer({ min: 1, max: 6 }), (invoices, fields, maxSuggestions) => {
        const index = buildLedgerIndex(clients, invoices)
        const payment: Payment = { id: 'tx', side: 'credit', currency: 'EUR', ...fields }
        const options = { ...DEFAULT_MATCH_OPTIONS, maxSuggestions }
        const bounded = suggestForPayment(payment, index, options)
        const exhaustive = suggestForPayment(payment, buildLedgerIndex(clients, invoices), options, { exhaustive: true })
        expect(bounded).toEqual(exhaustive)
      }),
      { numRuns: 400 },
    )
  })
})
