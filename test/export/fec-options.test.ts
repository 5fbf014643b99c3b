import { describe, expect, it } from 'vitest'
import { auxAccountOf } from '../../src/domain/export/fec.js'
import { validateOptions, type CoreOptions } from '../../src/options.js'

const base = {
  prisma: { $transaction: () => undefined },
  schema: 'schema.prisma',
  invoices: { model: 'Document', fields: { number: 'reference', total: 'montantTTC', status: 'statut', client: 'marqueId', issueDate: 'dateEmission' }, statuses: { open: ['ENVOYE'], partlyPaid: 'PARTIEL', paid: 'PAYE' } },
  clients: { model: 'Marque', fields: { name: 'nom', accountingAccount: 'compteComptable' } },
  users: { id: () => null, canReconcile: () => true },
} as unknown as CoreOptions

describe('the FEC options a host gives', () => {
  it('accepts the accountant’s accounts, a fiscal year starting in July and a client account function', () => {
    expect(() => validateOptions({ ...base, fec: { bankAccount: '512100', clientAccount: '411000', suspenseAccount: '471000', writeOffAccount: '658000', journalCode: 'BQ1', fiscalYearStartMonth: 7, clientAuxAccount: () => null } })).not.toThrow()
  })

  it('refuses, in French and naming the option, a bank account outside 512, a client account outside 41, a bad month, an unknown option', () => {
    const problems = (fec: object) => {
      try {
        validateOptions({ ...base, fec } as CoreOptions)
        return ''
      } catch (error) {
        return (error as Error).message
      }
    }
    expect(problems({ bankAccount: '411000' })).toContain('fec.bankAccount : compte de banque attendu (512…), par exemple 512000')
    expect(problems({ clientAccount: '706000' })).toContain('fec.clientAccount : compte clients attendu (41…), par exemple 411000')
    expect(problems({ suspenseAccount: 'attente' })).toContain('fec.suspenseAccount : numéro de compte attendu (trois chiffres du plan comptable, puis chiffres ou majuscules), par exemple 471000')
    expect(problems({ fiscalYearStartMonth: 13 })).toContain('fec.fiscalYearStartMonth : mois attendu de 1 à 12')
    expect(problems({ journalCode: 'banque qonto' })).toContain('fec.journalCode : code journal attendu')
    expect(problems({ lettrage: true })).toMatch(/fec : .*lettrage/)
  })

  it('takes the host’s function first, then its mapped field, then the derived code', () => {
    const client = { id: 'c1', name: 'Glow Cosmetics SAS', account: '411GLOW' }
    expect(auxAccountOf(client, { clientAuxAccount: (c) => (c.name?.startsWith('Glow') ? '411G001' : null) })).toBe('411G001')
    expect(auxAccountOf(client, { clientAuxAccount: () => null })).toBe('411GLOW')
    expect(auxAccountOf({ ...client, account: null }, {})).toMatch(/^411GLOWCO[0-9A-Z]{4}$/)
    expect(auxAccountOf({ ...client, account: ' \t ' }, {})).toMatch(/^411GLOWCO[0-9A-Z]{4}$/)
  })
})
