/**
 * The auto-apply policy (docs/matching.md §3): the worst bug is a wrong automatic match, so at most
 * the top suggestion, only when nothing is in doubt.
 */
import type { Context, Scored } from './context.js'
import { AUTO_APPLY_MARGIN } from './weights.js'

/**
 * Eligible: the amount fits exactly; every invoice is named by its full number and no other invoice
 * is named, or the payer's IBAN identifies them and this is their only open invoice of exactly that
 * amount while the transfer names no invoice and no other document (quote, credit note, order);
 * no invoice of another client; none issued after the payment's business day.
 */
export function isEligible(scored: Scored, { references, namesOtherDocument }: Context): boolean {
  const { facts } = scored
  if (facts.neverAuto || !facts.amountExact || facts.clientMismatch || facts.beforeIssue) return false
  const ids = new Set(scored.invoices.map((invoice) => invoice.id))
  let namesOthers = false
  let namesAny = false
  for (const [id, evidence] of references) {
    if (evidence.kind === 'other') continue
    namesAny = true
    if (!ids.has(id) && evidence.kind !== 'short') namesOthers = true
  }
  if (facts.allNamedFull) return !namesOthers
  return facts.onlyExactOfIbanPayer && !namesAny && !namesOtherDocument
}

/** Flags the top suggestion when it is eligible and clearly ahead of the next one. */
export function flagAutoApply(ranked: Scored[], context: Context): void {
  const [top, next] = ranked
  if (!top || !isEligible(top, context)) return
  if (next && top.suggestion.score - next.suggestion.score < AUTO_APPLY_MARGIN) return
  top.suggestion.autoApply = true
}
