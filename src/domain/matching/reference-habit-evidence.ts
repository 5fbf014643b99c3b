/**
 * Reads the transfer with the identified payer's learned reference forms (reference-habits.ts): a
 * number written in that form names the client's invoice it stands for, as a suggestion reason
 * (REFERENCE_HABIT). Only the client the payer was identified as is looked at, so the panel (which
 * loads that client's invoices) and the batch answer alike.
 */
import { extractMentions } from './invoice-references.js'
import { invoicesByFormKeyOf, learnedFor, type LedgerIndex } from './ledger-index.js'
import { sameCurrency } from './context.js'
import { formKeyOfMention } from './reference-habits.js'
import type { ReferenceEvidence } from './reference-evidence.js'
import type { Payment } from './types.js'

export function applyReferenceHabits(
  payment: Payment,
  index: LedgerIndex,
  clientId: string,
  currency: string,
  prefixes: ReadonlySet<string>,
  keep: (found: Map<string, ReferenceEvidence>, id: string, evidence: ReferenceEvidence) => void,
  found: Map<string, ReferenceEvidence>,
): void {
  const forms = learnedFor(index.referenceForms, payment, clientId)
  if (!forms) return
  for (const [text, where] of [[payment.reference, 'référence'], [payment.label, 'libellé']] as const) {
    if (!text) continue
    for (const mention of extractMentions(text, prefixes)) {
      for (const learned of forms) {
        const key = formKeyOfMention(learned.form, mention)
        if (key === null) continue
        for (const invoice of invoicesByFormKeyOf(index, clientId, learned.form).get(key) ?? []) {
          if (!sameCurrency(invoice, currency)) continue
          keep(found, invoice.id, { kind: 'habit', where, shown: mention.groups.join('/'), example: learned.example, learnedOn: learned.learnedOn })
        }
      }
    }
  }
}
