/**
 * Learning from Maud's "no": suggestions she declined ("ne plus proposer") are removed from what the
 * matcher returns, for that payment or for that payer and those invoices. Removing never flags
 * anything: the auto-apply decision is the matcher's, taken before, so a decline can only take an
 * automatic match away (when it is the one declined), never make one (docs/matching.md §3c).
 */
import { normalizeIban } from '../iban.js'
import { payerKey } from './text.js'
import type { MatchResult, Payment, Suggestion } from './types.js'

/** Any matcher result (explained or as data): declines look only at allocations. */
type AnyResult = MatchResult<Pick<Suggestion, 'allocations'>>

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

/** A payment's payer as declines remember it: normalised IBAN and name key. */
export const payerOf = (payment: Pick<Payment, 'id' | 'counterpartyIban' | 'counterpartyName'>): PayerIdentity => ({
  transactionId: payment.id,
  iban: normalizeIban(payment.counterpartyIban),
  key: payerKey(payment.counterpartyName),
})

/** Matcher results without the suggestions Maud declined for these payments or payers (panel, automatic runs, CLI). */
export function applyDeclines<R extends AnyResult>(results: R[], payments: Payment[], declines: readonly Decline[]): R[] {
  if (declines.length === 0) return results
  const relevant = indexDeclines(declines)
  return results.map((result, i) => {
    const payer = payerOf(payments[i]!)
    return withoutDeclined(result, payer, relevant(payer))
  })
}

/** A suggestion a decline took away, as the `suggest` CLI reports it. */
export interface DeclinedSuggestion {
  invoiceIds: string[]
  scope: DeclineScope
  by?: string
  at?: string
}

/**
 * applyDeclines one result at a time, saying what was taken away (`declined`, only when something
 * was), and keeping at most `maxSuggestions` (the matcher was asked for a few more, so that declines
 * leave enough).
 */
export function declinesApplier(declines: readonly Decline[], maxSuggestions: number): <R extends AnyResult>(result: R, payment: Payment) => R & { declined?: DeclinedSuggestion[] } {
  const relevant = indexDeclines(declines)
  return <R extends AnyResult>(result: R, payment: Payment) => {
    const payer = payerOf(payment)
    const concerning = relevant(payer)
    const kept = withoutDeclined(result, payer, concerning)
    const shown = { ...kept, suggestions: kept.suggestions.slice(0, maxSuggestions) }
    const declined: DeclinedSuggestion[] = []
    for (const suggestion of result.suggestions) {
      const decline = kept.suggestions.includes(suggestion) ? null : declineOf(suggestion, payer, concerning)
      if (decline) declined.push({ invoiceIds: suggestion.allocations.map((a) => a.invoiceId), scope: decline.scope, ...(decline.by ? { by: decline.by } : {}), ...(decline.at ? { at: decline.at } : {}) })
    }
    return declined.length > 0 ? { ...shown, declined } : shown
  }
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
export function withoutDeclined<R extends AnyResult>(result: R, payer: PayerIdentity, declines: readonly Decline[]): R {
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
