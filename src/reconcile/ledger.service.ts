/**
 * The accounting ledger behind the FEC: each explained, settled credit has one active entry, numbered
 * once in its journal and fiscal year and stored with its lines; every later export writes it as it is.
 *
 * The rule (docs/comptabilite.md):
 * - An entry is numbered when the ledger is brought up to date: at every FEC export, statement and
 *   closing, for every payment explained since. Numbers follow one another per journal and fiscal
 *   year (of the entry date), in the order entries are made: never reused, never renumbered.
 * - An entry is dated on the payment's business day, or on the first open day when that day is in a
 *   closed period (the audit says so). ValidDate is the day it was numbered, for every entry.
 * - When what an entry books changes (Dissocier, another invoice, a write-off, a bank reversal, an
 *   ignore undone), the entry is not touched: a reversal (contre-passation) with its own number,
 *   dated the day of the change or the first open day after, cancels it, and a new entry books the
 *   new explanation.
 */
import type { Prisma } from '@prisma/client'
import type { ReconciliationContext, Tx } from '../context.js'
import { addDays, businessDay, frenchDay, type IsoDay } from '../domain/dates.js'
import {
  DEFAULT_FEC_SETTINGS, entryNumber, fecSettingsForAccount, fiscalYearOf, ignoredLines, missingEuroAmount, reconciledLines, reversalLines,
  type FecLine, type FecSettings,
} from '../domain/export/fec.js'
import type { IgnoredPayment, ReconciledPayment } from '../domain/export/types.js'
import { fecBankAccounts } from '../settings/bank-account-fec.js'
import { ignoredPayments, reconciledPayments } from './explained-payments.service.js'

const LOCK = 'qonto-reconcile:ledger'
const BATCH = 1000

export type EntryNature = 'REGLEMENT' | 'HORS_FACTURE' | 'CONTREPASSATION'

export interface LedgerReport {
  booked: number
  reversed: number
  /** Entries dated later than their payment because its period is closed. */
  movedOutOfClosedPeriod: number
  /** Payments that could not be booked (no euro amount), with their business day, in French. */
  unbookable: Array<{ transactionId: string; day: IsoDay; problem: string }>
  /** The entries made, with their number and date. */
  entries: Array<{ transactionId: string; number: string; day: IsoDay; nature: EntryNature }>
}

interface Difference {
  transactionId: string
  fingerprint: string | null
  entryId: string | null
  /** When the payment row last changed: the day of the change a reversal is dated on. */
  changedAt: Date | null
}

/**
 * What an entry books, computed in SQL for every explained settled credit: the kind, the amount, the
 * bank account and, for a reconciled payment, each invoice with its amount, write-off and account.
 */
const CURRENT_SQL = `
  SELECT t.id, CASE WHEN t."montantAlloue" > 0 THEN
      'R|' || t.montant::text || '|' || t.devise || '|' || COALESCE(t."compteBancaireId", '') || '|' ||
      COALESCE((SELECT string_agg(a."factureId"::text || ':' || a.montant::text || ':' || a.ecart::text || ':' || COALESCE(a."ecartCompte", ''), ',' ORDER BY a."factureId"::text)
                FROM "qonto_allocations" a WHERE a."transactionId" = t.id), '')
    ELSE 'I|' || t.montant::text || '|' || t.devise || '|' || COALESCE(t."compteBancaireId", '') || '|' || t."ignoreCategorie"::text END AS fingerprint
  FROM "transactions_qonto" t
  WHERE t.statut = 'SETTLED' AND t.sens = 'CREDIT' AND (t."montantAlloue" > 0 OR t."ignoreCategorie" IS NOT NULL)`

/** The last closed day (every day up to it included is closed), or null. */
export async function closedThrough(db: Pick<Tx, '$queryRawUnsafe'>): Promise<IsoDay | null> {
  const rows = await db.$queryRawUnsafe<Array<{ day: string | null }>>(`SELECT max("jusquAu") AS day FROM "qonto_clotures"`)
  return rows[0]?.day ?? null
}

/** The day an entry of `day` is dated on: that day, or the first open day when it is closed. */
export function openDay(day: IsoDay, closed: IsoDay | null): IsoDay {
  return closed !== null && day <= closed ? addDays(closed, 1) : day
}

/** French explanation of an entry moved out of a closed period. */
export function movedNotice(closed: IsoDay, from: IsoDay, to: IsoDay): string {
  return `Période close jusqu’au ${frenchDay(closed)} : l’écriture du ${frenchDay(from)} est passée au ${frenchDay(to)}, premier jour ouvert.`
}

/** Brings the ledger up to date (all explained payments, or the given ones) in one transaction. */
export async function bringLedgerUpToDate(ctx: ReconciliationContext, scope: { transactionIds?: string[]; now?: Date } = {}): Promise<LedgerReport> {
  return ctx.prisma.$transaction((tx) => bookInTransaction(ctx, tx, scope), { timeout: 600_000, maxWait: 60_000 })
}

/** The same within the caller's transaction (a use-case that explains a payment may book it at once). */
export async function bookInTransaction(ctx: ReconciliationContext, tx: Tx, scope: { transactionIds?: string[]; now?: Date } = {}): Promise<LedgerReport> {
  await tx.$executeRawUnsafe('SELECT pg_advisory_xact_lock(hashtext($1))', LOCK)
  const report: LedgerReport = { booked: 0, reversed: 0, movedOutOfClosedPeriod: 0, unbookable: [], entries: [] }
  const ids = scope.transactionIds
  const differences = await tx.$queryRawUnsafe<Difference[]>(
    `WITH cur AS (${CURRENT_SQL}${ids ? ' AND t.id = ANY($1::text[])' : ''}),
          booked AS (SELECT id, "transactionId", empreinte FROM "qonto_ecritures" WHERE active AND nature <> 'CONTREPASSATION'${ids ? ' AND "transactionId" = ANY($1::text[])' : ''})
     SELECT COALESCE(c.id, b."transactionId") AS "transactionId", c.fingerprint, b.id AS "entryId", t."updatedAt" AS "changedAt"
     FROM cur c FULL JOIN booked b ON b."transactionId" = c.id LEFT JOIN "transactions_qonto" t ON t.id = COALESCE(c.id, b."transactionId")
     WHERE c.fingerprint IS DISTINCT FROM b.empreinte`,
    ...(ids ? [ids] : []),
  )
  if (differences.length === 0) return report
  const closed = await closedThrough(tx)
  const now = scope.now ?? new Date()
  const today = businessDay(now, ctx.timeZone)
  const settings: FecSettings = { ...DEFAULT_FEC_SETTINGS, writeOffAccount: ctx.writeOff.account, ...ctx.fec, timeZone: ctx.timeZone }
  const bankAccounts = await fecBankAccounts({ ...ctx, prisma: tx as never })
  const fresh: NewEntry[] = []

  // 1. Reversals of the entries whose payment changed, dated the day of the change (or the first open day).
  const toReverse = differences.filter((d) => d.entryId !== null).map((d) => d.entryId!)
  const changed = new Map(differences.map((d) => [d.transactionId, d.changedAt]))
  for (let i = 0; i < toReverse.length; i += BATCH) {
    const entries = await tx.$queryRawUnsafe<Array<{ id: string; journal: string; exercice: number; numero: number; transactionId: string; jour: string; lignes: FecLine[]; creeLe: Date }>>(
      `SELECT id, journal, exercice, numero, "transactionId", jour, lignes, "creeLe" FROM "qonto_ecritures" WHERE id = ANY($1::text[]) ORDER BY jour, exercice, numero`,
      toReverse.slice(i, i + BATCH),
    )
    for (const entry of entries) {
      const original = entryNumber(entry.journal, entry.exercice, entry.numero)
      // The change happened after the entry was made and no later than now; never before the entry's own day.
      const at = changed.get(entry.transactionId)
      const changeDay = at && at > entry.creeLe && at <= now ? businessDay(at, ctx.timeZone) : today
      const day = openDay(changeDay > entry.jour ? changeDay : entry.jour, closed)
      fresh.push({
        journal: entry.journal, nature: 'CONTREPASSATION', transactionId: entry.transactionId, day, fingerprint: '',
        lines: reversalLines(entry.lignes, original), reverses: entry.id,
        motif: `Contre-passation de ${original} : le rapprochement du paiement a changé.`,
      })
    }
  }
  await tx.$executeRawUnsafe(`UPDATE "qonto_ecritures" SET active = false WHERE id = ANY($1::text[])`, toReverse)
  report.reversed = toReverse.length

  // 2. New entries for what the payments book now, on their day or the first open day.
  const toBook = differences.filter((d) => d.fingerprint !== null)
  const fingerprints = new Map(toBook.map((d) => [d.transactionId, d.fingerprint!]))
  const add = (payment: ReconciledPayment | IgnoredPayment, nature: EntryNature, lines: (s: FecSettings) => FecLine[]) => {
    const problem = missingEuroAmount(payment)
    const natural = businessDay(payment.date, ctx.timeZone)
    if (problem) {
      report.unbookable.push({ transactionId: payment.transactionId, day: natural, problem })
      return
    }
    const day = openDay(natural, closed)
    const own = fecSettingsForAccount(settings, bankAccounts, payment.bankAccountId)
    if (day !== natural) report.movedOutOfClosedPeriod += 1
    fresh.push({
      journal: own.journalCode, nature, transactionId: payment.transactionId, day, fingerprint: fingerprints.get(payment.transactionId)!, lines: lines(own),
      reverses: null, motif: day !== natural ? movedNotice(closed!, natural, day) : null,
    })
  }
  for (let i = 0; i < toBook.length; i += BATCH) {
    const batch = { ids: toBook.slice(i, i + BATCH).map((d) => d.transactionId) }
    for await (const payment of reconcilePaymentsIn(ctx, tx, batch)) add(payment, 'REGLEMENT', (s) => reconciledLines(payment, s))
    for await (const payment of ignoredPaymentsIn(ctx, tx, batch)) add(payment, 'HORS_FACTURE', (s) => ignoredLines(payment, s))
  }
  report.booked = fresh.length - report.reversed
  report.entries = await insertNumbered(ctx, tx, fresh, now)
  return report
}

/** The loaders read through the transaction (its snapshot and lock), not the root client. */
const reconcilePaymentsIn = (ctx: ReconciliationContext, tx: Tx, scope: { ids: string[] }) => reconciledPayments({ ...ctx, prisma: tx as never }, scope)
const ignoredPaymentsIn = (ctx: ReconciliationContext, tx: Tx, scope: { ids: string[] }) => ignoredPayments({ ...ctx, prisma: tx as never }, scope)

interface NewEntry {
  journal: string
  nature: EntryNature
  transactionId: string
  day: IsoDay
  fingerprint: string
  lines: FecLine[]
  reverses: string | null
  motif: string | null
}

/**
 * Numbers the new entries in their journal and fiscal year, in the order given (reversals first,
 * then by day), taking a block of numbers from the sequence row (locked by the update), and stores
 * them with an audit line for each entry moved out of a closed period and each reversal.
 */
async function insertNumbered(ctx: ReconciliationContext, tx: Tx, entries: NewEntry[], now: Date): Promise<LedgerReport['entries']> {
  const numbered: LedgerReport['entries'] = []
  const startMonth = ctx.fec.fiscalYearStartMonth ?? 1
  const groups = new Map<string, NewEntry[]>()
  const sorted = [...entries].sort((a, b) => Number(b.reverses !== null) - Number(a.reverses !== null) || a.day.localeCompare(b.day))
  for (const entry of sorted) {
    const key = `${entry.journal}\u0000${fiscalYearOf(entry.day, startMonth)}`
    const group = groups.get(key)
    if (group) group.push(entry)
    else groups.set(key, [entry])
  }
  for (const [key, group] of groups) {
    const [journal, year] = key.split('\u0000') as [string, string]
    const [{ dernier }] = await tx.$queryRawUnsafe<Array<{ dernier: number }>>(
      `INSERT INTO "qonto_sequences_ecritures" (journal, exercice, dernier) VALUES ($1, $2, $3)
       ON CONFLICT (journal, exercice) DO UPDATE SET dernier = "qonto_sequences_ecritures".dernier + EXCLUDED.dernier RETURNING dernier`,
      journal, Number(year), group.length,
    ) as [{ dernier: number }]
    const first = dernier - group.length + 1
    for (let i = 0; i < group.length; i += BATCH) {
      group.slice(i, i + BATCH).forEach((e, j) => numbered.push({ transactionId: e.transactionId, number: entryNumber(journal, Number(year), first + i + j), day: e.day, nature: e.nature }))
      const rows = group.slice(i, i + BATCH).map((e, j) => ({
        id: `ecr_${journal}_${year}_${first + i + j}`, journal, exercice: Number(year), numero: first + i + j, nature: e.nature, transactionId: e.transactionId,
        jour: e.day, empreinte: e.fingerprint, lignes: e.lines, active: e.reverses === null, annuleId: e.reverses, motif: e.motif,
      }))
      await tx.$executeRawUnsafe(
        `INSERT INTO "qonto_ecritures" (id, journal, exercice, numero, nature, "transactionId", jour, empreinte, lignes, active, "annuleId", motif, "creeLe")
         SELECT id, journal, exercice, numero, nature, "transactionId", jour, empreinte, lignes, active, "annuleId", motif, $2
         FROM jsonb_to_recordset($1::jsonb) AS r(id text, journal text, exercice int, numero int, nature text, "transactionId" text, jour text, empreinte text,
              lignes jsonb, active boolean, "annuleId" text, motif text)`,
        JSON.stringify(rows), now,
      )
    }
  }
  const audited = entries.filter((e) => e.motif !== null)
  for (let i = 0; i < audited.length; i += BATCH) {
    await tx.qontoAuditLog.createMany({
      data: audited.slice(i, i + BATCH).map((e) => ({
        acteur: 'système (comptabilité)', action: e.reverses ? 'ECRITURE_CONTREPASSEE' : 'ECRITURE_REPORTEE', transactionId: e.transactionId, automatique: true,
        details: { message: e.motif, jour: e.day } as Prisma.InputJsonValue,
      })),
    })
  }
  return numbered
}
