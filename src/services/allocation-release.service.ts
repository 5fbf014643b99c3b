import type { Prisma } from '@prisma/client'
import { statusForPaidAmount } from '../domain/invoice-status.js'
import { centsToDecimalString, toCents } from '../domain/money.js'

type Tx = Prisma.TransactionClient

export interface ReleasedAllocation {
  documentId: string
  reference: string
  amountCents: number
}

/**
 * Removes every allocation of a transaction and puts the invoices back: paid amount decreased,
 * status PARTIELLEMENT_PAYE or back to ENVOYE, payment date cleared. Rows are locked first.
 */
export async function releaseAllocations(tx: Tx, transactionId: string): Promise<ReleasedAllocation[]> {
  await tx.$queryRaw`SELECT id FROM "transactions_qonto" WHERE id = ${transactionId} FOR UPDATE`
  const allocations = await tx.allocation.findMany({ where: { transactionId }, include: { document: true } })
  if (allocations.length === 0) return []
  await tx.$queryRaw`SELECT id FROM "documents" WHERE id = ANY(${allocations.map((a) => a.documentId)}) FOR UPDATE`
  const released: ReleasedAllocation[] = []
  for (const allocation of allocations) {
    const document = await tx.document.findUniqueOrThrow({ where: { id: allocation.documentId } })
    const amountCents = toCents(allocation.montant)
    const paidCents = toCents(document.montantPaye) - amountCents
    const statut = statusForPaidAmount(paidCents, toCents(document.montantTTC))
    await tx.document.update({
      where: { id: document.id },
      data: {
        montantPaye: centsToDecimalString(paidCents),
        statut,
        datePaiement: statut === 'PAYE' ? document.datePaiement : null,
      },
    })
    released.push({ documentId: document.id, reference: document.reference, amountCents })
  }
  await tx.allocation.deleteMany({ where: { transactionId } })
  await tx.transactionQonto.update({
    where: { id: transactionId },
    data: { montantAlloue: '0', associe: false, documentId: null },
  })
  return released
}
