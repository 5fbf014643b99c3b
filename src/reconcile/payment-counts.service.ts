/**
 * Every count the dashboard and the work queue show, in one pass over the payments (one aggregate
 * with FILTER clauses) instead of one COUNT per state: at 100,000 payments the six counts of a
 * dashboard load were six scans. The states are the queue's (work-queue.service.ts) and the
 * dashboard's (dashboard.service.ts); the queue's filters (days, amounts, payer) narrow all of them.
 */
import type { Db } from '../context.js'
import { centsToDecimalString, type Cents } from '../domain/money.js'
import { escapeLike } from '../db/like.js'
import { nameWords } from '../domain/text/fold.js'

export interface PaymentCounts {
  /** Settled credits still to reconcile: count, and what is left to allocate of them. */
  toReconcile: { count: number; totalCents: Cents }
  /** Credits associated: count and amount. */
  reconciled: { count: number; totalCents: Cents }
  /** Settled credits explained without an invoice: count and amount. */
  ignored: { count: number; totalCents: Cents }
  /** Payments flagged "à vérifier" (declined or reversed after their association). */
  flagged: number
  settledCredits: number
  /** Settled credits reconciled or ignored. */
  explained: number
  /** Every credit ("tous"). */
  credits: number
}

/** The queue's filters, already checked (work-queue.service.ts): instants, cents, the payer as typed. */
export interface PaymentFilters {
  from?: Date
  to?: Date
  minCents?: Cents
  maxCents?: Cents
  payer?: string
}

const TO_RECONCILE = `sens = 'CREDIT' AND statut = 'SETTLED' AND associe = false AND "ignoreCategorie" IS NULL`
const RECONCILED = `sens = 'CREDIT' AND associe`
const SETTLED = `sens = 'CREDIT' AND statut = 'SETTLED'`
const IGNORED = `${SETTLED} AND "ignoreCategorie" IS NOT NULL`
const cents = (sum: string, where: string) => `(round(COALESCE(sum(${sum}) FILTER (WHERE ${where}), 0) * 100))::bigint::text`

type Row = Record<string, bigint | number | string>

export async function paymentCounts(prisma: Db, filters: PaymentFilters = {}): Promise<PaymentCounts> {
  const { sql, values } = filterSql(filters)
  const [row] = await prisma.$queryRawUnsafe<Row[]>(
    `SELECT count(*) FILTER (WHERE ${TO_RECONCILE}) AS "toReconcile", ${cents('montant - "montantAlloue"', TO_RECONCILE)} AS "toReconcileCents",
            count(*) FILTER (WHERE ${RECONCILED}) AS "reconciled", ${cents('montant', RECONCILED)} AS "reconciledCents",
            count(*) FILTER (WHERE ${IGNORED}) AS "ignored", ${cents('montant', IGNORED)} AS "ignoredCents",
            count(*) FILTER (WHERE "aVerifier") AS "flagged",
            count(*) FILTER (WHERE ${SETTLED}) AS "settledCredits",
            count(*) FILTER (WHERE ${SETTLED} AND (associe OR "ignoreCategorie" IS NOT NULL)) AS "explained",
            count(*) FILTER (WHERE sens = 'CREDIT') AS "credits"
     FROM "transactions_qonto" ${sql}`,
    ...values,
  )
  const n = (key: string) => Number(row?.[key] ?? 0)
  const c = (key: string): Cents => Number(row?.[key] ?? 0)
  return {
    toReconcile: { count: n('toReconcile'), totalCents: c('toReconcileCents') },
    reconciled: { count: n('reconciled'), totalCents: c('reconciledCents') },
    ignored: { count: n('ignored'), totalCents: c('ignoredCents') },
    flagged: n('flagged'),
    settledCredits: n('settledCredits'),
    explained: n('explained'),
    credits: n('credits'),
  }
}

/**
 * The WHERE of the filters, with the queue's semantics: each folded word of the payer in the stored
 * name key, or the name itself case-insensitively (LIKE wildcards escaped on both paths).
 */
function filterSql(filters: PaymentFilters): { sql: string; values: unknown[] } {
  const values: unknown[] = []
  const param = (value: unknown, cast = '') => `$${values.push(value)}${cast}`
  const where: string[] = []
  // Stored as UTC wall time (timestamp without time zone): the ISO text's "Z" is dropped by the cast.
  if (filters.from) where.push(`"dateTransaction" >= ${param(filters.from.toISOString(), '::timestamp')}`)
  if (filters.to) where.push(`"dateTransaction" < ${param(filters.to.toISOString(), '::timestamp')}`)
  if (filters.minCents !== undefined) where.push(`montant >= ${param(centsToDecimalString(filters.minCents), '::numeric')}`)
  if (filters.maxCents !== undefined) where.push(`montant <= ${param(centsToDecimalString(filters.maxCents), '::numeric')}`)
  const payer = filters.payer?.trim()
  if (payer) {
    const words = nameWords(payer)
    const byKey = words.map((word) => `"emetteurCle" LIKE ${param(`%${escapeLike(word)}%`)}`)
    where.push(`(${[...(byKey.length > 0 ? [`(${byKey.join(' AND ')})`] : []), `emetteur ILIKE ${param(`%${escapeLike(payer)}%`)}`].join(' OR ')})`)
  }
  return { sql: where.length > 0 ? `WHERE ${where.join(' AND ')}` : '', values }
}
