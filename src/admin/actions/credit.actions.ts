/** "Imputer l'avoir" on the invoice page: a client's credit from an earlier surplus applied to this invoice. */
import type { Actor, ReconciliationContext } from '../../context.js'
import { formatEuros } from '../../domain/money.js'
import { ReconciliationError } from '../../reconcile/reconciliation.service.js'
import { applyCredit } from '../../reconcile/surplus.service.js'

export async function applyCreditCommand(ctx: ReconciliationContext, creditId: string, invoiceId: string, actor: Actor, afterCommit: () => void) {
  try {
    const result = await applyCredit(ctx, { creditId, invoiceId, actor })
    afterCommit()
    const invoice = result.invoices[0]!
    return { ok: true, message: `Avoir de ${formatEuros(result.appliedCents)} imputé sur ${invoice.reference} (${invoice.status === 'PAYE' ? 'payée' : `reste ${formatEuros(invoice.remainingCents)}`}).` }
  } catch (error) {
    if (!(error instanceof ReconciliationError)) throw error
    return { ok: false, message: error.in(ctx.panelLanguage.current) }
  }
}
