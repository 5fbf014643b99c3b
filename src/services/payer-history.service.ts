/**
 * Payers already associated with a client, learned from confirmed allocations. One lookup rule for
 * the panel and the batch: by normalised IBAN and by the payer's name key (the matcher's own), which
 * ingest stores with each transaction so the panel can filter by it in SQL.
 */
import type { ReconciliationContext } from '../context.js'
import { normalizeIban } from '../domain/iban.js'
import type { HistoryEntry } from '../domain/matching/index.js'
import { nameKey } from '../domain/matching/text.js'

export const payerKey = (name: string | null | undefined): string | null => (name ? nameKey(name) || null : null)

type Row = { emetteur: string | null; emetteurIban: string | null; clientId: string }

/** All the history (batch), or only what the matcher can use for this payer (panel): the same entries for it. */
export async function loadHistory(ctx: ReconciliationContext, payer?: { name: string | null; iban: string | null }): Promise<HistoryEntry[]> {
  const { host, fields } = ctx.invoices.mapping
  const iban = normalizeIban(payer?.iban)
  const key = payerKey(payer?.name)
  if (payer && !iban && !key) return []
  const values: unknown[] = []
  // Rows written before the key existed are read too and filtered below, until the backfill fills them.
  const filter = payer
    ? `AND (${[iban ? `t."emetteurIban" = $${values.push(iban)}` : null, key ? `t."emetteurCle" = $${values.push(key)}` : null, `(t."emetteurCle" IS NULL AND t."emetteur" IS NOT NULL)`].filter(Boolean).join(' OR ')})`
    : ''
  const rows = await ctx.prisma.$queryRawUnsafe<Row[]>(
    `SELECT DISTINCT t."emetteur", t."emetteurIban", i.${host.column(fields.client)}::text AS "clientId"
     FROM "qonto_allocations" a JOIN "transactions_qonto" t ON t.id = a."transactionId"
       JOIN ${host.table} i ON i.${host.id.column} = a."factureId"
     WHERE i.${host.column(fields.client)} IS NOT NULL ${filter}`,
    ...values,
  )
  const relevant = payer
    ? rows.filter((row) => (iban !== null && normalizeIban(row.emetteurIban) === iban) || (key !== null && payerKey(row.emetteur) === key))
    : rows
  return relevant.map((row) => ({ counterpartyName: row.emetteur, counterpartyIban: row.emetteurIban, clientId: row.clientId }))
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
