/** The record action the invoice feature adds to the host's invoice resource. */
import { serverTexts } from '../../i18n/server-texts.js'
import type { ActionContext, ActionRequest, ActionResponse, RecordActionResponse } from 'adminjs'
import { z } from 'zod'
import type { ReconciliationContext } from '../../context.js'
import type { CurrentUser } from '../../options.js'
import { invoiceSide } from '../../reconcile/invoice-side.service.js'
import { associate, ReconciliationError } from '../../reconcile/reconciliation.service.js'
import { serverSuggestionFor } from '../../reconcile/matching-data.service.js'
import { acceptsOneClick } from '../../domain/matching/confidence.js'
import { confidenceTextIn, notSureText } from '../../domain/matching/reason-texts.js'
import { signedIn } from '../access.js'
import { readBody } from './request-body.js'
import { applyCreditCommand } from './credit.actions.js'
import { bigIntsAsText } from '../../resources/common.js'

const commandSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('list'), withCandidates: z.boolean().optional() }),
  z.object({ op: z.literal('associate'), transactionId: z.string().min(1).max(100), amountCents: z.number().int().positive(), confirmed: z.boolean().optional() }),
  z.object({ op: z.literal('applyCredit'), creditId: z.string().min(1).max(100) }),
])

/** An invoice (the mapping's `where`) still open for payment. */
function isPayableInvoiceOf(ctx: ReconciliationContext) {
  const { fields, payableStatuses, where } = ctx.invoices.mapping
  return ({ record }: ActionContext): boolean => {
    if (!record || !payableStatuses.includes(String(record.param(fields.status)))) return false
    return Object.entries(where ?? {}).every(([field, expected]) => {
      const value = record.param(field)
      return typeof expected === 'object' ? expected.in.some((v) => String(v) === String(value)) : String(expected) === String(value)
    })
  }
}

export function rapprocherPaiementAction(ctx: ReconciliationContext, component: string, afterCommit: () => void) {
  const canReconcile = (context: ActionContext) => ctx.canReconcile(context.currentAdmin as CurrentUser | undefined)
  const isPayableInvoice = isPayableInvoiceOf(ctx)
  return {
    actionType: 'record' as const,
    icon: 'Link',
    component,
    // Reading the payments is for everyone signed in (the show page); associating is checked below.
    isAccessible: signedIn,
    // The button only where there is something to do: an invoice still open for payment.
    isVisible: (context: ActionContext) => canReconcile(context) && isPayableInvoice(context),
    // A BigInt-id host's invoice record (its id, its client's foreign key) travels as text.
    after: async (response: ActionResponse) => bigIntsAsText(response) as ActionResponse,
    handler: async (request: ActionRequest, _response: unknown, context: ActionContext): Promise<RecordActionResponse & Record<string, unknown>> => {
      const record = context.record!
      const json = () => record.toJSON(context.currentAdmin)
      if (request.method !== 'post') return { record: json() }
      const command = commandSchema.safeParse(readBody(request))
      const T = serverTexts({ language: ctx.panelLanguage }).notices
      if (!command.success) return { record: json(), ok: false, message: T.invalidRequest }
      const invoiceId = String(record.id())
      if (command.data.op === 'list') {
        const side = await invoiceSide(ctx, invoiceId, { withCandidates: command.data.withCandidates === true && canReconcile(context) })
        return { record: json(), ...side, canReconcile: canReconcile(context) }
      }
      if (!canReconcile(context)) return { record: json(), ok: false, message: T.noRightToReconcile }
      if (command.data.op === 'applyCredit') return { record: json(), ...(await applyCreditCommand(ctx, command.data.creditId, invoiceId, ctx.actorOf(context.currentAdmin as CurrentUser | undefined), afterCommit)) }
      try {
        const allocations = [{ invoiceId, amountCents: command.data.amountCents }]
        const suggestion = await serverSuggestionFor(ctx, command.data.transactionId, allocations)
        // The payment side's safety rule: one click only for a "sûr" server suggestion, otherwise an explicit confirmation.
        if (command.data.confirmed !== true && !(suggestion && acceptsOneClick(suggestion))) {
          const language = ctx.panelLanguage.current
          const message = suggestion ? T.checkConfidence(confidenceTextIn(suggestion, language), suggestion.notSure ? notSureText(suggestion.notSure, language) : null) : T.notASureSuggestion
          return { record: json(), ok: false, needsConfirmation: true, message, notice: { type: 'info', message } }
        }
        await associate(ctx, {
          transactionId: command.data.transactionId,
          allocations,
          actor: ctx.actorOf(context.currentAdmin as CurrentUser | undefined),
          mode: suggestion ? 'SUGGESTION' : 'MANUEL',
          score: suggestion?.score,
          reasons: suggestion?.reasons,
          method: suggestion?.method,
        })
        afterCommit()
        return { record: json(), ok: true, message: T.invoiceAssociated }
      } catch (error) {
        if (!(error instanceof ReconciliationError)) throw error
        return { record: json(), ok: false, message: error.in(ctx.panelLanguage.current) }
      }
    },
  }
}
