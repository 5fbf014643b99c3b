/**
 * The bank reconciliation statement (état de rapprochement) at a date, per Qonto account: Qonto's
 * balance that evening (the settled balance of its last movement, from the synced payloads), what the
 * books explain (credits booked as invoice payments or without an invoice, the ledger as it stands for
 * that date), what is not explained, by age, and the equation that ties them:
 *
 *   solde Qonto = solde d'ouverture + crédits rapprochés + crédits hors facture + crédits non expliqués − débits (+ écart)
 *
 * The opening is the balance before the first synced movement; the écart is zero when every movement
 * up to that date was synced (anything else is shown, never hidden). Everything is aggregated in SQL
 * (one pass over the credits joined to their entries' amounts, one over the movements' narrow
 * columns, and two index reads per account for Qonto's balances), so a statement on 100,000 payments
 * stays within its budget: no payment is loaded into JavaScript.
 */
import type { ReconciliationContext } from '../context.js'
import { addDays, dayRangeToInstants, startOfDay, type IsoDay } from '../domain/dates.js'
import { AGE_BUCKET_DAYS, ageBucketLabel, type StatementAccount } from '../domain/export/statement.js'
import { bringLedgerUpToDate } from './ledger.service.js'

/** The statement's own (French) label of each age: the CSV's; the panel's table writes its own (statementRows). */
export const AGE_BUCKETS = AGE_BUCKET_DAYS.map((max, i) => ({ label: ageBucketLabel(i), max }))

export type { Amount, StatementAccount } from '../domain/export/statement.js'

export interface Statement {
  date: IsoDay
  accounts: StatementAccount[]
}

interface CreditRow {
  account: string | null
  reconciled_count: string
  reconciled_cents: string
  ignored_count: string
  ignored_cents: string
  write_off_cents: string
  unexplained: Array<string | null>
  unexplained_count: Array<string | null>
}

interface MovementRow {
  account: string | null
  debit_count: string
  debit_cents: string
  credit_cents: string
  all_signed: string
}

interface BalanceRow {
  balance: string
  signed: string
}

const num = (v: string | null | undefined) => (v === null || v === undefined ? 0 : Number(v))

/** Qonto's settled balance after a movement, from its stored payload (null when Qonto gave none). */
const BALANCE_SQL = `CASE WHEN jsonb_typeof(metadata) = 'object' AND metadata->>'settled_balance_cents' ~ '^-?[0-9]{1,15}$' THEN (metadata->>'settled_balance_cents')::bigint END`
const SIGNED_SQL = `CASE WHEN sens = 'CREDIT' THEN 1 ELSE -1 END * round(montant * 100)::bigint`

export async function reconciliationStatement(ctx: ReconciliationContext, date: IsoDay, options: { bookFirst?: boolean } = {}): Promise<Statement> {
  const [, end] = dayRangeToInstants(date, date, ctx.timeZone)
  // Only payments up to that evening can have an entry dated on or before it.
  if (options.bookFirst !== false) await bringLedgerUpToDate(ctx, { until: end })
  // A credit's age bucket from instants (the first instant of the day 30, 60, 90 days before), not per-row date arithmetic.
  const bounds = AGE_BUCKETS.filter((b) => b.max !== Infinity).map((b) => startOfDay(addDays(date, -b.max), ctx.timeZone))
  const inBucket = (i: number) =>
    [i < bounds.length ? `at >= $${3 + i}` : null, i > 0 ? `at < $${2 + i}` : null].filter(Boolean).join(' AND ')
  // Per credit: what entries dated on or before that day book on the bank (a covering index on the entries).
  const credits = await ctx.prisma.$queryRawUnsafe<CreditRow[]>(
    `WITH booked AS (
       SELECT "transactionId" AS id,
              sum(banque) FILTER (WHERE rubrique = 'REGLEMENT') AS reconciled,
              sum(banque) FILTER (WHERE rubrique = 'HORS_FACTURE') AS ignored,
              sum(ecart) AS write_off
       FROM "qonto_ecritures" WHERE jour <= $1 GROUP BY "transactionId"),
     credits AS (
       SELECT t."compteBancaireId" AS account, t."dateTransaction" AS at, round(t.montant * 100)::bigint AS cents,
              COALESCE(b.reconciled, 0) AS reconciled, COALESCE(b.ignored, 0) AS ignored, COALESCE(b.write_off, 0) AS write_off
       FROM "transactions_qonto" t LEFT JOIN booked b ON b.id = t.id
       WHERE t.statut = 'SETTLED' AND t.sens = 'CREDIT' AND t."dateTransaction" < $2)
     SELECT account,
            count(*) FILTER (WHERE reconciled <> 0) AS reconciled_count, sum(reconciled) AS reconciled_cents,
            count(*) FILTER (WHERE ignored <> 0) AS ignored_count, sum(ignored) AS ignored_cents, sum(write_off) AS write_off_cents,
            ARRAY[${AGE_BUCKETS.map((_, i) => `sum(cents - reconciled - ignored) FILTER (WHERE ${inBucket(i)})::text`).join(', ')}] AS unexplained,
            ARRAY[${AGE_BUCKETS.map((_, i) => `(count(*) FILTER (WHERE cents - reconciled - ignored <> 0 AND ${inBucket(i)}))::text`).join(', ')}] AS unexplained_count
     FROM credits GROUP BY account`,
    date, end, ...bounds,
  )
  // Totals over narrow columns; no payload is read here.
  const movements = await ctx.prisma.$queryRawUnsafe<MovementRow[]>(
    `SELECT "compteBancaireId" AS account,
            count(*) FILTER (WHERE sens = 'DEBIT' AND "dateTransaction" < $1) AS debit_count,
            COALESCE(-sum(${SIGNED_SQL}) FILTER (WHERE sens = 'DEBIT' AND "dateTransaction" < $1), 0) AS debit_cents,
            COALESCE(sum(${SIGNED_SQL}) FILTER (WHERE sens = 'CREDIT' AND "dateTransaction" < $1), 0) AS credit_cents,
            COALESCE(sum(${SIGNED_SQL}), 0) AS all_signed
     FROM "transactions_qonto" WHERE statut = 'SETTLED' GROUP BY 1`,
    end,
  )
  /**
   * Qonto's balance after one account's last movement before `before` (or after its first movement):
   * read backwards (or forwards) along the (account, date) index until a movement carries one.
   */
  const balance = async (account: string | null, direction: 'last' | 'first'): Promise<BalanceRow | undefined> => {
    const params: unknown[] = direction === 'last' ? [end] : []
    const where = [account === null ? '"compteBancaireId" IS NULL' : `"compteBancaireId" = $${params.push(account)}`, "statut = 'SETTLED'"]
    if (direction === 'last') where.push('"dateTransaction" < $1')
    const order = direction === 'last' ? 'DESC' : 'ASC'
    const rows = await ctx.prisma.$queryRawUnsafe<BalanceRow[]>(
      `SELECT balance::text, signed::text FROM (
         SELECT ${BALANCE_SQL} AS balance, ${SIGNED_SQL} AS signed FROM "transactions_qonto"
         WHERE ${where.join(' AND ')} ORDER BY "dateTransaction" ${order}, id ${order}) m
       WHERE balance IS NOT NULL LIMIT 1`,
      ...params,
    )
    return rows[0]
  }
  const accounts = await ctx.prisma.qontoBankAccount.findMany({ orderBy: [{ main: 'desc' }, { name: 'asc' }] })
  const ids = new Set<string | null>([...credits.map((c) => c.account), ...movements.map((m) => m.account)])
  for (const a of accounts) if (a.reconcile) ids.add(a.id)
  const result: StatementAccount[] = []
  for (const id of ids) {
    const account = accounts.find((a) => a.id === id)
    const c = credits.find((r) => r.account === id)
    const m = movements.find((r) => r.account === id)
    const [first, last] = m ? await Promise.all([balance(id, 'first'), balance(id, 'last')]) : [undefined, undefined]
    const unexplainedByAge = AGE_BUCKETS.map((b, i) => ({ label: b.label, count: num(c?.unexplained_count[i]), cents: num(c?.unexplained[i]) }))
    let bankBalanceCents: number | null = null
    let balanceSource: StatementAccount['balanceSource'] = 'unknown'
    let openingCents: number | null = null
    if (first !== undefined) {
      // Qonto gives each settled movement the balance after it: the opening is the first one's before it.
      openingCents = num(first.balance) - num(first.signed)
      bankBalanceCents = last !== undefined ? num(last.balance) : openingCents
      balanceSource = 'qonto'
    } else if (account?.balance !== null && account?.balance !== undefined) {
      const current = Math.round(Number(account.balance) * 100)
      openingCents = current - num(m?.all_signed)
      bankBalanceCents = openingCents + num(m?.credit_cents) - num(m?.debit_cents)
      balanceSource = 'current-balance'
    }
    const computed = openingCents === null ? null : openingCents + num(m?.credit_cents) - num(m?.debit_cents)
    result.push({
      accountId: id,
      name: account?.name ?? (id ? `Compte ${id}` : 'Compte Qonto'),
      iban: account?.iban ?? null,
      currency: account?.currency ?? 'EUR',
      bankBalanceCents,
      balanceSource,
      openingCents,
      reconciled: { count: num(c?.reconciled_count), cents: num(c?.reconciled_cents) },
      writeOffCents: num(c?.write_off_cents),
      ignored: { count: num(c?.ignored_count), cents: num(c?.ignored_cents) },
      unexplained: { count: unexplainedByAge.reduce((s, b) => s + b.count, 0), cents: unexplainedByAge.reduce((s, b) => s + b.cents, 0) },
      unexplainedByAge,
      debits: { count: num(m?.debit_count), cents: num(m?.debit_cents) },
      computedBalanceCents: computed,
      gapCents: computed === null || bankBalanceCents === null ? null : bankBalanceCents - computed,
    })
  }
  return { date, accounts: result }
}
