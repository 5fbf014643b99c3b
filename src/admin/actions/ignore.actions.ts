/**
 * "Ignorer (hors facture)" and "Rétablir" on a payment, "Désactiver" on a rule. Thin: parse, call
 * the use-case (src/reconcile/ignore.service.ts), shape the answer. Reconcilers only, on the server.
 */
import type { ActionContext, ActionRequest, BaseRecord, RecordActionResponse } from 'adminjs'
import { z } from 'zod'
import type { ReconciliationContext } from '../../context.js'
import { applyRuleToExisting, deactivateRule, ignorePayment, ignoreRequestRefusal, ignoreRequestSchema, ignoreView, restorePayment } from '../../reconcile/ignore.service.js'
import { nextPaymentToReconcile } from '../../reconcile/next-payment.service.js'
import { ReconciliationError } from '../../reconcile/reconciliation.service.js'
import { reconcilersOnly } from '../access.js'
import { actorOf, offers, recordWithOwnAction } from './reconciliation.actions.js'
import { readBody } from './request-body.js'
import { serverTexts } from '../../i18n/server-texts.js'
import { bookChangeInClosedPeriod } from '../../reconcile/closing.service.js'

/** The confirmation of "apply the rule to the credits already waiting": the fingerprint of the credits the page showed. */
const applyRuleSchema = z.object({ op: z.literal('applyRule'), ruleId: z.string().min(1).max(100), expectedFingerprint: z.string().regex(/^[0-9a-f]{64}$/) })


type Answer = RecordActionResponse & Record<string, unknown>

/** A refusal or success as the components read it: ok, a French message, and AdminJS's notice. */
const answer = (record: Answer['record'], ok: boolean, message: string, extra: Record<string, unknown> = {}): Answer => ({
  record,
  ok,
  message,
  notice: { type: ok ? 'success' : 'error', message },
  ...extra,
})

export function ignorerAction(ctx: ReconciliationContext, component: string) {
  return {
    actionType: 'record' as const,
    icon: 'EyeOff',
    component,
    // Its component draws the header from the record the server last answered (LiveActionHeader).
    hideActionHeader: true,
    isAccessible: reconcilersOnly(ctx),
    // The button only where it applies; the page still opens for any payment (GET keeps the action on the
    // record) and says why a debit, a pending or a reconciled one cannot be ignored (no 404).
    isVisible: offers('ignorer'),
    handler: async (request: ActionRequest, _response: unknown, context: ActionContext): Promise<Answer> => {
      const record = context.record!
      const id = String(record.id())
      const json = () => record.toJSON(context.currentAdmin)
      if (request.method !== 'post') return { record: recordWithOwnAction(context, record), view: await ignoreView(ctx, id) }
      const body = readBody(request)
      const refreshed = async () => ((await context.resource.findOne(id, context)) ?? record).toJSON(context.currentAdmin)
      try {
        const apply = applyRuleSchema.safeParse(body)
        if (!apply.success && (body as { op?: unknown } | null)?.op === 'applyRule') {
          return answer(json(), false, serverTexts({ language: ctx.panelLanguage }).ignore.incompleteConfirmation)
        }
        if (apply.success) {
          const result = await applyRuleToExisting(ctx, { ...apply.data, actor: actorOf(ctx, context) })
          return answer(await refreshed(), true, result.notice, { count: result.count })
        }
        const command = ignoreRequestSchema.safeParse(body)
        if (!command.success) return answer(json(), false, ignoreRequestRefusal(command.error.issues[0]).in(ctx.panelLanguage.current))
        const since = new Date()
        const result = await ignorePayment(ctx, { transactionId: id, ...command.data, actor: actorOf(ctx, context) })
        const closedPeriod = await bookChangeInClosedPeriod(ctx, id, since)
        return answer(await refreshed(), true, closedPeriod ? `${result.notice} ${closedPeriod}` : result.notice, {
          rule: result.rule,
          existingMatches: result.existingMatches,
          existingFingerprint: result.existingFingerprint,
          // "Paiement suivant" after it: the oldest payment still to reconcile.
          nextTransactionId: await nextPaymentToReconcile(ctx, id),
        })
      } catch (error) {
        if (!(error instanceof ReconciliationError)) throw error
        return answer(json(), false, error.in(ctx.panelLanguage.current))
      }
    },
  }
}

export function retablirAction(ctx: ReconciliationContext, component: string) {
  return {
    actionType: 'record' as const,
    icon: 'RotateCcw',
    component,
    // Its component draws the header from the record the server last answered (LiveActionHeader).
    hideActionHeader: true,
    isAccessible: reconcilersOnly(ctx),
    isVisible: offers('retablir'),
    custom: { intro: { fr: 'Remet ce paiement parmi les paiements à rapprocher (il avait été ignoré, hors facture).', en: 'Puts this payment back among the payments to match (it had been ignored, not an invoice).' }, button: { fr: 'Rétablir', en: 'Restore' } },
    handler: async (request: ActionRequest, _response: unknown, context: ActionContext): Promise<Answer> => {
      const record = context.record!
      if (request.method !== 'post') return { record: record.toJSON(context.currentAdmin) }
      try {
        const since = new Date()
        const result = await restorePayment(ctx, { transactionId: String(record.id()), actor: actorOf(ctx, context) })
        const closedPeriod = await bookChangeInClosedPeriod(ctx, String(record.id()), since)
        if (closedPeriod) result.notice = `${result.notice} ${closedPeriod}`
        const refreshed = await context.resource.findOne(String(record.id()), context)
        return answer((refreshed ?? record).toJSON(context.currentAdmin), true, result.notice)
      } catch (error) {
        if (!(error instanceof ReconciliationError)) throw error
        return answer(record.toJSON(context.currentAdmin), false, error.in(ctx.panelLanguage.current))
      }
    },
  }
}

export function desactiverRegleAction(ctx: ReconciliationContext, component: string) {
  return {
    actionType: 'record' as const,
    icon: 'Slash',
    variant: 'danger' as const,
    component,
    // Its component draws the header from the record the server last answered (LiveActionHeader).
    hideActionHeader: true,
    isAccessible: reconcilersOnly(ctx),
    isVisible: ({ record }: ActionContext) => record?.param('actif') === true,
    custom: { intro: { fr: 'Les prochains paiements de ce payeur ne seront plus ignorés automatiquement. Ceux déjà ignorés le restent.', en: "This payer's next payments will no longer be ignored automatically. Those already ignored stay so." }, button: { fr: 'Désactiver la règle', en: 'Turn the rule off' } },
    handler: async (request: ActionRequest, _response: unknown, context: ActionContext): Promise<Answer> => {
      const record = context.record!
      if (request.method !== 'post') return { record: record.toJSON(context.currentAdmin) }
      try {
        const result = await deactivateRule(ctx, { ruleId: String(record.id()), actor: actorOf(ctx, context) })
        const refreshed = await context.resource.findOne(String(record.id()), context)
        return answer((refreshed ?? record).toJSON(context.currentAdmin), true, result.notice)
      } catch (error) {
        if (!(error instanceof ReconciliationError)) throw error
        return answer(record.toJSON(context.currentAdmin), false, error.in(ctx.panelLanguage.current))
      }
    },
  }
}
