/** The invoice statuses the user's app already uses, and the two rules every part of the product shares. */
import type { Cents } from './money.js'

export type InvoiceStatus = 'BROUILLON' | 'ENVOYE' | 'EN_ATTENTE' | 'PARTIELLEMENT_PAYE' | 'PAYE' | 'ANNULE'

/** Invoices that can still receive a payment. */
export const OPEN_STATUSES = ['ENVOYE', 'EN_ATTENTE', 'PARTIELLEMENT_PAYE'] as const satisfies readonly InvoiceStatus[]

const OPEN = new Set<string>(OPEN_STATUSES)

export function isOpenStatus(status: string): boolean {
  return OPEN.has(status)
}

/**
 * The status of an invoice once its paid amount is known: PAYE when fully paid, PARTIELLEMENT_PAYE
 * when partly, back to ENVOYE when nothing is paid any more (after an undo or a bank reversal).
 */
export function statusForPaidAmount(paidCents: Cents, totalCents: Cents): InvoiceStatus {
  if (paidCents >= totalCents) return 'PAYE'
  return paidCents > 0 ? 'PARTIELLEMENT_PAYE' : 'ENVOYE'
}
