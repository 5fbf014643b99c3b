/**
 * The work queue's best suggestion per payment, kept with the payment (meilleureSuggestion, and when
 * it was computed) instead of matching every page at read time: at 100,000 payments the matcher's
 * candidates and history took 0.8 to 2 s for a page of 20, reading back takes two indexed queries.
 *
 * A stored suggestion is used only while it still holds: the payment has the same amount left to
 * allocate, and each of its invoices is still payable with the same open amount. Otherwise (or when
 * none is stored yet: a payment just received) it is computed now, for those rows only, and stored.
 * What the store cannot see (a new invoice of the host, a payer's history) is caught by age: past
 * `BEST_SUGGESTION_MAX_AGE_MS` the stored one is still shown and recomputed in the background.
 * It is kept as data (reason codes and parameters, never sentences): each reader gets it in the
 * panel's language of the moment. Nothing is ever applied from it: associating recomputes the server's own suggestion
 * (serverSuggestionFor) and asks for a confirmation when it differs.
 */
import type { ReconciliationContext } from '../context.js'
import type { SuggestionFacts } from '../domain/matching/types.js'
import { toCents, type Cents } from '../domain/money.js'
import type { InvoiceRecord } from '../host/invoices.js'
import { suggestionsForRows, type TransactionRow } from './matching-data.service.js'

export const BEST_SUGGESTION_MAX_AGE_MS = 5 * 60_000
/** 3: the suggestion is kept as data (reason codes and parameters), written in the reader's language when read. */
const VERSION = 3

/** What is stored: the suggestion (or none) and what it was computed on. */
export interface StoredBest {
  v: number
  remainingCents: Cents
  suggestion: SuggestionFacts | null
  /** Each suggested invoice's amounts and status when it was computed (invoiceState). */
  invoices: Array<{ id: string; state: string }>
}

export type RowWithStoredBest = TransactionRow & { meilleureSuggestion: unknown; meilleureSuggestionLe: Date | null }

export const STORED_BEST_SELECT = { meilleureSuggestion: true, meilleureSuggestionLe: true } as const

const remainingOf = (row: TransactionRow): Cents => toCents(row.montant) - toCents(row.montantAlloue)
/** What a suggestion of this invoice depends on: its total, what is paid, its status (a host without a paid amount only changes the status). */
const invoiceState = (invoice: InvoiceRecord) => `${invoice.totalCents}|${invoice.paidCents}|${invoice.hostStatus}`

function parseStored(value: unknown): StoredBest | null {
  const stored = value as Partial<StoredBest> | null
  if (!stored || stored.v !== VERSION || typeof stored.remainingCents !== 'number' || !Array.isArray(stored.invoices)) return null
  return stored as StoredBest
}

/**
 * The best suggestion of each row (payments to reconcile), by transaction id; rows without one are
 * absent. Reads the stored ones, recomputes and stores only what no longer holds.
 */
export async function bestSuggestionsOf(ctx: ReconciliationContext, rows: RowWithStoredBest[], now = new Date()): Promise<Map<string, SuggestionFacts>> {
  const best = new Map<string, SuggestionFacts>()
  if (rows.length === 0) return best
  const stored = rows.map((row) => {
    const value = parseStored(row.meilleureSuggestion)
    return value && row.meilleureSuggestionLe && value.remainingCents === remainingOf(row) ? value : null
  })
  const invoiceIds = [...new Set(stored.flatMap((s) => s?.invoices.map((i) => i.id) ?? []))]
  const states = new Map((invoiceIds.length === 0 ? [] : await ctx.invoices.byIds(ctx.prisma, invoiceIds)).map((i) => [i.id, invoiceState(i)]))
  const toCompute: RowWithStoredBest[] = []
  const toRefresh: RowWithStoredBest[] = []
  rows.forEach((row, i) => {
    const value = stored[i]
    const holds = value !== null && value !== undefined && value.invoices.every((invoice) => states.get(invoice.id) === invoice.state)
    if (!holds) return void toCompute.push(row)
    if (value.suggestion) best.set(row.id, value.suggestion)
    if (now.getTime() - row.meilleureSuggestionLe!.getTime() > BEST_SUGGESTION_MAX_AGE_MS) toRefresh.push(row)
  })
  for (const [id, suggestion] of await computeAndStore(ctx, toCompute)) if (suggestion) best.set(id, suggestion)
  if (toRefresh.length > 0) refreshInBackground(ctx, toRefresh)
  return best
}

/** Matches these payments now and stores each best suggestion (or none) with what it was computed on. */
export async function computeAndStore(ctx: ReconciliationContext, rows: TransactionRow[]): Promise<Map<string, SuggestionFacts | null>> {
  const computed = new Map<string, SuggestionFacts | null>()
  if (rows.length === 0) return computed
  const results = await suggestionsForRows(ctx, rows, { maxSuggestions: 1 })
  const suggested = results.flatMap((r) => r.suggestions.slice(0, 1))
  const invoices = suggested.length === 0 ? [] : await ctx.invoices.byIds(ctx.prisma, [...new Set(suggested.flatMap((s) => s.allocations.map((a) => a.invoiceId)))])
  const stateById = new Map(invoices.map((i) => [i.id, invoiceState(i)]))
  const values = rows.map((row, i) => {
    const suggestion = results[i]?.suggestions[0] ?? null
    computed.set(row.id, suggestion)
    const value: StoredBest = {
      v: VERSION,
      remainingCents: remainingOf(row),
      suggestion,
      invoices: suggestion ? suggestion.allocations.map((a) => ({ id: a.invoiceId, state: stateById.get(a.invoiceId) ?? 'introuvable' })) : [],
    }
    return { id: row.id, value }
  })
  // Raw SQL: keeping a suggestion is not a change of the payment (updatedAt, "Modifiée le", stays).
  await ctx.prisma.$executeRawUnsafe(
    `UPDATE "transactions_qonto" AS t SET "meilleureSuggestion" = e.value, "meilleureSuggestionLe" = $2::timestamp
     FROM jsonb_to_recordset($1::jsonb) AS e(id text, value jsonb) WHERE t.id = e.id`,
    JSON.stringify(values),
    new Date().toISOString(),
  )
  return computed
}

/** Forgets the stored suggestions of these payments (a suggestion declined, a payer's learning changed): the next read recomputes them. */
export async function forgetBestSuggestions(ctx: ReconciliationContext, transactionIds: string[]): Promise<void> {
  if (transactionIds.length === 0) return
  await ctx.prisma.$executeRawUnsafe(
    `UPDATE "transactions_qonto" SET "meilleureSuggestion" = NULL, "meilleureSuggestionLe" = NULL WHERE id = ANY($1::text[]) AND "meilleureSuggestionLe" IS NOT NULL`,
    transactionIds,
  )
}

/** Forgets them for every payment of this payment's payer (same IBAN or same payer name key). */
export async function forgetPayerBestSuggestions(ctx: ReconciliationContext, transactionId: string): Promise<void> {
  await ctx.prisma.$executeRawUnsafe(
    `UPDATE "transactions_qonto" t SET "meilleureSuggestion" = NULL, "meilleureSuggestionLe" = NULL
     FROM "transactions_qonto" p
     WHERE p.id = $1 AND t."meilleureSuggestionLe" IS NOT NULL
       AND (t.id = p.id OR (p."emetteurIban" IS NOT NULL AND t."emetteurIban" = p."emetteurIban") OR (p."emetteurCle" IS NOT NULL AND p."emetteurCle" <> '' AND t."emetteurCle" = p."emetteurCle"))`,
    transactionId,
  )
}

/** One background refresh per context at a time; a failure only leaves the stored ones as they were. */
const refreshing = new WeakMap<ReconciliationContext, Promise<void>>()
function refreshInBackground(ctx: ReconciliationContext, rows: TransactionRow[]): void {
  if (refreshing.has(ctx)) return
  const run = computeAndStore(ctx, rows)
    .then(() => undefined, (error: unknown) => ctx.logger.warn({ err: error }, 'best suggestions: background refresh failed (the stored ones stay)'))
    .finally(() => refreshing.delete(ctx))
  refreshing.set(ctx, run)
}

/** Resolves when no background refresh is running for this context (tests, shutdown). */
export function bestSuggestionsIdle(ctx: ReconciliationContext): Promise<void> {
  return refreshing.get(ctx) ?? Promise.resolve()
}
