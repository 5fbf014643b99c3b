import { z } from 'zod'
import { assertTimeZone, isIsoDay } from '../domain/dates.js'
import { parseForm } from '../domain/matching/reference-habits.js'

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

/**
 * What Maud's confirmations taught about a payer (docs/matching.md §3a), as `--config` reads it: additive
 * and optional on a history entry, refused in French when wrong (a new field speaks the team's language;
 * the older ones keep their words, consumers may read them).
 */
const LEARNED = {
  day: 'jour attendu au format AAAA-MM-JJ (ex. 2026-11-02)',
  forms: 'liste attendue de formes [{ form, example, learnedOn }]',
  formRow: 'forme attendue { form, example, learnedOn }',
  form: 'forme inconnue (attendu par exemple « fact:-1 » ou « :-1,-2y »)',
  example: "exemple attendu (le numéro tel que le payeur l'a écrit, ex. « FACT 123 »)",
  shortfall: 'montant attendu en centimes, entier supérieur à 0 (ex. 450 pour 4,50 €)',
}
const isKnownForm = (form: string) => parseForm(form) !== null
const isShortfall = (cents: number) => Number.isSafeInteger(cents) && cents > 0
const learnedDay = z.string({ error: LEARNED.day }).refine(isIsoDay, LEARNED.day)
const referenceForm = z.object(
  {
    form: z.string({ error: LEARNED.form }).refine(isKnownForm, LEARNED.form),
    example: z.string({ error: LEARNED.example }).min(1, LEARNED.example),
    learnedOn: learnedDay,
  },
  { error: LEARNED.formRow },
)

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
    .array(
      z.object({
        counterpartyName: z.string().nullish(),
        counterpartyIban: z.string().nullish(),
        clientId: z.string().min(1),
        /** Day of the confirmation that taught this payer to be this client's (reason CLIENT_LEARNED). */
        learnedOn: learnedDay.optional(),
        /** How this payer writes this client's invoice numbers (reason REFERENCE_HABIT). */
        referenceForms: z.array(referenceForm, { error: LEARNED.forms }).optional(),
        /** What this payer's payments for this client usually lack (reason AMOUNT_USUAL_SHORTFALL). */
        usualShortfallCents: z.number({ error: LEARNED.shortfall }).refine(isShortfall, LEARNED.shortfall).optional(),
      }),
    )
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

export type SuggestInputCheck = { success: true; data: SuggestInput } | { success: false; error: z.ZodError }

/**
 * Validates the input as suggestInputSchema does, without copying it when it is valid: the big
 * arrays (clients, invoices, history, transactions: 60,000 objects for a 20,000-payment batch) are
 * checked by hand against the same rules, in place, and the small parts (options, declines) by
 * their own schemas. The hand check accepts a subset of what the schema accepts (a date-time is
 * tested with the schema's own pattern); anything it does not accept goes through the whole schema,
 * so errors are worded exactly as before. Unknown keys stay on the objects (the schema strips
 * them): nothing reads them. Saves the schema's copy of a 20 MB document and most of its time.
 */
export function checkSuggestInput(json: unknown): SuggestInputCheck {
  const quick = acceptedAsIs(json)
  return quick ? { success: true, data: quick } : suggestInputSchema.safeParse(json)
}

const OPTIONS = suggestInputSchema.shape.options
const DECLINES = suggestInputSchema.shape.declines
const DATE_TIME = z.iso.datetime({ offset: true })
/** The schema's own pattern for that date-time (its check is this test; calling the schema per row costs 3×). */
const DATE_TIME_PATTERN: RegExp | undefined = DATE_TIME._zod.def.pattern
const isDateTime = (value: string) => (DATE_TIME_PATTERN ? DATE_TIME_PATTERN.test(value) : DATE_TIME.safeParse(value).success)
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/
const CURRENCY = /^[A-Z]{3}$/
const STATUSES: ReadonlySet<unknown> = new Set(['BROUILLON', 'ENVOYE', 'EN_ATTENTE', 'PARTIELLEMENT_PAYE', 'PAYE', 'ANNULE'])

type Row = Record<string, unknown>
const isRow = (value: unknown): value is Row => typeof value === 'object' && value !== null && !Array.isArray(value)
const isId = (value: unknown) => typeof value === 'string' && value.length > 0
const isNullishText = (value: unknown) => value === undefined || value === null || typeof value === 'string'
const isCents = (value: unknown) => typeof value === 'number' && Number.isSafeInteger(value)
const isCurrency = (value: unknown) => value === undefined || (typeof value === 'string' && CURRENCY.test(value))
const isDay = (value: unknown) => typeof value === 'string' && ISO_DAY.test(value)

function acceptedAsIs(json: unknown): SuggestInput | null {
  if (!isRow(json)) return null
  const { clients, invoices, history, transactions } = json
  if (!every(clients, isClient) || !every(invoices, isInvoice) || !every(transactions, isTransaction)) return null
  if (history !== undefined && !every(history, isHistoryEntry)) return null
  const options = json.options === undefined ? undefined : OPTIONS.safeParse(json.options)
  const declines = json.declines === undefined ? undefined : DECLINES.safeParse(json.declines)
  if (options?.success === false || declines?.success === false) return null
  return { ...json, options: options?.data, declines: declines?.data } as SuggestInput
}

function every(list: unknown, accepted: (row: Row) => boolean): boolean {
  if (!Array.isArray(list)) return false
  for (const row of list) if (!isRow(row) || !accepted(row)) return false
  return true
}

function isClient(c: Row): boolean {
  return isId(c.id) && typeof c.name === 'string' && (c.ibans === undefined || (Array.isArray(c.ibans) && c.ibans.every((iban) => typeof iban === 'string')))
}

function isInvoice(i: Row): boolean {
  return (
    isId(i.id) &&
    isId(i.number) &&
    isNullishText(i.clientId) &&
    isCents(i.totalCents) &&
    (i.totalCents as number) >= 0 &&
    (i.paidCents === undefined || (isCents(i.paidCents) && (i.paidCents as number) >= 0)) &&
    isCurrency(i.currency) &&
    isDay(i.issueDate) &&
    (i.dueDate === undefined || i.dueDate === null || isDay(i.dueDate)) &&
    (i.status === undefined || STATUSES.has(i.status))
  )
}

function isHistoryEntry(h: Row): boolean {
  return (
    isNullishText(h.counterpartyName) &&
    isNullishText(h.counterpartyIban) &&
    isId(h.clientId) &&
    (h.learnedOn === undefined || isLearnedDay(h.learnedOn)) &&
    (h.referenceForms === undefined || every(h.referenceForms, isReferenceForm)) &&
    (h.usualShortfallCents === undefined || (typeof h.usualShortfallCents === 'number' && isShortfall(h.usualShortfallCents)))
  )
}

const isLearnedDay = (value: unknown) => typeof value === 'string' && isIsoDay(value)

function isReferenceForm(f: Row): boolean {
  return typeof f.form === 'string' && isKnownForm(f.form) && typeof f.example === 'string' && f.example.length > 0 && isLearnedDay(f.learnedOn)
}

function isTransaction(t: Row): boolean {
  return (
    isId(t.id) &&
    isCents(t.amountCents) &&
    isCurrency(t.currency) &&
    (t.side === undefined || t.side === 'credit' || t.side === 'debit') &&
    isNullishText(t.label) &&
    isNullishText(t.reference) &&
    isNullishText(t.counterpartyName) &&
    isNullishText(t.counterpartyIban) &&
    (isDay(t.settledAt) || (typeof t.settledAt === 'string' && isDateTime(t.settledAt)))
  )
}
