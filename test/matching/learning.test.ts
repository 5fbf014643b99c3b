import { describe, expect, it } from 'vitest'
import { suggestMatches } from '../../src/domain/matching/index.js'
import { withoutDeclined, type Decline } from '../../src/domain/matching/learning.js'
import { usualClients, usualShortfall } from '../../src/domain/matching/payer-habits.js'
import { ADVERSARIAL_CASES, ADVERSARIAL_CLIENTS } from './adversarial-cases.js'

const decline = (transactionId: string, invoiceIds: string[], scope: Decline['scope'] = 'PAIEMENT'): Decline => ({
  id: `d-${invoiceIds.join('+')}`, scope, transactionId, invoiceIds, references: invoiceIds, payerIban: null, payerKey: 'glow', by: 'Maud', at: '2026-12-03T10:00:00Z',
})

describe('learning never loosens the automatic rule', () => {
  it('declining any suggestion of any hand-written case never makes another one automatic', () => {
    let checked = 0
    for (const c of ADVERSARIAL_CASES) {
      const [result] = suggestMatches({ clients: ADVERSARIAL_CLIENTS, invoices: c.invoices, history: c.history }, [c.payment])
      const flags = result!.suggestions.map((s) => s.autoApply)
      for (const declined of result!.suggestions) {
        const after = withoutDeclined(result!, { transactionId: c.payment.id, iban: null, key: null }, [decline(c.payment.id, declined.allocations.map((a) => a.invoiceId))])
        expect(after.suggestions).not.toContain(declined)
        for (const s of after.suggestions) expect(s.autoApply).toBe(flags[result!.suggestions.indexOf(s)])
        // At most the matcher's own top one is automatic, and only if it was already.
        expect(after.suggestions.filter((s) => s.autoApply).length).toBeLessThanOrEqual(flags.filter(Boolean).length)
        checked += 1
      }
    }
    expect(checked).toBeGreaterThan(50)
  })

  it('a payer-wide decline hides every suggestion holding that invoice, for that payer only', () => {
    const suggestions = [
      { allocations: [{ invoiceId: 'a', amountCents: 1 }], score: 0.9, autoApply: true, method: 'REFERENCE' as const, reasons: [] },
      { allocations: [{ invoiceId: 'a', amountCents: 1 }, { invoiceId: 'b', amountCents: 1 }], score: 0.5, autoApply: false, method: 'REFERENCE' as const, reasons: [] },
      { allocations: [{ invoiceId: 'b', amountCents: 1 }], score: 0.4, autoApply: false, method: 'REFERENCE' as const, reasons: [] },
    ]
    const result = { transactionId: 'later', clientId: null, suggestions }
    const declines = [decline('earlier', ['a'], 'PAYEUR')]
    expect(withoutDeclined(result, { transactionId: 'later', iban: null, key: 'glow' }, declines).suggestions).toEqual([suggestions[2]])
    expect(withoutDeclined(result, { transactionId: 'later', iban: null, key: 'other' }, declines).suggestions).toEqual(suggestions)
  })
})

describe("a payer's usual client", () => {
  it('is kept when one client has 80 % of at least 3 confirmed payments; otherwise every client is kept (the matcher abstains)', () => {
    const rows = (counts: Array<[string, number]>) => counts.map(([clientId, count]) => ({ name: 'HOLDING', iban: 'FR76 1', clientId, count }))
    expect(usualClients(rows([['a', 4], ['b', 1]])).map((e) => e.clientId)).toEqual(['a', 'a'])
    expect(usualClients(rows([['a', 2], ['b', 1]])).map((e) => e.clientId).sort()).toEqual(['a', 'a', 'b', 'b'])
    expect(usualClients(rows([['a', 1]]))).toEqual([{ counterpartyIban: 'FR76 1', clientId: 'a' }, { counterpartyName: 'HOLDING', clientId: 'a' }])
  })
})

describe('declines indexed for a batch', () => {
  it('finds exactly the declines of a payment and of its payer', async () => {
    const { indexDeclines, declinesFor } = await import('../../src/domain/matching/learning.js')
    const declines: Decline[] = [
      decline('t1', ['a']),
      { ...decline('t2', ['b'], 'PAYEUR'), payerIban: 'FR76X', payerKey: null },
      { ...decline('t3', ['c'], 'PAYEUR'), payerIban: null, payerKey: 'glow' },
      { ...decline('t4', ['d'], 'PAYEUR'), payerIban: 'FR76X', payerKey: 'glow' },
    ]
    const relevant = indexDeclines(declines)
    for (const payer of [
      { transactionId: 't1', iban: null, key: null },
      { transactionId: 't9', iban: 'FR76X', key: null },
      { transactionId: 't9', iban: 'FR76X', key: 'glow' },
      { transactionId: 't1', iban: 'FR76Y', key: 'other' },
    ]) {
      expect(new Set(relevant(payer))).toEqual(new Set(declinesFor(payer, declines)))
    }
  })
})

describe("a payer's usual shortfall (amount habit learned from confirmed write-offs)", () => {
  const IBAN = 'FR7630004008230001234567819'
  const clients = [{ id: 'glow', name: 'Glow Cosmetics', ibans: [] }]
  // 25 € is above the fee tolerance (at most 2 % and 20 €): without the habit it reads as a partial payment.
  const invoices = [
    { id: 'big', number: 'FACT-2026-501', clientId: 'glow', totalCents: 180000, issueDate: '2026-10-01', dueDate: '2026-10-31' },
    { id: 'other', number: 'FACT-2026-502', clientId: 'glow', totalCents: 90000, issueDate: '2026-10-05', dueDate: '2026-11-04' },
  ]
  const payment = { id: 'p', amountCents: 177500, counterpartyIban: IBAN, counterpartyName: 'GLOW COSMETICS', settledAt: '2026-11-20T10:00:00Z' }
  const history = (shortfalls?: number[]) =>
    usualClients([{ name: 'GLOW COSMETICS', iban: IBAN, clientId: 'glow', count: 3, ...(shortfalls ? { shortfalls } : {}) }])

  it('is learned when the same bank-fee write-off closed at least two confirmed payments, the most repeated one', () => {
    expect(usualShortfall([2500, 2500])).toBe(2500)
    expect(usualShortfall([2500])).toBeNull()
    expect(usualShortfall([2500, 1200, 1200, 2500, 1200])).toBe(1200)
    expect(history([2500, 2500]).map((e) => e.usualShortfallCents)).toEqual([2500, 2500])
    expect(history([2500, 900]).every((e) => e.usualShortfallCents === undefined)).toBe(true)
  })

  it('a payment short by exactly the habit is read as it (reason said), ranks first, and is never automatic', () => {
    const [taught] = suggestMatches({ clients, invoices, history: history([2500, 2500]) }, [payment])
    const top = taught!.suggestions[0]!
    expect(top.allocations).toEqual([{ invoiceId: 'big', amountCents: 177500 }])
    expect(top.reasons.find((r) => r.code === 'AMOUNT_USUAL_SHORTFALL')?.label).toBe("Écart de 25,00\u00a0€ : l'écart habituel de ce payeur (appris de ses paiements confirmés)")
    expect(top.autoApply).toBe(false)

    const [untaught] = suggestMatches({ clients, invoices, history: history() }, [payment])
    const same = untaught!.suggestions.find((s) => s.allocations[0]!.invoiceId === 'big')!
    expect(same.reasons.map((r) => r.code)).toContain('AMOUNT_PARTIAL')
    expect(same.score).toBeLessThan(top.score)
  })

  it("never applies to another client's invoice nor to another gap", () => {
    const stranger = [{ id: 'x', number: 'FACT-2026-777', clientId: 'someone', totalCents: 180000, issueDate: '2026-10-01' }]
    const [other] = suggestMatches({ clients: [...clients, { id: 'someone', name: 'Someone Else' }], invoices: stranger, history: history([2500, 2500]) }, [payment])
    expect(other!.suggestions.flatMap((s) => s.reasons.map((r) => r.code))).not.toContain('AMOUNT_USUAL_SHORTFALL')
    const [gap] = suggestMatches({ clients, invoices, history: history([2500, 2500]) }, [{ ...payment, amountCents: 177000 }])
    expect(gap!.suggestions.flatMap((s) => s.reasons.map((r) => r.code))).not.toContain('AMOUNT_USUAL_SHORTFALL')
  })
})
