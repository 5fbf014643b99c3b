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
  /**
   * Every "facture réglée" e-mail of this invoice the release cancelled or found sent, whichever payment
   * queued it (in a split payment, the one that completed the invoice): `email` is one of them.
   */
  emails: CancelledEmail[]
}

/** The outbox key of the "facture réglée" e-mail an association queues. */
export const paidEmailKey = (invoiceId: string, transactionId: string) => `invoice-paid:${invoiceId}:${transactionId}`
/** What every "facture réglée" key of an invoice starts with, whichever payment queued it. */
export const paidEmailPrefix = (invoiceId: string) => `invoice-paid:${invoiceId}:`
/** An e-mail listing several invoices of one client has the keys of each, joined by this. */
export const PAID_EMAIL_KEY_SEPARATOR = '|'
/** Is this outbox key (or one of the keys it joins) exactly `key`? */
export const ownsPaidEmailKey = (cle: string, key: string) => keyParts(cle).includes(key)
/** The invoice keys an outbox key holds (one, or several for an e-mail listing several invoices). */
const keyParts = (cle: string) => cle.split(PAID_EMAIL_KEY_SEPARATOR)

/**
 * The "facture réglée" e-mails an undo of (invoice, payment) concerns, among the invoice's uncancelled
 * ones: this payment's own, and, when the undo reopens the invoice, those other payments queued (in a
 * split payment, the one that completed it), a sent one only if the invoice was paid until now.
 */
export function emailsConcerned<E extends { cle: string }>(
  emails: E[],
  isSent: (email: E) => boolean,
  at: { invoiceId: string; transactionId: string; reopens: boolean; wasPaid: boolean },
): E[] {
  const own = paidEmailKey(at.invoiceId, at.transactionId)
  return emails.filter((e) => keyParts(e.cle).some((part) => part === own || (at.reopens && part.startsWith(paidEmailPrefix(at.invoiceId)) && (!isSent(e) || at.wasPaid))))
}

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
  const changes = allocations.flatMap((allocation) => {
    const invoiceId = String(allocation.factureId)
    const invoice = invoices.get(invoiceId)
    if (!invoice) return []
    const amountCents = toCents(allocation.montant)
    const writeOffCents = toCents(allocation.ecart)
    const paidCents = invoice.paidCents - amountCents - writeOffCents
    return [{ invoiceId, invoice, amountCents, writeOffCents, paidCents, status: statusForPaidAmount(paidCents, invoice.totalCents) }]
  })
  // The client is not told an invoice is settled by a payment that no longer settles it (the row stays as
  // proof), nor told an invoice is settled when it no longer is, whichever payment's e-mail that is (split payment).
  const keys = allocations.map((a) => paidEmailKey(String(a.factureId), transactionId))
  const reopened = changes.filter((c) => c.status !== 'PAYE')
  const emails = await cancelEmails(tx, keys, by, reopened.map((c) => paidEmailPrefix(c.invoiceId)))
  // Only an invoice the extension may have moved (open, partly paid, paid) changes status; one the
  // host cancelled since stays cancelled. A still fully paid invoice keeps its paid date.
  const movable = (invoice: { status: string }) => invoice.status === 'ENVOYE' || invoice.status === 'PARTIELLEMENT_PAYE' || invoice.status === 'PAYE'
  await ctx.invoices.writePayments(
    tx,
    changes.map(({ invoiceId, invoice, paidCents, status }) => ({ invoiceId, change: { status: movable(invoice) && status !== 'PAYE' ? status : null, paidCents, paidDay: null, paidAt: null } })),
  )
  const released: ReleasedAllocation[] = []
  for (const { invoiceId, invoice, amountCents, writeOffCents, status } of changes) {
    const concerned = emailsConcerned(emails, (e) => e.state === 'ENVOYE', { invoiceId, transactionId, reopens: status !== 'PAYE', wasPaid: invoice.status === 'PAYE' })
    const email = concerned.find((e) => ownsPaidEmailKey(e.cle, paidEmailKey(invoiceId, transactionId))) ?? concerned[0]
    released.push({ invoiceId, reference: invoice.number, amountCents, writeOffCents, ...(email ? { email } : {}), emails: concerned })
  }
  await tx.transactionQonto.update({ where: { id: transactionId }, data: { montantAlloue: '0', associe: false, factureId: null } })
  return released
}
