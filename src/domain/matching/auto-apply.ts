/**
 * The auto-apply policy (docs/matching.md §3): the worst bug is a wrong automatic match, so at most
 * the top suggestion, only when nothing is in doubt.
 */
import { formatEuros } from '../money.js'
import type { Context, Scored } from './context.js'
import { payerGroupFits } from './payer-alternatives.js'
import { openCents } from './types.js'
import { AUTO_APPLY_MARGIN } from './weights.js'

/**
 * Eligible: the amount fits exactly; every invoice is named by its full number and no other invoice
 * is named, or the payer's IBAN identifies them and this is their only open invoice of exactly that
 * amount while the transfer names no invoice and no other document (quote, credit note, order)
 * and no two or more of their other open invoices add up to it (payer-alternatives.ts: then the
 * evidence cannot tell which was paid); no invoice of another client; none issued after the
 * payment's business day.
 */
export function isEligible(scored: Scored, context: Context): boolean {
  const { references, namesOtherDocument } = context
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
  return facts.onlyExactOfIbanPayer && !namesAny && !namesOtherDocument && !payerGroupFits(context)
}

/**
 * Why the rule of isEligible does not hold, in the words Maud reads beside the tier ("écart de
 * 1,50 €"), the first blocking fact first; null when it holds.
 */
export function whyNotEligible(scored: Scored, context: Context): string | null {
  const { payment, references, namesOtherDocument, resolution, payerExactCount } = context
  const { facts } = scored
  if (facts.clientMismatch) return "facture d'un autre client que le payeur"
  if (facts.beforeIssue) return 'paiement antérieur à la facture'
  if (!facts.amountExact || facts.neverAuto) {
    const open = scored.invoices.reduce((sum, invoice) => sum + openCents(invoice), 0)
    const gap = open - payment.amountCents
    const partial = scored.suggestion.reasons.some((r) => r.code === 'AMOUNT_PARTIAL')
    if (gap > 0 && partial) return `paiement partiel : reste ${formatEuros(gap)} dus`
    if (gap > 0) return scored.invoices.length > 1 ? `écart de ${formatEuros(gap)} sur ces factures` : `écart de ${formatEuros(gap)}`
    if (gap < 0) return `trop-perçu de ${formatEuros(-gap)}`
    return 'factures regroupées sans que le virement les cite toutes'
  }
  const ids = new Set(scored.invoices.map((invoice) => invoice.id))
  let namesAny = false
  for (const [id, evidence] of references) {
    if (evidence.kind === 'other') continue
    namesAny = true
    if (!ids.has(id) && evidence.kind !== 'short') return 'le virement cite aussi une autre facture'
  }
  if (facts.allNamedFull) return null
  if (namesAny) return 'numéro de facture incomplet dans le virement'
  if (namesOtherDocument) return 'le virement cite un autre document (devis, avoir, commande)'
  if (resolution?.via === 'iban' && payerExactCount > 1) return `${payerExactCount} factures de ce montant pour ce client`
  if (facts.onlyExactOfIbanPayer) return payerGroupFits(context) ? "d'autres factures de ce client font aussi ce montant ensemble" : null
  return resolution?.via === 'iban' ? 'aucun numéro de facture dans le virement' : 'ni numéro de facture dans le virement, ni IBAN connu du client'
}

/** Flags the top suggestion when it is eligible and clearly ahead of the next one; says why for the others. */
export function flagAutoApply(ranked: Scored[], context: Context): void {
  const [top, next] = ranked
  for (const scored of ranked) {
    const why = whyNotEligible(scored, context) ?? (scored === top ? null : 'une meilleure suggestion passe avant')
    if (why) scored.suggestion.notSureBecause = why
  }
  if (!top || !isEligible(top, context)) return
  if (next && top.suggestion.score - next.suggestion.score < AUTO_APPLY_MARGIN) {
    top.suggestion.notSureBecause = 'une autre facture est presque aussi probable'
    return
  }
  top.suggestion.autoApply = true
}
