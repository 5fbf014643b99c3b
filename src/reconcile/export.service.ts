/**
 * Accounting exports of reconciled payments over a period, streamed: payments are read in keyset
 * batches and written as they come, so a year of payments never sits in memory.
 */
import { once } from 'node:events'
import type { Writable } from 'node:stream'
import type { Prisma } from '@prisma/client'
import { z } from 'zod'
import type { ReconciliationContext } from '../context.js'
import { dayRangeToInstants } from '../domain/dates.js'
import { csvIgnoredRow, csvRows, csvStringifier } from '../domain/export/csv.js'
import { fecEntry, fecHeader, fecIgnoredEntry, fecSettingsForAccount } from '../domain/export/fec.js'
import type { IgnoredPayment, ReconciledPayment } from '../domain/export/types.js'
import { ruleExplanation } from '../domain/explanation.js'
import { RULE_ACTOR } from './ignore.service.js'
import { toCents } from '../domain/money.js'
import { fecBankAccounts } from '../settings/bank-account-fec.js'

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date attendue au format AAAA-MM-JJ')
  .refine((d) => !Number.isNaN(Date.parse(d)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'date invalide')
  .refine((d) => d >= '2000-01-01' && d <= '2199-12-31', 'date hors limites (2000 à 2199)')
export const exportRequestSchema = z
  .object({ format: z.enum(['csv', 'fec'], { message: 'format attendu : csv ou fec' }), from: isoDay, to: isoDay })
  .refine((r) => r.from <= r.to, { message: 'la date de début doit précéder la date de fin', path: ['to'] })
export type ExportRequest = z.infer<typeof exportRequestSchema>

const BATCH = 1000

interface Row {
  id: string
  qontoId: string
  dateTransaction: Date
  emetteur: string | null
  emetteurIban: string | null
  reference: string | null
  montant: Prisma.Decimal
  devise: string
  compteBancaireId: string | null
  invoiceNumber: string
  clientId: string | null
  clientName: string | null
  allocated: Prisma.Decimal
  mode: string
  at: Date
  by: string | null
  ecart: Prisma.Decimal
  ecartMotif: string | null
  ecartCompte: string | null
}

/** Reconciled payments whose business day is within [from, to], oldest first. */
export async function* reconciledPayments(ctx: ReconciliationContext, from: string, to: string): AsyncGenerator<ReconciledPayment> {
  const [start, end] = dayRangeToInstants(from, to, ctx.timeZone)
  const { host, fields } = ctx.invoices.mapping
  const clients = ctx.clients.mapping
  let after: { date: Date; id: string } | null = null
  for (;;) {
    const keyset = after ? `AND ("dateTransaction", id) > ($4, $5)` : ''
    const rows: Row[] = await ctx.prisma.$queryRawUnsafe<Row[]>(
      `WITH batch AS (
        SELECT id, "qontoId", "dateTransaction", emetteur, "emetteurIban", reference, montant, devise, "compteBancaireId" FROM "transactions_qonto"
        WHERE "montantAlloue" > 0 AND "dateTransaction" >= $1 AND "dateTransaction" < $2 ${keyset}
        ORDER BY "dateTransaction", id LIMIT $3)
      SELECT b.*, i.${host.column(fields.number)} AS "invoiceNumber", c.${clients.host.id.column}::text AS "clientId",
             c.${clients.host.column(clients.fields.name)} AS "clientName", a.montant AS allocated,
             a.mode::text AS mode, a."createdAt" AS at, COALESCE(a."creePar", 'système') AS by,
             a.ecart, a."ecartMotif"::text AS "ecartMotif", a."ecartCompte"
      FROM batch b JOIN "qonto_allocations" a ON a."transactionId" = b.id JOIN ${host.table} i ON i.${host.id.column} = a."factureId"
      LEFT JOIN ${clients.host.table} c ON c.${clients.host.id.column} = i.${host.column(fields.client)}
      ORDER BY b."dateTransaction", b.id, i.${host.column(fields.number)}`,
      start, end, BATCH, ...(after ? [after.date, after.id] : []),
    )
    if (rows.length === 0) return
    let current = null as ReconciledPayment | null
    for (const row of rows) {
      if (current?.transactionId !== row.id) {
        if (current) yield current
        current = {
          ...paymentFields(row),
          bankAccountId: row.compteBancaireId,
          allocations: [],
        }
      }
      const writeOffCents = toCents(row.ecart)
      current.allocations.push({
        invoiceNumber: row.invoiceNumber,
        clientId: row.clientId,
        clientName: row.clientName,
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

/** What a reconciled and an ignored payment's export row say of the payment itself. */
function paymentFields(row: { id: string; qontoId: string; dateTransaction: Date; emetteur: string | null; emetteurIban: string | null; reference: string | null; montant: Prisma.Decimal; devise: string }) {
  return {
    transactionId: row.id,
    qontoId: row.qontoId,
    date: row.dateTransaction,
    payer: row.emetteur,
    iban: row.emetteurIban,
    reference: row.reference,
    amountCents: toCents(row.montant),
    currency: row.devise,
  }
}

/** Credits explained without an invoice whose business day is within [from, to], oldest first. */
export async function* ignoredPayments(ctx: ReconciliationContext, from: string, to: string): AsyncGenerator<IgnoredPayment> {
  const [start, end] = dayRangeToInstants(from, to, ctx.timeZone)
  let after: { date: Date; id: string } | null = null
  for (;;) {
    const rows: Array<Prisma.TransactionQontoGetPayload<{ include: { regle: true } }>> = await ctx.prisma.transactionQonto.findMany({
      where: {
        ignoreCategorie: { not: null },
        sens: 'CREDIT',
        // A credit the bank declined or reversed is in no account, whatever it was explained by.
        statut: 'SETTLED',
        dateTransaction: { gte: start, lt: end },
        ...(after ? { OR: [{ dateTransaction: { gt: after.date } }, { dateTransaction: after.date, id: { gt: after.id } }] } : {}),
      },
      include: { regle: true },
      orderBy: [{ dateTransaction: 'asc' }, { id: 'asc' }],
      take: BATCH,
    })
    if (rows.length === 0) return
    for (const row of rows) {
      yield {
        ...paymentFields(row),
        category: row.ignoreCategorie!,
        note: row.ignoreNote,
        rule: row.regle ? ruleExplanation(row.regle) : null,
        automatic: row.ignorePar === RULE_ACTOR.label,
        by: row.ignorePar,
        at: row.ignoreLe ?? row.updatedAt,
      }
    }
    const last = rows[rows.length - 1]!
    after = { date: last.dateTransaction, id: last.id }
  }
}

type ExportItem = { kind: 'payment'; payment: ReconciledPayment } | { kind: 'ignored'; payment: IgnoredPayment }

/** Reconciled and ignored payments of the period in one chronological stream (two keyset streams merged). */
async function* exportItems(ctx: ReconciliationContext, from: string, to: string): AsyncGenerator<ExportItem> {
  const reconciled = reconciledPayments(ctx, from, to)
  const ignored = ignoredPayments(ctx, from, to)
  let a = await reconciled.next()
  let b = await ignored.next()
  while (!a.done || !b.done) {
    const takeReconciled = !a.done && (b.done || a.value.date.getTime() <= b.value.date.getTime())
    if (takeReconciled) {
      yield { kind: 'payment', payment: a.value as ReconciledPayment }
      a = await reconciled.next()
    } else {
      yield { kind: 'ignored', payment: b.value as IgnoredPayment }
      b = await ignored.next()
    }
  }
}

export function exportFileName({ format, from, to }: ExportRequest): string {
  return format === 'csv' ? `rapprochements_${from}_${to}.csv` : `FEC_rapprochements_${from.replace(/-/g, '')}_${to.replace(/-/g, '')}.txt`
}

/** Writes the export to `output` (a file, stdout or an HTTP response); resolves with the payment count. */
export async function writeExport(ctx: ReconciliationContext, request: ExportRequest, output: Writable): Promise<number> {
  let count = 0
  const write = async (chunk: string | Buffer) => {
    if (!output.write(chunk)) await once(output, 'drain')
  }
  if (request.format === 'csv') {
    const csv = csvStringifier()
    const piped = new Promise<void>((resolve, reject) => {
      csv.on('data', (chunk: Buffer) => {
        if (!output.write(chunk)) {
          csv.pause()
          output.once('drain', () => csv.resume())
        }
      })
      csv.on('end', resolve)
      csv.on('error', reject)
    })
    for await (const item of exportItems(ctx, request.from, request.to)) {
      const rows = item.kind === 'payment' ? csvRows(item.payment, ctx.timeZone) : [csvIgnoredRow(item.payment, ctx.timeZone)]
      for (const row of rows) if (!csv.write(row)) await once(csv, 'drain')
      count += 1
    }
    csv.end()
    await piped
  } else {
    await write(fecHeader())
    const settings = { writeOffAccount: ctx.writeOff.account, ...ctx.fec }
    const bankAccounts = await fecBankAccounts(ctx)
    for await (const item of exportItems(ctx, request.from, request.to)) {
      const own = fecSettingsForAccount(settings, bankAccounts, 'bankAccountId' in item.payment ? item.payment.bankAccountId : null)
      await write(item.kind === 'payment' ? fecEntry(item.payment, count, own) : fecIgnoredEntry(item.payment, count, own))
      count += 1
    }
  }
  return count
}
