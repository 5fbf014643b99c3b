/**
 * Maud's work queue: every credit by state ("à rapprocher", "rapprochés", "ignorés", "à vérifier",
 * "tous"), filtered by business days, amounts and payer, one bounded page at a time (never every
 * row: a count and a LIMIT/OFFSET page over indexed columns). "À rapprocher" is oldest first, the
 * order `nextPaymentToReconcile` follows; the other states newest first. Each payment to reconcile
 * carries its best suggestion and confidence tier (sûr / probable / à vérifier).
 */
import type { Prisma } from '@prisma/client'
import { z } from 'zod'
import type { ReconciliationContext } from '../context.js'
import { dayRangeToInstants, businessDay, isIsoDay } from '../domain/dates.js'
import { confidenceTier, type ConfidenceTier } from '../domain/matching/confidence.js'
import { TIER_TEXTS } from '../domain/matching/reason-texts.js'
import { centsToDecimalString, toCents, type Cents } from '../domain/money.js'
import { nameWords } from '../domain/text/fold.js'
import { paymentActions, type PaymentActions } from '../domain/payment-actions.js'
import { escapeLike } from '../db/like.js'
import { unreconciledCreditWhere } from './dashboard.service.js'
import { TRANSACTION_SELECT } from './matching-data.service.js'
import { bestSuggestionsOf, STORED_BEST_SELECT, type RowWithStoredBest } from './best-suggestion.service.js'
import { paymentCounts, type PaymentCounts, type PaymentFilters } from './payment-counts.service.js'
import { describeSuggestions, type SuggestionView } from './reconciliation-view.service.js'

export const QUEUE_STATES = ['a_rapprocher', 'rapproches', 'ignores', 'a_verifier', 'tous'] as const
export type QueueState = (typeof QUEUE_STATES)[number]
export const MAX_PER_PAGE = 100
/** Deep OFFSETs cost a scan of every row before them: beyond this page, filter instead. */
export const MAX_PAGE = 10_000
const MAX_CENTS = 100_000_000_000

const day = z.string().refine(isIsoDay, { message: 'date attendue au format AAAA-MM-JJ (ex. 2026-11-24)' })
const cents = z.coerce.number({ message: 'montant en centimes attendu' }).int('montant en centimes entiers attendu').min(0, 'montant positif attendu').max(MAX_CENTS, 'montant trop grand')
const emptyAsUndefined = (value: unknown) => (value === '' || value === null ? undefined : value)

/** The queue's parameters, as a query string gives them (texts) or as code passes them. */
export const workQueueQuerySchema = z
  .object({
    etat: z.enum(QUEUE_STATES, { message: `état attendu : ${QUEUE_STATES.join(', ')}` }).default('a_rapprocher'),
    du: z.preprocess(emptyAsUndefined, day.optional()),
    au: z.preprocess(emptyAsUndefined, day.optional()),
    minCents: z.preprocess(emptyAsUndefined, cents.optional()),
    maxCents: z.preprocess(emptyAsUndefined, cents.optional()),
    payeur: z.preprocess(emptyAsUndefined, z.string().max(100, 'payeur : 100 caractères au plus').regex(/^[^\u0000-\u001f]*$/, 'payeur : caractères de contrôle refusés').optional()),
    page: z.coerce.number({ message: 'page : nombre attendu' }).int('page : nombre entier attendu').min(1, 'page : 1 au moins').max(MAX_PAGE, `page : ${MAX_PAGE} au plus (affinez les filtres)`).default(1),
    perPage: z.coerce.number({ message: 'perPage : nombre attendu' }).int('perPage : nombre entier attendu').min(1, 'perPage : 1 au moins').max(MAX_PER_PAGE, `perPage : ${MAX_PER_PAGE} au plus`).default(20),
  })
  .strict()
  .refine((q) => !q.du || !q.au || q.du <= q.au, { message: 'la date de début (du) est après la date de fin (au)', path: ['du'] })
  .refine((q) => q.minCents === undefined || q.maxCents === undefined || q.minCents <= q.maxCents, { message: 'le montant minimum dépasse le maximum', path: ['minCents'] })

export type WorkQueueQuery = z.output<typeof workQueueQuerySchema>

/** "du : date attendue au format AAAA-MM-JJ" — every problem of a refused query, in French. */
export function describeQueryIssues(error: z.ZodError): string {
  const describe = (issue: z.core.$ZodIssue) => {
    if (issue.code === 'unrecognized_keys') return `paramètre${issue.keys.length > 1 ? 's' : ''} inconnu${issue.keys.length > 1 ? 's' : ''} : ${issue.keys.join(', ')}`
    const path = issue.path.join('.')
    return path && !issue.message.startsWith(`${path} `) ? `${path} : ${issue.message}` : issue.message
  }
  return `Filtres invalides : ${error.issues.map(describe).join(' ; ')}.`
}

export interface QueueSuggestion extends SuggestionView {
  tier: ConfidenceTier
  tierLabel: string
}

export interface QueueItem {
  id: string
  /** ISO instant and business day (YYYY-MM-DD in the configured time zone). */
  date: string
  day: string
  amountCents: Cents
  remainingCents: Cents
  payer: string | null
  reference: string | null
  label: string | null
  statut: string
  reconciled: boolean
  flagged: boolean
  ignoredCategory: string | null
  /** Invoice numbers already allocated (reconciled or partly reconciled payments). */
  invoices: string[]
  /** The best suggestion of a payment to reconcile, with its tier; null when there is none or it is not to reconcile. */
  best: QueueSuggestion | null
  /** What can be done with it (the same rule as its pages' buttons and the server's refusals). */
  actions: PaymentActions
}

export interface QueueCounts {
  aRapprocher: number
  rapproches: number
  ignores: number
  aVerifier: number
}

export interface WorkQueuePage {
  items: QueueItem[]
  total: number
  page: number
  perPage: number
  pageCount: number
  counts: QueueCounts
  query: WorkQueueQuery
}

const STATE_WHERE: Record<QueueState, Prisma.TransactionQontoWhereInput> = {
  a_rapprocher: unreconciledCreditWhere,
  rapproches: { sens: 'CREDIT', associe: true },
  ignores: { sens: 'CREDIT', statut: 'SETTLED', ignoreCategorie: { not: null } },
  a_verifier: { aVerifier: true },
  tous: { sens: 'CREDIT' },
}

/** Dates, amounts and payer: the filters every state shares (the counts use them too). */
function paymentFilters(ctx: ReconciliationContext, query: WorkQueueQuery): PaymentFilters {
  const [from, to] = query.du || query.au ? dayRangeToInstants(query.du ?? '1970-01-01', query.au ?? '9999-12-30', ctx.timeZone) : [undefined, undefined]
  return { from: query.du ? from : undefined, to: query.au ? to : undefined, minCents: query.minCents, maxCents: query.maxCents, payer: query.payeur }
}

/** The same filters for Prisma (the page's rows). */
function filterWhere(filters: PaymentFilters): Prisma.TransactionQontoWhereInput[] {
  const where: Prisma.TransactionQontoWhereInput[] = []
  if (filters.from || filters.to) where.push({ dateTransaction: { ...(filters.from ? { gte: filters.from } : {}), ...(filters.to ? { lt: filters.to } : {}) } })
  if (filters.minCents !== undefined) where.push({ montant: { gte: centsToDecimalString(filters.minCents) } })
  if (filters.maxCents !== undefined) where.push({ montant: { lte: centsToDecimalString(filters.maxCents) } })
  const payer = filters.payer?.trim()
  if (payer) {
    // The payer's stored name key is folded (accents, case, ligatures): each word typed, folded the
    // same way, must appear in it. Rows without a key yet, or a text without meaningful words, fall
    // back to a case-insensitive match on the name itself. LIKE wildcards are escaped on both paths.
    const words = nameWords(payer)
    where.push({
      OR: [
        ...(words.length > 0 ? [{ AND: words.map((word) => ({ emetteurCle: { contains: escapeLike(word) } })) }] : []),
        { emetteur: { contains: escapeLike(payer), mode: 'insensitive' as const } },
      ],
    })
  }
  return where
}

/**
 * One page of the queue: its rows (a partial index serves "à rapprocher" oldest first), every
 * state's count in one aggregate, and the stored best suggestions (best-suggestion.service.ts).
 * `counts`: the unfiltered counts when the caller already asked for them (the dashboard).
 */
export async function workQueue(
  ctx: ReconciliationContext,
  input: Partial<z.input<typeof workQueueQuerySchema>> = {},
  shared: { counts?: Promise<PaymentCounts> } = {},
): Promise<WorkQueuePage> {
  const query = workQueueQuerySchema.parse(input)
  const filters = paymentFilters(ctx, query)
  const filtered = Object.values(filters).some((value) => value !== undefined && value !== '')
  const oldestFirst = query.etat === 'a_rapprocher'
  const direction = oldestFirst ? ('asc' as const) : ('desc' as const)
  // The counts run alongside the page and its suggestions (the longest of the two sets the time).
  const counting = !filtered && shared.counts ? shared.counts : paymentCounts(ctx.prisma, filters)
  const rows = await ctx.prisma.transactionQonto.findMany({
    where: { AND: [STATE_WHERE[query.etat], ...filterWhere(filters)] },
    orderBy: [{ dateTransaction: direction }, { id: direction }],
    skip: (query.page - 1) * query.perPage,
    take: query.perPage,
    select: { ...TRANSACTION_SELECT, ...STORED_BEST_SELECT, statut: true, associe: true, aVerifier: true, ignoreCategorie: true },
  })
  const [all, best, invoices] = await Promise.all([counting, bestSuggestions(ctx, rows.filter(isToReconcile)), allocatedInvoices(ctx, rows.map((r) => r.id))])
  const counts = { aRapprocher: all.toReconcile.count, rapproches: all.reconciled.count, ignores: all.ignored.count, aVerifier: all.flagged }
  const total = { a_rapprocher: counts.aRapprocher, rapproches: counts.rapproches, ignores: counts.ignores, a_verifier: counts.aVerifier, tous: all.credits }[query.etat]
  const items = rows.map((row): QueueItem => ({
    id: row.id,
    date: row.dateTransaction.toISOString(),
    day: businessDay(row.dateTransaction, ctx.timeZone),
    amountCents: toCents(row.montant),
    remainingCents: toCents(row.montant) - toCents(row.montantAlloue),
    payer: row.emetteur,
    reference: row.reference,
    label: row.libelle,
    statut: row.statut,
    reconciled: row.associe,
    flagged: row.aVerifier,
    ignoredCategory: row.ignoreCategorie,
    invoices: invoices.get(row.id) ?? [],
    best: best.get(row.id) ?? null,
    actions: paymentActions({ sens: row.sens, statut: row.statut, amountCents: toCents(row.montant), allocatedCents: toCents(row.montantAlloue), ignoredCategory: row.ignoreCategorie }),
  }))
  return { items, total, page: query.page, perPage: query.perPage, pageCount: Math.max(1, Math.ceil(total / query.perPage)), counts, query }
}

const isToReconcile = (row: { sens: string; statut: string; associe: boolean; ignoreCategorie: string | null }) =>
  row.sens === 'CREDIT' && row.statut === 'SETTLED' && !row.associe && row.ignoreCategorie === null

/** The best suggestion of each payment to reconcile on the page (stored, recomputed only where it no longer holds), described with its tier. */
async function bestSuggestions(ctx: ReconciliationContext, rows: RowWithStoredBest[]): Promise<Map<string, QueueSuggestion>> {
  if (rows.length === 0) return new Map()
  const best = await bestSuggestionsOf(ctx, rows)
  const ids = [...best.keys()]
  const described = await describeSuggestions(ctx, ids.map((id) => best.get(id)!))
  return new Map(
    ids.map((id, i) => {
      const suggestion = described[i]!
      const tier = confidenceTier(suggestion)
      return [id, { ...suggestion, tier, tierLabel: TIER_TEXTS[tier][ctx.panelLanguage.current] }]
    }),
  )
}

/** Invoice numbers allocated to these payments (one query for the allocations, one for the numbers). */
async function allocatedInvoices(ctx: ReconciliationContext, transactionIds: string[]): Promise<Map<string, string[]>> {
  if (transactionIds.length === 0) return new Map()
  const allocations = await ctx.prisma.qontoAllocation.findMany({
    where: { transactionId: { in: transactionIds } },
    select: { transactionId: true, factureId: true },
    orderBy: { createdAt: 'asc' },
  })
  if (allocations.length === 0) return new Map()
  // The allocation's invoice id has the host's type at run time (Int, BigInt…); the host's records carry it as text.
  const numbers = new Map((await ctx.invoices.byIds(ctx.prisma, [...new Set(allocations.map((a) => String(a.factureId)))], { anyRow: true })).map((i) => [i.id, i.number]))
  const byTransaction = new Map<string, string[]>()
  for (const a of allocations) {
    const list = byTransaction.get(a.transactionId) ?? []
    list.push(numbers.get(String(a.factureId)) ?? '—')
    byTransaction.set(a.transactionId, list)
  }
  return byTransaction
}
