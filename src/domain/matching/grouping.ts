/**
 * Several invoices for one transfer: the invoices it names (all of them, exactly, or partly when
 * they add up to more), or an exact combination of the identified payer's open invoices.
 */
import type { Cents } from '../money.js'
import { clampScore, isNamed, sameCurrency, type Context, type Scored } from './context.js'
import { exactCombinations } from './combinations.js'
import { clientEvidence, dateEvidence, referenceEvidence } from './evidence.js'
import { byAge } from './ledger-index.js'
import { matchMethod } from './method.js'
import { reason } from './reasons.js'
import { openCents, type Invoice, type ReasonFact } from './types.js'
import { WEIGHTS } from './weights.js'

export function groupSuggestions(context: Context): Scored[] {
  const { payment, references, index, resolution, options } = context
  const results: Scored[] = []
  const named = [...references].filter(([, evidence]) => isNamed(evidence)).map(([id]) => index.invoicesById.get(id)!).sort(byAge)
  if (named.length >= 2) {
    const total = sumOpen(named)
    if (total === payment.amountCents) {
      results.push(groupScored(named, context, [reason.amountGroupExact(named.length, total)], WEIGHTS.groupExact, true))
    } else if (total > payment.amountCents) {
      results.push(partialGroup(named, context))
    }
  }
  if (resolution) {
    const own = index.invoicesByClient.get(resolution.clientId) ?? []
    const combinations = exactCombinations(oldestOfCurrency(own, context.currency, options.maxCombinationInvoices), payment.amountCents, options.maxCombinationInvoices)
    const oldest = oldestSettledBy(own, context.currency, payment.amountCents)
    if (oldest && !combinations.some((c) => sameSet(c, oldest))) combinations.unshift(oldest)
    for (const combination of combinations) {
      if (results.some((r) => sameSet(r.invoices, combination))) continue
      const isOldest = oldest !== null && sameSet(combination, oldest)
      const ambiguity = combinations.length > 1 && !isOldest ? WEIGHTS.groupAmbiguous : 0
      const amountReasons = [reason.amountGroupExact(combination.length, payment.amountCents)]
      if (isOldest) amountReasons.push(reason.oldestOpen())
      const weight = WEIGHTS.groupByAmountOnly + ambiguity + (isOldest ? WEIGHTS.groupOldestFirst : 0)
      results.push(groupScored(combination, context, amountReasons, weight, false))
    }
  }
  return results
}

/** The first `count` invoices of a list (oldest first) in this currency. */
function oldestOfCurrency(invoices: Invoice[], currency: string, count: number): Invoice[] {
  const picked: Invoice[] = []
  for (let k = 0; k < invoices.length && picked.length < count; k += 1) if (sameCurrency(invoices[k]!, currency)) picked.push(invoices[k]!)
  return picked
}

/** The client's k oldest open invoices in this currency, when their open amounts add up exactly to the payment (k ≥ 2). */
function oldestSettledBy(invoices: Invoice[], currency: string, amount: Cents): Invoice[] | null {
  const picked: Invoice[] = []
  let total = 0
  for (let k = 0; k < invoices.length && total < amount; k += 1) {
    if (!sameCurrency(invoices[k]!, currency)) continue
    picked.push(invoices[k]!)
    total += openCents(invoices[k]!)
    if (total === amount) return picked.length >= 2 ? picked : null
  }
  return null
}

function groupScored(invoices: Invoice[], context: Context, amountReasons: ReasonFact[], amountWeight: number, named: boolean): Scored {
  const reasons: ReasonFact[] = []
  let score = amountWeight
  if (named) {
    // Each named invoice brings its share of its reference weight (all full: the full weight).
    for (const invoice of invoices) {
      const ref = referenceEvidence(invoice, context)
      score += ref.score / invoices.length
      reasons.push(...ref.reasons)
    }
  }
  const clients = invoices.map((invoice) => clientEvidence(invoice, context))
  if (clients.every((c) => c.matches)) {
    score += clients[0]!.score
    reasons.push(...clients[0]!.reasons)
  }
  reasons.push(...amountReasons)
  const dates = dateEvidence(invoices, context)
  score += dates.score
  reasons.push(...dates.reasons)
  const allNamedFull = named && invoices.every((invoice) => context.references.get(invoice.id)?.kind === 'full')
  return {
    suggestion: {
      allocations: invoices.map((invoice) => ({ invoiceId: invoice.id, amountCents: openCents(invoice) })),
      score: clampScore(score),
      autoApply: false,
      method: matchMethod(invoices, context),
      reasons,
    },
    invoices,
    age: context.index.ageRank.get(invoices[0]!) ?? 0,
    facts: {
      amountExact: named,
      allNamedFull,
      onlyExactOfIbanPayer: false,
      clientMismatch: clients.some((c) => c.mismatch),
      beforeIssue: dates.beforeIssue,
      neverAuto: !named,
    },
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
  const total = sumOpen(invoices)
  const scored = groupScored(invoices, context, [reason.amountPartial(total - context.payment.amountCents)], WEIGHTS.amountPartial, true)
  return { ...scored, suggestion: { ...scored.suggestion, allocations }, facts: { ...scored.facts, neverAuto: true } }
}

function sumOpen(invoices: Invoice[]): Cents {
  return invoices.reduce((sum, invoice) => sum + openCents(invoice), 0)
}

function sameSet(a: Invoice[], b: Invoice[]): boolean {
  return a.length === b.length && a.every((invoice) => b.includes(invoice))
}
