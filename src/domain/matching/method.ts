/**
 * A suggestion's method in one word (types.ts MatchMethod): the strongest thing that led to these
 * invoices. The text naming one of them wins; then who paid, when the payer owns every invoice;
 * otherwise only the amount.
 */
import type { ClientEvidence } from './client-resolution.js'
import { isNamed, type Context } from './context.js'
import type { Invoice, MatchMethod } from './types.js'

const BY_PAYER: Record<ClientEvidence, MatchMethod> = { iban: 'IBAN', history: 'HISTORY', name: 'RULE' }

export function matchMethod(invoices: Invoice[], { references, resolution }: Context): MatchMethod {
  if (references.size > 0 && invoices.some((invoice) => isNamed(references.get(invoice.id)))) return 'REFERENCE'
  if (resolution && invoices.every((invoice) => invoice.clientId === resolution.clientId)) return BY_PAYER[resolution.via]
  return 'AMOUNT'
}
