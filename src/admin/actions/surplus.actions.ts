/** Associer's "every euro explained" commands: a surplus becomes a client credit or a refund (ADMIN only, as Associer). */
import { z } from 'zod'
import type { Actor, ReconciliationContext } from '../../context.js'
import { formatEurosIn } from '../../domain/money.js'
import { serverTexts } from '../../i18n/server-texts.js'
import { duplicatesOf } from '../../reconcile/duplicate-payment.service.js'
import { loadTransaction, toPayment } from '../../reconcile/matching-data.service.js'
import { ReconciliationError } from '../../reconcile/reconciliation.service.js'
import { explainSurplus, surplusOf } from '../../reconcile/surplus.service.js'

export const surplusCommands = [
  z.object({ op: z.literal('surplus'), treatment: z.enum(['AVOIR', 'REMBOURSEMENT']), note: z.string().max(500).optional() }),
] as const

export type SurplusCommand = z.infer<(typeof surplusCommands)[number]>

/** What Associer shows: the payment's surplus (and how it is explained), and the payment it may duplicate. */
export async function surplusAnswer(ctx: ReconciliationContext, transactionId: string) {
  const row = await loadTransaction(ctx.prisma, transactionId)
  const duplicate = row && row.sens === 'CREDIT' ? (await duplicatesOf(ctx, [toPayment(row)])).get(transactionId) ?? null : null
  return { surplus: await surplusOf(ctx, transactionId), duplicateOf: duplicate }
}

export async function runSurplusCommand(ctx: ReconciliationContext, transactionId: string, command: SurplusCommand, actor: Actor) {
  try {
    const { amountCents } = await explainSurplus(ctx, { transactionId, treatment: command.treatment, note: command.note, actor })
    const T = serverTexts({ language: ctx.panelLanguage }).notices
    const amount = formatEurosIn(ctx.panelLanguage.current, amountCents)
    const message = command.treatment === 'AVOIR' ? T.surplusCredit(amount) : T.surplusRefund(amount)
    return { ok: true, notice: { type: 'success', message } }
  } catch (error) {
    if (!(error instanceof ReconciliationError)) throw error
    return { ok: false, notice: { type: 'error', message: error.in(ctx.panelLanguage.current) } }
  }
}
