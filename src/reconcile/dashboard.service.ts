import type { Prisma } from '@prisma/client'
import type { Db, ReconciliationContext } from '../context.js'
import { businessDay } from '../domain/dates.js'
import { toCents, type Cents } from '../domain/money.js'
import { livePrecision, type LivePrecision } from './live-precision.service.js'

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

export async function dashboardStats(ctx: ReconciliationContext, now = new Date()): Promise<DashboardStats> {
  const prisma: Db = ctx.prisma
  const [toReconcile, reconciled, invoiceTotals, flagged, ignored, settledCredits, explained, precision] = await Promise.all([
    prisma.transactionQonto.aggregate({ where: unreconciledCreditWhere, _count: true, _sum: { montant: true, montantAlloue: true } }),
    prisma.transactionQonto.aggregate({ where: { sens: 'CREDIT', associe: true }, _count: true, _sum: { montant: true } }),
    ctx.invoices.totals(prisma, businessDay(now, ctx.timeZone)),
    prisma.transactionQonto.count({ where: { aVerifier: true } }),
    prisma.transactionQonto.aggregate({ where: { ...SETTLED_CREDITS, ignoreCategorie: { not: null } }, _count: true, _sum: { montant: true } }),
    prisma.transactionQonto.count({ where: SETTLED_CREDITS }),
    prisma.transactionQonto.count({ where: { ...SETTLED_CREDITS, OR: [{ associe: true }, { ignoreCategorie: { not: null } }] } }),
    livePrecision(prisma),
  ])
  return {
    toReconcile: { count: toReconcile._count, totalCents: cents(toReconcile._sum.montant) - cents(toReconcile._sum.montantAlloue) },
    reconciled: { count: reconciled._count, totalCents: cents(reconciled._sum.montant) },
    awaitingPayment: invoiceTotals.awaiting,
    overdue: invoiceTotals.overdue,
    flagged,
    ignored: { count: ignored._count, totalCents: cents(ignored._sum.montant) },
    settledCredits,
    explained,
    explainedPercent: settledCredits === 0 ? 100 : Math.floor((explained * 100) / settledCredits),
    livePrecision: precision,
  }
}

const SETTLED_CREDITS = { sens: 'CREDIT', statut: 'SETTLED' } satisfies Prisma.TransactionQontoWhereInput

function cents(value: Prisma.Decimal | null): Cents {
  return value === null ? 0 : toCents(value)
}
