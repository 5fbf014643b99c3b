/** Undoing a payment's association unexplains its surplus too (Dissocier): the credit or refund is cancelled, audited with it. */
import type { Actor, Tx } from '../context.js'

export async function cancelSurplus(tx: Tx, transactionId: string, actor: Actor): Promise<number> {
  const { count } = await tx.qontoExcedent.updateMany({ where: { transactionId, annuleLe: null }, data: { annuleLe: new Date(), annulePar: actor.label } })
  return count
}
