/**
 * Ranked, explained suggestions for incoming payments. See docs/matching.md for the rules.
 *
 * Evidence is gathered per candidate invoice (reference hit, client, amount, dates), turned into
 * an additive score with one reason per signal, then grouped suggestions (one transfer for several
 * invoices) are added. At most one suggestion is flagged autoApply, only when nothing is in doubt.
 */
import type { Cents } from '../money.js'
import { businessDay } from '../dates.js'
import { exactCombinations } from './combinations.js'
import { resolveClient, type ClientResolution } from './client-resolution.js'
import { extractReferenceKeys } from './invoice-references.js'
import { buildLedgerIndex, byAge, shortKeysOf, type LedgerIndex } from './ledger-index.js'
import { reason } from './reasons.js'
import {
  DEFAULT_MATCH_OPTIONS,
  openCents,
  type Client,
  type HistoryEntry,
  type Invoice,
  type MatchOptions,
  type MatchResult,
  type Payment,
  type Reason,
  type Suggestion,
} from './types.js'

export const WEIGHTS = {
  referenceFull: 0.55,
  referenceShort: 0.35,
  client: { iban: 0.25, name: 0.2, history: 0.15 },
  clientMismatch: -0.15,
  amountExact: 0.3,
  amountShortFees: 0.22,
  amountPartial: 0.08,
  amountOverpaid: 0.1,
  /** A payment larger than an invoice it does not name is rarely for that invoice alone. */
  amountOverpaidUnnamed: 0.02,
  amountOnly: 0.3,
  groupExact: 0.3,
  groupByAmountOnly: 0.2,
  /** The client's oldest open invoices add up to the payment: how debtors usually settle. */
  groupOldestFirst: 0.08,
  dateBeforeIssue: -0.2,
} as const

/** Margin by which an auto-applied suggestion must beat the next one. */
const AUTO_APPLY_MARGIN = 0.05
const MAX_AMOUNT_ONLY_CANDIDATES = 20

export interface Ledger {
  clients: Client[]
  invoices: Invoice[]
  history?: HistoryEntry[]
}

export function suggestMatches(
  ledger: Ledger,
  payments: Payment[],
  options: Partial<MatchOptions> = {},
): MatchResult[] {
  const index = buildLedgerIndex(ledger.clients, ledger.invoices, ledger.history)
  const settings = { ...DEFAULT_MATCH_OPTIONS, ...options }
  return payments.map((payment) => suggestForPayment(payment, index, settings))
}

type ReferenceEvidence = { kind: 'full'; where: 'référence' | 'libellé' } | { kind: 'short' } | null

interface Context {
  payment: Payment
  index: LedgerIndex
  options: MatchOptions
  resolution: ClientResolution | null
  references: Map<string, ReferenceEvidence>
  currency: string
}

export function suggestForPayment(payment: Payment, index: LedgerIndex, options: MatchOptions): MatchResult {
  const empty: MatchResult = { transactionId: payment.id, clientId: null, suggestions: [] }
  if ((payment.side ?? 'credit') !== 'credit' || payment.amountCents <= 0) return empty

  const currency = payment.currency ?? 'EUR'
  const resolution = resolveClient(payment, index)
  const context: Context = {
    payment,
    index,
    options,
    resolution,
    references: findReferences(payment, index, resolution, currency),
    currency,
  }
  const candidates = candidateInvoices(context)
  const singles = candidates.map((invoice) => scoreSingle(invoice, context, candidates)).filter(isSuggestion)
  const groups = groupSuggestions(context)
  const ranked = rank([...singles, ...groups])
  flagAutoApply(ranked, context)
  return {
    transactionId: payment.id,
    clientId: resolution?.clientId ?? clientOfReferences(context),
    suggestions: ranked.slice(0, options.maxSuggestions).map(({ suggestion }) => suggestion),
  }
}

/** Invoices named in the transfer: full numbers anywhere, short numbers only among the payer's invoices. */
function findReferences(
  payment: Payment,
  index: LedgerIndex,
  resolution: ClientResolution | null,
  currency: string,
): Map<string, ReferenceEvidence> {
  const found = new Map<string, ReferenceEvidence>()
  const inReference = extractReferenceKeys(payment.reference)
  const inLabel = extractReferenceKeys(payment.label)
  for (const [keys, where] of [[inReference, 'référence'], [inLabel, 'libellé']] as const) {
    for (const key of keys.full) {
      for (const invoice of index.invoicesByKey.get(key) ?? []) {
        if (sameCurrency(invoice, currency) && !found.has(invoice.id)) found.set(invoice.id, { kind: 'full', where })
      }
    }
  }
  if (resolution) {
    const own = shortKeysOf(index.invoicesByClient.get(resolution.clientId) ?? [])
    for (const key of new Set([...inReference.short, ...inLabel.short])) {
      for (const invoice of own.get(key) ?? []) {
        if (sameCurrency(invoice, currency) && !found.has(invoice.id)) found.set(invoice.id, { kind: 'short' })
      }
    }
  }
  return found
}

function candidateInvoices({ index, resolution, references, payment, currency }: Context): Invoice[] {
  const byId = new Map<string, Invoice>()
  for (const id of references.keys()) byId.set(id, index.invoicesById.get(id)!)
  if (resolution) for (const invoice of index.invoicesByClient.get(resolution.clientId) ?? []) byId.set(invoice.id, invoice)
  const sameAmount = index.invoicesByOpenAmount.get(payment.amountCents) ?? []
  for (const invoice of sameAmount.slice(0, MAX_AMOUNT_ONLY_CANDIDATES)) byId.set(invoice.id, invoice)
  return [...byId.values()].filter((invoice) => sameCurrency(invoice, currency)).sort(byAge)
}

interface Scored {
  suggestion: Suggestion
  /** Position of the oldest invoice, for stable tie-breaking. */
  age: string
  eligibleForAuto: boolean
}

function scoreSingle(invoice: Invoice, context: Context, candidates: Invoice[]): Scored | null {
  const { payment, resolution, references, options, index } = context
  const reasons: Reason[] = []
  let score = 0
  const reference = references.get(invoice.id) ?? null
  if (reference?.kind === 'full') {
    score += WEIGHTS.referenceFull
    reasons.push(reason.referenceFound(invoice.number, reference.where))
  } else if (reference?.kind === 'short') {
    score += WEIGHTS.referenceShort
    reasons.push(reason.shortReferenceFound(invoice.number))
  }

  const client = clientEvidence(invoice, context)
  score += client.score
  reasons.push(...client.reasons)

  const open = openCents(invoice)
  const amount = payment.amountCents
  const allocation = Math.min(amount, open)
  let amountExact = false
  if (amount === open) {
    amountExact = true
    if (!reference && !client.matches) {
      score += WEIGHTS.amountOnly
      reasons.push(reason.amountOnly())
    } else {
      score += WEIGHTS.amountExact
      reasons.push(reason.amountExact(amount))
    }
  } else if (!reference && !client.matches) {
    return null
  } else if (amount < open && open - amount <= feeTolerance(open, options)) {
    score += WEIGHTS.amountShortFees
    reasons.push(reason.amountShortFees(open - amount))
  } else if (amount < open) {
    score += WEIGHTS.amountPartial
    reasons.push(reason.amountPartial(open - amount))
  } else {
    score += reference ? WEIGHTS.amountOverpaid : WEIGHTS.amountOverpaidUnnamed
    reasons.push(reason.amountOverpaid(amount - open))
  }

  const dates = dateEvidence(invoice, payment, context)
  score += dates.score
  reasons.push(...dates.reasons)

  const twins = candidates.filter((other) => other !== invoice && openCents(other) === open && !references.has(other.id)
    && (other.clientId === invoice.clientId || !client.matches)).length
  if (amountExact && !reference && twins > 0) reasons.push(reason.sameAmountElsewhere(twins))

  const onlyExactForClient =
    resolution?.via === 'iban' &&
    client.matches &&
    amountExact &&
    (index.invoicesByClient.get(resolution.clientId) ?? []).filter((i) => openCents(i) === amount).length === 1
  const referencesOnlyThis = [...references].every(([id, ev]) => id === invoice.id || ev?.kind !== 'full')
  const eligibleForAuto =
    amountExact &&
    !client.mismatch &&
    dates.score >= 0 &&
    referencesOnlyThis &&
    (reference?.kind === 'full' || (onlyExactForClient && reference === null))

  return {
    suggestion: { allocations: [{ invoiceId: invoice.id, amountCents: allocation }], score: clampScore(score), autoApply: false, reasons },
    age: ageKey(invoice),
    eligibleForAuto,
  }
}

function clientEvidence(invoice: Invoice, { resolution, index }: Context) {
  const reasons: Reason[] = []
  if (!resolution || !invoice.clientId) return { score: 0, reasons, matches: false, mismatch: false }
  const payer = index.clientsById.get(resolution.clientId)!.client.name
  if (invoice.clientId !== resolution.clientId) {
    const owner = index.clientsById.get(invoice.clientId)?.client.name ?? 'inconnu'
    reasons.push(reason.clientMismatch(owner, payer))
    return { score: WEIGHTS.clientMismatch, reasons, matches: false, mismatch: true }
  }
  if (resolution.via === 'iban') reasons.push(reason.clientIban(payer))
  else if (resolution.via === 'name') reasons.push(reason.clientName(payer, resolution.similarity ?? 0))
  else reasons.push(reason.clientHistory(payer))
  return { score: WEIGHTS.client[resolution.via], reasons, matches: true, mismatch: false }
}

function dateEvidence(invoice: Invoice, payment: Payment, context: Context) {
  const paidOn = businessDay(payment.settledAt, context.options.timeZone)
  if (paidOn < invoice.issueDate) return { score: WEIGHTS.dateBeforeIssue, reasons: [reason.dateBeforeIssue(invoice.issueDate)] }
  return { score: 0, reasons: [] }
}

/** Several invoices for one transfer: the invoices it names, or an exact combination of the payer's. */
function groupSuggestions(context: Context): Scored[] {
  const { payment, references, index, resolution, options } = context
  const results: Scored[] = []
  const named = [...references.keys()].map((id) => index.invoicesById.get(id)!).sort(byAge)
  if (named.length >= 2) {
    const total = named.reduce((sum, invoice) => sum + openCents(invoice), 0)
    if (total === payment.amountCents) {
      results.push(groupScored(named, context, [reason.amountGroupExact(named.length, total)], WEIGHTS.groupExact, true))
    } else if (total > payment.amountCents) {
      results.push(partialGroup(named, context))
    }
  }
  if (resolution) {
    const own = (index.invoicesByClient.get(resolution.clientId) ?? []).filter((i) => sameCurrency(i, context.currency))
    const combinations = exactCombinations(own, payment.amountCents, options.maxCombinationInvoices)
    const oldest = oldestSettledBy(own, payment.amountCents)
    if (oldest && !combinations.some((c) => sameSet(c, oldest))) combinations.unshift(oldest)
    for (const combination of combinations) {
      if (results.some((r) => sameInvoices(r.suggestion, combination))) continue
      const isOldest = oldest !== null && sameSet(combination, oldest)
      const ambiguity = combinations.length > 1 && !isOldest ? -0.1 : 0
      const amountReasons = [reason.amountGroupExact(combination.length, payment.amountCents)]
      if (isOldest) amountReasons.push(reason.oldestOpen())
      const weight = WEIGHTS.groupByAmountOnly + ambiguity + (isOldest ? WEIGHTS.groupOldestFirst : 0)
      results.push(groupScored(combination, context, amountReasons, weight, false))
    }
  }
  return results
}

/** The client's k oldest open invoices, when their open amounts add up exactly to the payment (k ≥ 2). */
function oldestSettledBy(invoices: Invoice[], amount: Cents): Invoice[] | null {
  let total = 0
  for (let k = 0; k < invoices.length && total < amount; k += 1) {
    total += openCents(invoices[k]!)
    if (total === amount) return k >= 1 ? invoices.slice(0, k + 1) : null
  }
  return null
}

function sameSet(a: Invoice[], b: Invoice[]): boolean {
  return a.length === b.length && a.every((invoice) => b.includes(invoice))
}

function groupScored(invoices: Invoice[], context: Context, amountReasons: Reason[], amountWeight: number, named: boolean): Scored {
  const reasons: Reason[] = []
  let score = amountWeight
  if (named) {
    score += WEIGHTS.referenceFull
    reasons.push(...invoices.map((invoice) => reason.referenceFound(invoice.number, 'référence')))
  }
  const clients = invoices.map((invoice) => clientEvidence(invoice, context))
  const allMatch = clients.every((c) => c.matches)
  if (allMatch) {
    score += clients[0]!.score
    reasons.push(...clients[0]!.reasons)
  }
  reasons.push(...amountReasons)
  const paidOn = businessDay(context.payment.settledAt, context.options.timeZone)
  const beforeIssue = invoices.some((invoice) => paidOn < invoice.issueDate)
  if (beforeIssue) score += WEIGHTS.dateBeforeIssue
  const allNamedFull = invoices.every((invoice) => context.references.get(invoice.id)?.kind === 'full')
  return {
    suggestion: {
      allocations: invoices.map((invoice) => ({ invoiceId: invoice.id, amountCents: openCents(invoice) })),
      score: clampScore(score),
      autoApply: false,
      reasons,
    },
    age: ageKey(invoices[0]!),
    eligibleForAuto: named && allNamedFull && !beforeIssue && !clients.some((c) => c.mismatch),
  }
}

/** The transfer names several invoices but pays less than their total: oldest first, last one partly. */
function partialGroup(invoices: Invoice[], context: Context): Scored {
  let remaining: Cents = context.payment.amountCents
  const allocations = []
  for (const invoice of invoices) {
    if (remaining <= 0) break
    const amountCents = Math.min(remaining, openCents(invoice))
    allocations.push({ invoiceId: invoice.id, amountCents })
    remaining -= amountCents
  }
  const total = invoices.reduce((sum, invoice) => sum + openCents(invoice), 0)
  const scored = groupScored(invoices, context, [reason.amountPartial(total - context.payment.amountCents)], WEIGHTS.amountPartial, true)
  return { ...scored, suggestion: { ...scored.suggestion, allocations }, eligibleForAuto: false }
}

function rank(scored: Scored[]): Scored[] {
  return scored.sort(
    (a, b) =>
      b.suggestion.score - a.suggestion.score ||
      (a.age < b.age ? -1 : a.age > b.age ? 1 : 0) ||
      a.suggestion.allocations.length - b.suggestion.allocations.length,
  )
}

/** Only the top suggestion, only when eligible and clearly ahead of the next one. */
function flagAutoApply(ranked: Scored[], _context: Context): void {
  const [top, next] = ranked
  if (!top || !top.eligibleForAuto) return
  if (next && top.suggestion.score - next.suggestion.score < AUTO_APPLY_MARGIN) return
  top.suggestion.autoApply = true
}

function clientOfReferences({ references, index }: Context): string | null {
  const clients = new Set(
    [...references].filter(([, ev]) => ev?.kind === 'full').map(([id]) => index.invoicesById.get(id)?.clientId ?? null),
  )
  return clients.size === 1 ? ([...clients][0] ?? null) : null
}

function feeTolerance(openAmount: Cents, options: MatchOptions): Cents {
  return Math.min(options.feeToleranceMaxCents, Math.floor((openAmount * options.feeToleranceBasisPoints) / 10_000))
}

function sameCurrency(invoice: Invoice, currency: string): boolean {
  return (invoice.currency ?? 'EUR') === currency
}

function sameInvoices(suggestion: Suggestion, invoices: Invoice[]): boolean {
  const ids = new Set(suggestion.allocations.map((a) => a.invoiceId))
  return ids.size === invoices.length && invoices.every((invoice) => ids.has(invoice.id))
}

function ageKey(invoice: Invoice): string {
  return `${invoice.dueDate ?? invoice.issueDate}|${invoice.issueDate}|${invoice.number}`
}

function clampScore(score: number): number {
  return Math.round(Math.min(0.99, Math.max(0.01, score)) * 1000) / 1000
}

function isSuggestion(value: Scored | null): value is Scored {
  return value !== null
}
