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

/**
 * The declines of a batch indexed by payment and by payer, so a run over many payments looks only at
 * the few that can concern each one: `relevant(payer)` is `declinesFor(payer, declines)`.
 */
export function indexDeclines(declines: readonly Decline[]): (payer: PayerIdentity) => Decline[] {
  const byTransaction = new Map<string, Decline[]>()
  const byPayer = new Map<string, Decline[]>()
  const push = (map: Map<string, Decline[]>, key: string, decline: Decline) => {
    const list = map.get(key)
    if (list) list.push(decline)
    else map.set(key, [decline])
  }
  for (const decline of declines) {
    if (decline.scope === 'PAIEMENT') push(byTransaction, decline.transactionId, decline)
    else {
      if (decline.payerIban) push(byPayer, `iban:${decline.payerIban}`, decline)
      if (decline.payerKey) push(byPayer, `key:${decline.payerKey}`, decline)
    }
  }
  return (payer) => {
    const found = new Set<Decline>(byTransaction.get(payer.transactionId) ?? [])
    if (payer.iban) for (const d of byPayer.get(`iban:${payer.iban}`) ?? []) found.add(d)
    if (payer.key) for (const d of byPayer.get(`key:${payer.key}`) ?? []) found.add(d)
    return [...found]
  }
}

function samePayer(decline: Decline, payer: PayerIdentity): boolean {
  return (decline.payerIban !== null && decline.payerIban === payer.iban) || (decline.payerKey !== null && decline.payerKey === payer.key)
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id) => b.includes(id))
}
