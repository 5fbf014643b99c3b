/**
 * Accounting exports over a period, streamed so a year never sits in memory.
 * - CSV: the explained payments as they are now, one row per invoice (keyset batches).
 * - FEC: the ledger's entries dated in the period (src/reconcile/ledger.service.ts), brought up to
 *   date first: the same entry keeps its number and lines in every export, a change is a reversal.
 * Nothing is written before the export is known to be complete: a payment that cannot be booked
 * (no euro amount) is refused, in the reader’s language (FecError.in), before the first byte.
 */
import { once } from 'node:events'
import type { Writable } from 'node:stream'
import { z } from 'zod'
import type { ReconciliationContext } from '../context.js'
import type { Language } from '../domain/language.js'
import { businessDay, dayRangeToInstants } from '../domain/dates.js'
import { csvIgnoredRow, csvRows, csvStringifier } from '../domain/export/csv.js'
import { entryNumber, FecError, fecEntryText, fecHeader, type FecLine } from '../domain/export/fec.js'
import type { IgnoredPayment, ReconciledPayment } from '../domain/export/types.js'
import { reconcileTexts } from '../i18n/reconcile-texts.js'
import { ignoredPayments, reconciledPayments } from './explained-payments.service.js'
import { bringLedgerUpToDate } from './ledger.service.js'

export const isoDay = z
  .string({ message: 'date attendue au format AAAA-MM-JJ' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date attendue au format AAAA-MM-JJ')
  .refine((d) => !Number.isNaN(Date.parse(d)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'date invalide')
  .refine((d) => d >= '2000-01-01' && d <= '2199-12-31', 'date hors limites (2000 à 2199)')
export const exportRequestSchema = z
  .object({ format: z.enum(['csv', 'fec'], { message: 'format attendu : csv ou fec' }), from: isoDay, to: isoDay })
  .refine((r) => r.from <= r.to, { message: 'la date de début doit précéder la date de fin', path: ['to'] })
export type ExportRequest = z.infer<typeof exportRequestSchema>

const BATCH = 2000

type ExportItem = { kind: 'payment'; payment: ReconciledPayment } | { kind: 'ignored'; payment: IgnoredPayment }

/** Reconciled and ignored payments of the period in one chronological stream (two keyset streams merged). */
async function* exportItems(ctx: ReconciliationContext, from: string, to: string): AsyncGenerator<ExportItem> {
  const scope = { range: dayRangeToInstants(from, to, ctx.timeZone) }
  const reconciled = reconciledPayments(ctx, scope)
  const ignored = ignoredPayments(ctx, scope)
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

/** Where the file goes; a function is called only once the export is known to be complete (headers, a file). */
export type ExportOutput = Writable | (() => Writable)

/**
 * Writes the export; resolves with the number of payments (CSV) or entries (FEC). Throws a FecError
 * before `output` is opened when the FEC cannot be complete.
 */
export async function writeExport(ctx: ReconciliationContext, request: ExportRequest, target: ExportOutput): Promise<number> {
  if (request.format === 'fec') {
    const report = await bringLedgerUpToDate(ctx)
    const blocking = report.unbookable.filter((u) => u.day >= request.from && u.day <= request.to)
    if (blocking.length > 0) {
      const shown = (language: Language) => `${blocking.slice(0, 5).map((u) => u.problem(language)).join(' ; ')}${blocking.length > 5 ? ' ; …' : ''}`
      throw new FecError((language) => reconcileTexts(language).fec.refused(blocking.length, shown(language)))
    }
  }
  const output = typeof target === 'function' ? target() : target
  const write = async (chunk: string | Buffer) => {
    if (!output.write(chunk)) await once(output, 'drain')
  }
  let count = 0
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
    return count
  }
  await write(fecHeader())
  let chunk = ''
  for await (const entry of ledgerEntries(ctx, request.from, request.to)) {
    chunk += fecEntryText(entry)
    count += 1
    if (chunk.length > 64_000) {
      await write(chunk)
      chunk = ''
    }
  }
  if (chunk) await write(chunk)
  return count
}

interface EntryRow {
  journal: string
  exercice: number
  numero: number
  jour: string
  lignes: FecLine[]
  creeLe: Date
}

/** The ledger's entries dated within [from, to], by day then number, in keyset batches. */
export async function* ledgerEntries(ctx: ReconciliationContext, from: string, to: string) {
  let after: EntryRow | null = null
  for (;;) {
    const keyset = after ? 'AND (jour, journal, exercice, numero) > ($4, $5, $6, $7)' : ''
    const rows: EntryRow[] = await ctx.prisma.$queryRawUnsafe<EntryRow[]>(
      `SELECT journal, exercice, numero, jour, lignes, "creeLe" FROM "qonto_ecritures"
       WHERE jour >= $1 AND jour <= $2 ${keyset} ORDER BY jour, journal, exercice, numero LIMIT $3`,
      from, to, BATCH, ...(after ? [after.jour, after.journal, after.exercice, after.numero] : []),
    )
    if (rows.length === 0) return
    for (const row of rows) {
      yield {
        journalCode: row.journal,
        journalLabel: ctx.fec.journalLabel,
        number: entryNumber(row.journal, row.exercice, row.numero),
        day: row.jour,
        validDay: businessDay(row.creeLe, ctx.timeZone),
        lines: row.lignes,
      }
    }
    after = rows[rows.length - 1]!
  }
}
