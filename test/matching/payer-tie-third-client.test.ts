import { describe, expect, it } from 'vitest'
import { suggestMatches, type Client, type HistoryEntry, type Invoice, type Payment } from '../../src/domain/matching/index.js'
import { NORDIK, NORDIK_BIS, PIXEL, invoice, payment } from './fixtures.js'

/**
 * Hand-written (not generated): the hole docs/matching.md §5 left after the name-tie rule. The payer
 * is not identified because another reading tied between clients — the payer's IBAN is registered on
 * two clients (a holding paying for its subsidiaries, a factor), or this IBAN / this payer name was
 * confirmed for two clients before — and the name resembles no client. A full invoice number of a
 * THIRD client (owned by none of them) may be a typo that happens to be another open invoice's
 * number, or a payment the payer does not usually make: suggested, never applied automatically. A
 * payer identified as exactly the invoice's client, or unknown, is applied as before.
 */
const SHARED_IBAN = 'FR7630006000011234567890189'
const OTHER_IBAN = 'FR7612548029981234567890161'
const VERDE: Client = { id: 'c-verde', name: 'Atelier Verde', ibans: [SHARED_IBAN] }
const SOLEIL: Client = { id: 'c-soleil', name: 'Maison Soleil', ibans: [SHARED_IBAN] }
const CLIENTS: Client[] = [VERDE, SOLEIL, PIXEL, NORDIK, NORDIK_BIS]

const OF_VERDE = invoice('i-verde', 'FACT-2026-5001', VERDE.id, 48000, { issueDate: '2026-10-20' })
const OF_PIXEL = invoice('i-pixel', 'FACT-2026-5010', PIXEL.id, 48000, { issueDate: '2026-10-22' })
const OF_NORDIK = invoice('i-nordik', 'FACT-2026-5020', NORDIK.id, 48000, { issueDate: '2026-10-24' })
const INVOICES = [OF_VERDE, OF_PIXEL, OF_NORDIK]

/** A payer whose name resembles no client: the holding's own name. */
const fromHolding = (extra: Partial<Payment> = {}) =>
  payment(48000, { reference: 'REGLEMENT FACT-2026-5010', counterpartyName: 'GROUPE HELIOS FINANCE', label: 'VIR GROUPE HELIOS FINANCE', counterpartyIban: SHARED_IBAN, ...extra })

const match = (tx: Payment, { invoices = INVOICES, history = [] as HistoryEntry[], language = 'fr' as 'fr' | 'en' } = {}) =>
  suggestMatches({ clients: CLIENTS, invoices, history }, [tx], { language })[0]!
const suggested = (result: ReturnType<typeof match>, id: string) => result.suggestions.find((s) => s.allocations.length === 1 && s.allocations[0]!.invoiceId === id)
const applied = (result: ReturnType<typeof match>) => result.suggestions.filter((s) => s.autoApply).map((s) => s.allocations.map((a) => a.invoiceId))

describe('a full number of a third client, the payer tying between other clients by IBAN or history', () => {
  it('the IBAN is registered on Atelier Verde and Maison Soleil, the transfer names FACT-2026-5010 of Pixel & Plume: suggested first, not applied', () => {
    const result = match(fromHolding())
    expect(applied(result)).toEqual([])
    expect(result.suggestions[0]!.allocations).toEqual([{ invoiceId: 'i-pixel', amountCents: 48000 }])
    expect(suggested(result, 'i-pixel')!.notSureBecause).toBe("l'IBAN du payeur est connu pour 2 clients, aucun n'est celui de la facture citée")
    const english = suggested(match(fromHolding(), { language: 'en' }), 'i-pixel')!
    expect(english.notSureBecause).toBe("the payer's IBAN is known for 2 clients, none of which owns the named invoice")
  })

  it('the same shared IBAN naming FACT-2026-5001 of Atelier Verde, one of the two: applied as before', () => {
    const result = match(fromHolding({ reference: 'REGLEMENT FACT-2026-5001' }))
    expect(applied(result)).toEqual([['i-verde']])
  })

  it('an IBAN and a name known for no client (unknown payer): the full number of Pixel & Plume is applied as before', () => {
    expect(applied(match(fromHolding({ counterpartyIban: OTHER_IBAN })))).toEqual([['i-pixel']])
  })

  it('an invoice without a client does not count against it', () => {
    const clientless = { ...OF_PIXEL, clientId: null }
    expect(applied(match(fromHolding(), { invoices: [OF_VERDE, clientless, OF_NORDIK] }))).toEqual([['i-pixel']])
  })

  it('this IBAN was confirmed for Atelier Verde and for Maison Soleil before (history ties), FACT-2026-5010 of Pixel & Plume named: not applied', () => {
    const history: HistoryEntry[] = [{ counterpartyIban: OTHER_IBAN, clientId: VERDE.id }, { counterpartyIban: OTHER_IBAN, clientId: SOLEIL.id }]
    const result = match(fromHolding({ counterpartyIban: OTHER_IBAN }), { history })
    expect(applied(result)).toEqual([])
    expect(suggested(result, 'i-pixel')!.notSureBecause).toBe("cet IBAN a déjà payé pour 2 clients, aucun n'est celui de la facture citée")
    const english = suggested(match(fromHolding({ counterpartyIban: OTHER_IBAN }), { history, language: 'en' }), 'i-pixel')!
    expect(english.notSureBecause).toBe('this IBAN has paid for 2 clients before, none of which owns the named invoice')
    // The invoice of one of the two: applied.
    expect(applied(match(fromHolding({ counterpartyIban: OTHER_IBAN, reference: 'FACT-2026-5001' }), { history }))).toEqual([['i-verde']])
  })

  it('this payer name was confirmed for Atelier Verde and for Maison Soleil before, no IBAN, FACT-2026-5010 of Pixel & Plume named: not applied', () => {
    const history: HistoryEntry[] = [{ counterpartyName: 'GROUPE HELIOS FINANCE', clientId: VERDE.id }, { counterpartyName: 'GROUPE HELIOS FINANCE', clientId: SOLEIL.id }]
    const tx = fromHolding({ counterpartyIban: null })
    const result = match(tx, { history })
    expect(applied(result)).toEqual([])
    expect(suggested(result, 'i-pixel')!.notSureBecause).toBe("ce nom de payeur a déjà payé pour 2 clients, aucun n'est celui de la facture citée")
    const english = suggested(match(tx, { history, language: 'en' }), 'i-pixel')!
    expect(english.notSureBecause).toBe('this payer name has paid for 2 clients before, none of which owns the named invoice')
    expect(applied(match({ ...tx, reference: 'FACT-2026-5001' }, { history }))).toEqual([['i-verde']])
  })

  it('a named group of which one invoice is of neither client the IBAN is registered on: not applied', () => {
    const second = invoice('i-soleil', 'FACT-2026-5030', SOLEIL.id, 12000, { issueDate: '2026-10-25' })
    const result = match(fromHolding({ amountCents: 60000, reference: 'FACT-2026-5010 FACT-2026-5030' }), { invoices: [...INVOICES, second] })
    expect(applied(result)).toEqual([])
    const group = result.suggestions.find((s) => s.allocations.length === 2)!
    expect(group.notSureBecause).toBe("l'IBAN du payeur est connu pour 2 clients, une des factures citées n'est à aucun d'eux")
  })

  it('readings that disagree: the IBAN points at Atelier Verde and Maison Soleil, the name at the two Nordik Design; a Nordik Design invoice is not applied', () => {
    const result = match(fromHolding({ reference: 'FACT-2026-5020', counterpartyName: 'Nordik Design', label: 'Nordik Design' }))
    expect(applied(result)).toEqual([])
    expect(suggested(result, 'i-nordik')!.notSureBecause).toBe("l'IBAN du payeur est connu pour 2 clients, aucun n'est celui de la facture citée")
  })

  it('a payer identified as exactly the invoice client (shared IBAN, but confirmed for Pixel & Plume only): applied as before', () => {
    const history: HistoryEntry[] = [{ counterpartyIban: SHARED_IBAN, clientId: PIXEL.id }]
    expect(applied(match(fromHolding(), { history }))).toEqual([['i-pixel']])
  })
})
