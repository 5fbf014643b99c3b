/**
 * A payer's reference habit: the one mangled form in which they write this client's invoice numbers
 * ("FACT 123" or "123/2026" for F-2026-0123), learned from a payment Maud confirmed. A form says
 * which of the invoice number's digit groups the payer types, in which order, after which invoice
 * word: "fact:-1" is "fact" then the last group; ":-1,-2" is the last group then the one before.
 *
 * It is only looked for among the invoices of the client the payer was identified as, and only ever
 * names an invoice as a suggestion reason (REFERENCE_HABIT): never a full reference, so it never
 * makes anything automatic (auto-apply.ts), whatever else holds.
 */
import { extractMentions, parseInvoiceNumber, stripZeros, type InvoiceNumberParts, type Mention } from './invoice-references.js'

/** A learned form, as stored and as given to the matcher (HistoryEntry.referenceForms). */
export interface LearnedReferenceForm {
  /** "fact:-1", ":-1,-2y"… (parseForm). */
  form: string
  /** How the payer typed it on the confirmed payment ("FACT 123"). */
  example: string
  /** Business day of the confirmation it was learned from (YYYY-MM-DD). */
  learnedOn: string
}

interface Form {
  /** The invoice word before the number ("fact"), or "" when the number is typed bare. */
  carrier: string
  /** Each typed group: which of the invoice's groups (from the end: -1 is the last), and whether only its last two digits (a year). */
  parts: Array<{ group: number; twoDigits: boolean }>
}

/** The form of the mention in these texts that stands for this invoice's number, if the payer mangled it (null when typed as is, or not found). */
export function learnReferenceForm(texts: Array<string | null | undefined>, invoiceNumber: string, invoicePrefixes: ReadonlySet<string>): { form: string; example: string } | null {
  const number = parseInvoiceNumber(invoiceNumber)
  if (number.groups.length === 0) return null
  let best: { form: Form; mention: Mention } | null = null
  for (const text of texts) {
    for (const mention of extractMentions(text, invoicePrefixes)) {
      if (!mention.leading || mention.ocr || mention.carrier.kind === 'other') continue
      const form = formOf(mention, number)
      if (form && (!best || form.parts.length > best.form.parts.length)) best = { form, mention }
    }
  }
  if (!best) return null
  return { form: serialize(best.form), example: exampleOf(best.mention) }
}

/** The key this form gives an invoice number ("123-26"), or null when the number lacks a group the form types. */
export function formKeyOfInvoice(form: string, number: InvoiceNumberParts): string | null {
  const parsed = parseForm(form)
  if (!parsed) return null
  const values: string[] = []
  for (const part of parsed.parts) {
    const group = number.groups[number.groups.length + part.group]
    if (group === undefined) return null
    values.push(part.twoDigits ? stripZeros(group.slice(-2)) : stripZeros(group))
  }
  return values.join('-')
}

/** The key a mention gives under this form (same carrier, as many groups), or null when it is not written that way. */
export function formKeyOfMention(form: string, mention: Mention): string | null {
  const parsed = parseForm(form)
  if (!parsed || !mention.leading || mention.ocr || mention.carrier.kind === 'other') return null
  if (carrierOf(mention) !== parsed.carrier || mention.groups.length !== parsed.parts.length) return null
  return mention.groups.map(stripZeros).join('-')
}

/** A stored form, or null when it does not parse (then it names nothing). */
export function parseForm(text: string): Form | null {
  const match = /^([a-z]*):(-\d+y?(?:,-\d+y?)*)$/.exec(text)
  if (!match) return null
  const parts = match[2]!.split(',').map((p) => ({ group: Number.parseInt(p, 10), twoDigits: p.endsWith('y') }))
  return parts.every((p) => p.group < 0) ? { carrier: match[1]!, parts } : null
}

function serialize(form: Form): string {
  return `${form.carrier}:${form.parts.map((p) => `${p.group}${p.twoDigits ? 'y' : ''}`).join(',')}`
}

const carrierOf = (mention: Mention): string => (mention.carrier.kind === 'invoice' ? mention.prefix : '')

/**
 * How a mention relates to an invoice number: each typed group is one of the invoice's groups
 * (leading zeros aside), or the last two digits of a four-digit one (a year). It must type the
 * invoice's last group (its sequence number: a form without it would name a whole year), not be the
 * number typed as is (the matcher reads that already), and be specific enough: an invoice word in
 * front, or at least two groups, or three digits.
 */
function formOf(mention: Mention, number: InvoiceNumberParts): Form | null {
  const n = number.groups.length
  const used = new Set<number>()
  const parts: Form['parts'] = []
  for (const typed of mention.groups) {
    const value = stripZeros(typed)
    let found: Form['parts'][number] | null = null
    for (let i = n - 1; i >= 0 && !found; i -= 1) {
      if (used.has(i)) continue
      const group = number.groups[i]!
      if (stripZeros(group) === value) found = { group: i - n, twoDigits: false }
      else if (group.length === 4 && typed.length === 2 && group.slice(-2) === typed) found = { group: i - n, twoDigits: true }
      if (found) used.add(i)
    }
    if (!found) return null
    parts.push(found)
  }
  if (!parts.some((p) => p.group === -1 && !p.twoDigits)) return null
  const asIs = mention.groups.length === n && mention.groups.every((g, i) => g === number.groups[i])
  // Long numbers typed as they are are full references already (reference-evidence.ts, MIN_FULL_DIGITS).
  if (asIs && number.digits.length >= 6) return null
  const specific = carrierOf(mention) !== '' || parts.length >= 2 || mention.digits.length >= 3
  return specific ? { carrier: carrierOf(mention), parts } : null
}

function exampleOf(mention: Mention): string {
  const carrier = carrierOf(mention)
  return `${carrier ? `${carrier.toUpperCase()} ` : ''}${mention.groups.join(mention.groups.length > 1 ? '/' : '')}`
}
