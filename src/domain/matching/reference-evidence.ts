/**
 * Which open invoices the transfer text names, and how surely. A number is an invoice's FULL number
 * only with the invoice's own prefix or one of the host's invoice prefixes (long numbers), or typed
 * alone with exactly the invoice's digit groups (long numbers). The same digits carried by another
 * document type or identifier (quote, credit note, order, SIRET, IBAN, date, phone) are reported
 * as such and never auto-apply; digits alone, short numbers and OCR'd digits are "partial".
 */
import type { Context } from './context.js'
import { sameCurrency } from './context.js'
import {
  DEFAULT_INVOICE_PREFIXES,
  extractMentions,
  invoiceShortKey,
  mentionKey,
  stripZeros,
  type InvoiceNumberParts,
  type Mention,
  type OtherDocument,
} from './invoice-references.js'
import type { LedgerIndex } from './ledger-index.js'
import { numberPartsOf, shortKeysOf } from './ledger-index.js'
import type { ClientResolution } from './client-resolution.js'
import type { Invoice, Payment } from './types.js'
import { foldWords } from '../text/fold.js'
import { applyCreditorReferences } from './creditor-reference-evidence.js'
import { applyReferenceHabits } from './reference-habit-evidence.js'

export type Where = 'référence' | 'libellé'
export type PartialWhy = 'digits-only' | 'short-number' | 'ocr' | 'inside' | 'rf-invalid'

export type ReferenceEvidence =
  | { kind: 'full'; where: Where; via?: 'rf' }
  | { kind: 'partial'; where: Where; why: PartialWhy; shown: string }
  | { kind: 'short' }
  | { kind: 'other'; where: Where; what: OtherDocument; shown: string }
  /** The number in the form this payer was learned to write it (reference-habits.ts): named, never a full reference. */
  | { kind: 'habit'; where: Where; shown: string; example: string; learnedOn: string }

/** Digits a number needs to name an invoice without the invoice's own prefix. */
export const MIN_FULL_DIGITS = 6

const RANK: Record<ReferenceEvidence['kind'], number> = { full: 3, habit: 2.5, partial: 2, short: 1, other: 0 }
const OTHER_DOCUMENTS: ReadonlySet<OtherDocument> = new Set(['devis', 'avoir', 'commande', 'contrat', 'livraison'])

const prefixSets = new WeakMap<readonly string[], ReadonlySet<string>>()

/** The host's invoice prefixes, folded ("N°" → "n", "FACT" → "fact"), as a set (cached per list). */
export function invoicePrefixSet(prefixes: readonly string[] = DEFAULT_INVOICE_PREFIXES): ReadonlySet<string> {
  let set = prefixSets.get(prefixes)
  if (!set) {
    set = new Set(prefixes.map((p) => foldWords(p).replace(/ /g, '')).filter((p) => p.length > 0))
    prefixSets.set(prefixes, set)
  }
  return set
}

export interface References {
  byInvoice: Map<string, ReferenceEvidence>
  namesOtherDocument: boolean
}

/** Invoices named in the transfer: numbers anywhere, short numbers only among the payer's invoices. */
export function findReferences(payment: Payment, index: LedgerIndex, resolution: ClientResolution | null, currency: string, prefixes: readonly string[]): References {
  const found = new Map<string, ReferenceEvidence>()
  const prefixSet = invoicePrefixSet(prefixes)
  let namesOtherDocument = false
  const shortTokens = new Set<string>()
  for (const [text, where] of [[payment.reference, 'référence'], [payment.label, 'libellé']] as const) {
    for (const mention of extractMentions(text, prefixSet)) {
      if (mention.carrier.kind === 'other' && OTHER_DOCUMENTS.has(mention.carrier.what)) namesOtherDocument = true
      if (mention.groups.length === 1 && mention.carrier.kind !== 'other' && !mention.ocr) shortTokens.add(stripZeros(mention.digits))
      const key = mentionKey(mention)
      if (!key) continue
      for (const invoice of index.invoicesByKey.get(key) ?? []) {
        if (!sameCurrency(invoice, currency)) continue
        const evidence = classify(mention, numberPartsOf(index, invoice), where)
        if (evidence) keepStrongest(found, invoice.id, evidence)
      }
    }
  }
  if (resolution && shortTokens.size > 0) {
    const own = shortKeysOf(index, resolution.clientId)
    for (const key of shortTokens) {
      for (const invoice of own.get(key) ?? []) {
        if (sameCurrency(invoice, currency) && invoiceShortKey(invoice.number)) keepStrongest(found, invoice.id, { kind: 'short' })
      }
    }
  }
  if (resolution) applyReferenceHabits(payment, index, resolution.clientId, currency, prefixSet, keepStrongest, found)
  applyCreditorReferences(payment, index, currency, found)
  return { byInvoice: found, namesOtherDocument }
}

function classify(mention: Mention, number: InvoiceNumberParts, where: Where): ReferenceEvidence | null {
  if (mention.digits !== number.digits) return null
  const shown = mention.groups.join('-')
  const ownPrefix = number.prefix !== '' && mention.prefix === number.prefix
  const long = number.digits.length >= MIN_FULL_DIGITS
  if (mention.ocr) return { kind: 'partial', where, why: 'ocr', shown }
  if (mention.carrier.kind === 'other' && !ownPrefix) return { kind: 'other', where, what: mention.carrier.what, shown }
  if (!mention.leading) return long ? { kind: 'partial', where, why: 'inside', shown } : null
  if (ownPrefix) return { kind: 'full', where }
  if (mention.carrier.kind === 'invoice') {
    return long ? { kind: 'full', where } : { kind: 'partial', where, why: 'short-number', shown }
  }
  const exactGroups = mention.groups.length === number.groups.length && mention.groups.every((g, i) => g === number.groups[i])
  if (long && exactGroups) return { kind: 'full', where }
  return number.digits.length >= 3 ? { kind: 'partial', where, why: long ? 'digits-only' : 'short-number', shown } : null
}

function keepStrongest(found: Map<string, ReferenceEvidence>, id: string, evidence: ReferenceEvidence): void {
  const current = found.get(id)
  if (!current || RANK[evidence.kind] > RANK[current.kind]) found.set(id, evidence)
}

/** The single client all fully named invoices belong to, if any. */
export function clientOfReferences({ references, index }: Context): string | null {
  let client: string | null | undefined
  for (const [id, evidence] of references) {
    if (evidence.kind !== 'full') continue
    const owner = index.invoicesById.get(id)?.clientId ?? null
    if (client === undefined) client = owner
    else if (client !== owner) return null
  }
  return client ?? null
}
