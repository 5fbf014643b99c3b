/**
 * The reasons shown next to each suggestion, as data (code and parameters); reason-texts.ts writes
 * them in the host's language.
 */
import type { Cents } from '../money.js'
import type { OtherDocument } from './invoice-references.js'
import type { PartialWhy } from './reference-evidence.js'
import type { ReasonFact, TextField } from './types.js'

const none = {} as Record<string, never>

export const reason = {
  referenceFound: (number: string, where: TextField): ReasonFact => ({ code: 'REFERENCE_FOUND', params: { number, where } }),
  creditorReferenceFound: (number: string, where: TextField): ReasonFact => ({ code: 'REFERENCE_RF', params: { number, where } }),
  shortReferenceFound: (number: string): ReasonFact => ({ code: 'SHORT_REFERENCE_FOUND', params: { number } }),
  referencePartial: (number: string, shown: string, why: PartialWhy): ReasonFact => ({ code: 'REFERENCE_PARTIAL', params: { number, shown, why } }),
  referenceOtherDocument: (number: string, shown: string, what: OtherDocument): ReasonFact => ({ code: 'REFERENCE_OTHER_DOCUMENT', params: { number, shown, what } }),
  clientIban: (client: string): ReasonFact => ({ code: 'CLIENT_IBAN', params: { client } }),
  clientName: (client: string, similarity: number): ReasonFact => ({ code: 'CLIENT_NAME', params: { client, similarity } }),
  clientHistory: (client: string): ReasonFact => ({ code: 'CLIENT_HISTORY', params: { client } }),
  clientMismatch: (invoiceClient: string | null, payerClient: string): ReasonFact => ({ code: 'CLIENT_MISMATCH', params: { invoiceClient, payerClient } }),
  amountExact: (cents: Cents): ReasonFact => ({ code: 'AMOUNT_EXACT', params: { cents } }),
  amountShortFees: (gapCents: Cents): ReasonFact => ({ code: 'AMOUNT_SHORT_FEES', params: { gapCents } }),
  amountUsualShortfall: (gapCents: Cents): ReasonFact => ({ code: 'AMOUNT_USUAL_SHORTFALL', params: { gapCents } }),
  amountPartial: (remainingCents: Cents): ReasonFact => ({ code: 'AMOUNT_PARTIAL', params: { remainingCents } }),
  amountOverpaid: (excessCents: Cents): ReasonFact => ({ code: 'AMOUNT_OVERPAID', params: { excessCents } }),
  amountGroupExact: (count: number, cents: Cents): ReasonFact => ({ code: 'AMOUNT_GROUP_EXACT', params: { count, cents } }),
  amountOnly: (): ReasonFact => ({ code: 'AMOUNT_ONLY', params: none }),
  sameAmountElsewhere: (others: number): ReasonFact => ({ code: 'SAME_AMOUNT_ELSEWHERE', params: { others } }),
  dateBeforeIssue: (issueDate: string): ReasonFact => ({ code: 'DATE_BEFORE_ISSUE', params: { issueDate } }),
  oldestOpen: (): ReasonFact => ({ code: 'OLDEST_OPEN', params: none }),
  duplicatePayment: (day: string, invoices: string[]): ReasonFact => ({ code: 'DUPLICATE_PAYMENT', params: { day, invoices } }),
  clientLearned: (client: string, by: 'iban' | 'name', learnedOn: string): ReasonFact => ({ code: 'CLIENT_LEARNED', params: { client, by, learnedOn } }),
  referenceHabit: (number: string, shown: string, example: string, learnedOn: string): ReasonFact => ({ code: 'REFERENCE_HABIT', params: { number, shown, example, learnedOn } }),
}
