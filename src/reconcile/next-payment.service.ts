/** The work queue's next step: the oldest payment still to reconcile (the dashboard's queue orders the same way). */
import type { ReconciliationContext } from '../context.js'
import { unreconciledCreditWhere } from './dashboard.service.js'

/** The oldest credit still to reconcile other than `afterId` (the one just handled), or null when all are done. */
export async function nextPaymentToReconcile(ctx: ReconciliationContext, afterId: string | null = null): Promise<string | null> {
  const next = await ctx.prisma.transactionQonto.findFirst({
    where: { ...unreconciledCreditWhere, ...(afterId ? { NOT: { id: afterId } } : {}) },
    orderBy: [{ dateTransaction: 'asc' }, { id: 'asc' }],
    select: { id: true },
  })
  return next?.id ?? null
}
