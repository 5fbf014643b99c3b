/**
 * AdminJS actions of the reconciliation workflow. Thin: parse the request, call a use-case, shape
 * the answer. Every mutation happens only on POST and only for ADMIN (isAccessible, not just hidden).
 */
import { serverTexts } from '../../i18n/server-texts.js'
import type { ActionContext, ActionRequest, ActionResponse, BaseRecord, RecordActionResponse } from 'adminjs'
import { z } from 'zod'
import type { Actor, ReconciliationContext } from '../../context.js'
import type { CurrentUser } from '../../options.js'
import { applyAutoReconcile, AutoReconcileChangedError, previewAutoReconcile, type AutoReconcilePreview, type RunKind } from '../../reconcile/auto-reconcile.service.js'
import type { Language } from '../../domain/language.js'
import { formatEuros, formatEurosIn } from '../../domain/money.js'
import { serverSuggestionFor, suggestionsForTransaction } from '../../reconcile/matching-data.service.js'
import { associatedInvoices } from '../../reconcile/dissociation-preview.service.js'
import { nextPaymentToReconcile } from '../../reconcile/next-payment.service.js'
import {
  associate,
  confirmationReason,
  dissociate,
  queuedEmailNotice,
  ReconciliationError,
} from '../../reconcile/reconciliation.service.js'
import { describeSuggestions, paidEmailRecipients, searchOpenInvoices, transactionSummary } from '../../reconcile/reconciliation-view.service.js'
import { reconcilersOnly } from '../access.js'
import { paymentActions, paymentStateOfParams, type PaymentActions } from '../../domain/payment-actions.js'
import { readBody } from './request-body.js'
import { bookChangeInClosedPeriod } from '../../reconcile/closing.service.js'
import { learningAnswer, learningCommands, runLearningCommand, type LearningCommand } from './learning.actions.js'
import { runSurplusCommand, surplusAnswer, surplusCommands } from './surplus.actions.js'

const associateSchema = z.object({
  op: z.literal('associate'),
  allocations: z.array(z.object({ invoiceId: z.string().min(1).max(100), amountCents: z.number().int().positive() })).min(1).max(50),
  // Score and reasons are recomputed on the server: the browser's copy is never trusted (audit log).
  mode: z.enum(['MANUEL', 'SUGGESTION']),
  writeOffs: z
    .array(z.object({ invoiceId: z.string().min(1).max(100), amountCents: z.number().int().positive(), motif: z.enum(['FRAIS_BANCAIRES', 'ARRONDI', 'AUTRE']) }))
    .max(50)
    .optional(),
  /** Anything but the server's own "sûr" suggestion needs it (the panel's confirmation step). */
  confirmed: z.boolean().optional(),
})
const commandSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('suggest') }),
  z.object({ op: z.literal('search'), query: z.string().max(100) }),
  associateSchema,
  ...learningCommands,
  ...surplusCommands,
])

function readCommand(request: ActionRequest) {
  return commandSchema.safeParse(readBody(request))
}

export function actorOf(ctx: ReconciliationContext, context: ActionContext): Actor {
  return ctx.actorOf(context.currentAdmin as CurrentUser | undefined)
}

const isCredit = (record?: BaseRecord) => record?.param('sens') === 'CREDIT' && record?.param('statut') === 'SETTLED'

/** Which of the payment's actions apply (domain/payment-actions.ts): every payment action's isVisible reads it. */
export const offers = (name: keyof PaymentActions) => ({ record }: ActionContext): boolean =>
  record !== undefined && paymentActions(paymentStateOfParams((key) => record.param(key)))[name]

/**
 * The record as its action page needs it: AdminJS renders a record action only when the record lists
 * it, and `isVisible` hides Associer once a payment is reconciled. The page itself stays reachable
 * (it then says the payment is reconciled, with its invoices): only the buttons follow isVisible.
 */
export function recordWithOwnAction(context: ActionContext, record: BaseRecord) {
  const json = record.toJSON(context.currentAdmin)
  // A host with BigInt ids gives BigInt foreign keys (factureId…), which JSON cannot carry: the
  // answer was a 500 once a payment was associated (caught by the host matrix).
  for (const [key, value] of Object.entries(json.params)) if (typeof value === 'bigint') json.params[key] = value.toString()
  if (!json.recordActions.some((a) => a.name === context.action.name)) json.recordActions.push(context.action.toJSON(context.currentAdmin))
  return json
}

export function associerAction(ctx: ReconciliationContext, component: string, afterCommit: () => void = () => undefined) {
  return {
    actionType: 'record' as const,
    icon: 'Link',
    component,
    // Its component draws the header from the record the server last answered (LiveActionHeader).
    hideActionHeader: true,
    isAccessible: reconcilersOnly(ctx),
    isVisible: offers('associer'),
    handler: async (request: ActionRequest, _response: unknown, context: ActionContext): Promise<RecordActionResponse & Record<string, unknown>> => {
      const record = context.record!
      const json = () => recordWithOwnAction(context, record)
      if (request.method !== 'post') return { record: json() }
      const command = readCommand(request)
      const T = serverTexts({ language: ctx.panelLanguage }).notices
      if (!command.success) return { record: json(), notice: { type: 'error', message: T.invalidRequest } }
      const id = String(record.id())
      switch (command.data.op) {
        case 'suggest': {
          const transaction = await transactionSummary(ctx, id)
          const open = isCredit(record) && transaction.remainingCents > 0
          const result = open ? await suggestionsForTransaction(ctx, id) : null
          const suggestions = result ? await describeSuggestions(ctx, result.suggestions) : []
          return {
            record: json(),
            transaction,
            clientId: result?.clientId ?? null,
            suggestions,
            /** Who receives each suggested invoice's "facture réglée" e-mail (null: nobody). */
            emailRecipients: await paidEmailRecipients(ctx, suggestions.flatMap((s) => s.allocations.map((a) => a.invoiceId))),
            /** Why a payment cannot be associated here (not a settled credit), or null. */
            notReconcilable: isCredit(record) ? null : T.notReconcilable,
            ignored: record.param('ignoreCategorie') ? true : false,
            associated: await associatedInvoices(ctx, id),
            nextTransactionId: await nextPaymentToReconcile(ctx, id),
            ...(await learningAnswer(ctx, id)),
            ...(await surplusAnswer(ctx, id)),
            writeOff: { maxCents: ctx.writeOff.maxCents, account: ctx.writeOff.account },
            email: { enabled: ctx.sendEmail !== null, graceMinutes: ctx.emailGraceMinutes },
          }
        }
        case 'search': {
          const invoices = await searchOpenInvoices(ctx, command.data.query)
          return { record: json(), invoices, emailRecipients: await paidEmailRecipients(ctx, invoices.map((i) => i.id)) }
        }
        case 'decline':
        case 'restore':
        case 'learning':
        case 'forget':
          return { record: json(), ...(await runLearningCommand(ctx, id, command.data as LearningCommand, actorOf(ctx, context))) }
        case 'surplus':
          return { record: json(), ...(await runSurplusCommand(ctx, id, command.data, actorOf(ctx, context))) }
        case 'associate':
          try {
            const { allocations, writeOffs = [], confirmed = false } = command.data
            const suggestion = command.data.mode === 'SUGGESTION' ? await serverSuggestionFor(ctx, id, allocations) : undefined
            const why = confirmationReason(suggestion, writeOffs, ctx.panelLanguage.current)
            if (why && !confirmed) {
              return {
                record: json(),
                ok: false,
                needsConfirmation: true,
                notice: { type: 'info', message: T.confirmationNeeded(why) },
              }
            }
            const since = new Date()
            const result = await associate(ctx, {
              transactionId: id,
              allocations,
              writeOffs,
              actor: actorOf(ctx, context),
              mode: suggestion ? 'SUGGESTION' : 'MANUEL',
              score: suggestion?.score,
              reasons: suggestion?.reasons,
              method: suggestion?.method,
            })
            afterCommit()
            const closedPeriod = await bookChangeInClosedPeriod(ctx, id, since)
            const references = result.invoices.map((d) => `${d.reference} (${d.status === 'PAYE' ? T.paid : T.partlyPaid})`)
            const writeOffText = writeOffs.map((w) => ` ${T.writeOff(formatEurosIn(ctx.panelLanguage.current, w.amountCents), w.motif, ctx.writeOff.account)} ${T.on} ${result.invoices.find((d) => d.id === w.invoiceId)?.reference}.`).join('')
            const refreshed = await context.resource.findOne(id, context)
            const emailNotice = queuedEmailNotice(ctx, result.emails)
            return {
              record: refreshed ? recordWithOwnAction(context, refreshed) : json(),
              ok: true,
              notice: { type: 'success', message: `${T.associated(references.join(', '))}${writeOffText}${closedPeriod ? ` ${closedPeriod}` : ''}` },
              nextTransactionId: await nextPaymentToReconcile(ctx, id),
              ...(emailNotice ? { emailNotice } : {}),
            }
          } catch (error) {
            if (!(error instanceof ReconciliationError)) throw error
            return { record: json(), ok: false, notice: { type: 'error', message: error.in(ctx.panelLanguage.current) } }
          }
      }
    },
  }
}

export function dissocierAction(ctx: ReconciliationContext, component: string) {
  return {
    actionType: 'record' as const,
    icon: 'XCircle',
    variant: 'danger' as const,
    component,
    // Its component draws the header from the record the server last answered (LiveActionHeader).
    hideActionHeader: true,
    isAccessible: reconcilersOnly(ctx),
    isVisible: offers('dissocier'),
    custom: { intro: { fr: 'Retire les factures associées à ce paiement et les remet en attente de paiement.', en: 'Removes the invoices matched to this payment and puts them back to awaiting payment.' }, button: { fr: 'Dissocier', en: 'Unmatch' } },
    handler: async (request: ActionRequest, _response: unknown, context: ActionContext): Promise<RecordActionResponse & Record<string, unknown>> => {
      const record = context.record!
      const id = String(record.id())
      // GET: what will be undone (invoices, amounts, write-offs, e-mails), shown before the confirmation.
      if (request.method !== 'post') return { record: recordWithOwnAction(context, record), preview: { invoices: await associatedInvoices(ctx, id) } }
      try {
        const since = new Date()
        const { count, emailNotices } = await dissociate(ctx, id, actorOf(ctx, context))
        const closedPeriod = await bookChangeInClosedPeriod(ctx, id, since)
        const refreshed = await context.resource.findOne(id, context)
        const message = serverTexts({ language: ctx.panelLanguage }).notices.dissociated(count)
        return {
          record: (refreshed ?? record).toJSON(context.currentAdmin),
          ok: true,
          message: [message, ...emailNotices, ...(closedPeriod ? [closedPeriod] : [])].join(' '),
          summary: message,
          emailNotices,
          nextTransactionId: await nextPaymentToReconcile(ctx, id),
        }
      } catch (error) {
        if (!(error instanceof ReconciliationError)) throw error
        return { record: record.toJSON(context.currentAdmin), ok: false, message: error.in(ctx.panelLanguage.current) }
      }
    },
  }
}


export function rapprocherSelectionAction(ctx: ReconciliationContext, component: string, afterCommit: () => void = () => undefined) {
  return {
    actionType: 'bulk' as const,
    icon: 'Zap',
    component,
    isAccessible: reconcilersOnly(ctx),
    custom: { intro: { fr: 'Applique les rapprochements sans ambiguïté aux paiements sélectionnés, après confirmation. Les autres restent à traiter.', en: 'Applies the unambiguous matches to the selected payments, after confirmation. The others stay to be handled.' }, button: { fr: 'Rapprocher automatiquement', en: 'Match automatically' } },
    handler: async (request: ActionRequest, _response: unknown, context: ActionContext): Promise<ActionResponse> => {
      const records = context.records ?? []
      const shown = records.map((r) => r.toJSON(context.currentAdmin))
      if (request.method !== 'post') return { records: shown }
      return { records: shown, ...(await autoReconcileStep(ctx, request, context, records.map((r) => String(r.id())), afterCommit)) }
    },
  }
}

export function rapprocherToutAction(ctx: ReconciliationContext, component: string, afterCommit: () => void = () => undefined) {
  return {
    actionType: 'resource' as const,
    icon: 'Zap',
    component,
    isAccessible: reconcilersOnly(ctx),
    custom: { intro: { fr: 'Applique les rapprochements sans ambiguïté à tous les paiements non rapprochés, après confirmation.', en: 'Applies the unambiguous matches to every unmatched payment, after confirmation.' }, button: { fr: 'Tout rapprocher automatiquement', en: 'Match all automatically' } },
    handler: async (request: ActionRequest, _response: unknown, context: ActionContext): Promise<ActionResponse> => {
      if (request.method !== 'post') return {}
      return autoReconcileStep(ctx, request, context, undefined, afterCommit)
    },
  }
}

/**
 * "Accepter la sélection" in the work queue: the best suggestion of each payment Maud selected after
 * reading it, when it is "sûr" or "probable" (never "à vérifier"), with the bulk run's safety: a
 * preview first (nothing changes), then only the exact pairs previewed (fingerprint) are applied.
 */
export function accepterSuggestionsAction(ctx: ReconciliationContext, afterCommit: () => void = () => undefined) {
  return {
    actionType: 'resource' as const,
    isVisible: false,
    isAccessible: reconcilersOnly(ctx),
    component: false as const,
    handler: async (request: ActionRequest, _response: unknown, context: ActionContext): Promise<ActionResponse> => {
      if (request.method !== 'post') return {}
      const ids = selectionSchema.safeParse(readBody(request))
      if (!ids.success) return { ok: false, message: serverTexts({ language: ctx.panelLanguage }).notices.invalidSelection }
      return autoReconcileStep(ctx, request, context, ids.data.transactionIds, afterCommit, 'reviewed')
    },
  }
}
const selectionSchema = z.object({ transactionIds: z.array(z.string().min(1).max(100)).min(1).max(100) })

// --- Bulk automatic reconciliation: preview first, apply only what the user confirmed ----------

const autoCommandSchema = z.object({
  preview: z.union([z.boolean(), z.enum(['true', 'false'])]).optional(),
  confirm: z.union([z.boolean(), z.enum(['true', 'false'])]).transform((v) => v === true || v === 'true').optional(),
  expectedCount: z.coerce.number().int().min(0).max(10_000_000).optional(),
  expectedTotalCents: z.coerce.number().int().min(0).optional(),
  expectedFingerprint: z.string().regex(/^[0-9a-f]{64}$/).optional(),
})

/** The command from `{ body: JSON }` (the extension's components) or plain fields (any other client). */
function readAutoCommand(request: ActionRequest) {
  const payload = request.payload ?? {}
  return autoCommandSchema.safeParse(typeof payload.body === 'string' ? readBody(request) : payload)
}

export function previewMessage(preview: AutoReconcilePreview, kind: RunKind = 'automatic', language: Language = 'fr'): string {
  const T = serverTexts({ language: { current: language } }).autoReconcile
  const total = formatEurosIn(language, preview.totalCents)
  if (kind === 'reviewed') return preview.count === 0 ? T.noneReviewed : T.previewReviewed(preview.count, total)
  return preview.count === 0 ? T.none : T.preview(preview.count, total)
}

/**
 * One POST of "Rapprocher automatiquement": without `confirm: true` it only previews (nothing
 * changes); with it, it applies the plan if it still has the `expectedFingerprint` (the exact
 * payment/invoice/amount pairs) and the `expectedCount` the user saw.
 */
async function autoReconcileStep(
  ctx: ReconciliationContext,
  request: ActionRequest,
  context: ActionContext,
  transactionIds: string[] | undefined,
  afterCommit: () => void,
  kind: RunKind = 'automatic',
): Promise<Record<string, unknown>> {
  const command = readAutoCommand(request)
  const T = serverTexts({ language: ctx.panelLanguage }).autoReconcile
  if (!command.success) return { ok: false, message: T.invalidCommand }
  const { confirm, expectedCount, expectedTotalCents, expectedFingerprint } = command.data
  if (confirm !== true) {
    const preview = await previewAutoReconcile(ctx, { transactionIds, kind })
    return { ok: true, preview, message: previewMessage(preview, kind, ctx.panelLanguage.current) }
  }
  if (expectedCount === undefined) {
    return { ok: false, message: T.noCount }
  }
  if (expectedFingerprint === undefined) {
    return { ok: false, message: T.noFingerprint }
  }
  try {
    const report = await applyAutoReconcile(ctx, { transactionIds, kind, actor: actorOf(ctx, context), expectedFingerprint, expectedCount, expectedTotalCents })
    afterCommit()
    const { preview, ...counts } = report
    return { ok: true, message: kind === 'reviewed' ? T.accepted(counts.matched, counts.left) : T.matched(counts.matched, counts.left), report: counts, applied: preview }
  } catch (error) {
    if (!(error instanceof AutoReconcileChangedError)) throw error
    return { ok: false, changed: true, message: error.in(ctx.panelLanguage.current), preview: error.preview }
  }
}
