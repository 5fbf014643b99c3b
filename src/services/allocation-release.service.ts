import type { ReconciliationContext, Tx } from '../context.js'
import { statusForPaidAmount } from '../domain/invoice-status.js'
import { toCents } from '../domain/money.js'
import { cancelEmails, type CancelledEmail } from './email-outbox.service.js'

export interface ReleasedAllocation {
  invoiceId: string
  reference: string
  amountCents: number
  /** Closed without cash ("Solder avec écart"), reversed with the allocation. */
  writeOffCents: number
  /** The "facture réglée" e-mail of this invoice and payment: cancelled, or already sent (tell the client). */
  email?: CancelledEmail
}

/** The outbox key of the "facture réglée" e-mail an association queues. */
export const paidEmailKey = (invoiceId: string, transactionId: string) => `invoice-paid:${invoiceId}:${transactionId}`

/**
 * Removes every allocation of a transaction and puts the host's invoices back: status partly paid
 * or back to open, paid date cleared, paid amount decreased (when the host keeps one). Rows locked first.
 */
export async function releaseAllocations(ctx: ReconciliationContext, tx: Tx, transactionId: string, by = 'système'): Promise<ReleasedAllocation[]> {
  await tx.$queryRawUnsafe(`SELECT id FROM "transactions_qonto" WHERE id = $1 FOR UPDATE`, transactionId)
  const allocations = await tx.qontoAllocation.findMany({ where: { transactionId } })
  if (allocations.length === 0) return []
  const invoices = new Map((await ctx.invoices.byIds(tx, allocations.map((a) => String(a.factureId)), { lock: true, anyRow: true })).map((i) => [i.id, i]))
  await tx.qontoAllocation.deleteMany({ where: { transactionId } })
  // The client is not told an invoice is settled by a payment that no longer settles it (the row stays as proof).
  const keys = allocations.map((a) => paidEmailKey(String(a.factureId), transactionId))
  const emails = await cancelEmails(tx, keys, by)
  const emailFor = new Map(emails.map((email) => [email.cle, email]))
  const released: ReleasedAllocation[] = []
  for (const allocation of allocations) {
    const invoiceId = String(allocation.factureId)
    const invoice = invoices.get(invoiceId)
    const amountCents = toCents(allocation.montant)
    const writeOffCents = toCents(allocation.ecart)
    if (!invoice) continue
    const paidCents = invoice.paidCents - amountCents - writeOffCents
    const status = statusForPaidAmount(paidCents, invoice.totalCents)
    // Only an invoice the extension may have moved (open, partly paid, paid) changes status; one the
    // host cancelled since stays cancelled. A still fully paid invoice keeps its paid date.
    const movable = invoice.status === 'ENVOYE' || invoice.status === 'PARTIELLEMENT_PAYE' || invoice.status === 'PAYE'
    await ctx.invoices.writePayment(tx, invoiceId, { status: movable && status !== 'PAYE' ? status : null, paidCents, paidDay: null, paidAt: null })
    const email = emailFor.get(paidEmailKey(invoiceId, transactionId))
    released.push({ invoiceId, reference: invoice.number, amountCents, writeOffCents, ...(email ? { email } : {}) })
  }
  await tx.transactionQonto.update({ where: { id: transactionId }, data: { montantAlloue: '0', associe: false, factureId: null } })
  return released
}
