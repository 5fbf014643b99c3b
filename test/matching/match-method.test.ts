import { describe, expect, it } from 'vitest'
import { creditorReference, MATCH_METHOD_LABELS, suggestMatches, type HistoryEntry, type Invoice, type Payment } from '../../src/domain/matching/index.js'
import { GLOW, LUMIERE, NORDIK, PIXEL, invoice, payment } from './fixtures.js'

/** Each suggestion says how it was found, in one word Maud reads next to its reasons. */
const clients = [GLOW, LUMIERE, PIXEL, NORDIK]
const best = (invoices: Invoice[], tx: Payment, history: HistoryEntry[] = []) => suggestMatches({ clients, invoices, history }, [tx])[0]!.suggestions[0]!

describe('the method of a suggestion, in one word', () => {
  const glow = invoice('g1', 'FACT-2026-201', GLOW.id, 120000)
  const glowOther = invoice('g2', 'FACT-2026-202', GLOW.id, 30000, { issueDate: '2026-10-01', dueDate: '2026-10-31' })
  const lumiere = invoice('l1', 'FACT-2026-203', LUMIERE.id, 99000)

  it('référence: the transfer names the invoice (automatic match included)', () => {
    const s = best([glow, lumiere], payment(120000, { reference: 'VIR FACT-2026-201' }))
    expect(s).toMatchObject({ allocations: [{ invoiceId: 'g1' }], autoApply: true, method: 'REFERENCE' })
  })

  it('RF: the transfer carries the invoice’s creditor reference with right check digits', () => {
    const s = best([glow, lumiere], payment(120000, { reference: creditorReference('FACT-2026-201')! }))
    expect(s).toMatchObject({ allocations: [{ invoiceId: 'g1' }], method: 'RF' })
  })

  it('IBAN: the payer’s known IBAN, nothing in the text (automatic match included)', () => {
    const s = best([glow, lumiere], payment(120000, { counterpartyIban: GLOW.ibans![0] }))
    expect(s).toMatchObject({ allocations: [{ invoiceId: 'g1' }], autoApply: true, method: 'IBAN' })
  })

  it('historique: the payer was associated with the client before', () => {
    const s = best([glow, lumiere], payment(120000, { counterpartyName: 'M. PATRICK DURAND' }), [{ counterpartyName: 'M. PATRICK DURAND', clientId: GLOW.id }])
    expect(s).toMatchObject({ allocations: [{ invoiceId: 'g1' }], method: 'HISTORY' })
  })

  it('règle: the payer’s name resembles the client’s', () => {
    const s = best([glow, lumiere], payment(120000, { counterpartyName: 'GLOW COSMETICS' }))
    expect(s).toMatchObject({ allocations: [{ invoiceId: 'g1' }], method: 'RULE' })
  })

  it('montant: only the amount links them', () => {
    const s = best([glow, lumiere], payment(99000, { counterpartyName: 'PARTICULIER' }))
    expect(s).toMatchObject({ allocations: [{ invoiceId: 'l1' }], method: 'AMOUNT' })
  })

  it('a combination of the payer’s invoices takes the payer’s method; an invoice of another client than the payer is "montant"', () => {
    const group = best([glow, glowOther, lumiere], payment(150000, { counterpartyIban: GLOW.ibans![0] }))
    expect(group.allocations.map((a) => a.invoiceId).sort()).toEqual(['g1', 'g2'])
    expect(group.method).toBe('IBAN')
    const all = suggestMatches({ clients, invoices: [lumiere], history: [] }, [payment(99000, { counterpartyIban: GLOW.ibans![0] })])[0]!.suggestions
    expect(all[0]).toMatchObject({ allocations: [{ invoiceId: 'l1' }], method: 'AMOUNT' })
  })

  it('has a French word for each of the six methods', () => {
    expect(MATCH_METHOD_LABELS).toEqual({ REFERENCE: 'référence', RF: 'RF', IBAN: 'IBAN', HISTORY: 'historique', RULE: 'règle', AMOUNT: 'montant' })
  })
})
