/**
 * The work queue's server calls, each one POST to an action that checks everything again (roles,
 * confidence, amounts, fingerprints): associate (with or without a write-off), ignore, and undo.
 */
import { ApiClient } from 'adminjs'
import { postCommand } from './action-request.js'
import { TRANSACTIONS } from './paths.js'
import { panelTexts } from './i18n/texts.js'

const T = panelTexts().queueActions

const api = new ApiClient()

export interface QueueInvoice { id: string; reference: string; client: string | null; openCents: number; allocatedCents: number; remainingAfterCents: number }
export interface QueueBest { allocations: Array<{ invoiceId: string; amountCents: number }>; invoices: QueueInvoice[] }

/** What "u" (or the done message's "Annuler") reverses. */
export type Undo =
  | { kind: 'associate'; transactionIds: string[] }
  | { kind: 'ignore'; transactionId: string; ruleId: string | null }

export interface Outcome {
  ok: boolean
  message: string
  needsConfirmation?: boolean
  emailNotice?: string
  undo?: Undo
  /** Other payments of this payer still waiting, that a new rule could explain (Ignorer page). */
  existingMatches?: number
}

type Answer = { ok?: boolean; message?: string; needsConfirmation?: boolean; notice?: { message: string }; emailNotice?: string; rule?: { id: string } | null; existingMatches?: number }
const post = async (recordId: string, actionName: string, body: object, resourceId = TRANSACTIONS): Promise<Answer> =>
  (await api.recordAction({ resourceId, recordId, actionName, ...postCommand(body) })).data as Answer

/** The write-off a suggestion leaves open: one invoice, a gap within the limit (the server checks it again). */
export function writeOffGap(best: QueueBest | null, maxCents: number): { invoiceId: string; cents: number } | null {
  if (!best || best.invoices.length !== 1) return null
  const [invoice] = best.invoices
  return invoice!.remainingAfterCents > 0 && invoice!.remainingAfterCents <= maxCents ? { invoiceId: invoice!.id, cents: invoice!.remainingAfterCents } : null
}

export async function associateBest(transactionId: string, best: QueueBest, options: { confirmed: boolean; writeOff?: { invoiceId: string; cents: number } | null }): Promise<Outcome> {
  const answer = await post(transactionId, 'associer', {
    op: 'associate',
    mode: 'SUGGESTION',
    allocations: best.allocations.map((a) => ({ invoiceId: a.invoiceId, amountCents: a.amountCents })),
    ...(options.writeOff ? { writeOffs: [{ invoiceId: options.writeOff.invoiceId, amountCents: options.writeOff.cents, motif: 'FRAIS_BANCAIRES' }] } : {}),
    confirmed: options.confirmed,
  })
  const message = answer.notice?.message ?? answer.message ?? (answer.ok ? T.paiementAssocie : T.refuse)
  return {
    ok: Boolean(answer.ok),
    message,
    needsConfirmation: answer.needsConfirmation,
    emailNotice: answer.emailNotice,
    undo: answer.ok ? { kind: 'associate', transactionIds: [transactionId] } : undefined,
  }
}

export async function ignore(transactionId: string, request: { category: string; note?: string; always: boolean }): Promise<Outcome> {
  const answer = await post(transactionId, 'ignorer', { category: request.category, note: request.note || undefined, rule: request.always ? 'PAYEUR' : 'AUCUNE' })
  return {
    ok: Boolean(answer.ok),
    message: answer.message ?? (answer.ok ? T.paiementIgnore : T.refuse),
    undo: answer.ok ? { kind: 'ignore', transactionId, ruleId: answer.rule?.id ?? null } : undefined,
    existingMatches: answer.existingMatches,
  }
}

/** Reverses the last action: dissociates (which cancels a "facture réglée" e-mail not sent yet), or deactivates the new rule and restores. */
export async function undo(action: Undo): Promise<Outcome> {
  const messages: string[] = []
  if (action.kind === 'associate') {
    for (const id of action.transactionIds) {
      const answer = await post(id, 'dissocier', {})
      if (!answer.ok) return { ok: false, message: answer.message ?? T.annulationRefusee }
      messages.push(answer.message ?? '')
    }
    return { ok: true, message: action.transactionIds.length > 1 ? T.undoneMany(action.transactionIds.length) : messages.join(' ') }
  }
  if (action.ruleId) {
    const answer = await post(action.ruleId, 'desactiver', {}, 'QontoRegle')
    if (!answer.ok) return { ok: false, message: answer.message ?? T.annulationRefusee }
  }
  const answer = await post(action.transactionId, 'retablir', {})
  return { ok: Boolean(answer.ok), message: answer.message ?? (answer.ok ? T.paiementRetabli : T.annulationRefusee) }
}
