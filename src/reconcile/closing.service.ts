/**
 * Closed periods: an admin closes every day up to a date (a month-end, the fiscal year's end). The
 * ledger is brought up to date first, so what was explained before the closing keeps its own dates;
 * afterwards no entry is ever dated on a closed day: an association, a Dissocier, a write-off, an
 * ignore, a rule, the automatic reconciliation or a late bank reversal touching a closed day is
 * booked at once, in the change's own transaction, on the first open day, and the audit says so then
 * (src/reconcile/ledger.service.ts bookClosedPeriodChanges).
 * A closing never goes back (append-only).
 */
import type { Actor, ReconciliationContext } from '../context.js'
import { ReconciliationError } from '../errors.js'
import { addDays, businessDay, dayIn, type IsoDay } from '../domain/dates.js'
import type { Language } from '../admin/locale/language.js'
import { serverTexts } from '../i18n/server-texts.js'
import { entryNumber } from '../domain/export/fec.js'
import { bookInTransaction, bringLedgerUpToDate, closedThrough } from './ledger.service.js'

/** A closing refused (a period not finished, or already closed): a ReconciliationError, nothing changed. */
export class ClosingError extends ReconciliationError {}

export interface ClosingResult {
  through: IsoDay
  /** Entries numbered by the closing (what was explained and not booked yet). */
  booked: number
  notice: string
}

/** The payments of a closed period that could not be numbered (no euro amount); empty when none. */
function unbookableNotice(language: Language, unbookable: Array<{ problem: (language: Language) => string }>): string {
  if (unbookable.length === 0) return ''
  const shown = unbookable.slice(0, 3).map((u) => u.problem(language)).join(' ; ')
  return serverTexts({ language: { current: language } }).closing.unbookable(unbookable.length, `${shown}${unbookable.length > 3 ? ' ; …' : ''}`)
}

/**
 * `language`: the notice's (the panel's for the panel, the CLI's for the CLI); the audit line is
 * written in the context's language.
 */
export async function closePeriod(ctx: ReconciliationContext, request: { through: IsoDay; actor: Actor; now?: Date; language?: Language }): Promise<ClosingResult> {
  const now = request.now ?? new Date()
  const today = businessDay(now, ctx.timeZone)
  if (request.through >= today) {
    throw new ClosingError('closeOnlyPast', request.through, addDays(today, -1))
  }
  return ctx.prisma.$transaction(async (tx) => {
    const current = await closedThrough(tx)
    if (current !== null && request.through <= current) {
      throw new ClosingError('alreadyClosed', current)
    }
    const report = await bookInTransaction(ctx, tx, { now })
    // A payment of the period that cannot be booked yet (no euro amount) does not block the closing (a dollar
    // account may never give one): the notice names it; once its euro amount is known it is booked on the first open day.
    const unbookable = report.unbookable.filter((u) => u.day <= request.through)
    await tx.qontoCloture.create({ data: { jusquAu: request.through, parId: request.actor.userId, par: request.actor.label } })
    const noticeIn = (language: Language) =>
      serverTexts({ language: { current: language } }).closing.closed(dayIn(language, request.through), dayIn(language, addDays(request.through, 1))) + unbookableNotice(language, unbookable)
    const notice = noticeIn(request.language ?? ctx.language.current)
    await tx.qontoAuditLog.create({
      data: {
        acteur: request.actor.label, userId: request.actor.userId, action: 'PERIODE_CLOTUREE',
        details: { jusquAu: request.through, precedente: current, ecrituresNumerotees: report.booked, sansMontantEnEuros: unbookable.map((u) => u.transactionId), message: noticeIn(ctx.language.current) },
      },
    })
    return { through: request.through, booked: report.booked, notice }
  }, { timeout: 600_000, maxWait: 60_000 })
}

/**
 * The French notice after a change to one payment (Associer, Dissocier, Ignorer, Rétablir) when its
 * day is closed: the change's own transaction already booked its entries on open days (with their
 * audit lines, src/reconcile/ledger.service.ts bookClosedPeriodChanges); this names those made since
 * `since` (the moment the change started). Null when the day is open.
 */
export async function bookChangeInClosedPeriod(ctx: ReconciliationContext, transactionId: string, since: Date): Promise<string | null> {
  const [closed, payment] = await Promise.all([
    closedThrough(ctx.prisma),
    ctx.prisma.transactionQonto.findUnique({ where: { id: transactionId }, select: { dateTransaction: true } }),
  ])
  if (closed === null || !payment) return null
  const day = businessDay(payment.dateTransaction, ctx.timeZone)
  if (day > closed) return null
  // Booked by the change itself; a change made outside the services (or before this rule) is booked here.
  await bringLedgerUpToDate(ctx, { transactionIds: [transactionId] })
  const entries = await ctx.prisma.$queryRawUnsafe<Array<{ journal: string; exercice: number; numero: number; jour: IsoDay; nature: string }>>(
    `SELECT journal, exercice, numero, jour, nature FROM "qonto_ecritures" WHERE "transactionId" = $1 AND "creeLe" >= $2 ORDER BY exercice, numero`,
    transactionId, since,
  )
  const language = ctx.panelLanguage.current
  const T = serverTexts({ language: ctx.panelLanguage }).closing
  const made = entries.map((e) => T.entry(entryNumber(e.journal, e.exercice, e.numero), e.nature === 'CONTREPASSATION', dayIn(language, e.jour)))
  return T.changeBooked(dayIn(language, closed), dayIn(language, day), made.length ? made.join(', ') : null)
}
