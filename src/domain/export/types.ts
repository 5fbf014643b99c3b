import type { Cents } from '../money.js'

/** A reconciled payment with what it paid: the unit of both exports. */
export interface ReconciledPayment {
  transactionId: string
  qontoId: string
  date: Date
  payer: string | null
  iban: string | null
  reference: string | null
  /** In `currency`. */
  amountCents: Cents
  currency: string
  /**
   * The same payment in euros, required by the FEC when `currency` is not EUR (Debit/Credit are
   * always in euros). Without it a foreign-currency payment cannot be written to the FEC: fecEntry
   * throws a FecError naming the payment rather than write a wrong amount.
   */
  amountEurCents?: Cents
  /** The Qonto bank account it was paid into (its own FEC bank account may be set). */
  bankAccountId?: string | null
  allocations: Array<{
    invoiceNumber: string
    clientId: string | null
    clientName: string | null
    /** In the payment's currency. */
    amountCents: Cents
    by: string | null
    automatic: boolean
    at: Date
  }>
}

/** "1500,00" — French decimal comma, no grouping (spreadsheets and FEC read it as a number). */
export function frenchDecimal(cents: Cents): string {
  const abs = Math.abs(cents)
  return `${cents < 0 ? '-' : ''}${Math.trunc(abs / 100)},${String(abs % 100).padStart(2, '0')}`
}
