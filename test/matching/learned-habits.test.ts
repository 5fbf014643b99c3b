/**
 * Confirmations teach a payer's habits (issue 22): who they pay for (an alias: a holding, a factor, an
 * accountant, an IBAN that is not the client's), and the one mangled form they write invoice numbers
 * in. Both are suggestion reasons that say where they were learned; neither ever makes a match automatic.
 */
import { describe, expect, it } from 'vitest'
import { suggestMatches, type HistoryEntry, type MatchResult } from '../../src/domain/matching/index.js'
import { invoicePrefixSet } from '../../src/domain/matching/reference-evidence.js'
import { learnReferenceForm } from '../../src/domain/matching/reference-habits.js'
import { ADVERSARIAL_CASES, ADVERSARIAL_CLIENTS } from './adversarial-cases.js'
import { FR_CLIENTS, FRENCH_REMITTANCE_CASES } from './adversarial-cases-fr.js'

const prefixes = invoicePrefixSet()
const learn = (text: string, number: string) => learnReferenceForm([text], number, prefixes)

describe('a reference form is learned from how the payer wrote a confirmed invoice', () => {
  it('reads "FACT 123", "123/2026", "0123-26" as forms of F-2026-0123', () => {
    expect(learn('VIR SEPA FACT 123 MERCI', 'F-2026-0123')).toEqual({ form: 'fact:-1', example: 'FACT 123' })
    expect(learn('REGLEMENT 123/2026', 'F-2026-0123')).toEqual({ form: ':-1,-2', example: '123/2026' })
    expect(learn('ref 0123-26', 'F-2026-0123')).toEqual({ form: ':-1,-2y', example: '0123/26' })
  })

  it('learns nothing from the number typed as it is, a year alone, another document, or another number', () => {
    expect(learn('F-2026-0123', 'F-2026-0123')).toBeNull()
    expect(learn('FACTURE 2026 0123', 'F-2026-0123')).toBeNull()
    expect(learn('cotisation 2026', 'F-2026-0123')).toBeNull()
    expect(learn('DEVIS 123', 'F-2026-0123')).toBeNull()
    expect(learn('FACT 124', 'F-2026-0123')).toBeNull()
    expect(learn('', 'F-2026-0123')).toBeNull()
  })
})

describe("a payer's learned habits in the matcher", () => {
  const clients = [
    { id: 'lumiere', name: 'Maison Lumière SARL', ibans: ['FR1420041010050500013M02606'] },
    { id: 'pixel', name: 'Pixel et Plume', ibans: [] },
  ]
  const invoices = [
    { id: 'f123', number: 'F-2026-0123', clientId: 'lumiere', totalCents: 48000, issueDate: '2026-09-01', dueDate: '2026-10-01' },
    { id: 'f125', number: 'F-2026-0125', clientId: 'lumiere', totalCents: 72000, issueDate: '2026-09-15', dueDate: '2026-10-15' },
    { id: 'f126', number: 'F-2026-0126', clientId: 'lumiere', totalCents: 72000, issueDate: '2026-09-20', dueDate: '2026-10-20' },
    { id: 'p125', number: 'F-2026-0225', clientId: 'pixel', totalCents: 72000, issueDate: '2026-09-15', dueDate: '2026-10-15' },
  ]
  const FACTOR_IBAN = 'FR7612548029981234567890161'
  // A factoring company pays Lumière's invoices from its own IBAN, writing "125/2026".
  const payment = { id: 'p', amountCents: 72000, counterpartyName: 'FINANCO FACTOR', counterpartyIban: FACTOR_IBAN, reference: 'REMISE 125/2026', settledAt: '2026-11-20T10:00:00Z' }
  const history = (learned: Partial<HistoryEntry> = {}): HistoryEntry[] => [
    { counterpartyIban: FACTOR_IBAN, clientId: 'lumiere', ...learned },
    { counterpartyName: 'FINANCO FACTOR', clientId: 'lumiere', ...learned },
  ]
  const top = (h: HistoryEntry[]) => suggestMatches({ clients, invoices, history: h }, [payment])[0]!.suggestions[0]!

  it('an alias learned from a confirmation names the client and says so, with the day; never automatic', () => {
    const top = (h: HistoryEntry[]) => suggestMatches({ clients, invoices, history: h }, [{ ...payment, reference: 'REMISE FACTORING' }])[0]!.suggestions[0]!
    const learned = top(history({ learnedOn: '2026-11-03' }))
    const reason = learned.reasons.find((r) => r.code === 'CLIENT_LEARNED')
    expect(reason?.label).toBe("IBAN de l'émetteur reconnu comme payeur du client Maison Lumière SARL : appris de votre rapprochement du 03/11/2026")
    expect(learned.method).toBe('HISTORY')
    expect(learned.autoApply).toBe(false)
    // Without a recorded confirmation, the history reason is the old one.
    expect(top(history()).reasons.map((r) => r.code)).toContain('CLIENT_HISTORY')
  })

  it('the learned form names the invoice among that client\'s (REFERENCE_HABIT), ranks it first, and is never automatic', () => {
    const forms = [{ form: ':-1,-2', example: '123/2026', learnedOn: '2026-11-03' }]
    const learned = top(history({ learnedOn: '2026-11-03', referenceForms: forms }))
    expect(learned.allocations).toEqual([{ invoiceId: 'f125', amountCents: 72000 }])
    expect(learned.reasons.find((r) => r.code === 'REFERENCE_HABIT')?.label).toBe(
      "125/2026 : la facture F-2026-0125 écrite comme ce payeur l'écrit (« 123/2026 », appris de votre rapprochement du 03/11/2026)",
    )
    expect(learned).toMatchObject({ method: 'REFERENCE', autoApply: false })
    // Without the form, "125" is only an abbreviated number guessed among the payer's invoices.
    const [unlearned] = suggestMatches({ clients, invoices, history: history() }, [payment])
    expect(unlearned!.suggestions.flatMap((s) => s.reasons.map((r) => r.code))).not.toContain('REFERENCE_HABIT')
    expect(unlearned!.suggestions[0]!.score).toBeLessThan(learned.score)
  })

  it('reads a form the matcher cannot guess: "FACT 7" for F-2026-0007', () => {
    const seven = { id: 'f7', number: 'F-2026-0007', clientId: 'lumiere', totalCents: 72000, issueDate: '2026-09-10', dueDate: '2026-10-10' }
    const forms = [{ form: 'fact:-1', example: 'FACT 5', learnedOn: '2026-11-03' }]
    const run = (h: HistoryEntry[]) => suggestMatches({ clients, invoices: [...invoices, seven], history: h }, [{ ...payment, reference: 'FACT 7' }])[0]!.suggestions[0]!
    expect(run(history()).reasons.map((r) => r.code)).not.toContain('REFERENCE_HABIT')
    expect(run(history({ referenceForms: forms }))).toMatchObject({ allocations: [{ invoiceId: 'f7', amountCents: 72000 }], autoApply: false })
    expect(run(history({ referenceForms: forms })).reasons.map((r) => r.code)).toContain('REFERENCE_HABIT')
  })

  it("another payer writing the same form, or another client's invoice, is not read with it", () => {
    const forms = [{ form: ':-1,-2', example: '123/2026', learnedOn: '2026-11-03' }]
    const [stranger] = suggestMatches({ clients, invoices, history: history({ referenceForms: forms }) }, [{ ...payment, counterpartyIban: null, counterpartyName: 'SOMEONE ELSE' }])
    expect(stranger!.suggestions.flatMap((s) => s.reasons.map((r) => r.code))).not.toContain('REFERENCE_HABIT')
    const pixelOnly = [{ counterpartyIban: FACTOR_IBAN, clientId: 'pixel', referenceForms: forms }]
    const [pixel] = suggestMatches({ clients, invoices, history: pixelOnly }, [payment])
    expect(pixel!.suggestions[0]!.reasons.map((r) => r.code)).not.toContain('REFERENCE_HABIT')
  })
})

describe('nothing auto-applies from learning alone', () => {
  /**
   * Every hand-written case matched twice: as it is, and with the most a payer could have taught —
   * their IBAN and name learned as the client of the expected invoices (dated), and every form their
   * remittance writes those invoices in. Learning may change rankings and reasons, never add an
   * automatic match nor change which one is automatic.
   */
  it('on every hand-written case, the automatic match with all the learning is the one without', () => {
    let taught = 0
    let forms = 0
    const cases = [...ADVERSARIAL_CASES.map((c) => ({ c, clients: ADVERSARIAL_CLIENTS })), ...FRENCH_REMITTANCE_CASES.map((c) => ({ c, clients: FR_CLIENTS }))]
    for (const { c, clients } of cases) {
      const expected = c.top === 'none' ? [] : c.invoices.filter((i) => (c.top as string[]).includes(i.id))
      const clientId = expected[0]?.clientId ?? clients[0]!.id
      const referenceForms = expected.flatMap((invoice) => {
        const form = learnReferenceForm([c.payment.reference, c.payment.label], invoice.number, prefixes)
        return form ? [{ ...form, learnedOn: '2026-11-03' }] : []
      })
      const learned: HistoryEntry[] = [
        ...(c.history ?? []),
        ...(c.payment.counterpartyIban ? [{ counterpartyIban: c.payment.counterpartyIban, clientId, learnedOn: '2026-11-03', referenceForms }] : []),
        ...(c.payment.counterpartyName ? [{ counterpartyName: c.payment.counterpartyName, clientId, learnedOn: '2026-11-03', referenceForms }] : []),
      ]
      if (learned.length > (c.history ?? []).length) taught += 1
      if (referenceForms.length > 0) forms += 1
      const auto = (r: MatchResult) => r.suggestions.filter((s) => s.autoApply).map((s) => s.allocations)
      const [plain] = suggestMatches({ clients, invoices: c.invoices, history: c.history }, [c.payment])
      const [withLearning] = suggestMatches({ clients, invoices: c.invoices, history: learned }, [c.payment])
      expect(auto(withLearning!), c.name).toEqual(auto(plain!))
    }
    expect(taught).toBeGreaterThan(30)
    expect(forms).toBeGreaterThan(5)
  })
})
