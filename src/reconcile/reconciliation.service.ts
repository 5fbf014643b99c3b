/**
 * Associating a payment with invoices, and undoing it. One database transaction with row locks
 * (transaction first, then invoices in id order), so a double click or two admins at once end
 * with exactly one association; every refusal is a French message and changes nothing.
 */
import { serverTexts } from '../i18n/server-texts.js'
import type { Prisma } from '@prisma/client'
import { SYSTEM_ACTOR, notify, type Actor, type ReconciliationContext, type Tx } from '../context.js'
import { businessDay } from '../domain/dates.js'
import { statusForPaidAmount } from '../domain/invoice-status.js'
import { centsToDecimalString, formatEuros, toCents, type Cents } from '../domain/money.js'
import type { MatchMethod, Reason } from '../domain/matching/index.js'
import { MATCH_METHOD_LABELS } from '../domain/matching/method-labels.js'
import type { InvoiceRecord } from '../host/invoices.js'
import { acceptsOneClick, CONFIDENCE_LABELS, confidenceTier } from '../domain/matching/confidence.js'
import { PAID_EMAIL_KEY_SEPARATOR, paidEmailKey, releaseAllocations, type ReleasedAllocation } from './allocation-release.service.js'
import { enqueueEmail } from './email-outbox.service.js'
import { frenchDateTime, frenchTime } from '../domain/french-time.js'
import { creditorReferenceLine } from './creditor-reference.service.js'
import { cancelSurplus } from './surplus-cancel.js'

export { SYSTEM_ACTOR, type Actor }

export class ReconciliationError extends Error {}

export type AssociationMode = 'MANUEL' | 'SUGGESTION' | 'AUTOMATIQUE'

export type WriteOffReason = 'FRAIS_BANCAIRES' | 'ARRONDI' | 'AUTRE'
export const WRITE_OFF_LABELS: Record<WriteOffReason, string> = { FRAIS_BANCAIRES: 'frais bancaires', ARRONDI: 'arrondi', AUTRE: 'autre' }

/** "Solder avec écart": what an invoice still owes after this allocation, closed without cash. */
export interface WriteOff {
  invoiceId: string
  amountCents: Cents
  motif: WriteOffReason
}

export interface AssociationRequest {
  transactionId: string
  allocations: Array<{ invoiceId: string; amountCents: Cents }>
  writeOffs?: WriteOff[]
  actor: Actor
  mode: AssociationMode
  score?: number
  reasons?: Reason[]
  /** The suggestion's method (the matcher's own), recorded in the audit next to its reasons. */
  method?: MatchMethod
  /** An automatic association notifies on its own unless a bulk run sends one summary instead (false). */
  notify?: boolean
}

export interface AssociationResult {
  transactionId: string
  fullyAllocated: boolean
  invoices: Array<{ id: string; reference: string; status: string; remainingCents: Cents; writeOffCents: Cents }>
  /** "Facture réglée" e-mails queued, and when they leave (undoing before cancels them). */
  emails: Array<{ to: string; subject: string; leavesAt: Date }>
}

/** "Écart de 0,50 € (frais bancaires, compte 627000)". */
export const writeOffLabel = (cents: Cents, motif: WriteOffReason, account: string) =>
  `Écart de ${formatEuros(cents)} (${WRITE_OFF_LABELS[motif]}, compte ${account})`

/**
 * Whether an association may be applied without a confirmation step: only the server's own "sûr"
 * suggestion, exactly as the matcher proposes it (no write-off). Returns why otherwise (French).
 */
export function confirmationReason(suggestion: { score: number; autoApply: boolean; notSureBecause?: string } | undefined, writeOffs: WriteOff[] = []): string | null {
  if (writeOffs.length > 0) return 'la facture est soldée avec un écart'
  if (!suggestion) return "c'est une association manuelle"
  if (!acceptsOneClick(suggestion)) {
    return `la suggestion est « ${CONFIDENCE_LABELS[confidenceTier(suggestion)]} »${suggestion.notSureBecause ? ` (${suggestion.notSureBecause})` : ''}`
  }
  return null
}

const REFUSED_STATUS: Record<string, string> = {
  PAYE: 'est déjà payée',
  ANNULE: 'est annulée',
  BROUILLON: "n'est pas ouverte au paiement (brouillon ou autre statut)",
}

export async function associate(ctx: ReconciliationContext, request: AssociationRequest): Promise<AssociationResult> {
  validateShape(request)
  return ctx.prisma.$transaction((tx) => associateInTransaction(ctx, tx, request), { timeout: 30_000 })
}

function validateShape({ allocations, writeOffs = [] }: AssociationRequest): void {
  if (allocations.length === 0) throw new ReconciliationError('Choisissez au moins une facture.')
  const ids = new Set(allocations.map((a) => a.invoiceId))
  if (ids.size !== allocations.length) throw new ReconciliationError('La même facture apparaît deux fois.')
  for (const { amountCents } of allocations) {
    if (!Number.isSafeInteger(amountCents) || amountCents <= 0) throw new ReconciliationError('Chaque montant affecté doit être positif.')
  }
  const written = new Set<string>()
  for (const w of writeOffs) {
    if (!ids.has(w.invoiceId)) throw new ReconciliationError('Un écart ne peut solder qu\'une facture de cette association.')
    if (written.has(w.invoiceId)) throw new ReconciliationError('Une seule ligne d\'écart par facture.')
    written.add(w.invoiceId)
    if (!Number.isSafeInteger(w.amountCents) || w.amountCents <= 0) throw new ReconciliationError("Le montant de l'écart doit être positif.")
    if (!(w.motif in WRITE_OFF_LABELS)) throw new ReconciliationError("Motif d'écart inconnu.")
  }
}

type LockedTransaction = { id: string; montant: Prisma.Decimal; montantAlloue: Prisma.Decimal; devise: string; sens: string; statut: string; dateTransaction: Date; emetteur: string | null; ignoreCategorie: string | null }

/** `associate` inside a database transaction the caller holds (a client credit applied to an invoice). */
export async function associateInTransaction(ctx: ReconciliationContext, tx: Tx, request: AssociationRequest): Promise<AssociationResult> {
  const [transaction] = await tx.$queryRawUnsafe<LockedTransaction[]>(
    `SELECT id, montant, "montantAlloue", devise, sens::text AS sens, statut::text AS statut, "dateTransaction", emetteur,
            "ignoreCategorie"::text AS "ignoreCategorie"
     FROM "transactions_qonto" WHERE id = $1 FOR UPDATE`,
    request.transactionId,
  )
  if (!transaction) throw new ReconciliationError('Transaction introuvable.')
  if (transaction.sens !== 'CREDIT') throw new ReconciliationError("Cette transaction est un débit : seuls les paiements reçus se rapprochent d'une facture.")
  if (transaction.ignoreCategorie !== null) {
    throw new ReconciliationError('Ce paiement est ignoré (hors facture) : utilisez « Rétablir » avant de l\'associer à une facture.')
  }
  if (transaction.statut !== 'SETTLED') throw new ReconciliationError("Cette transaction n'est pas exécutée par la banque (en cours, refusée ou annulée).")
  const remaining = toCents(transaction.montant) - toCents(transaction.montantAlloue)
  if (remaining <= 0) throw new ReconciliationError('Cette transaction est déjà entièrement rapprochée.')
  const total = request.allocations.reduce((sum, a) => sum + a.amountCents, 0)
  if (total > remaining) {
    throw new ReconciliationError(`Montant affecté (${formatEuros(total)}) supérieur au reste à affecter de la transaction (${formatEuros(remaining)}).`)
  }

  const ids = request.allocations.map((a) => a.invoiceId)
  const byId = new Map((await ctx.invoices.byIds(tx, ids, { lock: true })).map((invoice) => [invoice.id, invoice]))
  const existing = await tx.qontoAllocation.findMany({ where: { transactionId: transaction.id }, select: { factureId: true } })
  const already = new Set(existing.map((e) => String(e.factureId)))
  const result: AssociationResult = { transactionId: transaction.id, fullyAllocated: total === remaining, invoices: [], emails: [] }
  const paidDay = businessDay(transaction.dateTransaction, ctx.timeZone)
  const writeOffs = new Map((request.writeOffs ?? []).map((w) => [w.invoiceId, w]))
  const settled: SettledInvoice[] = []

  for (const { invoiceId, amountCents } of request.allocations) {
    const invoice = byId.get(invoiceId)
    if (!invoice) throw new ReconciliationError('Facture introuvable.')
    if (invoice.status !== 'ENVOYE' && invoice.status !== 'PARTIELLEMENT_PAYE') {
      throw new ReconciliationError(`La facture ${invoice.number} ${REFUSED_STATUS[invoice.status] ?? "n'est pas ouverte"}.`)
    }
    if (invoice.currency !== transaction.devise) {
      throw new ReconciliationError(`Devise différente : la facture ${invoice.number} est en ${invoice.currency}, le paiement en ${transaction.devise}.`)
    }
    if (already.has(invoiceId)) throw new ReconciliationError(`Ce paiement est déjà associé à ${invoice.number}.`)
    const open = invoice.totalCents - invoice.paidCents
    if (amountCents > open) {
      throw new ReconciliationError(`Montant affecté à ${invoice.number} (${formatEuros(amountCents)}) supérieur à son reste dû (${formatEuros(open)}).`)
    }
    const writeOff = writeOffs.get(invoiceId)
    const writeOffCents = writeOff?.amountCents ?? 0
    if (writeOff) {
      if (writeOffCents > ctx.writeOff.maxCents) {
        throw new ReconciliationError(`Écart de ${formatEuros(writeOffCents)} sur ${invoice.number} : au-delà de la limite de ${formatEuros(ctx.writeOff.maxCents)}.`)
      }
      if (amountCents + writeOffCents !== open) {
        throw new ReconciliationError(
          `Pour solder ${invoice.number}, montant affecté et écart doivent faire exactement son reste dû (${formatEuros(open)}), pas ${formatEuros(amountCents + writeOffCents)}.`,
        )
      }
    }
    const paid = invoice.paidCents + amountCents + writeOffCents
    const status = statusForPaidAmount(paid, invoice.totalCents)
    const fullyPaid = status === 'PAYE'
    await ctx.invoices.writePayment(tx, invoiceId, {
      status,
      paidCents: paid,
      paidDay: fullyPaid ? paidDay : null,
      paidAt: fullyPaid ? transaction.dateTransaction : null,
    })
    await tx.qontoAllocation.create({
      data: {
        transactionId: transaction.id,
        factureId: ctx.invoices.hostId(invoiceId),
        montant: centsToDecimalString(amountCents),
        mode: request.mode,
        score: request.score ?? null,
        raisons: (request.reasons ?? []) as unknown as Prisma.InputJsonValue,
        creeParId: request.actor.userId,
        creePar: request.actor.label,
        ...(writeOff ? { ecart: centsToDecimalString(writeOffCents), ecartMotif: writeOff.motif, ecartCompte: ctx.writeOff.account } : {}),
      } as never,
    })
    result.invoices.push({ id: invoiceId, reference: invoice.number, status, remainingCents: open - amountCents - writeOffCents, writeOffCents })
    if (fullyPaid) settled.push({ invoice, writeOffCents })
  }
  // One "facture réglée" e-mail per client for this payment, listing its invoices.
  for (const group of groupBy(settled, (s) => s.invoice.clientId ?? '')) {
    const email = await enqueuePaidEmail(ctx, tx, group, transaction.id, paidDay)
    if (email) result.emails.push(email)
  }

  const allocated = toCents(transaction.montantAlloue) + total
  const allocationCount = existing.length + request.allocations.length
  await tx.transactionQonto.update({
    where: { id: transaction.id },
    data: {
      montantAlloue: centsToDecimalString(allocated),
      associe: allocated === toCents(transaction.montant),
      factureId: allocationCount === 1 ? ctx.invoices.hostId(request.allocations[0]!.invoiceId) : null,
      aVerifier: false,
    } as never,
  })
  await tx.qontoAuditLog.create({
    data: {
      acteur: request.actor.label,
      userId: request.actor.userId,
      action: 'ASSOCIATION',
      automatique: request.mode === 'AUTOMATIQUE',
      transactionId: transaction.id,
      factureId: request.allocations[0]!.invoiceId,
      avant: { montantAlloueCents: toCents(transaction.montantAlloue) },
      apres: { montantAlloueCents: allocated, factures: result.invoices.map((d) => ({ reference: d.reference, statut: d.status })) },
      details: {
        mode: request.mode,
        score: request.score ?? null,
        ...(request.method ? { methode: MATCH_METHOD_LABELS[request.method] } : {}),
        raisons: (request.reasons ?? []).map((r) => r.label),
        allocations: request.allocations.map((a) => ({ factureId: a.invoiceId, reference: byId.get(a.invoiceId)!.number, montantCents: a.amountCents })),
        ...(writeOffs.size > 0
          ? {
              ecarts: [...writeOffs.values()].map((w) => ({
                factureId: w.invoiceId,
                reference: byId.get(w.invoiceId)!.number,
                montantCents: w.amountCents,
                motif: w.motif,
                compte: ctx.writeOff.account,
                libelle: `${writeOffLabel(w.amountCents, w.motif, ctx.writeOff.account)} sur ${byId.get(w.invoiceId)!.number}`,
              })),
            }
          : {}),
      } as Prisma.InputJsonValue,
    },
  })
  if (request.mode === 'AUTOMATIQUE' && request.notify !== false) {
    await notify(ctx, tx, [
      {
        type: 'RAPPROCHEMENT_AUTO',
        title: serverTexts(ctx).autoMatch.title,
        message: serverTexts(ctx).autoMatch.message(formatEuros(total), transaction.emetteur ?? serverTexts(ctx).unknownPayer, result.invoices.map((d) => d.reference).join(', ')),
        link: ctx.links.transaction(transaction.id),
        key: `auto:${transaction.id}:${[...ids].sort().join(',')}`,
      },
    ])
  }
  return result
}

interface SettledInvoice {
  invoice: InvoiceRecord
  writeOffCents: Cents
}

function groupBy<T>(items: T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>()
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item])
  return [...groups.values()]
}

/**
 * "Facture(s) réglée(s)" to the client's contact, through the outbox: one e-mail for the invoices of
 * one client this payment settled, leaving after the grace period. Its key joins each invoice's own
 * key (paidEmailKey), so an undo finds it through any of them.
 */
async function enqueuePaidEmail(ctx: ReconciliationContext, tx: Tx, settled: SettledInvoice[], transactionId: string, paidDay: string) {
  const clientId = settled[0]?.invoice.clientId
  if (!ctx.sendEmail || !clientId) return null
  const client = await ctx.clients.contact(tx, clientId)
  if (!client?.email) return null
  const [year, month, day] = paidDay.split('-')
  const invoices = [...settled].sort((x, y) => x.invoice.number.localeCompare(y.invoice.number))
  const received = (s: SettledInvoice) => s.invoice.totalCents - s.writeOffCents
  const single = invoices.length === 1 ? invoices[0]! : null
  const T = serverTexts(ctx).paidEmail
  const paid = `${day}/${month}/${year}`
  const subject = single ? T.subjectOne(single.invoice.number) : T.subjectMany(invoices.map((s) => s.invoice.number).join(', '))
  const text = single
    ? T.textOne(formatEuros(received(single)), single.invoice.number, paid) + creditorReferenceLine(single.invoice.number)
    : T.textMany(
        formatEuros(invoices.reduce((sum, s) => sum + received(s), 0)),
        paid,
        invoices.map((s) => `- ${s.invoice.number} : ${formatEuros(received(s))}\n`).join(''),
      )
  const leavesAt = await enqueueEmail(
    tx,
    {
      cle: invoices.map((s) => paidEmailKey(s.invoice.id, transactionId)).sort().join(PAID_EMAIL_KEY_SEPARATOR),
      to: client.email,
      subject,
      transactionId,
      text: `${text}\n${ctx.emailSignature}`,
    },
    ctx.emailGraceMinutes,
  )
  return leavesAt ? { to: client.email, subject, leavesAt } : null
}

/** "Le client recevra « Facture … réglée » vers 10:52 ; Dissocier d'ici là l'annule." */
export function queuedEmailNotice(ctx: ReconciliationContext, emails: AssociationResult['emails']): string | undefined {
  if (emails.length === 0) return undefined
  const latest = new Date(Math.max(...emails.map((e) => e.leavesAt.getTime())))
  const T = serverTexts({ language: ctx.panelLanguage }).emailNotices
  const subjects = emails.map((e) => T.quote(e.subject)).join(', ')
  return latest.getTime() <= Date.now() + 30_000 ? T.now(subjects) : T.later(subjects, frenchTime(latest, ctx.timeZone))
}

/** What undoing did to each invoice's "facture réglée" e-mail, in words. */
export function releasedEmailNotices(ctx: ReconciliationContext, released: ReleasedAllocation[]): string[] {
  // An e-mail listing several invoices of the payment is reported once.
  const seen = new Set<string>()
  const once = released.flatMap(({ reference, emails }) => emails.map((email) => ({ reference, email }))).filter(({ email }) => !seen.has(email.cle) && seen.add(email.cle))
  const T = serverTexts({ language: ctx.panelLanguage }).emailNotices
  return once.flatMap(({ reference, email }) => {
    if (email.state === 'ANNULE') return [T.cancelled(email.subject, email.to)]
    if (email.state === 'ENVOYE') return [T.sent(frenchDateTime(email.sentAt, ctx.timeZone, ctx.panelLanguage.current), reference)]
    return [T.sending(email.subject, email.to, reference)]
  })
}

export interface DissociationResult {
  count: number
  invoices: ReleasedAllocation[]
  /** What became of the client e-mails (cancelled, or the client was told): say it to the user. */
  emailNotices: string[]
}

/** Undo: allocations (and their write-offs) removed, invoices back to their open status, unsent e-mails cancelled, audit entry. */
export async function dissociate(ctx: ReconciliationContext, transactionId: string, actor: Actor): Promise<DissociationResult> {
  return ctx.prisma.$transaction(async (tx) => {
    const released = await releaseAllocations(ctx, tx, transactionId, actor.label)
    if (released.length === 0) throw new ReconciliationError("Cette transaction n'est associée à aucune facture.")
    await cancelSurplus(tx, transactionId, actor)
    await tx.transactionQonto.update({ where: { id: transactionId }, data: { aVerifier: false } })
    await tx.qontoAuditLog.create({
      data: {
        acteur: actor.label,
        userId: actor.userId,
        action: 'DISSOCIATION',
        transactionId,
        factureId: released[0]!.invoiceId,
        avant: {
          allocations: released.map((r) => ({ reference: r.reference, montantCents: r.amountCents, ...(r.writeOffCents > 0 ? { ecartCents: r.writeOffCents } : {}) })),
        },
        apres: { allocations: [] },
        details: { emails: releasedEmailNotices(ctx, released) },
      },
    })
    return { count: released.length, invoices: released, emailNotices: releasedEmailNotices(ctx, released) }
  })
}
