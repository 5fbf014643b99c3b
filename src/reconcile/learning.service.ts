/**
 * What matching learns from Maud, both ways, and her switch: suggestions she declines ("ne plus
 * proposer", for this payment or for this payer and these invoices) are never proposed again until
 * she restores them; a payer set to "ne pas apprendre" teaches payer history nothing. Every change is
 * audited (QontoAuditLog) and reversible. Nothing here ever makes a match automatic.
 */
import type { Actor, Db, ReconciliationContext } from '../context.js'
import { businessDay } from '../domain/dates.js'
import { LEARNING_TEXTS } from '../domain/matching/reason-texts.js'
import { normalizeIban } from '../domain/iban.js'
import { applyDeclines, declinesFor, payerOf, type Decline, type DeclineScope, type PayerIdentity } from '../domain/matching/learning.js'
import type { Payment } from '../domain/matching/index.js'
import { payerKey } from './payer-history.service.js'
import { ReconciliationError } from './reconciliation.service.js'

type DeclineRow = {
  id: string
  portee: DeclineScope
  transactionId: string
  factureIds: string[]
  references: string[]
  emetteurIban: string | null
  emetteurCle: string | null
  par: string
  createdAt: Date
}

const toDecline = (row: DeclineRow): Decline => ({
  id: row.id,
  scope: row.portee,
  transactionId: row.transactionId,
  invoiceIds: row.factureIds,
  references: row.references,
  payerIban: row.emetteurIban,
  payerKey: row.emetteurCle,
  by: row.par,
  at: row.createdAt.toISOString(),
})

export { applyDeclines, payerOf }

/** Standing declines that may concern these payers (all of them when none is given: a batch). */
export async function loadDeclines(prisma: Db, payers?: PayerIdentity[]): Promise<Decline[]> {
  const where = payers
    ? {
        annuleLe: null,
        OR: [
          { transactionId: { in: payers.map((p) => p.transactionId) } },
          { emetteurIban: { in: payers.flatMap((p) => (p.iban ? [p.iban] : [])) } },
          { emetteurCle: { in: payers.flatMap((p) => (p.key ? [p.key] : [])) } },
        ],
      }
    : { annuleLe: null }
  const rows = await prisma.qontoSuggestionEcartee.findMany({ where, orderBy: { createdAt: 'asc' } })
  return rows.map((row) => toDecline(row as DeclineRow))
}

export interface DeclineView {
  id: string
  scope: DeclineScope
  references: string[]
  /** In the panel's language: "Écartée par maud@… le 03/12/2026, pour ce paiement." */
  explanation: string
}

export function explainDecline(ctx: ReconciliationContext, decline: Decline): string {
  return LEARNING_TEXTS.declined[ctx.panelLanguage.current](decline.by, businessDay(decline.at, ctx.timeZone), decline.scope === 'PAYEUR')
}

/** The declines that concern one payment, explained (Associer). */
export async function declinedForPayment(ctx: ReconciliationContext, payment: Pick<Payment, 'id' | 'counterpartyIban' | 'counterpartyName'>): Promise<DeclineView[]> {
  const payer = payerOf(payment)
  const declines = declinesFor(payer, await loadDeclines(ctx.prisma, [payer]))
  return declines.map((d) => ({ id: d.id, scope: d.scope, references: d.references, explanation: explainDecline(ctx, d) }))
}

/** "Ne plus proposer": this suggestion for this payment, or these invoices for this payer. */
export async function declineSuggestion(
  ctx: ReconciliationContext,
  request: { transactionId: string; invoiceIds: string[]; scope: DeclineScope; actor: Actor },
): Promise<DeclineView> {
  const { transactionId, invoiceIds, scope, actor } = request
  if (invoiceIds.length === 0 || new Set(invoiceIds).size !== invoiceIds.length) throw new ReconciliationError('chooseSuggestionToDecline')
  return ctx.prisma.$transaction(async (tx) => {
    const transaction = await tx.transactionQonto.findUnique({ where: { id: transactionId }, select: { id: true, emetteur: true, emetteurIban: true, sens: true } })
    if (!transaction || transaction.sens !== 'CREDIT') throw new ReconciliationError('paymentNotFound')
    const invoices = await ctx.invoices.byIds(tx, invoiceIds, { anyRow: true })
    if (invoices.length !== invoiceIds.length) throw new ReconciliationError('invoiceNotFound')
    const payer = payerOf({ id: transaction.id, counterpartyIban: transaction.emetteurIban, counterpartyName: transaction.emetteur })
    if (scope === 'PAYEUR' && !payer.iban && !payer.key) {
      throw new ReconciliationError('unknownPayerDeclineHere')
    }
    const references = invoiceIds.map((id) => invoices.find((i) => i.id === id)!.number)
    const row = await tx.qontoSuggestionEcartee.create({
      data: {
        portee: scope,
        transactionId,
        factureIds: invoiceIds,
        references,
        emetteurIban: payer.iban,
        emetteurCle: payer.key,
        emetteur: transaction.emetteur,
        parId: actor.userId,
        par: actor.label,
      },
    })
    await tx.qontoAuditLog.create({
      data: {
        acteur: actor.label,
        userId: actor.userId,
        action: 'SUGGESTION_ECARTEE',
        transactionId,
        factureId: invoiceIds[0]!,
        apres: { declinId: row.id, portee: scope, factures: references, payeur: transaction.emetteur, iban: payer.iban },
      },
    })
    const decline = toDecline(row as DeclineRow)
    return { id: decline.id, scope, references, explanation: explainDecline(ctx, decline) }
  })
}

/** "Rétablir": the declined suggestion may be proposed again. */
export async function restoreDecline(ctx: ReconciliationContext, declineId: string, actor: Actor): Promise<void> {
  await ctx.prisma.$transaction(async (tx) => {
    const row = await tx.qontoSuggestionEcartee.findUnique({ where: { id: declineId } })
    if (!row || row.annuleLe) throw new ReconciliationError('declineNotFound')
    await tx.qontoSuggestionEcartee.update({ where: { id: declineId }, data: { annuleLe: new Date(), annulePar: actor.label } })
    await tx.qontoAuditLog.create({
      data: {
        acteur: actor.label,
        userId: actor.userId,
        action: 'SUGGESTION_RETABLIE',
        transactionId: row.transactionId,
        factureId: row.factureIds[0] ?? null,
        avant: { declinId: row.id, portee: row.portee, factures: row.references, par: row.par, le: row.createdAt.toISOString() },
      },
    })
  })
}

export interface PayerLearning {
  /** What identifies the payer: its IBAN when the payment has one, else its name. */
  type: 'IBAN' | 'PAYEUR'
  label: string
  learn: boolean
}

function learningKeyOf(transaction: { emetteur: string | null; emetteurIban: string | null }): { type: 'IBAN' | 'PAYEUR'; valeur: string; libelle: string } | null {
  const iban = normalizeIban(transaction.emetteurIban)
  if (iban) return { type: 'IBAN', valeur: iban, libelle: transaction.emetteur ? `${transaction.emetteur} (${iban})` : iban }
  const key = payerKey(transaction.emetteur)
  return key ? { type: 'PAYEUR', valeur: key, libelle: transaction.emetteur! } : null
}

/** Whether matching learns from this payment's payer (null when the payer is unknown). */
export async function payerLearning(ctx: ReconciliationContext, transaction: { emetteur: string | null; emetteurIban: string | null }): Promise<PayerLearning | null> {
  const key = learningKeyOf(transaction)
  if (!key) return null
  const row = await ctx.prisma.qontoApprentissagePayeur.findUnique({ where: { type_valeur: { type: key.type, valeur: key.valeur } } })
  return { type: key.type, label: key.libelle, learn: row?.apprendre ?? true }
}

/** The per-payer switch: "ne pas apprendre" (learn = false) or back to learning. */
export async function setPayerLearning(ctx: ReconciliationContext, request: { transactionId: string; learn: boolean; actor: Actor }): Promise<PayerLearning> {
  const { transactionId, learn, actor } = request
  return ctx.prisma.$transaction(async (tx) => {
    const transaction = await tx.transactionQonto.findUnique({ where: { id: transactionId }, select: { emetteur: true, emetteurIban: true } })
    if (!transaction) throw new ReconciliationError('paymentNotFound')
    const key = learningKeyOf(transaction)
    if (!key) throw new ReconciliationError('unknownPayerNothingToLearn')
    const before = await tx.qontoApprentissagePayeur.findUnique({ where: { type_valeur: { type: key.type, valeur: key.valeur } } })
    await tx.qontoApprentissagePayeur.upsert({
      where: { type_valeur: { type: key.type, valeur: key.valeur } },
      create: { type: key.type, valeur: key.valeur, libelle: key.libelle, apprendre: learn, parId: actor.userId, par: actor.label },
      update: { apprendre: learn, parId: actor.userId, par: actor.label },
    })
    await tx.qontoAuditLog.create({
      data: {
        acteur: actor.label,
        userId: actor.userId,
        action: learn ? 'APPRENTISSAGE_ACTIVE' : 'APPRENTISSAGE_DESACTIVE',
        transactionId,
        avant: { payeur: key.libelle, apprendre: before?.apprendre ?? true },
        apres: { payeur: key.libelle, apprendre: learn },
      },
    })
    return { type: key.type, label: key.libelle, learn }
  })
}
