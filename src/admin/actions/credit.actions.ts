/** "Imputer l'avoir" on the invoice page: a client's credit from an earlier surplus applied to this invoice. */
import type { Actor, ReconciliationContext } from '../../context.js'
import { formatEurosIn } from '../../domain/money.js'
import { serverTexts } from '../../i18n/server-texts.js'
import { ReconciliationError } from '../../reconcile/reconciliation.service.js'
import { applyCredit } from '../../reconcile/surplus.service.js'

export async function applyCreditCommand(ctx: ReconciliationContext, creditId: string, invoiceId: string, actor: Actor, afterCommit: () => void) {
  try {
    const result = await applyCredit(ctx, { creditId, invoiceId, actor })
    afterCommit()
    const invoice = result.invoices[0]!
    const euros = (cents: number) => formatEurosIn(ctx.panelLanguage.current, cents)
    const message = serverTexts({ language: ctx.panelLanguage }).notices.creditApplied(euros(result.appliedCents), invoice.reference, invoice.status === 'PAYE' ? null : euros(invoice.remainingCents))
    return { ok: true, message }
  } catch (error) {
    if (!(error instanceof ReconciliationError)) throw error
    return { ok: false, message: error.in(ctx.panelLanguage.current) }
  }
}
