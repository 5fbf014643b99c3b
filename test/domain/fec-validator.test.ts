import { describe, expect, it } from 'vitest'
import { FEC_COLUMNS, fecEntryText, fecHeader, reconciledLines } from '../../src/domain/export/fec.js'
import type { ReconciledPayment } from '../../src/domain/export/types.js'
import { validateFec } from '../../src/domain/export/fec-validator.js'

const payment: ReconciledPayment = {
  transactionId: 't1', qontoId: 'q1', date: new Date('2026-11-03T10:00:00Z'), payer: 'GLOW', iban: null, reference: null, amountCents: 150000, currency: 'EUR',
  allocations: [
    { invoiceNumber: 'FACT-1', clientId: 'c1', clientName: 'Glow', amountCents: 100000, by: 'maud', automatic: false, at: new Date() },
    { invoiceNumber: 'FACT-2', clientId: 'c1', clientName: 'Glow', amountCents: 50000, by: 'maud', automatic: false, at: new Date() },
  ],
}
const entry = (n: number) =>
  fecEntryText({ journalCode: 'BQ', journalLabel: 'Banque Qonto', number: `BQ2026-${String(n).padStart(6, '0')}`, day: '2026-11-03', validDay: '2026-11-04', lines: reconciledLines(payment) })
const good = fecHeader() + entry(1) + entry(2)

describe('the FEC validator (DGFiP format rules, offline)', () => {
  it('accepts a well-formed file, whole fiscal year included', () => {
    expect(validateFec(good, { wholeFiscalYear: true })).toEqual([])
    expect(validateFec(Buffer.from(good, 'utf8'))).toEqual([])
  })

  it('refuses a file that is not UTF-8', () => {
    expect(validateFec(Buffer.from([...Buffer.from(fecHeader()), 0xe9, 0x0d, 0x0a]))).toEqual(['Encodage : le fichier n’est pas en UTF-8 valide.'])
  })

  it('refuses columns out of order, a missing field, a bad date, a decimal point, an unbalanced entry', () => {
    expect(validateFec(`${[...FEC_COLUMNS].reverse().join('\t')}\r\n`)[0]).toMatch(/^En-tête/)
    const lines = good.split('\r\n')
    const broken = (i: number, field: number, value: string) => {
      const copy = [...lines]
      const f = copy[i]!.split('\t')
      f[field] = value
      copy[i] = f.join('\t')
      return copy.join('\r\n')
    }
    expect(validateFec(broken(1, 3, '2026-11-03'))).toContainEqual('Ligne 2 : EcritureDate « 2026-11-03 » n’est pas une date AAAAMMJJ.')
    expect(validateFec(broken(1, 3, '20261131'))[0]).toContain('n’est pas une date AAAAMMJJ')
    expect(validateFec(broken(1, 11, '1500.00'))).toContainEqual('Ligne 2 : Debit « 1500.00 » n’est pas un montant à virgule décimale.')
    expect(validateFec(broken(1, 11, '1500,01'))).toContainEqual('Écriture BQ2026-000001 (ligne 2) déséquilibrée : débit 1500.01 ≠ crédit 1500.')
    expect(validateFec(lines.map((l, i) => (i === 2 ? l.split('\t').slice(0, 17).join('\t') : l)).join('\r\n'))).toContainEqual('Ligne 3 : 17 champs au lieu de 18.')
    expect(validateFec(broken(1, 4, 'BANQUE'))[0]).toContain('trois chiffres du plan comptable')
    expect(validateFec(broken(1, 16, '10,00'))).toContainEqual('Ligne 2 : Montantdevise et Idevise vont ensemble.')
  })

  it('refuses a gap in the numbering of a whole fiscal year, and a letter group that does not balance', () => {
    const gap = fecHeader() + entry(1) + entry(3)
    expect(validateFec(gap)).toEqual([])
    expect(validateFec(gap, { wholeFiscalYear: true })).toEqual(['Journal BQ : numérotation discontinue, BQ2026-2 manque (2 écritures).'])
    const lettered = good.split('\r\n').map((l, i) => (i === 2 ? l.split('\t').map((f, j) => (j === 13 ? 'AA' : j === 14 ? '20261103' : f)).join('\t') : l)).join('\r\n')
    expect(validateFec(lettered)).toEqual([expect.stringMatching(/^Lettrage AA du compte 411000 \/ 411GLOW\w* déséquilibré/)])
  })
})
