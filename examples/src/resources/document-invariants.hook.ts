/**
 * What only the reconciliation may change on an invoice, enforced on the server (the form only greys
 * it): the paid amount, and the paid / partly paid statuses; an invoice with payments applied to it
 * keeps its type and currency and cannot be deleted.
 */
import type { PrismaClient } from '@prisma/client'
import { ValidationError, type ActionContext, type ActionRequest } from 'adminjs'

const PAID_STATUSES = ['PAYE', 'PARTIELLEMENT_PAYE']
/** Fields read-only once a payment is applied, like the paid amount. */
const FIXED_ONCE_PAID = ['type', 'devise']

/** Hooks run before AdminJS's access check: someone who may not act at all gets the forbidden answer, not ours. */
const mayAct = (context: ActionContext) => context.action.isAccessible(context.currentAdmin, context.record)

export function protectPaymentFields(request: ActionRequest, context: ActionContext): ActionRequest {
  if (request.method !== 'post' || !request.payload || !mayAct(context)) return request
  const { montantPaye: _ignored, datePaiement: _alsoIgnored, ...payload } = request.payload as Record<string, unknown>
  const before = context.record?.param('statut') as string | undefined
  const after = payload.statut as string | undefined
  const touchesPaid = after !== undefined && after !== before && (PAID_STATUSES.includes(after) || PAID_STATUSES.includes(before ?? ''))
  if (touchesPaid) {
    throw new ValidationError({
      statut: { message: 'Payée et partiellement payée se règlent par un rapprochement (Associer, Dissocier), pas à la main.' },
    })
  }
  // With payments applied, the invoice's nature and currency are what they were matched against.
  const paid = Number(context.record?.param('montantPaye') ?? 0) > 0
  const changed = FIXED_ONCE_PAID.filter((field) => payload[field] !== undefined && String(payload[field]) !== String(context.record?.param(field) ?? ''))
  if (paid && changed.length > 0) {
    throw new ValidationError(
      Object.fromEntries(changed.map((field) => [field, { message: 'Cette facture a des paiements rapprochés : son type et sa devise ne changent plus (dissociez-les d’abord).' }])),
    )
  }
  return { ...request, payload }
}

export function refuseDeletingPaidInvoices(prisma: PrismaClient) {
  return async (request: ActionRequest, context: ActionContext): Promise<ActionRequest> => {
    if (request.method !== 'post' || !mayAct(context)) return request
    const ids = [context.record, ...(context.records ?? [])].filter(Boolean).map((record) => String(record!.id()))
    const allocated = await prisma.qontoAllocation.count({ where: { factureId: { in: ids } } })
    if (allocated > 0) {
      throw new ValidationError({}, { message: 'Cette facture a des paiements rapprochés : dissociez-les avant de la supprimer.', type: 'error' } as never)
    }
    return request
  }
}
