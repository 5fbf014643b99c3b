import type { ReconciliationContext, Tx } from '../context.js'
import { statusForPaidAmount } from '../domain/invoice-status.js'
import { toCents } from '../domain/money.js'

export interface ReleasedAllocation {
  invoiceId: string
  reference: string
  amountCents: number
}

/**
 * Removes every allocation of a transaction and puts the host's invoices back: status partly paid
 * or back to open, paid date cleared, paid amount decreased (when the host keeps one). Rows locked first.
 */
export async function releaseAllocations(ctx: ReconciliationContext, tx: Tx, transactionId: string): Promise<ReleasedAllocation[]> {
  await tx.$queryRawUnsafe(`SELECT id FROM "transactions_qonto" WHERE id = $1 FOR UPDATE`, transactionId)
  const allocations = await tx.qontoAllocation.findMany({ where: { transactionId } })
  if (allocations.length === 0) return []
  const invoices = new Map((await ctx.invoices.byIds(tx, allocations.map((a) => String(a.factureId)), { lock: true })).map((i) => [i.id, i]))
  await tx.qontoAllocation.deleteMany({ where: { transactionId } })
  const released: ReleasedAllocation[] = []
  for (const allocation of allocations) {
    const invoiceId = String(allocation.factureId)
    const invoice = invoices.get(invoiceId)
    const amountCents = toCents(allocation.montant)
    if (!invoice) continue
    const paidCents = invoice.paidCents - amountCents
    const status = statusForPaidAmount(paidCents, invoice.totalCents)
    // A still fully paid invoice (paid by other payments too) keeps its paid date.
    if (status !== 'PAYE') await ctx.invoices.writePayment(tx, invoiceId, { status, paidCents, paidDay: null, paidAt: null })
    released.push({ invoiceId, reference: invoice.number, amountCents })
  }
  await tx.transactionQonto.update({ where: { id: transactionId }, data: { montantAlloue: '0', associe: false, factureId: null } })
  return released
}
