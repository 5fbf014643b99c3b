/** Quality figures of a matcher on a labelled ledger: top-1 accuracy, auto-apply precision and coverage. */
import type { Invoice, MatchResult, Payment } from '../src/domain/matching/index.js'
import type { GeneratedLedger, LabelledPayment } from './ledger.js'

export type Matcher = (invoices: Invoice[], payments: Payment[]) => MatchResult[]

/**
 * Runs a matcher as the product does over time: payments arrive in batches, and invoices settled by
 * earlier batches are no longer open when the next batch is matched.
 */
export function runInBatches(ledger: GeneratedLedger, matcher: Matcher, batchSize = 25): MatchResult[] {
  const paid = new Map<string, number>()
  const results: MatchResult[] = []
  for (let start = 0; start < ledger.payments.length; start += batchSize) {
    const batch = ledger.payments.slice(start, start + batchSize)
    const invoices = ledger.invoices.map((invoice) => ({ ...invoice, paidCents: paid.get(invoice.id) ?? 0 }))
    results.push(...matcher(invoices, batch.map((p) => p.payment)))
    for (const { truth } of batch) {
      for (const { invoiceId, amountCents } of truth) paid.set(invoiceId, (paid.get(invoiceId) ?? 0) + amountCents)
    }
  }
  return results
}

export interface Quality {
  payments: number
  withTruth: number
  top1: number
  autoApplied: number
  autoCorrect: number
  autoPrecision: number
  autoCoverage: number
  byKind: Record<string, { count: number; top1: number; auto: number; autoWrong: number }>
}

const sameAllocation = (a: Array<{ invoiceId: string; amountCents: number }>, b: Array<{ invoiceId: string; amountCents: number }>) =>
  a.length === b.length && a.every((x) => b.some((y) => y.invoiceId === x.invoiceId && y.amountCents === x.amountCents))

export function evaluate(labelled: LabelledPayment[], results: MatchResult[]): Quality {
  const byKind: Quality['byKind'] = {}
  let withTruth = 0
  let top1 = 0
  let autoApplied = 0
  let autoCorrect = 0
  labelled.forEach(({ truth, kind }, i) => {
    const result = results[i]!
    const stats = (byKind[kind] ??= { count: 0, top1: 0, auto: 0, autoWrong: 0 })
    stats.count += 1
    const best = result.suggestions[0]
    if (truth.length > 0) {
      withTruth += 1
      if (best && sameAllocation(best.allocations, truth)) {
        top1 += 1
        stats.top1 += 1
      }
    }
    const auto = result.suggestions.find((s) => s.autoApply)
    if (auto) {
      autoApplied += 1
      stats.auto += 1
      if (truth.length > 0 && sameAllocation(auto.allocations, truth)) autoCorrect += 1
      else stats.autoWrong += 1
    }
  })
  return {
    payments: labelled.length,
    withTruth,
    top1: withTruth === 0 ? 0 : top1 / withTruth,
    autoApplied,
    autoCorrect,
    autoPrecision: autoApplied === 0 ? 1 : autoCorrect / autoApplied,
    autoCoverage: autoApplied / labelled.length,
    byKind,
  }
}

/**
 * The design note's rule: every open invoice within 1 € of the payment, in list order; it
 * "associates automatically" when there is exactly one. A loop over payments × invoices.
 */
export const oneEuroRule: Matcher = (invoices, payments) =>
  payments.map((payment) => {
    const candidates: Invoice[] = []
    let count = 0
    for (const invoice of invoices) {
      const open = invoice.totalCents - (invoice.paidCents ?? 0)
      if (open <= 0 || Math.abs(open - payment.amountCents) >= 100) continue
      count += 1
      if (candidates.length < 5) candidates.push(invoice)
    }
    return {
      transactionId: payment.id,
      clientId: null,
      suggestions: candidates.map((invoice) => ({
        allocations: [{ invoiceId: invoice.id, amountCents: Math.min(invoice.totalCents - (invoice.paidCents ?? 0), payment.amountCents) }],
        score: 0.5,
        autoApply: count === 1,
        reasons: [],
      })),
    }
  })
