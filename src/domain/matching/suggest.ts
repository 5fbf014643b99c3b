/**
 * Ranked, explained suggestions for incoming payments. See docs/matching.md for the rules.
 *
 * For each payment: who paid (client-resolution), which invoices the text names
 * (reference-evidence), candidates from the batch indexes, evidence per invoice (evidence), groups
 * (grouping), ranking (ranking), and at most one automatic match (auto-apply).
 */
import { businessDay } from '../dates.js'
import { flagAutoApply } from './auto-apply.js'
import { resolveClient } from './client-resolution.js'
import { isNamed, sameCurrency, type Context, type Scored } from './context.js'
import { scoreSingle } from './evidence.js'
import { groupSuggestions } from './grouping.js'
import { buildLedgerIndex, type LedgerIndex } from './ledger-index.js'
import { rank } from './ranking.js'
import { clientOfReferences, findReferences } from './reference-evidence.js'
import { DEFAULT_MATCH_OPTIONS, openCents, type Client, type HistoryEntry, type Invoice, type MatchOptions, type MatchResult, type Payment } from './types.js'

export { WEIGHTS } from './weights.js'

const MAX_AMOUNT_ONLY_CANDIDATES = 20

export interface Ledger {
  clients: Client[]
  invoices: Invoice[]
  history?: HistoryEntry[]
}

export function suggestMatches(ledger: Ledger, payments: Payment[], options: Partial<MatchOptions> = {}): MatchResult[] {
  const index = buildLedgerIndex(ledger.clients, ledger.invoices, ledger.history)
  const settings = { ...DEFAULT_MATCH_OPTIONS, ...options }
  return payments.map((payment) => suggestForPayment(payment, index, settings))
}

export function suggestForPayment(payment: Payment, index: LedgerIndex, options: MatchOptions = DEFAULT_MATCH_OPTIONS): MatchResult {
  if ((payment.side ?? 'credit') !== 'credit' || payment.amountCents <= 0) return { transactionId: payment.id, clientId: null, suggestions: [] }
  const currency = payment.currency ?? 'EUR'
  const resolution = resolveClient(payment, index)
  const references = findReferences(payment, index, resolution, currency, options.invoicePrefixes ?? DEFAULT_MATCH_OPTIONS.invoicePrefixes)
  const context: Context = {
    payment,
    index,
    options,
    resolution,
    references: references.byInvoice,
    namesOtherDocument: references.namesOtherDocument,
    currency,
    paidOn: businessDay(payment.settledAt, options.timeZone ?? DEFAULT_MATCH_OPTIONS.timeZone),
    exactUnnamed: [],
    payerExactCount: 0,
  }
  const candidates = candidateInvoices(context)
  for (const invoice of candidates) {
    if (openCents(invoice) === payment.amountCents && !isNamed(context.references.get(invoice.id))) context.exactUnnamed.push(invoice)
  }
  if (resolution) {
    for (const invoice of index.invoicesByClient.get(resolution.clientId) ?? []) if (openCents(invoice) === payment.amountCents) context.payerExactCount += 1
  }
  const scored: Scored[] = []
  for (const invoice of candidates) {
    const single = scoreSingle(invoice, context)
    if (single) scored.push(single)
  }
  scored.push(...groupSuggestions(context))
  const ranked = rank(scored)
  flagAutoApply(ranked, context)
  return {
    transactionId: payment.id,
    clientId: resolution?.clientId ?? clientOfReferences(context),
    suggestions: ranked.slice(0, options.maxSuggestions).map(({ suggestion }) => suggestion),
  }
}

/** Named invoices (or carrying another document's number), the payer's open invoices, and a few of the same open amount. */
function candidateInvoices({ index, resolution, references, payment, currency }: Context): Invoice[] {
  const seen = new Set<Invoice>()
  const ranked: Array<[number, Invoice]> = []
  const add = (invoice: Invoice) => {
    if (seen.has(invoice) || !sameCurrency(invoice, currency)) return
    seen.add(invoice)
    ranked.push([index.ageRank.get(invoice)!, invoice])
  }
  // Another document's number alone is no reason to look at an invoice; amount or payer may still bring it.
  for (const [id, evidence] of references) if (isNamed(evidence)) add(index.invoicesById.get(id)!)
  if (resolution) for (const invoice of index.invoicesByClient.get(resolution.clientId) ?? []) add(invoice)
  const sameAmount = index.invoicesByOpenAmount.get(payment.amountCents) ?? []
  for (let k = 0; k < sameAmount.length && k < MAX_AMOUNT_ONLY_CANDIDATES; k += 1) add(sameAmount[k]!)
  return ranked.sort((a, b) => a[0] - b[0]).map(([, invoice]) => invoice)
}
