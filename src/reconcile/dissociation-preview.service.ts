/**
 * What a payment is associated with, as the panel shows it before an undo (and on the Associer page
 * of a reconciled payment): each invoice with its amount and write-off, and where its "facture
 * réglée" e-mail stands (waiting, sent, leaving), in words.
 */
import { serverTexts } from '../i18n/server-texts.js'
import type { ReconciliationContext } from '../context.js'
import { dateTimeIn, timeIn } from '../domain/dates.js'
import { toCents, type Cents } from '../domain/money.js'
import { statusForPaidAmount } from '../domain/invoice-status.js'
import { emailsConcerned, ownsPaidEmailKey, paidEmailKey, paidEmailPrefix } from './allocation-release.service.js'
import { emailsByKeys } from './email-outbox.service.js'
import { writeOffLabel, type WriteOffReason } from './reconciliation.service.js'

export interface AssociatedInvoice {
  invoiceId: string
  reference: string
  client: string | null
  amountCents: Cents
  writeOffCents: Cents
  /** "Écart de 0,50 € (frais bancaires, compte 627000)" when the invoice was closed with one. */
  writeOff: string | null
  /** The e-mail of this invoice and payment, in words (null: none was queued). */
  email: string | null
  emailState: 'EN_ATTENTE' | 'ENVOYE' | 'EN_COURS' | null
}

export async function associatedInvoices(ctx: ReconciliationContext, transactionId: string, now = new Date()): Promise<AssociatedInvoice[]> {
  const allocations = await ctx.prisma.qontoAllocation.findMany({ where: { transactionId }, orderBy: { createdAt: 'asc' } })
  if (allocations.length === 0) return []
  const ids = allocations.map((a) => String(a.factureId))
  const [invoices, emails] = await Promise.all([
    ctx.invoices.byIds(ctx.prisma, ids, { anyRow: true }),
    // An invoice's e-mail may have been queued by another payment (split payment): its prefix finds it.
    emailsByKeys(ctx.prisma, ids.map((id) => paidEmailKey(id, transactionId)), ids.map(paidEmailPrefix)),
  ])
  const byId = new Map(invoices.map((i) => [i.id, i]))
  return allocations.map((a) => {
    const invoiceId = String(a.factureId)
    const invoice = byId.get(invoiceId)
    const writeOffCents = toCents(a.ecart)
    // The e-mail Dissocier would cancel or report, as the release picks it (this payment's own first).
    const reopens = !!invoice && statusForPaidAmount(invoice.paidCents - toCents(a.montant) - writeOffCents, invoice.totalCents) !== 'PAYE'
    const concerned = emailsConcerned(emails, (e) => e.envoyeLe !== null, { invoiceId, transactionId, reopens, wasPaid: invoice?.status === 'PAYE' })
    const email = concerned.find((e) => ownsPaidEmailKey(e.cle, paidEmailKey(invoiceId, transactionId))) ?? concerned[0]
    // Handed to SMTP (remisLe) and not confirmed: leaving; anything not handed yet is cancelled by Dissocier.
    const state = !email ? null : email.envoyeLe ? 'ENVOYE' : email.remisLe !== null ? 'EN_COURS' : 'EN_ATTENTE'
    const T = serverTexts({ language: ctx.panelLanguage }).emailStates
    const words =
      !email
        ? null
        : state === 'ENVOYE'
          ? T.sent(email.sujet, email.destinataire, dateTimeIn(ctx.panelLanguage.current, email.envoyeLe!, ctx.timeZone, { inSentence: true }))
          : state === 'EN_ATTENTE'
            ? email.nextAttemptAt > now
              ? T.waitingUntil(email.sujet, email.destinataire, timeIn(email.nextAttemptAt, ctx.timeZone))
              : T.notYet(email.sujet, email.destinataire)
            : T.sending(email.sujet, email.destinataire)
    return {
      invoiceId,
      reference: invoice?.number ?? invoiceId,
      client: invoice?.clientName ?? null,
      amountCents: toCents(a.montant),
      writeOffCents,
      writeOff: writeOffCents > 0 && a.ecartMotif ? writeOffLabel(writeOffCents, a.ecartMotif as WriteOffReason, a.ecartCompte ?? ctx.writeOff.account, ctx.panelLanguage.current) : null,
      email: words,
      emailState: state,
    }
  })
}
