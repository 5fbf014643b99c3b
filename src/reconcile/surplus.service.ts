/**
 * Every euro of a payment explained: what a payment brings beyond the invoices it settles becomes a
 * client credit (avoir), offered on that client's next invoices, or a refund to record. The surplus
 * stays the payment's own money: applying the credit to a later invoice is an allocation of the
 * same payment (so the exports balance), and undoing the payment's association cancels it.
 */
import type { Actor, ReconciliationContext, Tx } from '../context.js'
import { businessDay, dayIn } from '../domain/dates.js'
import { centsToDecimalString, toCents, type Cents } from '../domain/money.js'
import { reconcileTexts } from '../i18n/reconcile-texts.js'
import { bookClosedPeriodChanges } from './ledger.service.js'
import { associateInTransaction, ReconciliationError, type AssociationResult } from './reconciliation.service.js'

export type SurplusTreatment = 'AVOIR' | 'REMBOURSEMENT'

export interface SurplusView {
  /** What the payment brings beyond what is allocated. */
  remainingCents: Cents
  /** Every invoice it is allocated to is paid: the rest is a surplus, not a payment still to allocate. */
  settles: boolean
  /** The single client of those invoices (an avoir needs one). */
  client: { id: string; name: string } | null
  explained: { id: string; treatment: SurplusTreatment; amountCents: Cents; appliedCents: Cents; label: string } | null
}

/** Whether this payment has a surplus to explain, and how it is explained. */
export async function surplusOf(ctx: ReconciliationContext, transactionId: string, db: Tx | ReconciliationContext['prisma'] = ctx.prisma): Promise<SurplusView> {
  const t = await db.transactionQonto.findUniqueOrThrow({ where: { id: transactionId }, select: { montant: true, montantAlloue: true } })
  const allocations = await db.qontoAllocation.findMany({ where: { transactionId }, select: { factureId: true } })
  const invoices = await ctx.invoices.byIds(db, allocations.map((a) => String(a.factureId)), { anyRow: true })
  const clients = [...new Set(invoices.map((i) => i.clientId))]
  const row = await db.qontoExcedent.findFirst({ where: { transactionId, annuleLe: null } })
  // Shown on the payment's page: in the panel's language.
  const T = reconcileTexts(ctx.panelLanguage.current).surplus
  return {
    remainingCents: toCents(t.montant) - toCents(t.montantAlloue),
    settles: invoices.length > 0 && invoices.every((i) => i.status === 'PAYE'),
    client: clients.length === 1 && clients[0] ? { id: clients[0], name: invoices[0]!.clientName ?? 'client' } : null,
    explained: row
      ? {
          id: row.id,
          treatment: row.traitement,
          amountCents: toCents(row.montant),
          appliedCents: toCents(row.montantImpute),
          label: T.explained(T.treatments[row.traitement], toCents(row.montant), row.client, row.par),
        }
      : null,
  }
}

/** The surplus becomes a client credit or a refund to record; the payment is then fully explained. */
export async function explainSurplus(ctx: ReconciliationContext, request: { transactionId: string; treatment: SurplusTreatment; note?: string; actor: Actor }) {
  const { transactionId, treatment, actor } = request
  return ctx.prisma.$transaction(async (tx) => {
    await tx.$queryRawUnsafe(`SELECT 1 FROM "transactions_qonto" WHERE id = $1 FOR UPDATE`, transactionId)
    const surplus = await surplusOf(ctx, transactionId, tx)
    if (surplus.explained) throw new ReconciliationError('surplusAlreadyExplained')
    if (surplus.remainingCents <= 0) throw new ReconciliationError('noSurplus')
    if (!surplus.settles) throw new ReconciliationError('matchBeforeSurplus')
    if (treatment === 'AVOIR' && !surplus.client) throw new ReconciliationError('creditForOneClient')
    const row = await tx.qontoExcedent.create({
      data: {
        transactionId,
        montant: centsToDecimalString(surplus.remainingCents),
        traitement: treatment,
        clientId: surplus.client?.id ?? null,
        client: surplus.client?.name ?? null,
        note: request.note ?? null,
        parId: actor.userId,
        par: actor.label,
      },
    })
    await tx.transactionQonto.update({ where: { id: transactionId }, data: { associe: true } })
    await tx.qontoAuditLog.create({
      data: {
        acteur: actor.label,
        userId: actor.userId,
        action: treatment === 'AVOIR' ? 'EXCEDENT_AVOIR' : 'EXCEDENT_REMBOURSEMENT',
        transactionId,
        apres: { excedentId: row.id, montantCents: surplus.remainingCents, client: surplus.client?.name ?? null, note: request.note ?? null },
      },
    })
    await bookClosedPeriodChanges(ctx, tx, [transactionId])
    return { id: row.id, amountCents: surplus.remainingCents }
  })
}

export interface OpenCredit {
  id: string
  transactionId: string
  availableCents: Cents
  /** "Avoir de 20,00 € (trop-perçu du paiement du 12/11/2026)". */
  label: string
}

/** The client's credits not used yet: offered on its next invoices. */
export async function openCredits(ctx: ReconciliationContext, clientId: string): Promise<OpenCredit[]> {
  const rows = await ctx.prisma.qontoExcedent.findMany({ where: { clientId, traitement: 'AVOIR', annuleLe: null }, orderBy: { createdAt: 'asc' } })
  const dates = new Map(
    (await ctx.prisma.transactionQonto.findMany({ where: { id: { in: rows.map((r) => r.transactionId) } }, select: { id: true, dateTransaction: true } })).map((t) => [t.id, t.dateTransaction]),
  )
  const language = ctx.panelLanguage.current
  return rows.flatMap((row) => {
    const available = toCents(row.montant) - toCents(row.montantImpute)
    if (available <= 0) return []
    const day = dayIn(language, businessDay(dates.get(row.transactionId)!, ctx.timeZone))
    return [{ id: row.id, transactionId: row.transactionId, availableCents: available, label: reconcileTexts(language).surplus.credit(available, day) }]
  })
}

/** Applies a client credit to one of that client's open invoices: an allocation of the surplus payment, audited. */
export async function applyCredit(ctx: ReconciliationContext, request: { creditId: string; invoiceId: string; actor: Actor }): Promise<AssociationResult & { appliedCents: Cents }> {
  return ctx.prisma.$transaction(async (tx) => {
    const [locked] = await tx.$queryRawUnsafe<Array<{ id: string }>>(`SELECT id FROM "qonto_excedents" WHERE id = $1 FOR UPDATE`, request.creditId)
    const credit = locked ? await tx.qontoExcedent.findUnique({ where: { id: request.creditId } }) : null
    if (!credit || credit.annuleLe || credit.traitement !== 'AVOIR') throw new ReconciliationError('creditNotFound')
    const available = toCents(credit.montant) - toCents(credit.montantImpute)
    if (available <= 0) throw new ReconciliationError('creditUsedUp')
    const [invoice] = await ctx.invoices.byIds(tx, [request.invoiceId], { lock: true })
    if (!invoice) throw new ReconciliationError('invoiceNotFound')
    if (invoice.clientId !== credit.clientId) throw new ReconciliationError('creditOfAnotherClient', credit.client ?? null)
    const amountCents = Math.min(available, invoice.totalCents - invoice.paidCents)
    if (amountCents <= 0) throw new ReconciliationError('invoiceNothingToPay', invoice.number)
    const result = await associateInTransaction(ctx, tx, {
      transactionId: credit.transactionId,
      allocations: [{ invoiceId: invoice.id, amountCents }],
      actor: request.actor,
      mode: 'MANUEL',
      reasons: [{ code: 'CREDIT_APPLIED', params: { invoice: invoice.number } }],
    })
    await tx.qontoExcedent.update({ where: { id: credit.id }, data: { montantImpute: centsToDecimalString(toCents(credit.montantImpute) + amountCents) } })
    // What is left of the credit is still explained: the payment stays out of the work queue.
    await tx.transactionQonto.update({ where: { id: credit.transactionId }, data: { associe: true } })
    await tx.qontoAuditLog.create({
      data: {
        acteur: request.actor.label,
        userId: request.actor.userId,
        action: 'AVOIR_IMPUTE',
        transactionId: credit.transactionId,
        factureId: invoice.id,
        apres: { excedentId: credit.id, facture: invoice.number, montantCents: amountCents, resteCents: available - amountCents },
      },
    })
    return { ...result, appliedCents: amountCents }
  })
}
