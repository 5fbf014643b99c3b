/**
 * What confirmations teach about a payer: the client they usually pay for, and what their payments
 * for that client usually lack (USUAL_SHORTFALL_MIN payments or more closed with the same bank-fee or
 * rounding write-off: their bank's fee). A payer (IBAN, or name)
 * confirmed for one client only is that client's; a payer confirmed for several clients (a group
 * paying for its subsidiaries, an accountant paying for several clients) is read as the client it
 * paid for at least USUAL_SHARE of the time, over at least USUAL_MIN_PAYMENTS payments; otherwise
 * the history abstains, as before. History only ever identifies a payer "par historique", which
 * never auto-applies (auto-apply.ts), and a usual shortfall reads a payment as short by bank fees,
 * which never auto-applies either: learning cannot loosen the automatic rule.
 */
import { normalizeIban } from '../iban.js'
import { payerKey } from './text.js'
import type { Cents } from '../money.js'
import type { HistoryEntry } from './types.js'

export const USUAL_SHARE = 0.8
export const USUAL_MIN_PAYMENTS = 3
/** Confirmed payments closed with the same write-off before it is the payer's habit. */
export const USUAL_SHORTFALL_MIN = 2

export interface ConfirmedPayer {
  name: string | null
  iban: string | null
  clientId: string
  /** Payments of this payer confirmed for this client. */
  count: number
  /** Bank-fee or rounding write-offs that closed this payer's confirmed payments for this client, one per payment. */
  shortfalls?: Cents[]
}

/** History entries (one per IBAN or name and client), keeping only the usual client of a payer who paid for several. */
export function usualClients(rows: ConfirmedPayer[]): HistoryEntry[] {
  const entries: HistoryEntry[] = []
  const byIban = groupCounts(rows, (row) => normalizeIban(row.iban), (row) => row.iban!)
  const byName = groupCounts(rows, (row) => payerKey(row.name), (row) => row.name!)
  for (const [, { sample, counts, shortfalls }] of byIban) {
    for (const clientId of kept(counts)) entries.push({ counterpartyIban: sample.get(clientId)!, clientId, ...habitOf(shortfalls.get(clientId)) })
  }
  for (const [, { sample, counts, shortfalls }] of byName) {
    for (const clientId of kept(counts)) entries.push({ counterpartyName: sample.get(clientId)!, clientId, ...habitOf(shortfalls.get(clientId)) })
  }
  return entries
}

/** The write-off most often repeated, when at least USUAL_SHORTFALL_MIN payments had it (ties: the smaller). */
export function usualShortfall(shortfalls: readonly Cents[] = []): Cents | null {
  const counts = new Map<Cents, number>()
  for (const cents of shortfalls) if (cents > 0) counts.set(cents, (counts.get(cents) ?? 0) + 1)
  let best: Cents | null = null
  for (const [cents, count] of counts) {
    if (count < USUAL_SHORTFALL_MIN) continue
    if (best === null || count > counts.get(best)! || (count === counts.get(best)! && cents < best)) best = cents
  }
  return best
}

function habitOf(shortfalls: Cents[] | undefined): { usualShortfallCents?: Cents } {
  const cents = usualShortfall(shortfalls)
  return cents === null ? {} : { usualShortfallCents: cents }
}

/** Per payer key: the confirmed payments per client, and one raw value (IBAN or name as typed) per client. */
function groupCounts(rows: ConfirmedPayer[], keyOf: (row: ConfirmedPayer) => string | null, rawOf: (row: ConfirmedPayer) => string) {
  const groups = new Map<string, { sample: Map<string, string>; counts: Map<string, number>; shortfalls: Map<string, Cents[]> }>()
  for (const row of rows) {
    const key = keyOf(row)
    if (!key) continue
    let group = groups.get(key)
    if (!group) groups.set(key, (group = { sample: new Map(), counts: new Map(), shortfalls: new Map() }))
    group.counts.set(row.clientId, (group.counts.get(row.clientId) ?? 0) + row.count)
    if (row.shortfalls?.length) group.shortfalls.set(row.clientId, [...(group.shortfalls.get(row.clientId) ?? []), ...row.shortfalls])
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
