import type { Prisma } from '@prisma/client'
import type { ReconciliationContext } from '../context.js'
import { businessDay } from '../domain/dates.js'
import type { Cents } from '../domain/money.js'
import { livePrecision, type LivePrecision } from './live-precision.service.js'
import { paymentCounts, type PaymentCounts } from './payment-counts.service.js'

export interface CountAndSum {
  count: number
  totalCents: Cents
}

export interface DashboardStats {
  toReconcile: CountAndSum
  reconciled: CountAndSum
  awaitingPayment: CountAndSum
  overdue: CountAndSum
  flagged: number
  /** Credits explained without an invoice ("Ignorer (hors facture)"): count and amount. */
  ignored: CountAndSum
  /** Settled credits, and those explained (reconciled or ignored): "x % expliqués". */
  settledCredits: number
  explained: number
  /** Whole percent, rounded down: 100 only when every settled credit is explained. */
  explainedPercent: number
  /** Automatic matches over the agency's own history, and how many were later undone (live-precision.service.ts). */
  livePrecision: LivePrecision
}

/** Credits still to reconcile: settled incoming payments not fully allocated, nor explained without an invoice. */
export const unreconciledCreditWhere = {
  sens: 'CREDIT',
  statut: 'SETTLED',
  associe: false,
  ignoreCategorie: null,
} satisfies Prisma.TransactionQontoWhereInput

/** `counts`: the payments' counts when the caller already asked for them (the dashboard shares them with its queue). */
export async function dashboardStats(ctx: ReconciliationContext, now = new Date(), counts: Promise<PaymentCounts> = paymentCounts(ctx.prisma)): Promise<DashboardStats> {
  const [payments, invoiceTotals, precision] = await Promise.all([counts, ctx.invoices.totals(ctx.prisma, businessDay(now, ctx.timeZone)), livePrecision(ctx.prisma)])
  return {
    toReconcile: payments.toReconcile,
    reconciled: payments.reconciled,
    awaitingPayment: invoiceTotals.awaiting,
    overdue: invoiceTotals.overdue,
    flagged: payments.flagged,
    ignored: payments.ignored,
    settledCredits: payments.settledCredits,
    explained: payments.explained,
    explainedPercent: payments.settledCredits === 0 ? 100 : Math.floor((payments.explained * 100) / payments.settledCredits),
    livePrecision: precision,
  }
}
