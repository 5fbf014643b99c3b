/**
 * Who paid? In order of trust: the payer's IBAN is a known IBAN of exactly one client; this IBAN was
 * associated with exactly one client before; the payer's name resembles exactly one client's name;
 * this payer name was associated with exactly one client before. Two clients tying at any step means
 * we abstain rather than guess; the clients a reading tied between are still told (payerTies), for
 * the auto-apply rule to refuse an invoice of none of them.
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

type Memo<T> = WeakMap<LedgerIndex, Map<string, T>>
type Resolutions = Memo<ClientResolution | null>

/** One answer per key and batch index. */
function memoized<T>(cache: Memo<T>, index: LedgerIndex, key: string, resolve: () => T): T {
  let resolved = cache.get(index)
  if (!resolved) cache.set(index, (resolved = new Map()))
  let answer = resolved.get(key)
  if (answer === undefined) resolved.set(key, (answer = resolve()))
  return answer
}

/**
 * What a payer name key says: the one client it resembles, or — when the best reaches the threshold
 * but another scores within the tie margin of it — the clients it tied between (it then names none).
 */
interface NameReading {
  resolved: ClientResolution | null
  /** Ids of the clients tying at the top, best first; empty unless the reading abstained on a tie. */
  tied: readonly string[]
}

const NO_TIE: readonly string[] = []

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

  const keys = payerNameKeys(payment)
  for (const key of keys) {
    const byName = readName(key, index).resolved
    if (byName) return byName
  }
  for (const key of keys) {
    const byHistoryName = only(index.historyByName.get(key))
    if (byHistoryName) return learned({ clientId: byHistoryName, via: 'history' }, index, 'name', `name:${key}`)
  }
  return null
}

function payerNameKeys(payment: Payment): string[] {
  return [payment.counterpartyName, payment.label].filter((n): n is string => Boolean(n)).map(nameKey)
}

/**
 * A reading of who paid that abstained because it tied between clients: the payer's IBAN is
 * registered on several clients (a holding paying for its subsidiaries, a factor), this IBAN was
 * confirmed for several clients before (with none usual, payer-habits.ts), the payer's name (or
 * label) resembles several clients equally, or this payer name was confirmed for several clients.
 */
export type TieReading = 'iban' | 'iban-history' | 'name' | 'name-history'

export interface PayerTie {
  by: TieReading
  /** The clients that reading tied between (two or more). */
  clients: ReadonlySet<string>
}

const NO_PAYER_TIES: readonly PayerTie[] = []

/**
 * The readings that tied, in order of trust (IBAN, IBAN history, name, name history): each points
 * at its clients, though at none alone. Empty when every reading names no client (an unknown payer).
 * Only meaningful when resolveClient returned null (a reading naming one client identifies the payer).
 */
export function payerTies(payment: Payment, index: LedgerIndex): readonly PayerTie[] {
  let ties: PayerTie[] | null = null
  const add = (by: TieReading, groups: Array<Iterable<string> | undefined>) => {
    let tied: Set<string> | null = null
    for (const group of groups) if (group) for (const id of group) (tied ??= new Set()).add(id)
    if (tied && tied.size > 1) (ties ??= []).push({ by, clients: tied })
  }
  const iban = normalizeIban(payment.counterpartyIban)
  if (iban) {
    add('iban', [index.clientsByIban.get(iban)])
    add('iban-history', [index.historyByIban.get(iban)])
  }
  const keys = payerNameKeys(payment)
  add('name', keys.map((key) => readName(key, index).tied))
  add('name-history', keys.map((key) => index.historyByName.get(key)))
  return ties ?? NO_PAYER_TIES
}

/** A history resolution, with the confirmation that taught it when one is recorded. */
function learned(resolution: ClientResolution, index: LedgerIndex, by: 'iban' | 'name', payer: string): ClientResolution {
  const on = index.learnedOn.get(payer)?.get(resolution.clientId)
  return on ? { ...resolution, learned: { by, on } } : resolution
}

/** A payer name key resolves alike on every payment of the batch (payers recur; labels often hold the name). */
const byNameKey: Memo<NameReading> = new WeakMap()

function readName(key: string, index: LedgerIndex): NameReading {
  return memoized(byNameKey, index, key, () => readNameUncached(key, index))
}

const NO_NAME: NameReading = { resolved: null, tied: NO_TIE }

function readNameUncached(key: string, index: LedgerIndex): NameReading {
  if (key.length < 3) return NO_NAME
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
  const scores: Array<{ id: string; score: number }> = []
  for (const [id, count] of shared) {
    const client = index.clientsById.get(id)!
    const score = similarity(key, client, count)
    scores.push({ id, score })
    if (!best || score > best.score) {
      runnerUp = best?.score ?? 0
      best = { id, score }
    } else if (score > runnerUp) {
      runnerUp = score
    }
  }
  if (!best || best.score < NAME_MATCH_THRESHOLD) return NO_NAME
  if (best.score - runnerUp < NAME_TIE_MARGIN) {
    const top = best.score
    const tied = scores.filter((c) => top - c.score < NAME_TIE_MARGIN).sort((a, b) => b.score - a.score).map((c) => c.id)
    return { resolved: null, tied }
  }
  return { resolved: { clientId: best.id, via: 'name', similarity: best.score }, tied: NO_TIE }
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
