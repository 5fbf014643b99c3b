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
 * (one pass over the credits, one over the entries), so a statement on 100,000 payments stays fast.
 */
import type { ReconciliationContext } from '../context.js'
import { dayRangeToInstants, type IsoDay } from '../domain/dates.js'
import type { StatementAccount } from '../domain/export/statement.js'
import { bringLedgerUpToDate } from './ledger.service.js'

export const AGE_BUCKETS = [
  { label: '0 à 30 jours', max: 30 },
  { label: '31 à 60 jours', max: 60 },
  { label: '61 à 90 jours', max: 90 },
  { label: 'plus de 90 jours', max: Infinity },
] as const

export type { Amount, StatementAccount } from '../domain/export/statement.js'

export interface Statement {
  date: IsoDay
  accounts: StatementAccount[]
}

interface CreditRow {
  account: string | null
  credits: string
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
  last_balance: string | null
  first_balance: string | null
  first_signed: string | null
  all_signed: string
}

const num = (v: string | null | undefined) => (v === null || v === undefined ? 0 : Number(v))

/** The bank line (the first) of an entry, signed, in the payment's own currency. */
const BANK_CENTS = `CASE WHEN t.devise = 'EUR' THEN (e.lignes->0->>'debit')::bigint - (e.lignes->0->>'credit')::bigint
  ELSE sign((e.lignes->0->>'debit')::bigint - (e.lignes->0->>'credit')::bigint) * COALESCE((e.lignes->0->'foreign'->>'cents')::bigint, 0) END`

export async function reconciliationStatement(ctx: ReconciliationContext, date: IsoDay, options: { bookFirst?: boolean } = {}): Promise<Statement> {
  if (options.bookFirst !== false) await bringLedgerUpToDate(ctx)
  const [, end] = dayRangeToInstants(date, date, ctx.timeZone)
  const ages = AGE_BUCKETS.map((b) => (b.max === Infinity ? 'true' : `age <= ${b.max}`))
  const credits = await ctx.prisma.$queryRawUnsafe<CreditRow[]>(
    `WITH booked AS (
       SELECT e."transactionId" AS id,
              sum(CASE WHEN COALESCE(o.nature, e.nature) = 'REGLEMENT' THEN ${BANK_CENTS} ELSE 0 END) AS reconciled,
              sum(CASE WHEN COALESCE(o.nature, e.nature) = 'HORS_FACTURE' THEN ${BANK_CENTS} ELSE 0 END) AS ignored,
              sum(CASE WHEN COALESCE(o.nature, e.nature) = 'REGLEMENT' THEN (
                SELECT COALESCE(sum((l->>'debit')::bigint - (l->>'credit')::bigint), 0) FROM jsonb_array_elements(e.lignes) l WHERE l->>'accountLabel' = 'Écart de règlement') ELSE 0 END) AS write_off
       FROM "qonto_ecritures" e JOIN "transactions_qonto" t ON t.id = e."transactionId" LEFT JOIN "qonto_ecritures" o ON o.id = e."annuleId"
       WHERE e.jour <= $1
       GROUP BY e."transactionId"),
     credits AS (
       SELECT t."compteBancaireId" AS account, round(t.montant * 100)::bigint AS cents,
              COALESCE(b.reconciled, 0) AS reconciled, COALESCE(b.ignored, 0) AS ignored, COALESCE(b.write_off, 0) AS write_off,
              ($1::date - (t."dateTransaction" AT TIME ZONE 'UTC' AT TIME ZONE $3)::date) AS age
       FROM "transactions_qonto" t LEFT JOIN booked b ON b.id = t.id
       WHERE t.statut = 'SETTLED' AND t.sens = 'CREDIT' AND t."dateTransaction" < $2)
     SELECT account, count(*) AS credits,
            count(*) FILTER (WHERE reconciled <> 0) AS reconciled_count, sum(reconciled) AS reconciled_cents,
            count(*) FILTER (WHERE ignored <> 0) AS ignored_count, sum(ignored) AS ignored_cents, sum(write_off) AS write_off_cents,
            ARRAY[${ages.map((a, i) => `sum(cents - reconciled - ignored) FILTER (WHERE ${a}${i > 0 ? ` AND NOT (${ages[i - 1]})` : ''})::text`).join(', ')}] AS unexplained,
            ARRAY[${ages.map((a, i) => `(count(*) FILTER (WHERE cents - reconciled - ignored <> 0 AND ${a}${i > 0 ? ` AND NOT (${ages[i - 1]})` : ''}))::text`).join(', ')}] AS unexplained_count
     FROM credits GROUP BY account`,
    date, end, ctx.timeZone,
  )
  const movements = await ctx.prisma.$queryRawUnsafe<MovementRow[]>(
    `WITH m AS (
       SELECT "compteBancaireId" AS account, "dateTransaction" AS at, id, sens,
              CASE WHEN sens = 'CREDIT' THEN 1 ELSE -1 END * round(montant * 100)::bigint AS signed,
              CASE WHEN jsonb_typeof(metadata) = 'object' AND metadata->>'settled_balance_cents' ~ '^-?[0-9]{1,15}$' THEN (metadata->>'settled_balance_cents')::bigint END AS balance
       FROM "transactions_qonto" WHERE statut = 'SETTLED')
     SELECT account,
            count(*) FILTER (WHERE sens = 'DEBIT' AND at < $1) AS debit_count,
            COALESCE(-sum(signed) FILTER (WHERE sens = 'DEBIT' AND at < $1), 0) AS debit_cents,
            COALESCE(sum(signed) FILTER (WHERE sens = 'CREDIT' AND at < $1), 0) AS credit_cents,
            (SELECT balance FROM m l WHERE l.account IS NOT DISTINCT FROM m.account AND l.at < $1 AND l.balance IS NOT NULL ORDER BY l.at DESC, l.id DESC LIMIT 1) AS last_balance,
            (SELECT balance FROM m f WHERE f.account IS NOT DISTINCT FROM m.account AND f.balance IS NOT NULL ORDER BY f.at, f.id LIMIT 1) AS first_balance,
            (SELECT signed FROM m f WHERE f.account IS NOT DISTINCT FROM m.account AND f.balance IS NOT NULL ORDER BY f.at, f.id LIMIT 1) AS first_signed,
            COALESCE(sum(signed), 0) AS all_signed
     FROM m GROUP BY account`,
    end,
  )
  const accounts = await ctx.prisma.qontoBankAccount.findMany({ orderBy: [{ main: 'desc' }, { name: 'asc' }] })
  const ids = new Set<string | null>([...credits.map((c) => c.account), ...movements.map((m) => m.account)])
  for (const a of accounts) if (a.reconcile) ids.add(a.id)
  const result: StatementAccount[] = []
  for (const id of ids) {
    const account = accounts.find((a) => a.id === id)
    const c = credits.find((r) => r.account === id)
    const m = movements.find((r) => r.account === id)
    const unexplainedByAge = AGE_BUCKETS.map((b, i) => ({ label: b.label, count: num(c?.unexplained_count[i]), cents: num(c?.unexplained[i]) }))
    let bankBalanceCents: number | null = null
    let balanceSource: StatementAccount['balanceSource'] = 'unknown'
    let openingCents: number | null = null
    if (m?.first_balance !== null && m?.first_balance !== undefined) {
      // Qonto gives each settled movement the balance after it: the opening is the first one's before it.
      openingCents = num(m.first_balance) - num(m.first_signed)
      bankBalanceCents = m.last_balance !== null ? num(m.last_balance) : openingCents
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
