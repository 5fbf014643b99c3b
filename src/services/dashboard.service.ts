import type { Prisma } from '@prisma/client'
import type { Db, ReconciliationContext } from '../context.js'
import { businessDay } from '../domain/dates.js'
import { toCents, type Cents } from '../domain/money.js'
import { loadClients, suggestionsForRow, TRANSACTION_SELECT } from './matching-data.service.js'
import { describeSuggestions, type SuggestionView } from './reconciliation-view.service.js'

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
}

/** Credits still to reconcile: settled incoming payments not fully allocated, nor explained without an invoice. */
export const unreconciledCreditWhere = {
  sens: 'CREDIT',
  statut: 'SETTLED',
  associe: false,
  ignoreCategorie: null,
} satisfies Prisma.TransactionQontoWhereInput

export async function dashboardStats(ctx: ReconciliationContext, now = new Date()): Promise<DashboardStats> {
  const prisma: Db = ctx.prisma
  const [toReconcile, reconciled, invoiceTotals, flagged] = await Promise.all([
    prisma.transactionQonto.aggregate({ where: unreconciledCreditWhere, _count: true, _sum: { montant: true, montantAlloue: true } }),
    prisma.transactionQonto.aggregate({ where: { sens: 'CREDIT', associe: true }, _count: true, _sum: { montant: true } }),
    ctx.invoices.totals(prisma, businessDay(now, ctx.timeZone)),
    prisma.transactionQonto.count({ where: { aVerifier: true } }),
  ])
  return {
    toReconcile: { count: toReconcile._count, totalCents: cents(toReconcile._sum.montant) - cents(toReconcile._sum.montantAlloue) },
    reconciled: { count: reconciled._count, totalCents: cents(reconciled._sum.montant) },
    awaitingPayment: invoiceTotals.awaiting,
    overdue: invoiceTotals.overdue,
    flagged,
  }
}

function cents(value: Prisma.Decimal | null): Cents {
  return value === null ? 0 : toCents(value)
}

export interface PaymentToReconcile {
  id: string
  date: string
  amountCents: Cents
  remainingCents: Cents
  payer: string | null
  reference: string | null
  best: SuggestionView | null
}

/** The most recent credits still to reconcile, each with its best suggestion. */
export async function paymentsToReconcile(ctx: ReconciliationContext, limit = 15): Promise<PaymentToReconcile[]> {
  const [rows, clients] = await Promise.all([
    ctx.prisma.transactionQonto.findMany({ where: unreconciledCreditWhere, orderBy: { dateTransaction: 'desc' }, take: limit, select: TRANSACTION_SELECT }),
    loadClients(ctx),
  ])
  const results = await Promise.all(rows.map((row) => suggestionsForRow(ctx, row, { maxSuggestions: 1, clients })))
  // One query describes every best suggestion at once.
  const described = await describeSuggestions(ctx, results.flatMap((result) => result.suggestions.slice(0, 1)))
  let next = 0
  return rows.map((row, i) => ({
    id: row.id,
    date: row.dateTransaction.toISOString(),
    amountCents: toCents(row.montant),
    remainingCents: toCents(row.montant) - toCents(row.montantAlloue),
    payer: row.emetteur,
    reference: row.reference,
    best: results[i]!.suggestions.length > 0 ? described[next++]! : null,
  }))
}
