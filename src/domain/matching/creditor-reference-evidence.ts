/**
 * What a creditor reference (ISO 11649 "RF…", creditor-reference.ts) in the transfer says about the
 * open invoices: with right check digits it names its invoice fully (method RF), whatever the
 * number's length or prefix; with wrong ones, whatever else the text says, that invoice is only
 * partly named (never automatic).
 */
import { sameCurrency } from './context.js'
import { creditorReferenceBody, findCreditorReferences } from './creditor-reference.js'
import { invoiceKey } from './invoice-references.js'
import type { LedgerIndex } from './ledger-index.js'
import type { ReferenceEvidence, Where } from './reference-evidence.js'
import type { Invoice, Payment } from './types.js'

export function applyCreditorReferences(payment: Payment, index: LedgerIndex, currency: string, found: Map<string, ReferenceEvidence>): void {
  for (const [text, where] of [[payment.reference, 'référence'], [payment.label, 'libellé']] as const) {
    for (const reference of findCreditorReferences(text)) {
      for (const body of reference.invalid) {
        for (const invoice of invoicesOfBody(index, body, currency)) {
          const current = found.get(invoice.id)
          if (current?.kind !== 'full' || current.via !== 'rf') found.set(invoice.id, { kind: 'partial', where, why: 'rf-invalid', shown: reference.shown })
        }
      }
      for (const body of reference.valid) {
        for (const invoice of invoicesOfBody(index, body, currency)) found.set(invoice.id, { kind: 'full', where: where as Where, via: 'rf' })
      }
    }
  }
}

const byBody = new WeakMap<LedgerIndex, Map<string, Invoice[]>>()

/** Open invoices whose creditor reference has this body (indexed once per batch, on the first RF seen). */
function invoicesOfBody(index: LedgerIndex, body: string, currency: string): Invoice[] {
  let map = byBody.get(index)
  if (!map) {
    map = new Map()
    for (const invoice of index.invoicesById.values()) {
      const own = creditorReferenceBody(invoice.number)
      if (!own) continue
      const list = map.get(own)
      if (list) list.push(invoice)
      else map.set(own, [invoice])
    }
    byBody.set(index, map)
  }
  return (map.get(body) ?? []).filter((invoice) => sameCurrency(invoice, currency))
}

/** Lookup keys of the invoices the creditor references of these texts could name (SQL prefilter). */
export function creditorReferenceKeys(...texts: Array<string | null | undefined>): string[] {
  const keys: string[] = []
  for (const text of texts) {
    for (const reference of findCreditorReferences(text)) {
      for (const body of [...reference.valid, ...reference.invalid]) {
        keys.push(body.toLowerCase())
        const key = invoiceKey(body)
        if (key) keys.push(key)
      }
    }
  }
  return keys
}
