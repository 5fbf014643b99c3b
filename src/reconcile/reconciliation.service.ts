/**
 * Associating a payment with invoices, and undoing it. One database transaction with row locks
 * (transaction first, then invoices in id order), so a double click or two admins at once end
 * with exactly one association; every refusal is a French message and changes nothing.
 */
import { learnFromConfirmations, undoLearnedFrom } from './learned-habits.service.js'
import { serverTexts } from '../i18n/server-texts.js'
import { ReconciliationError } from '../errors.js'
import type { Prisma } from '@prisma/client'
import { SYSTEM_ACTOR, notify, type Actor, type ReconciliationContext, type Tx } from '../context.js'
import { businessDay, dateTimeIn, dayIn, timeIn } from '../domain/dates.js'
import { statusForPaidAmount, type InvoiceStatus } from '../domain/invoice-status.js'
import { centsToDecimalString, formatEuros, formatEurosIn, toCents, type Cents } from '../domain/money.js'
import type { MatchMethod, Reason, ReasonFact, SuggestionFacts } from '../domain/matching/types.js'
import { CONFIRMATION_TEXTS, methodWord, notSureText, reasonLabel, TIER_TEXTS } from '../domain/matching/reason-texts.js'
import type { Language } from '../domain/language.js'
import type { InvoiceRecord, PaymentWrite } from '../host/invoices.js'
import { acceptsOneClick, confidenceTier } from '../domain/matching/confidence.js'
import { PAID_EMAIL_KEY_SEPARATOR, paidEmailKey, releaseAllocations, type ReleasedAllocation } from './allocation-release.service.js'
import { enqueueEmails } from './email-outbox.service.js'
import { creditorReferenceLine } from './creditor-reference.service.js'
import { cancelSurplus } from './surplus-cancel.js'
import { bookClosedPeriodChanges } from './ledger.service.js'

export { SYSTEM_ACTOR, type Actor }

export { ReconciliationError }

export type AssociationMode = 'MANUEL' | 'SUGGESTION' | 'AUTOMATIQUE'

export type WriteOffReason = 'FRAIS_BANCAIRES' | 'ARRONDI' | 'AUTRE'
export const WRITE_OFF_LABELS: Record<WriteOffReason, string> = { FRAIS_BANCAIRES: 'frais bancaires', ARRONDI: 'arrondi', AUTRE: 'autre' }

/** "Solder avec écart": what an invoice still owes after this allocation, closed without cash. */
export interface WriteOff {
  invoiceId: string
  amountCents: Cents
  motif: WriteOffReason
}

export interface AssociationRequest {
  transactionId: string
  allocations: Array<{ invoiceId: string; amountCents: Cents }>
  writeOffs?: WriteOff[]
  actor: Actor
  mode: AssociationMode
  score?: number
  /**
   * The suggestion's reasons: as data (the matcher's), written in the context's language into the
   * allocation and the audit, and kept so; a reason already written (a host passing `{ code, label }`
   * from `core.suggestions`) is kept as it is.
   */
  reasons?: ReadonlyArray<ReasonFact | Reason>
  /** The suggestion's method (the matcher's own), recorded in the audit next to its reasons. */
  method?: MatchMethod
  /** An automatic association notifies on its own unless a bulk run sends one summary instead (false). */
  notify?: boolean
}

export interface AssociationResult {
  transactionId: string
  fullyAllocated: boolean
  invoices: Array<{ id: string; reference: string; status: string; remainingCents: Cents; writeOffCents: Cents }>
  /** "Facture réglée" e-mails queued, and when they leave (undoing before cancels them). */
  emails: Array<{ to: string; subject: string; leavesAt: Date }>
}

/** "Écart de 0,50 € (frais bancaires, compte 627000)", or "Write-off of €0.50 (bank fees, account 627000)". */
export const writeOffLabel = (cents: Cents, motif: WriteOffReason, account: string, language: Language = 'fr') =>
  serverTexts({ language: { current: language } }).notices.writeOff(formatEurosIn(language, cents), motif, account)

/** Reasons as history keeps them: `{ code, label }`, a reason given as data written in `language`. */
const writtenReasons = (reasons: AssociationRequest['reasons'], language: Language): Reason[] =>
  (reasons ?? []).map((r) => ('label' in r ? { code: r.code, label: r.label } : { code: r.code, label: reasonLabel(r, language) }))

/**
 * Whether an association may be applied without a confirmation step: only the server's own "sûr"
 * suggestion, exactly as the matcher proposes it (no write-off). Returns why otherwise, in `language`.
 */
export function confirmationReason(
  suggestion: Pick<SuggestionFacts, 'score' | 'autoApply' | 'notSure'> | undefined,
  writeOffs: WriteOff[] = [],
  language: Language = 'fr',
): string | null {
  if (writeOffs.length > 0) return CONFIRMATION_TEXTS.writeOff[language]
  if (!suggestion) return CONFIRMATION_TEXTS.manual[language]
  if (!acceptsOneClick(suggestion)) {
    return CONFIRMATION_TEXTS.tier[language](TIER_TEXTS[confidenceTier(suggestion)][language], suggestion.notSure ? notSureText(suggestion.notSure, language) : null)
  }
  return null
}

/**
 * Clicks, automatic runs and webhook processing of several processes compete for the pool's
 * connections and the same rows: an association waits its turn for a connection as it waits for a
 * row lock (Prisma's default gives up after 2 s with an English error), within its own timeout.
 */
const WAIT_YOUR_TURN = { maxWait: 20_000, timeout: 30_000 }

export async function associate(ctx: ReconciliationContext, request: AssociationRequest): Promise<AssociationResult> {
  validateShape(request)
  return ctx.prisma.$transaction((tx) => associateInTransaction(ctx, tx, request), WAIT_YOUR_TURN)
}

/** One association's outcome in a batch: applied, or refused (in French) and nothing of it written. */
export type AssociationOutcome = { ok: true; result: AssociationResult } | { ok: false; error: ReconciliationError }

/**
 * Several associations in one database transaction, each checked as if applied one after another in
 * the order given (a payment or an invoice an earlier one used is seen as it left them); a refused one
 * writes nothing and the others still apply. The writes are set-based: a batch costs a handful of
 * statements plus one host update per invoice, where one association at a time costs about ten each.
 */
export async function associateMany(ctx: ReconciliationContext, requests: AssociationRequest[]): Promise<AssociationOutcome[]> {
  if (requests.length === 0) return []
  return ctx.prisma.$transaction((tx) => associateManyInTransaction(ctx, tx, requests), { ...WAIT_YOUR_TURN, timeout: 60_000 })
}

function validateShape({ allocations, writeOffs = [] }: AssociationRequest): void {
  if (allocations.length === 0) throw new ReconciliationError('noInvoiceChosen')
  const ids = new Set(allocations.map((a) => a.invoiceId))
  if (ids.size !== allocations.length) throw new ReconciliationError('invoiceTwice')
  for (const { amountCents } of allocations) {
    if (!Number.isSafeInteger(amountCents) || amountCents <= 0) throw new ReconciliationError('allocationNotPositive')
  }
  const written = new Set<string>()
  for (const w of writeOffs) {
    if (!ids.has(w.invoiceId)) throw new ReconciliationError('writeOffOutsideMatch')
    if (written.has(w.invoiceId)) throw new ReconciliationError('writeOffTwice')
    written.add(w.invoiceId)
    if (!Number.isSafeInteger(w.amountCents) || w.amountCents <= 0) throw new ReconciliationError('writeOffNotPositive')
    if (!(w.motif in WRITE_OFF_LABELS)) throw new ReconciliationError('writeOffReasonUnknown')
  }
}

type LockedTransaction = { id: string; montant: Prisma.Decimal; montantAlloue: Prisma.Decimal; devise: string; sens: string; statut: string; dateTransaction: Date; emetteur: string | null; ignoreCategorie: string | null }

/** `associate` inside a database transaction the caller holds (a client credit applied to an invoice). */
export async function associateInTransaction(ctx: ReconciliationContext, tx: Tx, request: AssociationRequest): Promise<AssociationResult> {
  const [outcome] = await associateManyInTransaction(ctx, tx, [request])
  if (!outcome!.ok) throw outcome!.error
  return outcome!.result
}

/** A payment as the batch has left it so far. */
interface PaymentState {
  row: LockedTransaction
  allocatedCents: Cents
  /** The invoices it is allocated to. */
  invoiceIds: Set<string>
}

/** What one checked association writes, before anything is written. */
interface PlannedAssociation {
  request: AssociationRequest
  payment: PaymentState
  total: Cents
  allocatedCents: Cents
  paidDay: string
  invoices: Array<{ invoice: InvoiceRecord; amountCents: Cents; writeOff: WriteOff | undefined; status: InvoiceStatus; paidCents: Cents }>
  result: AssociationResult
}

export async function associateManyInTransaction(ctx: ReconciliationContext, tx: Tx, requests: AssociationRequest[]): Promise<AssociationOutcome[]> {
  const outcomes: Array<AssociationOutcome | undefined> = requests.map((request) => {
    try {
      validateShape(request)
      return undefined
    } catch (error) {
      if (error instanceof ReconciliationError) return { ok: false, error }
      throw error
    }
  })
  const valid = requests.filter((_, i) => outcomes[i] === undefined)
  // Locks in one order whatever the batch: payments first, then invoices, each by id.
  const paymentIds = [...new Set(valid.map((r) => r.transactionId))]
  const locked = paymentIds.length === 0 ? [] : await tx.$queryRawUnsafe<LockedTransaction[]>(
    `SELECT id, montant, "montantAlloue", devise, sens::text AS sens, statut::text AS statut, "dateTransaction", emetteur,
            "ignoreCategorie"::text AS "ignoreCategorie"
     FROM "transactions_qonto" WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE`,
    paymentIds,
  )
  const invoiceIds = [...new Set(valid.flatMap((r) => r.allocations.map((a) => a.invoiceId)))]
  const invoices = new Map((await ctx.invoices.byIds(tx, invoiceIds, { lock: true })).map((invoice) => [invoice.id, invoice]))
  const existing = locked.length === 0 ? [] : await tx.qontoAllocation.findMany({ where: { transactionId: { in: locked.map((t) => t.id) } }, select: { transactionId: true, factureId: true } })
  const payments = new Map<string, PaymentState>(
    locked.map((row) => {
      const own = existing.filter((e) => e.transactionId === row.id).map((e) => String(e.factureId))
      return [row.id, { row, allocatedCents: toCents(row.montantAlloue), invoiceIds: new Set(own) }]
    }),
  )

  const planned: PlannedAssociation[] = []
  requests.forEach((request, i) => {
    if (outcomes[i] !== undefined) return
    try {
      const association = checkAssociation(ctx, request, payments, invoices)
      // What the next ones see: the payment and the invoices as this one leaves them.
      const { payment } = association
      payment.allocatedCents = association.allocatedCents
      for (const a of association.invoices) {
        payment.invoiceIds.add(a.invoice.id)
        invoices.set(a.invoice.id, { ...a.invoice, paidCents: a.paidCents, status: a.status })
      }
      planned.push(association)
      outcomes[i] = { ok: true, result: association.result }
    } catch (error) {
      if (!(error instanceof ReconciliationError)) throw error
      outcomes[i] = { ok: false, error }
    }
  })
  if (planned.length > 0) await writeAssociations(ctx, tx, planned)
  return outcomes as AssociationOutcome[]
}

/** Every check of one association against the payment and invoices as the batch has left them; throws a French refusal. */
function checkAssociation(ctx: ReconciliationContext, request: AssociationRequest, payments: Map<string, PaymentState>, invoices: Map<string, InvoiceRecord>): PlannedAssociation {
  const payment = payments.get(request.transactionId)
  if (!payment) throw new ReconciliationError('transactionNotFound')
  const transaction = payment.row
  if (transaction.sens !== 'CREDIT') throw new ReconciliationError('transactionIsDebit')
  if (transaction.ignoreCategorie !== null) {
    throw new ReconciliationError('paymentIgnored')
  }
  if (transaction.statut !== 'SETTLED') throw new ReconciliationError('transactionNotSettled')
  const remaining = toCents(transaction.montant) - payment.allocatedCents
  if (remaining <= 0) throw new ReconciliationError('transactionFullyMatched')
  const total = request.allocations.reduce((sum, a) => sum + a.amountCents, 0)
  if (total > remaining) {
    throw new ReconciliationError('paymentOverAllocated', total, remaining)
  }
  const result: AssociationResult = { transactionId: transaction.id, fullyAllocated: total === remaining, invoices: [], emails: [] }
  const writeOffs = new Map((request.writeOffs ?? []).map((w) => [w.invoiceId, w]))
  const changes: PlannedAssociation['invoices'] = []
  for (const { invoiceId, amountCents } of request.allocations) {
    const invoice = invoices.get(invoiceId)
    if (!invoice) throw new ReconciliationError('invoiceNotFound')
    if (invoice.status !== 'ENVOYE' && invoice.status !== 'PARTIELLEMENT_PAYE') {
      throw new ReconciliationError('invoiceNotOpen', invoice.number, invoice.status)
    }
    if (invoice.currency !== transaction.devise) {
      throw new ReconciliationError('currencyMismatch', invoice.number, invoice.currency, transaction.devise)
    }
    if (payment.invoiceIds.has(invoiceId)) throw new ReconciliationError('alreadyMatchedTo', invoice.number)
    const open = invoice.totalCents - invoice.paidCents
    if (amountCents > open) {
      throw new ReconciliationError('invoiceOverAllocated', invoice.number, amountCents, open)
    }
    const writeOff = writeOffs.get(invoiceId)
    const writeOffCents = writeOff?.amountCents ?? 0
    if (writeOff) {
      if (writeOffCents > ctx.writeOff.maxCents) {
        throw new ReconciliationError('writeOffOverLimit', writeOffCents, invoice.number, ctx.writeOff.maxCents)
      }
      if (amountCents + writeOffCents !== open) {
        throw new ReconciliationError('writeOffMismatch', invoice.number, open, amountCents + writeOffCents)
      }
    }
    const paidCents = invoice.paidCents + amountCents + writeOffCents
    const status = statusForPaidAmount(paidCents, invoice.totalCents)
    changes.push({ invoice, amountCents, writeOff, status, paidCents })
    result.invoices.push({ id: invoiceId, reference: invoice.number, status, remainingCents: open - amountCents - writeOffCents, writeOffCents })
  }
  return {
    request,
    payment,
    total,
    allocatedCents: payment.allocatedCents + total,
    paidDay: businessDay(transaction.dateTransaction, ctx.timeZone),
    invoices: changes,
    result,
  }
}

/** The checked associations' writes, set-based (one statement each): invoices, allocations, e-mails, payments, audit, notifications. */
async function writeAssociations(ctx: ReconciliationContext, tx: Tx, planned: PlannedAssociation[]): Promise<void> {
  // An invoice two payments of the batch touch is written once, as the last one leaves it.
  const invoiceWrites = new Map<string, PaymentWrite>()
  for (const { invoices, paidDay, payment } of planned) {
    for (const { invoice, status, paidCents } of invoices) {
      const fullyPaid = status === 'PAYE'
      invoiceWrites.set(invoice.id, { status, paidCents, paidDay: fullyPaid ? paidDay : null, paidAt: fullyPaid ? payment.row.dateTransaction : null })
    }
  }
  await ctx.invoices.writePayments(tx, [...invoiceWrites].map(([invoiceId, change]) => ({ invoiceId, change })))
  await tx.qontoAllocation.createMany({
    data: planned.flatMap(({ request, payment, invoices }) =>
      invoices.map(({ invoice, amountCents, writeOff }) => ({
        transactionId: payment.row.id,
        factureId: ctx.invoices.hostId(invoice.id),
        montant: centsToDecimalString(amountCents),
        mode: request.mode,
        score: request.score ?? null,
        raisons: writtenReasons(request.reasons, ctx.language.current) as unknown as Prisma.InputJsonValue,
        creeParId: request.actor.userId,
        creePar: request.actor.label,
        ...(writeOff ? { ecart: centsToDecimalString(writeOff.amountCents), ecartMotif: writeOff.motif, ecartCompte: ctx.writeOff.account } : {}),
      })),
    ) as never,
  })
  await enqueuePaidEmails(ctx, tx, planned)
  const touched = [...new Set(planned.map((p) => p.payment))]
  await tx.$executeRawUnsafe(
    `UPDATE "transactions_qonto" AS t SET "montantAlloue" = v.allocated::numeric, "associe" = v.associated,
       "factureId" = (v.invoice)${ctx.invoices.mapping.host.idCast}, "aVerifier" = false, "updatedAt" = CURRENT_TIMESTAMP
     FROM jsonb_to_recordset($1::jsonb) AS v(id text, allocated text, associated boolean, invoice text) WHERE t.id = v.id`,
    JSON.stringify(
      touched.map(({ row, allocatedCents, invoiceIds }) => ({
        id: row.id,
        allocated: centsToDecimalString(allocatedCents),
        associated: allocatedCents === toCents(row.montant),
        // The payment's invoice when it pays exactly one.
        invoice: invoiceIds.size === 1 ? String(ctx.invoices.hostId([...invoiceIds][0]!)) : null,
      })),
    ),
  )
  await tx.qontoAuditLog.createMany({ data: planned.map((association) => auditRow(ctx, association)) })
  // Maud's confirmations (never an automatic match) teach the payer's aliases and reference forms.
  await learnFromConfirmations(
    ctx,
    tx,
    planned
      .filter(({ request }) => request.mode !== 'AUTOMATIQUE')
      .map(({ request, payment, invoices }) => ({ transactionId: payment.row.id, invoices: invoices.map(({ invoice }) => invoice), actor: request.actor })),
  )
  await notify(
    ctx,
    tx,
    planned
      .filter(({ request }) => request.mode === 'AUTOMATIQUE' && request.notify !== false)
      .map(({ request, payment, total, result }) => ({
        type: 'RAPPROCHEMENT_AUTO',
        title: serverTexts(ctx).autoMatch.title,
        message: serverTexts(ctx).autoMatch.message(formatEurosIn(ctx.language.current, total), payment.row.emetteur ?? serverTexts(ctx).unknownPayer, result.invoices.map((d) => d.reference).join(', ')),
        link: ctx.links.transaction(payment.row.id),
        key: `auto:${payment.row.id}:${request.allocations.map((a) => a.invoiceId).sort().join(',')}`,
      })),
  )
  // A payment of a closed period is booked now, on the first open day, with its audit line.
  await bookClosedPeriodChanges(ctx, tx, touched.map((payment) => payment.row.id))
}

function auditRow(ctx: ReconciliationContext, { request, payment, total, allocatedCents, invoices, result }: PlannedAssociation): Prisma.QontoAuditLogCreateManyInput {
  const number = new Map(invoices.map(({ invoice }) => [invoice.id, invoice.number]))
  const writeOffs = invoices.flatMap(({ invoice, writeOff }) => (writeOff ? [{ invoice, writeOff }] : []))
  return {
    acteur: request.actor.label,
    userId: request.actor.userId,
    action: 'ASSOCIATION',
    automatique: request.mode === 'AUTOMATIQUE',
    transactionId: payment.row.id,
    factureId: request.allocations[0]!.invoiceId,
    avant: { montantAlloueCents: allocatedCents - total },
    apres: { montantAlloueCents: allocatedCents, factures: result.invoices.map((d) => ({ reference: d.reference, statut: d.status })) },
    details: {
      mode: request.mode,
      score: request.score ?? null,
      ...(request.method ? { methode: methodWord(request.method, ctx.language.current) } : {}),
      raisons: writtenReasons(request.reasons, ctx.language.current).map((r) => r.label),
      allocations: request.allocations.map((a) => ({ factureId: a.invoiceId, reference: number.get(a.invoiceId)!, montantCents: a.amountCents })),
      ...(writeOffs.length > 0
        ? {
            ecarts: writeOffs.map(({ invoice, writeOff: w }) => ({
              factureId: w.invoiceId,
              reference: invoice.number,
              montantCents: w.amountCents,
              motif: w.motif,
              compte: ctx.writeOff.account,
              // Written in the context's language (the audit already written keeps its words).
              libelle: `${writeOffLabel(w.amountCents, w.motif, ctx.writeOff.account, ctx.language.current)} ${serverTexts(ctx).notices.on} ${invoice.number}`,
            })),
          }
        : {}),
    } as Prisma.InputJsonValue,
  }
}

/**
 * "Facture(s) réglée(s)" to the client's contact, through the outbox: for each association, one e-mail
 * per client listing the invoices it settled, leaving after the grace period. Its key joins each
 * invoice's own key (paidEmailKey), so an undo finds it through any of them. One read of the contacts
 * and one insert for the whole batch.
 */
async function enqueuePaidEmails(ctx: ReconciliationContext, tx: Tx, planned: PlannedAssociation[]): Promise<void> {
  if (!ctx.sendEmail) return
  const groups = planned.flatMap((association) => {
    const settled = association.invoices.filter((change) => change.status === 'PAYE' && change.invoice.clientId !== null)
    return groupBy(settled, (change) => change.invoice.clientId!).map((invoices) => ({ association, clientId: invoices[0]!.invoice.clientId!, invoices }))
  })
  if (groups.length === 0) return
  const contacts = await ctx.clients.contacts(tx, [...new Set(groups.map((g) => g.clientId))])
  const emails = groups.flatMap(({ association, clientId, invoices }) => {
    const to = contacts.get(clientId)?.email
    if (!to) return []
    const { subject, text } = paidEmailText(ctx, invoices, association.paidDay)
    const cle = invoices.map(({ invoice }) => paidEmailKey(invoice.id, association.payment.row.id)).sort().join(PAID_EMAIL_KEY_SEPARATOR)
    return [{ association, email: { cle, to, subject, transactionId: association.payment.row.id, text } }]
  })
  const leaves = await enqueueEmails(tx, emails.map((e) => e.email), ctx.emailGraceMinutes)
  emails.forEach(({ association, email }, i) => {
    const leavesAt = leaves[i]
    if (leavesAt) association.result.emails.push({ to: email.to, subject: email.subject, leavesAt })
  })
}

function paidEmailText(ctx: ReconciliationContext, settled: PlannedAssociation['invoices'], paidDay: string): { subject: string; text: string } {
  const invoices = [...settled].sort((x, y) => x.invoice.number.localeCompare(y.invoice.number))
  const received = (s: PlannedAssociation['invoices'][number]) => s.invoice.totalCents - (s.writeOff?.amountCents ?? 0)
  const single = invoices.length === 1 ? invoices[0]! : null
  const T = serverTexts(ctx).paidEmail
  const language = ctx.language.current
  const euros = (cents: Cents) => formatEurosIn(language, cents)
  const paid = dayIn(language, paidDay)
  const subject = single ? T.subjectOne(single.invoice.number) : T.subjectMany(invoices.map((s) => s.invoice.number).join(', '))
  const text = single
    ? T.textOne(euros(received(single)), single.invoice.number, paid) + creditorReferenceLine(single.invoice.number, language)
    : T.textMany(
        euros(invoices.reduce((sum, s) => sum + received(s), 0)),
        paid,
        invoices.map((s) => `- ${s.invoice.number}${language === 'fr' ? ' :' : ':'} ${euros(received(s))}\n`).join(''),
      )
  return { subject, text: `${text}\n${ctx.emailSignature}` }
}

function groupBy<T>(items: T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>()
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item])
  return [...groups.values()]
}

/** "Le client recevra « Facture … réglée » vers 10:52 ; Dissocier d'ici là l'annule." */
export function queuedEmailNotice(ctx: ReconciliationContext, emails: AssociationResult['emails']): string | undefined {
  if (emails.length === 0) return undefined
  const latest = new Date(Math.max(...emails.map((e) => e.leavesAt.getTime())))
  const T = serverTexts({ language: ctx.panelLanguage }).emailNotices
  const subjects = emails.map((e) => T.quote(e.subject)).join(', ')
  return latest.getTime() <= Date.now() + 30_000 ? T.now(subjects) : T.later(subjects, timeIn(latest, ctx.timeZone))
}

/** What undoing did to each invoice's "facture réglée" e-mail, in words. */
export function releasedEmailNotices(ctx: ReconciliationContext, released: ReleasedAllocation[], language: Language = ctx.panelLanguage.current): string[] {
  // An e-mail listing several invoices of the payment is reported once.
  const seen = new Set<string>()
  const once = released.flatMap(({ reference, emails }) => emails.map((email) => ({ reference, email }))).filter(({ email }) => !seen.has(email.cle) && seen.add(email.cle))
  const T = serverTexts({ language: { current: language } }).emailNotices
  return once.flatMap(({ reference, email }) => {
    if (email.state === 'ANNULE') return [T.cancelled(email.subject, email.to)]
    if (email.state === 'ENVOYE') return [T.sent(dateTimeIn(language, email.sentAt, ctx.timeZone, { inSentence: true }), reference)]
    return [T.sending(email.subject, email.to, reference)]
  })
}

export interface DissociationResult {
  count: number
  invoices: ReleasedAllocation[]
  /** What became of the client e-mails (cancelled, or the client was told): say it to the user. */
  emailNotices: string[]
}

/** Undo: allocations (and their write-offs) removed, invoices back to their open status, unsent e-mails cancelled, audit entry. */
export async function dissociate(ctx: ReconciliationContext, transactionId: string, actor: Actor): Promise<DissociationResult> {
  return ctx.prisma.$transaction(async (tx) => {
    const released = await releaseAllocations(ctx, tx, transactionId, actor.label)
    if (released.length === 0) throw new ReconciliationError('notMatched')
    await cancelSurplus(tx, transactionId, actor)
    await undoLearnedFrom(tx, transactionId, actor)
    await tx.transactionQonto.update({ where: { id: transactionId }, data: { aVerifier: false } })
    await tx.qontoAuditLog.create({
      data: {
        acteur: actor.label,
        userId: actor.userId,
        action: 'DISSOCIATION',
        transactionId,
        factureId: released[0]!.invoiceId,
        avant: {
          allocations: released.map((r) => ({ reference: r.reference, montantCents: r.amountCents, ...(r.writeOffCents > 0 ? { ecartCents: r.writeOffCents } : {}) })),
        },
        apres: { allocations: [] },
        details: { emails: releasedEmailNotices(ctx, released, ctx.language.current) },
      },
    })
    await bookClosedPeriodChanges(ctx, tx, [transactionId])
    return { count: released.length, invoices: released, emailNotices: releasedEmailNotices(ctx, released) }
  }, WAIT_YOUR_TURN)
}
