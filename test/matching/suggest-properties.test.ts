import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { suggestMatches, type Client, type Invoice, type Payment } from '../../src/domain/matching/index.js'

const clientArb = fc.record({ id: fc.constantFrom('a', 'b', 'c'), name: fc.constantFrom('Glow', 'Nordik Design', 'Pixel & Plume') })
const invoiceArb = fc.record({
  id: fc.uuid(),
  number: fc.integer({ min: 1, max: 40 }).map((n) => `FACT-2026-${String(n).padStart(3, '0')}`),
  clientId: fc.constantFrom('a', 'b', 'c', null),
  totalCents: fc.integer({ min: 1, max: 300_000 }),
  paidCents: fc.integer({ min: 0, max: 300_000 }),
  issueDate: fc.constantFrom('2026-10-01', '2026-11-01', '2026-11-20'),
  dueDate: fc.constantFrom('2026-11-01', '2026-12-01', null),
  status: fc.constantFrom('ENVOYE', 'EN_ATTENTE', 'PARTIELLEMENT_PAYE', 'PAYE', 'ANNULE', 'BROUILLON' as const),
}).map((i) => ({ ...i, paidCents: Math.min(i.paidCents, i.totalCents) }) as Invoice)
const paymentArb = fc.record({
  id: fc.constant('tx'),
  amountCents: fc.integer({ min: 1, max: 600_000 }),
  reference: fc.option(fc.constantFrom('FACT-2026-001', 'FACT 2026 002 + 003', 'facture 12', 'virement'), { nil: null }),
  counterpartyName: fc.option(fc.constantFrom('GLOW', 'NORDIK DESIGN SAS', 'inconnu'), { nil: null }),
  settledAt: fc.constant('2026-11-15T10:00:00Z'),
}) as fc.Arbitrary<Payment>

const uniqueClients: Client[] = [{ id: 'a', name: 'Glow' }, { id: 'b', name: 'Nordik Design' }, { id: 'c', name: 'Pixel & Plume' }]

describe('suggestion invariants on random ledgers', () => {
  it('allocations never exceed the payment nor any invoice open amount, and at most one auto-apply', () => {
    fc.assert(
      fc.property(fc.array(invoiceArb, { maxLength: 30 }), paymentArb, (invoices, payment) => {
        const byId = new Map(invoices.map((i) => [i.id, i]))
        const [result] = suggestMatches({ clients: uniqueClients, invoices }, [payment])
        expect(result!.suggestions.filter((s) => s.autoApply).length).toBeLessThanOrEqual(1)
        for (const suggestion of result!.suggestions) {
          const total = suggestion.allocations.reduce((sum, a) => sum + a.amountCents, 0)
          expect(total).toBeLessThanOrEqual(payment.amountCents)
          expect(suggestion.score).toBeGreaterThanOrEqual(0)
          expect(suggestion.score).toBeLessThanOrEqual(1)
          for (const allocation of suggestion.allocations) {
            const invoice = byId.get(allocation.invoiceId)!
            expect(allocation.amountCents).toBeGreaterThan(0)
            expect(allocation.amountCents).toBeLessThanOrEqual(invoice.totalCents - (invoice.paidCents ?? 0))
            expect(['ENVOYE', 'EN_ATTENTE', 'PARTIELLEMENT_PAYE']).toContain(invoice.status)
          }
        }
      }),
      { numRuns: 300 },
    )
  })

  it('ranks the same way whatever the order of the input invoices', () => {
    fc.assert(
      fc.property(fc.array(invoiceArb, { maxLength: 20 }), paymentArb, (invoices, payment) => {
        const ids = new Set<string>()
        const distinct = invoices.filter((i) => !ids.has(i.number) && ids.add(i.number))
        const forward = suggestMatches({ clients: uniqueClients, invoices: distinct }, [payment])
        const backward = suggestMatches({ clients: uniqueClients, invoices: [...distinct].reverse() }, [payment])
        expect(backward).toEqual(forward)
      }),
      { numRuns: 200 },
    )
  })

  it('sorts suggestions by score, best first', () => {
    fc.assert(
      fc.property(fc.array(invoiceArb, { maxLength: 30 }), paymentArb, (invoices, payment) => {
        const scores = suggestMatches({ clients: uniqueClients, invoices }, [payment])[0]!.suggestions.map((s) => s.score)
        expect(scores).toEqual([...scores].sort((x, y) => y - x))
      }),
    )
  })
})
