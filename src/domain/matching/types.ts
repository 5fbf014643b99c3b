import type { Cents } from '../money.js'
import { DEFAULT_TIME_ZONE } from '../dates.js'
import { DEFAULT_INVOICE_PREFIXES } from './invoice-references.js'

import type { InvoiceStatus } from '../invoice-status.js'
import type { Language } from '../language.js'
import type { OtherDocument } from './invoice-references.js'
import type { PartialWhy } from './reference-evidence.js'
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

/** A reason as shown: its code and its sentence in one language (reason-texts.ts). */
export interface Reason {
  code: ReasonCode
  label: string
}

/** Where the transfer carries a number: its remittance text (`référence`) or its label (`libellé`). */
export type TextField = 'référence' | 'libellé'

/**
 * What each reason says, as data: the matcher returns these and the sentence is written per
 * language at the edge (reason-texts.ts), so nothing stored freezes one language.
 */
export interface ReasonParams {
  REFERENCE_FOUND: { number: string; where: TextField }
  /** An ISO 11649 creditor reference (RF) of the invoice with right check digits. */
  REFERENCE_RF: { number: string; where: TextField }
  SHORT_REFERENCE_FOUND: { number: string }
  REFERENCE_PARTIAL: { number: string; shown: string; why: PartialWhy }
  REFERENCE_OTHER_DOCUMENT: { number: string; shown: string; what: OtherDocument }
  CLIENT_IBAN: { client: string }
  CLIENT_NAME: { client: string; similarity: number }
  CLIENT_HISTORY: { client: string }
  /** `invoiceClient` null: the invoice's client is not among the clients. */
  CLIENT_MISMATCH: { invoiceClient: string | null; payerClient: string }
  AMOUNT_EXACT: { cents: Cents }
  AMOUNT_SHORT_FEES: { gapCents: Cents }
  /** Short by exactly what this payer's confirmed payments for this client usually lack (learned). */
  AMOUNT_USUAL_SHORTFALL: { gapCents: Cents }
  AMOUNT_PARTIAL: { remainingCents: Cents }
  AMOUNT_OVERPAID: { excessCents: Cents }
  AMOUNT_GROUP_EXACT: { count: number; cents: Cents }
  AMOUNT_ONLY: Record<string, never>
  SAME_AMOUNT_ELSEWHERE: { others: number }
  /** `issueDate`: YYYY-MM-DD */
  DATE_BEFORE_ISSUE: { issueDate: string }
  OLDEST_OPEN: Record<string, never>
  /** The payer already paid this amount for the same invoice (services flag it; never automatic). `day`: YYYY-MM-DD of the first payment. */
  DUPLICATE_PAYMENT: { day: string; invoices: string[] }
  /** A client credit (avoir) from an overpayment applied to an invoice (surplus.service.ts; never the matcher's). */
  CREDIT_APPLIED: { invoice: string }
  /** The payer (IBAN or name) was learned as this client's from a confirmation Maud made (alias: a holding, a factor, an accountant). `learnedOn`: YYYY-MM-DD */
  CLIENT_LEARNED: { client: string; by: 'iban' | 'name'; learnedOn: string }
  /** The transfer writes this invoice's number in the form this payer was learned to use ("FACT 123" for F-2026-0123); never automatic. */
  REFERENCE_HABIT: { number: string; shown: string; example: string; learnedOn: string }
}

export type ReasonCode = keyof ReasonParams

/** One reason as data: a code and its typed parameters. */
export type ReasonFact = { [C in ReasonCode]: { code: C; params: ReasonParams[C] } }[ReasonCode]

/**
 * Why a suggestion is not "sûr" (not applied automatically), as data; reason-texts.ts writes it
 * ("écart de 1,50 €", "une autre facture est aussi possible"…).
 */
export interface NotSureParams {
  CLIENT_MISMATCH: Record<string, never>
  BEFORE_ISSUE: Record<string, never>
  PARTIAL: { remainingCents: Cents }
  GAP: { gapCents: Cents; invoices: number }
  OVERPAID: { excessCents: Cents }
  GROUP_NOT_ALL_NAMED: Record<string, never>
  NAMES_ANOTHER_INVOICE: Record<string, never>
  /**
   * Named by full number, but the payer's name resembles `clients` clients equally (no payer
   * identified) and an invoice belongs to none of them: the number may be a typo of another's.
   */
  NAME_POINTS_ELSEWHERE: { clients: number; invoices: number }
  /**
   * The same when another reading tied (no payer identified): the payer's IBAN is registered on
   * `clients` clients (`iban`), or this IBAN (`iban-history`) or payer name (`name-history`) was
   * confirmed for `clients` clients before, and an invoice belongs to none of them.
   */
  PAYER_POINTS_ELSEWHERE: { by: 'iban' | 'iban-history' | 'name-history'; clients: number; invoices: number }
  INCOMPLETE_NUMBER: Record<string, never>
  NAMES_OTHER_DOCUMENT: Record<string, never>
  SAME_AMOUNT_INVOICES: { count: number }
  NO_INVOICE_NUMBER: Record<string, never>
  PAYER_GROUP_FITS: Record<string, never>
  NO_NUMBER_NOR_IBAN: Record<string, never>
  BETTER_SUGGESTION_FIRST: Record<string, never>
  ANOTHER_ALMOST_AS_LIKELY: Record<string, never>
}

export type NotSureCode = keyof NotSureParams
export type NotSure = { [C in NotSureCode]: { code: C; params: NotSureParams[C] } }[NotSureCode]

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

/** A suggestion as the matcher finds it: its reasons and why it is not sure, as data. */
export interface SuggestionFacts {
  allocations: Allocation[]
  score: number
  autoApply: boolean
  /** How it was found, next to the reasons that explain it. */
  method: MatchMethod
  reasons: ReasonFact[]
  /** Why it is not "sûr" (not applied automatically). Absent on the "sûr" one. */
  notSure?: NotSure
}

/** A suggestion as shown (reason-texts.ts `explainSuggestion`): the same, its texts in one language. */
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

export interface MatchResult<S = Suggestion> {
  transactionId: string
  clientId: string | null
  suggestions: S[]
}

/** A payment's suggestions as data (the server keeps and renders them per language). */
export type MatchFacts = MatchResult<SuggestionFacts>

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
  /** The language of the reasons' texts (suggestMatches, suggestEach, suggestForPayment). */
  language: Language
}

export const DEFAULT_MATCH_OPTIONS: MatchOptions = {
  maxSuggestions: 5,
  feeToleranceBasisPoints: 200,
  feeToleranceMaxCents: 2_000,
  maxCombinationInvoices: 14,
  invoicePrefixes: DEFAULT_INVOICE_PREFIXES,
  timeZone: DEFAULT_TIME_ZONE,
  language: 'fr',
}

export function openCents(invoice: Invoice): Cents {
  return invoice.totalCents - (invoice.paidCents ?? 0)
}
