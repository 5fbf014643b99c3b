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
import { addDays, businessDay, dayIn, dayRangeToInstants, type IsoDay } from '../domain/dates.js'
import type { Language } from '../domain/language.js'
import { reconcileTexts } from '../i18n/reconcile-texts.js'
import {
  DEFAULT_FEC_SETTINGS, entryNumber, WRITE_OFF_LABEL, fecSettingsForAccount, fiscalYearOf, ignoredLines, missingEuroAmount, reconciledLines, reversalLines,
  type FecLine, type FecSettings, type Said,
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
  /** Payments that could not be booked (no euro amount), with their business day and why (in a language). */
  unbookable: Array<{ transactionId: string; day: IsoDay; problem: Said }>
  /** The entries made, with their number and date, when given payments were booked (empty for a whole catch-up). */
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
 * The payments whose active entry is not what they book now (none yet, a different one, or one that
 * books nothing any more), with the entry to reverse. What an entry books is a fingerprint computed in
 * SQL for every explained settled credit: the kind, the amount, the bank account and, for a reconciled
 * payment, each invoice with its amount, write-off and account (allocations aggregated once, not one
 * sub-query per payment). Scoped to given payments ($1) and/or to payments before an instant.
 */
function differencesSql(scope: { ids: boolean; until: boolean }): string {
  const ids = (column: string) => (scope.ids ? ` AND ${column} = ANY($1::text[])` : '')
  const until = scope.until ? `$${scope.ids ? 2 : 1}` : null
  return `
  WITH alloc AS (
    SELECT "transactionId" AS id, string_agg(a."factureId"::text || ':' || a.montant::text || ':' || a.ecart::text || ':' || COALESCE(a."ecartCompte", ''), ',' ORDER BY a."factureId"::text) AS parts
    FROM "qonto_allocations" a WHERE true${ids('a."transactionId"')} GROUP BY 1),
  -- An explained surplus joins the fingerprint only when there is one: the others keep theirs.
  surplus AS (
    SELECT "transactionId" AS id, string_agg('|S:' || x.traitement::text || ':' || (x.montant - x."montantImpute")::text, '' ORDER BY x.id) AS parts
    FROM "qonto_excedents" x WHERE x."annuleLe" IS NULL AND x.montant > x."montantImpute"${ids('x."transactionId"')} GROUP BY 1),
  cur AS (
    SELECT t.id, CASE WHEN t."montantAlloue" > 0 THEN
        'R|' || t.montant::text || '|' || t.devise || '|' || COALESCE(t."compteBancaireId", '') || '|' || COALESCE(a.parts, '') || COALESCE(s.parts, '')
      ELSE 'I|' || t.montant::text || '|' || t.devise || '|' || COALESCE(t."compteBancaireId", '') || '|' || t."ignoreCategorie"::text END AS fingerprint
    FROM "transactions_qonto" t LEFT JOIN alloc a ON a.id = t.id LEFT JOIN surplus s ON s.id = t.id
    WHERE t.statut = 'SETTLED' AND t.sens = 'CREDIT' AND (t."montantAlloue" > 0 OR t."ignoreCategorie" IS NOT NULL)${ids('t.id')}${until ? ` AND t."dateTransaction" < ${until}` : ''}),
  booked AS (SELECT id, "transactionId", empreinte FROM "qonto_ecritures" WHERE active AND nature <> 'CONTREPASSATION'${ids('"transactionId"')})
  SELECT COALESCE(c.id, b."transactionId") AS "transactionId", c.fingerprint, b.id AS "entryId", t."updatedAt" AS "changedAt"
  FROM cur c FULL JOIN booked b ON b."transactionId" = c.id LEFT JOIN "transactions_qonto" t ON t.id = COALESCE(c.id, b."transactionId")
  WHERE c.fingerprint IS DISTINCT FROM b.empreinte${until ? ` AND (t."dateTransaction" < ${until} OR t.id IS NULL)` : ''}
  ORDER BY t."dateTransaction", 1`
}

/** The last closed day (every day up to it included is closed), or null. */
export async function closedThrough(db: Pick<Tx, '$queryRawUnsafe'>): Promise<IsoDay | null> {
  const rows = await db.$queryRawUnsafe<Array<{ day: string | null }>>(`SELECT max("jusquAu") AS day FROM "qonto_clotures"`)
  return rows[0]?.day ?? null
}

/** The day an entry of `day` is dated on: that day, or the first open day when it is closed. */
export function openDay(day: IsoDay, closed: IsoDay | null): IsoDay {
  return closed !== null && day <= closed ? addDays(closed, 1) : day
}

/** Why an entry was moved out of a closed period, in a language. */
export function movedNotice(closed: IsoDay, from: IsoDay, to: IsoDay): (language: Language) => string {
  return (language) => reconcileTexts(language).ledger.moved(dayIn(language, closed), dayIn(language, from), dayIn(language, to))
}

/**
 * Which payments to book (all explained payments, or the given ones), the instant of the booking, and
 * how many entries are built and stored at a time (memory stays flat however many are due).
 */
export interface BookingScope {
  transactionIds?: string[]
  /** Only payments before this instant (the statement at a date needs no later entry). */
  until?: Date
  now?: Date
  batchSize?: number
}

/**
 * Inside the transaction of a change (an association, a Dissocier, an ignore, a rule, the automatic
 * reconciliation, a late bank reversal): the given payments dated in a closed period are booked at
 * once, so the reversal and the new entry go to the first open day and the audit says so now, not at
 * the next export. Null when none of them is in a closed period (nothing is booked: the entries of
 * open days are made at the next export, on their own days).
 */
export async function bookClosedPeriodChanges(ctx: ReconciliationContext, tx: Tx, transactionIds: string[]): Promise<LedgerReport | null> {
  if (transactionIds.length === 0) return null
  const closed = await closedThrough(tx)
  if (closed === null) return null
  const [, end] = dayRangeToInstants(closed, closed, ctx.timeZone)
  const inClosed = await tx.$queryRawUnsafe<Array<{ id: string }>>(
    `SELECT id FROM "transactions_qonto" WHERE id = ANY($1::text[]) AND "dateTransaction" < $2`,
    transactionIds, end,
  )
  if (inClosed.length === 0) return null
  return bookInTransaction(ctx, tx, { transactionIds: inClosed.map((r) => r.id) })
}

/** Brings the ledger up to date in one transaction. */
export async function bringLedgerUpToDate(ctx: ReconciliationContext, scope: BookingScope = {}): Promise<LedgerReport> {
  return ctx.prisma.$transaction((tx) => bookInTransaction(ctx, tx, scope), { timeout: 600_000, maxWait: 60_000 })
}

/**
 * The same within the caller's transaction (a use-case that explains a payment may book it at once).
 * The ledger lock serializes bookings across processes; entries are built, numbered and stored in
 * batches: reversals first (by their day), then new entries by payment date, each batch taking the
 * next block of its journal's sequence. The numbers are those a single pass over everything would give.
 */
export async function bookInTransaction(ctx: ReconciliationContext, tx: Tx, scope: BookingScope = {}): Promise<LedgerReport> {
  await tx.$executeRawUnsafe('SELECT pg_advisory_xact_lock(hashtext($1))', LOCK)
  const report: LedgerReport = { booked: 0, reversed: 0, movedOutOfClosedPeriod: 0, unbookable: [], entries: [] }
  const ids = scope.transactionIds
  const batchSize = Math.max(1, scope.batchSize ?? BATCH)
  const differences = await tx.$queryRawUnsafe<Difference[]>(
    differencesSql({ ids: ids !== undefined, until: scope.until !== undefined }),
    ...(ids ? [ids] : []), ...(scope.until ? [scope.until] : []),
  )
  if (differences.length === 0) return report
  const closed = await closedThrough(tx)
  const now = scope.now ?? new Date()
  const today = businessDay(now, ctx.timeZone)
  const settings: FecSettings = { ...DEFAULT_FEC_SETTINGS, writeOffAccount: ctx.writeOff.account, ...ctx.fec, timeZone: ctx.timeZone }
  const bankAccounts = await fecBankAccounts({ ...ctx, prisma: tx as never })
  const store = entryStore(ctx, tx, now)
  // The entries made are listed for a booking of given payments (a message names them), not for a whole catch-up.
  const keep = (made: LedgerReport['entries']) => {
    if (ids) report.entries.push(...made)
  }

  // 1. Reversals of the entries whose payment changed, dated the day of the change (or the first open day):
  //    every reversal's day first (no lines read), then the lines a batch at a time, in day order.
  const toReverse = differences.filter((d) => d.entryId !== null).map((d) => d.entryId!)
  const heads = toReverse.length === 0 ? [] : await tx.$queryRawUnsafe<Array<{ id: string; jour: string; creeLe: Date; changedAt: Date | null }>>(
    `SELECT e.id, e.jour, e."creeLe", t."updatedAt" AS "changedAt" FROM "qonto_ecritures" e LEFT JOIN "transactions_qonto" t ON t.id = e."transactionId"
     WHERE e.id = ANY($1::text[]) ORDER BY e.jour, e.exercice, e.numero`,
    toReverse,
  )
  const reversals = heads
    .map((entry) => {
      // The change happened after the entry was made and no later than now; never before the entry's own day.
      const at = entry.changedAt
      const changeDay = at && at > entry.creeLe && at <= now ? businessDay(at, ctx.timeZone) : today
      return { id: entry.id, day: openDay(changeDay > entry.jour ? changeDay : entry.jour, closed) }
    })
    .sort((a, b) => a.day.localeCompare(b.day))
  for (let i = 0; i < reversals.length; i += batchSize) {
    const batch = reversals.slice(i, i + batchSize)
    const rows = await tx.$queryRawUnsafe<Array<{ id: string; journal: string; exercice: number; numero: number; transactionId: string; lignes: FecLine[]; banque: bigint; ecart: bigint; rubrique: EntryNature }>>(
      `SELECT id, journal, exercice, numero, "transactionId", lignes, banque, ecart, rubrique FROM "qonto_ecritures" WHERE id = ANY($1::text[])`,
      batch.map((r) => r.id),
    )
    const byId = new Map(rows.map((row) => [row.id, row]))
    const made = batch.map(({ id, day }): NewEntry => {
      const entry = byId.get(id)!
      const original = entryNumber(entry.journal, entry.exercice, entry.numero)
      return {
        journal: entry.journal, nature: 'CONTREPASSATION', transactionId: entry.transactionId, day, fingerprint: '',
        lines: reversalLines(entry.lignes, original), reverses: entry.id,
        bank: -Number(entry.banque), writeOff: -Number(entry.ecart), heading: entry.rubrique,
        motif: (language) => reconcileTexts(language).ledger.reversal(original),
      }
    })
    await tx.$executeRawUnsafe(`UPDATE "qonto_ecritures" SET active = false WHERE id = ANY($1::text[])`, batch.map((r) => r.id))
    keep(await store(made))
  }
  report.reversed = reversals.length

  // 2. New entries for what the payments book now, on their day or the first open day, by payment date.
  const toBook = differences.filter((d) => d.fingerprint !== null)
  for (let i = 0; i < toBook.length; i += batchSize) {
    const slice = toBook.slice(i, i + batchSize)
    const position = new Map(slice.map((d, j) => [d.transactionId, j]))
    const fresh: Array<NewEntry & { at: number }> = []
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
      const made = lines(own)
      fresh.push({
        at: position.get(payment.transactionId)!,
        journal: own.journalCode, nature, transactionId: payment.transactionId, day, fingerprint: slice[position.get(payment.transactionId)!]!.fingerprint!, lines: made,
        reverses: null, motif: day !== natural ? movedNotice(closed!, natural, day) : null, heading: nature, ...bookedAmounts(made, payment.currency),
      })
    }
    const batch = { ids: slice.map((d) => d.transactionId) }
    for await (const payment of reconcilePaymentsIn(ctx, tx, batch)) add(payment, 'REGLEMENT', (s) => reconciledLines(payment, s))
    for await (const payment of ignoredPaymentsIn(ctx, tx, batch)) add(payment, 'HORS_FACTURE', (s) => ignoredLines(payment, s))
    const made = await store(fresh.sort((a, b) => a.at - b.at))
    report.booked += made.length
    keep(made)
  }
  return report
}

/** The loaders read through the transaction (its snapshot and lock), not the root client. */
const reconcilePaymentsIn = (ctx: ReconciliationContext, tx: Tx, scope: { ids: string[] }) => reconciledPayments({ ...ctx, prisma: tx as never }, scope)
const ignoredPaymentsIn = (ctx: ReconciliationContext, tx: Tx, scope: { ids: string[] }) => ignoredPayments({ ...ctx, prisma: tx as never }, scope)

/** What an entry books on the bank (signed, in the payment's own currency) and in write-offs (euros). */
function bookedAmounts(lines: FecLine[], currency: string): { bank: number; writeOff: number } {
  const bankLine = lines[0]!
  const signed = bankLine.debit - bankLine.credit
  const bank = currency === 'EUR' ? signed : Math.sign(signed) * (bankLine.foreign?.cents ?? 0)
  const writeOff = lines.filter((l) => l.accountLabel === WRITE_OFF_LABEL).reduce((sum, l) => sum + l.debit - l.credit, 0)
  return { bank, writeOff }
}

interface NewEntry {
  /** Bank amount, write-off amount and heading (REGLEMENT or HORS_FACTURE) for the statement. */
  bank: number
  writeOff: number
  heading: EntryNature
  journal: string
  nature: EntryNature
  transactionId: string
  day: IsoDay
  fingerprint: string
  lines: FecLine[]
  reverses: string | null
  /**
   * Why the entry was made out of the ordinary (a reversal, a move out of a closed period), in a
   * language: the ledger keeps it in French (the accountant's record), the audit line says it in the
   * context's language.
   */
  motif: ((language: Language) => string) | null
}

/**
 * Numbers a batch of new entries in their journal and fiscal year, in the order given, taking the
 * next block of numbers from the sequence row (locked by the update until the transaction ends), and
 * stores them with an audit line for each entry moved out of a closed period and each reversal.
 */
function entryStore(ctx: ReconciliationContext, tx: Tx, now: Date) {
  const startMonth = ctx.fec.fiscalYearStartMonth ?? 1
  return async (entries: NewEntry[]): Promise<LedgerReport['entries']> => {
    const numbered: LedgerReport['entries'] = []
    const groups = new Map<string, NewEntry[]>()
    for (const entry of entries) {
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
      group.forEach((e, j) => numbered.push({ transactionId: e.transactionId, number: entryNumber(journal, Number(year), first + j), day: e.day, nature: e.nature }))
      const rows = group.map((e, j) => ({
        id: `ecr_${journal}_${year}_${first + j}`, journal, exercice: Number(year), numero: first + j, nature: e.nature, transactionId: e.transactionId,
        jour: e.day, empreinte: e.fingerprint, lignes: e.lines, banque: e.bank, ecart: e.writeOff, rubrique: e.heading, active: e.reverses === null, annuleId: e.reverses, motif: e.motif?.('fr') ?? null,
      }))
      await tx.$executeRawUnsafe(
        `INSERT INTO "qonto_ecritures" (id, journal, exercice, numero, nature, "transactionId", jour, empreinte, banque, ecart, rubrique, lignes, active, "annuleId", motif, "creeLe")
         SELECT id, journal, exercice, numero, nature, "transactionId", jour, empreinte, banque, ecart, rubrique, lignes, active, "annuleId", motif, $2
         FROM jsonb_to_recordset($1::jsonb) AS r(id text, journal text, exercice int, numero int, nature text, "transactionId" text, jour text, empreinte text,
              banque bigint, ecart bigint, rubrique text, lignes jsonb, active boolean, "annuleId" text, motif text)`,
        JSON.stringify(rows), now,
      )
    }
    const audited = entries.filter((e) => e.motif !== null)
    if (audited.length > 0) {
      await tx.qontoAuditLog.createMany({
        data: audited.map((e) => ({
          acteur: 'système (comptabilité)', action: e.reverses ? 'ECRITURE_CONTREPASSEE' : 'ECRITURE_REPORTEE', transactionId: e.transactionId, automatique: true,
          details: { message: e.motif!(ctx.language.current), jour: e.day } as Prisma.InputJsonValue,
        })),
      })
    }
    return numbered
  }
}
