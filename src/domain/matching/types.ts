import type { Cents } from '../money.js'
import { DEFAULT_TIME_ZONE } from '../dates.js'
import { DEFAULT_INVOICE_PREFIXES } from './invoice-references.js'

import type { InvoiceStatus } from '../invoice-status.js'
import type { LearnedReferenceForm } from './reference-habits.js'

export { OPEN_STATUSES, type InvoiceStatus } from '../invoice-status.js'

export interface Client {
  id: string
  name: string
  ibans?: string[]
}

export interface Invoice {
  id: string
  number: string
  clientId?: string | null
  totalCents: Cents
  paidCents?: Cents
  currency?: string
  /** YYYY-MM-DD */
  issueDate: string
  dueDate?: string | null
  status?: InvoiceStatus
}

export interface Payment {
  id: string
  amountCents: Cents
  currency?: string
  side?: 'credit' | 'debit'
  label?: string | null
  reference?: string | null
  counterpartyName?: string | null
  counterpartyIban?: string | null
  /** ISO-8601 */
  settledAt: string
}

/** A past confirmed association: this payer (name and/or IBAN) was this client. */
export interface HistoryEntry {
  counterpartyName?: string | null
  counterpartyIban?: string | null
  clientId: string
  /**
   * What this payer's payments for this client usually lack (bank fees their bank takes, a rounding),
   * learned from confirmed write-offs (payer-habits.ts): a payment short by exactly that much is read
   * as that habit, whatever the fee tolerance. Never makes anything automatic.
   */
  usualShortfallCents?: Cents
  /**
   * Business day (YYYY-MM-DD) of Maud's confirmation that taught this payer (IBAN or name) to be this
   * client's, when one is recorded: the reason then says it was learned, and from when.
   */
  learnedOn?: string
  /** The forms in which this payer writes this client's invoice numbers, learned from confirmations (reference-habits.ts). */
  referenceForms?: LearnedReferenceForm[]
}

export interface Reason {
  code: ReasonCode
  label: string
}

export type ReasonCode =
  | 'REFERENCE_FOUND'
  /** An ISO 11649 creditor reference (RF) of the invoice with right check digits. */
  | 'REFERENCE_RF'
  | 'SHORT_REFERENCE_FOUND'
  | 'REFERENCE_PARTIAL'
  | 'REFERENCE_OTHER_DOCUMENT'
  | 'CLIENT_IBAN'
  | 'CLIENT_NAME'
  | 'CLIENT_HISTORY'
  | 'CLIENT_MISMATCH'
  | 'AMOUNT_EXACT'
  | 'AMOUNT_SHORT_FEES'
  /** Short by exactly what this payer's confirmed payments for this client usually lack (learned). */
  | 'AMOUNT_USUAL_SHORTFALL'
  | 'AMOUNT_PARTIAL'
  | 'AMOUNT_OVERPAID'
  | 'AMOUNT_GROUP_EXACT'
  | 'AMOUNT_ONLY'
  | 'SAME_AMOUNT_ELSEWHERE'
  | 'DATE_BEFORE_ISSUE'
  | 'OLDEST_OPEN'
  /** The payer already paid this amount for the same invoice (services flag it; never automatic). */
  | 'DUPLICATE_PAYMENT'
  /** The payer (IBAN or name) was learned as this client's from a confirmation Maud made (alias: a holding, a factor, an accountant). */
  | 'CLIENT_LEARNED'
  /** The transfer writes this invoice's number in the form this payer was learned to use ("FACT 123" for F-2026-0123); never automatic. */
  | 'REFERENCE_HABIT'

export interface Allocation {
  invoiceId: string
  amountCents: Cents
}

/**
 * How a suggestion was found, in one word (docs/matching.md §2b): the transfer names the invoice
 * (REFERENCE), or carries its ISO 11649 creditor reference (RF); else who paid: the payer's known
 * IBAN (IBAN), a past association (HISTORY), a rule — the payer's name resembling the client's, or
 * a rule Maud set — (RULE); else only the amount (AMOUNT).
 */
export type MatchMethod = 'REFERENCE' | 'RF' | 'IBAN' | 'HISTORY' | 'RULE' | 'AMOUNT'

export interface Suggestion {
  allocations: Allocation[]
  score: number
  autoApply: boolean
  /** How it was found, next to the reasons that explain it. */
  method: MatchMethod
  reasons: Reason[]
  /**
   * Why a suggestion is not "sûr" (not applied automatically), in words: "écart de 1,50 €",
   * "une autre facture est aussi possible"… Absent on the "sûr" one.
   */
  notSureBecause?: string
}

export interface MatchResult {
  transactionId: string
  clientId: string | null
  suggestions: Suggestion[]
}

export interface MatchOptions {
  maxSuggestions: number
  /** Short payment read as "paid minus bank fees": at most this share of the invoice (1/10 000)… */
  feeToleranceBasisPoints: number
  /** …and at most this many cents. */
  feeToleranceMaxCents: Cents
  /** Largest number of open invoices of one client searched for an exact combination. */
  maxCombinationInvoices: number
  /**
   * The host's invoice prefixes ("FACT", "F", "INV", "N°"…): a long number after one of them is an
   * invoice's full number. An invoice's own prefix always counts.
   */
  invoicePrefixes: readonly string[]
  /** IANA time zone of the business day a payment is compared on (domain/dates.ts). */
  timeZone: string
}

export const DEFAULT_MATCH_OPTIONS: MatchOptions = {
  maxSuggestions: 5,
  feeToleranceBasisPoints: 200,
  feeToleranceMaxCents: 2_000,
  maxCombinationInvoices: 14,
  invoicePrefixes: DEFAULT_INVOICE_PREFIXES,
  timeZone: DEFAULT_TIME_ZONE,
}

export function openCents(invoice: Invoice): Cents {
  return invoice.totalCents - (invoice.paidCents ?? 0)
}
