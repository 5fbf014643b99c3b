/**
 * The host's invoices, read and written only through its mapping, in raw SQL (identifiers, types and
 * enum spellings from the DMMF): the reads for speed, and the one write (what invoices have been paid)
 * set-based, one statement for a whole batch of associations. What an invoice has been
 * paid is the mapped paid-amount column when there is one, otherwise the sum of its allocations
 * (cash plus write-offs: an invoice closed "avec écart" is fully paid).
 */
import type { Cents } from '../domain/money.js'
import type { InvoiceStatus } from '../domain/invoice-status.js'
import { centsToDecimalString } from '../domain/money.js'
import { hostId, validHostIds, type ResolvedClientMapping, type ResolvedInvoiceMapping } from './mapping.js'
import { containsPattern } from '../db/like.js'
import { literal, Params } from './sql.js'

/** Anything with the raw-query methods of a Prisma client or transaction. */
export interface RawQueryable {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>
}

export interface InvoiceRecord {
  id: string
  number: string
  clientId: string | null
  clientName: string | null
  totalCents: Cents
  paidCents: Cents
  currency: string
  /** The host's own status value. */
  hostStatus: string
  /** The same, in the extension's vocabulary. */
  status: InvoiceStatus
  issueDate: string
  dueDate: string | null
}

interface Row {
  id: string
  number: string
  clientId: string | null
  clientName: string | null
  totalCents: bigint | number | string
  paidCents: bigint | number | string
  currency: string
  hostStatus: string
  issueDate: string
  dueDate: string | null
}

export interface CandidateQuery {
  /** Reference keys found in the transfer (digits-only or lower-case alphanumeric). */
  keys: string[]
  clientId: string | null
  amountCents: Cents
  limit: number
}

/** What an association or its undo writes on an invoice; a null status leaves status and paid date as they are. */
export interface PaymentWrite {
  status: InvoiceStatus | null
  paidCents: Cents
  paidDay: string | null
  paidAt: Date | null
}

export interface InvoiceTotals {
  awaiting: { count: number; totalCents: Cents }
  overdue: { count: number; totalCents: Cents }
}

export type InvoiceStore = ReturnType<typeof createInvoiceStore>

export function createInvoiceStore(invoices: ResolvedInvoiceMapping, clients: ResolvedClientMapping, timeZone: string) {
  const { host, fields, statuses } = invoices
  const col = (field: string) => `i.${host.column(field)}`
  const id = `i.${host.id.column}`
  const cents = (expr: string) => `round((${expr})::numeric * 100)::int8`
  /** A money column in euros, whatever the host stores (integer cents are divided, exactly, as numeric). */
  const euros = (field: string) => (invoices.amounts === 'cents' ? `(${col(field)}::numeric / 100)` : col(field))
  const total = euros(fields.total)
  const paidExpr = fields.paidAmount
    ? `COALESCE(${euros(fields.paidAmount)}, 0)`
    : `COALESCE((SELECT SUM(a."montant" + a."ecart") FROM "qonto_allocations" a WHERE a."factureId" = ${id}), 0)`
  /**
   * A date column as the business day: @db.Date as is; Prisma's default timestamp (UTC, without time
   * zone) and timestamptz shown in the configured zone.
   */
  const day = (field: string) => {
    const native = host.field(field).nativeType?.[0]
    if (native === 'Date') return `to_char(${col(field)}, 'YYYY-MM-DD')`
    if (native === 'Timestamptz') return `to_char(${col(field)} AT TIME ZONE ${literal(timeZone)}, 'YYYY-MM-DD')`
    return `to_char((${col(field)} AT TIME ZONE 'UTC') AT TIME ZONE ${literal(timeZone)}, 'YYYY-MM-DD')`
  }
  /** Literals in the database's own spelling (enum values may carry @map). */
  const sqlLiteral = (field: string, value: string | number | boolean) => literal(host.dbValue(field, value))
  const inList = (field: string, values: string[]) => `(${values.map((v) => sqlLiteral(field, v)).join(', ')})`
  const whereSql = Object.entries(invoices.where ?? {})
    .map(([field, value]) =>
      typeof value === 'object' ? `${col(field)} IN (${value.in.map((v) => sqlLiteral(field, v)).join(', ')})` : `${col(field)} = ${sqlLiteral(field, value)}`,
    )
    .map((condition) => ` AND ${condition}`)
    .join('')
  const payable = `${col(fields.status)} IN ${inList(fields.status, invoices.payableStatuses)}${whereSql}`
  const select = `SELECT ${id}::text AS id, ${col(fields.number)} AS number, ${col(fields.client)}::text AS "clientId",
      c.${clients.host.column(clients.fields.name)} AS "clientName",
      ${cents(total)} AS "totalCents", ${cents(paidExpr)} AS "paidCents",
      ${fields.currency ? col(fields.currency) : `'EUR'`} AS currency, ${col(fields.status)}::text AS "hostStatus",
      ${day(fields.issueDate)} AS "issueDate", ${fields.dueDate ? day(fields.dueDate) : 'NULL'} AS "dueDate"
    FROM ${host.table} i LEFT JOIN ${clients.host.table} c ON c.${clients.host.id.column} = ${col(fields.client)}`
  // Partly paid: its status says so, or (a host without such a status) it has allocations already.
  const partlyPaid = statuses.partlyPaid !== undefined
    ? `${col(fields.status)} = ${sqlLiteral(fields.status, statuses.partlyPaid)}`
    : `EXISTS (SELECT 1 FROM "qonto_allocations" pa WHERE pa."factureId" = ${id})`
  const paidDateOnly = fields.paidDate !== undefined && host.field(fields.paidDate).nativeType?.[0] === 'Date'
  const order = `ORDER BY ${fields.dueDate ? `${col(fields.dueDate)} NULLS LAST, ` : ''}${col(fields.issueDate)}, ${id}`

  const canonical = (hostStatus: string): InvoiceStatus => {
    if (statuses.open.includes(hostStatus)) return 'ENVOYE'
    if (hostStatus === statuses.partlyPaid) return 'PARTIELLEMENT_PAYE'
    if (hostStatus === statuses.paid) return 'PAYE'
    if (statuses.cancelled?.includes(hostStatus)) return 'ANNULE'
    return 'BROUILLON'
  }
  const toRecord = (row: Row): InvoiceRecord => ({
    ...row,
    hostStatus: host.prismaValue(fields.status, row.hostStatus),
    totalCents: Number(row.totalCents),
    paidCents: Number(row.paidCents),
    status: canonical(host.prismaValue(fields.status, row.hostStatus)),
  })
  const run = async (db: RawQueryable, text: string, params: Params) =>
    (await db.$queryRawUnsafe<Row[]>(text, ...params.values)).map(toRecord)

  return {
    mapping: invoices,
    canonical,
    /** An invoice id as the host's column wants it (the extension's factureId columns have the host's id type). */
    hostId: (id: string) => hostId(host, id),

    /** The few open invoices that could be this payment: named in it, of its client, or of its open amount. */
    async candidates(db: RawQueryable, query: CandidateQuery): Promise<InvoiceRecord[]> {
      const p = new Params()
      const keys = p.add(query.keys, '::text[]')
      const amount = p.add(centsToDecimalString(query.amountCents), '::numeric')
      const number = col(fields.number)
      // With a paid-amount column the open amount is indexable (see the reference host's migration 0003);
      // without one, a partly paid invoice is a candidate whatever its amount (there are few of them).
      const floatMoney = host.field(fields.total).type === 'Float'
      const openAmount = fields.paidAmount
        ? floatMoney
          ? `round((${total} - ${euros(fields.paidAmount)})::numeric, 2) = ${amount}`
          : `(${total} - ${euros(fields.paidAmount)}) = ${amount}`
        : `(${total} = ${amount} OR ${partlyPaid})`
      const byClient = query.clientId === null ? '' : `OR ${col(fields.client)} = ${p.add(hostId(clients.host, query.clientId), clients.host.idCast)}`
      const named = `(regexp_replace(${number}, '[^0-9]', '', 'g') = ANY(${keys}) OR lower(regexp_replace(${number}, '[^A-Za-z0-9]', '', 'g')) = ANY(${keys}))`
      // Invoices named in the transfer first, so the limit never drops them.
      return run(db, `${select} WHERE ${payable} AND (${named} ${byClient} OR ${openAmount})
        ORDER BY ${named} DESC, ${order.replace('ORDER BY ', '')} LIMIT ${p.add(query.limit, '::int')}`, p)
    },

    /**
     * `candidates` for several payments in one query (a LATERAL join, one bounded subquery per
     * payment): answer i holds exactly the invoices `candidates(queries[i])` returns (same bound),
     * oldest due first (the matcher orders them itself).
     */
    async candidatesForEach(db: RawQueryable, queries: CandidateQuery[]): Promise<InvoiceRecord[][]> {
      if (queries.length === 0) return []
      const p = new Params()
      // Reference keys are digits or lower-case letters and digits only: a space separates them safely.
      const keys = p.add(queries.map((q) => q.keys.join(' ')), '::text[]')
      const clientIds = p.add(queries.map((q) => (q.clientId === null ? null : String(hostId(clients.host, q.clientId)))), '::text[]')
      const amounts = p.add(queries.map((q) => centsToDecimalString(q.amountCents)), '::numeric[]')
      const limits = p.add(queries.map((q) => q.limit), '::int[]')
      const number = col(fields.number)
      const floatMoney = host.field(fields.total).type === 'Float'
      const openAmount = fields.paidAmount
        ? floatMoney
          ? `round((${total} - ${euros(fields.paidAmount)})::numeric, 2) = q.amount`
          : `(${total} - ${euros(fields.paidAmount)}) = q.amount`
        : `(${total} = q.amount OR ${partlyPaid})`
      const named = `(regexp_replace(${number}, '[^0-9]', '', 'g') = ANY(string_to_array(q.keys, ' ')) OR lower(regexp_replace(${number}, '[^A-Za-z0-9]', '', 'g')) = ANY(string_to_array(q.keys, ' ')))`
      // Each payment's bounded pick is only ids; an invoice picked by several payments (same open
      // amount, same client) is read once, with the list of payments that picked it.
      const picked = `SELECT q.n, x.id FROM unnest(${keys}, ${clientIds}, ${amounts}, ${limits}) WITH ORDINALITY AS q(keys, client, amount, lim, n)
         CROSS JOIN LATERAL (SELECT ${id} AS id FROM ${host.table} i WHERE ${payable} AND (${named} OR ${col(fields.client)} = (q.client)${clients.host.idCast} OR ${openAmount})
           ORDER BY ${named} DESC, ${order.replace('ORDER BY ', '')} LIMIT q.lim) x`
      const rows = await db.$queryRawUnsafe<Array<Row & { queryIndexes: Array<bigint | number> }>>(
        `${select.replace(/^SELECT /, 'SELECT p.ns AS "queryIndexes", ')}
         JOIN (SELECT id, array_agg(n) AS ns FROM (${picked}) picked GROUP BY id) p ON p.id = ${id}
         ${order}`,
        ...p.values,
      )
      const answers: InvoiceRecord[][] = queries.map(() => [])
      for (const { queryIndexes, ...row } of rows) {
        const record = toRecord(row)
        for (const n of queryIndexes) answers[Number(n) - 1]!.push(record)
      }
      return answers
    },

    /** Every open invoice (batch auto-reconciliation loads them once for many payments). */
    allPayable: (db: RawQueryable) => run(db, `${select} WHERE ${payable} ${order}`, new Params()),

    /** Invoices by id (ids that cannot be the host's are simply not found); `anyRow` ignores `where` (undo). */
    async byIds(db: RawQueryable, ids: string[], { lock = false, anyRow = false } = {}): Promise<InvoiceRecord[]> {
      const valid = validHostIds(host, ids)
      if (valid.length === 0) return []
      const p = new Params()
      const list = p.add(valid, host.id.arrayCast)
      if (lock) await db.$queryRawUnsafe(`SELECT 1 FROM ${host.table} i WHERE ${id} = ANY(${list}) ORDER BY ${id} FOR UPDATE`, ...p.values)
      return run(db, `${select} WHERE ${id} = ANY(${list}) ${anyRow ? '' : whereSql}`, p)
    },

    /** Open invoices whose number contains the text, of these clients, or of exactly this total. */
    async search(db: RawQueryable, query: { text: string; clientIds: string[]; amountCents: Cents | null }, limit: number): Promise<InvoiceRecord[]> {
      const p = new Params()
      const pattern = p.add(containsPattern(query.text))
      const byClient = query.clientIds.length > 0 ? `OR ${col(fields.client)} = ANY(${p.add(query.clientIds.map((id) => hostId(clients.host, id)), clients.host.id.arrayCast)})` : ''
      const byAmount = query.amountCents !== null && query.amountCents > 0 ? `OR ${total} = ${p.add(centsToDecimalString(query.amountCents), '::numeric')}` : ''
      return run(db, `${select} WHERE ${payable} AND (${col(fields.number)} ILIKE ${pattern} ESCAPE '\\' ${byClient} ${byAmount})
        ${order} LIMIT ${p.add(limit, '::int')}`, p)
    },

    /** Open invoices due before `today` (a business day), oldest due first, at most `limit`. */
    async overdue(db: RawQueryable, today: string, limit: number): Promise<InvoiceRecord[]> {
      if (!fields.dueDate) return []
      const p = new Params()
      return run(db, `${select} WHERE ${payable} AND ${day(fields.dueDate)} < ${p.add(today)} ${order} LIMIT ${p.add(limit, '::int')}`, p)
    },

    /** Awaiting payment and overdue (due before `today`, a business day), count and what stays open. */
    async totals(db: RawQueryable, today: string): Promise<InvoiceTotals> {
      const p = new Params()
      const overdue = fields.dueDate ? `${day(fields.dueDate)} < ${p.add(today)}` : 'false'
      const [row] = await db.$queryRawUnsafe<Array<Record<string, bigint | number | string>>>(
        `SELECT count(*) AS "awaitingCount", ${cents(`COALESCE(SUM(${total} - ${paidExpr}), 0)`)} AS "awaitingCents",
           count(*) FILTER (WHERE ${overdue}) AS "overdueCount",
           ${cents(`COALESCE(SUM(${total} - ${paidExpr}) FILTER (WHERE ${overdue}), 0)`)} AS "overdueCents"
         FROM ${host.table} i WHERE ${payable}`,
        ...p.values,
      )
      return {
        awaiting: { count: Number(row!.awaitingCount), totalCents: Number(row!.awaitingCents) },
        overdue: { count: Number(row!.overdueCount), totalCents: Number(row!.overdueCents) },
      }
    },

    /**
     * Writes what a payment changed, through the host's Prisma delegate: status, paid date (the
     * payment's business day, or cleared), and the paid amount when the host keeps one.
     */
    writePayments,
  }

  /**
   * What invoices have been paid, in one statement (raw SQL through the mapping, as Prisma would write
   * it: enum values in the database's spelling, @updatedAt stamped): status and paid date unless the
   * status is null (left as is), paid amount when the host keeps one. Each invoice at most once.
   */
  async function writePayments(tx: RawQueryable, writes: Array<{ invoiceId: string; change: PaymentWrite }>): Promise<void> {
    if (writes.length === 0) return
    const rows = writes.map(({ invoiceId, change }) => ({
      id: String(hostId(host, invoiceId)),
      status: change.status === null ? null : String(host.dbValue(fields.status, hostStatusFor(change.status))),
      paidOn: change.status === null || change.paidDay === null ? null : paidDateOnly ? change.paidDay : change.paidAt!.toISOString(),
      paid: paidAmountValue(change.paidCents),
    }))
    const status = col(fields.status).replace(/^i\./, '')
    const assignments = [
      `${status} = CASE WHEN v.status IS NULL THEN i.${status} ELSE (v.status)${host.writeCast(fields.status)} END`,
      ...(fields.paidDate
        ? [`${host.column(fields.paidDate)} = CASE WHEN v.status IS NULL THEN ${col(fields.paidDate)} ELSE (v."paidOn")${host.writeCast(fields.paidDate)} END`]
        : []),
      ...(fields.paidAmount ? [`${host.column(fields.paidAmount)} = (v.paid)${host.writeCast(fields.paidAmount)}`] : []),
      ...host.updatedAtAssignments,
    ]
    await tx.$queryRawUnsafe(
      `UPDATE ${host.table} AS i SET ${assignments.join(', ')}
       FROM jsonb_to_recordset($1::jsonb) AS v(id text, status text, "paidOn" text, paid text) WHERE ${id} = (v.id)${host.idCast}`,
      JSON.stringify(rows),
    )
  }

  /** The paid amount as the host's column holds it (euros or cents, in its type), as text. */
  function paidAmountValue(paidCents: Cents): string | null {
    if (!fields.paidAmount) return null
    if (invoices.amounts === 'cents') return String(paidCents)
    return host.field(fields.paidAmount).type === 'Decimal' ? centsToDecimalString(paidCents) : String(paidCents / 100)
  }

  function hostStatusFor(status: InvoiceStatus): string {
    if (status === 'PAYE') return statuses.paid
    if (status === 'PARTIELLEMENT_PAYE' && statuses.partlyPaid !== undefined) return statuses.partlyPaid
    return statuses.open[0]!
  }
}
