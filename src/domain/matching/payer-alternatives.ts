/**
 * Whether the payment has another exact explanation among the identified payer's own invoices: a
 * set of two or more of their open invoices whose open amounts add up exactly to it. When the
 * payer's only invoice of exactly that amount is also the sum of some of their other invoices, and
 * the transfer names none, nothing in the evidence says which one was paid: the IBAN rule must not
 * pick (docs/matching.md §3, "one explanation only").
 */
import { hasExactCombination } from './combinations.js'
import { sameCurrency, type Context } from './context.js'
import { openCents, type Invoice } from './types.js'

/**
 * The pool is the payer's oldest open invoices (options.maxCombinationInvoices of them, the same
 * bound as the grouped suggestions) that could be part of such a group: same currency, open amount
 * below the payment, issued by the payment's business day (a payment does not settle an invoice
 * issued after it without saying so, and such a group is never applied either). Memoised on the
 * context: asked at most once per payment.
 */
export function payerGroupFits(context: Context): boolean {
  if (context.payerGroupFits !== null) return context.payerGroupFits
  const { resolution, index, payment, currency, paidOn, options } = context
  let fits = false
  if (resolution !== null) {
    const amount = payment.amountCents
    const pool: Invoice[] = []
    for (const invoice of index.invoicesByClient.get(resolution.clientId) ?? []) {
      if (pool.length >= options.maxCombinationInvoices) break
      if (sameCurrency(invoice, currency) && openCents(invoice) < amount && invoice.issueDate <= paidOn) pool.push(invoice)
    }
    fits = hasExactCombination(pool.map(openCents), amount)
  }
  context.payerGroupFits = fits
  return fits
}
