/** CSV for French spreadsheets: UTF-8 with BOM, ";" separator, decimal comma; one row per allocated invoice. */
import { stringify, type Stringifier } from 'csv-stringify'
import { neutralizeFormula } from '../text/formula.js'
import { frenchDecimal, type ReconciledPayment } from './types.js'

const HEADER = [
  'Date', 'Identifiant Qonto', 'Émetteur', 'IBAN', 'Référence', 'Montant du paiement', 'Devise',
  'Facture', 'Montant affecté', 'Client', 'Associé par', 'Mode', "Date d'association",
]

// One formatter for all rows: toLocaleDateString would build a new one on every call (slow at 100k rows).
const dayFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', year: 'numeric' })
const day = (date: Date) => dayFormat.format(date)

export function csvStringifier(): Stringifier {
  return stringify({ delimiter: ';', bom: true, header: true, columns: HEADER, quoted_match: /[;"\n\r]/ })
}

/** Text that comes from outside (a sender, Qonto, a user): never evaluated as a formula. */
const text = (value: string | null | undefined) => neutralizeFormula(value ?? '')

/** Amounts and dates are formatted here and go out as they are; every other cell goes through `text`. */
export function csvRows(payment: ReconciledPayment): string[][] {
  return payment.allocations.map((allocation) => [
    day(payment.date),
    text(payment.qontoId),
    text(payment.payer),
    text(payment.iban),
    text(payment.reference),
    frenchDecimal(payment.amountCents),
    text(payment.currency),
    text(allocation.invoiceNumber),
    frenchDecimal(allocation.amountCents),
    text(allocation.clientName),
    text(allocation.by),
    allocation.automatic ? 'Automatique' : 'Manuel',
    day(allocation.at),
  ])
}
