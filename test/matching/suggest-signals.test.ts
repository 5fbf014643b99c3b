import { describe, expect, it } from 'vitest'
import { suggestMatches, type Invoice, type Payment } from '../../src/domain/matching/index.js'
import { GLOW, LUMIERE, NORDIK, NORDIK_BIS, PIXEL, invoice, payment } from './fixtures.js'

const clients = [GLOW, LUMIERE, PIXEL, NORDIK]
const top = (invoices: Invoice[], tx: Payment, extra: Parameters<typeof suggestMatches>[0] extends infer L ? Partial<L & object> : never = {}) =>
  suggestMatches({ clients, invoices, ...extra }, [tx])[0]!
const codes = (s: { reasons: Array<{ code: string }> } | undefined) => s?.reasons.map((r) => r.code) ?? []

describe('reference in the transfer', () => {
  it('auto-applies an invoice named in the reference when the amount fits', () => {
    const invoices = [invoice('i1', 'FACT-2026-110', GLOW.id, 150000), invoice('i2', 'FACT-2026-111', LUMIERE.id, 150000)]
    const result = top(invoices, payment(150000, { reference: 'VIR SEPA FACT-2026-111 MERCI', counterpartyName: 'INCONNU' }))
    const [best] = result.suggestions
    expect(best!.allocations).toEqual([{ invoiceId: 'i2', amountCents: 150000 }])
    expect(best!.autoApply).toBe(true)
    expect(best!.reasons[0]).toEqual({ code: 'REFERENCE_FOUND', label: 'Référence FACT-2026-111 trouvée dans le motif du virement' })
    expect(result.clientId).toBe(LUMIERE.id)
  })

  it('reads the label too', () => {
    const invoices = [invoice('i1', 'FACT-2026-110', GLOW.id, 150000)]
    const result = top(invoices, payment(150000, { label: 'GLOW FACT 2026 110' }))
    expect(codes(result.suggestions[0])).toContain('REFERENCE_FOUND')
    expect(result.suggestions[0]!.autoApply).toBe(true)
  })

  it('never auto-applies a reference whose amount does not fit: partial payment', () => {
    const invoices = [invoice('i1', 'FACT-2026-122', LUMIERE.id, 198000)]
    const [best] = top(invoices, payment(100000, { reference: 'Acompte FACT-2026-122' })).suggestions
    expect(best!.allocations).toEqual([{ invoiceId: 'i1', amountCents: 100000 }])
    expect(best!.autoApply).toBe(false)
    expect(best!.reasons.find((r) => r.code === 'AMOUNT_PARTIAL')?.label).toBe('Paiement partiel : reste 980,00\u00a0€')
  })

  it('allocates only the open amount of an overpaid invoice, the rest stays unallocated', () => {
    const invoices = [invoice('i1', 'FACT-2026-123', GLOW.id, 60000)]
    const [best] = top(invoices, payment(62000, { reference: 'FACT-2026-123' })).suggestions
    expect(best!.allocations).toEqual([{ invoiceId: 'i1', amountCents: 60000 }])
    expect(codes(best)).toContain('AMOUNT_OVERPAID')
    expect(best!.autoApply).toBe(false)
  })

  it('reads a short payment within tolerance as bank fees', () => {
    const invoices = [invoice('i1', 'FACT-2026-114', GLOW.id, 48000)]
    const [best] = top(invoices, payment(47850, { reference: 'FACT-2026-114' })).suggestions
    expect(codes(best)).toContain('AMOUNT_SHORT_FEES')
    expect(best!.allocations[0]!.amountCents).toBe(47850)
  })

  it('pays several named invoices with one transfer', () => {
    const invoices = [invoice('a', 'FACT-2026-120', GLOW.id, 85000), invoice('b', 'FACT-2026-121', GLOW.id, 42000)]
    const [best] = top(invoices, payment(127000, { reference: 'FACT-2026-120 + 121' })).suggestions
    expect(best!.allocations).toEqual([
      { invoiceId: 'a', amountCents: 85000 },
      { invoiceId: 'b', amountCents: 42000 },
    ])
    expect(best!.autoApply).toBe(true)
  })

  it('does not auto-apply when the reference names two invoices but the amount pays one', () => {
    const invoices = [invoice('a', 'FACT-2026-120', GLOW.id, 85000), invoice('b', 'FACT-2026-121', GLOW.id, 42000)]
    const result = top(invoices, payment(85000, { reference: 'FACT-2026-120 FACT-2026-121' }))
    expect(result.suggestions.some((s) => s.autoApply)).toBe(false)
  })
})

describe('client resolution', () => {
  const retainers = [
    invoice('g1', 'FACT-2026-110', GLOW.id, 150000),
    invoice('l1', 'FACT-2026-111', LUMIERE.id, 150000),
    invoice('p1', 'FACT-2026-117', PIXEL.id, 150000),
  ]

  it('auto-applies by IBAN when the client has exactly one open invoice of that amount', () => {
    const result = top(retainers, payment(150000, { counterpartyIban: 'fr14 2004 1010 0505 0001 3M02 606' }))
    expect(result.clientId).toBe(LUMIERE.id)
    expect(result.suggestions[0]!.allocations[0]!.invoiceId).toBe('l1')
    expect(result.suggestions[0]!.autoApply).toBe(true)
    expect(result.suggestions[0]!.reasons.map((r) => r.label)).toContain('IBAN connu du client Maison Lumière SARL')
  })

  it('does not auto-apply by IBAN when the client has two open invoices of that amount; oldest first', () => {
    const invoices = [...retainers, invoice('l2', 'FACT-2026-143', LUMIERE.id, 150000, { issueDate: '2026-11-20', dueDate: '2026-12-20' })]
    const result = top(invoices, payment(150000, { counterpartyIban: LUMIERE.ibans![0], settledAt: '2026-11-25T10:00:00Z' }))
    expect(result.suggestions.map((s) => s.allocations[0]!.invoiceId).slice(0, 2)).toEqual(['l1', 'l2'])
    expect(result.suggestions.some((s) => s.autoApply)).toBe(false)
  })

  it('recognises the payer name despite case, accents, legal form and word order', () => {
    const result = top(retainers, payment(150000, { counterpartyName: 'PLUME ET PIXEL SARL', counterpartyIban: 'FR7612345000010000000000000' }))
    expect(result.clientId).toBe(PIXEL.id)
    expect(result.suggestions[0]!.allocations[0]!.invoiceId).toBe('p1')
    expect(codes(result.suggestions[0])).toContain('CLIENT_NAME')
    expect(result.suggestions[0]!.autoApply).toBe(false)
  })

  it('abstains when two clients have the same name', () => {
    const result = suggestMatches(
      { clients: [NORDIK, NORDIK_BIS], invoices: [invoice('n1', 'F-100', NORDIK.id, 1000), invoice('n2', 'F-200', NORDIK_BIS.id, 1000)] },
      [payment(1000, { counterpartyName: 'NORDIK DESIGN' })],
    )[0]!
    expect(result.clientId).toBeNull()
    expect(result.suggestions.some((s) => s.autoApply)).toBe(false)
  })

  it('learns the client from past confirmed associations', () => {
    const result = top(retainers, payment(150000, { counterpartyName: 'M. DURAND PATRICK' }), {
      history: [{ counterpartyName: 'Patrick Durand', clientId: GLOW.id }],
    })
    expect(result.clientId).toBe(GLOW.id)
    expect(codes(result.suggestions[0])).toContain('CLIENT_HISTORY')
    expect(result.suggestions[0]!.allocations[0]!.invoiceId).toBe('g1')
  })

  it('finds a short invoice number among the payer own invoices only', () => {
    const invoices = [invoice('g1', 'FACT-2026-126', GLOW.id, 48000), invoice('l1', 'FACT-2026-127', LUMIERE.id, 48000)]
    const result = top(invoices, payment(48000, { reference: 'facture 126', counterpartyIban: GLOW.ibans![0] }))
    expect(result.suggestions[0]!.allocations[0]!.invoiceId).toBe('g1')
    expect(codes(result.suggestions[0])).toContain('SHORT_REFERENCE_FOUND')
  })

  it('finds an exact combination of the client open invoices', () => {
    const invoices = [
      invoice('n1', 'FACT-2026-124', NORDIK.id, 120000),
      invoice('n2', 'FACT-2026-125', NORDIK.id, 120000),
      invoice('n3', 'FACT-2026-135', NORDIK.id, 45000),
    ]
    const result = top(invoices, payment(240000, { counterpartyName: 'Nordik Design SAS' }))
    const best = result.suggestions[0]!
    expect(best.allocations.map((a) => a.invoiceId)).toEqual(['n1', 'n2'])
    expect(codes(best)).toContain('AMOUNT_GROUP_EXACT')
    expect(best.autoApply).toBe(false)
  })
})

describe('combinations versus one invoice', () => {
  it('prefers one invoice of exactly the amount to a combination of older ones', () => {
    const invoices = [
      invoice('old1', 'FACT-2026-114', GLOW.id, 48000, { dueDate: '2026-11-15' }),
      invoice('old2', 'FACT-2026-126', GLOW.id, 48000, { dueDate: '2026-11-21' }),
      invoice('exact', 'FACT-2026-141', GLOW.id, 96000, { dueDate: '2026-12-03' }),
    ]
    const result = top(invoices, payment(96000, { counterpartyIban: GLOW.ibans![0] }))
    expect(result.suggestions[0]!.allocations.map((a) => a.invoiceId)).toEqual(['exact'])
    expect(result.suggestions[1]!.allocations.map((a) => a.invoiceId)).toEqual(['old1', 'old2'])
    expect(codes(result.suggestions[1])).toContain('OLDEST_OPEN')
  })
})

describe('amount alone', () => {
  it('suggests but never auto-applies, and says other invoices have the same amount', () => {
    const invoices = [invoice('a', 'F-1001', GLOW.id, 150000), invoice('b', 'F-1002', LUMIERE.id, 150000, { dueDate: '2026-12-30' })]
    const result = top(invoices, payment(150000, { counterpartyName: 'M. DUPONT' }))
    expect(result.suggestions.map((s) => s.allocations[0]!.invoiceId)).toEqual(['a', 'b'])
    expect(result.suggestions.every((s) => !s.autoApply)).toBe(true)
    expect(codes(result.suggestions[0])).toEqual(expect.arrayContaining(['AMOUNT_ONLY', 'SAME_AMOUNT_ELSEWHERE']))
  })

  it('does not auto-apply even a unique amount match', () => {
    const result = top([invoice('a', 'F-1001', GLOW.id, 123456)], payment(123456))
    expect(result.suggestions).toHaveLength(1)
    expect(result.suggestions[0]!.autoApply).toBe(false)
  })
})

describe('never suggested', () => {
  it('paid, cancelled and draft invoices, another currency, debits', () => {
    const invoices = [
      invoice('paid', 'FACT-2026-001', GLOW.id, 1000, { status: 'PAYE' }),
      invoice('cancelled', 'FACT-2026-002', GLOW.id, 1000, { status: 'ANNULE' }),
      invoice('draft', 'FACT-2026-003', GLOW.id, 1000, { status: 'BROUILLON' }),
      invoice('usd', 'FACT-2026-004', GLOW.id, 1000, { currency: 'USD' }),
      invoice('fully-allocated', 'FACT-2026-005', GLOW.id, 1000, { paidCents: 1000 }),
    ]
    const reference = 'FACT-2026-001 FACT-2026-002 FACT-2026-003 FACT-2026-004 FACT-2026-005'
    expect(top(invoices, payment(1000, { reference, counterpartyIban: GLOW.ibans![0] })).suggestions).toEqual([])
    const debit = top([invoice('ok', 'FACT-2026-006', GLOW.id, 1000)], payment(1000, { reference: 'FACT-2026-006', side: 'debit' }))
    expect(debit.suggestions).toEqual([])
  })

  it('the already-paid part of a partly paid invoice', () => {
    const invoices = [invoice('p', 'FACT-2026-122', LUMIERE.id, 198000, { status: 'PARTIELLEMENT_PAYE', paidCents: 100000 })]
    const [best] = top(invoices, payment(98000, { reference: 'FACT-2026-122' })).suggestions
    expect(best!.allocations).toEqual([{ invoiceId: 'p', amountCents: 98000 }])
    expect(codes(best)).toContain('AMOUNT_EXACT')
    expect(best!.autoApply).toBe(true)
  })
})

describe('dates', () => {
  it('ranks an invoice issued after the payment below one issued before', () => {
    const invoices = [
      invoice('later', 'F-2001', GLOW.id, 5000, { issueDate: '2026-11-25', dueDate: '2026-11-26' }),
      invoice('earlier', 'F-2002', GLOW.id, 5000, { issueDate: '2026-11-01', dueDate: '2026-12-01' }),
    ]
    const result = top(invoices, payment(5000, { counterpartyIban: GLOW.ibans![0] }))
    expect(result.suggestions[0]!.allocations[0]!.invoiceId).toBe('earlier')
    expect(codes(result.suggestions[1])).toContain('DATE_BEFORE_ISSUE')
  })
})

describe('the business day of a payment (Europe/Paris unless configured)', () => {
  const issuedToday = [invoice('i', 'FACT-2026-201', GLOW.id, 5000, { issueDate: '2026-11-20', dueDate: '2026-12-20' })]
  it.each([
    ['2026-11-19T23:30:00Z', false], // 00:30 in Paris on the issue day
    ['2026-11-19T23:00:00Z', false], // 00:00 in Paris
    ['2026-11-19T22:59:00Z', true], // 23:59 in Paris the day before
    ['2026-11-19T21:30:00Z', true],
    ['2026-11-20T00:59:00Z', false],
  ])('a payment at %s is before the issue day: %s', (settledAt, before) => {
    const result = top(issuedToday, payment(5000, { reference: 'FACT-2026-201', settledAt }))
    expect(codes(result.suggestions[0]).includes('DATE_BEFORE_ISSUE')).toBe(before)
    expect(result.suggestions[0]!.autoApply).toBe(!before)
  })

  it('on the daylight-saving switch days', () => {
    const spring = [invoice('s', 'FACT-2026-301', GLOW.id, 5000, { issueDate: '2026-03-29', dueDate: '2026-04-29' })]
    expect(top(spring, payment(5000, { reference: 'FACT-2026-301', settledAt: '2026-03-28T23:30:00Z' })).suggestions[0]!.autoApply).toBe(true)
    expect(top(spring, payment(5000, { reference: 'FACT-2026-301', settledAt: '2026-03-28T22:30:00Z' })).suggestions[0]!.autoApply).toBe(false)
    const autumn = [invoice('a', 'FACT-2026-302', GLOW.id, 5000, { issueDate: '2026-10-25', dueDate: '2026-11-25' })]
    expect(top(autumn, payment(5000, { reference: 'FACT-2026-302', settledAt: '2026-10-24T22:30:00Z' })).suggestions[0]!.autoApply).toBe(true)
    expect(top(autumn, payment(5000, { reference: 'FACT-2026-302', settledAt: '2026-10-24T21:30:00Z' })).suggestions[0]!.autoApply).toBe(false)
  })

  it('honours the configured time zone', () => {
    const [result] = suggestMatches({ clients, invoices: issuedToday }, [payment(5000, { reference: 'FACT-2026-201', settledAt: '2026-11-19T23:30:00Z' })], { timeZone: 'UTC' })
    expect(codes(result!.suggestions[0])).toContain('DATE_BEFORE_ISSUE')
  })
})
