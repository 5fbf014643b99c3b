/**
 * Learning from Maud's "no": suggestions she declined ("ne plus proposer") are removed from what the
 * matcher returns, for that payment or for that payer and those invoices. Removing never flags
 * anything: the auto-apply decision is the matcher's, taken before, so a decline can only take an
 * automatic match away (when it is the one declined), never make one (docs/matching.md §3c).
 */
import type { MatchResult, Suggestion } from './types.js'

export type DeclineScope = 'PAIEMENT' | 'PAYEUR'

export interface Decline {
  id: string
  scope: DeclineScope
  /** The payment it was declined on. */
  transactionId: string
  invoiceIds: string[]
  references: string[]
  /** That payment's payer: normalised IBAN and name key. */
  payerIban: string | null
  payerKey: string | null
  by: string
  /** ISO instant. */
  at: string
}

/** Who paid a payment, as declines remember payers. */
export interface PayerIdentity {
  transactionId: string
  iban: string | null
  key: string | null
}

/** The decline that hides this suggestion for this payment, if any. */
export function declineOf(suggestion: Pick<Suggestion, 'allocations'>, payer: PayerIdentity, declines: readonly Decline[]): Decline | null {
  const ids = suggestion.allocations.map((a) => a.invoiceId)
  for (const decline of declines) {
    if (decline.scope === 'PAIEMENT') {
      if (decline.transactionId === payer.transactionId && sameSet(decline.invoiceIds, ids)) return decline
    } else if (samePayer(decline, payer) && ids.some((id) => decline.invoiceIds.includes(id))) {
      return decline
    }
  }
  return null
}

/** The declines that concern this payment (its own, and its payer's). */
export function declinesFor(payer: PayerIdentity, declines: readonly Decline[]): Decline[] {
  return declines.filter((d) => (d.scope === 'PAIEMENT' ? d.transactionId === payer.transactionId : samePayer(d, payer)))
}

/** The result without its declined suggestions; the others keep their flags (never loosened). */
export function withoutDeclined(result: MatchResult, payer: PayerIdentity, declines: readonly Decline[]): MatchResult {
  if (declines.length === 0) return result
  const suggestions = result.suggestions.filter((s) => declineOf(s, payer, declines) === null)
  return suggestions.length === result.suggestions.length ? result : { ...result, suggestions }
}

function samePayer(decline: Decline, payer: PayerIdentity): boolean {
  return (decline.payerIban !== null && decline.payerIban === payer.iban) || (decline.payerKey !== null && decline.payerKey === payer.key)
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id) => b.includes(id))
}
