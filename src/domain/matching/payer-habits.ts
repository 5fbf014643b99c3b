/**
 * What confirmations teach about a payer: the client they usually pay for. A payer (IBAN, or name)
 * confirmed for one client only is that client's; a payer confirmed for several clients (a group
 * paying for its subsidiaries, an accountant paying for several clients) is read as the client it
 * paid for at least USUAL_SHARE of the time, over at least USUAL_MIN_PAYMENTS payments; otherwise
 * the history abstains, as before. History only ever identifies a payer "par historique", which
 * never auto-applies (auto-apply.ts): learning cannot loosen the automatic rule.
 */
import { normalizeIban } from '../iban.js'
import { payerKey } from './text.js'
import type { HistoryEntry } from './types.js'

export const USUAL_SHARE = 0.8
export const USUAL_MIN_PAYMENTS = 3

export interface ConfirmedPayer {
  name: string | null
  iban: string | null
  clientId: string
  /** Payments of this payer confirmed for this client. */
  count: number
}

/** History entries (one per IBAN or name and client), keeping only the usual client of a payer who paid for several. */
export function usualClients(rows: ConfirmedPayer[]): HistoryEntry[] {
  const entries: HistoryEntry[] = []
  const byIban = groupCounts(rows, (row) => normalizeIban(row.iban), (row) => row.iban!)
  const byName = groupCounts(rows, (row) => payerKey(row.name), (row) => row.name!)
  for (const [, { sample, counts }] of byIban) {
    for (const clientId of kept(counts)) entries.push({ counterpartyIban: sample.get(clientId)!, clientId })
  }
  for (const [, { sample, counts }] of byName) {
    for (const clientId of kept(counts)) entries.push({ counterpartyName: sample.get(clientId)!, clientId })
  }
  return entries
}

/** Per payer key: the confirmed payments per client, and one raw value (IBAN or name as typed) per client. */
function groupCounts(rows: ConfirmedPayer[], keyOf: (row: ConfirmedPayer) => string | null, rawOf: (row: ConfirmedPayer) => string) {
  const groups = new Map<string, { sample: Map<string, string>; counts: Map<string, number> }>()
  for (const row of rows) {
    const key = keyOf(row)
    if (!key) continue
    let group = groups.get(key)
    if (!group) groups.set(key, (group = { sample: new Map(), counts: new Map() }))
    group.counts.set(row.clientId, (group.counts.get(row.clientId) ?? 0) + row.count)
    if (!group.sample.has(row.clientId)) group.sample.set(row.clientId, rawOf(row))
  }
  return groups
}

/** The clients to keep for one payer: all when they are one, the usual one, or all (the matcher then abstains). */
function kept(counts: Map<string, number>): string[] {
  if (counts.size <= 1) return [...counts.keys()]
  const total = [...counts.values()].reduce((a, b) => a + b, 0)
  for (const [clientId, count] of counts) if (total >= USUAL_MIN_PAYMENTS && count / total >= USUAL_SHARE) return [clientId]
  return [...counts.keys()]
}
