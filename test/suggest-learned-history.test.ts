/**
 * `suggest` input, additive: a history entry may carry what Maud's confirmations taught about that
 * payer (docs/matching.md §3a) — `learnedOn`, `referenceForms`, `usualShortfallCents` — as `--config`
 * reads it from the host's database. Bad values exit 2 with a French error naming the path; inputs
 * without them read and answer exactly as before.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { InputError, runSuggest } from '../src/cli/suggest.command.js'
import { suggestMatches } from '../src/domain/matching/index.js'

const run = async (input: unknown): Promise<any> => {
  const file = join(mkdtempSync(join(tmpdir(), 'qr-learned-')), 'input.json')
  writeFileSync(file, JSON.stringify(input))
  const pieces: string[] = []
  await runSuggest(file, async () => '', { pretty: false, write: async (text) => void pieces.push(text) })
  return JSON.parse(pieces.join(''))
}

const FACTOR_IBAN = 'FR7612548029981234567890161'
const clients = [{ id: 'lumiere', name: 'Maison Lumière', ibans: [] }]
const invoices = [
  { id: 'f125', number: 'F-2026-0125', clientId: 'lumiere', totalCents: 72000, issueDate: '2026-09-15' },
  { id: 'f126', number: 'F-2026-0126', clientId: 'lumiere', totalCents: 72000, issueDate: '2026-09-20' },
]
const transactions = [{ id: 'tx-next', amountCents: 72000, counterpartyName: 'FINANCO FACTOR', counterpartyIban: FACTOR_IBAN, reference: 'REMISE 125/2026', settledAt: '2026-11-20T10:00:00Z' }]
/** The factor Maud confirmed for Lumière on 2 Nov 2026, writing F-2026-0123 as "123/2026". */
const taught = { counterpartyName: 'FINANCO FACTOR', counterpartyIban: FACTOR_IBAN, clientId: 'lumiere', learnedOn: '2026-11-02', referenceForms: [{ form: ':-1,-2', example: '123/2026', learnedOn: '2026-11-02' }] }

describe('suggest: history entries with what confirmations taught (additive, optional)', () => {
  it("learnedOn and referenceForms: the factor is named as Lumière's, learned from that day, and its 125/2026 read in its form, as --config does", async () => {
    const [result] = (await run({ clients, invoices, history: [taught], transactions })).results
    expect(result.clientId).toBe('lumiere')
    const top = result.suggestions[0]
    expect(top).toMatchObject({ allocations: [{ invoiceId: 'f125', amountCents: 72000 }], autoApply: false, method: 'REFERENCE' })
    expect(top.reasons).toEqual(
      expect.arrayContaining([
        { code: 'REFERENCE_HABIT', label: "125/2026 : la facture F-2026-0125 écrite comme ce payeur l'écrit (« 123/2026 », appris de votre rapprochement du 02/11/2026)" },
        { code: 'CLIENT_LEARNED', label: "IBAN de l'émetteur reconnu comme payeur du client Maison Lumière : appris de votre rapprochement du 02/11/2026" },
      ]),
    )
  })

  it('usualShortfallCents: a payment short by exactly that much on that client is read as the payer’s usual bank fees', async () => {
    const short = [{ ...transactions[0]!, reference: null, amountCents: 72000 - 2450 }]
    const [result] = (await run({ clients, invoices, history: [{ counterpartyIban: FACTOR_IBAN, clientId: 'lumiere', usualShortfallCents: 2450 }], transactions: short })).results
    expect(result.suggestions[0].reasons.map((r: { code: string }) => r.code)).toContain('AMOUNT_USUAL_SHORTFALL')
  })

  it('an input without them reads and answers as before: the matcher on the same rows', async () => {
    const history = [{ counterpartyName: 'FINANCO FACTOR', counterpartyIban: FACTOR_IBAN, clientId: 'lumiere' }]
    const output = await run({ clients, invoices, history, transactions })
    expect(output).toEqual({ results: suggestMatches({ clients, invoices, history }, transactions) })
    expect(output.results[0].suggestions[0].reasons.map((r: { code: string }) => r.code)).not.toContain('REFERENCE_HABIT')
  })

  const refused = async (entry: Record<string, unknown>): Promise<string> => {
    const error = await run({ clients, invoices, history: [{ counterpartyIban: FACTOR_IBAN, clientId: 'lumiere' }, entry], transactions }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InputError)
    return (error as InputError).message
  }

  it.each([
    [{ ...taught, learnedOn: '02/11/2026' }, 'history[1].learnedOn: jour attendu au format AAAA-MM-JJ (ex. 2026-11-02)'],
    [{ ...taught, learnedOn: '2026-02-30' }, 'history[1].learnedOn: jour attendu au format AAAA-MM-JJ (ex. 2026-11-02)'],
    [{ ...taught, learnedOn: 20261102 }, 'history[1].learnedOn: jour attendu au format AAAA-MM-JJ (ex. 2026-11-02)'],
    [{ ...taught, referenceForms: 'FACT 123' }, 'history[1].referenceForms: liste attendue de formes [{ form, example, learnedOn }]'],
    [{ ...taught, referenceForms: [{ form: 'FACT 123', example: 'FACT 123', learnedOn: '2026-11-02' }] }, 'history[1].referenceForms[0].form: forme inconnue (attendu par exemple « fact:-1 » ou « :-1,-2y »)'],
    [{ ...taught, referenceForms: [{ form: 'fact:-1', example: '', learnedOn: '2026-11-02' }] }, "history[1].referenceForms[0].example: exemple attendu (le numéro tel que le payeur l'a écrit, ex. « FACT 123 »)"],
    [{ ...taught, referenceForms: [{ form: 'fact:-1', example: 'FACT 123' }] }, 'history[1].referenceForms[0].learnedOn: jour attendu au format AAAA-MM-JJ (ex. 2026-11-02)'],
    [{ ...taught, usualShortfallCents: 4.5 }, 'history[1].usualShortfallCents: montant attendu en centimes, entier supérieur à 0 (ex. 450 pour 4,50 €)'],
    [{ ...taught, usualShortfallCents: 0 }, 'history[1].usualShortfallCents: montant attendu en centimes, entier supérieur à 0 (ex. 450 pour 4,50 €)'],
    [{ ...taught, usualShortfallCents: '450' }, 'history[1].usualShortfallCents: montant attendu en centimes, entier supérieur à 0 (ex. 450 pour 4,50 €)'],
  ])('a bad value is refused in French, naming its path: %j', async (entry, message) => {
    expect((await refused(entry)).split('\n')).toEqual([message])
  })
})
