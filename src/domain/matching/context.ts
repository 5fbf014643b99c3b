/** What every step of matching one payment shares, and the small helpers they all use. */
import type { ClientResolution, PayerTie } from './client-resolution.js'
import type { LedgerIndex } from './ledger-index.js'
import type { ReferenceEvidence } from './reference-evidence.js'
import type { Cents } from '../money.js'
import type { Invoice, MatchOptions, Payment, SuggestionFacts } from './types.js'

export interface Context {
  payment: Payment
  index: LedgerIndex
  options: MatchOptions
  resolution: ClientResolution | null
  /**
   * When no payer was identified, the readings that abstained on a tie and the clients each tied
   * between (client-resolution.ts payerTies: IBAN registered on several clients, IBAN or name
   * history of several, a name resembling several equally); empty otherwise (an identified payer,
   * or an unknown one).
   */
  payerTies: readonly PayerTie[]
  /** Invoices the transfer text mentions, with how (full number, partial, short, another document's number). */
  references: Map<string, ReferenceEvidence>
  /** The transfer carries a number of another document type (quote, credit note, order…). */
  namesOtherDocument: boolean
  currency: string
  /** The payment's business day (options.timeZone). */
  paidOn: string
  /** Candidates whose open amount is exactly the payment and that the text does not name. */
  exactUnnamed: Invoice[]
  /** Open invoices of the identified payer whose open amount is exactly the payment. */
  payerExactCount: number
  /** What the identified payer's payments for that client usually lack (learned), or null. */
  usualShortfall: Cents | null
  /** Some of the payer's other open invoices add up to the payment (payer-alternatives.ts); null until asked. */
  payerGroupFits: boolean | null
}

/** What the auto-apply policy needs to know about a suggestion, besides its score. */
export interface AutoFacts {
  /** Single invoice, or named group: the amount fits the open amount(s) exactly. */
  amountExact: boolean
  /** Every invoice is named by its full number in the transfer. */
  allNamedFull: boolean
  /** Single invoice identified by the payer's IBAN as their only open invoice of exactly that amount. */
  onlyExactOfIbanPayer: boolean
  clientMismatch: boolean
  beforeIssue: boolean
  /** Combinations, partial groups: never automatic. */
  neverAuto: boolean
}

export interface Scored {
  suggestion: SuggestionFacts
  invoices: Invoice[]
  /** Age rank (LedgerIndex.ageRank) of the oldest invoice, for stable tie-breaking. */
  age: number
  facts: AutoFacts
}

export function sameCurrency(invoice: Invoice, currency: string): boolean {
  return (invoice.currency ?? 'EUR') === currency
}


export function clampScore(score: number): number {
  return Math.round(Math.min(0.99, Math.max(0.01, score)) * 1000) / 1000
}

/** Full numbers, partial and short mentions name an invoice; another document's number does not. */
export function isNamed(evidence: ReferenceEvidence | undefined | null): boolean {
  return evidence !== undefined && evidence !== null && evidence.kind !== 'other'
}
