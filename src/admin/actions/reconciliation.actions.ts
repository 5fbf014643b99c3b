/**
 * AdminJS actions of the reconciliation workflow. Thin: parse the request, call a use-case, shape
 * the answer. Every mutation happens only on POST and only for ADMIN (isAccessible, not just hidden).
 */
import type { ActionContext, ActionRequest, ActionResponse, BaseRecord, RecordActionResponse } from 'adminjs'
import { z } from 'zod'
import type { Actor, ReconciliationContext } from '../../context.js'
import type { CurrentUser } from '../../options.js'
import { autoReconcile } from '../../services/auto-reconcile.service.js'
import { serverSuggestionFor, suggestionsForTransaction } from '../../services/matching-data.service.js'
import { associate, dissociate, ReconciliationError } from '../../services/reconciliation.service.js'
import { describeSuggestions, searchOpenInvoices, transactionSummary } from '../../services/reconciliation-view.service.js'
import { reconcilersOnly } from '../access.js'
import { readBody } from './request-body.js'

const associateSchema = z.object({
  op: z.literal('associate'),
  allocations: z.array(z.object({ invoiceId: z.string().min(1).max(100), amountCents: z.number().int().positive() })).min(1).max(50),
  // Score and reasons are recomputed on the server: the browser's copy is never trusted (audit log).
  mode: z.enum(['MANUEL', 'SUGGESTION']),
})
const commandSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('suggest') }),
  z.object({ op: z.literal('search'), query: z.string().max(100) }),
  associateSchema,
])

function readCommand(request: ActionRequest) {
  return commandSchema.safeParse(readBody(request))
}

export function actorOf(ctx: ReconciliationContext, context: ActionContext): Actor {
  return ctx.actorOf(context.currentAdmin as CurrentUser | undefined)
}

const isCredit = (record?: BaseRecord) => record?.param('sens') === 'CREDIT' && record?.param('statut') === 'SETTLED'
const hasAllocations = (record?: BaseRecord) => Number(record?.param('montantAlloue') ?? 0) > 0

export function associerAction(ctx: ReconciliationContext, component: string, afterCommit: () => void = () => undefined) {
  return {
    actionType: 'record' as const,
    icon: 'Link',
    component,
    isAccessible: reconcilersOnly(ctx),
    isVisible: ({ record }: ActionContext) => isCredit(record) && record?.param('associe') !== true,
    handler: async (request: ActionRequest, _response: unknown, context: ActionContext): Promise<RecordActionResponse & Record<string, unknown>> => {
      const record = context.record!
      const json = () => record.toJSON(context.currentAdmin)
      if (request.method !== 'post') return { record: json() }
      const command = readCommand(request)
      if (!command.success) return { record: json(), notice: { type: 'error', message: 'Requête invalide.' } }
      const id = String(record.id())
      switch (command.data.op) {
        case 'suggest': {
          const result = await suggestionsForTransaction(ctx, id)
          return {
            record: json(),
            transaction: await transactionSummary(ctx, id),
            clientId: result?.clientId ?? null,
            suggestions: result ? await describeSuggestions(ctx, result.suggestions) : [],
          }
        }
        case 'search':
          return { record: json(), invoices: await searchOpenInvoices(ctx, command.data.query) }
        case 'associate':
          try {
            const suggestion = command.data.mode === 'SUGGESTION' ? await serverSuggestionFor(ctx, id, command.data.allocations) : undefined
            const result = await associate(ctx, {
              transactionId: id,
              allocations: command.data.allocations,
              actor: actorOf(ctx, context),
              mode: suggestion ? 'SUGGESTION' : 'MANUEL',
              score: suggestion?.score,
              reasons: suggestion?.reasons,
            })
            afterCommit()
            const references = result.invoices.map((d) => `${d.reference} (${d.status === 'PAYE' ? 'payée' : 'partiellement payée'})`)
            const refreshed = await context.resource.findOne(id, context)
            return {
              record: (refreshed ?? record).toJSON(context.currentAdmin),
              ok: true,
              notice: { type: 'success', message: `Paiement associé à ${references.join(', ')}.` },
            }
          } catch (error) {
            if (!(error instanceof ReconciliationError)) throw error
            return { record: json(), ok: false, notice: { type: 'error', message: error.message } }
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
    isAccessible: reconcilersOnly(ctx),
    isVisible: ({ record }: ActionContext) => hasAllocations(record),
    custom: { intro: 'Retire les factures associées à ce paiement et les remet en attente de paiement.', button: 'Dissocier' },
    handler: async (request: ActionRequest, _response: unknown, context: ActionContext): Promise<RecordActionResponse & Record<string, unknown>> => {
      const record = context.record!
      if (request.method !== 'post') return { record: record.toJSON(context.currentAdmin) }
      try {
        const count = await dissociate(ctx, String(record.id()), actorOf(ctx, context))
        const refreshed = await context.resource.findOne(String(record.id()), context)
        return { record: (refreshed ?? record).toJSON(context.currentAdmin), ok: true, message: `Association annulée (${count} facture${count > 1 ? 's' : ''} remise${count > 1 ? 's' : ''} en attente).` }
      } catch (error) {
        if (!(error instanceof ReconciliationError)) throw error
        return { record: record.toJSON(context.currentAdmin), ok: false, message: error.message }
      }
    },
  }
}

const autoMessage = (r: { matched: number; left: number }) =>
  `${r.matched} paiement${r.matched > 1 ? 's' : ''} rapproché${r.matched > 1 ? 's' : ''} automatiquement, ${r.left} à traiter.`

export function rapprocherSelectionAction(ctx: ReconciliationContext, component: string, afterCommit: () => void = () => undefined) {
  return {
    actionType: 'bulk' as const,
    icon: 'Zap',
    component,
    isAccessible: reconcilersOnly(ctx),
    custom: { intro: 'Applique les rapprochements sans ambiguïté aux paiements sélectionnés. Les autres restent à traiter.', button: 'Rapprocher automatiquement' },
    handler: async (request: ActionRequest, _response: unknown, context: ActionContext): Promise<ActionResponse> => {
      const records = context.records ?? []
      if (request.method !== 'post') return { records: records.map((r) => r.toJSON(context.currentAdmin)) }
      const report = await autoReconcile(ctx, { transactionIds: records.map((r) => String(r.id())), actor: actorOf(ctx, context) })
      afterCommit()
      return { records: records.map((r) => r.toJSON(context.currentAdmin)), ok: true, message: autoMessage(report), report }
    },
  }
}

export function rapprocherToutAction(ctx: ReconciliationContext, component: string, afterCommit: () => void = () => undefined) {
  return {
    actionType: 'resource' as const,
    icon: 'Zap',
    component,
    isAccessible: reconcilersOnly(ctx),
    custom: { intro: 'Applique les rapprochements sans ambiguïté à tous les paiements non rapprochés.', button: 'Tout rapprocher automatiquement' },
    handler: async (request: ActionRequest, _response: unknown, context: ActionContext): Promise<ActionResponse> => {
      if (request.method !== 'post') return {}
      const report = await autoReconcile(ctx, { actor: actorOf(ctx, context) })
      afterCommit()
      return { ok: true, message: autoMessage(report), report }
    },
  }
}
