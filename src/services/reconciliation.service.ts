/**
 * Associating a payment with invoices, and undoing it. One database transaction with row locks
 * (transaction first, then invoices in id order), so a double click or two admins at once end
 * with exactly one association; every refusal is a French message and changes nothing.
 */
import type { Prisma, PrismaClient } from '@prisma/client'
import { isOpenStatus, statusForPaidAmount } from '../domain/invoice-status.js'
import { centsToDecimalString, formatEuros, toCents, type Cents } from '../domain/money.js'
import type { Reason } from '../domain/matching/index.js'
import { releaseAllocations } from './allocation-release.service.js'
import { enqueueEmail } from './email-outbox.service.js'
import { notifyAdmins } from './notifications.service.js'

type Tx = Prisma.TransactionClient

export class ReconciliationError extends Error {}

export interface Actor {
  userId: string | null
  label: string
}

export const SYSTEM_ACTOR: Actor = { userId: null, label: 'système (rapprochement automatique)' }

export type AssociationMode = 'MANUEL' | 'SUGGESTION' | 'AUTOMATIQUE'

export interface AssociationRequest {
  transactionId: string
  allocations: Array<{ documentId: string; amountCents: Cents }>
  actor: Actor
  mode: AssociationMode
  score?: number
  reasons?: Reason[]
}

export interface AssociationResult {
  transactionId: string
  fullyAllocated: boolean
  documents: Array<{ id: string; reference: string; statut: string; remainingCents: Cents }>
}

const REFUSED_STATUS: Record<string, string> = {
  PAYE: 'est déjà payée',
  ANNULE: 'est annulée',
  BROUILLON: "est un brouillon (pas encore envoyée)",
}

export async function associate(prisma: PrismaClient, request: AssociationRequest): Promise<AssociationResult> {
  validateShape(request)
  return prisma.$transaction((tx) => associateInTransaction(tx, request), { timeout: 30_000 })
}

function validateShape({ allocations }: AssociationRequest): void {
  if (allocations.length === 0) throw new ReconciliationError('Choisissez au moins une facture.')
  const ids = new Set(allocations.map((a) => a.documentId))
  if (ids.size !== allocations.length) throw new ReconciliationError('La même facture apparaît deux fois.')
  for (const { amountCents } of allocations) {
    if (!Number.isSafeInteger(amountCents) || amountCents <= 0) throw new ReconciliationError('Chaque montant affecté doit être positif.')
  }
}

async function associateInTransaction(tx: Tx, request: AssociationRequest): Promise<AssociationResult> {
  const [transaction] = await tx.$queryRaw<Array<{ id: string; montant: Prisma.Decimal; montantAlloue: Prisma.Decimal; devise: string; sens: string; statut: string; dateTransaction: Date; emetteur: string | null }>>`
    SELECT id, montant, "montantAlloue", devise, sens::text AS sens, statut::text AS statut, "dateTransaction", emetteur
    FROM "transactions_qonto" WHERE id = ${request.transactionId} FOR UPDATE`
  if (!transaction) throw new ReconciliationError('Transaction introuvable.')
  if (transaction.sens !== 'CREDIT') throw new ReconciliationError("Cette transaction est un débit : seuls les paiements reçus se rapprochent d'une facture.")
  if (transaction.statut !== 'SETTLED') throw new ReconciliationError("Cette transaction n'est pas exécutée par la banque (en cours, refusée ou annulée).")
  const remaining = toCents(transaction.montant) - toCents(transaction.montantAlloue)
  if (remaining <= 0) throw new ReconciliationError('Cette transaction est déjà entièrement rapprochée.')
  const total = request.allocations.reduce((sum, a) => sum + a.amountCents, 0)
  if (total > remaining) {
    throw new ReconciliationError(`Montant affecté (${formatEuros(total)}) supérieur au reste à affecter de la transaction (${formatEuros(remaining)}).`)
  }

  const ids = request.allocations.map((a) => a.documentId).sort()
  const documents = await tx.$queryRaw<Array<{ id: string; reference: string; type: string; statut: string; devise: string; montantTTC: Prisma.Decimal; montantPaye: Prisma.Decimal; marqueId: string | null }>>`
    SELECT id, reference, type::text AS type, statut::text AS statut, devise, "montantTTC", "montantPaye", "marqueId"
    FROM "documents" WHERE id = ANY(${ids}::text[]) ORDER BY id FOR UPDATE`
  const byId = new Map(documents.map((d) => [d.id, d]))
  const existing = await tx.allocation.findMany({ where: { transactionId: transaction.id, documentId: { in: ids } }, select: { documentId: true } })
  const result: AssociationResult = { transactionId: transaction.id, fullyAllocated: total === remaining, documents: [] }

  for (const { documentId, amountCents } of request.allocations) {
    const document = byId.get(documentId)
    if (!document) throw new ReconciliationError('Facture introuvable.')
    if (document.type !== 'FACTURE') throw new ReconciliationError(`${document.reference} n'est pas une facture.`)
    if (!isOpenStatus(document.statut)) throw new ReconciliationError(`La facture ${document.reference} ${REFUSED_STATUS[document.statut] ?? "n'est pas ouverte"}.`)
    if (document.devise !== transaction.devise) {
      throw new ReconciliationError(`Devise différente : la facture ${document.reference} est en ${document.devise}, le paiement en ${transaction.devise}.`)
    }
    if (existing.some((e) => e.documentId === documentId)) throw new ReconciliationError(`Ce paiement est déjà associé à ${document.reference}.`)
    const open = toCents(document.montantTTC) - toCents(document.montantPaye)
    if (amountCents > open) {
      throw new ReconciliationError(`Montant affecté à ${document.reference} (${formatEuros(amountCents)}) supérieur à son reste dû (${formatEuros(open)}).`)
    }
    const paid = toCents(document.montantPaye) + amountCents
    const statut = statusForPaidAmount(paid, toCents(document.montantTTC))
    const fullyPaid = statut === 'PAYE'
    await tx.document.update({
      where: { id: documentId },
      data: {
        montantPaye: centsToDecimalString(paid),
        statut,
        ...(fullyPaid ? { datePaiement: transaction.dateTransaction } : {}),
      },
    })
    await tx.allocation.create({
      data: {
        transactionId: transaction.id,
        documentId,
        montant: centsToDecimalString(amountCents),
        mode: request.mode,
        score: request.score ?? null,
        raisons: (request.reasons ?? []) as unknown as Prisma.InputJsonValue,
        creeParId: request.actor.userId,
      },
    })
    result.documents.push({ id: documentId, reference: document.reference, statut, remainingCents: open - amountCents })
    if (fullyPaid) await enqueuePaidEmail(tx, document, transaction.id, transaction.dateTransaction)
  }

  const allocated = toCents(transaction.montantAlloue) + total
  const allocationCount = await tx.allocation.count({ where: { transactionId: transaction.id } })
  await tx.transactionQonto.update({
    where: { id: transaction.id },
    data: {
      montantAlloue: centsToDecimalString(allocated),
      associe: allocated === toCents(transaction.montant),
      documentId: allocationCount === 1 ? request.allocations[0]!.documentId : null,
      aVerifier: false,
    },
  })
  await tx.auditLog.create({
    data: {
      acteur: request.actor.label,
      userId: request.actor.userId,
      action: 'ASSOCIATION',
      automatique: request.mode === 'AUTOMATIQUE',
      transactionId: transaction.id,
      documentId: request.allocations[0]!.documentId,
      avant: { montantAlloueCents: toCents(transaction.montantAlloue) },
      apres: { montantAlloueCents: allocated, factures: result.documents.map((d) => ({ reference: d.reference, statut: d.statut })) },
      details: {
        mode: request.mode,
        score: request.score ?? null,
        raisons: (request.reasons ?? []).map((r) => r.label),
        allocations: request.allocations.map((a) => ({ documentId: a.documentId, reference: byId.get(a.documentId)!.reference, montantCents: a.amountCents })),
      } as Prisma.InputJsonValue,
    },
  })
  if (request.mode === 'AUTOMATIQUE') {
    await notifyAdmins(tx, [
      {
        type: 'RAPPROCHEMENT_AUTO',
        titre: 'Rapprochement automatique',
        message: `Paiement de ${formatEuros(total)} (${transaction.emetteur ?? 'émetteur inconnu'}) rapproché de ${result.documents.map((d) => d.reference).join(', ')}.`,
        lien: `/admin/resources/TransactionQonto/records/${transaction.id}/show`,
        cle: `auto:${transaction.id}:${ids.join(',')}`,
      },
    ])
  }
  return result
}

/** "Facture payée" to the client's contact, through the outbox (sent after commit). */
async function enqueuePaidEmail(tx: Tx, document: { id: string; reference: string; montantTTC: Prisma.Decimal; marqueId: string | null }, transactionId: string, paidOn: Date) {
  if (!document.marqueId) return
  const client = await tx.marque.findUnique({ where: { id: document.marqueId }, select: { nom: true, emailContact: true } })
  if (!client?.emailContact) return
  await enqueueEmail(tx, {
    cle: `invoice-paid:${document.id}:${transactionId}`,
    to: client.emailContact,
    subject: `Facture ${document.reference} réglée`,
    text:
      `Bonjour,\n\nNous avons bien reçu votre règlement de ${formatEuros(toCents(document.montantTTC))} ` +
      `pour la facture ${document.reference} (paiement du ${paidOn.toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' })}).\n` +
      `Elle est désormais soldée. Merci !\n\nL'équipe de l'agence`,
  })
}

/** Undo: allocations removed, invoices back to their open status, audit entry. */
export async function dissociate(prisma: PrismaClient, transactionId: string, actor: Actor): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const released = await releaseAllocations(tx, transactionId)
    if (released.length === 0) throw new ReconciliationError("Cette transaction n'est associée à aucune facture.")
    await tx.transactionQonto.update({ where: { id: transactionId }, data: { aVerifier: false } })
    await tx.auditLog.create({
      data: {
        acteur: actor.label,
        userId: actor.userId,
        action: 'DISSOCIATION',
        transactionId,
        documentId: released[0]!.documentId,
        avant: { allocations: released.map((r) => ({ reference: r.reference, montantCents: r.amountCents })) },
        apres: { allocations: [] },
      },
    })
    return released.length
  })
}
