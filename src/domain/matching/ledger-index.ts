/**
 * Indexes built once per batch so each payment only looks at a handful of candidates
 * (by reference key, by client, by amount) instead of every open invoice.
 */
import { normalizeIban } from '../iban.js'
import type { Cents } from '../money.js'
import { invoiceKey, invoiceShortKey, parseInvoiceNumber, type InvoiceNumberParts } from './invoice-references.js'
import { nameKey, nameTokens } from './text.js'
import { isOpenStatus } from '../invoice-status.js'
import { openCents, type Client, type HistoryEntry, type Invoice } from './types.js'
import { formKeyOfInvoice, type LearnedReferenceForm } from './reference-habits.js'

export interface IndexedClient {
  client: Client
  nameKey: string
  /** Distinct indexed words of the name (see nameTokens). */
  words: string[]
  wordCount: number
}

export interface LedgerIndex {
  clientsById: Map<string, IndexedClient>
  clientsByIban: Map<string, Set<string>>
  clientsByNameToken: Map<string, Set<string>>
  /**
   * Clients to examine when a payer name contains a word, or a pair of words ("a b", sorted). A
   * client of up to 6 words can only reach the name threshold if the payer name contains all its
   * words, so it is listed under its two rarest words (its only word); longer names under every word.
   */
  clientsToExamineByToken: Map<string, string[]>
  historyByIban: Map<string, Set<string>>
  historyByName: Map<string, Set<string>>
  /** Learned usual shortfalls (HistoryEntry.usualShortfallCents), by payer ("iban:…" / "name:…"), then client. */
  usualShortfalls: Map<string, Map<string, Cents>>
  /** When a confirmation taught a payer ("iban:…" / "name:…") to be a client's (HistoryEntry.learnedOn), by payer, then client. */
  learnedOn: Map<string, Map<string, string>>
  /** Learned reference forms (HistoryEntry.referenceForms), by payer ("iban:…" / "name:…"), then client. */
  referenceForms: Map<string, Map<string, LearnedReferenceForm[]>>
  /** A client's open invoices by the key a learned form gives them ("clientId form"), built on first use. */
  invoicesByFormKey: Map<string, Map<string, Invoice[]>>
  /** Open invoices only, each list sorted oldest due date first. */
  invoicesByKey: Map<string, Invoice[]>
  invoicesByClient: Map<string, Invoice[]>
  invoicesByOpenAmount: Map<Cents, Invoice[]>
  invoicesById: Map<string, Invoice>
  /** Position of each open invoice in the oldest-first order (byAge): sorting by it is sorting by age. */
  ageRank: Map<Invoice, number>
  /** Short reference keys of each client's open invoices, built on first use. */
  shortKeysByClient: Map<string, Map<string, Invoice[]>>
  /** Each client's open invoices by open amount, then age (any currency), built on first use. */
  byAmountOfClient: Map<string, Invoice[]>
  /** Parsed numbers of the invoices a text named, parsed on first use. */
  numberParts: Map<Invoice, InvoiceNumberParts>
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
    clientsToExamineByToken: new Map(),
    historyByIban: new Map(),
    historyByName: new Map(),
    usualShortfalls: new Map(),
    learnedOn: new Map(),
    referenceForms: new Map(),
    invoicesByFormKey: new Map(),
    invoicesByKey: new Map(),
    invoicesByClient: new Map(),
    invoicesByOpenAmount: new Map(),
    invoicesById: new Map(),
    ageRank: new Map(),
    shortKeysByClient: new Map(),
    byAmountOfClient: new Map(),
    numberParts: new Map(),
  }
  for (const client of clients) {
    const key = nameKey(client.name)
    const words = new Set(nameTokens(key))
    index.clientsById.set(client.id, { client, nameKey: key, words: [...words], wordCount: words.size })
    for (const iban of client.ibans ?? []) addTo(index.clientsByIban, normalizeIban(iban), client.id)
    for (const word of words) addTo(index.clientsByNameToken, word, client.id)
  }
  for (const [id, { words }] of index.clientsById) {
    const rarest = [...words].sort((a, b) => index.clientsByNameToken.get(a)!.size - index.clientsByNameToken.get(b)!.size || (a < b ? -1 : 1))
    if (words.length > 6) for (const word of words) pushTo(index.clientsToExamineByToken, word, id)
    else if (rarest.length >= 2) pushTo(index.clientsToExamineByToken, pairKey(rarest[0]!, rarest[1]!), id)
    else if (rarest.length === 1) pushTo(index.clientsToExamineByToken, rarest[0]!, id)
  }
  for (const entry of history) {
    addTo(index.historyByIban, normalizeIban(entry.counterpartyIban), entry.clientId)
    if (entry.counterpartyName) addTo(index.historyByName, nameKey(entry.counterpartyName), entry.clientId)
    const payer = payerOfEntry(entry)
    if (!payer) continue
    if (entry.usualShortfallCents) byPayerAndClient(index.usualShortfalls, payer).set(entry.clientId, entry.usualShortfallCents)
    if (entry.learnedOn) byPayerAndClient(index.learnedOn, payer).set(entry.clientId, entry.learnedOn)
    if (entry.referenceForms?.length) {
      const forms = byPayerAndClient(index.referenceForms, payer)
      forms.set(entry.clientId, [...(forms.get(entry.clientId) ?? []), ...entry.referenceForms])
    }
  }
  const open = invoices.filter(isOpenInvoice).sort(byAge)
  for (const invoice of open) {
    index.ageRank.set(invoice, index.ageRank.size)
    index.invoicesById.set(invoice.id, invoice)
    pushTo(index.invoicesByKey, invoiceKey(invoice.number), invoice)
    if (invoice.clientId) pushTo(index.invoicesByClient, invoice.clientId, invoice)
    pushTo(index.invoicesByOpenAmount, openCents(invoice), invoice)
  }
  return index
}

/** A history entry's payer key: "iban:…" when it has an IBAN, else "name:…". */
function payerOfEntry(entry: HistoryEntry): string | null {
  const iban = normalizeIban(entry.counterpartyIban)
  return iban ? `iban:${iban}` : entry.counterpartyName ? `name:${nameKey(entry.counterpartyName)}` : null
}

function byPayerAndClient<V>(map: Map<string, Map<string, V>>, payer: string): Map<string, V> {
  let byClient = map.get(payer)
  if (!byClient) map.set(payer, (byClient = new Map()))
  return byClient
}

/** Something learned about this payment's payer (by IBAN, then by name) for this client, or undefined. */
export function learnedFor<V>(map: Map<string, Map<string, V>>, payment: { counterpartyIban?: string | null; counterpartyName?: string | null }, clientId: string): V | undefined {
  if (map.size === 0) return undefined
  const iban = normalizeIban(payment.counterpartyIban)
  const byIban = iban ? map.get(`iban:${iban}`)?.get(clientId) : undefined
  if (byIban !== undefined) return byIban
  return payment.counterpartyName ? map.get(`name:${nameKey(payment.counterpartyName)}`)?.get(clientId) : undefined
}

/** A client's open invoices by the key this learned form gives their numbers (reference-habits.ts). */
export function invoicesByFormKeyOf(index: LedgerIndex, clientId: string, form: string): Map<string, Invoice[]> {
  const cacheKey = `${clientId}\u0000${form}`
  let byKey = index.invoicesByFormKey.get(cacheKey)
  if (!byKey) {
    byKey = new Map()
    for (const invoice of index.invoicesByClient.get(clientId) ?? []) pushTo(byKey, formKeyOfInvoice(form, numberPartsOf(index, invoice)), invoice)
    index.invoicesByFormKey.set(cacheKey, byKey)
  }
  return byKey
}

/** What this payment's payer (by IBAN, else by name) usually leaves unpaid on this client's invoices, learned; or null. */
export function usualShortfallOf(index: LedgerIndex, payment: { counterpartyIban?: string | null; counterpartyName?: string | null }, clientId: string): Cents | null {
  return learnedFor(index.usualShortfalls, payment, clientId) ?? null
}

/** Short reference keys ("126" for FACT-2026-126) of one client's open invoices. */
export function shortKeysOf(index: LedgerIndex, clientId: string): Map<string, Invoice[]> {
  let byShortKey = index.shortKeysByClient.get(clientId)
  if (!byShortKey) {
    byShortKey = new Map()
    for (const invoice of index.invoicesByClient.get(clientId) ?? []) pushTo(byShortKey, invoiceShortKey(invoice.number), invoice)
    index.shortKeysByClient.set(clientId, byShortKey)
  }
  return byShortKey
}

/** An open invoice's number, parsed once per batch. */
export function numberPartsOf(index: LedgerIndex, invoice: Invoice): InvoiceNumberParts {
  let parts = index.numberParts.get(invoice)
  if (!parts) index.numberParts.set(invoice, (parts = parseInvoiceNumber(invoice.number)))
  return parts
}

/** One client's open invoices sorted by open amount, then oldest first (for range look-ups by amount). */
export function byAmountOf(index: LedgerIndex, clientId: string): Invoice[] {
  let sorted = index.byAmountOfClient.get(clientId)
  if (!sorted) {
    // invoicesByClient is oldest first and sort is stable: equal amounts stay oldest first.
    sorted = [...(index.invoicesByClient.get(clientId) ?? [])].sort((a, b) => openCents(a) - openCents(b))
    index.byAmountOfClient.set(clientId, sorted)
  }
  return sorted
}

/** Position of the first invoice whose open amount is at least `cents` in a list sorted by open amount. */
export function firstFromAmount(sorted: Invoice[], cents: Cents): number {
  let low = 0
  let high = sorted.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (openCents(sorted[middle]!) < cents) low = middle + 1
    else high = middle
  }
  return low
}

/** Key of a pair of name words in clientsToExamineByToken. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a} ${b}` : `${b} ${a}`
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
