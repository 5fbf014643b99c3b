/** CSV for French spreadsheets: UTF-8 with BOM, ";" separator, decimal comma; one row per allocated invoice. */
import { stringify, type Stringifier } from 'csv-stringify'
import { businessDay, DEFAULT_TIME_ZONE, frenchDay } from '../dates.js'
import { categoryLabel, MODE_LABELS, WRITE_OFF_LABELS } from '../explanation.js'
import { neutralizeFormula } from '../text/formula.js'
import { frenchDecimal, type IgnoredPayment, type ReconciledPayment } from './types.js'

/** The first 13 columns are the original ones, in their order; the others were added after them. */
const HEADER = [
  'Date', 'Identifiant Qonto', 'Émetteur', 'IBAN', 'Référence', 'Montant du paiement', 'Devise',
  'Facture', 'Montant affecté', 'Client', 'Associé par', 'Mode', "Date d'association",
  'Écart', "Motif de l'écart", "Compte d'écart", 'Nature', 'Catégorie hors facture', 'Note', 'Règle',
]

export const NATURE_INVOICE = 'Règlement de facture'
export const NATURE_IGNORED = 'Hors facture'
export const NATURE_SURPLUS = { AVOIR: 'Avoir client (trop-perçu)', REMBOURSEMENT: 'Remboursement à effectuer (trop-perçu)' } as const

/** Days are business days in the company's time zone (the product's one day rule, domain/dates.ts). */
const day = (date: Date, timeZone: string) => frenchDay(businessDay(date, timeZone))

export function csvStringifier(): Stringifier {
  return stringify({ delimiter: ';', bom: true, header: true, columns: HEADER, quoted_match: /[;"\n\r]/ })
}

/** Text that comes from outside (a sender, Qonto, a user): never evaluated as a formula. */
const text = (value: string | null | undefined) => neutralizeFormula(value ?? '')

/** The payment's own columns, the same at the head of every kind of row (invoice, surplus, ignored). */
function paymentColumns(payment: ReconciledPayment | IgnoredPayment, timeZone: string): string[] {
  return [
    day(payment.date, timeZone),
    text(payment.qontoId),
    text(payment.payer),
    text(payment.iban),
    text(payment.reference),
    frenchDecimal(payment.amountCents),
    text(payment.currency),
  ]
}

/** Amounts and dates are formatted here and go out as they are; every other cell goes through `text`. */
export function csvRows(payment: ReconciledPayment, timeZone: string = DEFAULT_TIME_ZONE): string[][] {
  return payment.allocations.map((allocation) => [
    ...paymentColumns(payment, timeZone),
    text(allocation.invoiceNumber),
    frenchDecimal(allocation.amountCents),
    text(allocation.clientName),
    text(allocation.by),
    modeLabel(allocation),
    day(allocation.at, timeZone),
    allocation.writeOffCents ? frenchDecimal(allocation.writeOffCents) : '',
    allocation.writeOffCents ? text(WRITE_OFF_LABELS[allocation.writeOffReason ?? ''] ?? allocation.writeOffReason) : '',
    allocation.writeOffCents ? text(allocation.writeOffAccount) : '',
    NATURE_INVOICE,
    '',
    '',
    '',
  ]).concat(payment.surplus && payment.surplus.amountCents > 0 ? [surplusRow(payment, payment.surplus, timeZone)] : [])
}

/** The surplus of a payment on its own row: no invoice, its amount, client, nature and note (every euro explained). */
function surplusRow(payment: ReconciledPayment, surplus: NonNullable<ReconciledPayment['surplus']>, timeZone: string): string[] {
  return [
    ...paymentColumns(payment, timeZone),
    '',
    frenchDecimal(surplus.amountCents),
    text(surplus.clientName),
    text(surplus.by),
    'Manuel',
    day(surplus.at, timeZone),
    '',
    '',
    '',
    NATURE_SURPLUS[surplus.treatment],
    '',
    text(surplus.note),
    '',
  ]
}

/** The allocation's own mode: an accepted suggestion is neither manual nor automatic. */
function modeLabel(allocation: ReconciledPayment['allocations'][number]): string {
  if (allocation.mode && MODE_LABELS[allocation.mode]) return MODE_LABELS[allocation.mode]!
  return allocation.automatic ? 'Automatique' : 'Manuel'
}

/** A credit explained without an invoice: no invoice columns, its category, note and rule instead. */
export function csvIgnoredRow(payment: IgnoredPayment, timeZone: string = DEFAULT_TIME_ZONE): string[] {
  return [
    ...paymentColumns(payment, timeZone),
    '',
    '',
    '',
    text(payment.by),
    payment.automatic ? 'Automatique (règle)' : 'Manuel',
    day(payment.at, timeZone),
    '',
    '',
    '',
    NATURE_IGNORED,
    text(categoryLabel(payment.category)),
    text(payment.note),
    text(payment.rule),
  ]
}
