/** CSV for French spreadsheets: UTF-8 with BOM, ";" separator, decimal comma; one row per allocated invoice. */
import { stringify, type Stringifier } from 'csv-stringify'
import { businessDay, DEFAULT_TIME_ZONE, frenchDay } from '../dates.js'
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

export function csvRows(payment: ReconciledPayment, timeZone: string = DEFAULT_TIME_ZONE): string[][] {
  return payment.allocations.map((allocation) => [
    day(payment.date, timeZone),
    payment.qontoId,
    payment.payer ?? '',
    payment.iban ?? '',
    payment.reference ?? '',
    frenchDecimal(payment.amountCents),
    payment.currency,
    allocation.invoiceNumber,
    frenchDecimal(allocation.amountCents),
    allocation.clientName ?? '',
    allocation.by ?? '',
    allocation.automatic ? 'Automatique' : 'Manuel',
    day(allocation.at, timeZone),
  ])
}
