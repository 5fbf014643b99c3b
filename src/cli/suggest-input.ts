import { z } from 'zod'
import { assertTimeZone } from '../domain/dates.js'

function isTimeZone(value: string): boolean {
  try {
    assertTimeZone(value)
    return true
  } catch {
    return false
  }
}

/** The `suggest` command's input contract (stable: other tools depend on it). */
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
const cents = z.number().int('expected integer').refine(Number.isSafeInteger, 'expected a safe integer')
const currency = z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code').optional()

export const suggestInputSchema = z.object({
  options: z
    .object({
      maxSuggestions: z.number().int().min(1).max(50).optional(),
      /** IANA time zone of the business day (default Europe/Paris). */
      timeZone: z.string().refine(isTimeZone, 'expected an IANA time zone such as Europe/Paris').optional(),
      /** The host's invoice prefixes (default: FACT, FAC, FA, F, INV, FACTURE, N°…). */
      invoicePrefixes: z.array(z.string().min(1)).max(50).optional(),
      /** The language of the texts (reasons' labels, notSureBecause): fr (default) or en. */
      language: z.enum(['fr', 'en']).optional(),
    })
    .optional(),
  clients: z.array(z.object({ id: z.string().min(1), name: z.string(), ibans: z.array(z.string()).optional() })),
  invoices: z.array(
    z.object({
      id: z.string().min(1),
      number: z.string().min(1),
      clientId: z.string().nullish(),
      totalCents: cents.refine((v) => v >= 0, 'expected >= 0'),
      paidCents: cents.refine((v) => v >= 0, 'expected >= 0').optional(),
      currency,
      issueDate: isoDay,
      dueDate: isoDay.nullish(),
      status: z.enum(['BROUILLON', 'ENVOYE', 'EN_ATTENTE', 'PARTIELLEMENT_PAYE', 'PAYE', 'ANNULE']).optional(),
    }),
  ),
  history: z
    .array(z.object({ counterpartyName: z.string().nullish(), counterpartyIban: z.string().nullish(), clientId: z.string().min(1) }))
    .optional(),
  /**
   * Suggestions Maud declined ("ne plus proposer"), as the panel stores them: for this payment (that
   * exact set of invoices) or for this payer and these invoices. The payer of a PAYEUR decline is
   * payerIban / payerName, else that of the transaction it names in this input.
   */
  declines: z
    .array(
      z.object({
        scope: z.enum(['PAIEMENT', 'PAYEUR']),
        transactionId: z.string().min(1),
        invoiceIds: z.array(z.string().min(1)).min(1),
        payerIban: z.string().nullish(),
        payerName: z.string().nullish(),
        by: z.string().optional(),
        at: z.iso.datetime({ offset: true, message: 'expected an ISO-8601 date-time' }).optional(),
      }),
    )
    .optional(),
  transactions: z.array(
    z.object({
      id: z.string().min(1),
      amountCents: cents,
      currency,
      side: z.enum(['credit', 'debit']).optional(),
      label: z.string().nullish(),
      reference: z.string().nullish(),
      counterpartyName: z.string().nullish(),
      counterpartyIban: z.string().nullish(),
      settledAt: z.iso.datetime({ offset: true, message: 'expected an ISO-8601 date-time' }).or(isoDay),
    }),
  ),
})

export type SuggestInput = z.infer<typeof suggestInputSchema>

/** "invoices[3].totalCents: expected integer" for each problem. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.reduce<string>(
      (text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${String(part)}` : String(part)),
      '',
    )
    return `${path || '(racine)'}: ${issue.message}`
  })
}
