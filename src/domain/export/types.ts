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
  /** The payment in its original currency when Qonto converted it into the account's euros (local_amount). */
  localAmount?: { cents: Cents; currency: string }
  /** The Qonto bank account it was paid into (its own FEC bank account may be set). */
  bankAccountId?: string | null
  allocations: Array<{
    invoiceNumber: string
    clientId: string | null
    clientName: string | null
    /** The host's own auxiliary account for this client (the mapped `clients.fields.accountingAccount`). */
    clientAccount?: string | null
    /** False when the invoice is still partly unpaid after this payment: the line says « partiel ». */
    settles?: boolean
    /** In the payment's currency. */
    amountCents: Cents
    by: string | null
    automatic: boolean
    /** MANUEL, SUGGESTION or AUTOMATIQUE (the allocation's mode); `automatic` alone when absent. */
    mode?: string
    /** Write-off ("Solder avec écart"): the difference closed on the invoice without cash, its reason and account. */
    writeOffCents?: Cents
    writeOffReason?: string | null
    writeOffAccount?: string | null
    at: Date
  }>
  /**
   * What the payment brought beyond the invoices it settles, explained (issue 22): a client credit
   * (AVOIR; `amountCents` is what is not applied to later invoices yet, those applications being
   * allocations above) or a refund to make (REMBOURSEMENT). Absent when there is none.
   */
  surplus?: { treatment: 'AVOIR' | 'REMBOURSEMENT'; amountCents: Cents; clientName: string | null; note: string | null; by: string; at: Date }
}

/** A credit explained without an invoice ("Ignorer (hors facture)"): exported as a row, or an entry, of its own kind. */
export interface IgnoredPayment {
  transactionId: string
  qontoId: string
  date: Date
  payer: string | null
  iban: string | null
  reference: string | null
  amountCents: Cents
  currency: string
  amountEurCents?: Cents
  localAmount?: { cents: Cents; currency: string }
  bankAccountId?: string | null
  /** Category code (REMBOURSEMENT…), its note, the rule that explained it (in words), by whom and when. */
  category: string
  note: string | null
  rule: string | null
  /** Explained by a rule at ingest (no one chose it for this payment). */
  automatic: boolean
  by: string | null
  at: Date
}

/** "1500,00" — French decimal comma, no grouping (spreadsheets and FEC read it as a number). */
export function frenchDecimal(cents: Cents): string {
  const abs = Math.abs(cents)
  return `${cents < 0 ? '-' : ''}${Math.trunc(abs / 100)},${String(abs % 100).padStart(2, '0')}`
}
