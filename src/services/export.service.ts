/**
 * Accounting exports of reconciled payments over a period, streamed: payments are read in keyset
 * batches and written as they come, so a year of payments never sits in memory.
 */
import { once } from 'node:events'
import type { Writable } from 'node:stream'
import { Prisma, type PrismaClient } from '@prisma/client'
import { z } from 'zod'
import { csvRows, csvStringifier } from '../domain/export/csv.js'
import { DEFAULT_FEC_SETTINGS, fecEntry, fecHeader, type FecSettings } from '../domain/export/fec.js'
import type { ReconciledPayment } from '../domain/export/types.js'
import { toCents } from '../domain/money.js'

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date attendue au format AAAA-MM-JJ').refine((d) => !Number.isNaN(Date.parse(d)), 'date invalide')
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
  invoiceNumber: string
  clientId: string | null
  clientName: string | null
  allocated: Prisma.Decimal
  mode: string
  at: Date
  by: string | null
}

/** Reconciled payments dated within [from, to] (whole days), oldest first. */
export async function* reconciledPayments(prisma: PrismaClient, from: string, to: string): AsyncGenerator<ReconciledPayment> {
  const start = new Date(`${from}T00:00:00Z`)
  const end = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000)
  let after: { date: Date; id: string } | null = null
  for (;;) {
    const keyset: Prisma.Sql = after ? Prisma.sql`AND ("dateTransaction", id) > (${after.date}, ${after.id})` : Prisma.empty
    const rows: Row[] = await prisma.$queryRaw<Row[]>`
      WITH batch AS (
        SELECT id, "qontoId", "dateTransaction", emetteur, "emetteurIban", reference, montant, devise FROM "transactions_qonto"
        WHERE "montantAlloue" > 0 AND "dateTransaction" >= ${start} AND "dateTransaction" < ${end} ${keyset}
        ORDER BY "dateTransaction", id LIMIT ${BATCH})
      SELECT b.*, d.reference AS "invoiceNumber", m.id AS "clientId", m.nom AS "clientName", a.montant AS allocated,
             a.mode::text AS mode, a."createdAt" AS at, COALESCE(u.email, 'système') AS by
      FROM batch b JOIN "allocations" a ON a."transactionId" = b.id JOIN "documents" d ON d.id = a."documentId"
      LEFT JOIN "marques" m ON m.id = d."marqueId" LEFT JOIN "users" u ON u.id = a."creeParId"
      ORDER BY b."dateTransaction", b.id, d.reference`
    if (rows.length === 0) return
    let current = null as ReconciledPayment | null
    for (const row of rows) {
      if (current?.transactionId !== row.id) {
        if (current) yield current
        current = {
          transactionId: row.id,
          qontoId: row.qontoId,
          date: row.dateTransaction,
          payer: row.emetteur,
          iban: row.emetteurIban,
          reference: row.reference,
          amountCents: toCents(row.montant),
          currency: row.devise,
          allocations: [],
        }
      }
      current.allocations.push({
        invoiceNumber: row.invoiceNumber,
        clientId: row.clientId,
        clientName: row.clientName,
        amountCents: toCents(row.allocated),
        by: row.by,
        automatic: row.mode === 'AUTOMATIQUE',
        at: row.at,
      })
    }
    if (current) yield current
    const last = rows[rows.length - 1]!
    after = { date: last.dateTransaction, id: last.id }
  }
}

export function fecSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): FecSettings {
  return {
    journalCode: env.FEC_JOURNAL_CODE ?? DEFAULT_FEC_SETTINGS.journalCode,
    journalLabel: env.FEC_JOURNAL_LIB ?? DEFAULT_FEC_SETTINGS.journalLabel,
    bankAccount: env.FEC_BANK_ACCOUNT ?? DEFAULT_FEC_SETTINGS.bankAccount,
    bankAccountLabel: env.FEC_JOURNAL_LIB ?? DEFAULT_FEC_SETTINGS.bankAccountLabel,
    clientAccount: env.FEC_CLIENT_ACCOUNT ?? DEFAULT_FEC_SETTINGS.clientAccount,
  }
}

export function exportFileName({ format, from, to }: ExportRequest): string {
  return format === 'csv' ? `rapprochements_${from}_${to}.csv` : `FEC_rapprochements_${from.replace(/-/g, '')}_${to.replace(/-/g, '')}.txt`
}

/** Writes the export to `output` (a file, stdout or an HTTP response); resolves with the payment count. */
export async function writeExport(prisma: PrismaClient, request: ExportRequest, output: Writable, settings = fecSettingsFromEnv()): Promise<number> {
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
    for await (const payment of reconciledPayments(prisma, request.from, request.to)) {
      for (const row of csvRows(payment)) if (!csv.write(row)) await once(csv, 'drain')
      count += 1
    }
    csv.end()
    await piped
  } else {
    await write(fecHeader())
    for await (const payment of reconciledPayments(prisma, request.from, request.to)) {
      await write(fecEntry(payment, count, settings))
      count += 1
    }
  }
  return count
}
