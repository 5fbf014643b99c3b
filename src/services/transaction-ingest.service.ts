/**
 * Stores Qonto transactions, whatever brought them (sync page or webhook): one upsert per batch,
 * a newer Qonto `updated_at` wins and an older one never overwrites, new credits notify the admins
 * once, and a reconciled payment that the bank declined or reversed is undone and flagged.
 */
import { randomUUID } from 'node:crypto'
import { Prisma, type PrismaClient } from '@prisma/client'
import { centsToDecimalString, formatEuros } from '../domain/money.js'
import type { TransactionRecord } from '../qonto/mapping.js'
import { releaseAllocations } from './allocation-release.service.js'
import { notifyAdmins } from './notifications.service.js'

type Tx = Prisma.TransactionClient

export interface IngestReport {
  created: number
  updated: number
  /** Same version as stored. */
  unchanged: number
  /** Older than the stored version (out-of-order delivery): ignored. */
  skipped: number
  /** Ids (ours) of credits stored for the first time: candidates for auto-reconciliation. */
  newCreditIds: string[]
  /** Reconciled payments the bank declined or reversed, now undone and flagged. */
  reversedIds: string[]
}

export function emptyReport(): IngestReport {
  return { created: 0, updated: 0, unchanged: 0, skipped: 0, newCreditIds: [], reversedIds: [] }
}

export async function ingestTransactions(prisma: PrismaClient, records: TransactionRecord[]): Promise<IngestReport> {
  if (records.length === 0) return emptyReport()
  return prisma.$transaction((tx) => ingestInTransaction(tx, records), { timeout: 60_000 })
}

export async function ingestInTransaction(tx: Tx, records: TransactionRecord[]): Promise<IngestReport> {
  const latest = newestPerTransaction(records)
  const before = await tx.$queryRaw<Array<{ qontoId: string; statut: string; montantAlloue: Prisma.Decimal; qontoUpdatedAt: Date }>>`
    SELECT "qontoId", "statut"::text AS statut, "montantAlloue", "qontoUpdatedAt" FROM "transactions_qonto"
    WHERE "qontoId" = ANY(${latest.map((r) => r.qontoId)}) FOR UPDATE`
  const previous = new Map(before.map((row) => [row.qontoId, row]))

  const written = await tx.$queryRaw<Array<{ id: string; qontoId: string; inserted: boolean }>>`
    INSERT INTO "transactions_qonto" AS t (
      "id", "qontoId", "montant", "devise", "libelle", "reference", "dateTransaction", "emetteur", "emetteurIban",
      "emetteurBic", "statut", "sens", "typeOperation", "note", "compteBancaireId", "qontoUpdatedAt", "metadata", "updatedAt")
    VALUES ${Prisma.join(latest.map(rowValues))}
    ON CONFLICT ("qontoId") DO UPDATE SET
      "montant" = EXCLUDED."montant", "devise" = EXCLUDED."devise", "libelle" = EXCLUDED."libelle",
      "reference" = EXCLUDED."reference", "dateTransaction" = EXCLUDED."dateTransaction", "emetteur" = EXCLUDED."emetteur",
      "emetteurIban" = EXCLUDED."emetteurIban", "emetteurBic" = EXCLUDED."emetteurBic", "statut" = EXCLUDED."statut",
      "sens" = EXCLUDED."sens", "typeOperation" = EXCLUDED."typeOperation", "note" = EXCLUDED."note",
      "compteBancaireId" = EXCLUDED."compteBancaireId", "qontoUpdatedAt" = EXCLUDED."qontoUpdatedAt",
      "metadata" = EXCLUDED."metadata", "updatedAt" = CURRENT_TIMESTAMP
    WHERE t."qontoUpdatedAt" < EXCLUDED."qontoUpdatedAt" AND t."montantAlloue" <= EXCLUDED."montant"
    RETURNING t."id", t."qontoId", (t."xmax" = 0) AS inserted`

  const report = emptyReport()
  const byQontoId = new Map(latest.map((r) => [r.qontoId, r]))
  for (const row of written) {
    const record = byQontoId.get(row.qontoId)!
    if (row.inserted) {
      report.created += 1
      if (record.side === 'CREDIT' && record.statut !== 'DECLINED') report.newCreditIds.push(row.id)
    } else {
      report.updated += 1
      const old = previous.get(row.qontoId)
      const cancelled = record.statut === 'DECLINED' || record.statut === 'REVERSED'
      if (cancelled && old && old.statut !== record.statut && Number(old.montantAlloue) > 0) {
        await undoCancelledPayment(tx, row.id, record)
        report.reversedIds.push(row.id)
      }
    }
  }
  const writtenIds = new Set(written.map((row) => row.qontoId))
  for (const record of latest) {
    if (writtenIds.has(record.qontoId)) continue
    const stored = previous.get(record.qontoId)
    if (stored && stored.qontoUpdatedAt.getTime() > Date.parse(record.qontoUpdatedAt)) report.skipped += 1
    else report.unchanged += 1
  }
  await notifyNewCredits(tx, written.filter((row) => report.newCreditIds.includes(row.id)).map((row) => byQontoId.get(row.qontoId)!))
  return report
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

function rowValues(r: TransactionRecord) {
  const utc = (iso: string) => Prisma.sql`(${iso}::timestamptz AT TIME ZONE 'UTC')`
  return Prisma.sql`(${randomUUID()}, ${r.qontoId}, ${centsToDecimalString(r.amountCents)}::numeric, ${r.currency}, ${r.label},
    ${r.reference}, ${utc(r.date)}, ${r.counterpartyName}, ${r.counterpartyIban}, ${r.counterpartyBic},
    ${r.statut}::"StatutTransaction", ${r.side}::"Sens", ${r.operationType}, ${r.note}, ${r.bankAccountId},
    ${utc(r.qontoUpdatedAt)}, ${JSON.stringify(r.raw)}::jsonb, CURRENT_TIMESTAMP)`
}

async function notifyNewCredits(tx: Tx, credits: TransactionRecord[]): Promise<void> {
  await notifyAdmins(
    tx,
    credits.map((credit) => ({
      type: 'PAIEMENT_RECU',
      titre: 'Nouveau paiement Qonto',
      message: `Nouveau paiement Qonto : ${formatEuros(credit.amountCents)} – ${credit.counterpartyName ?? credit.label ?? 'émetteur inconnu'}`,
      lien: '/admin',
      cle: `payment:${credit.qontoId}`,
    })),
  )
}

async function undoCancelledPayment(tx: Tx, transactionId: string, record: TransactionRecord): Promise<void> {
  const released = await releaseAllocations(tx, transactionId)
  await tx.transactionQonto.update({ where: { id: transactionId }, data: { aVerifier: true } })
  const what = record.statut === 'DECLINED' ? 'refusé' : 'annulé'
  await tx.auditLog.create({
    data: {
      acteur: 'système (Qonto)',
      action: 'PAIEMENT_ANNULE',
      automatique: true,
      transactionId,
      avant: { allocations: released.map((r) => ({ documentId: r.documentId, reference: r.reference, montantCents: r.amountCents })) },
      apres: { allocations: [], statut: record.statut },
      details: { motif: `Paiement ${what} par la banque`, qontoId: record.qontoId },
    },
  })
  await notifyAdmins(tx, [
    {
      type: 'PAIEMENT_ANNULE',
      titre: `Paiement ${what} par la banque`,
      message: `Le paiement de ${formatEuros(record.amountCents)} (${record.counterpartyName ?? 'émetteur inconnu'}) a été ${what} : rapprochement annulé pour ${released.map((r) => r.reference).join(', ')}.`,
      lien: `/admin/resources/TransactionQonto/records/${transactionId}/show`,
      cle: `reversal:${record.qontoId}:${record.statut}`,
    },
  ])
}
