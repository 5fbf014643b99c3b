import { describe, expect, it } from 'vitest'
import { DEFAULT_INVOICE_PREFIXES, extractMentions, extractReferenceKeys, invoiceKey, suggestMatches, type Invoice, type MatchOptions } from '../../src/domain/matching/index.js'

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

describe('document-type-aware references', () => {
  const clients = [{ id: 'c', name: 'Glow Cosmetics' }]
  const invoices: Invoice[] = [
    { id: 'i1', number: 'FACT-2026-001', clientId: 'c', totalCents: 150000, issueDate: '2026-10-01', status: 'ENVOYE' },
    { id: 'i7', number: 'INV-7', clientId: 'c', totalCents: 7000, issueDate: '2026-10-01', status: 'ENVOYE' },
  ]
  const best = (reference: string, amountCents = 150000, extra: Partial<MatchOptions> = {}) =>
    suggestMatches({ clients, invoices }, [{ id: 't', amountCents, reference, settledAt: '2026-11-02T10:00:00Z' }], extra)[0]!.suggestions[0]

  it.each([
    ['FACT-2026-001'], ['Facture n° 2026-001'], ['fact2026001'], ['VIR FACT 2026 001'], ['F 2026-001'], ['N° 2026-001'], ['2026-001'], ['FA/2026/001'],
  ])('"%s" names FACT-2026-001 fully and auto-applies', (text) => {
    expect(best(text)).toMatchObject({ allocations: [{ invoiceId: 'i1' }], autoApply: true })
  })

  it.each([
    ['Acompte DEVIS 2026-001', "d'un devis"],
    ['DEV-2026-001', "d'un devis"],
    ['Remboursement AV-2026-001', "d'un avoir"],
    ['AVOIR 2026001', "d'un avoir"],
    ['BC 2026-001', "d'une commande"],
    ['Votre commande 2026001', "d'une commande"],
    ['PO 2026001', "d'une commande"],
  ])('"%s" carries another document number: never automatic, and says why', (text, what) => {
    const suggestion = best(text)
    expect(suggestion?.autoApply ?? false).toBe(false)
    expect(suggestion?.reasons.find((r) => r.code === 'REFERENCE_OTHER_DOCUMENT')?.label).toContain(what)
  })

  it('ignores identifiers shaped like numbers: SIRET, IBAN, dates, phone numbers', () => {
    const keys = (text: string) => extractMentions(text, new Set(DEFAULT_INVOICE_PREFIXES)).map((m) => [m.digits, m.carrier.kind === 'other' ? m.carrier.what : m.carrier.kind])
    expect(keys('SIRET 123 456 789 00012')).toContainEqual(['12345678900012', 'siret'])
    expect(keys('12/03/2026')).toContainEqual(['12032026', 'date'])
    expect(keys('tel 06 12 34 56 78')).toContainEqual(['0612345678', 'telephone'])
    expect(keys('IBAN FR76 3000 4008 2300 0123 4567 819').map(([, what]) => what)).toEqual(expect.arrayContaining(['iban']))
    expect(keys('FR7630004008230001234567819 FACT 2026 001').filter(([, what]) => what === 'invoice')).toContainEqual(['2026001', 'invoice'])
  })

  it('short numbers never auto-apply on digits alone; INV-1 is not INV-10', () => {
    expect(best('INV-7', 7000)).toMatchObject({ allocations: [{ invoiceId: 'i7' }], autoApply: true })
    expect(best('Facture 7', 7000)?.reasons.map((r) => r.code)).not.toContain('REFERENCE_FOUND')
    expect(best('INV-70', 7000)?.reasons.map((r) => r.code)).not.toContain('REFERENCE_FOUND')
  })

  it('digits without the prefix, fused, are suggested but not applied', () => {
    const suggestion = best('2026001')
    expect(suggestion).toMatchObject({ allocations: [{ invoiceId: 'i1' }], autoApply: false })
    expect(suggestion!.reasons[0]!.code).toBe('REFERENCE_PARTIAL')
  })

  it("OCR'd digits are suggested, never applied", () => {
    const suggestion = best('FACT-2O26-0O1')
    expect(suggestion).toMatchObject({ allocations: [{ invoiceId: 'i1' }], autoApply: false })
    expect(suggestion!.reasons[0]!.label).toContain('lu approximativement')
  })

  it("the host's own prefixes are configurable", () => {
    const own: Invoice = { id: 'p', number: 'PRJ-2026-0042', clientId: 'c', totalCents: 4200, issueDate: '2026-10-01', status: 'ENVOYE' }
    const run = (reference: string, options: Partial<MatchOptions> = {}) =>
      suggestMatches({ clients, invoices: [own] }, [{ id: 't', amountCents: 4200, reference, settledAt: '2026-11-02T10:00:00Z' }], options)[0]!.suggestions[0]!
    expect(run('PRJ 2026 0042').autoApply).toBe(true)
    expect(run('Note 20260042').autoApply).toBe(false)
    expect(run('Note 20260042', { invoicePrefixes: ['note'] }).autoApply).toBe(true)
  })
})
