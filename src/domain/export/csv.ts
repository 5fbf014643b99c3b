/** CSV for French spreadsheets: UTF-8 with BOM, ";" separator, decimal comma; one row per allocated invoice. */
import { stringify, type Stringifier } from 'csv-stringify'
import { businessDay, DEFAULT_TIME_ZONE, frenchDay } from '../dates.js'
import { neutralizeFormula } from '../text/formula.js'
import { frenchDecimal, type ReconciledPayment } from './types.js'

const HEADER = [
  'Date', 'Identifiant Qonto', 'Émetteur', 'IBAN', 'Référence', 'Montant du paiement', 'Devise',
  'Facture', 'Montant affecté', 'Client', 'Associé par', 'Mode', "Date d'association",
]

/** Days are business days in the company's time zone (the product's one day rule, domain/dates.ts). */
const day = (date: Date, timeZone: string) => frenchDay(businessDay(date, timeZone))

export function csvStringifier(): Stringifier {
  return stringify({ delimiter: ';', bom: true, header: true, columns: HEADER, quoted_match: /[;"\n\r]/ })
}

/** Text that comes from outside (a sender, Qonto, a user): never evaluated as a formula. */
const text = (value: string | null | undefined) => neutralizeFormula(value ?? '')

/** Amounts and dates are formatted here and go out as they are; every other cell goes through `text`. */
export function csvRows(payment: ReconciledPayment, timeZone: string = DEFAULT_TIME_ZONE): string[][] {
  return payment.allocations.map((allocation) => [
    day(payment.date, timeZone),
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
    day(allocation.at, timeZone),
  ])
}
