import type { Prisma, PrismaClient } from '@prisma/client'
import { OPEN_STATUSES } from '../domain/invoice-status.js'
import { toCents, type Cents } from '../domain/money.js'
import { loadClients, suggestionsForRow } from './matching-data.service.js'
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

/** Credits the admin still has to reconcile: settled incoming payments not fully allocated. */
export const unreconciledCreditWhere = {
  sens: 'CREDIT',
  statut: 'SETTLED',
  associe: false,
} satisfies Prisma.TransactionQontoWhereInput

const openInvoiceWhere = {
  type: 'FACTURE',
  statut: { in: [...OPEN_STATUSES] },
} satisfies Prisma.DocumentWhereInput

type Db = Pick<PrismaClient, 'transactionQonto' | 'document'>

export async function dashboardStats(prisma: Db, today = new Date()): Promise<DashboardStats> {
  const [toReconcile, reconciled, awaiting, overdue, flagged] = await Promise.all([
    prisma.transactionQonto.aggregate({
      where: unreconciledCreditWhere,
      _count: true,
      _sum: { montant: true, montantAlloue: true },
    }),
    prisma.transactionQonto.aggregate({ where: { sens: 'CREDIT', associe: true }, _count: true, _sum: { montant: true } }),
    prisma.document.aggregate({ where: openInvoiceWhere, _count: true, _sum: { montantTTC: true, montantPaye: true } }),
    prisma.document.aggregate({
      where: { ...openInvoiceWhere, dateEcheance: { lt: startOfDay(today) } },
      _count: true,
      _sum: { montantTTC: true, montantPaye: true },
    }),
    prisma.transactionQonto.count({ where: { aVerifier: true } }),
  ])
  return {
    toReconcile: {
      count: toReconcile._count,
      totalCents: cents(toReconcile._sum.montant) - cents(toReconcile._sum.montantAlloue),
    },
    reconciled: { count: reconciled._count, totalCents: cents(reconciled._sum.montant) },
    awaitingPayment: {
      count: awaiting._count,
      totalCents: cents(awaiting._sum.montantTTC) - cents(awaiting._sum.montantPaye),
    },
    overdue: { count: overdue._count, totalCents: cents(overdue._sum.montantTTC) - cents(overdue._sum.montantPaye) },
    flagged,
  }
}

function cents(value: Prisma.Decimal | null): Cents {
  return value === null ? 0 : toCents(value)
}

function startOfDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()))
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
export async function paymentsToReconcile(prisma: PrismaClient, limit = 15): Promise<PaymentToReconcile[]> {
  const [rows, clients] = await Promise.all([
    prisma.transactionQonto.findMany({
      where: unreconciledCreditWhere,
      orderBy: { dateTransaction: 'desc' },
      take: limit,
      // Everything the matcher needs too, so suggestionsForRow does not load each transaction again.
      select: {
        id: true, montant: true, montantAlloue: true, devise: true, sens: true, libelle: true,
        reference: true, emetteur: true, emetteurIban: true, dateTransaction: true,
      },
    }),
    loadClients(prisma),
  ])
  const results = await Promise.all(rows.map((row) => suggestionsForRow(prisma, row, { maxSuggestions: 1, clients })))
  // One query describes every best suggestion at once.
  const described = await describeSuggestions(prisma, results.flatMap((result) => result.suggestions.slice(0, 1)))
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
