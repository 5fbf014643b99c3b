/**
 * Stores Qonto transactions, whatever brought them (sync page or webhook): one upsert per batch,
 * a newer Qonto `updated_at` wins and an older one never overwrites, new credits notify the admins
 * once. What the reconciliation side does about them (rules that explain a credit, a reconciled
 * payment the bank declined or reversed, automatic reconciliation) it does through the context's
 * ingest hooks (ingest-hooks.ts), registered by the composition root.
 */
import { serverTexts } from '../i18n/server-texts.js'
import { randomUUID } from 'node:crypto'
import type { Prisma } from '@prisma/client'
import { notify, type ReconciliationContext, type Tx } from '../context.js'
import { payerKey } from '../domain/matching/text.js'
import { centsToDecimalString, formatEurosIn } from '../domain/money.js'
import type { TransactionRecord } from '../qonto/mapping.js'
import type { CreditsFollowUp } from './ingest-hooks.js'

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
  /** What the follow-up of the new credits did after commit (automatic reconciliation), null when none ran. */
  autoReconciled?: CreditsFollowUp | null
}

export function emptyReport(): IngestReport {
  return { created: 0, updated: 0, unchanged: 0, skipped: 0, newCreditIds: [], reversedIds: [] }
}

/**
 * Stores the records in one database transaction (with `alsoInTransaction`'s writes: a sync's cursor,
 * a webhook event marked processed), then, once committed, hands the new credits to the
 * `creditsCommitted` hook: the one place automatic reconciliation starts from.
 */
export async function ingestTransactions(
  ctx: ReconciliationContext,
  records: TransactionRecord[],
  alsoInTransaction?: (tx: Tx, report: IngestReport) => Promise<void>,
): Promise<IngestReport> {
  if (records.length === 0 && !alsoInTransaction) return emptyReport()
  const report = await ctx.prisma.$transaction(
    async (tx) => {
      const stored = records.length > 0 ? await ingestInTransaction(ctx, tx, records) : emptyReport()
      await alsoInTransaction?.(tx, stored)
      return stored
    },
    { timeout: 60_000 },
  )
  if (report.newCreditIds.length > 0) report.autoReconciled = await ctx.ingestHooks.creditsCommitted(report.newCreditIds)
  return report
}

export async function ingestInTransaction(ctx: ReconciliationContext, tx: Tx, records: TransactionRecord[]): Promise<IngestReport> {
  const latest = newestPerTransaction(records)
  // A few statements of a few dozen rows each (statementChunks), one after the other in the transaction.
  const rows: WrittenRow[] = []
  for (const chunk of statementChunks(latest)) rows.push(...(await upsertChunk(tx, chunk)))

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
      const cancelled = (record.statut === 'DECLINED' || record.statut === 'REVERSED') && row.previousStatut !== record.statut
      const was = Number(row.previousAllocated ?? 0) > 0 ? 'reconciled' : row.previousIgnored !== null ? 'explained' : null
      if (cancelled && was !== null) {
        await ctx.ingestHooks.undoCancelledPayment(tx, { transactionId: row.id, record, was })
        report.reversedIds.push(row.id)
      }
    }
  }
  // Before auto-reconciliation (which gets newCreditIds): an explained credit is never auto-associated.
  const explained = settledNow.length > 0 ? await ctx.ingestHooks.explainSettledCredits(tx, settledNow) : []
  if (explained.length > 0) {
    const ids = new Set(explained.map((e) => e.transactionId))
    report.newCreditIds = report.newCreditIds.filter((id) => !ids.has(id))
    report.explainedIds = [...ids]
  }
  // In this transaction: a stored credit is never left without its follow-up. The flag says it is due;
  // whoever answers creditsCommitted clears it once done, and a crash or a failure after the commit
  // leaves it set for the periodic sweep (src/runtime/auto-evaluation.ts).
  await flagFollowUpDue(tx, report.newCreditIds)
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

/**
 * At most this many rows, and this many characters of JSON, per statement. Prisma copies a
 * statement's parameters several times on their way to the database (serialised, compiled,
 * decoded); a string over 128 KB is a V8 "large object", which only a full collection frees, and
 * the query compiler's WebAssembly memory grows to the largest statement it saw and never shrinks.
 * One statement for a whole batch (a JSON parameter of ~1.5 MB for 1,000 rows) did both.
 */
export const MAX_ROWS_PER_STATEMENT = 100
export const MAX_JSON_CHARS_PER_STATEMENT = 32 * 1024

/** One row as JSON (the payload as received in `metadata`). */
function rowJson(r: TransactionRecord): string {
  return JSON.stringify({
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
  })
}

/** The rows as JSON, cut before MAX_ROWS_PER_STATEMENT rows or MAX_JSON_CHARS_PER_STATEMENT characters (one row at least). */
export function* statementChunks(records: TransactionRecord[]): Generator<string[]> {
  let chunk: string[] = []
  let chars = 0
  for (const record of records) {
    const row = rowJson(record)
    if (chunk.length > 0 && (chunk.length >= MAX_ROWS_PER_STATEMENT || chars + row.length > MAX_JSON_CHARS_PER_STATEMENT)) {
      yield chunk
      chunk = []
      chars = 0
    }
    chunk.push(row)
    chars += row.length + 1
  }
  if (chunk.length > 0) yield chunk
}

/** One round trip: lock and read what was stored, upsert (a newer updated_at wins), return both. */
async function upsertChunk(tx: Tx, rows: string[]): Promise<WrittenRow[]> {
  return tx.$queryRawUnsafe<WrittenRow[]>(
    `
    WITH v AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS v(id text, "qontoId" text, montant text, devise text,
        libelle text, reference text, "dateTransaction" text, emetteur text, "emetteurIban" text, "emetteurCle" text, "emetteurBic" text, statut text,
        sens text, "typeOperation" text, note text, "compteBancaireId" text, "qontoUpdatedAt" text, metadata jsonb)),
    previous AS (
      SELECT "qontoId", "statut"::text AS statut, "montantAlloue", "qontoUpdatedAt", "ignoreCategorie"::text AS "ignoreCategorie" FROM "transactions_qonto"
      WHERE "qontoId" IN (SELECT v."qontoId" FROM v) FOR UPDATE
    ), written AS (
      INSERT INTO "transactions_qonto" AS t (
        "id", "qontoId", "montant", "devise", "libelle", "reference", "dateTransaction", "emetteur", "emetteurIban", "emetteurCle",
        "emetteurBic", "statut", "sens", "typeOperation", "note", "compteBancaireId", "qontoUpdatedAt", "metadata", "updatedAt")
      SELECT v.id, v."qontoId", v.montant::numeric, v.devise, v.libelle, v.reference,
        (v."dateTransaction"::timestamptz AT TIME ZONE 'UTC'), v.emetteur, v."emetteurIban", v."emetteurCle", v."emetteurBic",
        v.statut::"QontoStatutTransaction", v.sens::"QontoSens", v."typeOperation", v.note, v."compteBancaireId",
        (v."qontoUpdatedAt"::timestamptz AT TIME ZONE 'UTC'), v.metadata, CURRENT_TIMESTAMP
      FROM v
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
    `[${rows.join(',')}]`,
  )
}

/** A counter, bumped by each ingest that makes the credit a candidate again (cleared only for the version read). */
async function flagFollowUpDue(tx: Tx, transactionIds: string[]): Promise<void> {
  if (transactionIds.length === 0) return
  await tx.$executeRawUnsafe(`UPDATE "transactions_qonto" SET "autoEvalDue" = COALESCE("autoEvalDue", 0) + 1 WHERE id = ANY($1::text[])`, transactionIds)
}

async function notifyNewCredits(ctx: ReconciliationContext, tx: Tx, credits: Array<TransactionRecord & { id: string }>, explained: Map<string, string>): Promise<void> {
  const T = serverTexts(ctx)
  await notify(
    ctx,
    tx,
    credits.map((credit) => ({
      type: 'PAIEMENT_RECU',
      title: T.newPayment.title,
      // A credit a rule explained says so: nothing to do for it.
      message: T.newPayment.message(formatEurosIn(ctx.language.current, credit.amountCents), credit.counterpartyName ?? credit.label ?? T.unknownPayer, explained.get(credit.id) ?? null),
      link: ctx.links.dashboard(),
      key: `payment:${credit.qontoId}`,
    })),
  )
}
