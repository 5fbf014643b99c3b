/**
 * Indexes built once per batch so each payment only looks at a handful of candidates
 * (by reference key, by client, by amount) instead of every open invoice.
 */
import { normalizeIban } from '../iban.js'
import type { Cents } from '../money.js'
import { invoiceKey, invoiceShortKey } from './invoice-references.js'
import { nameKey, nameTokens } from './text.js'
import { isOpenStatus } from '../invoice-status.js'
import { openCents, type Client, type HistoryEntry, type Invoice } from './types.js'

export interface IndexedClient {
  client: Client
  nameKey: string
  /** Distinct indexed words of the name (see nameTokens). */
  wordCount: number
}

export interface LedgerIndex {
  clientsById: Map<string, IndexedClient>
  clientsByIban: Map<string, Set<string>>
  clientsByNameToken: Map<string, Set<string>>
  historyByIban: Map<string, Set<string>>
  historyByName: Map<string, Set<string>>
  /** Open invoices only, each list sorted oldest due date first. */
  invoicesByKey: Map<string, Invoice[]>
  invoicesByClient: Map<string, Invoice[]>
  invoicesByOpenAmount: Map<Cents, Invoice[]>
  invoicesById: Map<string, Invoice>
}

/** Invoices that can receive a payment: sent/waiting/partly paid, with something left to pay. */
export function isOpenInvoice(invoice: Invoice): boolean {
  return (invoice.status === undefined || isOpenStatus(invoice.status)) && openCents(invoice) > 0
}

export function buildLedgerIndex(clients: Client[], invoices: Invoice[], history: HistoryEntry[] = []): LedgerIndex {
  const index: LedgerIndex = {
    clientsById: new Map(),
    clientsByIban: new Map(),
    clientsByNameToken: new Map(),
    historyByIban: new Map(),
    historyByName: new Map(),
    invoicesByKey: new Map(),
    invoicesByClient: new Map(),
    invoicesByOpenAmount: new Map(),
    invoicesById: new Map(),
  }
  for (const client of clients) {
    const key = nameKey(client.name)
    const words = new Set(nameTokens(key))
    index.clientsById.set(client.id, { client, nameKey: key, wordCount: words.size })
    for (const iban of client.ibans ?? []) addTo(index.clientsByIban, normalizeIban(iban), client.id)
    for (const word of words) addTo(index.clientsByNameToken, word, client.id)
  }
  for (const entry of history) {
    addTo(index.historyByIban, normalizeIban(entry.counterpartyIban), entry.clientId)
    if (entry.counterpartyName) addTo(index.historyByName, nameKey(entry.counterpartyName), entry.clientId)
  }
  const open = invoices.filter(isOpenInvoice).sort(byAge)
  for (const invoice of open) {
    index.invoicesById.set(invoice.id, invoice)
    pushTo(index.invoicesByKey, invoiceKey(invoice.number), invoice)
    if (invoice.clientId) pushTo(index.invoicesByClient, invoice.clientId, invoice)
    pushTo(index.invoicesByOpenAmount, openCents(invoice), invoice)
  }
  return index
}

/** Short reference keys ("126" for FACT-2026-126) of one client's open invoices. */
export function shortKeysOf(invoices: Invoice[]): Map<string, Invoice[]> {
  const byShortKey = new Map<string, Invoice[]>()
  for (const invoice of invoices) pushTo(byShortKey, invoiceShortKey(invoice.number), invoice)
  return byShortKey
}

/** Oldest due date (else issue date) first, then invoice number: the order a debtor usually pays in. */
export function byAge(a: Invoice, b: Invoice): number {
  const dueA = a.dueDate ?? a.issueDate
  const dueB = b.dueDate ?? b.issueDate
  if (dueA !== dueB) return dueA < dueB ? -1 : 1
  if (a.issueDate !== b.issueDate) return a.issueDate < b.issueDate ? -1 : 1
  return a.number < b.number ? -1 : a.number > b.number ? 1 : 0
}

function addTo<K>(map: Map<K, Set<string>>, key: K | null | undefined, value: string): void {
  if (key === null || key === undefined || key === '') return
  let set = map.get(key)
  if (!set) map.set(key, (set = new Set()))
  set.add(value)
}

function pushTo<K, V>(map: Map<K, V[]>, key: K | null | undefined, value: V): void {
  if (key === null || key === undefined) return
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}
