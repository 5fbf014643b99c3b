/**
 * Payers already associated with a client, learned from confirmed allocations. One lookup rule for
 * the panel and the batch: by normalised IBAN and by the payer's name key (the matcher's own), which
 * ingest stores with each transaction so the panel can filter by it in SQL.
 */
import type { ReconciliationContext } from '../context.js'
import { normalizeIban } from '../domain/iban.js'
import type { HistoryEntry } from '../domain/matching/index.js'
import { payerKey } from '../domain/matching/text.js'
import { usualClients } from '../domain/matching/payer-habits.js'
import { parseAmount } from '../domain/money.js'
import { annotateHistory } from './learned-habits.service.js'

export { payerKey }

type Row = {
  emetteur: string | null
  emetteurIban: string | null
  clientId: string
  count: number
  ecarts: string[] | null
  /** Maud forgot that this IBAN / this name is this client's after these confirmations (learned-habits.service.ts). */
  ibanOublie: boolean
  nomOublie: boolean
}

type Payer = { name: string | null; iban: string | null }

/** All the history (batch), or only what the matcher can use for this payer (panel): the same entries for it. */
export async function loadHistory(ctx: ReconciliationContext, payer?: Payer): Promise<HistoryEntry[]> {
  return payer ? (await loadHistoryForPayers(ctx, [payer]))[0]! : annotateHistory(ctx, toEntries(await historyRows(ctx, null)), null)
}

/**
 * The history of several payers in one query (a page of the work queue): answer i is exactly what
 * `loadHistory(ctx, payers[i])` returns.
 */
export async function loadHistoryForPayers(ctx: ReconciliationContext, payers: Payer[]): Promise<HistoryEntry[][]> {
  const wanted = payers.map((payer) => ({ iban: normalizeIban(payer.iban), key: payerKey(payer.name) }))
  const ibans = [...new Set(wanted.flatMap((w) => (w.iban ? [w.iban] : [])))]
  const keys = [...new Set(wanted.flatMap((w) => (w.key ? [w.key] : [])))]
  const rows = ibans.length + keys.length === 0 ? [] : await historyRows(ctx, { ibans, keys })
  const keyed = rows.map((row) => ({ row, iban: normalizeIban(row.emetteurIban), key: payerKey(row.emetteur) }))
  const entries = wanted.map(({ iban, key }) => toEntries(keyed.filter((r) => (iban !== null && r.iban === iban) || (key !== null && r.key === key)).map((r) => r.row)))
  // What Maud's confirmations taught (the day of an alias, reference forms), read once for all these payers.
  const annotated = await annotateHistory(ctx, entries.flat(), wanted)
  let at = 0
  return entries.map((list) => annotated.slice(at, (at += list.length)))
}

const toEntries = (rows: Row[]): HistoryEntry[] =>
  usualClients(
    rows.map((row) => ({
      name: row.nomOublie ? null : row.emetteur,
      iban: row.ibanOublie ? null : row.emetteurIban,
      clientId: row.clientId,
      count: row.count,
      shortfalls: (row.ecarts ?? []).map(parseAmount),
    })),
  )

async function historyRows(ctx: ReconciliationContext, payers: { ibans: string[]; keys: string[] } | null): Promise<Row[]> {
  const { host, fields } = ctx.invoices.mapping
  const values: unknown[] = []
  // Rows written before the key existed are read too and filtered by the caller, until the backfill fills them.
  const filter = payers
    ? `AND (${[
        payers.ibans.length > 0 ? `t."emetteurIban" = ANY($${values.push(payers.ibans)}::text[])` : null,
        payers.keys.length > 0 ? `t."emetteurCle" = ANY($${values.push(payers.keys)}::text[])` : null,
        `(t."emetteurCle" IS NULL AND t."emetteur" IS NOT NULL)`,
      ].filter(Boolean).join(' OR ')})`
    : ''
  // Payers switched to "ne pas apprendre" (QontoApprentissagePayeur) teach nothing; each row counts the payments
  // confirmed, and lists the bank-fee and rounding write-offs that closed them (their usual shortfall, payer-habits.ts).
  // An alias Maud forgot ("Oublier", learned-habits.service.ts) no longer counts the confirmations made before she forgot it
  // (a payment stored before name keys existed is compared by its name as received, until the backfill keys it).
  return ctx.prisma.$queryRawUnsafe<Row[]>(
    `SELECT x."emetteur", x."emetteurIban", x."clientId", count(DISTINCT x.tid)::int AS "count",
       array_agg(x.ecart::text) FILTER (WHERE x.ecart > 0 AND x.motif IN ('FRAIS_BANCAIRES', 'ARRONDI')) AS "ecarts", x."ibanOublie", x."nomOublie"
     FROM (
       SELECT t.id AS tid, t."emetteur", t."emetteurIban", i.${host.column(fields.client)}::text AS "clientId", a.ecart, a."ecartMotif"::text AS motif,
         EXISTS (SELECT 1 FROM "qonto_habitudes_apprises" h WHERE h."oublieLe" >= a."createdAt" AND h.nature = 'IBAN'
           AND h."clientId" = i.${host.column(fields.client)}::text AND h."emetteurIban" = upper(replace(t."emetteurIban", ' ', ''))) AS "ibanOublie",
         EXISTS (SELECT 1 FROM "qonto_habitudes_apprises" h WHERE h."oublieLe" >= a."createdAt" AND h.nature = 'NOM'
           AND h."clientId" = i.${host.column(fields.client)}::text
           AND (h."emetteurCle" = t."emetteurCle" OR (t."emetteurCle" IS NULL AND h."emetteur" = t."emetteur"))) AS "nomOublie"
       FROM "qonto_allocations" a JOIN "transactions_qonto" t ON t.id = a."transactionId"
         JOIN ${host.table} i ON i.${host.id.column} = a."factureId"
       WHERE i.${host.column(fields.client)} IS NOT NULL ${filter}
         AND NOT EXISTS (SELECT 1 FROM "qonto_apprentissage_payeurs" s WHERE s.apprendre = false AND (
           (s.type = 'IBAN' AND s.valeur = upper(replace(t."emetteurIban", ' ', ''))) OR (s.type = 'PAYEUR' AND s.valeur = t."emetteurCle")))
     ) x
     GROUP BY 1, 2, 3, 6, 7
     ORDER BY 1, 2, 3, 6, 7`,
    ...values,
  )
}

/** Fills the name key of transactions stored before it existed (or written by a host directly). */
export async function backfillPayerKeys(ctx: ReconciliationContext, batch = 1000): Promise<{ backfilled: number }> {
  let backfilled = 0
  for (;;) {
    const rows = await ctx.prisma.transactionQonto.findMany({
      where: { emetteurCle: null, emetteur: { not: null } },
      select: { id: true, emetteur: true },
      take: batch,
    })
    const keyed = rows.map((row) => ({ id: row.id, key: payerKey(row.emetteur) ?? '' }))
    if (keyed.length === 0) return { backfilled }
    // An empty key marks a name without meaningful words, so it is not read again.
    await ctx.prisma.$executeRawUnsafe(
      `UPDATE "transactions_qonto" t SET "emetteurCle" = v.key FROM unnest($1::text[], $2::text[]) AS v(id, key) WHERE t.id = v.id`,
      keyed.map((k) => k.id),
      keyed.map((k) => k.key),
    )
    backfilled += keyed.length
    if (keyed.length < batch) return { backfilled }
  }
}
