/**
 * The bank reconciliation statement as rows (the panel's table, the CSV): pure. Labels never start with
 * +, − or = (a spreadsheet would read a formula). The CSV (the accountant's file) is French; the
 * panel's table is in the panel's language.
 */
import { both, pick } from '../../i18n/both.js'
import { dayIn } from '../dates.js'
import type { Language } from '../language.js'
import { centsToDecimalString } from '../money.js'
import { neutralizeFormula } from '../text/formula.js'
import { frenchDecimal } from './types.js'

/** The ages of unexplained credits, oldest last (statement.service.ts sums by them). */
export const AGE_BUCKET_DAYS = [30, 60, 90, Infinity] as const

const STATEMENT_TEXTS = {
  head: both(['Rubrique', 'Nombre', 'Montant', 'Devise'], ['Heading', 'Count', 'Amount', 'Currency']),
  unknown: both('inconnu', 'unknown'),
  account: both(
    (name: string, iban: string | null, day: string) => `Compte : ${name}${iban ? ` (${iban})` : ''} — état de rapprochement au ${day}`,
    (name, iban, day) => `Account: ${name}${iban ? ` (${iban})` : ''} — reconciliation statement on ${day}`,
  ),
  balance: both(
    (day: string, source: StatementAccount['balanceSource']) =>
      `Solde Qonto au ${day}${source === 'current-balance' ? ' (calculé depuis le solde actuel)' : source === 'unknown' ? ' (inconnu : aucun solde synchronisé)' : ''}`,
    (day, source) => `Qonto balance on ${day}${source === 'current-balance' ? ' (computed from the current balance)' : source === 'unknown' ? ' (unknown: no balance synced)' : ''}`,
  ),
  opening: both('Solde d’ouverture (avant le premier mouvement synchronisé)', 'Opening balance (before the first synced movement)'),
  reconciled: both('Plus : crédits rapprochés de factures (comptabilisés)', 'Plus: credits matched to invoices (booked)'),
  writeOffs: both('  dont écarts soldés sans encaissement (pour information, hors banque)', '  of which write-offs settled without payment (for information, not on the bank)'),
  ignored: both('Plus : crédits expliqués hors facture (compte d’attente)', 'Plus: credits explained without an invoice (suspense account)'),
  unexplained: both('Plus : crédits non expliqués', 'Plus: unexplained credits'),
  age: both(
    (from: number, to: number) => (to === Infinity ? `plus de ${from - 1} jours` : `${from} à ${to} jours`),
    (from, to) => (to === Infinity ? `over ${from - 1} days` : `${from} to ${to} days`),
  ),
  unexplainedFor: both((age: string) => `    non expliqués depuis ${age}`, (age) => `    unexplained for ${age}`),
  debits: both('Moins : débits (hors rapprochement)', 'Minus: debits (not matched)'),
  computed: both('Égal : solde recalculé (ouverture + crédits − débits)', 'Equals: recomputed balance (opening + credits − debits)'),
  gap: both(
    (none: boolean): string => (none ? 'Écart (solde Qonto − solde recalculé) : nul, l’état est équilibré' : 'Écart (solde Qonto − solde recalculé) : mouvements manquants à synchroniser'),
    (none) => (none ? 'Gap (Qonto balance − recomputed balance): none, the statement balances' : 'Gap (Qonto balance − recomputed balance): movements missing, to sync'),
  ),
}
const TEXTS = { fr: pick(STATEMENT_TEXTS, 'fr'), en: pick(STATEMENT_TEXTS, 'en') }

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

/** "0 à 30 jours", "plus de 90 jours": an age bucket of AGE_BUCKET_DAYS in words (French: the statement's own label). */
export function ageBucketLabel(index: number, language: Language = 'fr'): string {
  return TEXTS[language].age(index === 0 ? 0 : AGE_BUCKET_DAYS[index - 1]! + 1, AGE_BUCKET_DAYS[index] ?? Infinity)
}

/** The statement's rows: French for the CSV (the default), or in the panel's language for its table. */
export function statementRows(statement: StatementView, language: Language = 'fr'): string[][] {
  const T = TEXTS[language]
  const decimal = (cents: number) => (language === 'fr' ? frenchDecimal(cents) : centsToDecimalString(cents))
  const amount = (cents: number | null) => (cents === null ? T.unknown : decimal(cents))
  const day = dayIn(language, statement.date)
  const rows: string[][] = [[...T.head]]
  for (const a of statement.accounts) {
    const cur = a.currency
    rows.push(
      [T.account(neutralizeFormula(a.name), a.iban, day), '', '', ''],
      [T.balance(day, a.balanceSource), '', amount(a.bankBalanceCents), cur],
      [T.opening, '', amount(a.openingCents), cur],
      [T.reconciled, String(a.reconciled.count), decimal(a.reconciled.cents), cur],
      [T.writeOffs, '', decimal(a.writeOffCents), cur],
      [T.ignored, String(a.ignored.count), decimal(a.ignored.cents), cur],
      [T.unexplained, String(a.unexplained.count), decimal(a.unexplained.cents), cur],
      ...a.unexplainedByAge.map((b, i) => [T.unexplainedFor(ageBucketLabel(i, language)), String(b.count), decimal(b.cents), cur]),
      [T.debits, String(a.debits.count), decimal(a.debits.cents), cur],
      [T.computed, '', amount(a.computedBalanceCents), cur],
      [T.gap(a.gapCents === 0), '', amount(a.gapCents), cur],
      ['', '', '', ''],
    )
  }
  return rows
}
