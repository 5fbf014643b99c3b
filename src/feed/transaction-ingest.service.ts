/**
 * Stores Qonto transactions, whatever brought them (sync page or webhook): one upsert per batch,
 * a newer Qonto `updated_at` wins and an older one never overwrites, new credits notify the admins
 * once, and a reconciled payment that the bank declined or reversed is undone and flagged.
 */
import { randomUUID } from 'node:crypto'
import type { Prisma } from '@prisma/client'
import { notify, type ReconciliationContext, type Tx } from '../context.js'
import { centsToDecimalString, formatEuros } from '../domain/money.js'
import type { TransactionRecord } from '../qonto/mapping.js'
import { releaseAllocations } from '../reconcile/allocation-release.service.js'
import { flagForAutoEvaluation } from '../reconcile/auto-reconcile.service.js'
import { categoryLabel, ignoreExplanation, ruleExplanation } from '../domain/explanation.js'
import { applyRules, RULE_ACTOR } from '../reconcile/ignore.service.js'
import { payerKey } from '../reconcile/payer-history.service.js'

export interface IngestReport {
  created: number
  updated: number
  /** Same version as stored. */
  unchanged: number
  /** Older than the stored version (out-of-order delivery): ignored. */
  skipped: number
  /** Ids (ours) of credits stored for the first time, or just settled: candidates for auto-reconciliation. */
  newCreditIds: string[]
  /** Reconciled or ignored ("hors facture") payments the bank declined or reversed, now undone and flagged. */
  reversedIds: string[]
  /** Credits just stored or just settled that an active rule explained ("hors facture"): never auto-reconciled. */
  explainedIds?: string[]
}

export function emptyReport(): IngestReport {
  return { created: 0, updated: 0, unchanged: 0, skipped: 0, newCreditIds: [], reversedIds: [] }
}

export async function ingestTransactions(ctx: ReconciliationContext, records: TransactionRecord[]): Promise<IngestReport> {
  if (records.length === 0) return emptyReport()
  return ctx.prisma.$transaction((tx) => ingestInTransaction(ctx, tx, records), { timeout: 60_000 })
}

export async function ingestInTransaction(ctx: ReconciliationContext, tx: Tx, records: TransactionRecord[]): Promise<IngestReport> {
  const latest = newestPerTransaction(records)
  // One round trip: lock and read what was stored, upsert (a newer updated_at wins), return both.
  const batch = batchJson(latest)
  const rows = await tx.$queryRawUnsafe<WrittenRow[]>(`
    WITH previous AS (
      SELECT "qontoId", "statut"::text AS statut, "montantAlloue", "qontoUpdatedAt", "ignoreCategorie"::text AS "ignoreCategorie" FROM "transactions_qonto"
      WHERE "qontoId" = ANY($1::text[]) FOR UPDATE
    ), written AS (
      INSERT INTO "transactions_qonto" AS t (
        "id", "qontoId", "montant", "devise", "libelle", "reference", "dateTransaction", "emetteur", "emetteurIban", "emetteurCle",
        "emetteurBic", "statut", "sens", "typeOperation", "note", "compteBancaireId", "qontoUpdatedAt", "metadata", "updatedAt")
      SELECT v.id, v."qontoId", v.montant::numeric, v.devise, v.libelle, v.reference,
        (v."dateTransaction"::timestamptz AT TIME ZONE 'UTC'), v.emetteur, v."emetteurIban", v."emetteurCle", v."emetteurBic",
        v.statut::"QontoStatutTransaction", v.sens::"QontoSens", v."typeOperation", v.note, v."compteBancaireId",
        (v."qontoUpdatedAt"::timestamptz AT TIME ZONE 'UTC'), v.metadata::jsonb, CURRENT_TIMESTAMP
      FROM jsonb_to_recordset($2::jsonb) AS v(id text, "qontoId" text, montant text, devise text,
        libelle text, reference text, "dateTransaction" text, emetteur text, "emetteurIban" text, "emetteurCle" text, "emetteurBic" text, statut text,
        sens text, "typeOperation" text, note text, "compteBancaireId" text, "qontoUpdatedAt" text, metadata jsonb)
      ON CONFLICT ("qontoId") DO UPDATE SET
        "montant" = EXCLUDED."montant", "devise" = EXCLUDED."devise", "libelle" = EXCLUDED."libelle",
        "reference" = EXCLUDED."reference", "dateTransaction" = EXCLUDED."dateTransaction", "emetteur" = EXCLUDED."emetteur",
        "emetteurIban" = EXCLUDED."emetteurIban", "emetteurCle" = EXCLUDED."emetteurCle", "emetteurBic" = EXCLUDED."emetteurBic", "statut" = EXCLUDED."statut",
        "sens" = EXCLUDED."sens", "typeOperation" = EXCLUDED."typeOperation", "note" = EXCLUDED."note",
        "compteBancaireId" = EXCLUDED."compteBancaireId", "qontoUpdatedAt" = EXCLUDED."qontoUpdatedAt",
        "metadata" = EXCLUDED."metadata", "updatedAt" = CURRENT_TIMESTAMP
      WHERE t."qontoUpdatedAt" < EXCLUDED."qontoUpdatedAt" AND t."montantAlloue" <= EXCLUDED."montant"
      RETURNING t."id", t."qontoId", (t."xmax" = 0) AS inserted
    )
    SELECT COALESCE(w."qontoId", p."qontoId") AS "qontoId", w."id", w.inserted,
      p.statut AS "previousStatut", p."montantAlloue" AS "previousAllocated", p."qontoUpdatedAt" AS "previousUpdatedAt", p."ignoreCategorie" AS "previousIgnored"
    FROM written w FULL JOIN previous p ON p."qontoId" = w."qontoId"`,
    latest.map((r) => r.qontoId),
    batch,
  )

  const report = emptyReport()
  const byQontoId = new Map(latest.map((r) => [r.qontoId, r]))
  const newCredits: Array<TransactionRecord & { id: string }> = []
  // Credits settled for the first time in this batch: the only ones the rules explain (a re-delivered
  // or updated transaction Maud restored is never explained again).
  const settledNow: string[] = []
  for (const row of rows) {
    const record = byQontoId.get(row.qontoId)!
    if (row.id === null) {
      const newerStored = row.previousUpdatedAt !== null && row.previousUpdatedAt.getTime() > Date.parse(record.qontoUpdatedAt)
      if (newerStored) report.skipped += 1
      else report.unchanged += 1
    } else if (row.inserted) {
      report.created += 1
      if (record.side === 'CREDIT' && record.statut !== 'DECLINED') {
        report.newCreditIds.push(row.id)
        newCredits.push({ ...record, id: row.id })
        if (record.statut === 'SETTLED') settledNow.push(row.id)
      }
    } else {
      report.updated += 1
      // A credit first seen pending and now settled is tried like a new one (auto-reconciliation).
      if (record.side === 'CREDIT' && record.statut === 'SETTLED' && row.previousStatut !== null && row.previousStatut !== 'SETTLED') {
        report.newCreditIds.push(row.id)
        settledNow.push(row.id)
      }
      const cancelled = record.statut === 'DECLINED' || record.statut === 'REVERSED'
      if (cancelled && row.previousStatut !== record.statut && Number(row.previousAllocated ?? 0) > 0) {
        await undoCancelledPayment(ctx, tx, row.id, record)
        report.reversedIds.push(row.id)
      } else if (cancelled && row.previousStatut !== record.statut && row.previousIgnored !== null) {
        await undoCancelledIgnore(ctx, tx, row.id, record)
        report.reversedIds.push(row.id)
      }
    }
  }
  // Before auto-reconciliation (which gets newCreditIds): an explained credit is never auto-associated.
  const explained = await applyRules(tx, { transactionIds: settledNow }, RULE_ACTOR, true)
  if (explained.length > 0) {
    const ids = new Set(explained.map((e) => e.transactionId))
    report.newCreditIds = report.newCreditIds.filter((id) => !ids.has(id))
    report.explainedIds = [...ids]
  }
  // In this transaction: a stored credit is never left without its automatic reconciliation (a crash after
  // the commit leaves it flagged; the sweep evaluates it).
  await flagForAutoEvaluation(tx, report.newCreditIds)
  await notifyNewCredits(ctx, tx, newCredits, new Map(explained.map((e) => [e.transactionId, e.explanation])))
  return report
}

interface WrittenRow {
  qontoId: string
  /** null when the stored version was kept. */
  id: string | null
  inserted: boolean | null
  previousStatut: string | null
  previousAllocated: Prisma.Decimal | null
  previousUpdatedAt: Date | null
  /** The "hors facture" category it was explained by, if any. */
  previousIgnored: string | null
}

/** Several versions of one transaction in a batch: keep the newest. */
function newestPerTransaction(records: TransactionRecord[]): TransactionRecord[] {
  const newest = new Map<string, TransactionRecord>()
  for (const record of records) {
    const current = newest.get(record.qontoId)
    if (!current || Date.parse(record.qontoUpdatedAt) > Date.parse(current.qontoUpdatedAt)) newest.set(record.qontoId, record)
  }
  return [...newest.values()]
}

/** The batch as one JSON parameter read back as rows: one parameter whatever the batch size. */
function batchJson(records: TransactionRecord[]): string {
  const rows = records.map((r) => ({
    id: randomUUID(),
    qontoId: r.qontoId,
    montant: centsToDecimalString(r.amountCents),
    devise: r.currency,
    libelle: r.label,
    reference: r.reference,
    dateTransaction: r.date,
    emetteur: r.counterpartyName,
    emetteurIban: r.counterpartyIban,
    emetteurCle: payerKey(r.counterpartyName),
    emetteurBic: r.counterpartyBic,
    statut: r.statut,
    sens: r.side,
    typeOperation: r.operationType,
    note: r.note,
    compteBancaireId: r.bankAccountId,
    qontoUpdatedAt: r.qontoUpdatedAt,
    metadata: r.raw,
  }))
  return JSON.stringify(rows)
}

async function notifyNewCredits(ctx: ReconciliationContext, tx: Tx, credits: Array<TransactionRecord & { id: string }>, explained: Map<string, string>): Promise<void> {
  await notify(
    ctx,
    tx,
    credits.map((credit) => ({
      type: 'PAIEMENT_RECU',
      title: 'Nouveau paiement Qonto',
      // A credit a rule explained says so: nothing to do for it.
      message: `Nouveau paiement Qonto : ${formatEuros(credit.amountCents)} – ${credit.counterpartyName ?? credit.label ?? 'émetteur inconnu'}${explained.has(credit.id) ? ` (ignoré, hors facture : ${explained.get(credit.id)})` : ''}`,
      link: ctx.links.dashboard(),
      key: `payment:${credit.qontoId}`,
    })),
  )
}

async function undoCancelledPayment(ctx: ReconciliationContext, tx: Tx, transactionId: string, record: TransactionRecord): Promise<void> {
  const released = await releaseAllocations(ctx, tx, transactionId)
  await tx.transactionQonto.update({ where: { id: transactionId }, data: { aVerifier: true } })
  await recordCancellation(ctx, tx, transactionId, record, {
    avant: { allocations: released.map((r) => ({ factureId: r.invoiceId, reference: r.reference, montantCents: r.amountCents })) },
    apres: { allocations: [], statut: record.statut },
    consequence: `rapprochement annulé pour ${released.map((r) => r.reference).join(', ')}`,
  })
}

/**
 * An ignored ("hors facture") credit the bank declined or reversed: no longer in the accounts. Its
 * explanation is cleared (audited in words), it is flagged to check and the admins are told.
 */
async function undoCancelledIgnore(ctx: ReconciliationContext, tx: Tx, transactionId: string, record: TransactionRecord): Promise<void> {
  const before = await tx.transactionQonto.findUniqueOrThrow({ where: { id: transactionId }, select: { ignoreCategorie: true, ignoreNote: true, ignorePar: true, regle: true } })
  await tx.transactionQonto.update({
    where: { id: transactionId },
    data: { ignoreCategorie: null, ignoreNote: null, ignoreLe: null, ignorePar: null, regleId: null, aVerifier: true },
  })
  const category = before.ignoreCategorie ? categoryLabel(before.ignoreCategorie) : 'hors facture'
  await recordCancellation(ctx, tx, transactionId, record, {
    avant: {
      etat: before.ignoreCategorie ? ignoreExplanation(before.ignoreCategorie, before.ignoreNote) : 'Ignoré (hors facture)',
      ignorePar: before.ignorePar,
      regle: before.regle ? ruleExplanation(before.regle) : 'Aucune',
    },
    apres: { etat: 'Plus ignoré : hors des exports', statut: record.statut },
    consequence: `il n’est plus ignoré (${category}) et sort des exports`,
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
  const what = record.statut === 'DECLINED' ? 'refusé' : 'annulé'
  await tx.qontoAuditLog.create({
    data: {
      acteur: 'système (Qonto)',
      action: 'PAIEMENT_ANNULE',
      automatique: true,
      transactionId,
      avant: change.avant,
      apres: change.apres,
      details: { motif: `Paiement ${what} par la banque`, qontoId: record.qontoId },
    },
  })
  await notify(ctx, tx, [
    {
      type: 'PAIEMENT_ANNULE',
      title: `Paiement ${what} par la banque`,
      message: `Le paiement de ${formatEuros(record.amountCents)} (${record.counterpartyName ?? 'émetteur inconnu'}) a été ${what} : ${change.consequence}.`,
      link: ctx.links.transaction(transactionId),
      key: `reversal:${record.qontoId}:${record.statut}`,
    },
  ])
}
