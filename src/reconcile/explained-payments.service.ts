/**
 * Explained credits as the exports see them, read in keyset batches: the reconciled ones with what
 * they paid, and the ones explained without an invoice. Either over a period (the CSV) or for given
 * payments (the ledger books them, src/reconcile/ledger.service.ts).
 */
import type { Prisma } from '@prisma/client'
import type { ReconciliationContext } from '../context.js'
import type { IgnoredPayment, ReconciledPayment } from '../domain/export/types.js'
import { ruleExplanation } from '../domain/explanation.js'
import { toCents } from '../domain/money.js'
import { RULE_ACTOR } from './ignore.service.js'

const BATCH = 1000

/** Payments whose instant is in [start, end), or the given payments. */
export type PaymentScope = { range: [Date, Date] } | { ids: string[] }

interface PaymentRow {
  id: string
  qontoId: string
  dateTransaction: Date
  emetteur: string | null
  emetteurIban: string | null
  reference: string | null
  montant: Prisma.Decimal
  devise: string
  localCents: string | null
  localCurrency: string | null
}

interface Row extends PaymentRow {
  compteBancaireId: string | null
  invoiceNumber: string
  clientId: string | null
  clientName: string | null
  clientAccount: string | null
  settled: boolean
  allocated: Prisma.Decimal
  mode: string
  at: Date
  by: string | null
  ecart: Prisma.Decimal
  ecartMotif: string | null
  ecartCompte: string | null
}

/** Qonto's local amount (the payment before its conversion), from the stored payload. */
const LOCAL_AMOUNT_SQL = `CASE WHEN jsonb_typeof(metadata) = 'object' AND metadata->>'local_amount_cents' ~ '^[0-9]{1,15}$' THEN metadata->>'local_amount_cents' END AS "localCents",
  CASE WHEN jsonb_typeof(metadata) = 'object' THEN upper(metadata->>'local_currency') END AS "localCurrency"`

function scopeSql(scope: PaymentScope, first: number): { sql: string; params: unknown[] } {
  return 'range' in scope
    ? { sql: `"dateTransaction" >= $${first} AND "dateTransaction" < $${first + 1}`, params: scope.range }
    : { sql: `id = ANY($${first}::text[])`, params: [scope.ids] }
}

/** Reconciled payments of the scope, oldest first. */
export async function* reconciledPayments(ctx: ReconciliationContext, scope: PaymentScope): AsyncGenerator<ReconciledPayment> {
  const { host, fields, statuses } = ctx.invoices.mapping
  const clients = ctx.clients.mapping
  const accountField = clients.fields.accountingAccount
  const clientAccount = accountField ? `c.${clients.host.column(accountField)}::text` : 'NULL::text'
  const where = scopeSql(scope, 3)
  let after: { date: Date; id: string } | null = null
  for (;;) {
    const keyset = after ? `AND ("dateTransaction", id) > ($${3 + where.params.length}, $${4 + where.params.length})` : ''
    const rows: Row[] = await ctx.prisma.$queryRawUnsafe<Row[]>(
      `WITH batch AS (
        SELECT id, "qontoId", "dateTransaction", emetteur, "emetteurIban", reference, montant, devise, "compteBancaireId", ${LOCAL_AMOUNT_SQL}
        FROM "transactions_qonto"
        WHERE "montantAlloue" > 0 AND ${where.sql} ${keyset}
        ORDER BY "dateTransaction", id LIMIT $1)
      SELECT b.*, i.${host.column(fields.number)} AS "invoiceNumber", c.${clients.host.id.column}::text AS "clientId",
             c.${clients.host.column(clients.fields.name)} AS "clientName", ${clientAccount} AS "clientAccount",
             (i.${host.column(fields.status)}::text = $2) AS settled, a.montant AS allocated,
             a.mode::text AS mode, a."createdAt" AS at, COALESCE(a."creePar", 'système') AS by,
             a.ecart, a."ecartMotif"::text AS "ecartMotif", a."ecartCompte"
      FROM batch b JOIN "qonto_allocations" a ON a."transactionId" = b.id JOIN ${host.table} i ON i.${host.id.column} = a."factureId"
      LEFT JOIN ${clients.host.table} c ON c.${clients.host.id.column} = i.${host.column(fields.client)}
      ORDER BY b."dateTransaction", b.id, i.${host.column(fields.number)}`,
      BATCH, String(host.dbValue(fields.status, statuses.paid)), ...where.params, ...(after ? [after.date, after.id] : []),
    )
    if (rows.length === 0) return
    const surpluses = await surplusesOf(ctx, [...new Set(rows.map((row) => row.id))])
    let current = null as ReconciledPayment | null
    for (const row of rows) {
      if (current?.transactionId !== row.id) {
        if (current) yield current
        const surplus = surpluses.get(row.id)
        current = { ...(surplus ? { surplus } : {}), ...paymentFields(row), bankAccountId: row.compteBancaireId, allocations: [] }
      }
      const writeOffCents = toCents(row.ecart)
      current.allocations.push({
        invoiceNumber: row.invoiceNumber,
        clientId: row.clientId,
        clientName: row.clientName,
        clientAccount: row.clientAccount,
        settles: row.settled || writeOffCents > 0,
        amountCents: toCents(row.allocated),
        by: row.by,
        automatic: row.mode === 'AUTOMATIQUE',
        mode: row.mode,
        writeOffCents,
        writeOffReason: row.ecartMotif,
        writeOffAccount: writeOffCents > 0 ? (row.ecartCompte ?? ctx.writeOff.account) : null,
        at: row.at,
      })
    }
    if (current) yield current
    const last = rows[rows.length - 1]!
    after = { date: last.dateTransaction, id: last.id }
  }
}

/** The explained surpluses of these payments (an avoir counts only what is not applied to later invoices). */
async function surplusesOf(ctx: ReconciliationContext, ids: string[]): Promise<Map<string, NonNullable<ReconciledPayment['surplus']>>> {
  const rows = await ctx.prisma.qontoExcedent.findMany({ where: { transactionId: { in: ids }, annuleLe: null } })
  return new Map(
    rows.map((row) => [
      row.transactionId,
      { treatment: row.traitement, amountCents: toCents(row.montant) - toCents(row.montantImpute), clientName: row.client, note: row.note, by: row.par, at: row.createdAt },
    ]),
  )
}

/**
 * What a reconciled and an ignored payment's export row say of the payment itself; the amount in
 * euros from Qonto's local amount when the account's currency is not the euro, and the original
 * amount when Qonto converted a foreign payment into the account's euros.
 */
function paymentFields(row: PaymentRow) {
  const amountCents = toCents(row.montant)
  const local = row.localCents !== null && row.localCurrency && /^[A-Z]{3}$/.test(row.localCurrency) ? { cents: Number(row.localCents), currency: row.localCurrency } : undefined
  return {
    transactionId: row.id,
    qontoId: row.qontoId,
    date: row.dateTransaction,
    payer: row.emetteur,
    iban: row.emetteurIban,
    reference: row.reference,
    amountCents,
    currency: row.devise,
    ...(row.devise !== 'EUR' && local?.currency === 'EUR' ? { amountEurCents: local.cents } : {}),
    ...(row.devise === 'EUR' && local && local.currency !== 'EUR' ? { localAmount: local } : {}),
  }
}

interface IgnoredRow extends PaymentRow {
  compteBancaireId: string | null
  ignoreCategorie: string
  ignoreNote: string | null
  ignorePar: string | null
  ignoreLe: Date | null
  updatedAt: Date
  regleId: string | null
}

/** Settled credits explained without an invoice, oldest first. */
export async function* ignoredPayments(ctx: ReconciliationContext, scope: PaymentScope): AsyncGenerator<IgnoredPayment> {
  const where = scopeSql(scope, 1)
  let after: { date: Date; id: string } | null = null
  for (;;) {
    const n = where.params.length
    const keyset = after ? `AND ("dateTransaction", id) > ($${n + 1}, $${n + 2})` : ''
    const rows: IgnoredRow[] = await ctx.prisma.$queryRawUnsafe<IgnoredRow[]>(
      `SELECT id, "qontoId", "dateTransaction", emetteur, "emetteurIban", reference, montant, devise, "compteBancaireId", ${LOCAL_AMOUNT_SQL},
              "ignoreCategorie"::text AS "ignoreCategorie", "ignoreNote", "ignorePar", "ignoreLe", "updatedAt", "regleId"
       FROM "transactions_qonto"
       WHERE "ignoreCategorie" IS NOT NULL AND sens = 'CREDIT' AND statut = 'SETTLED' AND ${where.sql} ${keyset}
       ORDER BY "dateTransaction", id LIMIT ${BATCH}`,
      ...where.params, ...(after ? [after.date, after.id] : []),
    )
    if (rows.length === 0) return
    const ruleIds = [...new Set(rows.map((r) => r.regleId).filter((id): id is string => id !== null))]
    const rules = new Map((ruleIds.length ? await ctx.prisma.qontoRegle.findMany({ where: { id: { in: ruleIds } } }) : []).map((r) => [r.id, r]))
    for (const row of rows) {
      const rule = row.regleId ? rules.get(row.regleId) : undefined
      yield {
        ...paymentFields(row),
        bankAccountId: row.compteBancaireId,
        category: row.ignoreCategorie,
        note: row.ignoreNote,
        rule: rule ? ruleExplanation(rule) : null,
        automatic: row.ignorePar === RULE_ACTOR.label,
        by: row.ignorePar,
        at: row.ignoreLe ?? row.updatedAt,
      }
    }
    const last: IgnoredRow = rows[rows.length - 1]!
    after = { date: last.dateTransaction, id: last.id }
  }
}
