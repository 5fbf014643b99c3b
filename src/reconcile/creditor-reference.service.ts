/** The invoice's creditor reference (ISO 11649) as screens and e-mails show it. */
import { creditorReference, formatCreditorReference } from '../domain/matching/creditor-reference.js'
import type { Language } from '../domain/language.js'
import { reconcileTexts } from '../i18n/reconcile-texts.js'

/** "RF26 FACT 2026 001", or null for a number without one (none, or more than 21 letters and digits). */
export function printedCreditorReference(invoiceNumber: string): string | null {
  const reference = creditorReference(invoiceNumber)
  return reference ? formatCreditorReference(reference) : null
}

/** The e-mail line giving the invoice's reference in the e-mail's language, or nothing. */
export function creditorReferenceLine(invoiceNumber: string, language: Language): string {
  const printed = printedCreditorReference(invoiceNumber)
  return printed ? reconcileTexts(language).email.referenceLine(printed) : ''
}
