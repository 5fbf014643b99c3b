/**
 * Qonto Business API shapes (../shared/qonto/API.md §3–§6), validated with zod: unknown extra
 * fields are tolerated, a missing required field is an error naming it. What can never be valid is
 * refused here, at the edge: amounts that are not integer cents (or euros with at most 2 decimals)
 * within bounds, currencies that are not ISO 4217 codes, dates that are not real instants, text with
 * NUL characters or lone surrogates. Messages are in French.
 */
import { z } from 'zod'
import { parseIsoInstant } from '../domain/instant.js'
import { describeUnsafeText, unsafeTextReason } from '../domain/text/safe-text.js'
import { amountsAgree, eurosToCents, MAX_ABS_CENTS } from './amounts.js'
import { quickQontoTransaction } from './quick-check.js'

export { amountsAgree, eurosToCents, MAX_ABS_CENTS } from './amounts.js'

/** Text without NUL nor lone surrogates. */
export const safeText = () =>
  z.string().check((ctx) => {
    const reason = unsafeTextReason(ctx.value)
    if (reason) ctx.issues.push({ code: 'custom', message: `Texte ${describeUnsafeText(reason)}`, input: ctx.value })
  })

export const identifier = () => safeText().min(1).max(200)

/** Integer cents, non-negative (Qonto sends the direction in `side`), within bounds. */
export const centsSchema = z
  .number({ error: 'Montant en centimes attendu (nombre entier)' })
  .int({ error: 'Montant en centimes non entier' })
  .nonnegative({ error: 'Montant négatif (le sens est dans side)' })
  .lt(MAX_ABS_CENTS, { error: 'Montant hors limites' })

/** Euros with at most 2 decimals (number or decimal string), kept as sent. */
export const eurosSchema = z
  .union([z.number(), z.string()], { error: 'Montant attendu (nombre ou texte décimal)' })
  .refine((amount) => eurosToCents(amount) !== null, { error: 'Montant invalide : fini, positif, au plus 2 décimales et sous 10 milliards attendus' })

const AMOUNTS_DISAGREE = { error: 'amount et amount_cents ne correspondent pas', path: ['amount_cents'] }

/** ISO 4217 codes that name no currency: XXX (no currency) and XTS (testing). */
const NOT_CURRENCIES = new Set(['XXX', 'XTS'])

/** Three letters, normalised to upper case ("eur" → "EUR"). */
export const currencySchema = z
  .string({ error: 'Devise attendue' })
  .regex(/^[A-Za-z]{3}$/, { error: 'Devise invalide : code ISO 4217 de 3 lettres attendu' })
  .transform((code) => code.toUpperCase())
  .refine((code) => !NOT_CURRENCIES.has(code), { error: 'Devise invalide : ce code ISO 4217 ne désigne pas une monnaie' })

/** A real ISO-8601 instant between 1970 and 2200, kept as sent. */
export const instantSchema = z
  .string({ error: 'Date attendue' })
  .refine((text) => parseIsoInstant(text) !== null, { error: 'Date invalide : instant ISO 8601 réel entre 1970 et 2200 attendu' })

const counterparty = z
  .object({
    counterparty_account_number: safeText().nullish(),
    counterparty_account_number_format: safeText().nullish(),
    counterparty_bank_identifier: safeText().nullish(),
    counterparty_bank_identifier_format: safeText().nullish(),
  })
  .nullish()

export const qontoTransactionSchema = z
  .object({
    id: identifier(),
    transaction_id: safeText().nullish(),
    amount: eurosSchema.nullish(),
    amount_cents: centsSchema,
    currency: currencySchema,
    side: z.enum(['credit', 'debit']),
    operation_type: safeText(),
    status: safeText(),
    label: safeText().nullish(),
    clean_counterparty_name: safeText().nullish(),
    reference: safeText().nullish(),
    note: safeText().nullish(),
    settled_at: instantSchema.nullish(),
    emitted_at: instantSchema.nullish(),
    updated_at: instantSchema,
    bank_account_id: safeText().nullish(),
    income: counterparty,
    swift_income: counterparty,
    transfer: counterparty,
    direct_debit_collection: counterparty,
  })
  .refine(amountsAgree, AMOUNTS_DISAGREE)
export type QontoTransaction = z.infer<typeof qontoTransactionSchema>

export const paginationMetaSchema = z.object({
  current_page: z.number().int(),
  next_page: z.number().int().nullable(),
  prev_page: z.number().int().nullish(),
  total_pages: z.number().int().nullish(),
  total_count: z.number().int().nullish(),
  per_page: z.number().int().nullish(),
})

/** A transaction of a page that does not pass qontoTransactionSchema: kept aside with why, the rest of the page is used. */
export interface MalformedTransaction {
  /** Its `id` when it has a readable one. */
  qontoId: string | null
  bankAccountId: string | null
  updatedAt: string | null
  /** What is wrong, in French (field : problem ; …). */
  reason: string
  raw: unknown
}

const field = (item: unknown, name: string): string | null => {
  const value = item !== null && typeof item === 'object' ? (item as Record<string, unknown>)[name] : undefined
  return typeof value === 'string' && value.length > 0 && value.length <= 200 ? value : null
}

/** Each transaction of a page checked on its own: one malformed transaction never hides the others. */
export function partitionTransactions(items: unknown[]): { transactions: QontoTransaction[]; malformed: MalformedTransaction[] } {
  const transactions: QontoTransaction[] = []
  const malformed: MalformedTransaction[] = []
  for (const item of items) {
    const quick = quickQontoTransaction(item)
    if (quick) {
      transactions.push(quick)
      continue
    }
    const parsed = qontoTransactionSchema.safeParse(item)
    if (parsed.success) transactions.push(parsed.data)
    else {
      const reason = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || 'transaction'} : ${i.message}`).join(' ; ')
      malformed.push({ qontoId: field(item, 'id'), bankAccountId: field(item, 'bank_account_id'), updatedAt: field(item, 'updated_at'), reason, raw: item })
    }
  }
  return { transactions, malformed }
}

export const transactionListSchema = z
  .object({
    transactions: z.array(z.unknown()),
    meta: paginationMetaSchema,
  })
  .transform(({ transactions, meta }) => ({ meta, ...partitionTransactions(transactions) }))
export type TransactionListPage = z.infer<typeof transactionListSchema>

export const transactionResponseSchema = z.object({ transaction: qontoTransactionSchema })

export const organizationSchema = z.object({
  organization: z.object({
    id: z.string().nullish(),
    slug: z.string().nullish(),
    legal_name: z.string().nullish(),
    bank_accounts: z.array(
      z.object({ id: z.string().nullish(), slug: z.string().nullish(), iban: z.string(), name: z.string().nullish(), currency: z.string().nullish(), main: z.boolean().nullish(), status: z.string().nullish() }),
    ),
  }),
})
export type Organization = z.infer<typeof organizationSchema>['organization']

/** Errors come as `errors: [...]` or, on some endpoints, a single object; every field is optional. */
const errorEntry = z.object({ code: z.string().nullish(), detail: z.string().nullish(), message: z.string().nullish() }).loose()
export const errorBodySchema = z
  .object({ errors: z.union([z.array(errorEntry), errorEntry]).nullish(), trace_id: z.string().nullish(), message: z.string().nullish() })
  .loose()

/** "amount_cents : Montant hors limites ; currency : Devise invalide …" — the first issues, in French. */
export function describeIssues(error: z.ZodError, max = 3): string {
  return error.issues.slice(0, max).map((issue) => `${issue.path.join('.') || 'racine'} : ${issue.message}`).join(' ; ')
}
