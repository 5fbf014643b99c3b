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
import { buildLedgerIndex, byAge, type LedgerIndex } from './ledger-index.js'
import { rank } from './ranking.js'
import { clientOfReferences, findReferences } from './reference-evidence.js'
import { DEFAULT_MATCH_OPTIONS, type Client, type HistoryEntry, type Invoice, type MatchOptions, type MatchResult, type Payment } from './types.js'

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
  }
  const candidates = candidateInvoices(context)
  const scored: Scored[] = []
  for (const invoice of candidates) {
    const single = scoreSingle(invoice, context, candidates)
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
  const byId = new Map<string, Invoice>()
  for (const [id, evidence] of references) {
    // Another document's number alone is no reason to look at an invoice; amount or payer may still bring it.
    if (isNamed(evidence)) byId.set(id, index.invoicesById.get(id)!)
  }
  if (resolution) for (const invoice of index.invoicesByClient.get(resolution.clientId) ?? []) byId.set(invoice.id, invoice)
  const sameAmount = index.invoicesByOpenAmount.get(payment.amountCents) ?? []
  for (const invoice of sameAmount.slice(0, MAX_AMOUNT_ONLY_CANDIDATES)) byId.set(invoice.id, invoice)
  return [...byId.values()].filter((invoice) => sameCurrency(invoice, currency)).sort(byAge)
}
