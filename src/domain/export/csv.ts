/** CSV for French spreadsheets: UTF-8 with BOM, ";" separator, decimal comma; one row per allocated invoice. */
import { stringify, type Stringifier } from 'csv-stringify'
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

export function csvRows(payment: ReconciledPayment): string[][] {
  return payment.allocations.map((allocation) => [
    day(payment.date),
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
    day(allocation.at),
  ])
}
