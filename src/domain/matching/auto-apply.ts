/**
 * The auto-apply policy (docs/matching.md §3): the worst bug is a wrong automatic match, so at most
 * the top suggestion, only when nothing is in doubt.
 */
import type { PayerTie } from './client-resolution.js'
import type { Context, Scored } from './context.js'
import { payerGroupFits } from './payer-alternatives.js'
import { openCents, type NotSure } from './types.js'
import { AUTO_APPLY_MARGIN } from './weights.js'

/**
 * Eligible: the amount fits exactly; every invoice is named by its full number and no other invoice
 * is named, and no tied reading of who paid points away from them (tieElsewhere), or the payer's
 * IBAN identifies them and this is their only open invoice of exactly that amount while the
 * transfer names no invoice and no other document (quote, credit note, order) and no two or more
 * of their other open invoices add up to it (payer-alternatives.ts: then the evidence cannot tell
 * which was paid); no invoice of another client; none issued after the payment's business day.
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
  if (facts.allNamedFull) return !namesOthers && !tieElsewhere(scored, context)
  return facts.onlyExactOfIbanPayer && !namesAny && !namesOtherDocument && !payerGroupFits(context)
}

/**
 * No payer was identified because a reading of who paid tied between clients (the payer's IBAN is
 * registered on several, this IBAN or payer name was confirmed for several, the name resembles
 * several equally), and an invoice belongs to none of the clients one of them tied between: a full
 * number is then no proof, it may be a typo that happens to be another client's invoice
 * (docs/matching.md §3). The first such reading in order of trust, or undefined. Every reading must
 * agree: readings that disagree are a doubt too. An invoice without a client does not count against
 * it, as it is no client mismatch for an identified payer either; a payer no reading names (an
 * unknown payer) points nowhere.
 */
function tieElsewhere({ invoices }: Scored, { payerTies }: Context): PayerTie | undefined {
  return payerTies.find((tie) => invoices.some((invoice) => !!invoice.clientId && !tie.clients.has(invoice.clientId)))
}

const none = {} as Record<string, never>
const because = <C extends NotSure['code']>(code: C, params: Extract<NotSure, { code: C }>['params']) => ({ code, params }) as NotSure

/**
 * Why the rule of isEligible does not hold, as the fact Maud reads beside the tier ("écart de
 * 1,50 €", reason-texts.ts), the first blocking fact first; null when it holds.
 */
export function whyNotEligible(scored: Scored, context: Context): NotSure | null {
  const { payment, references, namesOtherDocument, resolution, payerExactCount } = context
  const { facts } = scored
  if (facts.clientMismatch) return because('CLIENT_MISMATCH', none)
  if (facts.beforeIssue) return because('BEFORE_ISSUE', none)
  if (!facts.amountExact || facts.neverAuto) {
    const open = scored.invoices.reduce((sum, invoice) => sum + openCents(invoice), 0)
    const gap = open - payment.amountCents
    const partial = scored.suggestion.reasons.some((r) => r.code === 'AMOUNT_PARTIAL')
    if (gap > 0 && partial) return because('PARTIAL', { remainingCents: gap })
    if (gap > 0) return because('GAP', { gapCents: gap, invoices: scored.invoices.length })
    if (gap < 0) return because('OVERPAID', { excessCents: -gap })
    return because('GROUP_NOT_ALL_NAMED', none)
  }
  const ids = new Set(scored.invoices.map((invoice) => invoice.id))
  let namesAny = false
  for (const [id, evidence] of references) {
    if (evidence.kind === 'other') continue
    namesAny = true
    if (!ids.has(id) && evidence.kind !== 'short') return because('NAMES_ANOTHER_INVOICE', none)
  }
  if (facts.allNamedFull) {
    const tie = tieElsewhere(scored, context)
    if (!tie) return null
    const params = { clients: tie.clients.size, invoices: scored.invoices.length }
    return tie.by === 'name' ? because('NAME_POINTS_ELSEWHERE', params) : because('PAYER_POINTS_ELSEWHERE', { by: tie.by, ...params })
  }
  if (namesAny) return because('INCOMPLETE_NUMBER', none)
  if (namesOtherDocument) return because('NAMES_OTHER_DOCUMENT', none)
  if (resolution?.via === 'iban' && payerExactCount > 1) return because('SAME_AMOUNT_INVOICES', { count: payerExactCount })
  if (facts.onlyExactOfIbanPayer) return payerGroupFits(context) ? because('PAYER_GROUP_FITS', none) : null
  return resolution?.via === 'iban' ? because('NO_INVOICE_NUMBER', none) : because('NO_NUMBER_NOR_IBAN', none)
}

/** Flags the top suggestion when it is eligible and clearly ahead of the next one; says why for the others. */
export function flagAutoApply(ranked: Scored[], context: Context): void {
  const [top, next] = ranked
  for (const scored of ranked) {
    const why = whyNotEligible(scored, context) ?? (scored === top ? null : because('BETTER_SUGGESTION_FIRST', none))
    if (why) scored.suggestion.notSure = why
  }
  if (!top || !isEligible(top, context)) return
  if (next && top.suggestion.score - next.suggestion.score < AUTO_APPLY_MARGIN) {
    top.suggestion.notSure = because('ANOTHER_ALMOST_AS_LIKELY', none)
    return
  }
  top.suggestion.autoApply = true
}
