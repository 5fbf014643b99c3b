import { describe, expect, it } from 'vitest'
import { csvRows } from '../../src/domain/export/csv.js'
import { FecError, fecEntryText, reconciledLines } from '../../src/domain/export/fec.js'
import type { ReconciledPayment } from '../../src/domain/export/types.js'

const base: ReconciledPayment = {
  transactionId: 't1',
  qontoId: 'q1',
  date: new Date('2026-03-31T23:30:00Z'),
  payer: 'GLOW',
  iban: null,
  reference: 'FACT-2026-001',
  amountCents: 150000,
  currency: 'EUR',
  allocations: [
    { invoiceNumber: 'FACT-2026-001', clientId: 'c1', clientName: 'Glow', amountCents: 100000, by: 'maud', automatic: false, at: new Date('2026-10-24T22:30:00Z') },
    { invoiceNumber: 'FACT-2026-002', clientId: 'c1', clientName: 'Glow', amountCents: 50000, by: 'maud', automatic: false, at: new Date('2026-10-24T22:30:00Z') },
  ],
}
const fields = (line: string) => line.split('\t')
const fecEntry = (payment: ReconciledPayment, _sequence: number) =>
  fecEntryText({ journalCode: 'BQ', journalLabel: 'Banque Qonto', number: 'BQ2026-000001', day: '2026-04-01', validDay: '2026-10-25', lines: reconciledLines(payment) })

describe('exports use the business day in Paris', () => {
  it('CSV: a payment at 23:30 UTC on 31 March is dated 01/04', () => {
    const [row] = csvRows(base)
    expect(row![0]).toBe('01/04/2026')
    expect(row![12]).toBe('25/10/2026')
    expect(csvRows(base, 'UTC')[0]![0]).toBe('31/03/2026')
  })

  it('FEC: the piece date is the Paris day; nothing is lettered (the file holds the bank side only)', () => {
    const [bank, client] = fecEntry(base, 0).trimEnd().split('\r\n').map(fields)
    expect(bank![9]).toBe('20260401')
    expect(reconciledLines(base)[0]!.pieceDay).toBe('2026-04-01')
    expect(client!.slice(13, 15)).toEqual(['', ''])
    expect(client![8]).toBe('FACT-2026-001')
    expect(client![10]).toContain('FACT-2026-001')
    expect(bank![16]).toBe('')
    expect(bank![17]).toBe('')
  })
})

describe('FEC in euros', () => {
  it('writes Debit/Credit in euros and the foreign amount in Montantdevise/Idevise', () => {
    const usd: ReconciledPayment = { ...base, currency: 'USD', amountCents: 150000, amountEurCents: 138461 }
    const lines = fecEntry(usd, 0).trimEnd().split('\r\n').map(fields)
    const [bank, first, second] = lines
    expect(bank!.slice(11, 13)).toEqual(['1384,61', '0,00'])
    expect(bank!.slice(16)).toEqual(['1500,00', 'USD'])
    expect(first!.slice(11, 13)).toEqual(['0,00', '923,07'])
    expect(first!.slice(16)).toEqual(['1000,00', 'USD'])
    expect(second!.slice(12, 13)).toEqual(['461,54'])
    expect(second!.slice(16)).toEqual(['500,00', 'USD'])
    const credits = lines.slice(1).reduce((sum, f) => sum + Number(f[12]!.replace(',', '')), 0)
    expect(credits).toBe(138461)
  })

  it('converts only the allocated part of a partly allocated payment', () => {
    const usd: ReconciledPayment = { ...base, currency: 'USD', amountCents: 200000, amountEurCents: 180000, allocations: [base.allocations[0]!] }
    const [bank, client] = fecEntry(usd, 0).trimEnd().split('\r\n').map(fields)
    expect(bank![11]).toBe('900,00')
    expect(client![12]).toBe('900,00')
  })

  it('refuses a foreign-currency payment without its euro amount', () => {
    expect(() => fecEntry({ ...base, currency: 'USD' }, 0)).toThrow(FecError)
    expect(() => fecEntry({ ...base, currency: 'USD' }, 0)).toThrow(/sans montant en euros/)
  })

  it("a euro payment Qonto converted from dollars keeps the dollars in Montantdevise/Idevise, its lines in euros", () => {
    const converted: ReconciledPayment = { ...base, localAmount: { cents: 162000, currency: 'USD' } }
    const [bank, first, second] = fecEntry(converted, 0).trimEnd().split('\r\n').map(fields)
    expect(bank!.slice(11, 13)).toEqual(['1500,00', '0,00'])
    expect(bank!.slice(16)).toEqual(['1620,00', 'USD'])
    expect(first!.slice(16)).toEqual(['1080,00', 'USD'])
    expect(second!.slice(16)).toEqual(['540,00', 'USD'])
  })
})
