/**
 * Who paid? In order of trust: the payer's IBAN is a known IBAN of exactly one client; this IBAN was
 * associated with exactly one client before; the payer's name resembles exactly one client's name;
 * this payer name was associated with exactly one client before. Two clients tying at any step means
 * we abstain rather than guess.
 */
import { tokenSetRatio } from '../text/token-set-ratio.js'
import { normalizeIban } from '../iban.js'
import { pairKey, type IndexedClient, type LedgerIndex } from './ledger-index.js'
import { nameKey, nameTokens } from './text.js'
import type { Payment } from './types.js'

export type ClientEvidence = 'iban' | 'name' | 'history'

export interface ClientResolution {
  clientId: string
  via: ClientEvidence
  /** 0–100 name similarity when resolved by name. */
  similarity?: number
  /** Resolved by history that one of Maud's confirmations taught: by which key, and the day of that confirmation. */
  learned?: { by: 'iban' | 'name'; on: string }
}

const NAME_MATCH_THRESHOLD = 88
const NAME_TIE_MARGIN = 3
/** Words of a payer name looked at (a remittance label can be long). */
const MAX_PAYER_WORDS = 12

type Resolutions = WeakMap<LedgerIndex, Map<string, ClientResolution | null>>

/** One resolution per key and batch index. */
function memoized(cache: Resolutions, index: LedgerIndex, key: string, resolve: () => ClientResolution | null): ClientResolution | null {
  let resolved = cache.get(index)
  if (!resolved) cache.set(index, (resolved = new Map()))
  let resolution = resolved.get(key)
  if (resolution === undefined) resolved.set(key, (resolution = resolve()))
  return resolution
}

/** Payers recur within a batch: one resolution per (IBAN, name, label) and index. */
const byPayer: Resolutions = new WeakMap()

export function resolveClient(payment: Payment, index: LedgerIndex): ClientResolution | null {
  const key = `${payment.counterpartyIban ?? ''}\u0000${payment.counterpartyName ?? ''}\u0000${payment.label ?? ''}`
  return memoized(byPayer, index, key, () => resolveUncached(payment, index))
}

function resolveUncached(payment: Payment, index: LedgerIndex): ClientResolution | null {
  const iban = normalizeIban(payment.counterpartyIban)
  const byIban = iban ? only(index.clientsByIban.get(iban)) : null
  if (byIban) return { clientId: byIban, via: 'iban' }

  const byHistoryIban = iban ? only(index.historyByIban.get(iban)) : null
  if (byHistoryIban) return learned({ clientId: byHistoryIban, via: 'history' }, index, 'iban', `iban:${iban}`)

  const keys = [payment.counterpartyName, payment.label].filter((n): n is string => Boolean(n)).map(nameKey)
  for (const key of keys) {
    const byName = resolveByName(key, index)
    if (byName) return byName
  }
  for (const key of keys) {
    const byHistoryName = only(index.historyByName.get(key))
    if (byHistoryName) return learned({ clientId: byHistoryName, via: 'history' }, index, 'name', `name:${key}`)
  }
  return null
}

/** A history resolution, with the confirmation that taught it when one is recorded. */
function learned(resolution: ClientResolution, index: LedgerIndex, by: 'iban' | 'name', payer: string): ClientResolution {
  const on = index.learnedOn.get(payer)?.get(resolution.clientId)
  return on ? { ...resolution, learned: { by, on } } : resolution
}

/** A payer name key resolves alike on every payment of the batch (payers recur; labels often hold the name). */
const byNameKey: Resolutions = new WeakMap()

function resolveByName(key: string, index: LedgerIndex): ClientResolution | null {
  return memoized(byNameKey, index, key, () => resolveByNameUncached(key, index))
}

function resolveByNameUncached(key: string, index: LedgerIndex): ClientResolution | null {
  if (key.length < 3) return null
  // Only clients whose two rarest words (or only word) the payer name contains can reach the threshold (ledger-index.ts).
  const payerWords = [...new Set(nameTokens(key))].slice(0, MAX_PAYER_WORDS)
  const payerSet = new Set(payerWords)
  // A word no client has is in no index key (a client's word, or a pair of them): not looked up.
  const known = payerWords.filter((word) => index.clientsByNameToken.has(word))
  const shared = new Map<string, number>()
  const examine = (indexKey: string) => {
    for (const id of index.clientsToExamineByToken.get(indexKey) ?? []) {
      if (shared.has(id)) continue
      let count = 0
      for (const w of index.clientsById.get(id)!.words) if (payerSet.has(w)) count += 1
      shared.set(id, count)
    }
  }
  for (let i = 0; i < known.length; i += 1) {
    examine(known[i]!)
    for (let j = i + 1; j < known.length; j += 1) examine(pairKey(known[i]!, known[j]!))
  }
  let best: { id: string; score: number } | null = null
  let runnerUp = 0
  for (const [id, count] of shared) {
    const client = index.clientsById.get(id)!
    const score = similarity(key, client, count)
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
 * "Glow Cosmetics" (token_set_ratio would say 100 for any subset). The fuzzy ratio is only
 * computed when the coverage leaves a chance to reach the threshold.
 */
function similarity(payerKey: string, client: IndexedClient, sharedWords: number): number {
  const coverage = client.wordCount === 0 ? 0 : Math.round((sharedWords / client.wordCount) * 100)
  if (coverage < NAME_MATCH_THRESHOLD) return coverage
  return Math.min(coverage, tokenSetRatio(payerKey, client.nameKey))
}

function only(set: Set<string> | undefined): string | null {
  if (!set || set.size !== 1) return null
  return set.values().next().value ?? null
}
