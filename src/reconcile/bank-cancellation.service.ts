/**
 * A reconciled or ignored ("hors facture") payment that the bank declined or reversed, seen at ingest
 * (the feed's undoCancelledPayment hook, inside its transaction): its allocations are released (the
 * host's invoices reopened) or its explanation cleared, it is flagged to check, audited and the
 * admins are told.
 */
import { serverTexts } from '../i18n/server-texts.js'
import type { Prisma } from '@prisma/client'
import { notify, type ReconciliationContext, type Tx } from '../context.js'
import { categoryIn } from '../i18n/error-texts.js'
import { ignoreExplanationIn, reconcileTexts, ruleExplanationIn } from '../i18n/reconcile-texts.js'
import { formatEurosIn } from '../domain/money.js'
import type { CancelledPayment } from '../feed/ingest-hooks.js'
import type { TransactionRecord } from '../qonto/mapping.js'
import { releaseAllocations } from './allocation-release.service.js'
import { bookClosedPeriodChanges } from './ledger.service.js'

export async function undoCancelledPayment(ctx: ReconciliationContext, tx: Tx, payment: CancelledPayment): Promise<void> {
  if (payment.was === 'reconciled') await undoCancelledReconciliation(ctx, tx, payment.transactionId, payment.record)
  else await undoCancelledIgnore(ctx, tx, payment.transactionId, payment.record)
  // A late reversal of a payment of a closed period: its contre-passation is made now, on the first open day, audited.
  await bookClosedPeriodChanges(ctx, tx, [payment.transactionId])
}

async function undoCancelledReconciliation(ctx: ReconciliationContext, tx: Tx, transactionId: string, record: TransactionRecord): Promise<void> {
  const released = await releaseAllocations(ctx, tx, transactionId)
  await tx.transactionQonto.update({ where: { id: transactionId }, data: { aVerifier: true } })
  await recordCancellation(ctx, tx, transactionId, record, {
    avant: { allocations: released.map((r) => ({ factureId: r.invoiceId, reference: r.reference, montantCents: r.amountCents })) },
    apres: { allocations: [], statut: record.statut },
    consequence: reconcileTexts(ctx.language.current).bankCancellation.unmatched(released.map((r) => r.reference).join(', ')),
  })
}

/**
 * An ignored ("hors facture") credit the bank declined or reversed: no longer in the accounts. Its
 * explanation is cleared (audited in words, in the context's language), it is flagged to check and the admins are told.
 */
async function undoCancelledIgnore(ctx: ReconciliationContext, tx: Tx, transactionId: string, record: TransactionRecord): Promise<void> {
  const before = await tx.transactionQonto.findUniqueOrThrow({ where: { id: transactionId }, select: { ignoreCategorie: true, ignoreNote: true, ignorePar: true, regle: true } })
  await tx.transactionQonto.update({
    where: { id: transactionId },
    data: { ignoreCategorie: null, ignoreNote: null, ignoreLe: null, ignorePar: null, regleId: null, aVerifier: true },
  })
  const language = ctx.language.current
  const T = reconcileTexts(language)
  const category = before.ignoreCategorie ? categoryIn(language, before.ignoreCategorie) : T.ignore.notAnInvoice
  await recordCancellation(ctx, tx, transactionId, record, {
    avant: {
      etat: before.ignoreCategorie ? ignoreExplanationIn(language, before.ignoreCategorie, before.ignoreNote) : T.ignore.ignored,
      ignorePar: before.ignorePar,
      regle: before.regle ? ruleExplanationIn(language, before.regle) : T.states.none,
    },
    apres: { etat: T.states.noLongerIgnored, statut: record.statut },
    consequence: T.bankCancellation.unignored(category),
  })
}

/** The audit entry and the admins' notification of a payment the bank declined or reversed. */
async function recordCancellation(
  ctx: ReconciliationContext,
  tx: Tx,
  transactionId: string,
  record: TransactionRecord,
  change: { avant: Prisma.InputJsonObject; apres: Prisma.InputJsonObject; consequence: string },
): Promise<void> {
  await tx.qontoAuditLog.create({
    data: {
      acteur: 'système (Qonto)',
      action: 'PAIEMENT_ANNULE',
      automatique: true,
      transactionId,
      avant: change.avant,
      apres: change.apres,
      details: { motif: reconcileTexts(ctx.language.current).bankCancellation.reason(record.statut === 'DECLINED'), qontoId: record.qontoId },
    },
  })
  await notify(ctx, tx, [
    {
      type: 'PAIEMENT_ANNULE',
      title: serverTexts(ctx).bankCancellation.title(record.statut === 'DECLINED'),
      message: serverTexts(ctx).bankCancellation.message(record.statut === 'DECLINED', formatEurosIn(ctx.language.current, record.amountCents), record.counterpartyName ?? serverTexts(ctx).unknownPayer, change.consequence),
      link: ctx.links.transaction(transactionId),
      key: `reversal:${record.qontoId}:${record.statut}`,
    },
  ])
}
