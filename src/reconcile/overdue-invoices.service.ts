/**
 * "Factures en retard", one click from the dashboard: open invoices past their due date, oldest due
 * first, with what is still owed and the Qonto payments already received on each.
 */
import type { ReconciliationContext } from '../context.js'
import { businessDay } from '../domain/dates.js'
import { toCents, type Cents } from '../domain/money.js'

export interface OverdueInvoice {
  id: string
  reference: string
  client: string | null
  dueDate: string
  daysLate: number
  totalCents: Cents
  /** What the invoice says is paid (Qonto payments and any other). */
  paidCents: Cents
  owedCents: Cents
  /** The Qonto payments applied to it, oldest first. */
  payments: Array<{ transactionId: string; date: string; payer: string | null; amountCents: Cents }>
}

const DAY_MS = 86_400_000
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS)

export async function overdueInvoices(ctx: ReconciliationContext, { now = new Date(), limit = 50 } = {}): Promise<OverdueInvoice[]> {
  const today = businessDay(now, ctx.timeZone)
  const invoices = await ctx.invoices.overdue(ctx.prisma, today, limit)
  if (invoices.length === 0) return []
  const allocations = await ctx.prisma.qontoAllocation.findMany({
    where: { factureId: { in: invoices.map((i) => ctx.invoices.hostId(i.id)) as never } },
    select: { factureId: true, montant: true, transactionId: true, transaction: { select: { dateTransaction: true, emetteur: true } } },
    orderBy: { createdAt: 'asc' },
  })
  const byInvoice = new Map<string, OverdueInvoice['payments']>()
  for (const a of allocations) {
    const list = byInvoice.get(String(a.factureId)) ?? []
    list.push({ transactionId: a.transactionId, date: a.transaction.dateTransaction.toISOString(), payer: a.transaction.emetteur, amountCents: toCents(a.montant) })
    byInvoice.set(String(a.factureId), list)
  }
  return invoices.map((invoice) => ({
    id: invoice.id,
    reference: invoice.number,
    client: invoice.clientName,
    dueDate: invoice.dueDate!,
    daysLate: daysBetween(invoice.dueDate!, today),
    totalCents: invoice.totalCents,
    paidCents: invoice.paidCents,
    owedCents: invoice.totalCents - invoice.paidCents,
    payments: byInvoice.get(String(invoice.id)) ?? [],
  }))
}
