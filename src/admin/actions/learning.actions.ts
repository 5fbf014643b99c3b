/** Associer's learning commands: "ne plus proposer", "rétablir", and the payer's "ne pas apprendre" switch (ADMIN only, as Associer). */
import { forgetPayerBestSuggestions } from '../../reconcile/best-suggestion.service.js'
import { LEARNING_TEXTS } from '../../domain/matching/reason-texts.js'
import { pick } from '../../i18n/both.js'
import { z } from 'zod'
import type { Actor, ReconciliationContext } from '../../context.js'
import { declinedForPayment, declineSuggestion, payerLearning, restoreDecline, setPayerLearning } from '../../reconcile/learning.service.js'
import { ReconciliationError } from '../../reconcile/reconciliation.service.js'
import { forgetLearned, learnedDay, learnedForPayer } from '../../reconcile/learned-habits.service.js'
import { serverTexts } from '../../i18n/server-texts.js'

export const learningCommands = [
  z.object({ op: z.literal('decline'), invoiceIds: z.array(z.string().min(1).max(100)).min(1).max(50), scope: z.enum(['PAIEMENT', 'PAYEUR']) }),
  z.object({ op: z.literal('restore'), declineId: z.string().min(1).max(100) }),
  z.object({ op: z.literal('learning'), learn: z.boolean() }),
  z.object({ op: z.literal('forget'), learnedId: z.string().min(1).max(100) }),
] as const

export type LearningCommand = z.infer<(typeof learningCommands)[number]>

/** What Associer shows about learning for this payment: its declined suggestions, explained, and the payer's switch. */
export async function learningAnswer(ctx: ReconciliationContext, transactionId: string) {
  const transaction = await ctx.prisma.transactionQonto.findUniqueOrThrow({ where: { id: transactionId }, select: { id: true, emetteur: true, emetteurIban: true } })
  return {
    declined: await declinedForPayment(ctx, { id: transaction.id, counterpartyName: transaction.emetteur, counterpartyIban: transaction.emetteurIban }),
    learning: await payerLearning(ctx, transaction),
    /** What Maud's confirmations taught about this payer (aliases, reference forms), with where it came from. */
    // Associer's learning panel: in the panel's language.
    learned: (await learnedForPayer(ctx, transaction)).map((view) => ({
      ...view,
      explanation: serverTexts({ language: ctx.panelLanguage }).learned.explanation(learnedDay(view, ctx.panelLanguage.current), view.references.join(', '), view.by),
    })),
  }
}

export async function runLearningCommand(ctx: ReconciliationContext, transactionId: string, command: LearningCommand, actor: Actor) {
  const answer = await learningStep(ctx, transactionId, command, actor)
  // What the matcher proposes to this payer changed: the queue recomputes its stored suggestions.
  if (answer.ok) await forgetPayerBestSuggestions(ctx, transactionId)
  return answer
}

async function learningStep(ctx: ReconciliationContext, transactionId: string, command: LearningCommand, actor: Actor) {
  const T = pick(LEARNING_TEXTS, ctx.panelLanguage.current)
  try {
    switch (command.op) {
      case 'decline': {
        const view = await declineSuggestion(ctx, { transactionId, invoiceIds: command.invoiceIds, scope: command.scope, actor })
        return { ok: true, notice: { type: 'success', message: T.declineDone(view.references.join(' + '), command.scope === 'PAYEUR') } }
      }
      case 'restore':
        await restoreDecline(ctx, command.declineId, actor)
        return { ok: true, notice: { type: 'success', message: T.restored } }
      case 'forget': {
        const view = await forgetLearned(ctx, command.learnedId, actor)
        return { ok: true, notice: { type: 'success', message: serverTexts({ language: ctx.panelLanguage }).learned.forgotten(view.what, view.client) } }
      }
      case 'learning': {
        const learning = await setPayerLearning(ctx, { transactionId, learn: command.learn, actor })
        const message = learning.learn ? T.learnsAgain(learning.label) : T.learnsNoMore(learning.label)
        return { ok: true, learning, notice: { type: 'success', message } }
      }
    }
  } catch (error) {
    if (!(error instanceof ReconciliationError)) throw error
    return { ok: false, notice: { type: 'error', message: error.in(ctx.panelLanguage.current) } }
  }
}
