/**
 * Qonto Business API shapes (../shared/qonto/API.md §3–§6), validated with zod: unknown extra
 * fields are tolerated, a missing required field is an error naming it.
 */
import { z } from 'zod'

const counterparty = z
  .object({
    counterparty_account_number: z.string().nullish(),
    counterparty_account_number_format: z.string().nullish(),
    counterparty_bank_identifier: z.string().nullish(),
    counterparty_bank_identifier_format: z.string().nullish(),
  })
  .nullish()

export const qontoTransactionSchema = z.object({
  id: z.string().min(1),
  transaction_id: z.string().nullish(),
  amount_cents: z.number().int().nonnegative(),
  currency: z.string().length(3),
  side: z.enum(['credit', 'debit']),
  operation_type: z.string(),
  status: z.string(),
  label: z.string().nullish(),
  clean_counterparty_name: z.string().nullish(),
  reference: z.string().nullish(),
  note: z.string().nullish(),
  settled_at: z.string().nullish(),
  emitted_at: z.string().nullish(),
  updated_at: z.string(),
  bank_account_id: z.string().nullish(),
  income: counterparty,
  swift_income: counterparty,
  transfer: counterparty,
  direct_debit_collection: counterparty,
})
export type QontoTransaction = z.infer<typeof qontoTransactionSchema>

export const paginationMetaSchema = z.object({
  current_page: z.number().int(),
  next_page: z.number().int().nullable(),
  prev_page: z.number().int().nullish(),
  total_pages: z.number().int().nullish(),
  total_count: z.number().int().nullish(),
  per_page: z.number().int().nullish(),
})

export const transactionListSchema = z.object({
  transactions: z.array(qontoTransactionSchema),
  meta: paginationMetaSchema,
})
export type TransactionListPage = z.infer<typeof transactionListSchema>

export const transactionResponseSchema = z.object({ transaction: qontoTransactionSchema })

export const organizationSchema = z.object({
  organization: z.object({
    id: z.string().nullish(),
    slug: z.string().nullish(),
    legal_name: z.string().nullish(),
    bank_accounts: z.array(
      z.object({ id: z.string().nullish(), slug: z.string().nullish(), iban: z.string(), name: z.string().nullish(), currency: z.string().nullish() }),
    ),
  }),
})
export type Organization = z.infer<typeof organizationSchema>['organization']

/** Errors come as `errors: [...]` or, on some endpoints, a single object; every field is optional. */
const errorEntry = z.object({ code: z.string().nullish(), detail: z.string().nullish(), message: z.string().nullish() }).loose()
export const errorBodySchema = z
  .object({ errors: z.union([z.array(errorEntry), errorEntry]).nullish(), trace_id: z.string().nullish(), message: z.string().nullish() })
  .loose()
