/**
 * Who paid? In order of trust: the payer's IBAN is a known IBAN of exactly one client; the payer's
 * name resembles exactly one client's name; this payer (IBAN, then name) was associated with exactly
 * one client before. Two clients tying at any step means we abstain rather than guess.
 */
import { token_set_ratio } from 'fuzzball'
import { normalizeIban } from '../iban.js'
import type { LedgerIndex } from './ledger-index.js'
import { nameKey, nameTokens } from './text.js'
import type { Payment } from './types.js'

export type ClientEvidence = 'iban' | 'name' | 'history'

export interface ClientResolution {
  clientId: string
  via: ClientEvidence
  /** 0–100 name similarity when resolved by name. */
  similarity?: number
}

const NAME_MATCH_THRESHOLD = 88
const NAME_TIE_MARGIN = 3

export function resolveClient(payment: Payment, index: LedgerIndex): ClientResolution | null {
  const iban = normalizeIban(payment.counterpartyIban)
  const byIban = iban ? only(index.clientsByIban.get(iban)) : null
  if (byIban) return { clientId: byIban, via: 'iban' }

  const names = [payment.counterpartyName, payment.label].filter((n): n is string => Boolean(n))
  for (const name of names) {
    const byName = resolveByName(name, index)
    if (byName) return byName
  }

  const byHistoryIban = iban ? only(index.historyByIban.get(iban)) : null
  if (byHistoryIban) return { clientId: byHistoryIban, via: 'history' }
  for (const name of names) {
    const byHistoryName = only(index.historyByName.get(nameKey(name)))
    if (byHistoryName) return { clientId: byHistoryName, via: 'history' }
  }
  return null
}

function resolveByName(name: string, index: LedgerIndex): ClientResolution | null {
  const key = nameKey(name)
  if (key.length < 3) return null
  const candidates = new Set<string>()
  for (const token of nameTokens(key)) {
    for (const id of index.clientsByNameToken.get(token) ?? []) candidates.add(id)
  }
  let best: { id: string; score: number } | null = null
  let runnerUp = 0
  for (const id of candidates) {
    const client = index.clientsById.get(id)!
    const score = similarity(key, client.nameKey)
    if (!best || score > best.score) {
      runnerUp = best?.score ?? 0
      best = { id, score }
    } else if (score > runnerUp) {
      runnerUp = score
    }
  }
  if (!best || best.score < NAME_MATCH_THRESHOLD || best.score - runnerUp < NAME_TIE_MARGIN) return null
  return { clientId: best.id, via: 'name', similarity: best.score }
}

/**
 * Token-set similarity, but a payer name must cover the client's words: "Glow" alone is not
 * "Glow Cosmetics" (token_set_ratio would say 100 for any subset).
 */
function similarity(payerKey: string, clientKey: string): number {
  const payerWords = new Set(payerKey.split(' '))
  const clientWords = clientKey.split(' ').filter((w) => w.length >= 3)
  const covered = clientWords.filter((w) => payerWords.has(w)).length
  const coverage = clientWords.length === 0 ? 0 : covered / clientWords.length
  const ratio = token_set_ratio(payerKey, clientKey, { full_process: false })
  return coverage >= 1 ? ratio : Math.min(ratio, Math.round(coverage * 100))
}

function only(set: Set<string> | undefined): string | null {
  if (!set || set.size !== 1) return null
  return set.values().next().value ?? null
}
