/**
 * Ranked, explained suggestions for incoming payments. See docs/matching.md for the rules.
 *
 * For each payment: who paid (client-resolution), which invoices the text names
 * (reference-evidence), candidates from the batch indexes, evidence per invoice (evidence), groups
 * (grouping), ranking (ranking), and at most one automatic match (auto-apply).
 */
import { businessDay } from '../dates.js'
import { flagAutoApply } from './auto-apply.js'
import { payerTies, resolveClient, type PayerTie } from './client-resolution.js'
import { isNamed, sameCurrency, type Context, type Scored } from './context.js'
import { combineScore, scoreSingle, singleScore } from './evidence.js'
import { groupSuggestions } from './grouping.js'
import { buildLedgerIndex, byAmountOf, firstFromAmount, usualShortfallOf, type LedgerIndex } from './ledger-index.js'
import { rank } from './ranking.js'
import { explainResult } from './reason-texts.js'
import { clientOfReferences, findReferences } from './reference-evidence.js'
import { DEFAULT_MATCH_OPTIONS, openCents, type Client, type HistoryEntry, type Invoice, type MatchFacts, type MatchOptions, type MatchResult, type Payment } from './types.js'

import { WEIGHTS } from './weights.js'

export { WEIGHTS }

const MAX_AMOUNT_ONLY_CANDIDATES = 20
const NO_TIES: readonly PayerTie[] = []

export interface Ledger {
  clients: Client[]
  invoices: Invoice[]
  history?: HistoryEntry[]
}

/** Each payment's suggestions, explained in `options.language` (French by default). */
export function suggestMatches(ledger: Ledger, payments: Payment[], options: Partial<MatchOptions> = {}): MatchResult[] {
  return [...suggestEach(ledger, payments, options)]
}

/** suggestMatches one payment at a time, in order (the CLI writes each result out and keeps none). */
export function* suggestEach(ledger: Ledger, payments: Payment[], options: Partial<MatchOptions> = {}): Generator<MatchResult> {
  const language = options.language ?? DEFAULT_MATCH_OPTIONS.language
  for (const result of matchEach(ledger, payments, options)) yield explainResult(result, language)
}

/** One payment's suggestions explained in `options.language`. */
export function suggestForPayment(payment: Payment, index: LedgerIndex, options: MatchOptions = DEFAULT_MATCH_OPTIONS, tuning: Tuning = {}): MatchResult {
  return explainResult(matchPayment(payment, index, options, tuning), options.language ?? DEFAULT_MATCH_OPTIONS.language)
}

/** Each payment's suggestions as data (reason codes and parameters): the server keeps them and writes them per reader. */
export function matchPayments(ledger: Ledger, payments: Payment[], options: Partial<MatchOptions> = {}): MatchFacts[] {
  return [...matchEach(ledger, payments, options)]
}

export function* matchEach(ledger: Ledger, payments: Payment[], options: Partial<MatchOptions> = {}): Generator<MatchFacts> {
  const index = buildLedgerIndex(ledger.clients, ledger.invoices, ledger.history)
  const settings = { ...DEFAULT_MATCH_OPTIONS, ...options }
  for (const payment of payments) yield matchPayment(payment, index, settings)
}

export function matchPayment(payment: Payment, index: LedgerIndex, options: MatchOptions = DEFAULT_MATCH_OPTIONS, { exhaustive = false }: Tuning = {}): MatchFacts {
  if ((payment.side ?? 'credit') !== 'credit' || payment.amountCents <= 0) return { transactionId: payment.id, clientId: null, suggestions: [] }
  const currency = payment.currency ?? 'EUR'
  const resolution = resolveClient(payment, index)
  const references = findReferences(payment, index, resolution, currency, options.invoicePrefixes ?? DEFAULT_MATCH_OPTIONS.invoicePrefixes)
  const context: Context = {
    payment,
    index,
    options,
    resolution,
    payerTies: resolution ? NO_TIES : payerTies(payment, index),
    references: references.byInvoice,
    namesOtherDocument: references.namesOtherDocument,
    currency,
    paidOn: businessDay(payment.settledAt, options.timeZone ?? DEFAULT_MATCH_OPTIONS.timeZone),
    exactUnnamed: [],
    payerExactCount: 0,
    usualShortfall: resolution ? usualShortfallOf(index, payment, resolution.clientId) : null,
    payerGroupFits: null,
  }
  const best = new BestSingles(exhaustive ? Number.POSITIVE_INFINITY : Math.max(options.maxSuggestions, 2), index.ageRank)
  collectSingles(context, best, exhaustive)
  const scored: Scored[] = []
  for (const invoice of best.invoicesOldestFirst()) {
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

/** Internal knobs; `exhaustive` scores every candidate (tests compare it with the bounded search). */
export interface Tuning {
  exhaustive?: boolean
}

/**
 * The candidates (docs/matching.md §1) offered to `best`, and the counts their explanations need
 * (context.exactUnnamed, context.payerExactCount). Only the best few single-invoice suggestions
 * can be returned or decide the automatic match, so only they are explained, and the payer's
 * invoices are bounded without changing the answer (docs/matching.md §1c): those whose open amount
 * is near the payment (exact, or short by bank fees at most) come from an index by amount; the rest
 * can only score as a partial payment or an overpayment, are scanned oldest first, and the scan
 * stops once no later invoice can outrank the ones kept.
 */
function collectSingles(context: Context, best: BestSingles, exhaustive: boolean): void {
  const { index, resolution, references, payment, currency, options, paidOn } = context
  const amount = payment.amountCents
  const unnamed = (invoice: Invoice) => references.size === 0 || !isNamed(references.get(invoice.id))
  // Invoices the text names (another document's number alone is no reason to look at an invoice).
  for (const [id, evidence] of references) {
    if (!isNamed(evidence)) continue
    const invoice = index.invoicesById.get(id)!
    if (sameCurrency(invoice, currency)) best.offer(invoice, singleScore(invoice, context))
  }
  if (resolution !== null) {
    const payerId = resolution.clientId
    // The payer's invoices near the amount (exact, or at most the largest fee tolerance above it), by amount.
    const byAmount = byAmountOf(index, payerId)
    const nearFrom = firstFromAmount(byAmount, amount)
    // A learned usual shortfall may be above the fee tolerance: those invoices are near too.
    const nearTo = amount + Math.max(options.feeToleranceMaxCents, context.usualShortfall ?? 0)
    let nearEnd = nearFrom
    let exactOnTime = 0
    for (; nearEnd < byAmount.length; nearEnd += 1) {
      const invoice = byAmount[nearEnd]!
      const open = openCents(invoice)
      if (open > nearTo) break
      const exact = open === amount
      if (exact) context.payerExactCount += 1
      if (!sameCurrency(invoice, currency) || !unnamed(invoice)) continue
      if (!exact) {
        best.offer(invoice, singleScore(invoice, context))
        continue
      }
      context.exactUnnamed.push(invoice)
      // All score alike but for the date, oldest first: once enough are held on time, no later one can rank.
      if (exhaustive || exactOnTime < best.capacity) best.offer(invoice, singleScore(invoice, context))
      if (paidOn >= invoice.issueDate) exactOnTime += 1
    }
    // The others can only be a partial payment or an overpayment: oldest first, until none can rank.
    const partialBound = combineScore(0, WEIGHTS.client[resolution.via], 'partial', false)
    const overBound = combineScore(0, WEIGHTS.client[resolution.via], 'overUnnamed', false)
    let partialLeft = byAmount.length - nearEnd
    let overLeft = nearFrom
    for (const invoice of index.invoicesByClient.get(payerId) ?? []) {
      const open = openCents(invoice)
      if (open >= amount && open <= nearTo) continue
      if (!exhaustive && best.holdsAbove(partialLeft > 0 ? partialBound : overLeft > 0 ? overBound : Number.NEGATIVE_INFINITY, invoice)) break
      if (open > nearTo) partialLeft -= 1
      else overLeft -= 1
      if (sameCurrency(invoice, currency) && unnamed(invoice)) best.offer(invoice, singleScore(invoice, context))
    }
  }
  // A few of the same open amount, whoever they belong to.
  const sameAmount = index.invoicesByOpenAmount.get(amount) ?? []
  for (let k = 0; k < sameAmount.length && k < MAX_AMOUNT_ONLY_CANDIDATES; k += 1) {
    const invoice = sameAmount[k]!
    if (resolution !== null && invoice.clientId === resolution.clientId) continue
    if (!sameCurrency(invoice, currency) || !unnamed(invoice)) continue
    context.exactUnnamed.push(invoice)
    best.offer(invoice, singleScore(invoice, context))
  }
}

/**
 * The best single-invoice suggestions seen so far, at most `capacity`, in ranking order (score,
 * then the oldest: ranking.ts). Ages are unique, so this order is total.
 */
class BestSingles {
  private readonly kept: Array<{ invoice: Invoice; score: number; age: number }> = []
  constructor(
    readonly capacity: number,
    private readonly ageRank: Map<Invoice, number>,
  ) {}

  offer(invoice: Invoice, score: number | null): void {
    if (score === null) return
    const kept = this.kept
    const last = kept[kept.length - 1]
    if (kept.length >= this.capacity && score < last!.score) return
    const age = this.ageRank.get(invoice)!
    if (kept.length >= this.capacity && !ahead(score, age, last!)) return
    let at = kept.length
    while (at > 0 && ahead(score, age, kept[at - 1]!)) at -= 1
    kept.splice(at, 0, { invoice, score, age })
    if (kept.length > this.capacity) kept.pop()
  }

  /** Full, and its last one ranks before this invoice (older than any invoice after it) at this score. */
  holdsAbove(score: number, invoice: Invoice): boolean {
    if (this.kept.length < this.capacity) return false
    const last = this.kept[this.kept.length - 1]!
    return last.score > score || (last.score === score && last.age < this.ageRank.get(invoice)!)
  }

  /** Oldest first: the order the candidates were ranked in before (ties between a single and a group keep it). */
  invoicesOldestFirst(): Invoice[] {
    return [...this.kept].sort((a, b) => a.age - b.age).map((k) => k.invoice)
  }
}

function ahead(score: number, age: number, other: { score: number; age: number }): boolean {
  return score > other.score || (score === other.score && age < other.age)
}
