import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkSuggestInput, suggestInputSchema } from '../src/cli/suggest-input.js'

/** Values a field may hold in a host's input, valid for some fields and not for others. */
const ANY = fc.constantFrom<unknown>(
  undefined, null, '', 'x', 'EUR', 'eur', 'EURO', 0, -1, 150000, 12.5, 2 ** 53, true, [], {}, ['FR76 3000'], [1],
  '2026-10-31', '2026-13-45', '2026-10-31T10:00:00Z', '2026-10-31T10:00:00+02:00', '2026-02-30T10:00:00Z', '2026-10-31T10:00Z', '2026-10-31 10:00:00',
  'credit', 'debit', 'ENVOYE', 'PAYE', 'envoye', 'PAIEMENT', 'PAYEUR', 'Europe/Paris', 'Mars/Olympus',
  ':-1,-2y', 'fact:0', 'FACT 123', 450.5,
)

const row = (base: Record<string, unknown>) =>
  fc.record(Object.fromEntries(Object.keys(base).map((key) => [key, fc.oneof({ weight: 4, arbitrary: fc.constant(base[key]) }, { weight: 1, arbitrary: ANY })])))

const client = row({ id: 'glow', name: 'Glow Cosmetics SAS', ibans: ['FR7630004008230001234567819'] })
const invoice = row({ id: 'inv-1', number: 'FACT-2026-001', clientId: 'glow', totalCents: 150000, paidCents: 0, currency: 'EUR', issueDate: '2026-10-31', dueDate: '2026-11-30', status: 'ENVOYE' })
const entry = row({ counterpartyName: 'GLOW', counterpartyIban: 'FR7630004008230001234567819', clientId: 'glow', learnedOn: '2026-11-02', usualShortfallCents: 450 })
/** What confirmations taught (additive keys of a history entry): learned reference forms, right and wrong. */
const form = row({ form: 'fact:-1', example: 'FACT 123', learnedOn: '2026-11-02' })
const learnedEntry = fc.tuple(entry, fc.oneof(fc.array(form, { maxLength: 2 }), ANY)).map(([e, forms]) => ({ ...e, referenceForms: forms }))
const transaction = row({ id: 'tx-1', amountCents: 150000, currency: 'EUR', side: 'credit', label: 'VIR', reference: 'FACT 2026 001', counterpartyName: 'GLOW', counterpartyIban: null, settledAt: '2026-11-20T10:00:00Z' })
const options = row({ maxSuggestions: 3, timeZone: 'Europe/Paris', invoicePrefixes: ['FACT'] })
const decline = row({ scope: 'PAIEMENT', transactionId: 'tx-1', invoiceIds: ['inv-1'], by: 'maud', at: '2026-11-21T10:00:00Z' })

const input = fc.record(
  {
    clients: fc.array(client, { maxLength: 3 }),
    invoices: fc.array(invoice, { maxLength: 4 }),
    history: fc.oneof(fc.constant(undefined), fc.array(learnedEntry, { maxLength: 2 })),
    transactions: fc.array(transaction, { maxLength: 4 }),
    options: fc.oneof(fc.constant(undefined), options),
    declines: fc.oneof(fc.constant(undefined), fc.array(decline, { maxLength: 2 })),
  },
  { requiredKeys: ['clients', 'invoices', 'transactions'] },
)

describe('suggest input: the in-place check says what the schema says', () => {
  it('accepts exactly the inputs the schema accepts, with the same values, on inputs with a wrong field here and there', () => {
    fc.assert(
      fc.property(input, (json) => {
        const fast = checkSuggestInput(json)
        const schema = suggestInputSchema.safeParse(json)
        expect(fast.success).toBe(schema.success)
        if (fast.success && schema.success) expect(fast.data).toEqual(schema.data)
        if (!fast.success && !schema.success) expect(fast.error.issues).toEqual(schema.error.issues)
      }),
      { numRuns: 3000 },
    )
  })

  it('keeps the valid input as it is, without copying its rows', () => {
    const json = { clients: [{ id: 'c', name: 'C' }], invoices: [{ id: 'i', number: 'F-1', totalCents: 100, issueDate: '2026-01-02' }], transactions: [] }
    const checked = checkSuggestInput(json)
    expect(checked.success && checked.data.invoices[0]).toBe(json.invoices[0])
  })
})
