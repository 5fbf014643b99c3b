/**
 * Applies the suggestions flagged autoApply (and only those) to unreconciled credits. Each one goes
 * through `associate`, which re-checks everything under row locks: a suggestion made stale by an
 * earlier one in the same run is refused and the payment is simply left for the admin.
 *
 * From the panel it is two steps: `previewAutoReconcile` says what the rule would apply (count,
 * total, each payment with its invoices) and changes nothing; `applyAutoReconcile` recomputes the
 * same plan and applies it only when it is still exactly what the user saw: the same
 * (payment, invoice, amount) pairs, checked by the preview's fingerprint (and the count, and the
 * total when given), otherwise it refuses in French and changes nothing.
 */
import { createHash } from 'node:crypto'
import { notify, SYSTEM_ACTOR, type Actor, type ReconciliationContext } from '../context.js'
import { businessDay } from '../domain/dates.js'
import { formatEurosIn, type Cents } from '../domain/money.js'
import { reconcileTexts } from '../i18n/reconcile-texts.js'
import { serverTexts } from '../i18n/server-texts.js'
import { confidenceTier, matchPayments, type Payment, type SuggestionFacts } from '../domain/matching/index.js'
import { loadClients, loadHistory, loadOpenInvoices, loadUnreconciledCredits } from './matching-data.service.js'
import { associate, associateMany, ReconciliationError, type AssociationOutcome, type AssociationRequest } from './reconciliation.service.js'
import { applyDeclines, loadDeclines } from './learning.service.js'
import { duplicatesOf, flagDuplicates } from './duplicate-payment.service.js'

/**
 * Which suggestion of a payment a run applies. `automatic`: the one flagged autoApply ("sûr"), the
 * rule of the bulk run, the sync and the webhook. `reviewed`: the best one when it is "sûr" or
 * "probable" (never "à vérifier"), for payments Maud selected after reading their reasons.
 */
export type RunKind = 'automatic' | 'reviewed'
const PICK: Record<RunKind, (suggestions: SuggestionFacts[]) => SuggestionFacts | undefined> = {
  automatic: (suggestions) => suggestions.find((s) => s.autoApply),
  reviewed: ([best]) => (best && confidenceTier(best) !== 'A_VERIFIER' ? best : undefined),
}

export interface AutoReconcileReport {
  examined: number
  matched: number
  left: number
}

/** One payment the rule would reconcile, as the confirmation screen lists it. */
export interface AutoReconcileItem {
  transactionId: string
  /** ISO instant of the payment. */
  date: string
  /** Its business day (YYYY-MM-DD in the configured time zone), as the screens show it. */
  day: string
  payer: string | null
  /** What this payment's reconciliation allocates (its amount still to reconcile). */
  amountCents: Cents
  /** Invoice numbers, in allocation order. */
  invoices: string[]
}

export interface AutoReconcilePreview {
  examined: number
  count: number
  totalCents: Cents
  /** SHA-256 of the sorted `transactionId:invoiceId:amountCents` pairs: what the confirmation must name. */
  fingerprint: string
  items: AutoReconcileItem[]
}

interface PlannedMatch {
  payment: Payment
  suggestion: SuggestionFacts
  item: AutoReconcileItem
}

/** What the rule would apply now: one pure matcher run over the unreconciled credits and every open invoice. */
async function planAutoReconcile(ctx: ReconciliationContext, transactionIds?: string[], kind: RunKind = 'automatic'): Promise<{ examined: number; planned: PlannedMatch[] }> {
  const payments = await loadUnreconciledCredits(ctx.prisma, transactionIds)
  if (payments.length === 0) return { examined: 0, planned: [] }
  const [clients, invoices, history, declines, duplicates] = await Promise.all([
    loadClients(ctx),
    loadOpenInvoices(ctx),
    loadHistory(ctx),
    loadDeclines(ctx.prisma),
    duplicatesOf(ctx, payments),
  ])
  const numbers = new Map(invoices.map((invoice) => [invoice.id, invoice.number]))
  const byId = new Map(payments.map((payment) => [payment.id, payment]))
  const planned: PlannedMatch[] = []
  const results = flagDuplicates(applyDeclines(matchPayments({ clients, invoices, history }, payments, ctx.matchOptions), payments, declines), duplicates)
  for (const result of results) {
    // A probable duplicate of a payment already applied is left for Maud, whatever the kind of run.
    const suggestion = duplicates.has(result.transactionId) ? undefined : PICK[kind](result.suggestions)
    if (!suggestion) continue
    const payment = byId.get(result.transactionId)!
    planned.push({
      payment,
      suggestion,
      item: {
        transactionId: payment.id,
        date: payment.settledAt,
        day: businessDay(payment.settledAt, ctx.timeZone),
        payer: payment.counterpartyName ?? null,
        amountCents: suggestion.allocations.reduce((sum, a) => sum + a.amountCents, 0),
        invoices: suggestion.allocations.map((a) => numbers.get(a.invoiceId) ?? a.invoiceId),
      },
    })
  }
  return { examined: payments.length, planned }
}

/** Exactly what the plan would write: every allocation pair, sorted, hashed (a count or total can stay equal when the set changes). */
export function planFingerprint(pairs: Array<{ transactionId: string; invoiceId: string; amountCents: Cents }>): string {
  const lines = pairs.map((p) => `${p.transactionId}:${p.invoiceId}:${p.amountCents}`).sort()
  return createHash('sha256').update(lines.join('\n')).digest('hex')
}

function summarize(examined: number, planned: PlannedMatch[]): AutoReconcilePreview {
  const items = planned.map((p) => p.item)
  const fingerprint = planFingerprint(
    planned.flatMap(({ payment, suggestion }) => suggestion.allocations.map((a) => ({ transactionId: payment.id, invoiceId: a.invoiceId, amountCents: a.amountCents }))),
  )
  return { examined, count: items.length, totalCents: items.reduce((sum, item) => sum + item.amountCents, 0), fingerprint, items }
}

/** Payments associated per database transaction by a run (bounded: their rows stay locked until it commits). */
const APPLY_BATCH = 50

/**
 * Applies the plan in batches (associateMany: each match checked in plan order as if applied one at a
 * time, a stale one refused and left for the admin), then one summary notification for the whole run.
 * A batch that fails as a whole (a deadlock, a lost connection) is applied again one payment at a time.
 */
async function applyPlanned(ctx: ReconciliationContext, planned: PlannedMatch[], actor: Actor, kind: RunKind = 'automatic'): Promise<number> {
  const requestOf = ({ payment, suggestion }: PlannedMatch): AssociationRequest => ({
    transactionId: payment.id,
    allocations: suggestion.allocations.map((a) => ({ invoiceId: a.invoiceId, amountCents: a.amountCents })),
    actor,
    mode: kind === 'automatic' ? 'AUTOMATIQUE' : 'SUGGESTION',
    score: suggestion.score,
    reasons: suggestion.reasons,
    method: suggestion.method,
    notify: false,
  })
  const applied: PlannedMatch[] = []
  for (let start = 0; start < planned.length; start += APPLY_BATCH) {
    const batch = planned.slice(start, start + APPLY_BATCH)
    const outcomes = await associateMany(ctx, batch.map(requestOf)).catch(async (error: unknown) => {
      if (batch.length === 1) throw error
      ctx.logger.warn({ err: (error as Error).message, payments: batch.length }, 'auto-reconciliation batch failed, applied one payment at a time')
      const one: AssociationOutcome[] = []
      for (const match of batch) {
        one.push(
          await associate(ctx, requestOf(match)).then(
            (result): AssociationOutcome => ({ ok: true, result }),
            (failure: unknown): AssociationOutcome => {
              if (failure instanceof ReconciliationError) return { ok: false, error: failure }
              throw failure
            },
          ),
        )
      }
      return one
    })
    outcomes.forEach((outcome, i) => {
      if (outcome.ok) applied.push(batch[i]!)
      else ctx.logger.info({ transactionId: batch[i]!.payment.id, reason: outcome.error.message }, 'auto-reconciliation skipped')
    })
  }
  await notifyRun(ctx, applied, kind)
  return applied.length
}

/** "13 paiements rapprochés automatiquement (18 410,00 €)": one notification per run, not one per payment. */
async function notifyRun(ctx: ReconciliationContext, applied: PlannedMatch[], kind: RunKind): Promise<void> {
  if (applied.length === 0 || !ctx.notifications) return
  const total = applied.reduce((sum, p) => sum + p.item.amountCents, 0)
  const { fingerprint } = summarize(applied.length, applied)
  const single = applied.length === 1 ? applied[0]!.item : null
  // In the notifications' language (the context's).
  const language = ctx.language.current
  const T = reconcileTexts(language).autoReconcile
  const euros = (cents: number) => formatEurosIn(language, cents)
  const what = single
    ? T.single(euros(single.amountCents), single.payer ?? serverTexts(ctx).unknownPayer, single.invoices.join(', '))
    : T.many(applied.length, euros(total), `${applied.slice(0, 5).map((p) => p.item.invoices.join(' + ')).join(', ')}${applied.length > 5 ? '…' : ''}`)
  await ctx.prisma.$transaction((tx) =>
    notify(ctx, tx, [
      {
        type: 'RAPPROCHEMENT_AUTO',
        title: T.title(kind === 'automatic'),
        message: `${what}.`,
        link: single ? ctx.links.transaction(single.transactionId) : `${ctx.links.dashboard()}?etat=rapproches`,
        key: `run:${kind}:${fingerprint}`,
      },
    ]),
  )
}

/** The dry run: what the same rule would apply to these credits (or all), without changing anything. */
export async function previewAutoReconcile(ctx: ReconciliationContext, options: { transactionIds?: string[]; kind?: RunKind } = {}): Promise<AutoReconcilePreview> {
  const { examined, planned } = await planAutoReconcile(ctx, options.transactionIds, options.kind)
  return summarize(examined, planned)
}

/** The set to apply is no longer the one the user confirmed: nothing was changed. */
export class AutoReconcileChangedError extends ReconciliationError {
  constructor(readonly preview: AutoReconcilePreview) {
    super('autoReconcileChanged', preview.count, preview.totalCents)
  }
}


/**
 * The confirmed step: recomputes the plan and applies it only if it still has the fingerprint (so
 * exactly the pairs previewed), the count, and the total when given, that the user confirmed;
 * otherwise throws AutoReconcileChangedError before any write.
 */
export async function applyAutoReconcile(
  ctx: ReconciliationContext,
  options: { transactionIds?: string[]; kind?: RunKind; actor: Actor; expectedFingerprint: string; expectedCount: number; expectedTotalCents?: number },
): Promise<AutoReconcileReport & { preview: AutoReconcilePreview }> {
  const { examined, planned } = await planAutoReconcile(ctx, options.transactionIds, options.kind)
  const preview = summarize(examined, planned)
  if (
    preview.fingerprint !== options.expectedFingerprint ||
    preview.count !== options.expectedCount ||
    (options.expectedTotalCents !== undefined && preview.totalCents !== options.expectedTotalCents)
  ) {
    throw new AutoReconcileChangedError(preview)
  }
  const matched = await applyPlanned(ctx, planned, options.actor, options.kind)
  return { examined, matched, left: examined - matched, preview }
}

/** Without a confirmation step: the CLI (`reconcile --auto`), the sync and the webhook. */
export async function autoReconcile(
  ctx: ReconciliationContext,
  options: { transactionIds?: string[]; actor?: Actor } = {},
): Promise<AutoReconcileReport> {
  const { examined, planned } = await planAutoReconcile(ctx, options.transactionIds)
  if (examined === 0) return { examined: 0, matched: 0, left: 0 }
  const matched = await applyPlanned(ctx, planned, options.actor ?? SYSTEM_ACTOR, 'automatic')
  return { examined, matched, left: examined - matched }
}

/** After a sync or a webhook: tries the newly stored credits, when autoReconcile is on. */
export async function autoReconcileNewCredits(ctx: ReconciliationContext, transactionIds: string[]): Promise<AutoReconcileReport | null> {
  if (transactionIds.length === 0 || !ctx.autoReconcile) return null
  return autoReconcile(ctx, { transactionIds })
}

/**
 * Evaluates flagged credits (these, or up to `limit` of the oldest): applies the unambiguous matches
 * (in batches, each association with its e-mails and notifications in its batch's transaction), then
 * clears the flags it read, unless an ingest bumped one meanwhile (then it is evaluated again). A failure clears
 * nothing: the next sweep evaluates the same credits, and an association already made is not made
 * twice (associate re-checks under row locks), so each credit's outcome happens exactly once.
 */
export async function evaluateFlaggedCredits(ctx: ReconciliationContext, options: { transactionIds?: string[]; limit?: number } = {}): Promise<AutoReconcileReport & { evaluated: number }> {
  const { transactionIds, limit = 500 } = options
  const flagged = await ctx.prisma.$queryRawUnsafe<Array<{ id: string; due: number }>>(
    `SELECT id, "autoEvalDue" AS due FROM "transactions_qonto" WHERE "autoEvalDue" IS NOT NULL ${transactionIds ? 'AND id = ANY($2::text[])' : ''}
     ORDER BY "dateTransaction", id LIMIT $1`,
    limit,
    ...(transactionIds ? [transactionIds] : []),
  )
  if (flagged.length === 0) return { examined: 0, matched: 0, left: 0, evaluated: 0 }
  const report = ctx.autoReconcile
    ? await autoReconcile(ctx, { transactionIds: flagged.map((f) => f.id) })
    : { examined: 0, matched: 0, left: 0 }
  await ctx.prisma.$executeRawUnsafe(
    `UPDATE "transactions_qonto" AS t SET "autoEvalDue" = NULL
     FROM jsonb_to_recordset($1::jsonb) AS e(id text, due int) WHERE t.id = e.id AND t."autoEvalDue" = e.due`,
    JSON.stringify(flagged.map((f) => ({ id: f.id, due: Number(f.due) }))),
  )
  return { ...report, evaluated: flagged.length }
}
