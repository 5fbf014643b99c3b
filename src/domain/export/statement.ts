/**
 * The bank reconciliation statement as rows (the panel's table, the CSV): pure. Labels never start with
 * +, − or = (a spreadsheet would read a formula).
 */
import { frenchDay } from '../dates.js'
import { neutralizeFormula } from '../text/formula.js'
import { frenchDecimal } from './types.js'

export interface Amount {
  count: number
  cents: number
}

/** One Qonto account's statement at a date (src/reconcile/statement.service.ts computes it). */
export interface StatementAccount {
  accountId: string | null
  name: string
  iban: string | null
  currency: string
  /** Qonto's settled balance at the end of the day, and where it comes from. */
  bankBalanceCents: number | null
  balanceSource: 'qonto' | 'current-balance' | 'unknown'
  openingCents: number | null
  reconciled: Amount
  /** Differences closed on invoices without cash (« Solder avec écart »): explained, not on the bank. */
  writeOffCents: number
  ignored: Amount
  unexplained: Amount
  unexplainedByAge: Array<Amount & { label: string }>
  debits: Amount
  /** opening + credits − debits: the balance the synced movements give. */
  computedBalanceCents: number | null
  /** Qonto's balance − computed balance: zero when every movement is synced. */
  gapCents: number | null
}

export interface StatementView {
  date: string
  accounts: StatementAccount[]
}

const amount = (cents: number | null) => (cents === null ? 'inconnu' : frenchDecimal(cents))

export function statementRows(statement: StatementView): string[][] {
  const day = frenchDay(statement.date)
  const rows: string[][] = [['Rubrique', 'Nombre', 'Montant', 'Devise']]
  for (const a of statement.accounts) {
    const cur = a.currency
    rows.push(
      [`Compte : ${neutralizeFormula(a.name)}${a.iban ? ` (${a.iban})` : ''} — état de rapprochement au ${day}`, '', '', ''],
      [`Solde Qonto au ${day}${a.balanceSource === 'current-balance' ? ' (calculé depuis le solde actuel)' : a.balanceSource === 'unknown' ? ' (inconnu : aucun solde synchronisé)' : ''}`, '', amount(a.bankBalanceCents), cur],
      ['Solde d’ouverture (avant le premier mouvement synchronisé)', '', amount(a.openingCents), cur],
      ['Plus : crédits rapprochés de factures (comptabilisés)', String(a.reconciled.count), frenchDecimal(a.reconciled.cents), cur],
      ['  dont écarts soldés sans encaissement (pour information, hors banque)', '', frenchDecimal(a.writeOffCents), cur],
      ['Plus : crédits expliqués hors facture (compte d’attente)', String(a.ignored.count), frenchDecimal(a.ignored.cents), cur],
      ['Plus : crédits non expliqués', String(a.unexplained.count), frenchDecimal(a.unexplained.cents), cur],
      ...a.unexplainedByAge.map((b) => [`    non expliqués depuis ${b.label}`, String(b.count), frenchDecimal(b.cents), cur]),
      ['Moins : débits (hors rapprochement)', String(a.debits.count), frenchDecimal(a.debits.cents), cur],
      ['Égal : solde recalculé (ouverture + crédits − débits)', '', amount(a.computedBalanceCents), cur],
      [a.gapCents === 0 ? 'Écart (solde Qonto − solde recalculé) : nul, l’état est équilibré' : 'Écart (solde Qonto − solde recalculé) : mouvements manquants à synchroniser', '', amount(a.gapCents), cur],
      ['', '', '', ''],
    )
  }
  return rows
}
