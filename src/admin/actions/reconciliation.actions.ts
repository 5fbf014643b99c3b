/**
 * AdminJS actions of the reconciliation workflow. Thin: parse the request, call a use-case, shape
 * the answer. Every mutation happens only on POST and only for ADMIN (isAccessible, not just hidden).
 */
import type { PrismaClient } from '@prisma/client'
import type { ActionContext, ActionRequest, ActionResponse, BaseRecord, RecordActionResponse } from 'adminjs'
import { z } from 'zod'
import { autoReconcile } from '../../services/auto-reconcile.service.js'
import { suggestionsForTransaction } from '../../services/matching-data.service.js'
import { associate, dissociate, ReconciliationError, type Actor } from '../../services/reconciliation.service.js'
import { describeSuggestions, searchOpenInvoices, transactionSummary } from '../../services/reconciliation-view.service.js'
import { adminOnly, type PanelUser } from '../access.js'

const reasonSchema = z.object({ code: z.string(), label: z.string() })
const associateSchema = z.object({
  op: z.literal('associate'),
  allocations: z.array(z.object({ documentId: z.string().min(1), amountCents: z.number().int().positive() })).min(1).max(50),
  mode: z.enum(['MANUEL', 'SUGGESTION']),
  score: z.number().min(0).max(1).optional(),
  reasons: z.array(reasonSchema).max(20).optional(),
})
const commandSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('suggest') }),
  z.object({ op: z.literal('search'), query: z.string().max(100) }),
  associateSchema,
])

/** Components send `{ body: JSON }` so nested arrays survive AdminJS's form parsing. */
function readCommand(request: ActionRequest) {
  const raw = request.payload?.body
  return commandSchema.safeParse(typeof raw === 'string' ? safeJson(raw) : raw)
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

export function actorOf(context: ActionContext): Actor {
  const admin = context.currentAdmin as PanelUser
  return { userId: admin.id, label: admin.email }
}

const isCredit = (record?: BaseRecord) => record?.param('sens') === 'CREDIT' && record?.param('statut') === 'SETTLED'
const hasAllocations = (record?: BaseRecord) => Number(record?.param('montantAlloue') ?? 0) > 0

export function associerAction(prisma: PrismaClient, component: string, afterCommit: () => void = () => undefined) {
  return {
    actionType: 'record' as const,
    icon: 'Link',
    component,
    isAccessible: adminOnly,
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
          const result = await suggestionsForTransaction(prisma, id)
          return {
            record: json(),
            transaction: await transactionSummary(prisma, id),
            clientId: result?.clientId ?? null,
            suggestions: result ? await describeSuggestions(prisma, result.suggestions) : [],
          }
        }
        case 'search':
          return { record: json(), invoices: await searchOpenInvoices(prisma, command.data.query) }
        case 'associate':
          try {
            const result = await associate(prisma, {
              transactionId: id,
              allocations: command.data.allocations,
              actor: actorOf(context),
              mode: command.data.mode,
              score: command.data.score,
              reasons: command.data.reasons as never,
            })
            afterCommit()
            const references = result.documents.map((d) => `${d.reference} (${d.statut === 'PAYE' ? 'payée' : 'partiellement payée'})`)
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

export function dissocierAction(prisma: PrismaClient, component: string) {
  return {
    actionType: 'record' as const,
    icon: 'XCircle',
    variant: 'danger' as const,
    component,
    isAccessible: adminOnly,
    isVisible: ({ record }: ActionContext) => hasAllocations(record),
    custom: { intro: 'Retire les factures associées à ce paiement et les remet en attente de paiement.', button: 'Dissocier' },
    handler: async (request: ActionRequest, _response: unknown, context: ActionContext): Promise<RecordActionResponse & Record<string, unknown>> => {
      const record = context.record!
      if (request.method !== 'post') return { record: record.toJSON(context.currentAdmin) }
      try {
        const count = await dissociate(prisma, String(record.id()), actorOf(context))
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

export function rapprocherSelectionAction(prisma: PrismaClient, component: string, afterCommit: () => void = () => undefined) {
  return {
    actionType: 'bulk' as const,
    icon: 'Zap',
    component,
    isAccessible: adminOnly,
    custom: { intro: 'Applique les rapprochements sans ambiguïté aux paiements sélectionnés. Les autres restent à traiter.', button: 'Rapprocher automatiquement' },
    handler: async (request: ActionRequest, _response: unknown, context: ActionContext): Promise<ActionResponse> => {
      const records = context.records ?? []
      if (request.method !== 'post') return { records: records.map((r) => r.toJSON(context.currentAdmin)) }
      const report = await autoReconcile(prisma, { transactionIds: records.map((r) => String(r.id())), actor: actorOf(context) })
      afterCommit()
      return { records: records.map((r) => r.toJSON(context.currentAdmin)), ok: true, message: autoMessage(report), report }
    },
  }
}

export function rapprocherToutAction(prisma: PrismaClient, component: string, afterCommit: () => void = () => undefined) {
  return {
    actionType: 'resource' as const,
    icon: 'Zap',
    component,
    isAccessible: adminOnly,
    custom: { intro: 'Applique les rapprochements sans ambiguïté à tous les paiements non rapprochés.', button: 'Tout rapprocher automatiquement' },
    handler: async (request: ActionRequest, _response: unknown, context: ActionContext): Promise<ActionResponse> => {
      if (request.method !== 'post') return {}
      const report = await autoReconcile(prisma, { actor: actorOf(context) })
      afterCommit()
      return { ok: true, message: autoMessage(report), report }
    },
  }
}
