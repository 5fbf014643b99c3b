/**
 * A suggestion's method in one word (types.ts MatchMethod): the strongest thing that led to these
 * invoices. The text naming one of them wins (its ISO 11649 creditor reference first); then who paid, when the payer owns every invoice;
 * otherwise only the amount.
 */
import type { ClientEvidence } from './client-resolution.js'
import { isNamed, type Context } from './context.js'
import type { Invoice, MatchMethod } from './types.js'

const BY_PAYER: Record<ClientEvidence, MatchMethod> = { iban: 'IBAN', history: 'HISTORY', name: 'RULE' }

export function matchMethod(invoices: Invoice[], { references, resolution }: Context): MatchMethod {
  if (references.size > 0) {
    const evidence = invoices.map((invoice) => references.get(invoice.id))
    if (evidence.some((e) => e?.kind === 'full' && e.via === 'rf')) return 'RF'
    if (evidence.some(isNamed)) return 'REFERENCE'
  }
  if (resolution && invoices.every((invoice) => invoice.clientId === resolution.clientId)) return BY_PAYER[resolution.via]
  return 'AMOUNT'
}
